import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan's weekly digest: which deliverables it urged, on which day, and whom it told. A
 * deliverable's own workflow no longer repeats its escalation weekly (`weekly_by_plan`); the digest
 * does it for all of a plan's long-overdue deliverables in one pass and one mail per recipient.
 */
export class WeeklyUrging1764800000000 implements MigrationInterface {
  name = 'WeeklyUrging1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliverables ADD COLUMN weekly_by_plan boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE deliverable_urgings (
        deliverable_id text NOT NULL REFERENCES deliverables(id),
        urged_on date NOT NULL,
        plan_id text NOT NULL,
        at timestamptz NOT NULL,
        workflow_id text NOT NULL,
        step text NOT NULL,
        working_days_overdue integer NOT NULL,
        recipients text[] NOT NULL,
        PRIMARY KEY (deliverable_id, urged_on)
      )`);
    await q.query(`CREATE INDEX deliverable_urgings_plan_idx ON deliverable_urgings(plan_id, urged_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deliverable_urgings`);
    await q.query(`ALTER TABLE deliverables DROP COLUMN weekly_by_plan`);
  }
}
