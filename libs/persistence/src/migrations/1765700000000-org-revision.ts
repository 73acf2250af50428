import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One revision number for the whole org (units, contacts, people, memberships), so a worker may keep a
 * plan's computed schedule between activities and prove with one query that the org it was computed
 * from is still the one stored (activities/src/plan/plan-schedule-memo.ts, issue #9).
 *
 * A counter row, not a sequence: a sequence value is visible before the transaction that drew it
 * commits, so a reader could pair the new value with the old org and keep that pairing after the
 * commit. The row is updated inside the writing transaction, so a reader that takes the revision and
 * the org in one snapshot always gets a matching pair, and no commit that changes the org can leave
 * the revision where it was. One bump per statement (AFTER … FOR EACH STATEMENT): an import of 10⁵
 * rows costs a handful of updates. Org writes are rare and short (imports already lock the four
 * tables), so writers queuing on the row is no concern.
 */
export class OrgRevision1765700000000 implements MigrationInterface {
  name = 'OrgRevision1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE org_revision (id int PRIMARY KEY CHECK (id = 1), revision bigint NOT NULL)`);
    await q.query(`INSERT INTO org_revision (id, revision) VALUES (1, 0)`);
    await q.query(`
      CREATE FUNCTION org_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE org_revision SET revision = revision + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    for (const table of ORG_TABLES)
      await q.query(`
        CREATE TRIGGER ${table}_org_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION org_bump_revision()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ORG_TABLES) await q.query(`DROP TRIGGER ${table}_org_revision ON ${table}`);
    await q.query(`DROP FUNCTION org_bump_revision()`);
    await q.query(`DROP TABLE org_revision`);
  }
}

/** Everything OrgRepository.loadTree reads. */
const ORG_TABLES = ['units', 'contacts', 'people', 'memberships'];
