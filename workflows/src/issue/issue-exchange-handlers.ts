import { setHandler } from '@temporalio/workflow';
import {
  answerInfoProblems,
  directionProblems,
  holderOf,
  pauseClock,
  requestInfoProblems,
  resumeClock,
} from '@dondoc/domain';
import { commandContext, refuse } from './issue-command-kit';
import type { IssueHandlerDeps } from './issue-handlers';
import * as m from './issue.messages';
import type { DirectionDeliverableView, IssueView } from './issue.types';

/**
 * The commands that hand the issue to someone else and wait for them: a question to the reporter
 * (the running clock pauses) and its answer (it resumes), and BTV's direction (deliverables open).
 */
export function registerExchangeHandlers(
  { machine, clock, openDirection }: IssueHandlerDeps,
  answer: () => Promise<IssueView>,
): void {
  const { view } = machine;
  const ctx = () => commandContext(machine, clock);
  const btg = machine.unitsFor(['btg']);

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
}
