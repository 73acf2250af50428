import type { FieldProblem } from '@dondoc/domain';

/** RFC 9457 problem details, the body of every API error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The fields at fault, each with its reason. */
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const PROBLEM_TYPES = {
  validation: 'https://dondoc.local/problems/validation',
  notFound: 'https://dondoc.local/problems/not-found',
  conflict: 'https://dondoc.local/problems/conflict',
  forbidden: 'https://dondoc.local/problems/forbidden',
  unavailable: 'https://dondoc.local/problems/unavailable',
  internal: 'https://dondoc.local/problems/internal',
  http: 'about:blank',
} as const;
