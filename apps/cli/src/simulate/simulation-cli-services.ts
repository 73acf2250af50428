import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createDataSource, runMigrations } from '@dondoc/persistence';
import { createTimeSkippingEnv } from '@dondoc/testing/src/temporal-env';
import { bundleDondocWorkflows } from '../../../worker/src/workflow-bundle-options';
import { startEmbeddedPostgres } from '../../../../infra/dev/embedded-postgres';
import { freePort } from '../../../../infra/dev/wait-for';
import { SimulationServices, simulationServices } from './simulation-services';

type Progress = (message: string) => void;

interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new database on an existing server (SIMULATE_DATABASE_URL), dropped afterwards. */
async function databaseOn(serverUrl: string): Promise<ThrowawayDatabase> {
  const name = `dondoc_sim_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** An embedded PostgreSQL in a temp dir, removed afterwards. */
async function embeddedDatabase(progress: Progress): Promise<ThrowawayDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-simulate-'));
  // PostgreSQL started by root runs as `postgres`, which must be able to enter the temp dir.
  fs.chmodSync(dir, 0o755);
  try {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      database: 'simulation',
      throwaway: true,
    });
    progress(`embedded PostgreSQL in ${dir}`);
    return {
      url: pg.url,
      drop: async () => {
        await pg.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Everything the `simulate` command needs, started side by side and owned by it: removed on close,
 * also when the start itself fails half-way.
 */
export async function startCliSimulationServices(progress: Progress): Promise<SimulationServices> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const serverUrl = process.env.SIMULATE_DATABASE_URL;
    // allSettled, not all: when one part fails, the others must finish starting before they are stopped.
    const started = await Promise.allSettled([
      (serverUrl ? databaseOn(serverUrl) : embeddedDatabase(progress)).then((d) => {
        cleanups.push(d.drop);
        return d;
      }),
      createTimeSkippingEnv().then((e) => {
        cleanups.push(() => e.teardown());
        return e;
      }),
      bundleDondocWorkflows(),
    ] as const);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [db, env, bundle] = started.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [
      ThrowawayDatabase,
      Awaited<ReturnType<typeof createTimeSkippingEnv>>,
      { code: string },
    ];
    await runMigrations(db.url);
    const dataSource = await createDataSource(db.url, { poolSize: 10 }).initialize();
    cleanups.push(() => dataSource.destroy());
    progress('time-skipping server, database and workflow bundle ready');
    return simulationServices({
      env,
      dataSource,
      workflowBundle: { code: bundle.code },
      onClose: cleanup,
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
}
