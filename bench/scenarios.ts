import { benchFanOut } from './fan-out.bench';
import { benchMailThrottle } from './mail-throttle.bench';
import { benchMemory } from './memory.bench';
import { benchReadModel } from './read-model.bench';
import { benchReminderWave } from './reminder-wave.bench';
import { benchSimulation } from './simulation.bench';

/** What a scenario gets: the scale (1 = a province) and a progress logger (stderr). */
export interface BenchContext {
  scale: number;
  log: (m: string) => void;
}

/** One measured figure next to its baseline from the same run. */
export interface BenchFigure {
  name: string;
  unit: string;
  value: number;
  baseline: number;
  /** value ÷ baseline (or baseline ÷ value for "lower is better" figures, so > 1 is always better). */
  ratio: number;
  target?: string;
}

export interface BenchOutcome {
  figures: BenchFigure[];
  /** Everything else worth keeping (sizes, timings). */
  details: Record<string, unknown>;
}

export interface BenchScenario {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}

export const round = (n: number): number => Math.round(n * 100) / 100;

export const SCENARIOS: BenchScenario[] = [
  {
    name: 'mail-throttle',
    description: 'N mails through the postman to the SMTP sink at R/s; baseline: the same mails unthrottled',
    run: async ({ log }) => {
      const t = await benchMailThrottle(log);
      // 2 % for timer granularity.
      if (t.ratioToConfigured > 1.02)
        throw new Error(`the throttle was not honoured: ${t.steadyPerSecond}/s > ${t.configuredPerSecond}/s`);
      return {
        figures: [
          {
            name: `mails/s at ${t.configuredPerSecond}/s configured`,
            unit: 'mails/s',
            value: t.throttledPerSecond,
            baseline: t.baselinePerSecond,
            ratio: t.ratioToBaseline,
            target: `steady ≤ ${t.configuredPerSecond}/s (measured ${t.steadyPerSecond}/s)`,
          },
        ],
        details: { ...t },
      };
    },
  },
  {
    name: 'fan-out',
    description:
      'issue 22-KH/TU to the generated province on the embedded stack: deliverable workflows started/s ' +
      'until the first period is open in the read model; baseline: as many bare workflows (one timer) ' +
      'started by the same client on the same server',
    run: benchFanOut,
  },
  {
    name: 'read-model',
    description:
      'plan status matrix and paged deliverable list of 22-KH/TU (≥ 10,000 rows at scale 1) through the ' +
      'real API, 50 autocannon clients: p50/p95/p99 and requests/s; baseline: the same SQL through pg',
    run: benchReadModel,
  },
  {
    name: 'reminder-wave',
    description:
      'N reminders (BENCH_REMINDERS × scale, min 100) due at the same real instant on the embedded stack, ' +
      'no throttle: lateness due → sink p50/p95/p99 and mails/s; baseline: the same mails through a pooled ' +
      'nodemailer transport',
    run: benchReminderWave,
  },
  {
    name: 'memory',
    description:
      'worker and API as separate processes (npm run worker/api) with N open deliverable workflows asleep: ' +
      'RSS after a reminder each and after a burst of list requests; baseline: their RSS idle after start-up',
    run: benchMemory,
  },
  {
    name: 'simulation',
    description:
      "simulate 22-KH/TU's whole term (2021-08-13 → 2025-12-31, empty behaviour) for 100 owing units " +
      '(BENCH_SIM_UNITS; not scaled) with the real CLI, wall time; baseline: one bare workflow per deliverable ' +
      'sleeping through its same instants on the same time-skipping server',
    run: benchSimulation,
  },
];
