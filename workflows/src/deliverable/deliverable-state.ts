import { vnDateOf, WorkingCalendar } from '@dondoc/calendar';
import { deadlineInstant, deliverableId, deliverableTimeline, isOwed, TimelineStep } from '@dondoc/domain';
import type {
  DeliverableEvent,
  DeliverableEventType,
  DeliverableInput,
  DeliverableView,
} from './deliverable.types';

/** How far ahead the timeline is laid out: weekly repeats are generated lazily up to this horizon. */
const HORIZON_MS = 400 * 86_400_000;

/** The workflow's mutable state: the view everyone sees plus what only the loop needs. */
export class DeliverableState {
  readonly view: DeliverableView;
  /** Steps already carried out, by id, so a step is never done twice. */
  readonly done = new Set<string>();
  /** Events not yet written to the read model. */
  pending: DeliverableEvent[] = [];
  /** When the current due date was set: steps before it are history, not owed. */
  dueSetAt: string;

  constructor(
    readonly input: DeliverableInput,
    private readonly cal: WorkingCalendar,
    now: string,
    weeklyByPlan = false,
  ) {
    this.dueSetAt = now;
    this.view = {
      id: deliverableId(input.key),
      status: 'open',
      dueDate: input.terms.dueDate,
      deadlineAt: deadlineInstant(input.terms.dueDate, cal),
      version: 0,
      remindersSent: 0,
      escalationsSent: 0,
      nextStepAt: null,
      nextStepKind: null,
      submission: null,
      lastReview: null,
      extensions: [],
      returns: 0,
      closedReason: null,
      registered: [],
      memberCount: input.members?.length ?? 0,
      weeklyByPlan,
    };
  }

  today(now: string): string {
    return vnDateOf(now);
  }

  /** Records a transition: bumps the version and queues the event for the read model. */
  record(
    type: DeliverableEventType,
    at: string,
    extra: Omit<DeliverableEvent, 'version' | 'at' | 'type'> = {},
  ): void {
    this.view.version++;
    this.pending.push({ version: this.view.version, at, type, ...extra });
  }

  /** Members mode: who still owes a registration. */
  pendingMembers(): string[] {
    const done = new Set(this.view.registered);
    return (this.input.members ?? []).filter((m) => !done.has(m));
  }

  moveDueDate(dueDate: string, now: string): void {
    this.view.dueDate = dueDate;
    this.view.deadlineAt = deadlineInstant(dueDate, this.cal);
    this.dueSetAt = now;
  }

  /** The timeline laid out for the current due date, until `horizon`; recomputed only when needed. */
  private laidOut: { dueDate: string; horizon: string; steps: TimelineStep[] } | null = null;

  /** The next step still owed, or null when the unit owes nothing (submitted or closed). */
  nextStep(now: string): TimelineStep | null {
    if (!isOwed(this.view.status)) return null;
    const cached = this.laidOut;
    // Laying out the timeline walks the calendar day by day: do it once per due date and horizon,
    // not at every step (a long-overdue deliverable would otherwise pay more each week).
    if (!cached || cached.dueDate !== this.view.dueDate || cached.horizon < now) this.layOut(now);
    const pick = () => this.laidOut!.steps.find((s) => s.at >= this.dueSetAt && !this.done.has(s.id)) ?? null;
    const step = pick();
    if (step) return step;
    // Everything up to the horizon is done: look further ahead before saying nothing is left.
    this.layOut(now);
    return pick();
  }

  private layOut(now: string): void {
    const horizon = new Date(
      Math.max(Date.parse(now), Date.parse(this.view.deadlineAt)) + HORIZON_MS,
    ).toISOString();
    const { escalation } = this.input.terms;
    const terms = {
      ...this.input.terms,
      dueDate: this.view.dueDate,
      // The plan's weekly digest carries the repeats after the chain.
      escalation: this.view.weeklyByPlan ? { ...escalation, repeatEveryDays: null } : escalation,
    };
    this.laidOut = {
      dueDate: this.view.dueDate,
      horizon,
      steps: deliverableTimeline(terms, this.cal, horizon),
    };
  }
}

/**
 * What a deliverable workflow writes when it opens (its 'opened' event, version 1, and its view with
 * the next step), computed outside it: the plan writes it for a whole chunk (PLAN_RECORDS_OPENING_PATCH).
 * `weeklyByPlan` as the workflow decides it for a new run: a plan's deliverables leave repeats to the digest.
 */
export function openingRecordOf(
  input: DeliverableInput,
  workflowId: string,
  openedAt: string,
  cal: WorkingCalendar,
) {
  const state = new DeliverableState(input, cal, openedAt, input.planWorkflowId !== undefined);
  state.record('opened', openedAt);
  const step = state.nextStep(openedAt);
  const view: DeliverableView = {
    ...state.view,
    nextStepAt: step?.at ?? null,
    nextStepKind: step?.kind ?? null,
  };
  return { workflowId, input, view, events: state.pending };
}
