/** What kind of refusal; the API maps each code to one HTTP status in one place. */
export type DomainErrorCode = 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unavailable';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** A business refusal: carries the fields it concerns so every layer can name them. */
export class DomainException extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
    /** Extra members of the problem body, e.g. `current`: the state a stale write was refused against. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainException';
  }

  static validation(problems: FieldProblem[]): DomainException {
    return new DomainException(
      'validation',
      problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
      problems,
    );
  }
}
