import { proxyActivities, sleep } from '@temporalio/workflow';

const { sendBareReminder } = proxyActivities<{ sendBareReminder(i: number): Promise<void> }>({
  startToCloseTimeout: '2 minutes',
});

/**
 * The reminder wave's floor (bench-only, bundled on its own): a reminder's shape with nothing of
 * dondoc in it — one timer until the due instant, then one activity that sends one mail.
 */
export async function bareReminderWorkflow(i: number, dueAtMs: number): Promise<void> {
  await sleep(Math.max(0, dueAtMs - Date.now()));
  await sendBareReminder(i);
}
