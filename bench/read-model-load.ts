import autocannon from 'autocannon';
import { Pool } from 'pg';
import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { DeliverableProjectionRepository } from '@dondoc/persistence';
import { percentile } from './embedded-stack';
import { round } from './scenarios';

/** One measured load: completed requests (or statement batches), their rate and latency percentiles (ms). */
export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  maxMs: number;
}

function figures(latencies: number[], seconds: number): LoadFigures {
  return {
    requests: latencies.length,
    perSecond: round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    maxMs: round(Math.max(...latencies)),
  };
}

/**
 * `connections` autocannon clients for `seconds` against `paths` (taken round-robin, so every client
 * walks through different pages). Latencies come from the `response` event rather than autocannon's
 * histogram, which has no p95. Throws on any error or non-2xx answer: a benchmark of errors is worthless.
 */
export async function httpLoad(o: {
  origin: string;
  paths: string[];
  token: string;
  connections: number;
  seconds: number;
}): Promise<LoadFigures> {
  const latencies: number[] = [];
  let next = 0;
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: o.origin,
        connections: o.connections,
        duration: o.seconds,
        headers: { authorization: `Bearer ${o.token}`, accept: 'application/json' },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: o.paths[next++ % o.paths.length] }),
          },
        ],
      },
      (err: unknown, result) => (err ? reject(err) : resolve(result)),
    );
  });
  instance?.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await done;
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed)
    throw new Error(
      `${o.origin}${o.paths[0]}…: ${result.non2xx} non-2xx, ${result.errors} errors, ` +
        `${result.timeouts} timeouts (${JSON.stringify(result.statusCodeStats)})`,
    );
  return figures(latencies, result.duration);
}

/** A statement as the driver received it. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The statements `run` sends through TypeORM, as the driver gets them (SQL text and bound parameters),
 * on a one-connection copy of `ds` whose logger records instead of printing. So the baseline runs the
 * repository's own SQL, not a transcription of it that could drift.
 */
export async function captureSql(ds: DataSource, run: (ds: DataSource) => Promise<unknown>) {
  const seen: Statement[] = [];
  let recording = false;
  const logger: Logger = {
    logQuery: (sql, params) => void (recording && seen.push({ sql, params: (params as unknown[]) ?? [] })),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const copy = await new DataSource({
    ...ds.options,
    poolSize: 1,
    logger,
    logging: true,
  } as DataSourceOptions).initialize();
  try {
    // Only `run`'s statements, not the driver's own on connecting.
    recording = true;
    await run(copy);
    return seen;
  } finally {
    await copy.destroy();
  }
}

/**
 * The baseline: `concurrency` loops for `seconds`, each taking the next batch of statements (one
 * batch = what one API request runs against the read model) and running it on one pooled `pg`
 * connection, as TypeORM runs a request's statements on one query runner.
 */
export async function pgLoad(o: {
  url: string;
  batches: Statement[][];
  concurrency: number;
  seconds: number;
}): Promise<LoadFigures> {
  const pool = new Pool({ connectionString: o.url, max: o.concurrency });
  // An idle connection cut when the stack stops must not take the process down.
  pool.on('error', () => undefined);
  try {
    // Open every connection first, so the measured window does not include connecting.
    const warm = await Promise.all(Array.from({ length: o.concurrency }, () => pool.connect()));
    warm.forEach((c) => c.release());
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const until = started + o.seconds * 1000;
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (performance.now() < until) {
          const batch = o.batches[next++ % o.batches.length];
          const t = performance.now();
          const client = await pool.connect();
          try {
            for (const s of batch) await client.query(s.sql, s.params);
          } finally {
            client.release();
          }
          latencies.push(performance.now() - t);
        }
      }),
    );
    return figures(latencies, (performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}

/**
 * A steady writer beside the reads, as submissions would be: `perSecond` times a second, a random
 * deliverable of the plan flips between submitted and open through the projection's own versioned
 * upsert (the statement the workflows' activities run). `stop()` answers how many writes were made.
 */
export async function startWriter(o: {
  ds: DataSource;
  planId: string;
  perSecond: number;
}): Promise<{ stop: () => Promise<number> }> {
  const repo = new DeliverableProjectionRepository(o.ds);
  const ids = (
    (await o.ds.query('SELECT id FROM deliverables WHERE plan_id = $1', [o.planId])) as { id: string }[]
  ).map((r) => r.id);
  let writes = 0;
  let seed = 11;
  const writeOne = async () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const e = await repo.findById(ids[seed % ids.length]);
    if (!e) return;
    const submitting = e.status !== 'submitted';
    await repo.upsert({
      ...e,
      deadlineAt: e.deadlineAt.toISOString(),
      nextStepAt: null,
      nextStepKind: null,
      status: submitting ? 'submitted' : 'open',
      submittedAt: submitting ? new Date().toISOString() : null,
      version: e.version + 1,
    });
    writes++;
  };
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(writeOne);
  }, 1000 / o.perSecond);
  return {
    stop: async () => {
      clearInterval(timer);
      await pending;
      return writes;
    },
  };
}
