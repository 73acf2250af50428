import { DataSource } from 'typeorm';
import { WorkingCalendar } from '@dondoc/calendar';
import { nextWindowOpening } from '@dondoc/domain';
import type { MailPolicyConfig } from '@dondoc/config';
import {
  MailAttachment,
  Mailer,
  composeMail,
  outgoingFromStored,
  PermanentMailError,
  RenderedMail,
  renderDeliveryFailed,
  storeMail,
} from '@dondoc/mail';
import { MailKind, OutboxEntity, OutboxRepository, StagedRow, StoredMailContent } from '@dondoc/persistence';
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

/**
 * What a send hands the relay: the stored content, composed now; or a staged row's message composed
 * ahead (`raw`), whose sent mark the dispatcher writes in batches.
 */
type Carried = { content: StoredMailContent } | { raw: Buffer; markSentLater: (key: string) => void };

/** The outbox row a letter is recorded as, whatever happens to it next (sent, waiting, staged). */
function claimOf(l: Letter) {
  return {
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
  };
}

/** How long a step waits for another attempt's send of the same mail before it retries later. */
const IN_FLIGHT_WAIT_MS = 3000;

const inFlight = (key: string) =>
  new MailInFlightError(`outbox ${key}: another attempt is sending this mail; retry later`);

export type DeliveryOutcome = 'sent' | 'already-sent' | 'failed' | 'digested' | 'deferred';

/** `left`: a letter not staged (a digest contact's), so the step mails it at its instant as before. */
export type StagingOutcome = 'staged' | 'left';

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
  /**
   * Makes sure the dispatcher of staged mail runs at this (simulated) instant (create-worker starts
   * `mail:staged:<instant>`); without it staged mail goes out with its deliverable's own step.
   */
  wakeStagedMail?: (at: string, clockOffsetMs?: number) => Promise<void>;
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
  /** Instants this worker has already made sure of: a wave stages ~10⁴ mails for one instant. */
  const stagedWakes = new Set<string>();

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
    carried: Carried,
    at: string,
    noticeOnFailure: boolean,
  ): Promise<'sent' | 'failed'> {
    // A staged row's content is in the row already (recordError keeps the first it was given).
    const content = 'content' in carried ? carried.content : undefined;
    const envelope = { messageId: messageIdFor(row.key), from: deps.mailFrom, to: [row.recipient] };
    if (row.attempts > maxAttempts) {
      await outbox.recordError(row.key, `gave up after ${maxAttempts} attempts`, true, content);
      if (noticeOnFailure) await tellOfFailure(row, `gave up after ${maxAttempts} attempts`, at, true);
      return 'failed';
    }
    await throttle.acquire();
    try {
      await deps.mailer.send(
        'raw' in carried
          ? { ...envelope, subject: row.subject, text: '', html: '', raw: carried.raw }
          : outgoingFromStored(carried.content, envelope),
      );
    } catch (e) {
      const permanent = e instanceof PermanentMailError;
      await outbox.recordError(row.key, (e as Error).message, permanent, content);
      if (!permanent) throw e;
      if (noticeOnFailure) await tellOfFailure(row, (e as Error).message, at);
      return 'failed';
    }
    if ('raw' in carried) carried.markSentLater(row.key);
    else await outbox.markSent(row.key);
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
        { content: mail },
        at,
        false,
      ).catch(() => undefined);
    }
  }

  /** 'sent' once the lease holder has sent the mail within `ms`; otherwise what the row then says. */
  async function settledWithin(key: string, ms: number): Promise<string | undefined> {
    const until = Date.now() + ms;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const status = (await outbox.findByKey(key))?.status;
      if (status !== 'pending' || Date.now() >= until) return status;
    }
  }

  /** Once per instant and worker (bounded: a worker stages for a few instants at a time). */
  async function wakeStaged(at: string, clockOffsetMs?: number): Promise<void> {
    const id = `${at}|${clockOffsetMs ?? 0}`;
    if (!deps.wakeStagedMail || stagedWakes.has(id)) return;
    await deps.wakeStagedMail(at, clockOffsetMs);
    if (stagedWakes.size >= 1000) stagedWakes.clear();
    stagedWakes.add(id);
  }

  return {
    outbox,
    wake,
    /** What new deliverables are started with (DeliverableInput.stageLeadMs); 0: no staging. */
    stageLeadMs: (deps.policy?.stageLeadMinutes ?? 0) * 60_000,

    async deliver(l: Letter): Promise<DeliveryOutcome> {
      const digested = Boolean(l.digest) && DIGESTIBLE_KINDS.has(l.kind);
      const notBefore = digested || l.immediate ? null : nextSendInstant(l.at, window, calendar);
      const content = storeMail(l.mail, l.attachments);
      const row = await outbox.claim({
        ...claimOf(l),
        // Kept only when the mail waits (window, digest); a failure stores it too (recordError).
        content: digested || notBefore ? content : null,
        notBefore,
        initialStatus: digested ? 'digested' : 'pending',
        lease: !digested && !notBefore,
      });
      if (!row) {
        // Usually the instant's dispatcher sending this staged mail right now: its SMTP exchange takes
        // milliseconds, so look again shortly rather than fail the activity into a retry.
        if ((await settledWithin(l.key, IN_FLIGHT_WAIT_MS)) === 'sent') return 'already-sent';
        throw inFlight(l.key);
      }
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
        { content },
        l.at,
        true,
      );
    },

    /**
     * Prepares a letter ahead of its instant (`l.at`, or the window's next opening after it): stored,
     * rendered for the deliverable at `version`, for the instant's dispatcher to send (`sendStaged`).
     * Sends nothing. A digest contact's letter is left for the step itself (it must not reach a digest
     * before its time). Restaging the same key keeps the first row (a retried activity).
     */
    async stage(l: Letter, version: number, clockOffsetMs?: number): Promise<StagingOutcome> {
      if (l.digest && DIGESTIBLE_KINDS.has(l.kind)) return 'left';
      const notBefore = nextSendInstant(l.at, window, calendar) ?? l.at;
      const content = storeMail(l.mail, l.attachments);
      const claim = claimOf(l);
      const envelope = { messageId: claim.messageId, from: deps.mailFrom, to: [l.to] };
      const raw = await composeMail(outgoingFromStored(content, envelope), new Date(notBefore));
      await outbox.claim({
        ...claim,
        content,
        notBefore,
        stagedVersion: version,
        raw,
      });
      await wakeStaged(notBefore, clockOffsetMs);
      return 'staged';
    },

    /**
     * Sends a staged row the dispatcher holds the lease on (`outbox.claimStaged`), as composed; the
     * dispatcher marks what was sent in batches (`outbox.markSentMany`), keeping the lease meanwhile.
     */
    async sendStaged(
      row: StagedRow,
      at: string,
      markSentLater: (key: string) => void,
    ): Promise<'sent' | 'failed'> {
      return transmit(row, { raw: row.raw, markSentLater }, at, true);
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
      return transmit({ ...row, attempts: claimed.attempts }, { content: row.content! }, at, true);
    },
  };
}
