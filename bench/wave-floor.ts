import { forEachPooled } from '@dondoc/activities';
import nodemailer from 'nodemailer';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { BenchStack, quietLogger } from './embedded-stack';
import { MailArrivals } from './mail-arrivals';

const FLOOR_TASK_QUEUE = 'dondoc-bench-wave-floor';

/**
 * The same wave with bare workflows on the same server (bench/workflows/bare-reminder.workflow.ts):
 * N timers due at one instant, each followed by one activity sending the wave's first mail through a
 * pooled transport. What is left between this and dondoc's wave is dondoc's own work per reminder
 * (its workflow task, audience query, outbox, rendering, read-model write); what is left between this
 * and raw nodemailer is Temporal's (timer, two workflow tasks, one activity on the dev server).
 * Returns the due instant; the caller reads lateness from `arrivals`.
 */
export async function runWaveFloor(
  stack: BenchStack,
  arrivals: MailArrivals,
  o: { n: number; smtpConnections: number; log: (m: string) => void; msPerStart: number },
): Promise<number> {
  const sample = arrivals.sample!;
  const transport = nodemailer.createTransport({
    url: stack.sink.smtpUrl,
    pool: true,
    maxConnections: o.smtpConnections,
  });
  stack.defer(async () => transport.close());
  const worker = await Worker.create({
    connection: stack.native,
    taskQueue: FLOOR_TASK_QUEUE,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./workflows/bare-reminder.workflow'),
      logger: quietLogger,
    }),
    activities: {
      sendBareReminder: async (i: number) => {
        await transport.sendMail({
          envelope: { from: 'bench@dondoc.local', to: [`floor${i}@province.example`] },
          raw: sample,
        });
      },
    },
  });
  const running = worker.run();
  stack.defer(async () => {
    worker.shutdown();
    await running;
  });
  // Due once the starts are done, at the pace the caller measured for the same server (with its
  // safety factor), plus 15 s.
  const dueAt = Date.now() + 15_000 + Math.round(o.n * o.msPerStart);
  await forEachPooled(o.n, 20, (i) =>
    stack.client.workflow.start('bareReminderWorkflow', {
      workflowId: `bench-floor-${i}`,
      taskQueue: FLOOR_TASK_QUEUE,
      args: [i, dueAt],
    }),
  );
  if (Date.now() >= dueAt)
    throw new Error('wave floor: the starts took longer than the margin before the due instant');
  o.log(
    `reminder-wave: floor: ${o.n} bare reminder workflows started, due in ${((dueAt - Date.now()) / 1000).toFixed(1)} s`,
  );
  return dueAt;
}
