import type { FieldProblem } from '@dondoc/domain';
import { passwordProblems } from '@dondoc/persistence';

/** The password policy as field problems (422 naming the field): at least 10 characters, not the username. */
export function passwordPolicyProblems(field: string, password: string, username: string): FieldProblem[] {
  return passwordProblems(password, username).map((reason) => ({ field, reason }));
}
