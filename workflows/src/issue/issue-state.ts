import { vnDateOf, WorkingCalendar } from '@dondoc/calendar';
import {
  clockKindOf,
  holderOf,
  IssueEventType,
  issueSteps,
  IssueStep,
  IssueState as State,
  limitPassesAt,
  startClock,
} from '@dondoc/domain';
import type { IssueEvent, IssueInput, IssueNotice, IssueView } from './issue.types';

/** Weekly repeats are laid out lazily up to this far ahead. */
const HORIZON_MS = 400 * 86_400_000;

/** The issue workflow's mutable state: the view everyone sees plus what only the loop needs. */
export class IssueMachine {
  readonly view: IssueView;
  /** Timed steps already carried out, by id. */
  readonly done = new Set<string>();
  /** Events not yet written to the read model. */
  pending: IssueEvent[] = [];
  /** Mails owed, sent by the main loop after the read model shows their event. */
  notices: IssueNotice[] = [];
  /** The state to return to when the reporter answers a question. */
  beforeInfo: State | null = null;
  /** Set by the direction wiring: replays closures that arrived before their deliverable ids. */
  onDeliverablesKnown: () => void = () => undefined;

  constructor(
    readonly input: IssueInput,
    readonly cal: WorkingCalendar,
    now: string,
  ) {
    this.view = {
      id: input.issueId,
      state: 'reported',
      severity: input.severity,
      holder: 'btg',
      version: 0,
      handlerUnitId: null,
      handlerContactId: null,
      clock: null,
      pausedClock: null,
      limitAt: null,
      nextStepAt: null,
      nextStepKind: null,
      remindersSent: 0,
      escalationsSent: 0,
      reopenCount: 0,
      directions: [],
      infoRequests: [],
      resolution: null,
      reportedAt: now,
      acknowledgedAt: null,
      escalatedAt: null,
      directedAt: null,
      resolvedAt: null,
      closedAt: null,
    };
  }

  today(now: string): string {
    return vnDateOf(now);
  }

  /**
   * Moves to a state and starts its clock. acknowledged → in-handling keeps the running `handle`
   * clock (assigning a handler buys no time); every other change starts the new state's own clock.
   */
  enter(state: State, now: string): void {
    const kind = clockKindOf(state);
    const keep = kind === 'handle' && this.view.clock?.kind === 'handle';
    this.view.state = state;
    this.view.holder = holderOf(state);
    if (!keep) {
      const holder = this.view.holder;
      this.view.clock =
        kind && holder !== 'none' ? startClock(kind, holder, now, this.input.limits, this.cal) : null;
    }
  }

  /**
   * Records a transition and owes the mail about it: the reporter's unit is told of every step,
   * `also` names the other units told (BTG, BTV, directed units).
   */
  record(
    type: IssueEventType,
    at: string,
    extra: Omit<IssueEvent, 'version' | 'at' | 'type' | 'state'> = {},
    also: string[] = [],
  ): void {
    this.view.version++;
    this.pending.push({ version: this.view.version, at, type, state: this.view.state, ...extra });
    const unitIds = [...new Set([this.input.reporterUnitId, ...also])];
    this.notices.push({
      noticeId: extra.step ?? `v${this.view.version}-${type}`,
      type,
      unitIds,
      detail: { ...extra.detail, reason: extra.reason, limitDate: this.view.clock?.limitDate },
    });
  }

  /** The next timed step of the running clock, or null when none runs. */
  nextStep(now: string): IssueStep | null {
    const clock = this.view.clock;
    if (!clock) return null;
    const until = new Date(Math.max(Date.parse(now), Date.parse(clock.setAt)) + HORIZON_MS).toISOString();
    return (
      issueSteps(clock, this.input.limits, this.cal, until).find(
        (s) => s.at >= clock.setAt && !this.done.has(s.id),
      ) ?? null
    );
  }

  /** Fills the derived fields before the state is written out. */
  refresh(now: string): void {
    const step = this.nextStep(now);
    const clock = this.view.clock;
    this.view.nextStepAt = step?.at ?? null;
    this.view.nextStepKind = step?.kind ?? null;
    // The objection window of a resolved issue is nobody's missed limit.
    this.view.limitAt = clock && clock.kind !== 'close' ? limitPassesAt(clock) : null;
  }

  /** Direction deliverables not yet closed, across every direction. */
  openDeliverables(): number {
    return this.view.directions.flatMap((d) => d.deliverables).filter((d) => !d.closedAt).length;
  }

  /** Units told of an event by role. */
  unitsFor(roles: ('btg' | 'btv' | 'reporter')[]): string[] {
    const byRole = {
      btg: this.input.btgUnitId,
      btv: this.input.btvUnitId,
      reporter: this.input.reporterUnitId,
    };
    return roles.map((r) => byRole[r]);
  }
}
