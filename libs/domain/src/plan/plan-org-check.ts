import type { OrgTree } from '../org/org.types';
import type { PlanProblem } from './plan-problems';
import type { PlanDefinition } from './plan.types';

/**
 * Unit ids the plan names (issuer, collectors, explicit assignee lists) that the org tree does not
 * have. A plan is checked against its org only when expanded: the file itself is org-independent.
 */
export function planOrgProblems(plan: PlanDefinition, org: OrgTree): PlanProblem[] {
  const ids = new Set(org.units.map((u) => u.id));
  const problems: PlanProblem[] = [];
  const check = (id: string, path: string) => {
    if (!ids.has(id)) problems.push({ path, reason: `unit "${id}" is not in the org tree` });
  };
  check(plan.issuer, '/issuer');
  plan.obligations.forEach((o, i) => {
    if (o.collector.kind === 'unit') check(o.collector.unit, `/obligations/${i}/collector/unit`);
    if (o.assignees.kind === 'units')
      o.assignees.units.forEach((id, j) => check(id, `/obligations/${i}/assignees/units/${j}`));
  });
  return problems;
}
