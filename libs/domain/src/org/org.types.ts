import type { IsoDate } from '@dondoc/calendar';
import type { UnitType } from './unit-type';

export type Language = 'vi' | 'en';

/** Someone who receives a unit's mail (a head of unit or an officer). */
export interface Contact {
  name: string;
  email: string;
  role: 'head' | 'officer';
  language: Language;
  /** One digest mail per working day instead of one mail per event. */
  digest: boolean;
}

/**
 * A node of the org tree. Effective dating: a unit exists on [validFrom, validTo] (validTo inclusive,
 * null = still exists), so the tree can be reorganised during a term while history stays true.
 */
export interface OrgUnit {
  id: string;
  name: string;
  type: UnitType;
  parentId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  contacts: Contact[];
}

export type PersonKind = 'party-member' | 'cadre';

/** A person's membership of a party cell (or other unit), effective-dated like units. */
export interface Membership {
  unitId: string;
  role: 'member' | 'secretary' | 'deputy-secretary';
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** A party member or cadre; owes a yearly commitment registration at their cell. Personal data. */
export interface Person {
  id: string;
  name: string;
  email: string | null;
  kind: PersonKind;
  language: Language;
  memberships: Membership[];
}

/** A whole org tree as imported, exported and handed to the plan engine. */
export interface OrgTree {
  units: OrgUnit[];
  people: Person[];
}
