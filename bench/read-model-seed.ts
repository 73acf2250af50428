import { DataSource } from 'typeorm';
import { WorkingCalendar } from '@dondoc/calendar';
import { AssigneeSelector, deadlineInstant, PlanDefinition } from '@dondoc/domain';

/**
 * The read model as 22-KH/TU leaves it in spring 2022 on the generated province, written straight
 * into `deliverables` (the workflows that would write it are not what this scenario measures):
 * the whole-term plans, the 2021 yearly reports, the cells' first thematic session and their 2022
 * commitments. At scale 1 that is 18,364 rows (cells dominate: 2 × 8,300), proportionally fewer at
 * smaller scales.
 */
const PERIODS: Record<string, { period: string; dueDate: string }> = {
  'implementation-plan': { period: 'term', dueDate: '2021-09-12' },
  'grassroots-plan': { period: 'term', dueDate: '2021-11-15' },
  'thematic-session': { period: '2021-Q3', dueDate: '2021-09-30' },
  'commitment-registration': { period: '2022', dueDate: '2022-03-31' },
  'propaganda-plan': { period: '2022', dueDate: '2022-04-30' },
  'inspection-supervision': { period: '2021', dueDate: '2021-10-31' },
  'annual-report': { period: '2021', dueDate: '2021-11-15' },
  'provincial-summary': { period: '2021', dueDate: '2021-12-05' },
};
/** Not owed yet in spring 2022 (the reviews), or only when an issue is reported. */
const NOT_YET = new Set(['three-year-review', 'final-review', 'issue-report']);

/**
 * A status for each row from a hash of its id, so every run seeds the same mix: mostly handed in,
 * a good share overdue or still open, a few returned, escalated, waived or closed. Percent ranges.
 */
const STATUS_MIX: [upTo: number, status: string][] = [
  [40, 'accepted'],
  [55, 'submitted'],
  [70, 'overdue'],
  [80, 'open'],
  [85, 'returned'],
  [90, 'escalated'],
  [95, 'scheduled'],
  [98, 'waived'],
  [100, 'closed'],
];
const STATUS_SQL = `CASE ${STATUS_MIX.map(([upTo, s]) => `WHEN h < ${upTo} THEN '${s}'`).join(' ')} END`;

const typesOf = (a: AssigneeSelector): string[] =>
  a.kind === 'cell-members' ? a.cellTypes : 'unitTypes' in a ? a.unitTypes : [];

/** Inserts one row per (obligation, assignee unit) of the plan; answers the count per obligation and per status. */
export async function seedReadModel(ds: DataSource, plan: PlanDefinition) {
  const cal = new WorkingCalendar();
  const perObligation: Record<string, number> = {};
  for (const o of plan.obligations) {
    if (NOT_YET.has(o.id)) continue;
    const at = PERIODS[o.id];
    if (!at) throw new Error(`read-model seed: no period chosen for obligation ${o.id}`);
    const deadline = deadlineInstant(at.dueDate, cal);
    const rows: { n: number }[] = await ds.query(
      `WITH s AS (
         SELECT u.id AS unit_id, u.parent_id, abs(hashtext(u.id || $2 || $3)) % 100 AS h,
                (SELECT count(*) FROM memberships m WHERE m.unit_id = u.id)::int AS members
           FROM units u WHERE u.type = ANY($10) AND u.valid_to IS NULL
       ), r AS (SELECT s.*, ${STATUS_SQL} AS status FROM s),
       ins AS (
         INSERT INTO deliverables (id, workflow_id, plan_id, obligation_id, unit_id, period, title, due_date,
                deadline_at, status, version, plan_number, plan_title, clause, collector_unit_id,
                required_contents, member_count, registered_count, submitted_at, returns)
         SELECT $1 || ':' || $2 || ':' || r.unit_id || ':' || $3,
                'deliverable:' || $1 || ':' || $2 || ':' || r.unit_id || ':' || $3,
                $1, $2, r.unit_id, $3, $4, $5::date, $6::timestamptz, r.status, 2 + h % 5, $7, $8, $9,
                coalesce($11, r.parent_id), $12::jsonb,
                CASE WHEN $13 THEN r.members ELSE 0 END,
                CASE WHEN $13 THEN r.members * h / 100 ELSE 0 END,
                -- Handed in up to 7 days early, one in five up to 2 days late: on-time and late buckets.
                CASE WHEN r.status IN ('submitted', 'accepted', 'returned', 'closed')
                     THEN $6::timestamptz - (h % 10 - 2) * interval '1 day' END,
                CASE WHEN r.status = 'returned' THEN 1 ELSE 0 END
           FROM r
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [
        plan.id,
        o.id,
        at.period,
        o.title.vi,
        at.dueDate,
        deadline,
        plan.number,
        plan.title.vi,
        o.clause,
        typesOf(o.assignees),
        o.collector.kind === 'unit' ? o.collector.unit : null,
        JSON.stringify(o.requiredContents.map((c) => c.id)),
        o.assignees.kind === 'cell-members',
      ],
    );
    perObligation[o.id] = rows[0].n;
  }
  const statuses: { status: string; n: number }[] = await ds.query(
    `SELECT status, count(*)::int AS n FROM deliverables WHERE plan_id = $1 GROUP BY status ORDER BY n DESC`,
    [plan.id],
  );
  // As autovacuum would leave a settled read model: statistics, and a visibility map so that counts
  // can be index-only scans.
  await ds.query('VACUUM ANALYZE deliverables');
  return {
    deliverables: Object.values(perObligation).reduce((a, b) => a + b, 0),
    perObligation,
    perStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
  };
}
