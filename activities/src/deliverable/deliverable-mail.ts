import { DataSource } from 'typeorm';
import { vnDateOf, WorkingCalendar } from '@dondoc/calendar';
import { TimelineStep } from '@dondoc/domain';
import {
  DeliverableMailContext,
  deliverableIcs,
  icsUidFor,
  IcsMethod,
  Lang,
  MailAttachment,
  RenderedMail,
  renderAccepted,
  renderCancelled,
  renderEscalation,
  renderExtensionGranted,
  renderReminder,
  renderReturned,
  renderSubmissionReceipt,
  renderWaived,
} from '@dondoc/mail';
import { DeliverableEntity, MailKind } from '@dondoc/persistence';
import type { DeliverableEvent, DeliverableView } from '@dondoc/workflows/src/deliverable/deliverable.types';
import { DeliveryOutcome, Letter, Postman, StagingOutcome } from '../mail/postman';
import { memberRecipients, Recipient, stepAudience } from './recipients';

/** What a mail says about the deliverable; from the workflow's own state or the read model. */
export type MailFacts = Pick<
  DeliverableEntity,
  | 'id'
  | 'planId'
  | 'planNumber'
  | 'planTitle'
  | 'title'
  | 'clause'
  | 'period'
  | 'unitId'
  | 'collectorUnitId'
  | 'dueDate'
> & {
  /** How often the due date changed (extensions, returns): the calendar event's SEQUENCE. */
  dueDateChanges: number;
};

export type MailResult = Record<DeliveryOutcome, number>;

export const emptyMailResult = (): MailResult => ({
  sent: 0,
  'already-sent': 0,
  failed: 0,
  digested: 0,
  deferred: 0,
});

interface MailDeps {
  dataSource: DataSource;
  postman: Postman;
  publicUrl: string;
}

/** The due date as a calendar event: added or moved (PUBLISH), or taken off (CANCEL) when done. */
function calendarEvent(
  d: MailFacts,
  dueDate: string,
  method: IcsMethod,
  sequence: number,
  at: string,
  deps: MailDeps,
) {
  return deliverableIcs({
    uid: icsUidFor(d.id),
    sequence,
    method,
    dueDate,
    summary: `[${d.planNumber ?? d.planId}] ${d.title} (${d.period})`,
    description: `Kế hoạch ${d.planNumber ?? d.planId}: ${d.title}, kỳ ${d.period}.`,
    url: actUrl(d, deps),
    stamp: new Date(at),
  });
}

const actUrl = (d: MailFacts, deps: MailDeps) => `${deps.publicUrl}/deliverables/${encodeURIComponent(d.id)}`;

function context(
  d: MailFacts,
  unitName: string,
  workingDaysLeft: number,
  deps: MailDeps,
): DeliverableMailContext {
  return deliverableMailContext(d, unitName, workingDaysLeft, actUrl(d, deps));
}

/** What a mail about one deliverable says of it (also BTG's manual reminder, apps/web). */
export function deliverableMailContext(
  d: Omit<MailFacts, 'dueDateChanges' | 'unitId' | 'collectorUnitId'>,
  unitName: string,
  workingDaysLeft: number,
  url: string,
): DeliverableMailContext {
  return {
    planNumber: d.planNumber ?? d.planId,
    planTitle: d.planTitle ?? d.title,
    obligationTitle: d.title,
    clause: d.clause ?? undefined,
    period: d.period,
    unitName,
    dueDate: d.dueDate,
    workingDaysLeft,
    actUrl: url,
  };
}

type PostOptions = { workflowId: string; step: string; kind: MailKind; at: string; immediate?: boolean };
type Render = (r: Recipient, lang: Lang) => { mail: RenderedMail; attachments?: MailAttachment[] };

async function post(
  deps: MailDeps,
  d: MailFacts,
  o: PostOptions,
  recipients: Recipient[],
  render: Render,
): Promise<MailResult> {
  const result = emptyMailResult();
  for (const letter of letters(d, o, recipients, render)) result[await deps.postman.deliver(letter)]++;
  return result;
}

/** One letter per recipient, keyed `<workflow>/<step>/<contact or person>`: the outbox's exactly-once key. */
function letters(d: MailFacts, o: PostOptions, recipients: Recipient[], render: Render): Letter[] {
  return recipients.map((r) => {
    const { mail, attachments } = render(r, r.contact.language);
    return {
      key: `${o.workflowId}/${o.step}/${r.personal ? `person:${r.contact.id}` : r.contact.id}`,
      workflowId: o.workflowId,
      step: o.step,
      kind: o.kind,
      contactId: r.personal ? null : r.contact.id,
      to: r.contact.email,
      mail,
      attachments,
      at: o.at,
      deliverableId: d.id,
      unitId: r.personal ? d.unitId : (r.unitId ?? d.unitId),
      planId: d.planId,
      digest: r.contact.digest,
      immediate: o.immediate,
    };
  });
}

type StepNotice = { workflowId: string; step: TimelineStep; pendingMembers?: string[] };

/** One timeline step (reminder, overdue notice, escalation) to everyone it concerns. */
export async function mailStep(deps: MailDeps, d: MailFacts, o: StepNotice): Promise<MailResult> {
  const { options, recipients, render } = await stepLetters(deps, d, o);
  return post(deps, d, options, recipients, render);
}

/**
 * The same step's letters prepared ahead of its instant for the deliverable at `version`
 * (postman.stage): what the step would send, rendered now, sent at the instant by its dispatcher.
 */
export async function stageStep(
  deps: MailDeps,
  d: MailFacts,
  o: StepNotice & { version: number; clockOffsetMs?: number },
): Promise<Record<StagingOutcome, number>> {
  const { options, recipients, render } = await stepLetters(deps, d, o);
  const result: Record<StagingOutcome, number> = { staged: 0, left: 0 };
  for (const letter of letters(d, options, recipients, render))
    result[await deps.postman.stage(letter, o.version, o.clockOffsetMs)]++;
  return result;
}

async function stepLetters(deps: MailDeps, d: MailFacts, o: StepNotice) {
  const { step } = o;
  // Reminders count the days left; notices and escalations the working days past the deadline.
  const workingDaysLeft = step.kind === 'reminder' ? step.days : -step.days;
  const { unitName, recipients } = await stepAudience(deps.dataSource, d, step.notify);
  if (o.pendingMembers && step.kind === 'reminder')
    recipients.push(...(await memberRecipients(deps.dataSource, o.pendingMembers)));
  const kind: MailKind =
    step.kind === 'reminder' ? 'reminder' : step.kind === 'overdue' ? 'overdue' : 'escalation';
  const options: PostOptions = { workflowId: o.workflowId, step: step.id, kind, at: step.at };
  const render: Render = (r, lang) => {
    const ctx = context(d, r.personal ? r.bodyName : (unitName ?? d.unitId), workingDaysLeft, deps);
    if (!r.owingUnit) return { mail: renderEscalation({ ...ctx, recipientName: r.bodyName }, lang) };
    // The owing unit's reminders carry the due date for its calendar; a later change replaces it.
    return {
      mail: renderReminder(ctx, lang),
      attachments: [calendarEvent(d, d.dueDate, 'PUBLISH', d.dueDateChanges, step.at, deps)],
    };
  };
  return { options, recipients, render };
}

const TRANSITION_KINDS: Partial<Record<DeliverableEvent['type'], MailKind>> = {
  submitted: 'receipt',
  accepted: 'accepted',
  returned: 'returned',
  extended: 'extended',
  waived: 'waived',
  cancelled: 'cancelled',
};

/**
 * The owing unit is told of every change to what it owes: its submission received, accepted,
 * returned (with the collector's comments and the new due date), extended, waived or cancelled,
 * with the calendar event moved or taken off. Keyed by the event's version: exactly once.
 */
export async function mailTransitions(
  deps: MailDeps,
  d: MailFacts,
  o: { workflowId: string; view: DeliverableView; events: DeliverableEvent[] },
): Promise<MailResult> {
  const result = emptyMailResult();
  const events = o.events.filter((e) => TRANSITION_KINDS[e.type]);
  if (!events.length) return result;
  // A submission now waits for review: a digest contact of the collector sees it in tomorrow's digest.
  for (const e of events) if (e.type === 'submitted') await deps.postman.wake(e.at);
  const { unitName, recipients } = await stepAudience(deps.dataSource, d, ['unit']);
  const names = await unitNames(deps.dataSource, [d.collectorUnitId, ...events.map((e) => e.actorUnitId)]);
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : '');
  const { view } = o;
  for (const e of events) {
    const kind = TRANSITION_KINDS[e.type]!;
    const sequence = d.dueDateChanges;
    const r = await post(
      deps,
      d,
      { workflowId: o.workflowId, step: `event:${e.version}`, kind, at: e.at, immediate: kind === 'receipt' },
      recipients,
      (_r, lang) => {
        const ctx = context(d, unitName ?? d.unitId, 0, deps);
        // Taking the event off is a change too: its SEQUENCE goes up (RFC 5545 §3.8.7.4).
        const done = (method: IcsMethod) => [
          calendarEvent(d, d.dueDate, method, method === 'CANCEL' ? sequence + 1 : sequence, e.at, deps),
        ];
        switch (kind) {
          case 'receipt':
            return {
              mail: renderSubmissionReceipt(
                {
                  ...ctx,
                  submittedAt: view.submission?.submittedAt ?? e.at,
                  fileName: view.submission?.documentName ?? '',
                  sha256: view.submission?.documentSha256 ?? '',
                },
                lang,
              ),
            };
          case 'accepted': {
            const onTime = Date.parse(view.submission?.submittedAt ?? e.at) < Date.parse(view.deadlineAt);
            return {
              mail: renderAccepted(
                {
                  ...ctx,
                  collectorName: nameOf(e.actorUnitId ?? d.collectorUnitId),
                  bucket: onTime ? 'on-time' : 'late',
                },
                lang,
              ),
              attachments: done('CANCEL'),
            };
          }
          case 'returned':
            return {
              mail: renderReturned(
                {
                  ...ctx,
                  collectorName: nameOf(e.actorUnitId ?? d.collectorUnitId),
                  comments: view.lastReview?.comments ?? e.reason ?? '',
                  workingDaysLeft: workingDaysUntil(view, e.at),
                },
                lang,
              ),
              attachments: done('PUBLISH'),
            };
          case 'extended': {
            const ext = view.extensions[view.extensions.length - 1];
            return {
              mail: renderExtensionGranted(
                {
                  ...ctx,
                  workingDaysLeft: workingDaysUntil(view, e.at),
                  previousDueDate: ext?.from ?? d.dueDate,
                  reason: ext?.reason ?? e.reason ?? '',
                  grantedBy: nameOf(ext?.grantedByUnitId ?? e.actorUnitId),
                },
                lang,
              ),
              attachments: done('PUBLISH'),
            };
          }
          case 'waived':
            return {
              mail: renderWaived(
                { ...ctx, reason: e.reason ?? '', waivedBy: nameOf(e.actorUnitId) || undefined },
                lang,
              ),
              attachments: done('CANCEL'),
            };
          default:
            return {
              mail: renderCancelled({ ...ctx, reason: e.reason ?? '' }, lang),
              attachments: done('CANCEL'),
            };
        }
      },
    );
    for (const k of Object.keys(r) as DeliveryOutcome[]) result[k] += r[k];
  }
  return result;
}

const calendar = new WorkingCalendar();

/** Working days from the event's day to the (new) deadline; negative once it has passed. */
function workingDaysUntil(view: DeliverableView, at: string): number {
  return workingDaysLeftOn(view.dueDate, at);
}

/** Working days from the day of `at` (Vietnam) to a due date's deadline; negative once it has passed. */
export function workingDaysLeftOn(dueDate: string, at: string): number {
  const today = vnDateOf(at);
  const deadline = calendar.deadlineEnd(dueDate);
  return today <= deadline
    ? calendar.workingDaysBetween(today, deadline)
    : -calendar.workingDaysBetween(deadline, today);
}

async function unitNames(ds: DataSource, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = (await ds.query(`SELECT id, name FROM units WHERE id = ANY($1::text[])`, [wanted])) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
