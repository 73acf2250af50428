import { DataSource } from 'typeorm';
import type { RowScope } from '@dondoc/persistence';
import { BUCKETS, Bucket, DeliverableStatus } from '@dondoc/domain';

export type BucketCounts = { total: number } & Record<Bucket, number>;

/**
 * The reporting bucket in SQL, the same rules as `bucketOf` (libs/domain lifecycle/status-bucket.ts):
 * computed at query time because "within deadline" turns into "overdue" by the clock alone, with no
 * write to the row. `$1` is the instant it is computed at. plan-status.repository.int-spec.ts holds
 * the two to the same answers.
 */
export const BUCKET_SQL = `CASE
    WHEN d.status = 'waived' THEN 'waived'
    WHEN d.status = 'cancelled' THEN 'cancelled'
    WHEN d.status IN ('submitted', 'accepted', 'closed') AND d.submitted_at IS NOT NULL
      THEN CASE WHEN d.submitted_at < d.deadline_at THEN 'on-time' ELSE 'late' END
    WHEN $1::timestamptz < d.deadline_at THEN 'not-done-within-deadline'
    ELSE 'not-done-overdue'
  END`;

const BUCKET_IDS = Object.keys(BUCKETS) as Bucket[];
/** `count(*) AS total, count(*) FILTER (WHERE bucket = 'on-time') AS "on-time", …` over column `bucket`. */
const COUNT_COLUMNS = [
  'count(*)::int AS total',
  ...BUCKET_IDS.map((b) => `count(*) FILTER (WHERE bucket = '${b}')::int AS "${b}"`),
].join(', ');

/**
 * The matrix's filters but the bucket, over `d`: `$2` plan, `$3` period, `$4` obligation, `$5` unit,
 * `$9`/`$10` the row scope's units and collected units (null: no filter). Every column it reads is in
 * deliverables_plan_matrix_idx, so the totals stay an index-only scan.
 */
const MATRIX_FILTERS = `d.plan_id = $2
            AND ($3::text IS NULL OR d.period = $3)
            AND ($4::text IS NULL OR d.obligation_id = $4)
            AND ($5::text IS NULL OR d.unit_id = $5)
            AND ($9::text[] IS NULL OR d.unit_id = ANY($9) OR d.collector_unit_id = ANY($10))`;
/**
 * COUNT_COLUMNS over rows already counted per bucket (`bucket`, `n`): the matrix groups by bucket
 * first, so the CASE runs once per row instead of once per FILTER; an empty set sums to 0, not null.
 */
const SUM_COLUMNS = [
  'coalesce(sum(n), 0)::int AS total',
  ...BUCKET_IDS.map((b) => `coalesce(sum(n) FILTER (WHERE bucket = '${b}'), 0)::int AS "${b}"`),
].join(', ');

export interface StatusFilter {
  planId: string;
  period?: string;
  obligationId?: string;
  unitId?: string;
  bucket?: Bucket;
  /** The caller's row scope (row-scope.ts); undefined: every row. */
  scope?: RowScope;
  page: number;
  pageSize: number;
}

export interface StatusRow {
  deliverableId: string;
  unitId: string;
  unitName: string | null;
  obligationId: string;
  period: string;
  status: DeliverableStatus;
  bucket: Bucket;
  dueDate: string;
  deadlineAt: Date;
  submittedAt: Date | null;
}

export interface StatusMatrix {
  totals: BucketCounts;
  total: number;
  items: StatusRow[];
}

/** One page of the matrix's rows in index order, filtered by the computed bucket as it goes. */
const PAGE_SQL = `SELECT * FROM (
           SELECT d.id, d.unit_id, d.obligation_id, d.period, d.status, d.due_date, d.deadline_at,
                  d.submitted_at, ${BUCKET_SQL} AS bucket
             FROM deliverables d WHERE ${MATRIX_FILTERS}
         ) m
          WHERE $6::text IS NULL OR bucket = $6
          ORDER BY unit_id, obligation_id, period LIMIT $7 OFFSET $8`;
/** The columns of a page row `p`; a unit's name is a primary-key probe per row of the page. */
const PAGE_COLUMNS = `p.id AS deliverable_id, p.unit_id,
              (SELECT u.name FROM units u WHERE u.id = p.unit_id) AS unit_name, p.obligation_id, p.period,
              p.status, p.due_date::text AS due_date, p.deadline_at, p.submitted_at, p.bucket`;

const matrixParams = (f: StatusFilter, asOf: Date): unknown[] => [
  asOf,
  f.planId,
  f.period ?? null,
  f.obligationId ?? null,
  f.unitId ?? null,
  f.bucket ?? null,
  f.pageSize,
  (f.page - 1) * f.pageSize,
  f.scope ? [...f.scope.units] : null,
  f.scope ? [...f.scope.collects] : null,
];

const statusRow = (r: Record<string, unknown>): StatusRow => ({
  deliverableId: r.deliverable_id as string,
  unitId: r.unit_id as string,
  unitName: (r.unit_name as string | null) ?? null,
  obligationId: r.obligation_id as string,
  period: r.period as string,
  status: r.status as DeliverableStatus,
  bucket: r.bucket as Bucket,
  dueDate: r.due_date as string,
  deadlineAt: r.deadline_at as Date,
  submittedAt: (r.submitted_at as Date | null) ?? null,
});

function counts(row: Record<string, unknown>): BucketCounts {
  const out = { total: Number(row.total ?? 0) } as BucketCounts;
  for (const b of BUCKET_IDS) out[b] = Number(row[b] ?? 0);
  return out;
}

/** Reads of the read model for plans: one statement each, never a fan-out to Temporal. */
export class PlanStatusRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * One page of the unit × obligation × period matrix and the bucket totals of every row matching
   * the filters, in one statement (one round trip) of two independent parts, each an index-only scan
   * of deliverables_plan_matrix_idx (migration 1765400000000), so neither reads the wide heap rows:
   * - `totals` counts every matching row per bucket from the narrow bucket inputs; it always yields
   *   its single row, and the page is joined to it, so an empty page still carries the totals;
   * - `page` walks the rows in index order, (unit, obligation, period), filters by the computed
   *   bucket as it goes and stops after OFFSET + LIMIT of them: no sort of the plan's rows. A unit's
   *   name is looked up per row of the page (a primary-key probe each), never by reading `units`.
   */
  async matrix(f: StatusFilter, asOf: Date): Promise<StatusMatrix> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH totals AS (
         SELECT ${SUM_COLUMNS}, coalesce(sum(n) FILTER (WHERE $6::text IS NULL OR bucket = $6), 0)::int AS matching
           FROM (SELECT ${BUCKET_SQL} AS bucket, count(*) AS n
                   FROM deliverables d WHERE ${MATRIX_FILTERS} GROUP BY 1) per_bucket
       ),
       page AS (${PAGE_SQL})
       SELECT t.*, ${PAGE_COLUMNS}
         FROM totals t LEFT JOIN page p ON true
        ORDER BY p.unit_id, p.obligation_id, p.period`,
      matrixParams(f, asOf),
    );
    const first = rows[0] ?? {};
    return {
      totals: counts(first),
      total: Number(first.matching ?? 0),
      items: rows.filter((r) => r.deliverable_id !== null).map(statusRow),
    };
  }

  /** The page of `matrix` alone, without the totals (the read cache keeps the two apart). */
  async page(f: StatusFilter, asOf: Date): Promise<StatusRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH page AS (${PAGE_SQL})
       SELECT ${PAGE_COLUMNS} FROM page p ORDER BY p.unit_id, p.obligation_id, p.period`,
      matrixParams(f, asOf),
    );
    return rows.map(statusRow);
  }

  /** Bucket counts per plan (GROUP BY plan), for the plan list. */
  async countsByPlan(planIds: string[], asOf: Date): Promise<Map<string, BucketCounts>> {
    if (planIds.length === 0) return new Map();
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT plan_id, ${COUNT_COLUMNS}
         FROM (SELECT d.plan_id, ${BUCKET_SQL} AS bucket FROM deliverables d WHERE d.plan_id = ANY($2)) m
        GROUP BY plan_id`,
      [asOf, planIds],
    );
    return new Map(rows.map((r) => [r.plan_id as string, counts(r)]));
  }

  /** Per obligation and in all (GROUP BY ROLLUP: the row with a null obligation is the plan's total). */
  async countsByObligation(
    planId: string,
    asOf: Date,
  ): Promise<{ total: BucketCounts; byObligation: { obligationId: string; counts: BucketCounts }[] }> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT obligation_id, ${COUNT_COLUMNS}
         FROM (SELECT d.obligation_id, ${BUCKET_SQL} AS bucket FROM deliverables d WHERE d.plan_id = $2) m
        GROUP BY ROLLUP (obligation_id)
        ORDER BY obligation_id NULLS LAST`,
      [asOf, planId],
    );
    const total = rows.find((r) => r.obligation_id === null);
    return {
      total: counts(total ?? {}),
      byObligation: rows
        .filter((r) => r.obligation_id !== null)
        .map((r) => ({ obligationId: r.obligation_id as string, counts: counts(r) })),
    };
  }
}
