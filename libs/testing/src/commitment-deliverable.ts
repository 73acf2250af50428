import type { Client } from '@temporalio/client';
import { DEFAULT_ESCALATION, DeliverableKey, deliverableId, deliverableWorkflowId } from '@dondoc/domain';
import { deliverableWorkflow } from '@dondoc/workflows';
import { TEST_TASK_QUEUE } from './worker-harness';

/**
 * Starts a members-mode deliverable (the cell's yearly commitment registrations, due 31/03/2031) on
 * the test worker's queue, as the plan workflow would, and answers its id.
 */
export async function startCommitmentDeliverable(
  client: Client,
  o: { unitId: string; collectorUnitId: string; members: string[]; period?: string },
): Promise<string> {
  const key: DeliverableKey = {
    planId: '22-KH-TU',
    obligationId: 'commitment-registration',
    unitId: o.unitId,
    period: o.period ?? '2031',
  };
  await client.workflow.start(deliverableWorkflow, {
    taskQueue: TEST_TASK_QUEUE,
    workflowId: deliverableWorkflowId(key),
    args: [
      {
        key,
        planNumber: '22-KH/TU',
        planTitle: 'Chuyên đề toàn khóa',
        title: 'Đăng ký học tập và làm theo',
        terms: {
          dueDate: '2031-03-31',
          reminderOffsets: [5],
          reminderDayKind: 'working',
          escalation: DEFAULT_ESCALATION,
        },
        requiredContents: [],
        collectorUnitId: o.collectorUnitId,
        members: o.members,
      },
    ],
  });
  return deliverableId(key);
}
