import { forEachPooled } from '@dondoc/activities';
import * as fs from 'node:fs';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '@dondoc/testing/src/temporal-env';
import { SIMULATION_WORKER_OPTIONS } from '../apps/cli/src/simulate/simulation-services';
import { quietLogger } from './embedded-stack';

/**
 * The simulation scenario's baseline, run as its own process like the CLI it is compared with
 * (simulation.bench.ts spawns both and times them from outside): the time-skipping test server, a
 * worker with the simulation's options running only timelineWorkflow, one workflow per deliverable
 * with that deliverable's instants, and time advanced month by month to the end as the simulate driver
 * does. No database, no activities, no mail: what is left is what the server and the SDK cost.
 *
 *   node --require @swc-node/register bench/simulation-baseline.ts <timelines.json>
 * timelines.json: { startAt, endAt, timelines: string[][] } (ISO instants, simulated time).
 * stdout: one JSON line { setupMs, driveMs, cpuMs, workflows, timers, completed } (cpuMs: this process's
 * user + system CPU to the end of the term, as the CLI reports its own).
 */
interface Input {
  startAt: string;
  endAt: string;
  timelines: string[][];
}

const TASK_QUEUE = 'dondoc-bench-timeline';

async function main(): Promise<void> {
  const started = Date.now();
  const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Input;
  // As the CLI does: the SDK's own log lines stay off stdout, the core's too (forwarded to the logger,
  // which writes to stderr); on a loaded machine the core warns of slow workflow tasks.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
  const [env, bundle] = await Promise.all([
    createTimeSkippingEnv(),
    bundleWorkflowCode({
      workflowsPath: require.resolve('./workflows/timeline.workflow'),
      logger: quietLogger,
    }),
  ]);
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      ...SIMULATION_WORKER_OPTIONS,
    });
    const running = worker.run();
    const offsetMs = Number(await env.currentTimeMs()) - Date.parse(input.startAt);
    const setupMs = Date.now() - started;
    // 20 starts in flight, as the fan-out baseline; the server does not skip time while they arrive.
    await forEachPooled(input.timelines.length, 20, (i) =>
      env.client.workflow.start('timelineWorkflow', {
        workflowId: `timeline-${i}`,
        taskQueue: TASK_QUEUE,
        args: [input.timelines[i].map((at) => Date.parse(at) + offsetMs)],
      }),
    );
    // Month by month, as SimulationDriver.sleepUntil advances the server.
    const end = Date.parse(input.endAt);
    for (;;) {
      const now = Number(await env.currentTimeMs()) - offsetMs;
      if (now >= end) break;
      const d = new Date(now);
      await env.sleep(Math.min(end, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) - now);
    }
    const driveMs = Date.now() - started - setupMs;
    const cpu = process.cpuUsage();
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    // Outside the timing: every timeline must have run to its end, or the baseline measured too little.
    let completed = 0;
    await forEachPooled(input.timelines.length, 20, async (i) => {
      const d = await env.client.workflow.getHandle(`timeline-${i}`).describe();
      if (d.status.name === 'COMPLETED') completed++;
    });
    worker.shutdown();
    await running;
    const timers = input.timelines.reduce((n, t) => n + t.length, 0);
    process.stdout.write(
      JSON.stringify({ setupMs, driveMs, cpuMs, workflows: input.timelines.length, timers, completed }) +
        '\n',
    );
  } finally {
    await env.teardown();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
