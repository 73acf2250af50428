import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { vnInstant } from '@dondoc/calendar';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { createSmtpMailer, SmtpSink } from '@dondoc/mail';
import { createDataSource, OrgRepository, PlanEntity, runMigrations } from '@dondoc/persistence';
import { generateProvince } from '@dondoc/testing/src/province-generator';
import { planWorkflow } from '@dondoc/workflows';
import { SA_PLAN } from '@dondoc/workflows/src/search-attributes';
import { createDondocWorker } from '../apps/worker/src/create-worker';
import { bundleDondocWorkflows } from '../apps/worker/src/workflow-bundle-options';
import { planWorkflowId } from '../apps/api/src/plans/plan-issue.service';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { freePort } from '../infra/dev/wait-for';
import type { BenchContext, BenchOutcome } from './scenarios';
import { round } from './scenarios';

const TASK_QUEUE = 'dondoc-bench';
const BARE_TASK_QUEUE = 'dondoc-bench-bare';
/** The plan activities start deliverables this many at a time; the baseline starts as many at once. */
const BASELINE_CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 20);
/** The first period is complete when the deliverables count has not moved for this long. */
const SETTLED_MS = 5000;

/** The province at a scale: 1 = 103 level-1 units, 1,500 grassroots, 8,000 cells, 156,000 members. */
export function provinceSize(scale: number) {
  const at = (n: number) => Math.max(1, Math.round(n * scale));
  return { level1: at(103), grassroots: at(1500), cells: at(8000), members: at(156000) };
}

/**
 * Fan-out on the embedded stack: dev server with its file database, embedded PostgreSQL, SMTP sink and
 * the real worker. The generated province is imported, 22-KH/TU stored as the API stores it and its
 * plan workflow started as the API starts it, with one difference: a clock offset (as `simulate` uses)
 * so the workflow's "now" is the plan's issue date, 13/08/2021 08:00, and its first period opens at once.
 * Measured: deliverable rows in the read model per second from the start to the moment the count
 * settles. Baseline: the same number of bare workflows (one timer) started by the same client on the
 * same server with a worker running them.
 */
export async function benchFanOut({ scale, log }: BenchContext): Promise<BenchOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-'));
  fs.chmodSync(dir, 0o755);
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const [server, pg, sink] = await Promise.all([
      startTemporalDevServer({ port: await freePort(), dbFile: path.join(dir, 'temporal.db') }),
      startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'bench' }),
      SmtpSink.start({ retain: false }),
    ]);
    stops.push(
      () => server.stop(),
      () => pg.stop(),
      () => sink.stop(),
    );
    await runMigrations(pg.url);
    const ds = await createDataSource(pg.url, { poolSize: 10 }).initialize();
    stops.unshift(() => ds.destroy());
    const connection = await Connection.connect({ address: server.address });
    const native = await NativeConnection.connect({ address: server.address });
    stops.unshift(
      () => connection.close(),
      () => native.close(),
    );
    const client = new Client({ connection });

    const size = provinceSize(scale);
    let t = performance.now();
    const org = generateProvince(size);
    await new OrgRepository(ds).importTree(org, 'replace', { effectiveFrom: '2021-08-01', source: 'bench' });
    const importSeconds = (performance.now() - t) / 1000;
    log(`fan-out: province ${JSON.stringify(size)} imported in ${importSeconds.toFixed(1)} s`);

    t = performance.now();
    const [dondocBundle, bareBundle] = await Promise.all([
      bundleDondocWorkflows(),
      bundleWorkflowCode({ workflowsPath: require.resolve('./workflows/bare.workflow'), logger: quiet }),
    ]);
    log(`fan-out: workflows bundled in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const mailer = createSmtpMailer(sink.smtpUrl, { pool: true, maxConnections: 4 });
    stops.unshift(() => mailer.close());
    const worker = await createDondocWorker({
      connection: native,
      client,
      namespace: 'default',
      taskQueue: TASK_QUEUE,
      dataSource: ds,
      mailer,
      publicUrl: 'http://dondoc.bench',
      mailFrom: 'dondoc <bench@dondoc.local>',
      workflowBundle: dondocBundle,
    });
    const running = worker.run();
    stops.unshift(async () => {
      worker.shutdown();
      await running;
    });

    // The plan, stored with the columns PlanIssueService.store writes, started as PlanIssueService.start does.
    // The generated province's root is "TU" (the fixture's is "TU-BAC-NINH"): the plan's issuer follows it.
    const definition = parsePlan(
      fs
        .readFileSync(path.join(__dirname, '../plans/22-KH-TU.yaml'), 'utf8')
        .replace(/\bTU-BAC-NINH\b/g, 'TU'),
      '22-KH-TU.yaml',
    );
    await ds.getRepository(PlanEntity).save({
      id: definition.id,
      number: definition.number,
      title: definition.title.vi,
      definition,
      issuedOn: definition.issueDate,
      until: null,
      status: 'issued',
      workflowId: planWorkflowId(definition.id),
      cancelReason: null,
    });
    const count = async () =>
      Number((await ds.query<{ n: string }[]>('SELECT count(*) AS n FROM deliverables'))[0].n);
    const started = performance.now();
    await client.workflow.start(planWorkflow, {
      workflowId: planWorkflowId(definition.id),
      taskQueue: TASK_QUEUE,
      args: [
        { planId: definition.id, clockOffsetMs: Date.now() - Date.parse(vnInstant(definition.issueDate, 8)) },
      ],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [{ key: SA_PLAN, value: definition.id }],
    });
    let last = 0;
    let lastChange = performance.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const n = await count();
      if (n !== last) {
        last = n;
        lastChange = performance.now();
        log(`fan-out: ${n} deliverables visible after ${((lastChange - started) / 1000).toFixed(1)} s`);
      } else if (n > 0 && performance.now() - lastChange > SETTLED_MS) break;
      if (performance.now() - started > 30 * 60_000)
        throw new Error(`fan-out: not settled after 30 min (${n})`);
    }
    const deliverables = last;
    const openSeconds = (lastChange - started) / 1000;

    // Baseline: as many bare workflows, started by the same client on the same server.
    const bareWorker = await Worker.create({
      connection: native,
      taskQueue: BARE_TASK_QUEUE,
      workflowBundle: bareBundle,
    });
    const bareRunning = bareWorker.run();
    stops.unshift(async () => {
      bareWorker.shutdown();
      await bareRunning;
    });
    const bareStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: BASELINE_CONCURRENCY }, async () => {
        for (let i = next++; i < deliverables; i = next++)
          await client.workflow.start('bareWorkflow', {
            workflowId: `bench-bare-${i}`,
            taskQueue: BARE_TASK_QUEUE,
          });
      }),
    );
    const bareSeconds = (performance.now() - bareStarted) / 1000;
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
        bareStartSeconds: round(bareSeconds),
        baselineConcurrency: BASELINE_CONCURRENCY,
        importSeconds: round(importSeconds),
      },
    };
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const quiet = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => process.stderr.write(`${m}\n`),
  log: () => undefined,
};
