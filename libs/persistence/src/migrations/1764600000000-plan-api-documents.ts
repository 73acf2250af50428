import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Submission documents (bytes in PostgreSQL, checksum beside them) and the index the plan status
 * matrix reads: plan, then unit × obligation × period in display order, covering the columns the
 * bucket is computed from so the matrix is an index-only scan on a large plan.
 */
export class PlanApiDocuments1764600000000 implements MigrationInterface {
  name = 'PlanApiDocuments1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deliverable_id text NOT NULL REFERENCES deliverables(id),
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (octet_length(content) = size)
      )`);
    await q.query(`CREATE INDEX documents_deliverable_idx ON documents(deliverable_id, uploaded_at)`);
    await q.query(`
      CREATE INDEX deliverables_plan_matrix_idx
        ON deliverables(plan_id, unit_id, obligation_id, period)
        INCLUDE (status, due_date, deadline_at, submitted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliverables_plan_matrix_idx`);
    await q.query(`DROP TABLE documents`);
  }
}
