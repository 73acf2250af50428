import type { EntityManager } from 'typeorm';
import type { OrgTree } from '@dondoc/domain';

/** What one import did to one table. `unchanged` rows were in the import and already equal. */
export interface TableChanges {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

interface UpsertCounts {
  inserted: number;
  updated: number;
}

// Every step sends whole columns as arrays and lets PostgreSQL unnest them: one round trip per
// table, whatever the size of the province (a default generated tree has 156,000 people).

const countUpserts = (upsert: string) => `
  WITH up AS (${upsert} RETURNING (xmax = 0) AS inserted)
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`;

export async function upsertUnits(m: EntityManager, tree: OrgTree): Promise<UpsertCounts> {
  const u = tree.units;
  // The parent_id foreign key is checked at the end of the statement, so the order of rows is free.
  const [row] = await m.query(
    countUpserts(`
      INSERT INTO units (id, name, type, parent_id, valid_from, valid_to)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[])
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, parent_id = EXCLUDED.parent_id,
        valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to
      WHERE (units.name, units.type, units.parent_id, units.valid_from, units.valid_to)
        IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.parent_id, EXCLUDED.valid_from, EXCLUDED.valid_to)`),
    [
      u.map((x) => x.id),
      u.map((x) => x.name),
      u.map((x) => x.type),
      u.map((x) => x.parentId),
      u.map((x) => x.validFrom),
      u.map((x) => x.validTo),
    ],
  );
  return row as UpsertCounts;
}

/**
 * Replace mode: units missing from the import are closed (their valid_to set to `lastDay`), never
 * deleted: deliverables, memberships and history may point at them. Returns the ids closed.
 */
export async function closeAbsentUnits(m: EntityManager, tree: OrgTree, lastDay: string): Promise<string[]> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
  const rows: { id: string }[] = await m.query(
    `WITH closed AS (
       UPDATE units u SET valid_to = GREATEST(u.valid_from, $2::date)
       WHERE (u.valid_to IS NULL OR u.valid_to > $2::date)
         AND NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS i(id) WHERE i.id = u.id)
       RETURNING u.id)
     SELECT id FROM closed`,
    [tree.units.map((x) => x.id), lastDay],
  );
  return rows.map((r) => r.id).sort();
}

export async function upsertContacts(m: EntityManager, tree: OrgTree): Promise<UpsertCounts> {
  const rows = tree.units.flatMap((u) => u.contacts.map((c) => ({ unitId: u.id, ...c })));
  const [row] = await m.query(
    countUpserts(`
      INSERT INTO contacts (unit_id, name, email, role, language, digest)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
      ON CONFLICT (unit_id, lower(email)) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
        role = EXCLUDED.role, language = EXCLUDED.language, digest = EXCLUDED.digest
      WHERE (contacts.name, contacts.email, contacts.role, contacts.language, contacts.digest)
        IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.role, EXCLUDED.language, EXCLUDED.digest)`),
    [
      rows.map((c) => c.unitId),
      rows.map((c) => c.name),
      rows.map((c) => c.email),
      rows.map((c) => c.role),
      rows.map((c) => c.language),
      rows.map((c) => c.digest),
    ],
  );
  return row as UpsertCounts;
}

/**
 * Replace mode: an imported unit's contacts become exactly those of the import. A contact that mail
 * was already sent to (an outbox row points at it) is kept, so the mail history stays whole.
 */
export async function deleteAbsentContacts(
  m: EntityManager,
  tree: OrgTree,
): Promise<{ deleted: number; keptBecauseMailed: number }> {
  const rows = tree.units.flatMap((u) => u.contacts.map((c) => ({ unitId: u.id, email: c.email })));
  const [row] = await m.query(
    `WITH stale AS (
       SELECT c.id FROM contacts c
       WHERE c.unit_id = ANY($3::text[])
         AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS i(unit_id, email)
                         WHERE i.unit_id = c.unit_id AND lower(i.email) = lower(c.email))),
     del AS (
       DELETE FROM contacts c USING stale s
       WHERE c.id = s.id AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.contact_id = c.id)
       RETURNING c.id)
     SELECT (SELECT count(*) FROM del)::int AS deleted,
            ((SELECT count(*) FROM stale) - (SELECT count(*) FROM del))::int AS "keptBecauseMailed"`,
    [rows.map((c) => c.unitId), rows.map((c) => c.email), tree.units.map((u) => u.id)],
  );
  return row as { deleted: number; keptBecauseMailed: number };
}

export async function upsertPeople(m: EntityManager, tree: OrgTree): Promise<UpsertCounts> {
  const p = tree.people;
  const [row] = await m.query(
    countUpserts(`
      INSERT INTO people (id, name, email, kind, language)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, kind = EXCLUDED.kind,
        language = EXCLUDED.language
      WHERE (people.name, people.email, people.kind, people.language)
        IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.kind, EXCLUDED.language)`),
    [
      p.map((x) => x.id),
      p.map((x) => x.name),
      p.map((x) => x.email),
      p.map((x) => x.kind),
      p.map((x) => x.language),
    ],
  );
  return row as UpsertCounts;
}

/**
 * Replace mode: people missing from the import are deleted with their memberships (personal data
 * is not kept without a reason), except those a deliverable names, which are kept and listed.
 */
export async function deleteAbsentPeople(
  m: EntityManager,
  tree: OrgTree,
): Promise<{ deleted: number; keptBecauseReferenced: string[] }> {
  const rows: { id: string; deleted: boolean }[] = await m.query(
    `WITH absent AS (
       SELECT p.id FROM people p
       WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS i(id) WHERE i.id = p.id)),
     del AS (
       DELETE FROM people p USING absent a
       WHERE p.id = a.id AND NOT EXISTS (SELECT 1 FROM deliverables d WHERE d.unit_id = p.id)
       RETURNING p.id)
     SELECT a.id, (d.id IS NOT NULL) AS deleted FROM absent a LEFT JOIN del d ON d.id = a.id ORDER BY a.id`,
    [tree.people.map((x) => x.id)],
  );
  return {
    deleted: rows.filter((r) => r.deleted).length,
    keptBecauseReferenced: rows.filter((r) => !r.deleted).map((r) => r.id),
  };
}

export async function upsertMemberships(m: EntityManager, tree: OrgTree): Promise<UpsertCounts> {
  const rows = tree.people.flatMap((p) => p.memberships.map((x) => ({ personId: p.id, ...x })));
  const [row] = await m.query(
    countUpserts(`
      INSERT INTO memberships (person_id, unit_id, role, valid_from, valid_to)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[])
      ON CONFLICT (person_id, unit_id, valid_from) DO UPDATE SET role = EXCLUDED.role, valid_to = EXCLUDED.valid_to
      WHERE (memberships.role, memberships.valid_to) IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.valid_to)`),
    [
      rows.map((x) => x.personId),
      rows.map((x) => x.unitId),
      rows.map((x) => x.role),
      rows.map((x) => x.validFrom),
      rows.map((x) => x.validTo),
    ],
  );
  return row as UpsertCounts;
}

/** Replace mode: an imported person's memberships become exactly those of the import. */
export async function deleteAbsentMemberships(m: EntityManager, tree: OrgTree): Promise<number> {
  const rows = tree.people.flatMap((p) => p.memberships.map((x) => ({ personId: p.id, ...x })));
  const [row] = await m.query(
    `WITH del AS (
       DELETE FROM memberships ms
       WHERE ms.person_id = ANY($4::text[])
         AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[], $3::date[]) AS i(person_id, unit_id, valid_from)
                         WHERE i.person_id = ms.person_id AND i.unit_id = ms.unit_id AND i.valid_from = ms.valid_from)
       RETURNING 1)
     SELECT count(*)::int AS deleted FROM del`,
    [
      rows.map((x) => x.personId),
      rows.map((x) => x.unitId),
      rows.map((x) => x.validFrom),
      tree.people.map((p) => p.id),
    ],
  );
  return (row as { deleted: number }).deleted;
}

export async function countRows(
  m: EntityManager,
  table: 'units' | 'contacts' | 'people' | 'memberships',
): Promise<number> {
  const [row] = await m.query(`SELECT count(*)::int AS n FROM ${table}`);
  return (row as { n: number }).n;
}
