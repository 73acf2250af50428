import type { DataSource, EntityManager } from 'typeorm';
import { addDays, IsoDate, vnDateOf } from '@dondoc/calendar';
import { Contact, Membership, OrgTree, OrgUnit, Person, UnitType, validateOrgTree } from '@dondoc/domain';
import * as steps from './org-import.steps';
import type { TableChanges } from './org-import.steps';

export type { TableChanges } from './org-import.steps';

/** `replace`: the database becomes the import (absent units closed, see below). `merge`: add and update only. */
export type OrgImportMode = 'replace' | 'merge';
export const ORG_IMPORT_MODES: readonly OrgImportMode[] = ['replace', 'merge'];

export interface OrgImportResult {
  mode: OrgImportMode;
  units: TableChanges & { closed: string[]; closedLastDay: IsoDate | null };
  contacts: TableChanges & { keptBecauseMailed: number };
  people: TableChanges & { keptBecauseReferenced: string[] };
  memberships: TableChanges;
  /** Sentences for the person who imported: what was kept or closed instead of deleted, and why. */
  notes: string[];
}

export interface UnitQuery {
  type?: UnitType;
  parentId?: string;
  asOf?: IsoDate;
  page: number;
  pageSize: number;
}

interface UnitRow {
  id: string;
  name: string;
  type: UnitType;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
}
interface ContactRow extends Contact {
  unit_id: string;
}
interface MembershipRow extends Membership {
  person_id: string;
}

const ACTIVE_ON = (alias: string, param: string) =>
  `(${param}::date IS NULL OR (${alias}.valid_from <= ${param}::date AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${param}::date)))`;
const UNIT_COLUMNS = `u.id, u.name, u.type, u.parent_id, u.valid_from::text AS valid_from, u.valid_to::text AS valid_to`;

/** The org tree in PostgreSQL: whole-tree import and export, and unit lookups for the API. */
export class OrgRepository {
  constructor(private readonly ds: DataSource) {}

  /** The stored tree; with `asOf`, only units and memberships that exist on that date. */
  async loadTree(asOf?: IsoDate, manager: EntityManager = this.ds.manager): Promise<OrgTree> {
    const date = asOf ?? null;
    const unitRows: UnitRow[] = await manager.query(
      `SELECT ${UNIT_COLUMNS} FROM units u WHERE ${ACTIVE_ON('u', '$1')}`,
      [date],
    );
    const contactRows: ContactRow[] = await manager.query(
      `SELECT c.unit_id, c.name, c.email, c.role, c.language, c.digest FROM contacts c
       JOIN units u ON u.id = c.unit_id WHERE ${ACTIVE_ON('u', '$1')}
       ORDER BY c.unit_id, (c.role <> 'head'), c.name, c.email`,
      [date],
    );
    const personRows: Omit<Person, 'memberships'>[] = await manager.query(
      `SELECT id, name, email, kind, language FROM people ORDER BY id`,
    );
    const membershipRows: MembershipRow[] = await manager.query(
      `SELECT m.person_id, m.unit_id AS "unitId", m.role, m.valid_from::text AS "validFrom", m.valid_to::text AS "validTo"
       FROM memberships m WHERE ${ACTIVE_ON('m', '$1')} ORDER BY m.person_id, m.valid_from, m.unit_id`,
      [date],
    );
    const contactsByUnit = groupBy(contactRows, (c) => c.unit_id);
    const units = treeOrder(unitRows).map((r) => toUnit(r, contactsByUnit.get(r.id) ?? []));
    const membershipsByPerson = groupBy(membershipRows, (m) => m.person_id);
    const everyoneWithMemberships = asOf
      ? new Set<string>(
          (await manager.query(`SELECT DISTINCT person_id FROM memberships`)).map(
            (r: { person_id: string }) => r.person_id,
          ),
        )
      : undefined;
    const people = personRows
      // As of a date: people in a unit on that date, and people who belong to no unit at all.
      .filter(
        (p) =>
          !everyoneWithMemberships || membershipsByPerson.has(p.id) || !everyoneWithMemberships.has(p.id),
      )
      .map((p) => ({
        ...p,
        memberships: (membershipsByPerson.get(p.id) ?? []).map(({ unitId, role, validFrom, validTo }) => ({
          unitId,
          role,
          validFrom,
          validTo,
        })),
      }));
    return { units, people };
  }

  /**
   * Stores a tree in ONE transaction: it is validated again inside it (in merge mode against the stored
   * units), and either everything is written or nothing. Rows that deliverables or sent mail point at
   * are never deleted: absent units are closed (valid_to = the day before `effectiveFrom`, default
   * today in Vietnam), mailed contacts and referenced people are kept; the result says which.
   */
  async importTree(
    tree: OrgTree,
    mode: OrgImportMode,
    options: { effectiveFrom?: IsoDate; source?: string } = {},
  ): Promise<OrgImportResult> {
    const lastDay = addDays(options.effectiveFrom ?? vnDateOf(Date.now()), -1);
    return this.ds.transaction(async (m) => {
      // Imports run one at a time; reads go on meanwhile.
      await m.query(`LOCK TABLE units, contacts, people, memberships IN SHARE ROW EXCLUSIVE MODE`);
      const existingUnits = mode === 'merge' ? (await this.loadTree(undefined, m)).units : [];
      validateOrgTree(tree, options.source ?? 'import', { existingUnits });
      const units = await steps.upsertUnits(m, tree);
      const closed = mode === 'replace' ? await steps.closeAbsentUnits(m, tree, lastDay) : [];
      const contacts = await steps.upsertContacts(m, tree);
      const staleContacts =
        mode === 'replace' ? await steps.deleteAbsentContacts(m, tree) : { deleted: 0, keptBecauseMailed: 0 };
      const people = await steps.upsertPeople(m, tree);
      const stalePeople =
        mode === 'replace'
          ? await steps.deleteAbsentPeople(m, tree)
          : { deleted: 0, keptBecauseReferenced: [] };
      const memberships = await steps.upsertMemberships(m, tree);
      const staleMemberships = mode === 'replace' ? await steps.deleteAbsentMemberships(m, tree) : 0;

      const contactCount = tree.units.reduce((n, u) => n + u.contacts.length, 0);
      const membershipCount = tree.people.reduce((n, p) => n + p.memberships.length, 0);
      const changes = (counts: { inserted: number; updated: number }, total: number, deleted: number) => ({
        ...counts,
        unchanged: total - counts.inserted - counts.updated,
        deleted,
      });
      const result: OrgImportResult = {
        mode,
        units: {
          ...changes(units, tree.units.length, 0),
          closed,
          closedLastDay: closed.length ? lastDay : null,
        },
        contacts: {
          ...changes(contacts, contactCount, staleContacts.deleted),
          keptBecauseMailed: staleContacts.keptBecauseMailed,
        },
        people: {
          ...changes(people, tree.people.length, stalePeople.deleted),
          keptBecauseReferenced: stalePeople.keptBecauseReferenced,
        },
        memberships: changes(memberships, membershipCount, staleMemberships),
        notes: [],
      };
      result.notes = importNotes(result);
      return result;
    });
  }

  async findUnit(id: string): Promise<OrgUnit | null> {
    const [row]: UnitRow[] = await this.ds.query(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.id = $1`, [id]);
    if (!row) return null;
    const contacts: Contact[] = await this.ds.query(
      `SELECT name, email, role, language, digest FROM contacts WHERE unit_id = $1 ORDER BY (role <> 'head'), name, email`,
      [id],
    );
    return toUnit(row, contacts);
  }

  /** One page of units (with contacts), ordered by id. */
  async listUnits(q: UnitQuery): Promise<{ items: OrgUnit[]; total: number }> {
    const where = `WHERE ($1::text IS NULL OR u.type = $1) AND ($2::text IS NULL OR u.parent_id = $2) AND ${ACTIVE_ON('u', '$3')}`;
    const params = [q.type ?? null, q.parentId ?? null, q.asOf ?? null];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM units u ${where}`, params);
    const rows: UnitRow[] = await this.ds.query(
      `SELECT ${UNIT_COLUMNS} FROM units u ${where} ORDER BY u.id LIMIT $4 OFFSET $5`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const contacts: ContactRow[] = rows.length
      ? await this.ds.query(
          `SELECT unit_id, name, email, role, language, digest FROM contacts WHERE unit_id = ANY($1::text[])
           ORDER BY unit_id, (role <> 'head'), name, email`,
          [rows.map((r) => r.id)],
        )
      : [];
    const byUnit = groupBy(contacts, (c) => c.unit_id);
    return { items: rows.map((r) => toUnit(r, byUnit.get(r.id) ?? [])), total };
  }
}

function toUnit(r: UnitRow, contacts: Contact[]): OrgUnit {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    parentId: r.parent_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    contacts: contacts.map(({ name, email, role, language, digest }) => ({
      name,
      email,
      role,
      language,
      digest,
    })),
  };
}

/** Parents before children (depth first, siblings by id), so an exported file reads top-down. */
function treeOrder(rows: UnitRow[]): UnitRow[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = groupBy(
    [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    (r) => (r.parent_id && ids.has(r.parent_id) ? r.parent_id : ''),
  );
  const out: UnitRow[] = [];
  const stack = [...(children.get('') ?? [])].reverse();
  while (stack.length) {
    const next = stack.pop()!;
    out.push(next);
    stack.push(...[...(children.get(next.id) ?? [])].reverse());
  }
  return out;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function importNotes(r: OrgImportResult): string[] {
  const notes: string[] = [];
  if (r.units.closed.length)
    notes.push(
      `${r.units.closed.length} unit(s) absent from the import were closed (valid_to ${r.units.closedLastDay}, or their valid_from if they start later) instead of deleted: ${r.units.closed.join(', ')}`,
    );
  if (r.contacts.keptBecauseMailed)
    notes.push(
      `${r.contacts.keptBecauseMailed} contact(s) absent from the import were kept because mail was already sent to them`,
    );
  if (r.people.keptBecauseReferenced.length)
    notes.push(
      `${r.people.keptBecauseReferenced.length} person(s) absent from the import were kept because deliverables name them: ${r.people.keptBecauseReferenced.join(', ')}`,
    );
  return notes;
}
