import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchScenario, SCENARIOS } from './scenarios';

/**
 * `make bench`: each scenario with its baseline measured in the same run, appended to
 * bench/results.json (with the machine it ran on) and printed as a short table. Not part of make test.
 *
 *   make bench                                   every scenario, province scale
 *   BENCH=fan-out BENCH_SCALE=0.05 make bench    one scenario, 5 % of a province
 *   node --require @swc-node/register bench/run.ts --only fan-out,mail-throttle --scale 0.05
 */
interface Options {
  only: string[];
  scale: number;
}

function parseOptions(argv: string[]): Options {
  let only = (process.env.BENCH ?? '').split(',').filter(Boolean);
  let scale = Number(process.env.BENCH_SCALE ?? 1);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--only') only = value().split(',').filter(Boolean);
    else if (flag === '--scale') scale = Number(value());
    else if (flag === '--list') {
      for (const s of SCENARIOS) console.log(`${s.name.padEnd(15)} ${s.description}`);
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]} (--only a,b  --scale 0.05  --list)`);
  }
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, not ${scale}`);
  const unknown = only.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(
      `unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
    );
  return { only, scale };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  const selected: BenchScenario[] = o.only.length
    ? SCENARIOS.filter((s) => o.only.includes(s.name))
    : SCENARIOS;
  const file = path.join(__dirname, 'results.json');
  const rows: string[] = [];
  let failed = false;
  for (const s of selected) {
    log(`${s.name} at scale ${o.scale}: ${s.description}`);
    const at = new Date().toISOString();
    try {
      const outcome = await s.run({ scale: o.scale, log });
      append(file, { scenario: s.name, at, scale: o.scale, machine, ...outcome });
      for (const f of outcome.figures)
        rows.push(
          [
            s.name,
            f.name,
            `${f.value} ${f.unit}`,
            `${f.baseline} ${f.unit}`,
            String(f.ratio),
            f.target ?? '',
          ].join(' | '),
        );
    } catch (e) {
      failed = true;
      const message = e instanceof Error ? e.message : String(e);
      append(file, { scenario: s.name, at, scale: o.scale, machine, error: message });
      rows.push(`${s.name} | FAILED: ${message}`);
    }
  }
  console.log(
    `scale ${o.scale} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}`,
  );
  console.log('scenario | figure | value | baseline | ratio | target');
  for (const r of rows) console.log(r);
  if (failed) process.exitCode = 1;
}

/** results.json is an array of runs, newest last (an older single-object file is kept as its first entry). */
function append(file: string, entry: object): void {
  let all: unknown[] = [];
  if (fs.existsSync(file)) {
    const old: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    all = Array.isArray(old) ? old : [old];
  }
  all.push(entry);
  fs.writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
