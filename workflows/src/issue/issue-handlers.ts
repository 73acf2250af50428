import { setHandler } from '@temporalio/workflow';
import {
  acknowledgeProblems,
  assignHandlerProblems,
  closeProblems,
  escalateProblems,
  reopenProblems,
  resolveProblems,
} from '@dondoc/domain';
import type { WorkflowClock } from '../clock';
import { commandContext, refuse } from './issue-command-kit';
import { registerExchangeHandlers } from './issue-exchange-handlers';
import type { IssueMachine } from './issue-state';
import * as m from './issue.messages';
import type { DirectionDeliverableView, IssueView } from './issue.types';

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
  const { view } = machine;
  const ctx = () => commandContext(machine, clock);
  const answer = async (): Promise<IssueView> => {
    await persist();
    return view;
  };
  const btg = machine.unitsFor(['btg']);

  setHandler(m.issueStatusQuery, () => view);
  registerExchangeHandlers({ machine, clock, persist, openDirection }, answer);

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
