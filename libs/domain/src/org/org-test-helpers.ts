import { InputProblem, InputRejectedException } from '../input-problem';

/** The problems a refused input reports; fails the test when the input was accepted. */
export function problemsOf(run: () => unknown): InputProblem[] {
  try {
    run();
  } catch (e) {
    if (e instanceof InputRejectedException) return e.inputProblems;
    throw e;
  }
  throw new Error('expected the input to be refused, but it was accepted');
}
