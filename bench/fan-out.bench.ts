import { forEachPooled } from '@dondoc/activities';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { addDays, vnInstant } from '@dondoc/calendar';
import { planStatusQuery } from '@dondoc/workflows/src/plan/plan.messages';
import { planWorkflowId } from '../apps/api/src/plans/plan-issue.service';
import { bundleDondocWorkflows } from '../apps/worker/src/workflow-bundle-options';
import {
  importProvince,
  quietLogger,
  startBenchStack,
  startBenchWorker,
  startPlanAtIssueDate,
  storePlan22,
  waitUntilSettled,
} from './embedded-stack';
import type { BenchContext, BenchOutcome } from './scenarios';
import { round } from './scenarios';

const BARE_TASK_QUEUE = 'dondoc-bench-bare';
/** The baseline starts this many workflows at a time (the plan activities start 50 at a time). */
const BASELINE_CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 20);

/**
 * Fan-out on the embedded stack: the generated province imported, 22-KH/TU stored as the API stores it
 * and its plan workflow started at its issue date (embedded-stack.ts), the real worker running it.
 * Measured: deliverable rows in the read model per second from the start to the moment the count
 * settles once the plan waits for a later opening. Baseline: the same number of bare workflows (one timer) started by the
 * same client on the same server with a worker running them.
 */
export async function benchFanOut({ scale, log }: BenchContext): Promise<BenchOutcome> {
  const stack = await startBenchStack();
  try {
    const { client, ds } = stack;
    const { size, importSeconds } = await importProvince(ds, scale);
    log(`fan-out: province ${JSON.stringify(size)} imported in ${importSeconds.toFixed(1)} s`);

    let t = performance.now();
    const [dondocBundle, bareBundle] = await Promise.all([
      bundleDondocWorkflows(),
      bundleWorkflowCode({
        workflowsPath: require.resolve('./workflows/bare.workflow'),
        logger: quietLogger,
      }),
    ]);
    log(`fan-out: workflows bundled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await startBenchWorker(stack, { workflowBundle: dondocBundle });

    const definition = await storePlan22(ds);
    const count = async () =>
      Number((await ds.query<{ n: string }[]>('SELECT count(*) AS n FROM deliverables'))[0].n);
    const started = performance.now();
    await startPlanAtIssueDate(client, definition);
    // Done when the plan waits for a later opening (every opening due on the issue day has run) and
    // the count has settled (a deliverable that records its own opening does so after its start).
    const plan = client.workflow.getHandle(planWorkflowId(definition.id));
    const issueDayEnd = vnInstant(addDays(definition.issueDate, 1), 0);
    for (;;) {
      const next = (await plan.query(planStatusQuery)).nextOpeningAt;
      if (next && next >= issueDayEnd) break;
      if (performance.now() - started > 60 * 60_000)
        throw new Error('fan-out: the first period did not open in 1 h');
      await new Promise((r) => setTimeout(r, 250));
    }
    const settled = await waitUntilSettled(count, {
      settledMs: 2000,
      timeoutMs: 60 * 60_000,
      label: 'fan-out: deliverables visible',
      log,
      since: started,
    });
    const deliverables = settled.value;
    const openSeconds = (settled.lastChangeAt - started) / 1000;
    // The plan-issued mail goes out once the issue day's periods are open: the baseline must not
    // share the machine with it, so wait until the plan has no activity left.
    const quietSince = performance.now();
    while ((await plan.describe()).raw.pendingActivities?.length) {
      if (performance.now() - quietSince > 60 * 60_000)
        throw new Error('fan-out: the plan stayed busy for 1 h');
      await new Promise((r) => setTimeout(r, 500));
    }
    const announcedSeconds = (performance.now() - started) / 1000;
    log(
      `fan-out: open after ${openSeconds.toFixed(1)} s, plan quiet (announced) after ${announcedSeconds.toFixed(1)} s`,
    );

    // Baseline: as many bare workflows, started by the same client on the same server.
    const bareWorker = await Worker.create({
      connection: stack.native,
      taskQueue: BARE_TASK_QUEUE,
      workflowBundle: bareBundle,
    });
    const bareRunning = bareWorker.run();
    stack.defer(async () => {
      bareWorker.shutdown();
      await bareRunning;
    });
    t = performance.now();
    await forEachPooled(deliverables, BASELINE_CONCURRENCY, (i) =>
      client.workflow.start('bareWorkflow', { workflowId: `bench-bare-${i}`, taskQueue: BARE_TASK_QUEUE }),
    );
    const bareSeconds = (performance.now() - t) / 1000;
    const rate = deliverables / openSeconds;
    const baseline = deliverables / bareSeconds;
    log(`fan-out: ${deliverables} bare workflows started in ${bareSeconds.toFixed(1)} s`);
    return {
      figures: [
        {
          name: 'deliverable workflows started/s (first period open in the read model)',
          unit: '/s',
          value: round(rate),
          baseline: round(baseline),
          ratio: round(rate / baseline),
          target: 'ratio ≥ 0.8',
        },
      ],
      details: {
        province: size,
        deliverables,
        openSeconds: round(openSeconds),
        announcedSeconds: round(announcedSeconds),
        bareStartSeconds: round(bareSeconds),
        baselineConcurrency: BASELINE_CONCURRENCY,
        importSeconds: round(importSeconds),
      },
    };
  } finally {
    await stack.stop();
  }
}
