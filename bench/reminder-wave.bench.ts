import nodemailer from 'nodemailer';
import { sleep } from '../infra/dev/wait-for';
import {
  BENCH_TASK_QUEUE,
  importProvince,
  percentile,
  startBenchStack,
  startBenchWorker,
  BenchStack,
} from './embedded-stack';
import { Arrival, MailArrivals, waveTimeoutMs } from './mail-arrivals';
import { startReminderWave, waveSafety, waveSize } from './open-deliverables';
import { waveStages } from './wave-stages';
import { runWaveFloor } from './wave-floor';
import type { BenchContext, BenchOutcome } from './scenarios';
import { round } from './scenarios';

/** The worker's pooled mailer and the baseline's transport use as many connections (embedded-stack). */
const SMTP_CONNECTIONS = 4;

/**
 * Worker tuning for the wave, bench only: BENCH_WORKER_OPTIONS='{"maxConcurrentActivityTaskExecutions":200}'.
 * Empty by default: the production worker's options.
 */
const workerOptions = () =>
  JSON.parse(process.env.BENCH_WORKER_OPTIONS ?? '{}') as Record<string, number | string>;

/** p50/p95/p99 in seconds from `from`, and mails/s from the first receipt to the last. */
function summarise(arrivals: readonly Arrival[], from: number) {
  const late = arrivals.map((a) => (a.at - from) / 1000);
  const first = Math.min(...arrivals.map((a) => a.at));
  const last = Math.max(...arrivals.map((a) => a.at));
  return {
    p50: round(percentile(late, 50)),
    p95: round(percentile(late, 95)),
    p99: round(percentile(late, 99)),
    max: round(Math.max(...late)),
    perSecond: round(arrivals.length / Math.max(0.001, (last - first) / 1000)),
    firstAfterSeconds: round((first - from) / 1000),
  };
}

/** Every wave reminder arrived exactly once: as many distinct Message-IDs as mails, the outbox's own. */
async function checkExactlyOnce(stack: BenchStack, workflowIds: string[], arrivals: readonly Arrival[]) {
  const rows = await stack.ds.query<{ message_id: string; status: string; claimed: string }[]>(
    `SELECT message_id, status, (extract(epoch FROM created_at) * 1000)::bigint AS claimed
       FROM outbox WHERE kind = 'reminder' AND workflow_id = ANY($1::text[])`,
    [workflowIds],
  );
  const expected = new Set(rows.map((r) => r.message_id));
  const received = new Set(arrivals.map((a) => a.messageId));
  const strangers = [...received].filter((id) => !expected.has(id));
  const problems = [
    rows.length !== workflowIds.length && `${rows.length} reminder rows for ${workflowIds.length} workflows`,
    rows.some((r) => r.status !== 'sent') && 'reminder rows not sent',
    arrivals.length !== received.size && `${arrivals.length - received.size} duplicate mails`,
    received.size !== workflowIds.length && `${received.size} distinct mails for ${workflowIds.length}`,
    strangers.length && `${strangers.length} mails not in the outbox, e.g. ${strangers[0]}`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`reminder wave not exactly once: ${problems.join('; ')}`);
  // When each activity claimed its outbox row: splits lateness into Temporal's part and the send's.
  return rows.map((r) => Number(r.claimed));
}

/** Seconds after T0 at which every wave deliverable's read model counts its reminder (10 min at most). */
async function allRemindersRecorded(stack: BenchStack, workflowIds: string[], t0: number): Promise<number> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const [{ n }] = await stack.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM deliverables WHERE workflow_id = ANY($1::text[]) AND reminders_sent >= 1`,
      [workflowIds],
    );
    if (n === workflowIds.length) return round((Date.now() - t0) / 1000);
    if (Date.now() > deadline)
      throw new Error(`only ${n} of ${workflowIds.length} wave deliverables recorded their reminder`);
    await sleep(1000);
  }
}

/**
 * The reminder wave: N reminders due at the same real instant T0 (open-deliverables.ts) on the dev
 * server with the real worker, no throttle and no send window. Lateness = the sink's receipt − T0;
 * throughput = N ÷ (last receipt − first). Baseline: the same N messages (the wave's first mail, byte
 * for byte) handed at once to a pooled nodemailer transport with as many connections, to the same sink;
 * its "lateness" is each receipt − the instant they were handed over, its throughput likewise.
 */
export async function benchReminderWave({ scale, log }: BenchContext): Promise<BenchOutcome> {
  const n = waveSize(scale);
  const arrivals = new MailArrivals();
  const stack = await startBenchStack({ onMailReceived: arrivals.onReceive });
  try {
    const { size, importSeconds } = await importProvince(stack.ds, scale);
    log(`reminder-wave: province ${JSON.stringify(size)} imported in ${importSeconds.toFixed(1)} s`);
    const tuning = workerOptions();
    await startBenchWorker(stack, {
      mailPolicy: { ratePerSecond: 0, sendWindow: null },
      workerOptions: tuning,
    });

    const wave = await startReminderWave(stack.client, stack.ds, { n, taskQueue: BENCH_TASK_QUEUE, log });
    if (arrivals.list.some((a) => a.at < wave.t0))
      throw new Error('a mail arrived before the wave was due: the clock offset is wrong');
    await arrivals.waitFor(n, waveTimeoutMs(wave.t0, n), 'reminder-wave');
    // A duplicate would come after the n-th: give it a moment to show.
    await sleep(2000);
    const claims = await checkExactlyOnce(stack, wave.workflowIds, arrivals.list);
    const dondoc = summarise(arrivals.list, wave.t0);
    const claimed = {
      p50: round((percentile(claims, 50) - wave.t0) / 1000),
      p99: round((percentile(claims, 99) - wave.t0) / 1000),
    };
    log(
      `reminder-wave: ${n} reminders, lateness p50 ${dondoc.p50} s p99 ${dondoc.p99} s, ${dondoc.perSecond}/s; ` +
        `outbox rows created p50 ${claimed.p50} s p99 ${claimed.p99} s (negative: staged before T0)`,
    );
    const stages = await waveStages(stack.client, wave.workflowIds, wave.t0);
    log(`reminder-wave: stages after T0 (sampled histories) ${JSON.stringify(stages)}`);
    // Staged, the steps record their reminders a grace after T0: all must, before the floor shares
    // the machine (and a step that never recorded would be a stuck deliverable).
    const recordedAfterT0Seconds = await allRemindersRecorded(stack, wave.workflowIds, wave.t0);
    log(`reminder-wave: every step recorded its reminder ${recordedAfterT0Seconds} s after T0`);

    // The floor: the same wave with bare workflows (wave-floor.ts), on the same server.
    arrivals.mark();
    // The floor's starts get the time the wave's own starts took, × the wave's safety factor.
    const floorDueAt = await runWaveFloor(stack, arrivals, {
      n,
      smtpConnections: SMTP_CONNECTIONS,
      log,
      msPerStart: ((wave.startSeconds * 1000) / n) * waveSafety(),
    });
    await arrivals.waitFor(n, waveTimeoutMs(floorDueAt, n), 'wave floor');
    const floor = summarise(arrivals.list, floorDueAt);
    log(`reminder-wave: floor p99 ${floor.p99} s, ${floor.perSecond}/s`);

    // Baseline: the same message n times through a pooled transport, all handed over at once.
    const sample = arrivals.sample!;
    arrivals.mark();
    const transport = nodemailer.createTransport({
      url: stack.sink.smtpUrl,
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
    });
    const handedAt = Date.now();
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        transport.sendMail({
          envelope: { from: 'bench@dondoc.local', to: [`baseline${i}@province.example`] },
          raw: sample,
        }),
      ),
    );
    transport.close();
    await arrivals.waitFor(n, 300_000, 'baseline');
    const baseline = summarise(arrivals.list, handedAt);
    log(`reminder-wave: baseline p99 ${baseline.p99} s, ${baseline.perSecond}/s`);

    return {
      figures: [
        {
          name: `reminder lateness p99 (${n} due at once, due instant → sink)`,
          unit: 's',
          value: dondoc.p99,
          baseline: baseline.p99,
          ratio: round(baseline.p99 / dondoc.p99),
          target: 'p99 < 30 s',
        },
        {
          name: 'reminder lateness p99 against bare reminder workflows (timer + one mail activity, same server)',
          unit: 's',
          value: dondoc.p99,
          baseline: floor.p99,
          ratio: round(floor.p99 / dondoc.p99),
        },
        {
          name: 'reminder mails/s (no throttle)',
          unit: 'mails/s',
          value: dondoc.perSecond,
          baseline: baseline.perSecond,
          ratio: round(dondoc.perSecond / baseline.perSecond),
          target: 'ratio ≥ 0.5',
        },
      ],
      details: {
        province: size,
        importSeconds: round(importSeconds),
        reminders: n,
        mailBytes: sample.length,
        smtpConnections: SMTP_CONNECTIONS,
        workerOptions: tuning,
        lateness: dondoc,
        claimedAfterT0Seconds: claimed,
        stepsRecordedAfterT0Seconds: recordedAfterT0Seconds,
        stagesAfterT0Seconds: stages,
        baseline,
        floor,
        wave: {
          calibration: wave.calibration,
          calibrationPerSecond: round(wave.calibrationPerSecond),
          startSeconds: round(wave.startSeconds),
          startsDoneBeforeT0Seconds: round(wave.startsDoneBeforeT0Seconds),
          firstTasksDoneAfterT0Seconds: round(wave.firstTasksDoneAfterT0Seconds),
        },
      },
    };
  } finally {
    await stack.stop();
  }
}
