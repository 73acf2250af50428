import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchMailThrottle } from './mail-throttle.bench';

/**
 * `make bench`: each scenario with its baseline measured in the same run, written to
 * bench/results.json (with the machine it ran on) and printed as a short table. Not part of make test.
 */
async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  const mailThrottle = await benchMailThrottle(log);
  const results = { at: new Date().toISOString(), machine, mailThrottle };
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const t = mailThrottle;
  console.log('scenario        figure                      value   baseline   ratio');
  console.log(
    `mail throttle   mails/s at ${t.configuredPerSecond}/s configured   ${t.throttledPerSecond}   ${t.baselinePerSecond}   ${t.ratioToBaseline} (steady ${t.steadyPerSecond}/s, ÷ configured ${t.ratioToConfigured})`,
  );
  // 2 % for timer granularity.
  if (t.ratioToConfigured > 1.02)
    throw new Error(`the throttle was not honoured: ${t.steadyPerSecond}/s > ${t.configuredPerSecond}/s`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
