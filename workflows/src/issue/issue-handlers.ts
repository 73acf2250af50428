import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  acknowledgeProblems,
  answerInfoProblems,
  assignHandlerProblems,
  closeProblems,
  directionProblems,
  escalateProblems,
  FieldProblem,
  holderOf,
  pauseClock,
  reopenProblems,
  requestInfoProblems,
  resolveProblems,
  resumeClock,
} from '@dondoc/domain';
import type { WorkflowClock } from '../clock';
import { COMMAND_REJECTED } from '../deliverable/deliverable.messages';
import type { IssueMachine } from './issue-state';
import * as m from './issue.messages';
import type { DirectionDeliverableView, IssueView } from './issue.types';

function refuse(problems: FieldProblem[]): void {
  if (!problems.length) return;
  throw ApplicationFailure.create({
    type: COMMAND_REJECTED,
    message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    details: [problems],
  });
}

export interface IssueHandlerDeps {
  machine: IssueMachine;
  clock: WorkflowClock;
  persist: () => Promise<void>;
  /** Starts one deliverable per directed unit (an activity); answers their ids. */
  openDirection: (no: number, units: string[], dueDate: string) => Promise<DirectionDeliverableView[]>;
}

/**
 * Wires the status query and the command updates. Each validator is a pure rule from libs/domain (a
 * refusal records nothing); each handler changes the state, records the event (which owes the mail
 * the main loop sends) and persists before answering.
 */
export function registerIssueHandlers({ machine, clock, persist, openDirection }: IssueHandlerDeps): void {
  const { view, input } = machine;
  const ctx = () => ({
    state: view.state,
    severity: view.severity,
    reporterUnitId: input.reporterUnitId,
    btgUnitId: input.btgUnitId,
    btvUnitId: input.btvUnitId,
    today: machine.today(clock.nowIso()),
    openDeliverables: machine.openDeliverables(),
  });
  const answer = async (): Promise<IssueView> => {
    await persist();
    return view;
  };
  const btg = machine.unitsFor(['btg']);

  setHandler(m.issueStatusQuery, () => view);

  setHandler(
    m.acknowledgeUpdate,
    async (c) => {
      const now = clock.nowIso();
      machine.enter('acknowledged', now);
      view.acknowledgedAt = now;
      machine.record('acknowledged', now, { actorUnitId: c.byUnitId, reason: c.note });
      return answer();
    },
    { validator: (c) => refuse(acknowledgeProblems(ctx(), c)) },
  );

  setHandler(
    m.assignHandlerUpdate,
    async (c) => {
      const now = clock.nowIso();
      view.handlerUnitId = c.handlerUnitId;
      view.handlerContactId = c.handlerContactId ?? null;
      if (view.state === 'acknowledged') machine.enter('in-handling', now);
      machine.record('handler-assigned', now, {
        actorUnitId: c.byUnitId,
        detail: { handlerUnitId: c.handlerUnitId },
      });
      return answer();
    },
    { validator: (c) => refuse(assignHandlerProblems(ctx(), c)) },
  );

  setHandler(
    m.requestInfoUpdate,
    async (c) => {
      const now = clock.nowIso();
      // The running limit stops while the reporter owes the answer; the answer clock runs instead.
      machine.beforeInfo = view.state;
      view.pausedClock = view.clock ? pauseClock(view.clock, now) : null;
      view.infoRequests.push({ at: now, byUnitId: c.byUnitId, question: c.question });
      machine.enter('info-requested', now);
      machine.record('info-requested', now, { actorUnitId: c.byUnitId, reason: c.question });
      return answer();
    },
    { validator: (c) => refuse(requestInfoProblems(ctx(), c)) },
  );

  setHandler(
    m.answerInfoUpdate,
    async (c) => {
      const now = clock.nowIso();
      const request = view.infoRequests[view.infoRequests.length - 1];
      Object.assign(request, { answeredAt: now, answer: c.answer });
      view.state = machine.beforeInfo ?? 'in-handling';
      view.holder = holderOf(view.state);
      view.clock = view.pausedClock ? resumeClock(view.pausedClock, now, machine.cal) : null;
      view.pausedClock = null;
      machine.beforeInfo = null;
      const asker = request.byUnitId;
      machine.record('info-answered', now, { actorUnitId: c.byUnitId, reason: c.answer }, [asker]);
      return answer();
    },
    { validator: (c) => refuse(answerInfoProblems(ctx(), c)) },
  );

  setHandler(
    m.escalateUpdate,
    async (c) => {
      const now = clock.nowIso();
      machine.enter('escalated', now);
      view.escalatedAt = now;
      machine.record(
        'escalated',
        now,
        { actorUnitId: c.byUnitId, reason: c.reason },
        machine.unitsFor(['btv', 'btg']),
      );
      return answer();
    },
    { validator: (c) => refuse(escalateProblems(ctx(), c)) },
  );

  setHandler(
    m.directionUpdate,
    async (c) => {
      const now = clock.nowIso();
      // The state moves before the activity runs, so a second direction is refused meanwhile.
      machine.enter('directed', now);
      view.directedAt = now;
      const direction = {
        no: view.directions.length + 1,
        at: now,
        byUnitId: c.byUnitId,
        instructions: c.instructions,
        dueDate: c.dueDate,
        units: [...c.units],
        deliverables: [] as DirectionDeliverableView[],
      };
      view.directions.push(direction);
      if (c.units.length) direction.deliverables = await openDirection(direction.no, c.units, c.dueDate!);
      machine.onDeliverablesKnown();
      machine.record(
        'directed',
        now,
        { actorUnitId: c.byUnitId, reason: c.instructions, detail: { units: c.units, dueDate: c.dueDate } },
        [...btg, ...c.units],
      );
      return answer();
    },
    { validator: (c) => refuse(directionProblems(ctx(), c)) },
  );

  setHandler(
    m.resolveUpdate,
    async (c) => {
      const now = clock.nowIso();
      machine.enter('resolved', now);
      view.resolution = c.resolution;
      view.resolvedAt = now;
      machine.record('resolved', now, { actorUnitId: c.byUnitId, reason: c.resolution }, btg);
      return answer();
    },
    { validator: (c) => refuse(resolveProblems(ctx(), c)) },
  );

  setHandler(
    m.closeUpdate,
    async (c) => {
      const now = clock.nowIso();
      machine.enter('closed', now);
      view.closedAt = now;
      machine.record('closed', now, { actorUnitId: c.byUnitId, reason: c.note }, btg);
      return answer();
    },
    { validator: (c) => refuse(closeProblems(ctx(), c)) },
  );

  setHandler(
    m.reopenUpdate,
    async (c) => {
      const now = clock.nowIso();
      view.reopenCount++;
      view.resolution = null;
      view.resolvedAt = null;
      view.closedAt = null;
      machine.enter('in-handling', now); // a fresh `handle` clock
      machine.record('reopened', now, { actorUnitId: c.byUnitId, reason: c.reason }, btg);
      return answer();
    },
    { validator: (c) => refuse(reopenProblems(ctx(), c)) },
  );
}
