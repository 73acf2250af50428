import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stopChild } from '../infra/dev/temporal-dev-server';

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export interface Rss {
  rssMiB: number;
  peakMiB: number;
}

export function rssOf(pid: number): Rss {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

/**
 * An app started the way `make up` starts it (infra/up/up.ts): `node --require @swc-node/register
 * <entry>` with its configuration in the environment, so /proc/<pid> is that node process and nothing
 * else. Its output is kept (the last lines go into the error when it dies early).
 */
export interface AppProcess {
  child: ChildProcess;
  pid: number;
  output: string[];
  /** Resolves when a line of its output matches. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function startAppProcess(name: string, entry: string, env: NodeJS.ProcessEnv): AppProcess {
  const root = path.resolve(__dirname, '..');
  const child = spawn(process.execPath, ['--require', '@swc-node/register', entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const collect = (b: Buffer) => {
    for (const line of b.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 50) output.shift();
      for (const l of listeners) l(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return {
    child,
    pid: child.pid!,
    output,
    waitForLine: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        if (output.some((l) => pattern.test(l))) return resolve();
        const done = (err?: Error) => {
          clearTimeout(timer);
          listeners.delete(onLine);
          child.off('exit', onExit);
          if (err) reject(err);
          else resolve();
        };
        const onLine = (line: string) => pattern.test(line) && done();
        const onExit = (code: number | null) =>
          done(new Error(`${name} exited (${code}) before ${pattern}:\n${output.join('\n')}`));
        const timer = setTimeout(
          () => done(new Error(`${name}: no ${pattern} within ${timeoutMs / 1000} s:\n${output.join('\n')}`)),
          timeoutMs,
        );
        listeners.add(onLine);
        child.once('exit', onExit);
      }),
    stop: () => stopChild(child),
  };
}
