import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level validation for the API's read cache (apps/api/src/common/read-model-cache.ts): with a
 * steady trickle of submissions, dropping every cached page of a plan at each write leaves nothing
 * cached, yet a status change only alters the page that shows the row (and the totals).
 *
 * `deliverables.shape_seq` is the change mark (1765500000000) of the row's insert and of every later
 * change that can move a row between pages or in or out of a filtered list: its due date or deadline
 * (the list's order, the clock bounds), its collector (row scopes), its keys. A change whose
 * `shape_seq` is older than a cached page and whose row is not on that page leaves the page as it
 * was (unless the page filters by status or bucket). A row moved to another plan bumps the epoch.
 */
export class ReadModelShapeMarks1765600000000 implements MigrationInterface {
  name = 'ReadModelShapeMarks1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliverables ADD COLUMN shape_seq bigint NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE OR REPLACE FUNCTION deliverables_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_current_xact_id();
        NEW.change_seq := nextval('deliverables_change_seq');
        IF TG_OP = 'INSERT' THEN
          NEW.shape_seq := NEW.change_seq;
        ELSIF (NEW.plan_id, NEW.unit_id, NEW.obligation_id, NEW.period, NEW.id)
              IS DISTINCT FROM (OLD.plan_id, OLD.unit_id, OLD.obligation_id, OLD.period, OLD.id)
           OR (NEW.due_date, NEW.deadline_at, NEW.collector_unit_id)
              IS DISTINCT FROM (OLD.due_date, OLD.deadline_at, OLD.collector_unit_id) THEN
          NEW.shape_seq := NEW.change_seq;
          IF NEW.plan_id IS DISTINCT FROM OLD.plan_id THEN
            UPDATE read_model_epoch SET epoch = epoch + 1 WHERE id = 1;
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION deliverables_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_current_xact_id();
        NEW.change_seq := nextval('deliverables_change_seq');
        RETURN NEW;
      END $$`);
    await q.query(`ALTER TABLE deliverables DROP COLUMN shape_seq`);
  }
}
