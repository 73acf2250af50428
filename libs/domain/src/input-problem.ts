import { DomainException } from './domain-exception';

/**
 * One thing wrong with an input file (plan definition, org import, calendar notice…): where it is
 * and why. `location` is a JSON pointer (`/obligations/3/due`) for JSON/YAML or `row 12` for CSV.
 */
export interface InputProblem {
  file: string;
  location: string;
  field?: string;
  reason: string;
}

export function formatInputProblem(p: InputProblem): string {
  return `${p.file}: ${p.location}${p.field ? ` (${p.field})` : ''}: ${p.reason}`;
}

/** A whole input refused; carries every problem found, not just the first. Nothing was written. */
export class InputRejectedException extends DomainException {
  constructor(readonly inputProblems: InputProblem[]) {
    super(
      'validation',
      `${inputProblems.length} problem(s):\n${inputProblems.map(formatInputProblem).join('\n')}`,
      inputProblems.map((p) => ({
        field: `${p.file}:${p.location}${p.field ? `:${p.field}` : ''}`,
        reason: p.reason,
      })),
    );
    this.name = 'InputRejectedException';
  }
}
