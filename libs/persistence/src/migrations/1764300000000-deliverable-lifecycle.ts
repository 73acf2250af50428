import { MigrationInterface, QueryRunner } from 'typeorm';

/** The full deliverable lifecycle in the read model, and its audit trail of transitions. */
export class DeliverableLifecycle1764300000000 implements MigrationInterface {
  name = 'DeliverableLifecycle1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliverables RENAME COLUMN next_reminder_at TO next_step_at`);
    await q.query(`
      ALTER TABLE deliverables
        ADD COLUMN plan_number text,
        ADD COLUMN plan_title text,
        ADD COLUMN clause text,
        ADD COLUMN collector_unit_id text,
        ADD COLUMN deadline_at timestamptz,
        ADD COLUMN next_step_kind text,
        ADD COLUMN escalations_sent integer NOT NULL DEFAULT 0,
        ADD COLUMN required_contents jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN last_review jsonb,
        ADD COLUMN extensions jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN returns integer NOT NULL DEFAULT 0,
        ADD COLUMN closed_reason text,
        ADD COLUMN member_count integer NOT NULL DEFAULT 0,
        ADD COLUMN registered_count integer NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE deliverables SET deadline_at = (due_date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' WHERE deadline_at IS NULL`,
    );
    await q.query(`ALTER TABLE deliverables ALTER COLUMN deadline_at SET NOT NULL`);
    await q.query(
      `CREATE INDEX deliverables_collector_status_idx ON deliverables(collector_unit_id, status)`,
    );
    await q.query(
      `CREATE INDEX deliverables_plan_obligation_period_idx ON deliverables(plan_id, obligation_id, period)`,
    );
    await q.query(`
      CREATE TABLE deliverable_events (
        workflow_id text NOT NULL,
        version integer NOT NULL,
        deliverable_id text NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        step text,
        actor_unit_id text,
        reason text,
        person_id text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, version)
      )`);
    await q.query(
      `CREATE INDEX deliverable_events_deliverable_idx ON deliverable_events(deliverable_id, version)`,
    );
    await q.query(`CREATE INDEX deliverable_events_at_idx ON deliverable_events(at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deliverable_events`);
    await q.query(`DROP INDEX deliverables_plan_obligation_period_idx`);
    await q.query(`DROP INDEX deliverables_collector_status_idx`);
    await q.query(`
      ALTER TABLE deliverables
        DROP COLUMN plan_number, DROP COLUMN plan_title, DROP COLUMN clause, DROP COLUMN collector_unit_id, DROP COLUMN deadline_at,
        DROP COLUMN next_step_kind, DROP COLUMN escalations_sent, DROP COLUMN required_contents,
        DROP COLUMN last_review, DROP COLUMN extensions, DROP COLUMN returns, DROP COLUMN closed_reason,
        DROP COLUMN member_count, DROP COLUMN registered_count`);
    await q.query(`ALTER TABLE deliverables RENAME COLUMN next_step_at TO next_reminder_at`);
  }
}
