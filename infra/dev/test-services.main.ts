/**
 * Started once per jest run by libs/testing/src/global-setup.js: one embedded PostgreSQL (each test
 * file then makes its own database) and one workflow bundle (so each worker does not re-bundle).
 * Prints one JSON line with what it started, then lives until its parent closes stdin.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './wait-for';
import { bundleDondocWorkflows } from '../../apps/worker/src/workflow-bundle-options';
import { Client } from 'pg';

async function serverVersion(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-test-'));
  fs.chmodSync(dir, 0o755);
  const external = process.env.TEST_DATABASE_URL;
  const pg = external
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(dir, 'pg'),
        port: await freePort(),
        database: 'postgres',
        throwaway: true,
      });
  const { code } = await bundleDondocWorkflows();
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, code);
  const adminUrl = external ?? pg!.url;
  const description = `PostgreSQL ${await serverVersion(adminUrl)} (${external ? 'external TEST_DATABASE_URL' : 'embedded, real binaries'})`;
  process.stdout.write(`${JSON.stringify({ adminUrl, bundlePath, description })}\n`);
  const stop = async () => {
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  process.stderr.write(`test services failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
