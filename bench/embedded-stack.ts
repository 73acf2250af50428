import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { vnInstant } from '@dondoc/calendar';
import { PlanDefinition } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { createSmtpMailer, Mailer, SmtpSink, SmtpSinkOptions } from '@dondoc/mail';
import { createDataSource, OrgRepository, PlanEntity, runMigrations } from '@dondoc/persistence';
import { generateProvince } from '@dondoc/testing/src/province-generator';
import { planWorkflow } from '@dondoc/workflows';
import { SA_PLAN } from '@dondoc/workflows/src/search-attributes';
import { createDondocWorker, DondocWorkerDeps } from '../apps/worker/src/create-worker';
import { bundleDondocWorkflows } from '../apps/worker/src/workflow-bundle-options';
import { planWorkflowId } from '../apps/api/src/plans/plan-issue.service';
import { startEmbeddedPostgres, RunningPostgres } from '../infra/dev/embedded-postgres';
import { RunningDevServer, startTemporalDevServer } from '../infra/dev/temporal-dev-server';
import { freePort } from '../infra/dev/wait-for';

export const BENCH_TASK_QUEUE = 'dondoc-bench';

/** The province at a scale: 1 = 103 level-1 units, 1,500 grassroots, 8,000 cells, 156,000 members. */
export function provinceSize(scale: number) {
  const at = (n: number) => Math.max(1, Math.round(n * scale));
  return { level1: at(103), grassroots: at(1500), cells: at(8000), members: at(156000) };
}

/**
 * The embedded stack every scenario runs on, in a temporary directory: the Temporal dev server with its
 * file database, embedded PostgreSQL (migrated), the in-process SMTP sink, one client and one native
 * connection. `stop()` tears down in reverse order of start and removes the directory.
 */
export interface BenchStack {
  dir: string;
  server: RunningDevServer;
  pg: RunningPostgres;
  sink: SmtpSink;
  ds: DataSource;
  connection: Connection;
  native: NativeConnection;
  client: Client;
  /** Registers a teardown step (run first-in, last-out by `stop`). */
  defer(stop: () => Promise<unknown>): void;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** Keep what the sink receives (default false: count only). */
  retainMail?: boolean;
  poolSize?: number;
  /** Sees every message the sink accepts, with its arrival time (reminder-wave times each receipt). */
  onMailReceived?: SmtpSinkOptions['onReceive'];
}

export async function startBenchStack(o: BenchStackOptions = {}): Promise<BenchStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-'));
  fs.chmodSync(dir, 0o755);
  const stops: (() => Promise<unknown>)[] = [];
  const defer = (stop: () => Promise<unknown>) => void stops.unshift(stop);
  const stop = async () => {
    for (const s of stops.splice(0)) await s().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [server, pg, sink] = await Promise.all([
      startTemporalDevServer({ port: await freePort(), dbFile: path.join(dir, 'temporal.db') }),
      startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'bench' }),
      SmtpSink.start({ retain: o.retainMail ?? false, onReceive: o.onMailReceived }),
    ]);
    defer(() => server.stop());
    defer(() => pg.stop());
    defer(() => sink.stop());
    await runMigrations(pg.url);
    const ds = await createDataSource(pg.url, { poolSize: o.poolSize ?? 10 }).initialize();
    defer(() => ds.destroy());
    const connection = await Connection.connect({ address: server.address });
    const native = await NativeConnection.connect({ address: server.address });
    defer(() => connection.close());
    defer(() => native.close());
    const client = new Client({ connection });
    return { dir, server, pg, sink, ds, connection, native, client, defer, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Generates the province at a scale and imports it (replace); returns its size and the seconds it took. */
export async function importProvince(ds: DataSource, scale: number) {
  const size = provinceSize(scale);
  const t = performance.now();
  await new OrgRepository(ds).importTree(generateProvince(size), 'replace', {
    effectiveFrom: '2021-08-01',
    source: 'bench',
  });
  return { size, importSeconds: (performance.now() - t) / 1000 };
}

/** The production worker (every workflow and activity) on the bench queue, with a pooled SMTP mailer. */
export async function startBenchWorker(
  stack: BenchStack,
  o: {
    workflowBundle?: WorkerOptions['workflowBundle'];
    mailer?: Mailer;
    mailPolicy?: DondocWorkerDeps['mailPolicy'];
    workerOptions?: DondocWorkerDeps['workerOptions'];
  } = {},
): Promise<Worker> {
  const mailer = o.mailer ?? createSmtpMailer(stack.sink.smtpUrl, { pool: true, maxConnections: 4 });
  if (!o.mailer) stack.defer(() => mailer.close());
  const worker = await createDondocWorker({
    connection: stack.native,
    client: stack.client,
    namespace: 'default',
    taskQueue: BENCH_TASK_QUEUE,
    dataSource: stack.ds,
    mailer,
    publicUrl: 'http://dondoc.bench',
    mailFrom: 'dondoc <bench@dondoc.local>',
    mailPolicy: o.mailPolicy,
    workflowBundle: o.workflowBundle ?? (await bundleDondocWorkflows()),
    workerOptions: o.workerOptions,
  });
  const running = worker.run();
  stack.defer(async () => {
    worker.shutdown();
    await running;
  });
  return worker;
}

/**
 * 22-KH/TU for the generated province: its issuer `TU-BAC-NINH` renamed to the generated root `TU`,
 * stored with the columns PlanIssueService.store writes.
 */
export async function storePlan22(ds: DataSource): Promise<PlanDefinition> {
  const definition = parsePlan(
    fs.readFileSync(path.join(__dirname, '../plans/22-KH-TU.yaml'), 'utf8').replace(/\bTU-BAC-NINH\b/g, 'TU'),
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
  return definition;
}

/**
 * Starts the plan workflow as PlanIssueService.start does, with one difference: a clock offset (as
 * `simulate` uses) so the workflow's "now" is the issue date, 13/08/2021 08:00, and its first period
 * opens at once.
 */
export async function startPlanAtIssueDate(client: Client, definition: PlanDefinition): Promise<void> {
  await client.workflow.start(planWorkflow, {
    workflowId: planWorkflowId(definition.id),
    taskQueue: BENCH_TASK_QUEUE,
    args: [
      { planId: definition.id, clockOffsetMs: Date.now() - Date.parse(vnInstant(definition.issueDate, 8)) },
    ],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [{ key: SA_PLAN, value: definition.id }],
  });
}

/** A worker logger that only prints errors (the bench's stderr is its progress log). */
export const quietLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => process.stderr.write(`${m}\n`),
  log: () => undefined,
};

/** Percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Polls `count` every 250 ms until it has not moved for `settledMs` (and is > 0); returns the last value and when it last moved. */
export async function waitUntilSettled(
  count: () => Promise<number>,
  o: { settledMs: number; timeoutMs: number; label: string; log: (m: string) => void; since: number },
): Promise<{ value: number; lastChangeAt: number }> {
  let last = 0;
  let lastChangeAt = performance.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const n = await count();
    if (n !== last) {
      last = n;
      lastChangeAt = performance.now();
      o.log(`${o.label}: ${n} after ${((lastChangeAt - o.since) / 1000).toFixed(1)} s`);
    } else if (n > 0 && performance.now() - lastChangeAt > o.settledMs) break;
    if (performance.now() - o.since > o.timeoutMs)
      throw new Error(`${o.label}: not settled after ${o.timeoutMs / 60000} min (${n})`);
  }
  return { value: last, lastChangeAt };
}
