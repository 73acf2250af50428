import { DataSource } from 'typeorm';
import type { DeliverableStatus } from '@dondoc/domain';
import { DeliverableEntity, SubmissionRecord } from './entities/deliverable.entity';

/** What the workflow knows about itself, as it writes it into the read model. */
export interface DeliverableProjection {
  id: string;
  workflowId: string;
  planId: string;
  obligationId: string;
  unitId: string;
  period: string;
  title: string;
  dueDate: string;
  status: DeliverableStatus;
  version: number;
  remindersSent: number;
  nextReminderAt: string | null;
  submittedAt: string | null;
  submission: SubmissionRecord | null;
}

export interface DeliverableListQuery {
  unitId?: string;
  planId?: string;
  status?: DeliverableStatus;
  page: number;
  pageSize: number;
}

export class DeliverableProjectionRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Idempotent, ordered write: applies only when `version` is newer than what is stored, so an
   * activity retried after a later transition cannot roll the read model back.
   * Returns whether the row changed.
   */
  async upsert(p: DeliverableProjection): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO deliverables AS d (id, workflow_id, plan_id, obligation_id, unit_id, period, title, due_date,
         status, version, reminders_sent, next_reminder_at, submitted_at, submission, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14, now())
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, due_date = EXCLUDED.due_date, status = EXCLUDED.status,
         version = EXCLUDED.version, reminders_sent = EXCLUDED.reminders_sent,
         next_reminder_at = EXCLUDED.next_reminder_at, submitted_at = EXCLUDED.submitted_at,
         submission = EXCLUDED.submission, updated_at = now()
       WHERE d.version < EXCLUDED.version
       RETURNING id`,
      [
        p.id,
        p.workflowId,
        p.planId,
        p.obligationId,
        p.unitId,
        p.period,
        p.title,
        p.dueDate,
        p.status,
        p.version,
        p.remindersSent,
        p.nextReminderAt,
        p.submittedAt,
        p.submission === null ? null : JSON.stringify(p.submission),
      ],
    );
    return rows.length > 0;
  }

  findById(id: string): Promise<DeliverableEntity | null> {
    return this.ds.getRepository(DeliverableEntity).findOneBy({ id });
  }

  async list(q: DeliverableListQuery): Promise<{ items: DeliverableEntity[]; total: number }> {
    const qb = this.ds.getRepository(DeliverableEntity).createQueryBuilder('d');
    if (q.unitId) qb.andWhere('d.unit_id = :unitId', { unitId: q.unitId });
    if (q.planId) qb.andWhere('d.plan_id = :planId', { planId: q.planId });
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    const [items, total] = await qb
      .orderBy('d.due_date', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items, total };
  }
}
