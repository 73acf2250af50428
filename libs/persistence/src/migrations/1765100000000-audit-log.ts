import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one row per command the API answered (and per export of the log itself), who sent
 * it, from where, what it was about and how it ended. Never a request body. Append-only in the
 * database itself: a trigger refuses UPDATE, DELETE and TRUNCATE, whoever connects (an application
 * bug, a hand-typed statement); only dropping the trigger, a schema change on record, lifts it.
 */
export class AuditLog1765100000000 implements MigrationInterface {
  name = 'AuditLog1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        account_id uuid,
        username text,
        role text,
        ip text,
        user_agent text,
        method text NOT NULL,
        route text,
        path text NOT NULL,
        action text NOT NULL,
        target text,
        status integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
        problem_title text,
        problem_detail text,
        request_id text,
        duration_ms integer NOT NULL,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log(at)`);
    await q.query(`CREATE INDEX audit_log_account_idx ON audit_log(account_id, at)`);
    await q.query(`CREATE INDEX audit_log_action_idx ON audit_log(action, at)`);
    await q.query(`CREATE INDEX audit_log_target_idx ON audit_log(target)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
