import { forEachPooled } from '@dondoc/activities';
import { seedAccount, seedSession } from '@dondoc/testing/src/accounts';
import { freePort, sleep, waitFor } from '../infra/dev/wait-for';
import { AppProcess, rssOf, startAppProcess } from './app-process';
import { importProvince, startBenchStack } from './embedded-stack';
import { MailArrivals, waveTimeoutMs } from './mail-arrivals';
import { startReminderWave, waveSize } from './open-deliverables';
import type { BenchContext, BenchOutcome } from './scenarios';
import { round } from './scenarios';

const TASK_QUEUE = 'dondoc-bench-memory';
/** List requests in the API burst, and how many at a time. */
const REQUESTS = Number(process.env.BENCH_API_REQUESTS ?? 400);
const REQUEST_CONCURRENCY = 10;
/** What "settled" means for an idle process: no work for this long after start-up. */
const SETTLE_MS = 5000;
const GIB_MIB = 1024;

/**
 * Memory of the two production processes with N open deliverable workflows (open-deliverables.ts,
 * most asleep). The worker and the API run as separate processes as `make up` runs them, pointed at
 * the embedded stack's PostgreSQL, Temporal and SMTP sink, so each one's RSS is its own. Baseline:
 * each process's RSS idle after start-up, before any workflow exists (lower is better: ratio =
 * baseline ÷ value). The worker is measured after every workflow has run its first task and one
 * reminder each (so each has been in its cache); the API after a burst of deliverable-list requests
 * by an admin. Peaks (VmHWM) are kept too: the worker's includes bundling the workflows at start.
 */
export async function benchMemory({ scale, log }: BenchContext): Promise<BenchOutcome> {
  const n = waveSize(scale);
  const arrivals = new MailArrivals();
  const stack = await startBenchStack({ onMailReceived: arrivals.onReceive });
  try {
    const { size, importSeconds } = await importProvince(stack.ds, scale);
    log(`memory: province ${JSON.stringify(size)} imported in ${importSeconds.toFixed(1)} s`);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: stack.pg.url,
      TEMPORAL_ADDRESS: stack.server.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      SMTP_URL: stack.sink.smtpUrl,
      // No window and no throttle: every reminder goes when it is due.
      MAIL_SEND_WINDOW: 'always',
      MAIL_RATE_PER_SECOND: '0',
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
    };
    const started: AppProcess[] = [];
    stack.defer(() => Promise.all(started.map((p) => p.stop())));
    const worker = startAppProcess('worker', 'apps/worker/src/main.ts', env);
    started.push(worker);
    const api = startAppProcess('api', 'apps/api/src/main.ts', env);
    started.push(api);
    const apiUrl = `http://127.0.0.1:${port}`;
    await worker.waitForLine(/worker polling/, 300_000);
    await waitFor(
      'the API /health',
      async () => {
        if (api.child.exitCode !== null) throw new Error(`the API exited:\n${api.output.join('\n')}`);
        return (await fetch(`${apiUrl}/health`).catch(() => undefined))?.ok === true;
      },
      300_000,
    );
    await sleep(SETTLE_MS);
    const idle = { worker: rssOf(worker.pid), api: rssOf(api.pid) };
    log(`memory: idle worker ${idle.worker.rssMiB} MiB, API ${idle.api.rssMiB} MiB`);

    const wave = await startReminderWave(stack.client, stack.ds, { n, taskQueue: TASK_QUEUE, log });
    const workerOpened = rssOf(worker.pid);
    await arrivals.waitFor(n, waveTimeoutMs(wave.t0, n), 'memory: reminders');
    await sleep(SETTLE_MS);
    const workerLoaded = rssOf(worker.pid);
    log(`memory: worker ${workerOpened.rssMiB} MiB opened, ${workerLoaded.rssMiB} MiB after the reminders`);

    const { account } = await seedAccount(stack.ds, { role: 'admin' });
    const { token } = await seedSession(stack.ds, account.id);
    const pages = Math.max(1, Math.ceil((n + wave.calibration) / 200));
    const burstStarted = performance.now();
    await forEachPooled(REQUESTS, REQUEST_CONCURRENCY, async (i) => {
      const res = await fetch(`${apiUrl}/deliverables?pageSize=200&page=${(i % pages) + 1}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`GET /deliverables: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    });
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    const apiLoaded = rssOf(api.pid);
    log(
      `memory: API ${apiLoaded.rssMiB} MiB after ${REQUESTS} list requests in ${burstSeconds.toFixed(1)} s`,
    );

    const figure = (who: string, value: number, baseline: number) => ({
      name: `${who} RSS with ${n} open workflows`,
      unit: 'MiB',
      value,
      baseline,
      ratio: round(baseline / value),
      target: `< ${GIB_MIB} MiB`,
    });
    return {
      figures: [
        figure('worker', workerLoaded.rssMiB, idle.worker.rssMiB),
        figure('API', apiLoaded.rssMiB, idle.api.rssMiB),
      ],
      details: {
        province: size,
        importSeconds: round(importSeconds),
        openWorkflows: n + wave.calibration,
        idle,
        workerOpened,
        workerLoaded,
        apiLoaded,
        apiRequests: REQUESTS,
        apiBurstSeconds: round(burstSeconds),
        withinTarget: workerLoaded.rssMiB < GIB_MIB && apiLoaded.rssMiB < GIB_MIB,
      },
    };
  } finally {
    await stack.stop();
  }
}
