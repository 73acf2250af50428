import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { SendWindow } from '@dondoc/config';
import { DAILY_MAIL_WORKFLOW_ID, dailyMailWorkflow } from '@dondoc/workflows/src/mail/daily-mail.workflow';

/** 08:00 when no window is configured: the daily digest still goes at the start of the working day. */
const DEFAULT_OPENING_MINUTE = 8 * 60;

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
