import { RowScope, rowScopeSql } from './row-scope';
import { DataSource } from 'typeorm';
import type { DeliverableStatus } from '@dondoc/domain';
import {
  DeliverableEntity,
  ExtensionRecord,
  ReviewRecord,
  SubmissionRecord,
} from './entities/deliverable.entity';
import { DeliverableEventEntity } from './entities/deliverable-event.entity';
import { DeliverableUrgingEntity } from './entities/deliverable-urging.entity';

/** What the workflow knows about itself, as it writes it into the read model. */
export interface DeliverableProjection {
  id: string;
  workflowId: string;
  planId: string;
  obligationId: string;
  unitId: string;
  period: string;
  planNumber: string | null;
  planTitle: string | null;
  title: string;
  clause: string | null;
  collectorUnitId: string | null;
  requiredContents: string[];
  dueDate: string;
  deadlineAt: string;
  status: DeliverableStatus;
  version: number;
  remindersSent: number;
  escalationsSent: number;
  nextStepAt: string | null;
  nextStepKind: string | null;
  submittedAt: string | null;
  submission: SubmissionRecord | null;
  lastReview: ReviewRecord | null;
  extensions: ExtensionRecord[];
  returns: number;
  closedReason: string | null;
  memberCount?: number;
  registeredCount?: number;
  weeklyByPlan?: boolean;
}

export interface DeliverableEventRecord {
  version: number;
  at: string;
  type: string;
  step?: string;
  actorUnitId?: string;
  reason?: string;
  personId?: string;
}

export interface DeliverableListQuery {
  unitId?: string;
  planId?: string;
  status?: DeliverableStatus;
  page: number;
  pageSize: number;
}

const COLUMNS: [keyof DeliverableProjection, string, 'json'?][] = [
  ['id', 'id'],
  ['workflowId', 'workflow_id'],
  ['planId', 'plan_id'],
  ['obligationId', 'obligation_id'],
  ['unitId', 'unit_id'],
  ['period', 'period'],
  ['planNumber', 'plan_number'],
  ['planTitle', 'plan_title'],
  ['title', 'title'],
  ['clause', 'clause'],
  ['collectorUnitId', 'collector_unit_id'],
  ['requiredContents', 'required_contents', 'json'],
  ['dueDate', 'due_date'],
  ['deadlineAt', 'deadline_at'],
  ['status', 'status'],
  ['version', 'version'],
  ['remindersSent', 'reminders_sent'],
  ['escalationsSent', 'escalations_sent'],
  ['nextStepAt', 'next_step_at'],
  ['nextStepKind', 'next_step_kind'],
  ['submittedAt', 'submitted_at'],
  ['submission', 'submission', 'json'],
  ['lastReview', 'last_review', 'json'],
  ['extensions', 'extensions', 'json'],
  ['returns', 'returns'],
  ['closedReason', 'closed_reason'],
  ['memberCount', 'member_count'],
  ['registeredCount', 'registered_count'],
  ['weeklyByPlan', 'weekly_by_plan'],
];
const KEY_COLUMNS = new Set(['id', 'workflow_id', 'plan_id', 'obligation_id', 'unit_id', 'period']);
/** The versioned upsert of the rows in `values` (a newer version wins; a retry cannot roll back). */
const upsertSql = (
  values: string,
) => `INSERT INTO deliverables AS d (${COLUMNS.map((c) => c[1]).join(', ')}, updated_at)
  VALUES ${values}
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => !KEY_COLUMNS.has(c[1]))
    .map((c) => `${c[1]} = EXCLUDED.${c[1]}`)
    .join(', ')}, updated_at = now()
  WHERE d.version < EXCLUDED.version
  RETURNING id`;

/** The events (a JSON array parameter, see trailRow), each keyed by (workflow id, version): never twice. */
const trailSql = (param: string) =>
  `INSERT INTO deliverable_events (workflow_id, version, deliverable_id, at, type, step, actor_unit_id, reason, person_id)
    SELECT e.workflow_id, e.version, e.deliverable_id, e.at, e.type, e.step, e.actor_unit_id, e.reason, e.person_id
      FROM jsonb_to_recordset(${param}::jsonb)
        AS e(workflow_id text, deliverable_id text, version integer, at timestamptz, type text, step text,
             actor_unit_id text, reason text, person_id text)
    ON CONFLICT DO NOTHING`;

/**
 * One statement, so atomic without a transaction and one round trip: a term writes ~10⁴ of these.
 * The events are the last parameter, as a JSON array.
 */
const UPSERT_WITH_EVENTS_SQL = `WITH upserted AS (${upsertSql(
  `(${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, now())`,
)}),
  trail AS (${trailSql(`$${COLUMNS.length + 1}`)})
  SELECT EXISTS (SELECT 1 FROM upserted) AS changed`;

function rowParams(p: DeliverableProjection): unknown[] {
  const row: DeliverableProjection = { memberCount: 0, registeredCount: 0, weeklyByPlan: false, ...p };
  return COLUMNS.map(([key, , kind]) =>
    kind === 'json' && row[key] !== null ? JSON.stringify(row[key]) : row[key],
  );
}

function trailRow(p: DeliverableProjection, e: DeliverableEventRecord) {
  return {
    workflow_id: p.workflowId,
    deliverable_id: p.id,
    version: e.version,
    at: e.at,
    type: e.type,
    step: e.step ?? null,
    actor_unit_id: e.actorUnitId ?? null,
    reason: e.reason ?? null,
    person_id: e.personId ?? null,
  };
}

export class DeliverableProjectionRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Idempotent, ordered write of the row and its new events in one statement: the row applies only
   * when `version` is newer than what is stored (a retried activity cannot roll it back), and each
   * event is keyed by (workflow id, version) so a retry never duplicates the trail.
   * Returns whether the row changed.
   */
  async upsert(p: DeliverableProjection, events: DeliverableEventRecord[] = []): Promise<boolean> {
    const [{ changed }]: { changed: boolean }[] = await this.ds.query(UPSERT_WITH_EVENTS_SQL, [
      ...rowParams(p),
      JSON.stringify(events.map((e) => trailRow(p, e))),
    ]);
    return changed;
  }

  /**
   * The same idempotent, versioned write for many rows in one statement (a plan opening a period
   * writes thousands of "opened" rows: one round trip per chunk instead of one activity per row).
   * Returns how many rows changed.
   */
  async upsertMany(rows: { projection: DeliverableProjection; events: DeliverableEventRecord[] }[]) {
    if (!rows.length) return 0;
    const width = COLUMNS.length;
    const values = rows
      .map((_, r) => `(${COLUMNS.map((_c, i) => `$${r * width + i + 1}`).join(', ')}, now())`)
      .join(', ');
    const trail = rows.flatMap((r) => r.events.map((e) => trailRow(r.projection, e)));
    const [{ changed }]: { changed: number }[] = await this.ds.query(
      `WITH upserted AS (${upsertSql(values)}), trail AS (${trailSql(`$${rows.length * width + 1}`)})
        SELECT count(*)::int AS changed FROM upserted`,
      [...rows.flatMap((r) => rowParams(r.projection)), JSON.stringify(trail)],
    );
    return changed;
  }

  findById(id: string): Promise<DeliverableEntity | null> {
    return this.ds.getRepository(DeliverableEntity).findOneBy({ id });
  }

  events(deliverableId: string): Promise<DeliverableEventEntity[]> {
    return this.ds
      .getRepository(DeliverableEventEntity)
      .find({ where: { deliverableId }, order: { version: 'ASC' } });
  }

  /** The plan's weekly digests that named it, oldest first. */
  urgings(deliverableId: string): Promise<DeliverableUrgingEntity[]> {
    return this.ds
      .getRepository(DeliverableUrgingEntity)
      .find({ where: { deliverableId }, order: { urgedOn: 'ASC' } });
  }

  /**
   * One page; `scope` (the caller's, see row-scope.ts) narrows it to the rows the caller may see.
   * The page's ids come first, in (due date, id) order with OFFSET, from deliverables_plan_due_idx
   * alone when a plan is given (it carries the other filters' columns): the skipped rows are index
   * entries, not ~1 KB heap rows. Only the page's own rows are then read whole. The count is a
   * separate COUNT over an index, run alongside.
   */
  async list(
    q: DeliverableListQuery,
    scope?: RowScope,
  ): Promise<{ items: DeliverableEntity[]; total: number }> {
    const repo = this.ds.getRepository(DeliverableEntity);
    const matching = () => {
      const qb = repo.createQueryBuilder('d');
      if (scope) {
        const { sql, params } = rowScopeSql(scope, 'd.unit_id', 'd.collector_unit_id');
        qb.andWhere(sql, params);
      }
      if (q.unitId) qb.andWhere('d.unit_id = :unitId', { unitId: q.unitId });
      if (q.planId) qb.andWhere('d.plan_id = :planId', { planId: q.planId });
      if (q.status) qb.andWhere('d.status = :status', { status: q.status });
      return qb;
    };
    const pageIds = matching()
      .select('d.id')
      .orderBy('d.due_date', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize);
    const [items, total] = await Promise.all([
      repo
        .createQueryBuilder('d')
        .where(`d.id IN (${pageIds.getQuery()})`)
        .setParameters(pageIds.getParameters())
        .orderBy('d.due_date', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .getMany(),
      matching().getCount(),
    ]);
    return { items, total };
  }
}
