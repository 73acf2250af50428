import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PlanDefinition } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { sampleTreeCpu, TreeCpu } from './simulation-cpu';
import { buildSimulationOrg } from './simulation-org';
import type { BenchContext, BenchOutcome } from './scenarios';
import { round } from './scenarios';

const REPO = path.join(__dirname, '..');
const PLAN = path.join(REPO, 'plans/22-KH-TU.yaml');
const ISSUED = '2021-08-13';
const UNTIL = '2025-12-31';
/** Units that owe deliverables (issue #9: "the whole term for 100 units"); the scale does not apply. */
const UNITS = Number(process.env.BENCH_SIM_UNITS ?? 100);
/** Extra node flags for both processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile. */
const NODE_ARGS = (process.env.BENCH_SIM_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** Keeps the simulation's JSON lines in this file, to compare streams before and after a tuning. */
const OUTPUT = process.env.BENCH_SIM_OUTPUT;

interface Ran {
  seconds: number;
  stdout: string;
  stderr: string;
  /** CPU of the process and of what it started (sampled from /proc; null elsewhere). */
  cpu: TreeCpu | null;
}

/** Runs a TypeScript entry point of this repo as its own node process; rejects on a non-zero exit. */
function runTs(entry: string, args: string[], onStderrLine: (l: string) => void): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [...NODE_ARGS, '--require', '@swc-node/register', entry, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const cpu = child.pid === undefined ? { stop: () => null } : sampleTreeCpu(child.pid);
    const out: Buffer[] = [];
    let err = '';
    let partial = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      const lines = (partial + b.toString()).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onStderrLine);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t) / 1000;
      const used = cpu.stop();
      if (code !== 0)
        reject(new Error(`${entry} exited ${code}: ${err.trim().split('\n').slice(-5).join(' | ')}`));
      else resolve({ seconds, stdout: Buffer.concat(out).toString(), stderr: err, cpu: used });
    });
  });
}

/**
 * The timers of the simulated term, rebuilt from its output: per deliverable its opening, reminders,
 * overdue notice and its own escalation levels (the deliverable workflow's timers); then the plan's
 * period openings (the plan workflow's) and the weekly repeats, which the plan's one weekly digest
 * sends (planUrgingWorkflow: one timer a week for all) but the stream lists per deliverable.
 */
export function timerTwins(plan: PlanDefinition, lines: Line[]): string[][] {
  const ownEscalations = new Map(
    plan.obligations.map((o) => [o.id, (o.escalation ?? plan.defaults.escalation).levels.length - 1]),
  );
  const byKey = new Map<string, { at: string[]; escalations: number }>();
  const openings = new Set<string>();
  const repeats = new Set<string>();
  for (const l of lines) {
    if (!l.at) continue;
    const key = `${l.obligation}|${l.unit}|${l.period}`;
    const d = byKey.get(key) ?? { at: [], escalations: 0 };
    byKey.set(key, d);
    if (l.type === 'opened') openings.add(l.at);
    if (l.type === 'escalation' && d.escalations++ >= (ownEscalations.get(l.obligation) ?? 0))
      repeats.add(l.at);
    else if (d.at[d.at.length - 1] !== l.at) d.at.push(l.at);
  }
  return [...[...byKey.values()].map((d) => d.at), [...openings].sort(), [...repeats].sort()];
}

interface Line {
  type: string;
  at?: string;
  obligation: string;
  unit: string;
  period: string;
}

/**
 * `simulate` of 22-KH/TU's whole term (13/08/2021 → 31/12/2025, empty behaviour file: every deliverable
 * runs its full chain of reminders, overdue notice and escalations) for an org of 100 owing units, by
 * spawning the real CLI and timing it from outside, as a user would.
 *
 * Baseline, the same run: what the time-skipping server itself costs for that term. Bare workflows
 * (bench/workflows/timeline.workflow.ts) that only wake at the instants the simulation's own output shows
 * (timerTwins): one per deliverable with its opening, reminders, overdue notice and own escalations, one
 * with the plan's period openings, one with the weekly digests. Same test server binary, the simulation's
 * worker options, time advanced month by month as the driver does, in its own process timed from outside
 * the same way (bench/simulation-baseline.ts). Not in it: activities, PostgreSQL, mail, the daily-mail
 * runs; so it is the floor the product could approach, not a twin. Better than the 49-unit fixture as a
 * baseline: that would be the same code at another size, and say nothing about where the time goes.
 */
export async function benchSimulation({ log }: BenchContext): Promise<BenchOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-sim-'));
  // The machine may be shared: the load before and after says how much the timing is to be trusted.
  const loadBefore = os.loadavg().map(round);
  try {
    const plan = parsePlan(fs.readFileSync(PLAN, 'utf8'), PLAN);
    const org = buildSimulationOrg(plan, UNITS, { issued: ISSUED, until: UNTIL });
    const orgFile = path.join(dir, 'org.json');
    const behaviourFile = path.join(dir, 'behaviour.json');
    fs.writeFileSync(orgFile, org.json);
    fs.writeFileSync(behaviourFile, '[]\n');
    log(`simulation: ${org.units} units (fixture + ${org.added}), ${org.owingUnits} owe deliverables`);

    const sim = await runTs(
      'apps/cli/src/main.ts',
      [
        'simulate',
        '--plan',
        PLAN,
        '--org',
        orgFile,
        '--issued',
        ISSUED,
        '--until',
        UNTIL,
        '--behaviour',
        behaviourFile,
      ],
      (l) => log(`simulation: ${l}`),
    );
    if (OUTPUT) fs.writeFileSync(OUTPUT, sim.stdout);
    const lines = sim.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
    const finals = lines.filter((l) => l.type === 'final');
    const unitIds = new Set((JSON.parse(org.json) as { units: { id: string }[] }).units.map((u) => u.id));
    const owing = new Set(finals.map((f) => f.unit).filter((u) => unitIds.has(u))).size;
    const mails = Number(/(\d+) mails;/.exec(sim.stderr)?.[1] ?? NaN);
    const timing = /set-up (\d+) ms, simulation (\d+) ms/.exec(sim.stderr);
    const cpu = /cpu user (\d+) ms, system (\d+) ms/.exec(sim.stderr);

    const timelines = timerTwins(plan, lines);
    const timelinesFile = path.join(dir, 'timelines.json');
    fs.writeFileSync(
      timelinesFile,
      JSON.stringify({ startAt: `${ISSUED}T00:00:00+07:00`, endAt: '2026-01-01T00:00:00+07:00', timelines }),
    );
    log(
      `simulation: ${sim.seconds.toFixed(1)} s; baseline: ${timelines.length} bare workflows (deliverables, plan, digest)`,
    );
    const bare = await runTs('bench/simulation-baseline.ts', [timelinesFile], (l) => log(`baseline: ${l}`));
    // Its one JSON line is the last line of stdout, whatever else may have been written before it.
    const b = JSON.parse(bare.stdout.trim().split('\n').pop() ?? '') as {
      setupMs: number;
      driveMs: number;
      cpuMs: number;
      timers: number;
      completed: number;
    };
    return {
      figures: [
        {
          name: `whole term of 22-KH/TU for ${owing} units (simulate, wall time)`,
          unit: 's',
          value: round(sim.seconds),
          baseline: round(bare.seconds),
          ratio: round(bare.seconds / sim.seconds),
          target: '< 60 s',
        },
      ],
      details: {
        orgUnits: org.units,
        addedUnits: org.added,
        units: owing,
        deliverables: finals.length,
        mails,
        lines: lines.length,
        simulateSetupSeconds: timing ? round(Number(timing[1]) / 1000) : null,
        simulateDriveSeconds: timing ? round(Number(timing[2]) / 1000) : null,
        // CPU of the CLI process (main and workflow threads) and of the baseline's: comparable on a loaded machine.
        simulateCpuSeconds: cpu ? round((Number(cpu[1]) + Number(cpu[2])) / 1000) : null,
        baselineCpuSeconds: round(b.cpuMs / 1000),
        // The whole trees, sampled from outside to the process's exit: the CLI (all its threads), its
        // time-skipping server and PostgreSQL; the baseline and its server. Loads differ, CPU less so.
        simulateTreeCpuSeconds: sim.cpu,
        baselineTreeCpuSeconds: bare.cpu,
        baselineWorkflows: timelines.length,
        baselineTimers: b.timers,
        baselineCompleted: b.completed,
        baselineSetupSeconds: round(b.setupMs / 1000),
        baselineDriveSeconds: round(b.driveMs / 1000),
        loadAverage: { before: loadBefore, after: os.loadavg().map(round) },
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
