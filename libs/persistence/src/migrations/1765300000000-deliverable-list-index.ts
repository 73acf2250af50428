import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The paged deliverable list of a plan (GET /deliverables?planId=…) reads in due-date order: with
 * this index a page is an index scan that stops after it, instead of sorting the plan's every row
 * (~18,000 wide rows for 22-KH/TU on a province; deep pages spilled the sort to disk). Measured by
 * the `read-model` benchmark.
 */
export class DeliverableListIndex1765300000000 implements MigrationInterface {
  name = 'DeliverableListIndex1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX deliverables_plan_due_idx ON deliverables(plan_id, due_date, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliverables_plan_due_idx`);
  }
}
