import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@dondoc/config';
import { DeliverableProjectionRepository } from '@dondoc/persistence';
import { seedAccount, seedSession } from '@dondoc/testing/src/accounts';
import { createApp } from '../apps/api/src/create-app';
import { ReadModelCache } from '../apps/api/src/common/read-model-cache';
import { PlanStatusRepository } from '../apps/api/src/plans/plan-status.repository';
import { freePort } from '../infra/dev/wait-for';
import { BENCH_TASK_QUEUE, importProvince, startBenchStack, storePlan22 } from './embedded-stack';
import { captureSql, httpLoad, LoadFigures, pgLoad, startWriter, Statement } from './read-model-load';
import { seedReadModel } from './read-model-seed';
import type { BenchContext, BenchFigure, BenchOutcome } from './scenarios';
import { round } from './scenarios';

/** 50 concurrent clients, as issue #9 asks; the same number of loops (and pool connections) for the baseline. */
const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 15);
/** Distinct pages each endpoint cycles through (each page's SQL is captured once for the baseline). */
const MAX_PAGES = 100;
const MATRIX_PAGE_SIZE = 100; // the route's default
const LIST_PAGE_SIZE = 50; // the route's default
/** The second variant: reads while a writer changes this many deliverables a second (submissions). */
const WRITES_PER_SECOND = Number(process.env.BENCH_READ_WRITES ?? 5);
const SINGLE_SECONDS = 3;

/** One endpoint measured three ways in the same minutes: the API (cache on), the API with it off, the SQL. */
interface EndpointRun {
  api: LoadFigures;
  uncached: LoadFigures;
  pg: LoadFigures;
  /** One client alone for SINGLE_SECONDS, cache on and off: the latency of one request, queueing aside. */
  single: { on: LoadFigures; off: LoadFigures };
  /** Of the cached API's requests: answered from the cache, computed. */
  cache: { hits: number; misses: number };
  /** 1-minute load average before and after (2 cores: other work on the machine shows here). */
  loadAverage: [number, number];
}

/** Up to MAX_PAGES page numbers of 1..pages in a fixed shuffled order (deep pages cost more than the first). */
function samplePages(pages: number): number[] {
  const all = Array.from({ length: pages }, (_, i) => i + 1);
  let seed = 7;
  for (let i = all.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, MAX_PAGES);
}

function endpointFigures(label: string, r: EndpointRun): BenchFigure[] {
  const { api, uncached, pg } = r;
  const load = `load ${r.loadAverage.map((l) => l.toFixed(1)).join('→')}`;
  return [
    {
      name: `${label}: requests/s (${CLIENTS} clients; cache off ${uncached.perSecond}/s)`,
      unit: '/s',
      value: api.perSecond,
      baseline: pg.perSecond,
      ratio: round(api.perSecond / pg.perSecond),
    },
    {
      name:
        `${label}: p95 latency (p50 ${api.p50}, p99 ${api.p99}; ${r.cache.hits} hits, ${r.cache.misses} misses; ` +
        `pg p50 ${pg.p50}, p99 ${pg.p99}; ${load})`,
      unit: 'ms',
      value: api.p95,
      baseline: pg.p95,
      ratio: round(pg.p95 / api.p95),
      target: 'p95 < 100 ms',
    },
    {
      name: `${label}: one client alone, p50 latency (p95 ${r.single.on.p95}; cache off p95 ${r.single.off.p95})`,
      unit: 'ms',
      value: r.single.on.p50,
      baseline: r.single.off.p50,
      ratio: round(r.single.off.p50 / r.single.on.p50),
    },
    {
      name: `${label}: p95 latency with the cache off (READ_CACHE_MAX_ENTRIES=0; p50 ${uncached.p50}, p99 ${uncached.p99})`,
      unit: 'ms',
      value: uncached.p95,
      baseline: pg.p95,
      ratio: round(pg.p95 / uncached.p95),
    },
  ];
}

/**
 * Read model under load: the generated province with 22-KH/TU's deliverables seeded into the read
 * model (read-model-seed.ts), the real API (createApp) on a free port, signed in as an admin (sees
 * every row). Measured with autocannon, 50 connections, BENCH_READ_SECONDS (15) each: the plan status
 * matrix (GET /plans/:id/status) and the paged deliverable list (GET /deliverables?planId=…), each
 * cycling through up to 100 pages. Baseline: the read-model SQL those routes run (captured from the
 * repositories themselves), straight through a `pg` pool of 50 by 50 concurrent loops. Each endpoint
 * is also measured on a second app with the read cache off (READ_CACHE_MAX_ENTRIES=0), right after,
 * and the whole is run twice: on a quiet read model, and while a writer changes BENCH_READ_WRITES (5)
 * deliverables a second through the projection's upsert (every write invalidates the plan's cached
 * pages, as submissions would). Last, one client alone for 3 s on each app: a request's own latency
 * without the queue of 50 on 2 cores. The load average is kept with each figure.
 */
export async function benchReadModel({ scale, log }: BenchContext): Promise<BenchOutcome> {
  const stack = await startBenchStack();
  try {
    const { ds } = stack;
    const { size, importSeconds } = await importProvince(ds, scale);
    const plan = await storePlan22(ds);
    const seeded = await seedReadModel(ds, plan);
    log(
      `read-model: province ${JSON.stringify(size)} (${importSeconds.toFixed(1)} s), seeded ${JSON.stringify(seeded)}`,
    );
    if (scale >= 1 && seeded.deliverables < 10_000)
      throw new Error(`only ${seeded.deliverables} deliverables at scale ${scale} (issue #9 asks ≥ 10,000)`);

    const admin = await seedAccount(ds, { role: 'admin', username: 'bench-admin' });
    const { token } = await seedSession(ds, admin.account.id);
    const startApi = async (extra: Record<string, string>) => {
      const app = await createApp(
        loadConfig({
          DATABASE_URL: stack.pg.url,
          TEMPORAL_ADDRESS: stack.server.address,
          TEMPORAL_TASK_QUEUE: BENCH_TASK_QUEUE,
          SMTP_URL: stack.sink.smtpUrl,
          LOG_LEVEL: 'error',
          COOKIE_SECURE: 'false',
          ...extra,
        }),
      );
      const port = await freePort();
      await app.listen(port, '127.0.0.1');
      stack.defer(() => app.close());
      return { cache: app.get(ReadModelCache), origin: `http://127.0.0.1:${port}` };
    };
    const cached = await startApi({});
    const uncachedApi = await startApi({ READ_CACHE_MAX_ENTRIES: '0' });
    const origin = cached.origin;

    const n = seeded.deliverables;
    const matrixPages = samplePages(Math.ceil(n / MATRIX_PAGE_SIZE));
    const listPages = samplePages(Math.ceil(n / LIST_PAGE_SIZE));
    const statusPath = (p: number) => `/plans/${plan.id}/status?page=${p}&pageSize=${MATRIX_PAGE_SIZE}`;
    const listPath = (p: number) => `/deliverables?planId=${plan.id}&page=${p}&pageSize=${LIST_PAGE_SIZE}`;
    for (const o of [origin, uncachedApi.origin]) {
      await expectTotal(o, token, statusPath(1), n);
      await expectTotal(o, token, listPath(1), n);
    }

    const matrixSql: Statement[][] = [];
    for (const page of matrixPages)
      matrixSql.push(
        await captureSql(ds, (c) =>
          new PlanStatusRepository(c).matrix(
            { planId: plan.id, page, pageSize: MATRIX_PAGE_SIZE },
            new Date(),
          ),
        ),
      );
    const listSql: Statement[][] = [];
    for (const page of listPages)
      listSql.push(
        await captureSql(ds, (c) =>
          new DeliverableProjectionRepository(c).list({ planId: plan.id, page, pageSize: LIST_PAGE_SIZE }),
        ),
      );

    const load = { token, connections: CLIENTS, seconds: SECONDS };
    const run = async (label: string, paths: string[], batches: Statement[][]): Promise<EndpointRun> => {
      const before = loadavg()[0];
      log(`read-model: ${label}: API, ${CLIENTS} clients for ${SECONDS} s (load ${before.toFixed(1)})`);
      const { hits, misses } = cached.cache;
      const api = await profiled(label, () => httpLoad({ ...load, origin, paths }));
      const cache = { hits: cached.cache.hits - hits, misses: cached.cache.misses - misses };
      log(`read-model: ${label}: API ${JSON.stringify(api)} ${JSON.stringify(cache)}; cache off`);
      const uncached = await httpLoad({ ...load, origin: uncachedApi.origin, paths });
      log(`read-model: ${label}: cache off ${JSON.stringify(uncached)}; pg baseline`);
      const pg = await pgLoad({ url: stack.pg.url, batches, concurrency: CLIENTS, seconds: SECONDS });
      log(`read-model: ${label}: pg ${JSON.stringify(pg)}`);
      const alone = { ...load, connections: 1, seconds: SINGLE_SECONDS, paths };
      const single = {
        on: await httpLoad({ ...alone, origin }),
        off: await httpLoad({ ...alone, origin: uncachedApi.origin }),
      };
      log(`read-model: ${label}: one client ${JSON.stringify(single)}`);
      return { api, uncached, pg, single, cache, loadAverage: [round(before), round(loadavg()[0])] };
    };
    const variant = async (writes: number) => {
      const writer = writes ? await startWriter({ ds, planId: plan.id, perSecond: writes }) : undefined;
      const started = performance.now();
      const suffix = writes ? `, ${writes} writes/s` : '';
      const matrix = await run(`status matrix${suffix}`, matrixPages.map(statusPath), matrixSql);
      const list = await run(`deliverable list${suffix}`, listPages.map(listPath), listSql);
      const made = (await writer?.stop()) ?? 0;
      return {
        matrix,
        list,
        writes: made,
        writesPerSecond: round(made / ((performance.now() - started) / 1000)),
      };
    };
    const quiet = await variant(0);
    const writing = await variant(WRITES_PER_SECOND);
    const under = `, ${writing.writesPerSecond} writes/s`;
    return {
      figures: [
        ...endpointFigures('GET /plans/:id/status', quiet.matrix),
        ...endpointFigures('GET /deliverables', quiet.list),
        ...endpointFigures(`GET /plans/:id/status${under}`, writing.matrix),
        ...endpointFigures(`GET /deliverables${under}`, writing.list),
      ],
      details: {
        province: size,
        ...seeded,
        clients: CLIENTS,
        seconds: SECONDS,
        pages: {
          matrix: matrixPages.length,
          matrixPageSize: MATRIX_PAGE_SIZE,
          list: listPages.length,
          listPageSize: LIST_PAGE_SIZE,
        },
        quiet,
        underWrites: writing,
        baselineSql: { matrix: matrixSql[0], list: listSql[0] },
        importSeconds: round(importSeconds),
      },
    };
  } finally {
    await stack.stop();
  }
}

/**
 * With BENCH_CPU_PROFILE=<dir>, a V8 CPU profile of this process (the API and autocannon) over `run`,
 * written to <dir>/read-model-<label>.cpuprofile (open in Chrome DevTools or speedscope).
 */
async function profiled<T>(label: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return run();
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, `read-model-${label.replace(/[^\w]+/g, '-')}.cpuprofile`),
      JSON.stringify(profile),
    );
  }
}

/** One request before the load: the route answers 200 and counts every seeded row (else the load measures nothing). */
async function expectTotal(origin: string, token: string, path: string, n: number): Promise<void> {
  const res = await fetch(origin + path, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { total?: number };
  if (res.status !== 200 || body.total !== n)
    throw new Error(`${path}: ${res.status}, total ${body.total} (expected ${n}): ${JSON.stringify(body)}`);
}
