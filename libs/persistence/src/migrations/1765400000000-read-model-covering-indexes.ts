import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two paged reads of a plan's deliverables answer from an index alone (issue #9, `read-model`
 * benchmark), so neither touches the ~1 KB heap rows (clause text, JSON) of the plan's ~18,000
 * deliverables, except the page's own:
 *
 * - the status matrix (plan-status.repository.ts): its bucket totals aggregate every row of the plan
 *   and its page walks the rows in (unit, obligation, period) order, both filtered by the caller's
 *   row scope. The matrix index gains `collector_unit_id` (the scope) and `id` (the page) so both
 *   are index-only scans; it replaces the old one rather than sitting beside it, since each index
 *   costs every upsert the workflows make.
 * - the deliverable list (deliverable-projection.repository.ts `list`): the page's ids are read in
 *   (due date, id) order with OFFSET; the list's other filters (status, unit, row scope) ride along
 *   in INCLUDE so a deep page skips its offset in the index, not in the table.
 */
export class ReadModelCoveringIndexes1765400000000 implements MigrationInterface {
  name = 'ReadModelCoveringIndexes1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliverables_plan_matrix_idx`);
    await q.query(`
      CREATE INDEX deliverables_plan_matrix_idx
        ON deliverables(plan_id, unit_id, obligation_id, period)
        INCLUDE (status, due_date, deadline_at, submitted_at, collector_unit_id, id)`);
    await q.query(`DROP INDEX deliverables_plan_due_idx`);
    await q.query(`
      CREATE INDEX deliverables_plan_due_idx
        ON deliverables(plan_id, due_date, id) INCLUDE (status, unit_id, collector_unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliverables_plan_due_idx`);
    await q.query(`CREATE INDEX deliverables_plan_due_idx ON deliverables(plan_id, due_date, id)`);
    await q.query(`DROP INDEX deliverables_plan_matrix_idx`);
    await q.query(`
      CREATE INDEX deliverables_plan_matrix_idx
        ON deliverables(plan_id, unit_id, obligation_id, period)
        INCLUDE (status, due_date, deadline_at, submitted_at)`);
  }
}
