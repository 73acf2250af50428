import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { PlanActivities } from '@dondoc/activities';
import type { DeliverableKey } from '@dondoc/domain';
import { workflowClock } from '../clock';
import {
  addUnitUpdate,
  cancelPlanUpdate,
  changeDueRuleUpdate,
  deliverableAcceptedSignal,
  planStatusQuery,
  removeUnitUpdate,
} from './plan.messages';
import type { PlanInput, PlanView } from './plan.types';

/** From this patch on, a plan runs its weekly digest (`urging:<planId>`) beside it. */
export const WEEKLY_URGING_PATCH = 'plan-weekly-urging';
/** From this patch on, issuing a plan mails every unit it concerns, with an acknowledgement link. */
export const PLAN_ISSUED_MAIL_PATCH = 'plan-issued-mail';
/**
 * From this patch on, the periods due at issue open before the plan-issued mail goes out: at province
 * scale the announcement is ~10⁴ mails, and the units' deliverables should not wait behind it.
 */
export const OPEN_BEFORE_ANNOUNCING_PATCH = 'plan-opens-before-announcing';
/**
 * From this patch on, waiting for an instant that has already passed sets no timer: a timer of 0 ms
 * still costs a round trip to the server (about a second on the dev server) before each opening due
 * on the issue day.
 */
export const NO_TIMER_WHEN_DUE_PATCH = 'plan-no-timer-when-due';

const acts = proxyActivities<PlanActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '2 minutes' },
});

/**
 * `plan:<planId>`: opens each period's deliverables when the period starts, opens the cascade when a
 * parent deliverable is accepted, and takes amendments. Continues as new at each new year so its
 * history stays small over a five-year term.
 */
export async function planWorkflow(input: PlanInput): Promise<PlanView> {
  const clock = workflowClock(input.clockOffsetMs);
  const { workflowId } = workflowInfo();
  const view: PlanView = {
    planId: input.planId,
    status: 'issued',
    openedPeriods: [...(input.openedPeriods ?? [])],
    nextOpeningAt: null,
    cascadesOpened: 0,
  };
  const accepted: { key: DeliverableKey; acceptedAt: string }[] = [];
  const context = { planId: input.planId, planWorkflowId: workflowId, clockOffsetMs: input.clockOffsetMs };
  const amend = (kind: string, detail: object, outcome: object, policy?: string) =>
    acts.recordPlanAmendment({
      planId: input.planId,
      at: clock.nowIso(),
      kind,
      policy,
      detail: { ...detail },
      outcome: { ...outcome },
    });

  setHandler(planStatusQuery, () => view);
  setHandler(deliverableAcceptedSignal, (s) => void accepted.push(s));
  setHandler(addUnitUpdate, async (a) => {
    let started = 0;
    for (const opened of view.openedPeriods) {
      // An opening key is a period, or `<period>/<obligation>` for a summary that opened on its own.
      const [period, obligation] = opened.split('/');
      const obligations = obligation ? [obligation] : undefined;
      started += (
        await acts.openPlanPeriod({
          ...context,
          period,
          obligations,
          unitId: a.unitId,
          openedAt: clock.nowIso(),
        })
      ).started;
    }
    await amend('add-unit', a, { started });
    return { kind: 'add-unit', started };
  });
  setHandler(removeUnitUpdate, async (a) => {
    const { cancelled, reassigned } = await acts.cancelPlanDeliverables({
      ...context,
      unitId: a.unitId,
      reason: a.reason,
      reassignTo: a.reassignTo,
    });
    await amend('remove-unit', a, { cancelled, reassigned });
    return { kind: 'remove-unit', cancelled, reassigned };
  });
  setHandler(changeDueRuleUpdate, async (a) => {
    const { rescheduled } = await acts.changeObligationDueRule({
      ...context,
      obligationId: a.obligationId,
      due: a.due,
      policy: a.policy,
      reason: a.reason,
    });
    await amend('change-due-rule', a, { rescheduled }, a.policy);
    return { kind: 'change-due-rule', rescheduled };
  });
  setHandler(cancelPlanUpdate, async (a) => {
    view.status = 'cancelled';
    const { cancelled } = await acts.cancelPlanDeliverables({ planId: input.planId, reason: a.reason });
    await acts.setPlanStatus({ planId: input.planId, status: 'cancelled', reason: a.reason });
    await amend('cancel-plan', a, { cancelled });
    return { kind: 'cancel-plan', cancelled };
  });

  const { openings, endsAt } = await acts.planOpenings({ planId: input.planId });
  let urgingStarted = input.urgingStarted ?? false;
  if (patched(WEEKLY_URGING_PATCH) && !urgingStarted) {
    await acts.startPlanUrging({ planId: input.planId, endsAt, clockOffsetMs: input.clockOffsetMs });
    urgingStarted = true;
  }
  let announced = input.announced ?? false;
  const announce = async () => {
    if (announced) return;
    await acts.announcePlan({ planId: input.planId, planWorkflowId: workflowId, at: clock.nowIso() });
    announced = true;
  };
  // Evaluated here, once, in the order older histories recorded their markers.
  const mailsOnIssue = patched(PLAN_ISSUED_MAIL_PATCH);
  const opensFirst = mailsOnIssue && patched(OPEN_BEFORE_ANNOUNCING_PATCH);
  const noTimerWhenDue = patched(NO_TIMER_WHEN_DUE_PATCH);
  if (mailsOnIssue && !opensFirst) await announce();
  /** Announces once nothing due now is left to open (before the first wait), unless cancelled meanwhile. */
  const announceBeforeWaiting = async (instant?: string) => {
    if (!opensFirst || view.status !== 'issued') return;
    if (instant === undefined || clock.msUntil(instant) > 0) await announce();
  };
  const drainCascades = async () => {
    while (accepted.length) {
      const next = accepted.shift()!;
      view.cascadesOpened += (
        await acts.openCascade({ ...context, parent: next.key, acceptedAt: next.acceptedAt })
      ).started;
    }
  };
  const waitUntil = async (instant: string) => {
    if (noTimerWhenDue && clock.msUntil(instant) === 0) {
      // What the timer would have done: the cascades that are waiting, then on.
      if (view.status === 'issued') await drainCascades();
      return;
    }
    for (;;) {
      const woke = await condition(
        () => accepted.length > 0 || view.status !== 'issued',
        clock.msUntil(instant),
      );
      if (!woke || view.status !== 'issued') return;
      await drainCascades();
    }
  };

  // Only a run that has itself opened a period continues as new at the next year: the periods a
  // previous run opened must not send a fresh run straight on again (a loop at every year boundary).
  let openedThisRun = 0;
  for (const opening of openings.filter((o) => !view.openedPeriods.includes(o.key ?? o.period))) {
    view.nextOpeningAt = opening.at;
    const lastOpened = view.openedPeriods[view.openedPeriods.length - 1];
    const lastOpenedYear = openings.find((o) => (o.key ?? o.period) === lastOpened)?.at.slice(0, 4);
    const newYear = lastOpenedYear !== undefined && opening.at.slice(0, 4) !== lastOpenedYear;
    if (openedThisRun > 0 && newYear && view.status === 'issued') {
      // A new year: start a fresh history once nothing is in flight.
      await drainCascades();
      await condition(allHandlersFinished);
      await continueAsNew<typeof planWorkflow>({
        ...input,
        openedPeriods: view.openedPeriods,
        urgingStarted,
        announced,
      });
    }
    await announceBeforeWaiting(opening.at);
    await waitUntil(opening.at);
    if (view.status !== 'issued') break;
    // openedAt: the activity writes the openings itself (PLAN_RECORDS_OPENING_PATCH); an activity's
    // arguments are not compared on replay, so older histories replay unchanged.
    await acts.openPlanPeriod({
      ...context,
      period: opening.period,
      obligations: opening.obligations,
      openedAt: clock.nowIso(),
    });
    view.openedPeriods.push(opening.key ?? opening.period);
    openedThisRun++;
  }
  view.nextOpeningAt = null;
  await announceBeforeWaiting();
  if (view.status === 'issued') await waitUntil(endsAt);
  await drainCascades();
  if (view.status === 'issued') {
    view.status = 'completed';
    await acts.setPlanStatus({ planId: input.planId, status: 'completed' });
  }
  await condition(allHandlersFinished);
  return view;
}
