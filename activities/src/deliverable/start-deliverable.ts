import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { deliverableWorkflowId } from '@dondoc/domain';
import { deliverableWorkflow } from '@dondoc/workflows/src/deliverable/deliverable.workflow';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';
import {
  SA_DUE_DATE,
  SA_OBLIGATION,
  SA_PERIOD,
  SA_PLAN,
  SA_STATUS,
  SA_UNIT,
} from '@dondoc/workflows/src/search-attributes';

/**
 * Starts a deliverable workflow under its business-key id with its search attributes. Returns false
 * when it already exists: starting the same deliverable twice (a retry, a repeated command) is a no-op.
 * `stageLeadMs`: the deployment's MAIL_STAGE_LEAD_MINUTES (postman.stageLeadMs); 0 leaves it out.
 */
export async function startDeliverableWorkflow(
  client: Client,
  taskQueue: string,
  input: DeliverableInput,
  stageLeadMs = 0,
): Promise<boolean> {
  try {
    await client.workflow.start(deliverableWorkflow, {
      workflowId: deliverableWorkflowId(input.key),
      taskQueue,
      args: [stageLeadMs > 0 ? { ...input, stageLeadMs } : input],
      typedSearchAttributes: [
        { key: SA_PLAN, value: input.key.planId },
        { key: SA_OBLIGATION, value: input.key.obligationId },
        { key: SA_UNIT, value: input.key.unitId },
        { key: SA_PERIOD, value: input.key.period },
        { key: SA_STATUS, value: 'open' },
        { key: SA_DUE_DATE, value: new Date(`${input.terms.dueDate}T00:00:00+07:00`) },
      ],
    });
    return true;
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw e;
  }
}
