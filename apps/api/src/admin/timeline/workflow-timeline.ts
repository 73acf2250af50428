import { temporal } from '@temporalio/proto';
import { VN_OFFSET_MINUTES, WorkingCalendar } from '@dondoc/calendar';
import { deliverableTimeline, type DeliverableTerms, type EscalationTarget } from '@dondoc/domain';
import { decodePayloads, durationMs, eventTypeName, timestampIso, toNumber } from './history-json.util';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const T = temporal.api.enums.v1.EventType;

export type TimelineEntryKind =
  | 'opened'
  | 'reminder'
  | 'due-today'
  | 'overdue'
  | 'escalation'
  | 'mail'
  | 'update'
  | 'signal'
  | 'activity-failure'
  | 'timer-pending'
  | 'closed';

export interface TimelineLink {
  rel: 'resend-mail' | 'mail';
  method: 'GET' | 'POST';
  href: string;
}

/** One meaningful thing that happened (or will happen: a pending timer), explained in vi and en. */
export interface TimelineEntry {
  /** When it happened; for a pending timer, when it fires. */
  at: string;
  /** The history event it is read from. */
  eventId: number;
  kind: TimelineEntryKind;
  vi: string;
  en: string;
  /** Machine-readable facts behind the sentence (step id, due date, offset, outbox key, error …). */
  details: Record<string, unknown>;
  links?: TimelineLink[];
}

/** One outbox row of the workflow (read model), to name each mail's key and status. */
export interface TimelineMail {
  key: string;
  step: string;
  status: string;
  recipient?: string;
  lastError?: string | null;
}

export interface TimelineInput {
  workflowId: string;
  events: IHistoryEvent[];
  /** The workflow's outbox rows; without them mail entries carry counts and the key prefix only. */
  mails?: TimelineMail[];
}

interface StepPayload {
  id: string;
  kind: 'reminder' | 'overdue' | 'escalation';
  date: string;
  at: string;
  days: number;
  notify: string[];
}

interface ViewPayload {
  dueDate?: string;
  nextStepAt?: string | null;
  nextStepKind?: string | null;
  status?: string;
}

interface StartPayload {
  key?: { planId: string; obligationId: string; unitId: string; period: string };
  title?: string;
  planNumber?: string;
  terms?: DeliverableTerms;
  collectorUnitId?: string;
}

const TARGETS: Record<EscalationTarget | 'unit', { vi: string; en: string }> = {
  unit: { vi: 'đơn vị', en: 'the unit' },
  head: { vi: 'người đứng đầu đơn vị', en: "the unit's head" },
  collector: { vi: 'cơ quan thu nhận', en: 'the collecting body' },
  superior: { vi: 'cấp ủy cấp trên', en: 'the superior committee' },
  btg: { vi: 'Ban Tuyên giáo (BTG)', en: 'the Propaganda Department (BTG)' },
  btv: { vi: 'Ban Thường vụ (BTV)', en: 'the Standing Committee (BTV)' },
};

/** `2037-05-15T01:00:00Z` → `15/05/2037 08:00` (Asia/Ho_Chi_Minh), as Vietnamese officers write it. */
export function vnDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + VN_OFFSET_MINUTES * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** `2037-05-18` → `18/05/2037`. */
export function vnDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

const targets = (notify: string[], lang: 'vi' | 'en') =>
  notify.map((t) => TARGETS[t as EscalationTarget]?.[lang] ?? t).join(', ');

const dayWord = (n: number, kind: 'working' | 'calendar', lang: 'vi' | 'en') =>
  lang === 'vi'
    ? `${n} ngày ${kind === 'working' ? 'làm việc' : ''}`.trim()
    : `${n} ${kind === 'working' ? 'working ' : ''}day${n === 1 ? '' : 's'}`;

/** The due date a step counts from: its id is `<kind>:<effective deadline>:<n>`. */
const stepDeadline = (step: StepPayload) => step.id.split(':')[1] ?? step.date;

function explainStep(
  step: StepPayload,
  dueDate: string | undefined,
  dayKind: 'working' | 'calendar',
  future: boolean,
): Pick<TimelineEntry, 'kind' | 'vi' | 'en'> {
  const deadline = stepDeadline(step);
  const due =
    dueDate && dueDate !== deadline ? `${vnDate(dueDate)} (→ ${vnDate(deadline)})` : vnDate(deadline);
  const when = vnDateTime(step.at);
  const will = (vi: string, en: string) =>
    future ? { vi: `Sẽ ${vi.charAt(0).toLowerCase()}${vi.slice(1)}`, en: `Will ${en}` } : { vi, en };
  if (step.kind === 'reminder' && step.days === 0) {
    const s = will('Gửi nhắc việc đúng ngày hạn', 'send the due-day reminder');
    return {
      kind: 'due-today',
      vi: `${s.vi} lúc ${when}: hôm nay là hạn nộp (${due}).`,
      en: `${future ? s.en : 'Due-day reminder sent'} at ${when}: today is the due date (${due}).`,
    };
  }
  if (step.kind === 'reminder') {
    return {
      kind: 'reminder',
      vi: `${future ? 'Sẽ gửi nhắc việc' : 'Đã gửi nhắc việc'} lúc ${when} vì hạn nộp ${due} và quy tắc nhắc trước ${dayWord(step.days, dayKind, 'vi')}.`,
      en: `${future ? 'Will send a reminder' : 'Reminder sent'} at ${when} because due ${due} and the plan reminds ${dayWord(step.days, dayKind, 'en')} before.`,
    };
  }
  const toVi = targets(step.notify, 'vi');
  const toEn = targets(step.notify, 'en');
  const late = { vi: dayWord(step.days, 'working', 'vi'), en: dayWord(step.days, 'working', 'en') };
  if (step.kind === 'overdue') {
    return {
      kind: 'overdue',
      vi: `${future ? 'Sẽ gửi thông báo quá hạn' : 'Đã gửi thông báo quá hạn'} tới ${toVi} lúc ${when} vì đã quá hạn ${late.vi} (hạn ${due}).`,
      en: `${future ? 'Will send the overdue notice' : 'Overdue notice sent'} to ${toEn} at ${when} because ${late.en} overdue (due ${due}).`,
    };
  }
  return {
    kind: 'escalation',
    vi: `${future ? 'Sẽ báo cáo vượt cấp' : 'Đã báo cáo vượt cấp'} tới ${toVi} lúc ${when} vì đã quá hạn ${late.vi} (hạn ${due}).`,
    en: `${future ? 'Will escalate' : 'Escalated'} to ${toEn} at ${when} because ${late.en} overdue (due ${due}).`,
  };
}

function explainUpdate(name: string, arg: Record<string, unknown> | undefined): { vi: string; en: string } {
  const a = arg ?? {};
  const by = (field: string) => (typeof a[field] === 'string' ? ` (${String(a[field])})` : '');
  const reason = typeof a.reason === 'string' ? `: “${a.reason}”` : '';
  switch (name) {
    case 'submit':
      return {
        vi: `Đơn vị nộp văn bản “${String(a.documentName ?? '')}”${by('unitId')}.`,
        en: `Submission of “${String(a.documentName ?? '')}”${by('unitId')}.`,
      };
    case 'review':
      return a.decision === 'return'
        ? {
            vi: `Trả lại văn bản${by('reviewerUnitId')}${a.newDueDate ? `, hạn mới ${vnDate(String(a.newDueDate))}` : ''}.`,
            en: `Submission returned${by('reviewerUnitId')}${a.newDueDate ? `, new due date ${vnDate(String(a.newDueDate))}` : ''}.`,
          }
        : {
            vi: `Chấp nhận văn bản${by('reviewerUnitId')}.`,
            en: `Submission accepted${by('reviewerUnitId')}.`,
          };
    case 'extend':
      return {
        vi: `Gia hạn đến ${vnDate(String(a.newDueDate ?? ''))}${by('grantedByUnitId')}${reason}.`,
        en: `Extended to ${vnDate(String(a.newDueDate ?? ''))}${by('grantedByUnitId')}${reason}.`,
      };
    case 'reschedule':
      return {
        vi: `Điều chỉnh hạn theo sửa đổi kế hoạch: ${vnDate(String(a.newDueDate ?? ''))}${reason}.`,
        en: `Due date moved by a plan amendment to ${vnDate(String(a.newDueDate ?? ''))}${reason}.`,
      };
    case 'waive':
      return { vi: `Miễn nộp${by('byUnitId')}${reason}.`, en: `Waived${by('byUnitId')}${reason}.` };
    case 'cancel':
      return { vi: `Hủy nghĩa vụ${reason}.`, en: `Cancelled${reason}.` };
    case 'register':
      return {
        vi: `Đảng viên ${String(a.personId ?? '')} đăng ký cam kết.`,
        en: `Member ${String(a.personId ?? '')} registered the commitment.`,
      };
    default:
      return { vi: `Nhận lệnh cập nhật “${name}”.`, en: `Update “${name}” accepted.` };
  }
}

const CLOSED: Partial<Record<number, { vi: string; en: string }>> = {
  [T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED]: { vi: 'Luồng công việc kết thúc.', en: 'Workflow completed.' },
  [T.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED]: { vi: 'Luồng công việc lỗi.', en: 'Workflow failed.' },
  [T.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED]: {
    vi: 'Quản trị viên chấm dứt luồng công việc.',
    en: 'Workflow terminated.',
  },
  [T.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED]: { vi: 'Luồng công việc bị hủy.', en: 'Workflow cancelled.' },
  [T.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT]: {
    vi: 'Luồng công việc hết thời gian.',
    en: 'Workflow timed out.',
  },
  [T.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW]: {
    vi: 'Tiếp tục trong một lần chạy mới (continue-as-new).',
    en: 'Continued as a new run.',
  },
};

const NOTIFY_ACTIVITIES = new Set(['notifyAndRecordDeliverable', 'notifyDeliverable']);
const RECORD_ACTIVITIES = new Set(['recordDeliverable', 'notifyAndRecordDeliverable']);

/**
 * The domain timeline of one workflow run, read from its event history alone (plus, when given,
 * its outbox rows): pure, so it is tested over stored histories. Activity inputs carry the
 * deliverable's timeline step (id, kind, planned instant, days) and view; the start input carries the
 * plan rule (reminder offsets, working or calendar days, escalation levels). Pending timers are
 * explained by the step the workflow was waiting for (the view's next step, recomputed with the
 * plan rule to name its offset and recipients).
 */
export function explainWorkflowHistory(input: TimelineInput): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const scheduled = new Map<number, { type: string; args: unknown[] }>();
  const stepOf = new Map<number, StepPayload>();
  const timers = new Map<string, { eventId: number; firesAt: string; startedAt: string }>();
  const cal = new WorkingCalendar();
  let start: StartPayload | undefined;
  let view: ViewPayload | undefined;
  const dayKind = () => start?.terms?.reminderDayKind ?? 'working';
  const mailsOf = (stepId: string) => (input.mails ?? []).filter((m) => m.step === stepId);

  for (const e of input.events) {
    const eventId = toNumber(e.eventId);
    const at = timestampIso(e.eventTime) ?? '';
    const push = (x: Omit<TimelineEntry, 'eventId' | 'at'> & { at?: string }) =>
      entries.push({ at, eventId, ...x });
    const type = typeof e.eventType === 'number' ? e.eventType : T[e.eventType as unknown as keyof typeof T];

    switch (type) {
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
        const a = e.workflowExecutionStartedEventAttributes;
        const workflowType = a?.workflowType?.name ?? '';
        start = decodePayloads(a?.input)[0] as StartPayload | undefined;
        const terms = start?.terms;
        if (workflowType === 'deliverableWorkflow' && start?.key && terms) {
          const sorted = [...terms.reminderOffsets].sort((x, y) => y - x);
          const offsets = sorted.join(', ');
          const kindVi = dayKind() === 'working' ? ' làm việc' : '';
          const kindEn = `${dayKind() === 'working' ? 'working ' : ''}day${sorted.length === 1 && sorted[0] === 1 ? '' : 's'}`;
          const levels = (lang: 'vi' | 'en') =>
            terms.escalation.levels
              .map((l) => `+${l.afterWorkingDays}: ${targets(l.notify, lang)}`)
              .join('; ');
          push({
            kind: 'opened',
            vi: `Mở nghĩa vụ “${start.title ?? ''}” của ${start.key.unitId} (kế hoạch ${start.planNumber ?? start.key.planId}, kỳ ${start.key.period}), hạn nộp ${vnDate(terms.dueDate)}; nhắc trước ${offsets} ngày${kindVi} lúc 08:00; sau hạn (ngày làm việc) ${levels('vi')}.`,
            en: `Opened “${start.title ?? ''}” for ${start.key.unitId} (plan ${start.planNumber ?? start.key.planId}, period ${start.key.period}), due ${vnDate(terms.dueDate)}; reminders ${offsets} ${kindEn} before at 08:00; after the deadline (working days) ${levels('en')}.`,
            details: { workflowType, key: start.key, terms, collectorUnitId: start.collectorUnitId },
          });
        } else {
          push({
            kind: 'opened',
            vi: `Bắt đầu luồng công việc ${workflowType}.`,
            en: `Workflow ${workflowType} started.`,
            details: { workflowType },
          });
        }
        break;
      }
      case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        const a = e.activityTaskScheduledEventAttributes;
        const name = a?.activityType?.name ?? '';
        const args = decodePayloads(a?.input);
        scheduled.set(eventId, { type: name, args });
        const arg = args[0] as
          | {
              notify?: { step?: StepPayload };
              step?: StepPayload;
              record?: { view?: ViewPayload };
              view?: ViewPayload;
            }
          | undefined;
        if (RECORD_ACTIVITIES.has(name))
          view = (name === 'recordDeliverable' ? arg?.view : arg?.record?.view) ?? view;
        const step = name === 'notifyDeliverable' ? arg?.step : arg?.notify?.step;
        if (NOTIFY_ACTIVITIES.has(name) && step) {
          stepOf.set(eventId, step);
          push({
            ...explainStep(step, view?.dueDate ?? start?.terms?.dueDate, dayKind(), false),
            details: {
              step: step.id,
              plannedAt: step.at,
              days: step.days,
              notify: step.notify,
              dueDate: view?.dueDate,
            },
          });
        }
        break;
      }
      case T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: {
        const scheduledId = toNumber(e.activityTaskCompletedEventAttributes?.scheduledEventId);
        const step = stepOf.get(scheduledId);
        if (!step) break;
        const result = decodePayloads(e.activityTaskCompletedEventAttributes?.result)[0] as
          Record<string, number> | undefined;
        const sent = result?.sent ?? 0;
        const already = result?.['already-sent'] ?? 0;
        const failed = result?.failed ?? 0;
        const keyPrefix = `${input.workflowId}/${step.id}/`;
        const rows = mailsOf(step.id);
        const mails = rows.map((m) => ({ key: m.key, status: m.status, lastError: m.lastError ?? null }));
        const links: TimelineLink[] = rows.map((m) =>
          m.status === 'failed'
            ? { rel: 'resend-mail', method: 'POST', href: `/mail/${encodeURIComponent(m.key)}/resend` }
            : { rel: 'mail', method: 'GET', href: `/mail/${encodeURIComponent(m.key)}` },
        );
        push({
          kind: 'mail',
          vi: `Thư của bước ${step.id}: ${sent} đã gửi, ${already} đã gửi trước đó, ${failed} lỗi${failed ? ' (gửi lại: POST /mail/{key}/resend)' : ''}.`,
          en: `Mail of step ${step.id}: ${sent} sent, ${already} already sent, ${failed} failed${failed ? ' (resend: POST /mail/{key}/resend)' : ''}.`,
          details: { step: step.id, sent, alreadySent: already, failed, outboxKeyPrefix: keyPrefix, mails },
          ...(links.length ? { links } : {}),
        });
        break;
      }
      case T.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const a = e.activityTaskStartedEventAttributes;
        const attempt = a?.attempt ?? 1;
        if (attempt > 1 && a?.lastFailure) {
          const act = scheduled.get(toNumber(a.scheduledEventId));
          push({
            kind: 'activity-failure',
            vi: `Hoạt động ${act?.type ?? ''} lỗi và được thử lại (lần ${attempt}): ${a.lastFailure.message ?? ''}`,
            en: `Activity ${act?.type ?? ''} failed and was retried (attempt ${attempt}): ${a.lastFailure.message ?? ''}`,
            details: { activityType: act?.type, attempt, error: a.lastFailure.message ?? null },
          });
        }
        break;
      }
      case T.EVENT_TYPE_ACTIVITY_TASK_FAILED:
      case T.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: {
        const a = e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes;
        const act = scheduled.get(toNumber(a?.scheduledEventId));
        const message = a?.failure?.message ?? eventTypeName(e.eventType);
        push({
          kind: 'activity-failure',
          vi: `Hoạt động ${act?.type ?? ''} thất bại: ${message}`,
          en: `Activity ${act?.type ?? ''} failed: ${message}`,
          details: { activityType: act?.type, error: message, retryState: a?.retryState ?? null },
        });
        break;
      }
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
        const req = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
        const name = req?.input?.name ?? '';
        const args = decodePayloads(req?.input?.args);
        push({
          kind: 'update',
          ...explainUpdate(name, args[0] as Record<string, unknown> | undefined),
          details: { name, args },
        });
        break;
      }
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED: {
        const a = e.workflowExecutionSignaledEventAttributes;
        const name = a?.signalName ?? '';
        push({
          kind: 'signal',
          vi: `Nhận tín hiệu “${name}”.`,
          en: `Signal “${name}” received.`,
          details: { name, args: decodePayloads(a?.input) },
        });
        break;
      }
      case T.EVENT_TYPE_TIMER_STARTED: {
        const a = e.timerStartedEventAttributes;
        const firesAt = new Date(Date.parse(at) + durationMs(a?.startToFireTimeout)).toISOString();
        timers.set(a?.timerId ?? '', { eventId, firesAt, startedAt: at });
        break;
      }
      case T.EVENT_TYPE_TIMER_FIRED:
        timers.delete(e.timerFiredEventAttributes?.timerId ?? '');
        break;
      case T.EVENT_TYPE_TIMER_CANCELED:
        timers.delete(e.timerCanceledEventAttributes?.timerId ?? '');
        break;
      default: {
        const closed = type !== undefined ? CLOSED[type] : undefined;
        if (closed) {
          const a =
            e.workflowExecutionTerminatedEventAttributes ??
            e.workflowExecutionFailedEventAttributes ??
            undefined;
          const why =
            (a && 'reason' in a && a.reason) || (a && 'failure' in a && a.failure?.message) || undefined;
          push({
            kind: 'closed',
            vi: `${closed.vi}${why ? ` Lý do: ${why}` : ''}`,
            en: `${closed.en}${why ? ` Reason: ${why}` : ''}`,
            details: {
              eventType: eventTypeName(e.eventType),
              reason: why ?? null,
              status: view?.status ?? null,
            },
          });
        }
      }
    }
  }

  for (const [timerId, t] of timers) {
    entries.push({ at: t.firesAt, eventId: t.eventId, ...explainTimer(timerId, t, start, view, cal) });
  }
  return entries;
}

function explainTimer(
  timerId: string,
  t: { firesAt: string; startedAt: string },
  start: StartPayload | undefined,
  view: ViewPayload | undefined,
  cal: WorkingCalendar,
): Omit<TimelineEntry, 'at' | 'eventId'> {
  const base = { timerId, firesAt: t.firesAt, startedAt: t.startedAt };
  const close = (a?: string | null) => !!a && Math.abs(Date.parse(a) - Date.parse(t.firesAt)) < 2000;
  if (start?.terms && view?.dueDate && close(view.nextStepAt)) {
    // The step the workflow waits for, with its offset and recipients from the plan rule.
    const terms = { ...start.terms, dueDate: view.dueDate };
    const step = deliverableTimeline(terms, cal, t.firesAt).find((s) => close(s.at)) as
      StepPayload | undefined;
    if (step) {
      const x = explainStep(step, view.dueDate, terms.reminderDayKind, true);
      return {
        kind: 'timer-pending',
        vi: `Hẹn giờ đang chờ, kích hoạt lúc ${vnDateTime(t.firesAt)}: ${x.vi}`,
        en: `Pending timer, fires at ${vnDateTime(t.firesAt)}: ${x.en}`,
        details: { ...base, for: step.kind, step: step.id, days: step.days, notify: step.notify },
      };
    }
    return {
      kind: 'timer-pending',
      vi: `Hẹn giờ đang chờ, kích hoạt lúc ${vnDateTime(t.firesAt)} cho bước ${view.nextStepKind ?? ''}.`,
      en: `Pending timer, fires at ${vnDateTime(t.firesAt)} for the ${view.nextStepKind ?? ''} step.`,
      details: { ...base, for: view.nextStepKind ?? null },
    };
  }
  return {
    kind: 'timer-pending',
    vi: `Hẹn giờ đang chờ, kích hoạt lúc ${vnDateTime(t.firesAt)}.`,
    en: `Pending timer, fires at ${vnDateTime(t.firesAt)}.`,
    details: { ...base, for: null },
  };
}
