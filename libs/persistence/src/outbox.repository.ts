import { DataSource } from 'typeorm';
import { MailKind, OutboxEntity, OutboxStatus, StoredMailContent } from './entities/outbox.entity';

export interface OutboxClaim {
  key: string;
  workflowId: string;
  step: string;
  contactId: string | null;
  recipient: string;
  subject: string;
  messageId: string;
  kind?: MailKind;
  deliverableId?: string | null;
  unitId?: string | null;
  planId?: string | null;
  content?: StoredMailContent | null;
  /** Outside the send window: not before this instant. */
  notBefore?: string | null;
  /** `digested`: the contact takes it in the daily digest, it is not sent on its own. */
  initialStatus?: 'pending' | 'digested';
  /** This attempt is about to send: take the lease (refused while another attempt holds it). */
  lease?: boolean;
  /** Prepared ahead for the deliverable at this read-model version (see `claimStaged`). */
  stagedVersion?: number | null;
  /** The staged message as composed. */
  raw?: Buffer | null;
}

/** Long enough for one SMTP exchange with the relay's timeouts; a crashed attempt frees it after this. */
const LEASE = `interval '2 minutes'`;

export type ClaimedRow = Pick<OutboxEntity, 'key' | 'status' | 'attempts'> & { notBefore: Date | null };

/**
 * What the dispatcher needs of a staged row to send it: the composed message, not the stored content
 * (which stays in the row for an admin's resend). One statement, no entity hydration.
 */
export type StagedRow = Pick<OutboxEntity, 'key' | 'attempts' | 'recipient' | 'unitId' | 'subject'> & {
  raw: Buffer;
};

export interface OutboxFilter {
  status?: OutboxStatus;
  kind?: MailKind;
  deliverableId?: string;
  contactId?: string;
  unitId?: string;
  page: number;
  pageSize: number;
}

/** A row for logs and admin screens: what went to whom and how it went, without the mail body. */
export type OutboxLogRow = Omit<OutboxEntity, 'content' | 'stagedVersion' | 'raw'>;

/**
 * A staged row is still good while its deliverable's read model is at the version it was rendered
 * for; a row staged for no deliverable is always good.
 */
const STAGED_STILL_GOOD = `(o.staged_version IS NULL OR EXISTS (
  SELECT 1 FROM deliverables d WHERE d.id = o.deliverable_id AND d.version = o.staged_version))`;

const LOG_COLUMNS = `key, workflow_id AS "workflowId", step, contact_id AS "contactId", recipient, subject,
  message_id AS "messageId", status, attempts, last_error AS "lastError", created_at AS "createdAt",
  sent_at AS "sentAt", kind, deliverable_id AS "deliverableId", unit_id AS "unitId", plan_id AS "planId",
  not_before AS "notBefore", digest_key AS "digestKey", failed_at AS "failedAt"`;

/** TypeORM answers an UPDATE or DELETE … RETURNING with `[rows, count]`, other statements with the rows. */
function returnedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

export class OutboxRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Records the intent to send (once per key) and returns the row as it now stands; a retry of the
   * same step gets back the existing row, including its `sent` status, and counts one more attempt.
   */
  async claim(c: OutboxClaim): Promise<ClaimedRow | null> {
    // One statement (a term sends ~10⁴ mails): insert, or count one more attempt while still pending.
    // With `lease`, a pending row held by another attempt is not returned (null): that one sends it.
    const rows = (await this.ds.query(
      `INSERT INTO outbox (key, workflow_id, step, contact_id, recipient, subject, message_id, status, attempts,
                           kind, deliverable_id, unit_id, plan_id, content, not_before, claimed_until,
                           staged_version, raw)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,CASE WHEN $8 = 'pending' THEN 1 ELSE 0 END,$9,$10,$11,$12,$13,$14,
               CASE WHEN $15 THEN now() + ${LEASE} END, $16, $17)
       ON CONFLICT (key) DO UPDATE
         SET attempts = outbox.attempts + CASE WHEN outbox.status = 'pending' THEN 1 ELSE 0 END,
             claimed_until = CASE WHEN outbox.status = 'pending' AND $15 THEN now() + ${LEASE}
                                  ELSE outbox.claimed_until END
         WHERE outbox.status <> 'pending' OR NOT $15
            OR outbox.claimed_until IS NULL OR outbox.claimed_until < now()
       RETURNING key, status, attempts, not_before AS "notBefore"`,
      [
        c.key,
        c.workflowId,
        c.step,
        c.contactId,
        c.recipient,
        c.subject,
        c.messageId,
        c.initialStatus ?? 'pending',
        c.kind ?? 'other',
        c.deliverableId ?? null,
        c.unitId ?? null,
        c.planId ?? null,
        c.content ? JSON.stringify(c.content) : null,
        c.notBefore ?? null,
        c.lease ?? false,
        c.stagedVersion ?? null,
        c.raw ?? null,
      ],
    )) as ClaimedRow[];
    return rows[0] ?? null;
  }

  async markSent(key: string): Promise<void> {
    await this.markSentMany([key]);
  }

  /** One statement for a batch the dispatcher sent (the raw message is not needed any more). */
  async markSentMany(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.ds.query(
      `UPDATE outbox SET status = 'sent', sent_at = now(), last_error = NULL, not_before = NULL, claimed_until = NULL,
              raw = NULL
        WHERE key = ANY($1::text[])`,
      [keys],
    );
  }

  /**
   * A permanent failure stops retries; a transient one is only noted. The mail's content is kept from
   * the first failure on (an admin resends exactly that); mail sent at the first try never stores it.
   */
  async recordError(
    key: string,
    error: string,
    permanent: boolean,
    content?: StoredMailContent,
  ): Promise<void> {
    await this.ds.query(
      `UPDATE outbox SET last_error = $2,
              status = CASE WHEN $3 THEN 'failed' ELSE status END,
              failed_at = CASE WHEN $3 THEN now() ELSE failed_at END,
              content = COALESCE(content, $4::jsonb),
              claimed_until = NULL
        WHERE key = $1`,
      [key, error.slice(0, 2000), permanent, content ? JSON.stringify(content) : null],
    );
  }

  /** An admin's resend: a failed row becomes pending again (same key, same Message-ID). */
  async reopenFailed(key: string): Promise<boolean> {
    const rows = (await this.ds.query(
      `UPDATE outbox SET status = 'pending', failed_at = NULL, not_before = NULL
        WHERE key = $1 AND status = 'failed' RETURNING key`,
      [key],
    )) as unknown;
    return returnedRows(rows).length > 0;
  }

  async findByKey(key: string): Promise<OutboxEntity | null> {
    return this.ds.getRepository(OutboxEntity).findOneBy({ key });
  }

  listByWorkflow(workflowId: string): Promise<OutboxEntity[]> {
    return this.ds
      .getRepository(OutboxEntity)
      .find({ where: { workflowId }, order: { createdAt: 'ASC', key: 'ASC' } });
  }

  /** The mail log: newest first, filtered, paged; with the total for the pager. */
  async list(f: OutboxFilter): Promise<{ items: OutboxLogRow[]; total: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (column: string, value: unknown) => {
      if (value === undefined) return;
      args.push(value);
      where.push(`${column} = $${args.length}`);
    };
    add('status', f.status);
    add('kind', f.kind);
    add('deliverable_id', f.deliverableId);
    add('contact_id', f.contactId);
    add('unit_id', f.unitId);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.ds.query(
      `SELECT count(*)::int AS total FROM outbox ${clause}`,
      args,
    )) as { total: number }[];
    const items = (await this.ds.query(
      `SELECT ${LOG_COLUMNS} FROM outbox ${clause}
        ORDER BY created_at DESC, key LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, f.pageSize, (f.page - 1) * f.pageSize],
    )) as OutboxLogRow[];
    return { items, total };
  }

  /** Pending rows whose send window has opened, oldest first. */
  async dueDeferred(now: string, limit: number): Promise<OutboxEntity[]> {
    return (
      this.ds
        .getRepository(OutboxEntity)
        .createQueryBuilder('o')
        .where(`o.status = 'pending' AND o.not_before IS NOT NULL AND o.not_before <= :now`, { now })
        // A staged mail its deliverable has moved past is the deliverable workflow's to send, or not.
        .andWhere(STAGED_STILL_GOOD)
        .orderBy('o.not_before', 'ASC')
        .addOrderBy('o.key', 'ASC')
        .limit(limit)
        .getMany()
    );
  }

  /**
   * Takes the lease on up to `limit` staged rows due by `at` that are still good, for the instant's
   * dispatcher: one statement, rows another attempt holds are skipped (not waited for). Each taken
   * row counts one attempt, as a claim does.
   */
  async claimStaged(at: string, limit: number): Promise<StagedRow[]> {
    const rows = (await this.ds.query(
      `UPDATE outbox SET claimed_until = now() + ${LEASE}, attempts = attempts + 1
        WHERE key IN (
          SELECT o.key FROM outbox o
           WHERE o.status = 'pending' AND o.staged_version IS NOT NULL AND o.not_before <= $1
             AND (o.claimed_until IS NULL OR o.claimed_until < now()) AND ${STAGED_STILL_GOOD}
           ORDER BY o.not_before, o.key LIMIT $2 FOR UPDATE OF o SKIP LOCKED)
       RETURNING key, attempts, recipient, unit_id AS "unitId", subject, raw`,
      [at, limit],
    )) as unknown;
    return returnedRows<StagedRow>(rows);
  }

  /**
   * Drops the staged rows due by `at` whose deliverable has moved on (submitted, extended…) and that
   * nobody is sending: if the step still falls due, the deliverable workflow mails it afresh under
   * the same key; if not, it was never owed.
   */
  async withdrawStale(at: string): Promise<number> {
    const rows = (await this.ds.query(
      `DELETE FROM outbox o
        WHERE o.status = 'pending' AND o.staged_version IS NOT NULL AND o.not_before <= $1
          AND (o.claimed_until IS NULL OR o.claimed_until < now()) AND NOT ${STAGED_STILL_GOOD}
       RETURNING key`,
      [at],
    )) as unknown;
    return returnedRows(rows).length;
  }

  /** Gives back leases taken but not used (the dispatcher stopped early). */
  async releaseLeases(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.ds.query(
      `UPDATE outbox SET claimed_until = NULL WHERE key = ANY($1::text[]) AND status = 'pending'`,
      [keys],
    );
  }

  /** Mails waiting for each digest contact's next daily digest, oldest first. */
  async undigested(): Promise<OutboxEntity[]> {
    return this.ds
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .where(`o.status = 'digested' AND o.digest_key IS NULL`)
      .orderBy('o.contact_id', 'ASC')
      .addOrderBy('o.created_at', 'ASC')
      .addOrderBy('o.key', 'ASC')
      .getMany();
  }

  /** Marks the rows a digest carried (only rows still waiting: a retried digest does not steal others'). */
  async markDigested(keys: string[], digestKey: string): Promise<void> {
    if (!keys.length) return;
    await this.ds.query(
      `UPDATE outbox SET digest_key = $2 WHERE key = ANY($1::text[]) AND status = 'digested' AND digest_key IS NULL`,
      [keys, digestKey],
    );
  }
}
