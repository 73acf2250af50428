import { DataSource } from 'typeorm';
import { OutboxEntity } from './entities/outbox.entity';

export interface OutboxClaim {
  key: string;
  workflowId: string;
  step: string;
  contactId: string | null;
  recipient: string;
  subject: string;
  messageId: string;
}

export class OutboxRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Records the intent to send (once per key) and returns the row as it now stands; a retry of the
   * same step gets back the existing row, including its `sent` status, and counts one more attempt.
   */
  async claim(c: OutboxClaim): Promise<Pick<OutboxEntity, 'key' | 'status' | 'attempts'>> {
    // One statement (a term sends ~10⁴ mails): insert, or count one more attempt while still pending.
    const [row] = (await this.ds.query(
      `INSERT INTO outbox (key, workflow_id, step, contact_id, recipient, subject, message_id, status, attempts)
       VALUES ($1,$2,$3,$4,$5,$6,$7,'pending',1)
       ON CONFLICT (key) DO UPDATE
         SET attempts = outbox.attempts + CASE WHEN outbox.status = 'pending' THEN 1 ELSE 0 END
       RETURNING key, status, attempts`,
      [c.key, c.workflowId, c.step, c.contactId, c.recipient, c.subject, c.messageId],
    )) as Pick<OutboxEntity, 'key' | 'status' | 'attempts'>[];
    return row;
  }

  async markSent(key: string): Promise<void> {
    await this.ds.query(
      `UPDATE outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE key = $1`,
      [key],
    );
  }

  /** A permanent failure stops retries; a transient one is only noted. */
  async recordError(key: string, error: string, permanent: boolean): Promise<void> {
    await this.ds.query(
      `UPDATE outbox SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE key = $1`,
      [key, error.slice(0, 2000), permanent],
    );
  }

  listByWorkflow(workflowId: string): Promise<OutboxEntity[]> {
    return this.ds
      .getRepository(OutboxEntity)
      .find({ where: { workflowId }, order: { createdAt: 'ASC', key: 'ASC' } });
  }
}
