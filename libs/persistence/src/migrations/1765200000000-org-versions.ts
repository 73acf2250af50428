import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Org management over the API (PATCH /units/:id, PATCH and DELETE /contacts/:id) with optimistic
 * concurrency: units and contacts get a `version`, raised by a trigger on every UPDATE that changes
 * the row, whoever makes it (the API, an import, a replace import closing absent units), so an
 * `If-Match` sent before any of them is stale afterwards. A contact may be deleted although mail was
 * sent to it: its outbox rows keep recipient, unit, subject and content and lose only the link
 * (`ON DELETE SET NULL`), so the mail log stays whole.
 */
export class OrgVersions1765200000000 implements MigrationInterface {
  name = 'OrgVersions1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE contacts ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`
      CREATE FUNCTION dondoc_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := OLD.version + 1;
        RETURN NEW;
      END $$`);
    for (const table of ['units', 'contacts'])
      await q.query(`
        CREATE TRIGGER ${table}_bump_version BEFORE UPDATE ON ${table}
        FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION dondoc_bump_version()`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_contact_id_fkey`);
    await q.query(`
      ALTER TABLE outbox ADD CONSTRAINT outbox_contact_id_fkey
        FOREIGN KEY (contact_id) REFERENCES contacts(id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_contact_id_fkey`);
    await q.query(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES contacts(id)`,
    );
    for (const table of ['units', 'contacts'])
      await q.query(`DROP TRIGGER ${table}_bump_version ON ${table}`);
    await q.query(`DROP FUNCTION dondoc_bump_version()`);
    await q.query(`ALTER TABLE contacts DROP COLUMN version`);
    await q.query(`ALTER TABLE units DROP COLUMN version`);
  }
}
