import { Mailer, PermanentMailError, RenderedMail } from '@dondoc/mail';
import { OutboxRepository } from '@dondoc/persistence';
import { messageIdFor } from './message-id.util';

export interface SendOnceInput {
  /** Unique per mail: `<workflow id>/<step>/<contact id>`. */
  key: string;
  workflowId: string;
  step: string;
  contactId: string | null;
  to: string;
  from: string;
  mail: RenderedMail;
}

export type SendOnceOutcome = 'sent' | 'already-sent' | 'failed';

/**
 * Exactly-once delivery through the outbox: claim the row, send with a Message-ID derived from the
 * key, mark it sent. A retry finds `sent` and does nothing. A permanent refusal (bad address, 5xx) is
 * recorded and not retried; a transient one is recorded and rethrown so the activity retries.
 */
export async function sendOnce(
  outbox: OutboxRepository,
  mailer: Mailer,
  m: SendOnceInput,
): Promise<SendOnceOutcome> {
  const messageId = messageIdFor(m.key);
  const row = await outbox.claim({
    key: m.key,
    workflowId: m.workflowId,
    step: m.step,
    contactId: m.contactId,
    recipient: m.to,
    subject: m.mail.subject,
    messageId,
  });
  if (row.status === 'sent') return 'already-sent';
  if (row.status === 'failed') return 'failed';
  try {
    await mailer.send({ messageId, from: m.from, to: [m.to], ...m.mail });
  } catch (e) {
    const permanent = e instanceof PermanentMailError;
    await outbox.recordError(m.key, (e as Error).message, permanent);
    if (!permanent) throw e;
    return 'failed';
  }
  await outbox.markSent(m.key);
  return 'sent';
}
