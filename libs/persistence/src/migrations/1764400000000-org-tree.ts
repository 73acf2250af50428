import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the org tree needs beyond the initial units/contacts: digest mail preference, people and
 * their effective-dated memberships, and the keys an import merges on.
 */
export class OrgTree1764400000000 implements MigrationInterface {
  name = 'OrgTree1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contacts ADD COLUMN digest boolean NOT NULL DEFAULT false`);
    // A merge import recognises a contact by its unit and address.
    await q.query(`CREATE UNIQUE INDEX contacts_unit_email_key ON contacts(unit_id, lower(email))`);
    await q.query(`CREATE INDEX units_type_idx ON units(type)`);
    await q.query(`
      CREATE TABLE people (
        id text PRIMARY KEY,
        name text NOT NULL,
        email text,
        kind text NOT NULL CHECK (kind IN ('party-member', 'cadre')),
        language text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE memberships (
        id bigserial PRIMARY KEY,
        person_id text NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        unit_id text NOT NULL REFERENCES units(id),
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'secretary', 'deputy-secretary')),
        valid_from date NOT NULL,
        valid_to date,
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        UNIQUE (person_id, unit_id, valid_from)
      )`);
    // "Members of this cell on this date": equality on the unit, range on the start.
    await q.query(
      `CREATE INDEX memberships_unit_from_idx ON memberships(unit_id, valid_from) INCLUDE (valid_to, person_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE people`);
    await q.query(`DROP INDEX units_type_idx`);
    await q.query(`DROP INDEX contacts_unit_email_key`);
    await q.query(`ALTER TABLE contacts DROP COLUMN digest`);
  }
}
