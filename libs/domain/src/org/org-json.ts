import { show } from './org-fields';
import { FieldLocator, ProblemList } from './org-problems';
import { readContact, readMembership, readPerson, readUnit, PersonDraft, UnitDraft } from './org-records';
import { buildTree, checkTreeRules, OrgParseOptions } from './org-rules';
import type { OrgTree } from './org.types';

/** The `format` value of an org file; a future incompatible format gets a new number. */
export const ORG_JSON_FORMAT = 'dondoc-org/1';

const TOP_FIELDS = ['format', 'note', 'units', 'people'];
const UNIT_FIELDS = ['id', 'name', 'type', 'parentId', 'validFrom', 'validTo', 'contacts'];
const CONTACT_FIELDS = ['name', 'email', 'role', 'language', 'digest'];
const PERSON_FIELDS = ['id', 'name', 'email', 'kind', 'language', 'memberships'];
const MEMBERSHIP_FIELDS = ['unitId', 'role', 'validFrom', 'validTo'];

type Raw = Record<string, unknown>;

/** `/units/3` + `parentId` → `/units/3/parentId`, the JSON pointer (RFC 6901) of the field. */
function pointer(file: string, base: string): FieldLocator {
  return (field) => ({ file, location: `${base}/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`, field });
}

/**
 * Parses and validates an org file (`{"format": "dondoc-org/1", "units": [...], "people": [...]}`).
 * Throws InputRejectedException listing every problem with its JSON pointer; returns the tree otherwise.
 */
export function parseOrgJson(text: string, file: string, options: OrgParseOptions = {}): OrgTree {
  const problems = new ProblemList();
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    problems.addRaw({ file, location: '/', reason: `not valid JSON: ${(e as Error).message}` });
    problems.throwIfAny();
  }
  if (!isObject(doc)) {
    problems.addRaw({ file, location: '/', reason: 'must be a JSON object {"format", "units", "people"}' });
    problems.throwIfAny();
  }
  const top = doc as Raw;
  const at = (base: string) => pointer(file, base);
  rejectUnknownFields(top, TOP_FIELDS, at(''), problems);
  if (top.format !== ORG_JSON_FORMAT)
    problems.add(at(''), 'format', `must be "${ORG_JSON_FORMAT}", got ${show(top.format)}`);
  if (top.note !== undefined && typeof top.note !== 'string') problems.add(at(''), 'note', 'must be text');

  const units: UnitDraft[] = arrayOf(top.units, at(''), 'units', problems, true).flatMap((raw, i) => {
    const unitAt = at(`/units/${i}`);
    if (!objectAt(raw, at('/units'), String(i), problems)) return [];
    rejectUnknownFields(raw, UNIT_FIELDS, unitAt, problems);
    const unit = readUnit(raw, unitAt, problems);
    unit.contacts = arrayOf(raw.contacts, unitAt, 'contacts', problems).flatMap((c, j) => {
      const contactAt = at(`/units/${i}/contacts/${j}`);
      if (!objectAt(c, at(`/units/${i}/contacts`), String(j), problems)) return [];
      rejectUnknownFields(c, CONTACT_FIELDS, contactAt, problems);
      return [readContact(c, contactAt, problems)];
    });
    return [unit];
  });

  const people: PersonDraft[] = arrayOf(top.people, at(''), 'people', problems).flatMap((raw, i) => {
    const personAt = at(`/people/${i}`);
    if (!objectAt(raw, at('/people'), String(i), problems)) return [];
    rejectUnknownFields(raw, PERSON_FIELDS, personAt, problems);
    const person = readPerson(raw, personAt, problems);
    person.memberships = arrayOf(raw.memberships, personAt, 'memberships', problems).flatMap((m, j) => {
      const membershipAt = at(`/people/${i}/memberships/${j}`);
      if (!objectAt(m, at(`/people/${i}/memberships`), String(j), problems)) return [];
      rejectUnknownFields(m, MEMBERSHIP_FIELDS, membershipAt, problems);
      return [readMembership(m, membershipAt, problems)];
    });
    return [person];
  });

  checkTreeRules(units, people, problems, options);
  problems.throwIfAny();
  return buildTree(units, people);
}

/** The org file of a tree, keys in the documented order, two-space indented, ending with a newline. */
export function serializeOrgJson(tree: OrgTree): string {
  const doc = {
    format: ORG_JSON_FORMAT,
    units: tree.units.map((u) => ({
      id: u.id,
      name: u.name,
      type: u.type,
      parentId: u.parentId,
      validFrom: u.validFrom,
      validTo: u.validTo,
      contacts: u.contacts.map((c) => ({
        name: c.name,
        email: c.email,
        role: c.role,
        language: c.language,
        digest: c.digest,
      })),
    })),
    people: tree.people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      kind: p.kind,
      language: p.language,
      memberships: p.memberships.map((m) => ({
        unitId: m.unitId,
        role: m.role,
        validFrom: m.validFrom,
        validTo: m.validTo,
      })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, parent: FieldLocator, key: string, problems: ProblemList): value is Raw {
  if (isObject(value)) return true;
  const { file, location } = parent(key);
  problems.addRaw({ file, location, reason: `must be an object, got ${show(value)}` });
  return false;
}

function arrayOf(
  value: unknown,
  at: FieldLocator,
  field: string,
  problems: ProblemList,
  required = false,
): unknown[] {
  if (value === undefined && !required) return [];
  if (Array.isArray(value)) return value;
  problems.add(
    at,
    field,
    value === undefined ? 'is required (an array)' : `must be an array, got ${show(value)}`,
  );
  return [];
}

function rejectUnknownFields(raw: Raw, known: string[], at: FieldLocator, problems: ProblemList): void {
  for (const key of Object.keys(raw))
    if (!known.includes(key)) problems.add(at, key, `unknown field (expected ${known.join(', ')})`);
}

/**
 * Validates a tree that did not come from a file (an API body, a generated tree, a tree about to be
 * stored): the same rules as an org file, problems located by JSON pointer into the tree.
 */
export function validateOrgTree(tree: OrgTree, source: string, options: OrgParseOptions = {}): OrgTree {
  return parseOrgJson(serializeOrgJson(tree), source, options);
}
