import type { OrgUnit, Person } from '../org/org.types';
import type { UnitType } from '../org/unit-type';
import { Existence, OrgIndex } from './plan-org-index';
import type { AssigneeSelector } from './plan.types';

/** An assignee as resolved on the org: a unit, or a person with the cell they belong to. */
export type ResolvedAssignee =
  { kind: 'unit'; unit: OrgUnit } | { kind: 'person'; person: Person; cell: OrgUnit };

/**
 * Who a selector names among the units (and memberships) that exist (on a day, or in a window for
 * event-driven obligations). The cascade's
 * selector (children-of-parent-assignees) needs the parent's deliverables and is resolved by the
 * expansion itself.
 */
export function resolveAssignees(
  selector: AssigneeSelector,
  index: OrgIndex,
  exists: Existence,
): ResolvedAssignee[] {
  switch (selector.kind) {
    case 'unit-types':
      return units(index.ofTypes(selector.unitTypes, exists));
    case 'levels':
      return units(index.ofLevels(selector.levels, selector.exceptUnitTypes ?? [], exists));
    case 'units':
      return units(
        selector.units
          .map((id) => index.unitsById.get(id))
          .filter((u): u is OrgUnit => u !== undefined && exists(u)),
      );
    case 'cell-members':
      return membersOfCells(index, selector.cellTypes, exists);
    case 'children-of-parent-assignees':
      return [];
  }
}

function units(list: OrgUnit[]): ResolvedAssignee[] {
  return list.map((unit) => ({ kind: 'unit', unit }));
}

function membersOfCells(
  index: OrgIndex,
  cellTypes: readonly UnitType[],
  exists: Existence,
): ResolvedAssignee[] {
  const result: ResolvedAssignee[] = [];
  for (const person of index.people) {
    const cell = index.cellOf(person, cellTypes, exists);
    if (cell) result.push({ kind: 'person', person, cell });
  }
  return result;
}
