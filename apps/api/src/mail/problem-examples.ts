import { PROBLEM_TYPES } from '../common/problem';

type ProblemType = keyof typeof PROBLEM_TYPES;

/** An example problem body for the OpenAPI document. */
export function problemExample(
  kind: ProblemType,
  status: number,
  title: string,
  detail: string,
  instance: string,
  errors?: { field: string; reason: string }[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: PROBLEM_TYPES[kind],
    title,
    status,
    detail,
    instance,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}
