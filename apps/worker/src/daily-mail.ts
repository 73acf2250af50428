import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DEFAULT_OPENING_MINUTE } from '@dondoc/activities';
import type { SendWindow } from '@dondoc/config';
import { DAILY_MAIL_WORKFLOW_ID, dailyMailWorkflow } from '@dondoc/workflows/src/mail/daily-mail.workflow';

/** Starts `mail:daily` unless it runs already (every worker calls this at start; one wins). */
export async function ensureDailyMail(
  client: Client,
  taskQueue: string,
  window: SendWindow,
  simulation?: { clockOffsetMs: number; endsAt: string },
): Promise<void> {
  try {
    await client.workflow.start(dailyMailWorkflow, {
      workflowId: DAILY_MAIL_WORKFLOW_ID,
      taskQueue,
      args: [{ opensAtMinute: window?.fromMinute ?? DEFAULT_OPENING_MINUTE, ...simulation }],
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}
