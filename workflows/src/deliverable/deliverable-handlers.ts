import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  cancelProblems,
  extendProblems,
  FieldProblem,
  isOwed,
  reviewProblems,
  staleVersionProblems,
  submissionProblems,
  waiveProblems,
} from '@dondoc/domain';
import { isIsoDate } from '@dondoc/calendar';
import type { WorkflowClock } from '../clock';

/** Who moved a due date when a plan amendment did. */
const PLAN_AMENDMENT = 'plan-amendment';
import {
  cancelUpdate,
  COMMAND_REJECTED,
  extendUpdate,
  registerUpdate,
  rescheduleUpdate,
  reviewUpdate,
  statusQuery,
  submitUpdate,
  waiveUpdate,
} from './deliverable.messages';
import type { DeliverableState } from './deliverable-state';
import type { DeliverableView } from './deliverable.types';

function refuse(problems: FieldProblem[]): void {
  if (!problems.length) return;
  throw ApplicationFailure.create({
    type: COMMAND_REJECTED,
    message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    details: [problems],
  });
}

/**
 * Wires the status query and the command updates. Each validator is a pure rule from libs/domain
 * (a refusal records nothing); each handler changes the state, then `persist` writes it out
 * before the caller gets the answer.
 */
export function registerDeliverableHandlers(
  state: DeliverableState,
  clock: WorkflowClock,
  persist: () => Promise<void>,
): void {
  const { input, view } = state;
  const ctx = () => ({
    status: view.status,
    collectorUnitId: input.collectorUnitId,
    dueDate: view.dueDate,
    today: state.today(clock.nowIso()),
  });
  const answer = async (): Promise<DeliverableView> => {
    await persist();
    return view;
  };

  /** A later due date (granted by the collector, or moved by a plan amendment): a fresh timeline. */
  const extendTo = (newDueDate: string, reason: string, by: string) => {
    const now = clock.nowIso();
    view.extensions.push({ at: now, from: view.dueDate, to: newDueDate, reason, grantedByUnitId: by });
    state.moveDueDate(newDueDate, now);
    if (view.status === 'overdue' || view.status === 'escalated') view.status = 'open';
    state.record('extended', now, { actorUnitId: by, reason });
  };

  setHandler(statusQuery, () => view);

  setHandler(
    submitUpdate,
    async (s) => {
      const now = clock.nowIso();
      view.status = 'submitted';
      view.submission = {
        submittedAt: now,
        submittedByUnit: s.unitId,
        documentName: s.documentName.trim(),
        documentSha256: s.documentSha256,
        note: s.note,
        coveredContents: s.coveredContents ?? [],
      };
      state.record('submitted', now, { actorUnitId: s.unitId });
      return answer();
    },
    {
      validator: (s) => {
        refuse(staleVersionProblems(view.version, s));
        if (!isOwed(view.status)) refuse([{ field: 'status', reason: `already ${view.status}` }]);
        refuse(submissionProblems({ unitId: input.key.unitId, requiredContents: input.requiredContents }, s));
      },
    },
  );

  setHandler(
    reviewUpdate,
    async (c) => {
      const now = clock.nowIso();
      view.lastReview = {
        decision: c.decision,
        at: now,
        reviewerUnitId: c.reviewerUnitId,
        comments: c.comments,
        newDueDate: c.newDueDate,
      };
      if (c.decision === 'accept') {
        view.status = 'accepted';
        state.record('accepted', now, { actorUnitId: c.reviewerUnitId });
      } else {
        view.status = 'returned';
        view.returns++;
        state.moveDueDate(c.newDueDate!, now);
        state.record('returned', now, { actorUnitId: c.reviewerUnitId, reason: c.comments });
      }
      return answer();
    },
    { validator: (c) => refuse([...staleVersionProblems(view.version, c), ...reviewProblems(ctx(), c)]) },
  );

  setHandler(
    extendUpdate,
    async (c) => {
      extendTo(c.newDueDate, c.reason, c.grantedByUnitId);
      return answer();
    },
    { validator: (c) => refuse([...staleVersionProblems(view.version, c), ...extendProblems(ctx(), c)]) },
  );

  setHandler(
    registerUpdate,
    async (c) => {
      const now = clock.nowIso();
      view.registered.push(c.personId);
      state.record('registered', now, { personId: c.personId });
      if (state.pendingMembers().length === 0) {
        // The last member registered: the cell's deliverable is complete.
        view.status = 'submitted';
        view.submission = {
          submittedAt: now,
          submittedByUnit: input.key.unitId,
          documentName: `${view.registered.length} bản đăng ký`,
          coveredContents: [],
        };
        state.record('submitted', now, { actorUnitId: input.key.unitId });
      }
      return answer();
    },
    {
      validator: (c) => {
        if (!input.members)
          refuse([{ field: 'personId', reason: 'this deliverable is not owed by individual members' }]);
        if (!isOwed(view.status)) refuse([{ field: 'status', reason: `already ${view.status}` }]);
        if (!input.members!.includes(c.personId))
          refuse([
            {
              field: 'personId',
              reason: `${c.personId} is not a member of ${input.key.unitId} for this period`,
            },
          ]);
        if (view.registered.includes(c.personId))
          refuse([{ field: 'personId', reason: `${c.personId} has already registered` }]);
      },
    },
  );

  setHandler(
    rescheduleUpdate,
    async (c) => {
      extendTo(c.newDueDate, c.reason, PLAN_AMENDMENT);
      return answer();
    },
    {
      validator: (c) => {
        if (!isOwed(view.status))
          refuse([{ field: 'status', reason: `deliverable is ${view.status}; only one still owed moves` }]);
        if (!isIsoDate(c.newDueDate) || c.newDueDate < state.today(clock.nowIso()))
          refuse([{ field: 'newDueDate', reason: 'must be a date from today on' }]);
        if (!c.reason?.trim()) refuse([{ field: 'reason', reason: 'is required' }]);
      },
    },
  );

  setHandler(
    waiveUpdate,
    async (c) => {
      view.status = 'waived';
      view.closedReason = c.reason;
      state.record('waived', clock.nowIso(), { actorUnitId: c.byUnitId, reason: c.reason });
      return answer();
    },
    { validator: (c) => refuse([...staleVersionProblems(view.version, c), ...waiveProblems(ctx(), c)]) },
  );

  setHandler(
    cancelUpdate,
    async (c) => {
      view.status = 'cancelled';
      view.closedReason = c.reason;
      state.record('cancelled', clock.nowIso(), { reason: c.reason });
      return answer();
    },
    { validator: (c) => refuse(cancelProblems(ctx(), c)) },
  );
}
