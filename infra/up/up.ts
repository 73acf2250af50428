/**
 * `make up`: the whole system on one machine with embedded defaults. Each embedded part is replaced
 * by an external one when its variable is set (TEMPORAL_ADDRESS, DATABASE_URL, SMTP_URL).
 * Ctrl-C stops everything in reverse order; data under .data/ is reused by the next start.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '@dondoc/config';
import { SmtpSink } from '@dondoc/mail';
import { createDataSource, runMigrations } from '@dondoc/persistence';
import { startEmbeddedPostgres } from '../dev/embedded-postgres';
import { REPO_ROOT } from '../dev/repo-root';
import { temporalCli, temporalCliVersion } from '../dev/temporal-binaries';
import { sqliteSynchronousOf, startTemporalDevServer, stopChild } from '../dev/temporal-dev-server';
import { waitFor } from '../dev/wait-for';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoOrgIfEmpty } from './demo-org';

const DATA = path.join(REPO_ROOT, '.data');
const stops: (() => Promise<void>)[] = [];
const say = (line: string) => process.stdout.write(`[up] ${line}\n`);

function prefixed(name: string, child: ChildProcess): void {
  const write = (b: Buffer) =>
    b
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((l) => process.stdout.write(`[${name}] ${l}\n`));
  child.stdout?.on('data', write);
  child.stderr?.on('data', write);
}

function startApp(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--require', '@swc-node/register', entry], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixed(name, child);
  child.once('exit', (code, signal) => {
    if (!shuttingDown) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  stops.push(() => stopChild(child));
  return child;
}

async function main(): Promise<void> {
  const envFile = path.join(REPO_ROOT, '.env');
  if (fs.existsSync(envFile)) {
    process.loadEnvFile(envFile);
    say('loaded .env');
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  fs.mkdirSync(DATA, { recursive: true });

  if (!env.TEMPORAL_ADDRESS) {
    const bin = temporalCli();
    say(`Temporal: ${temporalCliVersion(bin)} from ${bin.source}`);
    const port = Number(env.TEMPORAL_DEV_PORT ?? 7233);
    const uiPort = Number(env.TEMPORAL_UI_PORT ?? 8233);
    const server = await startTemporalDevServer({
      dbFile: path.join(DATA, 'temporal', 'temporal.db'),
      sqliteSynchronous: sqliteSynchronousOf(env.TEMPORAL_DEV_SQLITE_SYNCHRONOUS),
      port,
      uiPort,
      onLog: (l) => process.stdout.write(`[temporal] ${l}\n`),
    });
    stops.push(server.stop);
    env.TEMPORAL_ADDRESS = server.address;
    env.TEMPORAL_UI_URL ??= server.uiUrl;
  } else say(`Temporal: external at ${env.TEMPORAL_ADDRESS}`);

  if (!env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(DATA, 'pg'),
      port: Number(env.EMBEDDED_PG_PORT ?? 55432),
      onLog: (l) => env.LOG_LEVEL === 'debug' && process.stdout.write(`[postgres] ${l}\n`),
    });
    stops.push(pg.stop);
    env.DATABASE_URL = pg.url;
    say(`PostgreSQL: embedded, data in .data/pg, port ${env.EMBEDDED_PG_PORT ?? 55432}`);
  } else say('PostgreSQL: external (DATABASE_URL)');

  let inboxUrl: string | undefined;
  if (!env.SMTP_URL) {
    const sink = await SmtpSink.start({
      port: Number(env.SMTP_SINK_PORT ?? 1025),
      httpPort: Number(env.SMTP_INBOX_PORT ?? 1080),
    });
    stops.push(() => sink.stop());
    env.SMTP_URL = sink.smtpUrl;
    inboxUrl = sink.httpUrl;
    env.MAIL_INBOX_URL ??= inboxUrl;
  } else say('SMTP: external relay (SMTP_URL)');

  const config = loadConfig(env); // fails here, with every bad key, before anything else starts
  const applied = await runMigrations(config.databaseUrl);
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema up to date');
  const ds = await createDataSource(config.databaseUrl, { poolSize: 1 }).initialize();
  if (await seedDemoOrgIfEmpty(ds))
    say('seeded the org tree of Bắc Ninh as of 13/8/2021 (plans/org/bac-ninh-2021.json)');
  const demo = await seedDemoAccounts(ds, path.join(DATA, 'demo-accounts.txt'));
  await ds.destroy();
  if (demo.created.length)
    say(`created demo accounts ${demo.created.join(', ')} (passwords in .data/demo-accounts.txt)`);
  if (demo.skipped.length)
    say(`demo accounts not created (unit or person missing): ${demo.skipped.join(', ')}`);

  // As `npm run worker`: two malloc arenas, so the SDK core's threads do not each keep freed memory.
  startApp('worker', 'apps/worker/src/main.ts', { MALLOC_ARENA_MAX: '2', ...env });
  startApp('api', 'apps/api/src/main.ts', env);
  const apiUrl = `http://localhost:${config.port}`;
  await waitFor(
    'the API /health',
    async () => (await fetch(`${apiUrl}/health`).catch(() => undefined))?.ok === true,
    120_000,
  );

  say('dondoc is up:');
  say(`  API              ${apiUrl}`);
  say(`  API docs         ${apiUrl}/docs`);
  say(`  Health           ${apiUrl}/health`);
  say(`  Temporal Web UI  ${config.temporal.uiUrl}`);
  say(`  Temporal gRPC    ${config.temporal.address}`);
  if (inboxUrl) say(`  Mail inbox       ${inboxUrl}`);
  if (demo.lines.length) {
    say('Demo accounts (POST /auth/login; username  password  role unit):');
    for (const line of demo.lines) say(`  ${line}`);
  }
  say('Ctrl-C stops everything.');
}

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say('stopping…');
  for (const stop of stops.reverse()) await stop().catch((e) => say(`stop failed: ${(e as Error).message}`));
  say('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (e) => {
  process.stderr.write(`[up] ${e instanceof Error ? e.message : String(e)}\n`);
  await shutdown(1);
});
