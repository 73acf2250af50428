import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764288000000 implements MigrationInterface {
  name = 'InitialSchema1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        id text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        parent_id text REFERENCES units(id),
        valid_from date NOT NULL,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX units_parent_idx ON units(parent_id)`);
    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id text NOT NULL REFERENCES units(id),
        name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL DEFAULT 'officer' CHECK (role IN ('head', 'officer')),
        language text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contacts_unit_idx ON contacts(unit_id)`);
    await q.query(`
      CREATE TABLE deliverables (
        id text PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        plan_id text NOT NULL,
        obligation_id text NOT NULL,
        unit_id text NOT NULL,
        period text NOT NULL,
        title text NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        reminders_sent integer NOT NULL DEFAULT 0,
        next_reminder_at timestamptz,
        submitted_at timestamptz,
        submission jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX deliverables_unit_due_idx ON deliverables(unit_id, due_date)`);
    await q.query(`CREATE INDEX deliverables_plan_status_idx ON deliverables(plan_id, status)`);
    await q.query(`
      CREATE TABLE outbox (
        key text PRIMARY KEY,
        workflow_id text NOT NULL,
        step text NOT NULL,
        contact_id uuid REFERENCES contacts(id),
        recipient text NOT NULL,
        subject text NOT NULL,
        message_id text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_workflow_idx ON outbox(workflow_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE deliverables`);
    await q.query(`DROP TABLE contacts`);
    await q.query(`DROP TABLE units`);
  }
}
