import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DONDOC_SEARCH_ATTRIBUTES } from '@dondoc/workflows/src/search-attributes';
import { temporalCli } from './temporal-binaries';
import { canConnect, waitFor } from './wait-for';

export interface DevServerOptions {
  /** File database; history survives restarts. Omit for an in-memory server. */
  dbFile?: string;
  /** SQLite `synchronous` for the file database (see FILE_DB_PRAGMAS); default NORMAL. */
  sqliteSynchronous?: SqliteSynchronous;
  port: number;
  uiPort?: number;
  namespace?: string;
  onLog?: (line: string) => void;
}

export type SqliteSynchronous = 'NORMAL' | 'FULL';

/**
 * The file database in write-ahead-log mode. SQLite's default (a rollback journal, synchronous FULL)
 * costs several fsyncs per transaction, and the dev server commits one per history update: on this
 * project's 2-core machine that bounded a 1,000-reminder wave to ~4 mails/s (p99 259 s); WAL with
 * NORMAL gave ~28/s (p99 35 s) on the same machine in the same hour (README "Benchmarks"). NORMAL in
 * WAL mode survives a killed process (the chaos tests kill the server), never corrupts the file, and
 * may lose the last transactions on a power cut or OS crash; FULL keeps those too, one fsync per commit.
 */
export function fileDbPragmas(synchronous: SqliteSynchronous = 'NORMAL'): string[] {
  return ['journal_mode=WAL', `synchronous=${synchronous}`];
}

/** `TEMPORAL_DEV_SQLITE_SYNCHRONOUS` as set (unset: NORMAL); anything else is refused by name. */
export function sqliteSynchronousOf(value: string | undefined): SqliteSynchronous {
  const v = (value ?? 'NORMAL').trim().toUpperCase();
  if (v === 'NORMAL' || v === 'FULL') return v;
  throw new Error(`TEMPORAL_DEV_SQLITE_SYNCHRONOUS must be NORMAL or FULL, not "${value}"`);
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `--search-attribute` flags: the dev server registers dondoc's business fields at start. */
export function searchAttributeFlags(): string[] {
  return DONDOC_SEARCH_ATTRIBUTES.flatMap((sa) => [
    '--search-attribute',
    `${sa.name}=${devServerType(sa.type)}`,
  ]);
}

function devServerType(type: string): string {
  const names: Record<string, string> = {
    KEYWORD: 'Keyword',
    DATETIME: 'Datetime',
    TEXT: 'Text',
    INT: 'Int',
    BOOL: 'Bool',
    DOUBLE: 'Double',
    KEYWORD_LIST: 'KeywordList',
  };
  return names[type.toUpperCase()] ?? type;
}

/** Starts `temporal server start-dev` and resolves when its frontend accepts connections. */
export async function startTemporalDevServer(o: DevServerOptions): Promise<RunningDevServer> {
  const bin = temporalCli();
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--namespace',
    o.namespace ?? 'default',
  ];
  args.push('--log-level', 'warn', ...searchAttributeFlags());
  if (o.dbFile) {
    fs.mkdirSync(path.dirname(o.dbFile), { recursive: true });
    args.push('--db-filename', o.dbFile);
    for (const pragma of fileDbPragmas(o.sqliteSynchronous)) args.push('--sqlite-pragma', pragma);
  }
  if (o.uiPort) args.push('--ui-port', String(o.uiPort));
  else args.push('--headless');
  const child = spawn(bin.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = o.onLog ?? (() => undefined);
  child.stdout?.on('data', (b: Buffer) => b.toString().split('\n').filter(Boolean).forEach(log));
  child.stderr?.on('data', (b: Buffer) => b.toString().split('\n').filter(Boolean).forEach(log));
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(`the Temporal dev server on port ${o.port}`, async () => {
    if (exited) throw new Error(`temporal exited with code ${child.exitCode}`);
    return canConnect(o.port);
  });
  return {
    address: `127.0.0.1:${o.port}`,
    uiUrl: o.uiPort ? `http://localhost:${o.uiPort}` : undefined,
    process: child,
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL if the process has not gone after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
