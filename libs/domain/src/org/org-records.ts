import type { IsoDate } from '@dondoc/calendar';
import { FieldReader } from './org-fields';
import type { FieldLocator, ProblemList } from './org-problems';
import type { Contact, Language, Membership, PersonKind } from './org.types';
import { UNIT_TYPE_IDS, UnitType } from './unit-type';

/**
 * Records as read from a file, before the whole-tree rules ran. A field is `undefined` when it was
 * unusable (its problem is already recorded), so the tree rules can skip what they cannot judge
 * instead of piling follow-up errors on one typo.
 */
export interface UnitDraft {
  at: FieldLocator;
  id?: string;
  name?: string;
  type?: UnitType;
  parentId?: string | null;
  validFrom?: IsoDate;
  validTo?: IsoDate | null;
  contacts: ContactDraft[];
}

export interface ContactDraft {
  at: FieldLocator;
  value?: Contact;
}

export interface MembershipDraft {
  at: FieldLocator;
  unitId?: string;
  role?: Membership['role'];
  validFrom?: IsoDate;
  validTo?: IsoDate | null;
}

export interface PersonDraft {
  at: FieldLocator;
  id?: string;
  name?: string;
  email?: string | null;
  kind?: PersonKind;
  language?: Language;
  memberships: MembershipDraft[];
}

export const LANGUAGES: readonly Language[] = ['vi', 'en'];
export const CONTACT_ROLES: readonly Contact['role'][] = ['head', 'officer'];
export const PERSON_KINDS: readonly PersonKind[] = ['party-member', 'cadre'];
export const MEMBERSHIP_ROLES: readonly Membership['role'][] = ['member', 'secretary', 'deputy-secretary'];

type Raw = Record<string, unknown>;

export function readUnit(raw: Raw, at: FieldLocator, problems: ProblemList): UnitDraft {
  const read = new FieldReader(at, problems);
  return {
    at,
    id: read.id('id', raw.id),
    name: read.name('name', raw.name),
    type: read.oneOf('type', raw.type, UNIT_TYPE_IDS),
    parentId: read.optionalId('parentId', raw.parentId),
    ...read.validity({ validFrom: raw.validFrom, validTo: raw.validTo }),
    contacts: [],
  };
}

export function readContact(raw: Raw, at: FieldLocator, problems: ProblemList): ContactDraft {
  const read = new FieldReader(at, problems);
  const name = read.name('name', raw.name);
  const email = read.email('email', raw.email);
  const role = read.oneOf('role', raw.role, CONTACT_ROLES);
  const language = read.oneOf('language', raw.language, LANGUAGES, 'vi');
  const digest = read.boolean('digest', raw.digest, false);
  const complete = name && email && role && language && digest !== undefined;
  return { at, value: complete ? { name, email, role, language, digest } : undefined };
}

export function readPerson(raw: Raw, at: FieldLocator, problems: ProblemList): PersonDraft {
  const read = new FieldReader(at, problems);
  return {
    at,
    id: read.id('id', raw.id),
    name: read.name('name', raw.name),
    email: read.optionalEmail('email', raw.email),
    kind: read.oneOf('kind', raw.kind, PERSON_KINDS),
    language: read.oneOf('language', raw.language, LANGUAGES, 'vi'),
    memberships: [],
  };
}

export function readMembership(raw: Raw, at: FieldLocator, problems: ProblemList): MembershipDraft {
  const read = new FieldReader(at, problems);
  return {
    at,
    unitId: read.id('unitId', raw.unitId),
    role: read.oneOf('role', raw.role, MEMBERSHIP_ROLES, 'member'),
    ...read.validity({ validFrom: raw.validFrom, validTo: raw.validTo }),
  };
}
