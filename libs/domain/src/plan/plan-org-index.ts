import type { IsoDate } from '@dondoc/calendar';
import type { OrgTree, OrgUnit, Person } from '../org/org.types';
import { UNIT_TYPES, UnitType } from '../org/unit-type';

export interface EffectiveDated {
  validFrom: IsoDate;
  /** Inclusive; null = still valid. */
  validTo: IsoDate | null;
}

/** Which units and memberships count: those existing on a day, or at some time in a window. */
export type Existence = (item: EffectiveDated) => boolean;

export function existingOn(date: IsoDate): Existence {
  return (item) => item.validFrom <= date && (item.validTo === null || date <= item.validTo);
}

export function existingDuring(from: IsoDate, to: IsoDate): Existence {
  return (item) => item.validFrom <= to && (item.validTo === null || from <= item.validTo);
}

/**
 * The org tree indexed once for the expansion: a province has ~10,000 units and ~156,000 people, so
 * every lookup the expansion repeats per period is a map access, never a scan of the tree.
 */
export class OrgIndex {
  readonly unitsById = new Map<string, OrgUnit>();
  private readonly children = new Map<string, OrgUnit[]>();
  private readonly byType = new Map<UnitType, OrgUnit[]>();

  constructor(readonly tree: OrgTree) {
    for (const unit of tree.units) {
      this.unitsById.set(unit.id, unit);
      push(this.byType, unit.type, unit);
      if (unit.parentId !== null) push(this.children, unit.parentId, unit);
    }
  }

  get units(): readonly OrgUnit[] {
    return this.tree.units;
  }

  get people(): readonly Person[] {
    return this.tree.people;
  }

  ofTypes(types: readonly UnitType[], exists: Existence): OrgUnit[] {
    return types.flatMap((t) => this.byType.get(t) ?? []).filter(exists);
  }

  ofLevels(levels: readonly number[], except: readonly UnitType[], exists: Existence): OrgUnit[] {
    const types = (Object.keys(UNIT_TYPES) as UnitType[]).filter(
      (t) => levels.includes(UNIT_TYPES[t].level) && !except.includes(t),
    );
    return this.ofTypes(types, exists);
  }

  childrenOn(parentId: string, types: readonly UnitType[], exists: Existence): OrgUnit[] {
    return (this.children.get(parentId) ?? []).filter((u) => types.includes(u.type) && exists(u));
  }

  /** The unit of one of `types` the person belongs to (the first such membership), or null. */
  cellOf(person: Person, types: readonly UnitType[], exists: Existence): OrgUnit | null {
    for (const m of person.memberships) {
      if (!exists(m)) continue;
      const unit = this.unitsById.get(m.unitId);
      if (unit && types.includes(unit.type) && exists(unit)) return unit;
    }
    return null;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
