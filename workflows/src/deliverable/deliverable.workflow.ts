import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DeliverableActivities } from '@dondoc/activities';
import { WorkingCalendar } from '@dondoc/calendar';
import { deliverableId, reminderSchedule, submissionProblems } from '@dondoc/domain';
import { SA_STATUS } from '../search-attributes';
import { statusQuery, SUBMISSION_REJECTED, submitUpdate } from './deliverable.messages';
import type { DeliverableInput, DeliverableView } from './deliverable.types';

const { projectDeliverable } = proxyActivities<DeliverableActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const { sendDeliverableReminder } = proxyActivities<DeliverableActivities>({
  startToCloseTimeout: '2 minutes',
  // A relay that is down must not lose the reminder; a bad address is recorded by the activity, not retried.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** One unit's obligation for one period: reminds before the deadline and takes the submission. */
export async function deliverableWorkflow(input: DeliverableInput): Promise<DeliverableView> {
  const cal = new WorkingCalendar();
  const { workflowId } = workflowInfo();
  const state: DeliverableView = {
    id: deliverableId(input.key),
    status: 'open',
    dueDate: input.dueDate,
    version: 1,
    remindersSent: 0,
    nextReminderAt: null,
    submission: null,
  };

  const project = () =>
    projectDeliverable({
      ...input.key,
      ...state,
      workflowId,
      title: input.title,
      submittedAt: state.submission?.submittedAt ?? null,
    });

  setHandler(statusQuery, () => state);
  setHandler(
    submitUpdate,
    async (s) => {
      state.status = 'submitted';
      state.nextReminderAt = null;
      state.submission = {
        submittedAt: new Date().toISOString(),
        submittedByUnit: s.unitId,
        documentName: s.documentName.trim(),
        documentSha256: s.documentSha256,
        note: s.note,
        coveredContents: s.coveredContents ?? [],
      };
      state.version++;
      upsertSearchAttributes([{ key: SA_STATUS, value: state.status }]);
      await project();
      return state;
    },
    {
      validator: (s) => {
        if (state.status !== 'open') {
          throw ApplicationFailure.create({
            type: SUBMISSION_REJECTED,
            message: `deliverable is ${state.status}, not open for submission`,
            details: [[{ field: 'status', reason: `already ${state.status}` }]],
          });
        }
        const problems = submissionProblems(
          { unitId: input.key.unitId, requiredContents: input.requiredContents },
          s,
        );
        if (problems.length) {
          throw ApplicationFailure.create({
            type: SUBMISSION_REJECTED,
            message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
            details: [problems],
          });
        }
      },
    },
  );

  const slots = reminderSchedule(input.dueDate, input.reminderOffsets, cal).filter(
    (s) => Date.parse(s.at) > Date.now(),
  );
  state.nextReminderAt = slots[0]?.at ?? null;
  await project();

  for (const [i, slot] of slots.entries()) {
    const submitted = await condition(() => state.status !== 'open', Date.parse(slot.at) - Date.now());
    if (submitted) break;
    await sendDeliverableReminder({
      workflowId,
      deliverableId: state.id,
      step: `reminder:${slot.date}`,
      workingDaysLeft: slot.offset,
    });
    state.remindersSent++;
    state.nextReminderAt = slots[i + 1]?.at ?? null;
    state.version++;
    await project();
  }

  await condition(() => state.status !== 'open');
  await condition(allHandlersFinished);
  return state;
}
