import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reported issues (vấn đề phát sinh): the read model the issue workflow writes, its audit trail, and
 * the attachments of a report. The reporter's name and contact are written by the API only: they
 * never travel through Temporal. Attachments get their own table because `documents` belongs to
 * deliverables (its deliverable_id is a foreign key to them).
 */
export class ReportedIssues1764700000000 implements MigrationInterface {
  name = 'ReportedIssues1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reported_issues (
        id text PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        plan_id text NOT NULL,
        reporter_unit_id text NOT NULL,
        reporter_name text,
        reporter_email text,
        title text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        severity text NOT NULL CHECK (severity IN ('normal', 'urgent')),
        state text NOT NULL,
        holder text NOT NULL,
        version integer NOT NULL,
        handler_unit_id text,
        handler_contact_id text,
        clock jsonb,
        paused_clock jsonb,
        limit_at timestamptz,
        next_step_at timestamptz,
        next_step_kind text,
        reminders_sent integer NOT NULL DEFAULT 0,
        escalations_sent integer NOT NULL DEFAULT 0,
        reopen_count integer NOT NULL DEFAULT 0,
        limits jsonb NOT NULL DEFAULT '{}',
        directions jsonb NOT NULL DEFAULT '[]',
        info_requests jsonb NOT NULL DEFAULT '[]',
        resolution text,
        reported_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        escalated_at timestamptz,
        directed_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reported_issues_state_idx ON reported_issues(state, severity)`);
    await q.query(`CREATE INDEX reported_issues_unit_idx ON reported_issues(reporter_unit_id, reported_at)`);
    await q.query(`CREATE INDEX reported_issues_plan_idx ON reported_issues(plan_id, reported_at)`);
    await q.query(
      `CREATE INDEX reported_issues_limit_idx ON reported_issues(limit_at) WHERE limit_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE reported_issue_events (
        workflow_id text NOT NULL,
        version integer NOT NULL,
        issue_id text NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        state text NOT NULL,
        step text,
        actor_unit_id text,
        reason text,
        detail jsonb,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, version)
      )`);
    await q.query(`CREATE INDEX reported_issue_events_issue_idx ON reported_issue_events(issue_id, version)`);
    await q.query(`
      CREATE TABLE reported_issue_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issue_id text NOT NULL REFERENCES reported_issues(id),
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (octet_length(content) = size)
      )`);
    await q.query(
      `CREATE INDEX reported_issue_attachments_issue_idx ON reported_issue_attachments(issue_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reported_issue_attachments`);
    await q.query(`DROP TABLE reported_issue_events`);
    await q.query(`DROP TABLE reported_issues`);
  }
}
