import type { IsoDate } from '@dondoc/calendar';
import { allowedParentTypes } from './org-hierarchy';
import type { FieldLocator, ProblemList } from './org-problems';
import type { PersonDraft, UnitDraft } from './org-records';
import type { Contact, OrgTree, OrgUnit, Person } from './org.types';

/**
 * How to read an org file. `existingUnits`: units already stored, for a merge import whose units
 * hang under (or whose people belong to) units that are not in the file. A unit of the file
 * replaces an existing unit with the same id.
 */
export interface OrgParseOptions {
  existingUnits?: readonly OrgUnit[];
}
import { UNIT_TYPES } from './unit-type';

interface Validity {
  validFrom?: IsoDate;
  validTo?: IsoDate | null;
}

/**
 * Rules that need the whole tree: unique ids, existing parents of the right level, no cycles, children
 * and memberships inside their unit's validity. Runs on drafts with unusable fields left out, so every
 * problem of a file is reported in one pass.
 */
export function checkTreeRules(
  units: UnitDraft[],
  people: PersonDraft[],
  problems: ProblemList,
  options: OrgParseOptions = {},
): void {
  const byId = indexById(units, problems, 'unit');
  for (const existing of options.existingUnits ?? [])
    if (!byId.has(existing.id)) byId.set(existing.id, storedUnitDraft(existing));
  for (const unit of units) {
    checkParent(unit, byId, problems);
    checkContacts(unit, problems);
  }
  checkCycles(units, byId, problems);
  indexById(people, problems, 'person');
  for (const person of people) {
    for (const membership of person.memberships) {
      if (!membership.unitId) continue;
      const unit = byId.get(membership.unitId);
      if (!unit) problems.add(membership.at, 'unitId', `no unit with id "${membership.unitId}"`);
      else checkInside(membership, membership.at, unit, 'unit', problems);
    }
  }
}

/** A stored unit in the role of a draft; problems are never reported at it, only at file records. */
function storedUnitDraft(unit: OrgUnit): UnitDraft {
  const at: FieldLocator = (field) => ({ file: '(stored units)', location: unit.id, field });
  return { ...unit, at, contacts: [] };
}

function indexById<T extends { id?: string; at: FieldLocator }>(
  records: T[],
  problems: ProblemList,
  what: string,
): Map<string, T> {
  const byId = new Map<string, T>();
  for (const record of records) {
    if (!record.id) continue;
    const first = byId.get(record.id);
    if (first)
      problems.add(
        record.at,
        'id',
        `duplicate ${what} id "${record.id}" (first at ${first.at('id').location})`,
      );
    else byId.set(record.id, record);
  }
  return byId;
}

function checkParent(unit: UnitDraft, byId: Map<string, UnitDraft>, problems: ProblemList): void {
  const allowed = unit.type ? allowedParentTypes(unit.type) : undefined;
  if (unit.parentId === null) {
    if (allowed)
      problems.add(
        unit.at,
        'parentId',
        `is required: a ${unit.type} must be under a ${allowed.join(' or ')}`,
      );
    return;
  }
  if (unit.parentId === undefined || unit.parentId === unit.id) return; // bad id, or a cycle reported below
  const parent = byId.get(unit.parentId);
  if (!parent) {
    problems.add(unit.at, 'parentId', `no unit with id "${unit.parentId}"`);
    return;
  }
  if (allowed === null)
    problems.add(unit.at, 'parentId', `a ${unit.type} is a root and cannot have a parent`);
  else if (allowed && parent.type && !allowed.includes(parent.type))
    problems.add(
      unit.at,
      'parentId',
      `a ${unit.type} (level ${UNIT_TYPES[unit.type!].level}) cannot be under "${parent.id}", a ${parent.type} ` +
        `(level ${UNIT_TYPES[parent.type].level}); its parent must be a ${allowed.join(' or ')}`,
    );
  checkInside(unit, unit.at, parent, 'parent', problems);
}

/** A child (or a membership) must exist only while its parent (or unit) exists. */
function checkInside(
  child: Validity,
  at: FieldLocator,
  container: Validity & { id?: string },
  what: string,
  problems: ProblemList,
): void {
  if (
    !child.validFrom ||
    !container.validFrom ||
    child.validTo === undefined ||
    container.validTo === undefined
  )
    return;
  if (child.validFrom < container.validFrom)
    problems.add(
      at,
      'validFrom',
      `${child.validFrom} is before its ${what} "${container.id}" exists (from ${container.validFrom})`,
    );
  if (container.validTo !== null && (child.validTo === null || child.validTo > container.validTo))
    problems.add(
      at,
      'validTo',
      `${child.validTo ?? 'open end'} is after its ${what} "${container.id}" ends (${container.validTo}); set validTo on or before that date`,
    );
}

function checkContacts(unit: UnitDraft, problems: ProblemList): void {
  const seen = new Set<string>();
  for (const contact of unit.contacts) {
    if (!contact.value) continue;
    const email = contact.value.email.toLowerCase();
    if (seen.has(email))
      problems.add(contact.at, 'email', `${contact.value.email} is already a contact of this unit`);
    seen.add(email);
  }
}

/** Walks every parent chain once (white/grey/black marking), reporting each loop at one of its units. */
function checkCycles(units: UnitDraft[], byId: Map<string, UnitDraft>, problems: ProblemList): void {
  const done = new Set<string>();
  for (const start of units) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: UnitDraft | undefined = start;
    while (current?.id && !done.has(current.id)) {
      if (onPath.has(current.id)) {
        const loop = [...path.slice(path.indexOf(current.id)), current.id];
        const reportAt = current.at('id').file === '(stored units)' ? start.at : current.at;
        problems.add(reportAt, 'parentId', `the parent chain loops back to itself: ${loop.join(' → ')}`);
        break;
      }
      path.push(current.id);
      onPath.add(current.id);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    path.forEach((id) => done.add(id));
  }
}

/** Turns drafts into the tree once no problem was found (every field is then present). */
export function buildTree(units: UnitDraft[], people: PersonDraft[]): OrgTree {
  return {
    units: units.map((u): OrgUnit => ({
      id: u.id!,
      name: u.name!,
      type: u.type!,
      parentId: u.parentId!,
      validFrom: u.validFrom!,
      validTo: u.validTo!,
      contacts: u.contacts.map((c) => c.value as Contact),
    })),
    people: people.map((p): Person => ({
      id: p.id!,
      name: p.name!,
      email: p.email!,
      kind: p.kind!,
      language: p.language!,
      memberships: p.memberships.map((m) => ({
        unitId: m.unitId!,
        role: m.role!,
        validFrom: m.validFrom!,
        validTo: m.validTo!,
      })),
    })),
  };
}
