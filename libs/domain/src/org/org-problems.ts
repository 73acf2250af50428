import { InputProblem, InputRejectedException } from '../input-problem';

/**
 * Where one field of one record lives in its file. Each format names places its own way
 * (a JSON pointer and a camelCase field, or a CSV row and a snake_case column), so the rules
 * that are shared by both formats ask the locator instead of building locations themselves.
 */
export type FieldLocator = (field: string) => Omit<InputProblem, 'reason'>;

/** Collects every problem of an input, so a refusal lists them all instead of the first. */
export class ProblemList {
  readonly items: InputProblem[] = [];

  add(at: FieldLocator, field: string, reason: string): void {
    this.items.push({ ...at(field), reason });
  }

  addRaw(problem: InputProblem): void {
    this.items.push(problem);
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  throwIfAny(): void {
    if (!this.isEmpty) throw new InputRejectedException(this.items);
  }
}
