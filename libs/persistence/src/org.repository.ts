import type { DataSource, EntityManager } from 'typeorm';
import { addDays, IsoDate, vnDateOf } from '@dondoc/calendar';
import {
  Contact,
  DomainException,
  InputRejectedException,
  Membership,
  OrgTree,
  OrgUnit,
  Person,
  UnitType,
  validateOrgTree,
} from '@dondoc/domain';
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
  /** Only these units (the caller's scope); undefined = every unit. */
  visibleUnitIds?: readonly string[];
}

/** A unit as the management API sees it: its row version is the ETag / If-Match value. */
export interface VersionedUnit extends OrgUnit {
  version: number;
}

/** A stored contact with its id and row version (the org file's contacts have neither). */
export interface StoredContact extends Contact {
  id: string;
  unitId: string;
  version: number;
}

/** What a unit PATCH may change: rename, move, dissolve (validTo) or reopen (validTo null). */
export interface UnitPatch {
  name?: string;
  parentId?: string | null;
  validTo?: IsoDate | null;
}

/** What DELETE /contacts/:id did to the mail log. */
export interface ContactRemoval {
  id: string;
  /** Outbox rows that named the contact: kept (recipient, unit, subject, content), the link cleared. */
  mailKept: number;
  /** Of those, mail that still waited (pending, or digested and not yet carried): marked failed. */
  waitingMailFailed: number;
}

/**
 * A write refused because the row changed since the caller read it (409); carries the row as it now
 * is, so the caller can show it and reapply its change on top.
 */
export class StaleVersionException<T extends { version: number }> extends DomainException {
  constructor(
    readonly current: T,
    expected: number,
    field: string,
  ) {
    super('conflict', `changed since version ${expected}: it is now at version ${current.version}`, [
      { field, reason: `version ${expected} is stale; the current version is ${current.version}` },
    ]);
    this.name = 'StaleVersionException';
  }
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
const CONTACT_COLUMNS = `id, unit_id AS "unitId", name, email, role, language, digest, version`;
const CONTACT_ORDER = `(role <> 'head'), name, email`;
/** Deliverables in these states are done with: a unit may be dissolved while it has only these. */
const FINISHED_DELIVERABLE_STATUSES = ['accepted', 'waived', 'cancelled', 'closed'];
/** Mail to a contact that has not gone out yet: waiting for its window, or for a daily digest. */
const WAITING_MAIL = `(o.status = 'pending' OR (o.status = 'digested' AND o.digest_key IS NULL))`;

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
   * The org's revision (migration 1765700000000): it moves with every committed write to units,
   * contacts, people or memberships, so an equal revision means the same stored org.
   */
  async revision(manager: EntityManager = this.ds.manager): Promise<string> {
    const [row]: { revision: string }[] = await manager.query(
      `SELECT revision::text AS revision FROM org_revision WHERE id = 1`,
    );
    return row.revision;
  }

  /** The whole stored tree (as `loadTree()`) and the revision it is at, read in one snapshot. */
  async loadTreeWithRevision(): Promise<{ tree: OrgTree; revision: string }> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const revision = await this.revision(m);
      return { tree: await this.loadTree(undefined, m), revision };
    });
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
    const where = `WHERE ($1::text IS NULL OR u.type = $1) AND ($2::text IS NULL OR u.parent_id = $2) AND ${ACTIVE_ON('u', '$3')}
      AND ($4::text[] IS NULL OR u.id = ANY($4::text[]))`;
    const params = [q.type ?? null, q.parentId ?? null, q.asOf ?? null, q.visibleUnitIds ?? null];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM units u ${where}`, params);
    const rows: UnitRow[] = await this.ds.query(
      `SELECT ${UNIT_COLUMNS} FROM units u ${where} ORDER BY u.id LIMIT $5 OFFSET $6`,
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

  // --- Management: one unit or one contact at a time, with optimistic concurrency (row versions). ---

  /** One unit with its contacts and its row version; null when there is none. */
  async findVersionedUnit(
    id: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<VersionedUnit | null> {
    const [row]: (UnitRow & { version: number })[] = await manager.query(
      `SELECT ${UNIT_COLUMNS}, u.version FROM units u WHERE u.id = $1`,
      [id],
    );
    if (!row) return null;
    const contacts: Contact[] = await manager.query(
      `SELECT name, email, role, language, digest FROM contacts WHERE unit_id = $1 ORDER BY ${CONTACT_ORDER}`,
      [id],
    );
    return { ...toUnit(row, contacts), version: row.version };
  }

  /**
   * Adds one unit (no contacts: those have their own routes) under the rules of an import: the unit
   * is validated with the stored tree as a merge import of one unit would be. 409 if the id is taken.
   */
  async createUnit(unit: Omit<OrgUnit, 'contacts'>, source: string): Promise<VersionedUnit> {
    return this.ds.transaction(async (m) => {
      const stored = await this.lockTreeForChange(m);
      if (stored.some((u) => u.id === unit.id))
        throw new DomainException('conflict', `a unit with id "${unit.id}" already exists`, [
          { field: 'id', reason: `a unit with id "${unit.id}" already exists` },
        ]);
      const valid = validateOneUnit({ ...unit, contacts: [] }, stored, source);
      await m.query(
        `INSERT INTO units (id, name, type, parent_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6)`,
        [valid.id, valid.name, valid.type, valid.parentId, valid.validFrom, valid.validTo],
      );
      return (await this.findVersionedUnit(valid.id, m))!;
    });
  }

  /**
   * Renames, moves or dissolves one unit if it is still at `expectedVersion`. The changed unit is
   * validated like a merge import of it (type and level of the new parent, no cycle, inside the
   * parent's validity); a unit ending (`validTo`) must not leave children, memberships or unfinished
   * deliverables behind it: those are refused with 409 naming `validTo`.
   */
  async updateUnit(
    id: string,
    expectedVersion: number,
    patch: UnitPatch,
    options: { source: string; versionField: string },
  ): Promise<VersionedUnit> {
    return this.ds.transaction(async (m) => {
      const stored = await this.lockTreeForChange(m);
      const current = await this.findVersionedUnit(id, m);
      if (!current) throw unitNotFound(id);
      if (current.version !== expectedVersion)
        throw new StaleVersionException(current, expectedVersion, options.versionField);
      const next = validateOneUnit({ ...current, ...patch, contacts: [] }, stored, options.source);
      if (next.validTo !== null && next.validTo !== current.validTo) await assertNothingOutlives(m, next);
      await m.query(`UPDATE units SET name = $2, parent_id = $3, valid_to = $4 WHERE id = $1`, [
        id,
        next.name,
        next.parentId,
        next.validTo,
      ]);
      return (await this.findVersionedUnit(id, m))!;
    });
  }

  /** A unit's contacts with their ids and versions, heads first; null when the unit does not exist. */
  async listContacts(unitId: string): Promise<StoredContact[] | null> {
    const [unit] = await this.ds.query(`SELECT 1 FROM units WHERE id = $1`, [unitId]);
    if (!unit) return null;
    return this.ds.query(
      `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE unit_id = $1 ORDER BY ${CONTACT_ORDER}`,
      [unitId],
    );
  }

  async findContact(id: string): Promise<StoredContact | null> {
    const [row]: StoredContact[] = await this.ds.query(
      `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Adds a validated contact to a unit; 404 without the unit, 409 when the address is already one of its contacts. */
  async createContact(unitId: string, contact: Contact): Promise<StoredContact> {
    const [unit] = await this.ds.query(`SELECT 1 FROM units WHERE id = $1`, [unitId]);
    if (!unit) throw unitNotFound(unitId);
    const rows: StoredContact[] = await this.ds
      .query(
        `INSERT INTO contacts (unit_id, name, email, role, language, digest) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${CONTACT_COLUMNS}`,
        [unitId, contact.name, contact.email, contact.role, contact.language, contact.digest],
      )
      .catch(duplicateAddress(contact.email));
    return rows[0];
  }

  /** Replaces a contact's fields (already validated) if it is still at `expectedVersion`. */
  async updateContact(
    id: string,
    expectedVersion: number,
    contact: Contact,
    versionField: string,
  ): Promise<StoredContact> {
    const rows: StoredContact[] = await this.ds
      .query(
        `WITH up AS (
           UPDATE contacts SET name = $3, email = $4, role = $5, language = $6, digest = $7
           WHERE id = $1 AND version = $2 RETURNING ${CONTACT_COLUMNS})
         SELECT * FROM up`,
        [id, expectedVersion, contact.name, contact.email, contact.role, contact.language, contact.digest],
      )
      .catch(duplicateAddress(contact.email));
    if (rows[0]) return rows[0];
    throw await this.missingOrStale(id, expectedVersion, versionField);
  }

  /**
   * Deletes a contact if it is still at `expectedVersion`. Its mail log stays: the outbox rows keep
   * their recipient, unit, subject and content (the foreign key is ON DELETE SET NULL); mail that
   * still waited for it is marked failed with the reason, so neither the postman nor the daily
   * digest sends it to someone who was removed.
   */
  async deleteContact(id: string, expectedVersion: number, versionField: string): Promise<ContactRemoval> {
    return this.ds.transaction(async (m) => {
      const [row]: StoredContact[] = await m.query(
        `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw contactNotFound(id);
      if (row.version !== expectedVersion)
        throw new StaleVersionException(row, expectedVersion, versionField);
      const [{ kept, failed }] = await m.query(
        `WITH failed AS (
           UPDATE outbox o SET status = 'failed', failed_at = now(),
             last_error = 'not sent: the contact was deleted (DELETE /contacts/' || $1::text || ')'
           WHERE o.contact_id = $1 AND ${WAITING_MAIL} RETURNING 1)
         SELECT (SELECT count(*) FROM outbox o WHERE o.contact_id = $1)::int AS kept,
                (SELECT count(*) FROM failed)::int AS failed`,
        [id],
      );
      await m.query(`DELETE FROM contacts WHERE id = $1`, [id]);
      return { id, mailKept: kept as number, waitingMailFailed: failed as number };
    });
  }

  private async missingOrStale(id: string, expectedVersion: number, versionField: string): Promise<Error> {
    const current = await this.findContact(id);
    return current ? new StaleVersionException(current, expectedVersion, versionField) : contactNotFound(id);
  }

  /**
   * Tree changes run one at a time (as imports do), so the rules are checked against the tree that
   * will be written to; reads go on meanwhile. Returns the stored units (without contacts).
   */
  private async lockTreeForChange(m: EntityManager): Promise<OrgUnit[]> {
    await m.query(`LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE`);
    const rows: UnitRow[] = await m.query(`SELECT ${UNIT_COLUMNS} FROM units u`);
    return rows.map((r) => toUnit(r, []));
  }
}

/**
 * The import's rules for one unit, checked against the stored tree as a merge import of a file
 * holding only this unit would be. Problems name the unit's own field (`parentId`, `validTo`…).
 */
function validateOneUnit(unit: OrgUnit, stored: readonly OrgUnit[], source: string): OrgUnit {
  try {
    return validateOrgTree({ units: [unit], people: [] }, source, { existingUnits: stored }).units[0];
  } catch (e) {
    if (!(e instanceof InputRejectedException)) throw e;
    throw DomainException.validation(
      e.inputProblems.map((p) => ({ field: p.field ?? 'body', reason: p.reason })),
    );
  }
}

/** A unit that ends on `unit.validTo` may leave nothing open after that day. */
async function assertNothingOutlives(m: EntityManager, unit: OrgUnit): Promise<void> {
  const [row]: { children: string[]; members: number; deliverables: string[] }[] = await m.query(
    `SELECT
       ARRAY(SELECT c.id FROM units c WHERE c.parent_id = $1 AND (c.valid_to IS NULL OR c.valid_to > $2::date)
             ORDER BY c.id) AS children,
       (SELECT count(*) FROM memberships ms
         WHERE ms.unit_id = $1 AND (ms.valid_to IS NULL OR ms.valid_to > $2::date))::int AS members,
       ARRAY(SELECT d.id FROM deliverables d WHERE d.unit_id = $1 AND NOT (d.status = ANY($3::text[]))
             ORDER BY d.due_date, d.id) AS deliverables`,
    [unit.id, unit.validTo, FINISHED_DELIVERABLE_STATUSES],
  );
  const reasons: string[] = [];
  const list = (ids: string[]) =>
    ids.slice(0, 10).join(', ') + (ids.length > 10 ? ` and ${ids.length - 10} more` : '');
  if (row.children.length)
    reasons.push(
      `${row.children.length} unit(s) under it exist after ${unit.validTo}: ${list(row.children)}; end or move them first`,
    );
  if (row.members)
    reasons.push(`${row.members} membership(s) of it run after ${unit.validTo}; end them first (org import)`);
  if (row.deliverables.length)
    reasons.push(
      `${row.deliverables.length} deliverable(s) of it are not finished: ${list(row.deliverables)}; ` +
        `remove the unit from its plans (POST /plans/:id/amendments) or finish them first`,
    );
  if (reasons.length)
    throw new DomainException(
      'conflict',
      `unit "${unit.id}" cannot end on ${unit.validTo}: ${reasons.join('; ')}`,
      reasons.map((reason) => ({ field: 'validTo', reason })),
    );
}

/** 404 naming `id`: no unit with this id. */
export function unitNotFound(id: string): DomainException {
  return new DomainException('not_found', `no unit with id "${id}"`, [
    { field: 'id', reason: 'no such unit' },
  ]);
}

/** 404 naming `id`: no contact with this id. */
export function contactNotFound(id: string): DomainException {
  return new DomainException('not_found', `no contact with id "${id}"`, [
    { field: 'id', reason: 'no such contact' },
  ]);
}

/** The unique (unit, lower(email)) index refused the write: the address is already a contact there. */
function duplicateAddress(email: string) {
  return (e: unknown): never => {
    const pg = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (pg?.code === '23505' && pg.constraint === 'contacts_unit_email_key')
      throw new DomainException('conflict', `${email} is already a contact of this unit`, [
        { field: 'email', reason: `${email} is already a contact of this unit` },
      ]);
    throw e;
  };
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
