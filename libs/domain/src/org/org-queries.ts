import type { IsoDate } from '@dondoc/calendar';
import type { Membership, OrgTree, OrgUnit, Person } from './org.types';
import { unitLevel } from './unit-type';

/** Whether something effective-dated exists on a date (validTo inclusive, null = open). */
export function isActiveOn(item: { validFrom: IsoDate; validTo: IsoDate | null }, date: IsoDate): boolean {
  return item.validFrom <= date && (item.validTo === null || date <= item.validTo);
}

/** The units that exist on a date, in file order. */
export function unitsActiveOn(tree: OrgTree, date: IsoDate): OrgUnit[] {
  return tree.units.filter((u) => isActiveOn(u, date));
}

/** Direct children of a unit; only those existing on `date` when one is given. */
export function childrenOf(tree: OrgTree, unitId: string, date?: IsoDate): OrgUnit[] {
  return tree.units.filter((u) => u.parentId === unitId && (date === undefined || isActiveOn(u, date)));
}

/** The level of a unit (0 Tỉnh ủy and its bodies, 1 đảng bộ trực thuộc…, 2 grassroots, 3 cells). */
export function levelOf(tree: OrgTree, unitId: string): number | undefined {
  const unit = tree.units.find((u) => u.id === unitId);
  return unit && unitLevel(unit.type);
}

/** People with a membership of the unit on the date, each with that membership. */
export function membersOn(
  tree: OrgTree,
  unitId: string,
  date: IsoDate,
): { person: Person; membership: Membership }[] {
  return tree.people.flatMap((person) =>
    person.memberships
      .filter((m) => m.unitId === unitId && isActiveOn(m, date))
      .map((membership) => ({ person, membership })),
  );
}
