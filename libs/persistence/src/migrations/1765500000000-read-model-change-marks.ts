import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change marks for the API's validated read cache (apps/api/src/common/read-model-cache.ts, issue #9):
 * a cached page of a plan is served again only while nothing it was computed from has changed, and
 * checking that must cost one index probe, not the read itself.
 *
 * - `deliverables.change_seq`: every inserted or updated row takes the next value of one sequence,
 *   set by a BEFORE row trigger, so no write path has to remember it and no row is shared between
 *   writers (a sequence is not transactional: thousands of concurrent upserts never queue on it).
 *   `max(change_seq)` of a plan is a one-row probe of deliverables_plan_change_idx. The trigger takes
 *   the transaction's id before the sequence value, so a writer that holds a value below a reader's
 *   max and has not committed is always in the reader's snapshot's in-progress list (the cache relies
 *   on that; see there). An upsert whose version is not newer updates nothing and draws no new mark
 *   (BEFORE UPDATE triggers fire only for rows actually updated).
 * - `read_model_epoch`: one counter row, bumped once per statement that deletes or truncates
 *   deliverables (never done by the application today) or writes `units` (the matrix shows unit
 *   names); both are rare, so the single row is no point of contention.
 */
export class ReadModelChangeMarks1765500000000 implements MigrationInterface {
  name = 'ReadModelChangeMarks1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE deliverables_change_seq`);
    // A constant default: adding the column rewrites nothing; rows written from now on get real marks.
    await q.query(`ALTER TABLE deliverables ADD COLUMN change_seq bigint NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION deliverables_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_current_xact_id();
        NEW.change_seq := nextval('deliverables_change_seq');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER deliverables_change_mark BEFORE INSERT OR UPDATE ON deliverables
        FOR EACH ROW EXECUTE FUNCTION deliverables_mark_change()`);
    await q.query(`CREATE INDEX deliverables_plan_change_idx ON deliverables(plan_id, change_seq)`);
    await q.query(`
      CREATE TABLE read_model_epoch (id int PRIMARY KEY CHECK (id = 1), epoch bigint NOT NULL)`);
    await q.query(`INSERT INTO read_model_epoch (id, epoch) VALUES (1, 0)`);
    await q.query(`
      CREATE FUNCTION read_model_bump_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE read_model_epoch SET epoch = epoch + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER deliverables_delete_epoch AFTER DELETE OR TRUNCATE ON deliverables
        FOR EACH STATEMENT EXECUTE FUNCTION read_model_bump_epoch()`);
    await q.query(`
      CREATE TRIGGER units_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
        FOR EACH STATEMENT EXECUTE FUNCTION read_model_bump_epoch()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER units_epoch ON units`);
    await q.query(`DROP TRIGGER deliverables_delete_epoch ON deliverables`);
    await q.query(`DROP FUNCTION read_model_bump_epoch()`);
    await q.query(`DROP TABLE read_model_epoch`);
    await q.query(`DROP INDEX deliverables_plan_change_idx`);
    await q.query(`DROP TRIGGER deliverables_change_mark ON deliverables`);
    await q.query(`DROP FUNCTION deliverables_mark_change()`);
    await q.query(`ALTER TABLE deliverables DROP COLUMN change_seq`);
    await q.query(`DROP SEQUENCE deliverables_change_seq`);
  }
}
