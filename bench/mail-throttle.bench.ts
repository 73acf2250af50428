import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createPostman, DeliveryOutcome } from '@dondoc/activities';
import { vnInstant } from '@dondoc/calendar';
import { createSmtpMailer, SmtpSink } from '@dondoc/mail';
import { createDataSource, runMigrations } from '@dondoc/persistence';
import { startEmbeddedPostgres } from '../infra/dev/embedded-postgres';
import { freePort } from '../infra/dev/wait-for';

/**
 * The mail throttle, measured: the same N mails through the postman (outbox claim, SMTP send, mark
 * sent) to the in-process SMTP sink, first unthrottled (the baseline, same process, same machine),
 * then throttled at R per second. The throttle is honoured if the throttled rate does not exceed R
 * (beyond the one-second burst the bucket allows).
 */
export interface ThrottleFigures {
  mails: number;
  configuredPerSecond: number;
  baselinePerSecond: number;
  throttledPerSecond: number;
  /** After the one-second burst the bucket allows: (mails − burst) ÷ time. */
  steadyPerSecond: number;
  /** steady ÷ configured: ≤ 1 means the throttle is honoured. */
  ratioToConfigured: number;
  /** throttled ÷ baseline. */
  ratioToBaseline: number;
}

const MAILS = Number(process.env.BENCH_MAILS ?? 300);
const RATE = Number(process.env.BENCH_MAIL_RATE ?? 50);
const CONCURRENCY = 20;

export async function benchMailThrottle(log: (m: string) => void): Promise<ThrottleFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    database: 'bench',
    throwaway: true,
  });
  const sink = await SmtpSink.start({ retain: false });
  const mailer = createSmtpMailer(sink.smtpUrl, { pool: true, maxConnections: 4 });
  try {
    await runMigrations(pg.url);
    const ds = await createDataSource(pg.url, { poolSize: 10 }).initialize();
    try {
      const run = async (label: string, ratePerSecond: number): Promise<number> => {
        // Returns the seconds N mails took.
        const postman = createPostman({
          dataSource: ds,
          mailer,
          mailFrom: 'dondoc <bench@dondoc.local>',
          publicUrl: 'http://dondoc.bench',
          policy: { ratePerSecond, sendWindow: null },
        });
        const at = vnInstant('2021-09-13', 8);
        const outcomes: DeliveryOutcome[] = [];
        const started = performance.now();
        let next = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            for (let i = next++; i < MAILS; i = next++)
              outcomes.push(
                await postman.deliver({
                  key: `bench:${label}/mail/${i}`,
                  workflowId: `bench:${label}`,
                  step: 'mail',
                  kind: 'other',
                  contactId: null,
                  to: `unit${i}@bench.example`,
                  mail: { subject: `Thư ${i}`, text: 'Nội dung', html: '<p>Nội dung</p>' },
                  at,
                }),
              );
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        if (outcomes.some((o) => o !== 'sent')) throw new Error(`${label}: not every mail was sent`);
        log(`${label}: ${MAILS} mails in ${seconds.toFixed(2)} s`);
        return seconds;
      };
      const baseline = MAILS / (await run('baseline', 0));
      const seconds = await run('throttled', RATE);
      const steady = (MAILS - RATE) / seconds;
      return {
        mails: MAILS,
        configuredPerSecond: RATE,
        baselinePerSecond: round(baseline),
        throttledPerSecond: round(MAILS / seconds),
        steadyPerSecond: round(steady),
        ratioToConfigured: round(steady / RATE),
        ratioToBaseline: round(MAILS / seconds / baseline),
      };
    } finally {
      await ds.destroy();
    }
  } finally {
    await mailer.close();
    await sink.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
