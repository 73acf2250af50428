import { InputProblem, InputRejectedException } from '../input-problem';

/** One thing wrong with a plan file: where (JSON pointer and, when known, the 1-based line) and why. */
export interface PlanProblem {
  path: string;
  reason: string;
  line?: number;
}

/** `file:line: /path: reason`, the shape editors and CI logs turn into a link. */
export function formatPlanProblem(file: string, p: PlanProblem): string {
  return `${file}${p.line ? `:${p.line}` : ''}: ${p.path || '/'}: ${p.reason}`;
}

/**
 * A plan refused, with every problem. It is an InputRejectedException (the API answers 422 with
 * `errors`); the line number is written into each reason there, since InputProblem has no line, and
 * kept apart in `planProblems` for the command line.
 */
export class PlanRejectedException extends InputRejectedException {
  constructor(
    readonly file: string,
    readonly planProblems: PlanProblem[],
  ) {
    super(planProblems.map((p): InputProblem => toInputProblem(file, p)));
    this.name = 'PlanRejectedException';
  }
}

function toInputProblem(file: string, p: PlanProblem): InputProblem {
  return { file, location: p.path || '/', reason: p.line ? `line ${p.line}: ${p.reason}` : p.reason };
}
