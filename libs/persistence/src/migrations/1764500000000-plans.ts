import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issued plans (their definition as validated data) and the amendments made to them. */
export class Plans1764500000000 implements MigrationInterface {
  name = 'Plans1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        id text PRIMARY KEY,
        number text NOT NULL,
        title text NOT NULL,
        definition jsonb NOT NULL,
        issued_on date NOT NULL,
        until date,
        status text NOT NULL CHECK (status IN ('issued', 'cancelled', 'completed')),
        workflow_id text NOT NULL UNIQUE,
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE plan_amendments (
        id bigserial PRIMARY KEY,
        plan_id text NOT NULL REFERENCES plans(id),
        at timestamptz NOT NULL,
        kind text NOT NULL,
        policy text,
        detail jsonb NOT NULL,
        outcome jsonb
      )`);
    await q.query(`CREATE INDEX plan_amendments_plan_idx ON plan_amendments(plan_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_amendments`);
    await q.query(`DROP TABLE plans`);
  }
}
