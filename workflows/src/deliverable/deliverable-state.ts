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

  /** The next step still owed, or null when the unit owes nothing (submitted or closed). */
  nextStep(now: string): TimelineStep | null {
    if (!isOwed(this.view.status)) return null;
    const until = new Date(
      Math.max(Date.parse(now), Date.parse(this.view.deadlineAt)) + HORIZON_MS,
    ).toISOString();
    const terms = { ...this.input.terms, dueDate: this.view.dueDate };
    return (
      deliverableTimeline(terms, this.cal, until).find(
        (s) => s.at >= this.dueSetAt && !this.done.has(s.id),
      ) ?? null
    );
  }
}
