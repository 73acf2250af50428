import { RowScope, rowScopeSql } from './row-scope';
import { DataSource } from 'typeorm';
import type {
  IssueClock,
  IssueHolder,
  IssueLimits,
  IssueSeverity,
  IssueState,
  PausedClock,
} from '@dondoc/domain';
import { DirectionRecord, InfoRequestRecord, ReportedIssueEntity } from './entities/reported-issue.entity';
import { ReportedIssueEventEntity } from './entities/reported-issue-event.entity';
import { ReportedIssueAttachmentEntity } from './entities/reported-issue-attachment.entity';

/** What the issue workflow knows about itself, as it writes it into the read model. */
export interface ReportedIssueProjection {
  id: string;
  workflowId: string;
  planId: string;
  reporterUnitId: string;
  severity: IssueSeverity;
  state: IssueState;
  holder: IssueHolder;
  version: number;
  handlerUnitId: string | null;
  handlerContactId: string | null;
  clock: IssueClock | null;
  pausedClock: PausedClock | null;
  limitAt: string | null;
  nextStepAt: string | null;
  nextStepKind: string | null;
  remindersSent: number;
  escalationsSent: number;
  reopenCount: number;
  limits: IssueLimits;
  directions: DirectionRecord[];
  infoRequests: InfoRequestRecord[];
  resolution: string | null;
  reportedAt: string;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
  directedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface ReportedIssueEventRecord {
  version: number;
  at: string;
  type: string;
  state: string;
  step?: string;
  actorUnitId?: string;
  reason?: string;
  detail?: Record<string, unknown>;
}

/** What only the API knows: the words of the report and who wrote it (personal data stays here). */
export interface NewReportedIssue {
  id: string;
  workflowId: string;
  planId: string;
  reporterUnitId: string;
  reporterName: string | null;
  reporterEmail: string | null;
  title: string;
  description: string;
  severity: IssueSeverity;
  limits: IssueLimits;
  reportedAt: string;
}

export interface ReportedIssueListQuery {
  state?: IssueState;
  severity?: IssueSeverity;
  unitId?: string;
  planId?: string;
  /** Only issues whose running limit has passed (true) or has not (false). */
  overdue?: boolean;
  page: number;
  pageSize: number;
}

const COLUMNS: [keyof ReportedIssueProjection, string, 'json'?][] = [
  ['id', 'id'],
  ['workflowId', 'workflow_id'],
  ['planId', 'plan_id'],
  ['reporterUnitId', 'reporter_unit_id'],
  ['severity', 'severity'],
  ['state', 'state'],
  ['holder', 'holder'],
  ['version', 'version'],
  ['handlerUnitId', 'handler_unit_id'],
  ['handlerContactId', 'handler_contact_id'],
  ['clock', 'clock', 'json'],
  ['pausedClock', 'paused_clock', 'json'],
  ['limitAt', 'limit_at'],
  ['nextStepAt', 'next_step_at'],
  ['nextStepKind', 'next_step_kind'],
  ['remindersSent', 'reminders_sent'],
  ['escalationsSent', 'escalations_sent'],
  ['reopenCount', 'reopen_count'],
  ['limits', 'limits', 'json'],
  ['directions', 'directions', 'json'],
  ['infoRequests', 'info_requests', 'json'],
  ['resolution', 'resolution'],
  ['reportedAt', 'reported_at'],
  ['acknowledgedAt', 'acknowledged_at'],
  ['escalatedAt', 'escalated_at'],
  ['directedAt', 'directed_at'],
  ['resolvedAt', 'resolved_at'],
  ['closedAt', 'closed_at'],
];
const KEY_COLUMNS = new Set(['id', 'workflow_id', 'plan_id', 'reporter_unit_id', 'reported_at']);
const UPSERT_SQL = `INSERT INTO reported_issues AS i (${COLUMNS.map((c) => c[1]).join(', ')}, updated_at)
  VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, now())
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => !KEY_COLUMNS.has(c[1]))
    .map((c) => `${c[1]} = EXCLUDED.${c[1]}`)
    .join(', ')}, updated_at = now()
  WHERE i.version < EXCLUDED.version
  RETURNING id`;

/** The SQL condition of an issue whose running limit has passed (while info is requested: the answer limit). */
const OVERDUE_SQL = `(i.limit_at IS NOT NULL AND i.limit_at < now())`;

export class ReportedIssueRepository {
  constructor(private readonly ds: DataSource) {}

  /** The API's row before the workflow starts (version 0): a repeat is a no-op. */
  async create(r: NewReportedIssue): Promise<void> {
    await this.ds.query(
      `INSERT INTO reported_issues (id, workflow_id, plan_id, reporter_unit_id, reporter_name, reporter_email,
         title, description, severity, state, holder, version, limits, reported_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'reported','btg',0,$10,$11) ON CONFLICT (id) DO NOTHING`,
      [
        r.id,
        r.workflowId,
        r.planId,
        r.reporterUnitId,
        r.reporterName,
        r.reporterEmail,
        r.title,
        r.description,
        r.severity,
        JSON.stringify(r.limits),
        r.reportedAt,
      ],
    );
  }

  /**
   * Idempotent, ordered write of the workflow's state and its new events in one transaction: the row
   * applies only when its version is newer; events are keyed by (workflow id, version).
   */
  async upsert(p: ReportedIssueProjection, events: ReportedIssueEventRecord[] = []): Promise<boolean> {
    const params = COLUMNS.map(([key, , kind]) =>
      kind === 'json' && p[key] !== null ? JSON.stringify(p[key]) : p[key],
    );
    return this.ds.transaction(async (m) => {
      const rows: unknown[] = await m.query(UPSERT_SQL, params);
      for (const e of events) {
        await m.query(
          `INSERT INTO reported_issue_events (workflow_id, version, issue_id, at, type, state, step, actor_unit_id, reason, detail)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT DO NOTHING`,
          [
            p.workflowId,
            e.version,
            p.id,
            e.at,
            e.type,
            e.state,
            e.step ?? null,
            e.actorUnitId ?? null,
            e.reason ?? null,
            e.detail ? JSON.stringify(e.detail) : null,
          ],
        );
      }
      return rows.length > 0;
    });
  }

  findById(id: string): Promise<ReportedIssueEntity | null> {
    return this.ds.getRepository(ReportedIssueEntity).findOneBy({ id });
  }

  events(issueId: string): Promise<ReportedIssueEventEntity[]> {
    return this.ds
      .getRepository(ReportedIssueEventEntity)
      .find({ where: { issueId }, order: { version: 'ASC' } });
  }

  /** One page; `scope` (the caller's, see row-scope.ts) narrows it to the issues the caller may see. */
  async list(
    q: ReportedIssueListQuery,
    scope?: RowScope,
  ): Promise<{ items: ReportedIssueEntity[]; total: number }> {
    const qb = this.ds.getRepository(ReportedIssueEntity).createQueryBuilder('i');
    if (scope) {
      const { sql, params } = rowScopeSql(scope, 'i.reporter_unit_id', 'i.handler_unit_id');
      qb.andWhere(scope.escalated ? `(${sql} OR i.escalated_at IS NOT NULL)` : sql, params);
    }
    if (q.state) qb.andWhere('i.state = :state', { state: q.state });
    if (q.severity) qb.andWhere('i.severity = :severity', { severity: q.severity });
    if (q.unitId) qb.andWhere('i.reporter_unit_id = :unitId', { unitId: q.unitId });
    if (q.planId) qb.andWhere('i.plan_id = :planId', { planId: q.planId });
    if (q.overdue !== undefined) qb.andWhere(q.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
    const [items, total] = await qb
      .orderBy('i.reported_at', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** Issues reported in [from, to] (instants), oldest first, for BTG's periodic summary. */
  inPeriod(
    from: string,
    to: string,
    planId?: string,
  ): Promise<(ReportedIssueEntity & { overdue: boolean })[]> {
    const qb = this.ds
      .getRepository(ReportedIssueEntity)
      .createQueryBuilder('i')
      .addSelect(OVERDUE_SQL, 'overdue')
      .where('i.reported_at >= :from AND i.reported_at < :to', { from, to });
    if (planId) qb.andWhere('i.plan_id = :planId', { planId });
    return qb
      .orderBy('i.reported_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((e, n) =>
          Object.assign(e, { overdue: Boolean((raw[n] as { overdue: boolean }).overdue) }),
        ),
      );
  }

  async addAttachment(a: Omit<ReportedIssueAttachmentEntity, 'id' | 'uploadedAt' | 'size'>) {
    const rows: { id: string; uploaded_at: Date }[] = await this.ds.query(
      `INSERT INTO reported_issue_attachments (issue_id, filename, content_type, size, sha256, content)
       VALUES ($1,$2,$3,$4,$5,$6) RETURNING id, uploaded_at`,
      [a.issueId, a.filename, a.contentType, a.content.length, a.sha256, a.content],
    );
    return { id: rows[0].id, uploadedAt: rows[0].uploaded_at };
  }

  attachments(issueId: string): Promise<ReportedIssueAttachmentEntity[]> {
    return this.ds
      .getRepository(ReportedIssueAttachmentEntity)
      .find({ where: { issueId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  attachmentWithContent(issueId: string, id: string): Promise<ReportedIssueAttachmentEntity | null> {
    return this.ds.getRepository(ReportedIssueAttachmentEntity).findOne({
      select: {
        id: true,
        issueId: true,
        filename: true,
        contentType: true,
        size: true,
        sha256: true,
        content: true,
        uploadedAt: true,
      },
      where: { id, issueId },
    });
  }
}
