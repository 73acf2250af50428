import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DeliverableActivities } from '@dondoc/activities';
import { WorkingCalendar } from '@dondoc/calendar';
import { isClosed } from '@dondoc/domain';
import { workflowClock } from '../clock';
import { SA_DUE_DATE, SA_STATUS } from '../search-attributes';
import { registerDeliverableHandlers } from './deliverable-handlers';
import { DeliverableState } from './deliverable-state';
import type { DeliverableInput, DeliverableView } from './deliverable.types';
import { deliverableAcceptedSignal, deliverableClosedSignal } from '../plan/plan.messages';

const RECORD_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
} as const;
const NOTIFY_OPTIONS = {
  startToCloseTimeout: '2 minutes',
  // A relay that is down must not lose the mail; a bad address is recorded by the activity, not retried.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} as const;

const { recordDeliverable } = proxyActivities<DeliverableActivities>(RECORD_OPTIONS);
const { notifyDeliverable, notifyAndRecordDeliverable, stageDeliverableStep } =
  proxyActivities<DeliverableActivities>(NOTIFY_OPTIONS);

/**
 * From this patch on, a timed step mails and records in one activity (both parts are safe to
 * repeat: exactly-once outbox, versioned upsert): one activity and one workflow task less per step,
 * ~10⁴ of them over a province's term. Local activities would save more, but they need the worker's
 * workflow cache, and a worker must be able to run without one.
 */
export const ONE_ACTIVITY_PER_STEP_PATCH = 'deliverable-one-activity-per-step';
/**
 * From this patch on, a deliverable the plan opened with `openingRecorded` does not write its own
 * opening: the plan wrote it for the whole chunk in one statement (openingRecordOf), which saves an
 * activity and a workflow task per deliverable when a period opens for a province (~10⁴ at once).
 */
export const PLAN_RECORDS_OPENING_PATCH = 'deliverable-plan-records-opening';
/** From this patch on, the plan's weekly digest (planUrgingWorkflow) repeats escalations, not each deliverable. */
export const WEEKLY_DIGEST_PATCH = 'deliverable-weekly-digest';
/**
 * From this patch on, a deliverable started with `stageLeadMs` prepares each step's mail that long
 * before the step (stageDeliverableStep), so that at the instant one dispatcher per instant sends the
 * whole wave (`mail:staged:<instant>`) instead of a workflow task and an activity per mail. The step
 * itself still runs at its instant and sends whatever the dispatcher did not (exactly once by key).
 */
export const STAGE_AHEAD_PATCH = 'deliverable-stages-mail-ahead';
/**
 * A staged step runs this long after its instant: by then the dispatcher has sent the wave, and the
 * step only finds its mail sent and records it, instead of 10⁴ steps contending with the dispatcher
 * for the machine at the instant. If the dispatcher failed, this is how late the step sends it itself.
 */
export const STAGED_STEP_GRACE_MS = 2 * 60_000;

/**
 * One unit's obligation for one period (DOMAIN.md lifecycle): reminds before the deadline, notifies
 * and escalates after it, takes the submission and the collector's review, extensions and waivers.
 */
export async function deliverableWorkflow(input: DeliverableInput): Promise<DeliverableView> {
  const clock = workflowClock(input.clockOffsetMs);
  const oneActivityPerStep = patched(ONE_ACTIVITY_PER_STEP_PATCH);
  // Only a plan runs a weekly digest: an issue's ad-hoc deliverables keep repeating on their own.
  const weeklyByPlan = patched(WEEKLY_DIGEST_PATCH) && input.planWorkflowId !== undefined;
  const state = new DeliverableState(input, new WorkingCalendar(), clock.nowIso(), weeklyByPlan);
  const { workflowId } = workflowInfo();
  const { view } = state;
  const stageLead = input.stageLeadMs ?? 0;
  /** Steps whose mail is staged (once each: a deliverable that moves on has it withdrawn, not restaged). */
  const staged = new Set<string>();

  // Every queued transition, in order, with the state as it stands now: what the read model gets.
  const showNextStep = () => {
    const step = state.nextStep(clock.nowIso());
    view.nextStepAt = step?.at ?? null;
    view.nextStepKind = step?.kind ?? null;
  };
  const takeRecord = () => {
    const events = state.pending;
    state.pending = [];
    showNextStep();
    upsertSearchAttributes([
      { key: SA_STATUS, value: view.status },
      { key: SA_DUE_DATE, value: new Date(`${view.dueDate}T00:00:00+07:00`) },
    ]);
    return { workflowId, input, view: { ...view }, events };
  };
  const persist = async () => {
    await recordDeliverable(takeRecord());
  };
  // 'opened' is version 1 even when an Update came with the start: registering the handlers runs a
  // buffered Update at once, which would otherwise record its transition first.
  state.record('opened', clock.nowIso());
  registerDeliverableHandlers(state, clock, persist);
  if (input.openingRecorded && state.pending.length === 1 && patched(PLAN_RECORDS_OPENING_PATCH)) {
    // The plan wrote this opening into the read model with its whole chunk, and the start set the
    // search attributes: nothing to write (an Update that came with the start still is, below).
    state.pending = [];
    showNextStep();
  } else await persist();

  while (!isClosed(view.status)) {
    const step = state.nextStep(clock.nowIso());
    const version = view.version;
    const changed = () => view.version !== version;
    if (!step) {
      await condition(changed);
      continue;
    }
    const noticeNow = () => ({
      workflowId,
      deliverableId: view.id,
      step,
      pendingMembers: input.members ? state.pendingMembers() : undefined,
    });
    const untilStep = clock.msUntil(step.at);
    if (stageLead > 0 && untilStep > 0 && !staged.has(step.id) && patched(STAGE_AHEAD_PATCH)) {
      if (untilStep > stageLead && (await condition(changed, untilStep - stageLead))) continue;
      staged.add(step.id);
      await stageDeliverableStep({
        notify: noticeNow(),
        record: { workflowId, input, view: { ...view } },
        clockOffsetMs: input.clockOffsetMs,
      });
      continue;
    }
    const runsIn = staged.has(step.id)
      ? clock.msUntil(new Date(Date.parse(step.at) + STAGED_STEP_GRACE_MS).toISOString())
      : untilStep;
    if (await condition(changed, runsIn)) continue;
    const firedAt = clock.nowIso();
    const notice = noticeNow();
    const markDone = () => {
      state.done.add(step.id);
      if (step.kind === 'reminder') view.remindersSent++;
      else {
        view.escalationsSent++;
        view.status = step.kind === 'overdue' ? 'overdue' : 'escalated';
      }
      state.record(step.kind, firedAt, { step: step.id });
    };
    if (oneActivityPerStep) {
      markDone();
      await notifyAndRecordDeliverable({ notify: notice, record: takeRecord() });
    } else {
      await notifyDeliverable(notice);
      markDone();
      await persist();
    }
  }

  if (view.status === 'accepted' && input.planWorkflowId) {
    // The cascade: the plan opens the deliverables that follow from this one.
    await getExternalWorkflowHandle(input.planWorkflowId).signal(deliverableAcceptedSignal, {
      key: input.key,
      acceptedAt: clock.nowIso(),
    });
  }
  if (input.issueWorkflowId) {
    await getExternalWorkflowHandle(input.issueWorkflowId).signal(deliverableClosedSignal, {
      key: input.key,
      status: view.status,
      closedAt: clock.nowIso(),
    });
  }
  await condition(allHandlersFinished);
  return view;
}
