import { DataSource } from 'typeorm';
import { WorkingCalendar } from '@dondoc/calendar';
import { nextWindowOpening } from '@dondoc/domain';
import type { MailPolicyConfig } from '@dondoc/config';
import {
  MailAttachment,
  Mailer,
  outgoingFromStored,
  PermanentMailError,
  RenderedMail,
  renderDeliveryFailed,
  storeMail,
} from '@dondoc/mail';
import { MailKind, OutboxEntity, OutboxRepository, StoredMailContent } from '@dondoc/persistence';
import { messageIdFor } from './message-id.util';
import { nextSendInstant } from './send-window';

/** The daily run's hour when no window is configured (config MAIL_SEND_WINDOW=always). */
export const DEFAULT_OPENING_MINUTE = 8 * 60;
import { createThrottle, Throttle } from './throttle';

export interface Letter {
  /** Unique per mail: `<workflow id>/<step>/<contact id>`. */
  key: string;
  workflowId: string;
  step: string;
  kind: MailKind;
  contactId: string | null;
  to: string;
  mail: RenderedMail;
  attachments?: MailAttachment[];
  /** The (simulated) instant the mail arises: the send window is judged from it. */
  at: string;
  deliverableId?: string | null;
  unitId?: string | null;
  planId?: string | null;
  /** The contact takes this kind of mail in the daily digest instead. */
  digest?: boolean;
  /** Goes at once whatever the window (a receipt answers the sender's own action). */
  immediate?: boolean;
}

/**
 * Another attempt holds this mail's lease and is sending it right now (a retry that overlapped the
 * first attempt): this one must not send too. Transient: the activity retries and then finds it sent.
 */
export class MailInFlightError extends Error {}

const inFlight = (key: string) =>
  new MailInFlightError(`outbox ${key}: another attempt is sending this mail; retry later`);

export type DeliveryOutcome = 'sent' | 'already-sent' | 'failed' | 'digested' | 'deferred';

/** Kinds a digest contact receives folded into the daily digest rather than one by one. */
export const DIGESTIBLE_KINDS: ReadonlySet<MailKind> = new Set<MailKind>([
  'reminder',
  'overdue',
  'escalation',
  'accepted',
  'returned',
  'extended',
  'waived',
  'cancelled',
]);

export interface PostmanDeps {
  dataSource: DataSource;
  mailer: Mailer;
  mailFrom: string;
  publicUrl: string;
  policy?: Partial<MailPolicyConfig>;
  calendar?: WorkingCalendar;
  /** Tells `mail:daily` that something waits for the next opening (create-worker signals it). */
  wakeDailyMail?: () => Promise<void>;
}

export type Postman = ReturnType<typeof createPostman>;

/**
 * Every mail dondoc sends goes through here, exactly once per outbox key: claim the row, send with a
 * Message-ID derived from the key, mark it sent. A retry finds `sent` and does nothing. Outside the
 * send window the row waits (`not_before`) for the daily run; a digest contact's row waits for the
 * daily digest. A permanent refusal (bad address, 5xx, or too many attempts) is recorded, not retried,
 * and told to the unit's heads and the admins; a transient one is recorded and rethrown so the
 * activity retries with back-off. The one window SMTP leaves open: the relay accepted the message and
 * the process died before `markSent` — the retry sends it again with the same Message-ID.
 */
export function createPostman(deps: PostmanDeps) {
  const outbox = new OutboxRepository(deps.dataSource);
  const calendar = deps.calendar ?? new WorkingCalendar();
  const window = deps.policy?.sendWindow ?? null;
  const maxAttempts = deps.policy?.maxAttempts ?? 12;
  const adminEmails = deps.policy?.adminEmails ?? [];
  const throttle: Throttle = createThrottle(deps.policy?.ratePerSecond ?? 0);
  const opensAtMinute = window?.fromMinute ?? DEFAULT_OPENING_MINUTE;
  let lastWakeFor = '';

  /** Once per opening and worker: the daily run is owed at the opening after `at`. */
  async function wake(at: string): Promise<void> {
    const opening = nextWindowOpening(at, opensAtMinute, calendar);
    if (!deps.wakeDailyMail || opening === lastWakeFor) return;
    await deps.wakeDailyMail();
    lastWakeFor = opening;
  }

  /** Hands a claimed row's mail to the relay; records the outcome. */
  async function transmit(
    row: { key: string; attempts: number; recipient: string; unitId: string | null; subject: string },
    content: StoredMailContent,
    at: string,
    noticeOnFailure: boolean,
  ): Promise<'sent' | 'failed'> {
    if (row.attempts > maxAttempts) {
      await outbox.recordError(row.key, `gave up after ${maxAttempts} attempts`, true, content);
      if (noticeOnFailure) await tellOfFailure(row, `gave up after ${maxAttempts} attempts`, at, true);
      return 'failed';
    }
    await throttle.acquire();
    try {
      await deps.mailer.send(
        outgoingFromStored(content, {
          messageId: messageIdFor(row.key),
          from: deps.mailFrom,
          to: [row.recipient],
        }),
      );
    } catch (e) {
      const permanent = e instanceof PermanentMailError;
      await outbox.recordError(row.key, (e as Error).message, permanent, content);
      if (!permanent) throw e;
      if (noticeOnFailure) await tellOfFailure(row, (e as Error).message, at);
      return 'failed';
    }
    await outbox.markSent(row.key);
    return 'sent';
  }

  /** The unit's heads (other than the failed address) and the admins learn of a mail that did not arrive. */
  async function tellOfFailure(
    row: { key: string; recipient: string; unitId: string | null; subject: string },
    error: string,
    at: string,
    gaveUp = false,
  ): Promise<void> {
    const heads = row.unitId
      ? ((await deps.dataSource.query(
          `SELECT c.id, c.email, c.language, u.name AS unit_name FROM contacts c JOIN units u ON u.id = c.unit_id
            WHERE c.unit_id = $1 AND c.role = 'head' AND c.email <> $2 ORDER BY c.id`,
          [row.unitId, row.recipient],
        )) as { id: string; email: string; language: 'vi' | 'en'; unit_name: string }[])
      : [];
    const unitName = heads[0]?.unit_name ?? row.unitId ?? '';
    const told = [
      ...heads.map((h) => ({ id: h.id as string | null, email: h.email, language: h.language })),
      ...adminEmails.map((email) => ({ id: null, email, language: 'vi' as const })),
    ];
    for (const t of told) {
      const mail = renderDeliveryFailed(
        {
          recipientName: t.id ? unitName : 'Quản trị hệ thống',
          unitName,
          address: row.recipient,
          mailSubject: row.subject,
          error,
          gaveUp,
          failedAt: at,
          outboxUrl: `${deps.publicUrl}/admin/mail?status=failed`,
        },
        t.language,
      );
      const key = `${row.key}/failed-notice/${t.id ?? t.email}`;
      const claimed = await outbox.claim({
        key,
        workflowId: key.split('/')[0],
        step: 'failed-notice',
        contactId: t.id,
        recipient: t.email,
        subject: mail.subject,
        messageId: messageIdFor(key),
        kind: 'delivery-failed',
        unitId: row.unitId,
        content: mail,
        lease: true,
      });
      if (claimed?.status !== 'pending') continue;
      // A failure notice that fails itself is recorded, never noticed again (no loop).
      await transmit(
        { key, attempts: claimed.attempts, recipient: t.email, unitId: row.unitId, subject: mail.subject },
        mail,
        at,
        false,
      ).catch(() => undefined);
    }
  }

  return {
    outbox,
    wake,

    async deliver(l: Letter): Promise<DeliveryOutcome> {
      const digested = Boolean(l.digest) && DIGESTIBLE_KINDS.has(l.kind);
      const notBefore = digested || l.immediate ? null : nextSendInstant(l.at, window, calendar);
      const content = storeMail(l.mail, l.attachments);
      const row = await outbox.claim({
        key: l.key,
        workflowId: l.workflowId,
        step: l.step,
        contactId: l.contactId,
        recipient: l.to,
        subject: l.mail.subject,
        messageId: messageIdFor(l.key),
        kind: l.kind,
        deliverableId: l.deliverableId ?? null,
        unitId: l.unitId ?? null,
        planId: l.planId ?? null,
        // Kept only when the mail waits (window, digest); a failure stores it too (recordError).
        content: digested || notBefore ? content : null,
        notBefore,
        initialStatus: digested ? 'digested' : 'pending',
        lease: !digested && !notBefore,
      });
      if (!row) throw inFlight(l.key);
      if (row.status === 'sent') return 'already-sent';
      if (row.status === 'failed') return 'failed';
      if (row.status === 'digested') {
        await wake(l.at);
        return 'digested';
      }
      if (row.notBefore && row.notBefore.getTime() > Date.parse(l.at)) {
        await wake(l.at);
        return 'deferred';
      }
      return transmit(
        {
          key: l.key,
          attempts: row.attempts,
          recipient: l.to,
          unitId: l.unitId ?? null,
          subject: l.mail.subject,
        },
        content,
        l.at,
        true,
      );
    },

    /** Sends a row that waited for the window (the daily run); a retry counts one more attempt. */
    async sendDeferred(row: OutboxEntity, at: string): Promise<'sent' | 'failed' | 'already-sent'> {
      const claimed = await outbox.claim({
        key: row.key,
        workflowId: row.workflowId,
        step: row.step,
        contactId: row.contactId,
        recipient: row.recipient,
        subject: row.subject,
        messageId: row.messageId,
        lease: true,
      });
      if (!claimed) throw inFlight(row.key);
      if (claimed.status !== 'pending') return claimed.status === 'sent' ? 'already-sent' : 'failed';
      return transmit({ ...row, attempts: claimed.attempts }, row.content!, at, true);
    },
  };
}
