import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { planUrgingWorkflow, PlanUrgingInput } from '@dondoc/workflows/src/urging/plan-urging.workflow';
import { SA_PLAN } from '@dondoc/workflows/src/search-attributes';

export const urgingWorkflowId = (planId: string) => `urging:${planId}`;

/**
 * Starts a plan's weekly digest once; false when it already runs. A workflow of its own, not a child
 * of the plan's: the plan continues as new every year, and a child outliving the run that started it
 * is what the time-skipping test server cannot carry (simulated time froze when it ended).
 */
export async function startPlanUrging(
  client: Client,
  taskQueue: string,
  input: PlanUrgingInput,
): Promise<boolean> {
  try {
    await client.workflow.start(planUrgingWorkflow, {
      taskQueue,
      workflowId: urgingWorkflowId(input.planId),
      args: [input],
      typedSearchAttributes: [{ key: SA_PLAN, value: input.planId }],
    });
    return true;
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw e;
  }
}
