import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/** CPU seconds (user + system) of a process tree, by what each process is. */
export interface TreeCpu {
  /** The spawned node process itself: its main thread, workflow thread and the SDK core's threads. */
  node: number;
  testServer: number;
  postgres: number;
  other: number;
  total: number;
}

const kindOf = (cmdline: string): Exclude<keyof TreeCpu, 'total'> =>
  cmdline.includes('temporal-test-server')
    ? 'testServer'
    : cmdline.includes('postgres')
      ? 'postgres'
      : cmdline.includes('node')
        ? 'node'
        : 'other';

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
}

/** The pid and its descendants, from /proc (Linux). */
function tree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${all[i]}/task`);
    } catch {
      continue; // gone meanwhile
    }
    for (const t of tasks) {
      try {
        const children = fs.readFileSync(`/proc/${all[i]}/task/${t}/children`, 'utf8').trim();
        if (children) all.push(...children.split(' ').map(Number));
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return all;
}

/**
 * Samples the CPU time of a process and everything it started (the CLI's test server and PostgreSQL)
 * every half second until stopped: on a shared 2-core machine the wall time moves with the neighbours'
 * load, the CPU each part took much less. What a process spends in its last half second before it
 * exits is not seen. Null where /proc is missing (not Linux).
 */
export function sampleTreeCpu(pid: number): { stop(): TreeCpu | null } {
  if (!fs.existsSync('/proc/self/task')) return { stop: () => null };
  const ticks = clockTicks();
  const seen = new Map<number, { kind: Exclude<keyof TreeCpu, 'total'>; ticks: number }>();
  const sample = () => {
    for (const p of tree(pid)) {
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const used = Number(fields[11]) + Number(fields[12]);
        const known = seen.get(p);
        const kind = known?.kind ?? kindOf(fs.readFileSync(`/proc/${p}/cmdline`, 'utf8'));
        seen.set(p, { kind, ticks: Math.max(used, known?.ticks ?? 0) });
      } catch {
        // ended between the listing and the read
      }
    }
  };
  sample();
  const timer = setInterval(sample, 500);
  return {
    stop() {
      clearInterval(timer);
      const cpu: TreeCpu = { node: 0, testServer: 0, postgres: 0, other: 0, total: 0 };
      for (const { kind, ticks: t } of seen.values()) cpu[kind] += t / ticks;
      cpu.total = cpu.node + cpu.testServer + cpu.postgres + cpu.other;
      for (const k of Object.keys(cpu) as (keyof TreeCpu)[]) cpu[k] = Math.round(cpu[k] * 100) / 100;
      return cpu;
    },
  };
}
