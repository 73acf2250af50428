import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@dondoc/persistence';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.DONDOC_TEST_PG_ADMIN_URL;
  if (!url) {
    throw new Error(
      'DONDOC_TEST_PG_ADMIN_URL is not set: run tests through jest (its globalSetup starts PostgreSQL), e.g. `make test`.',
    );
  }
  return url;
}

/** A fresh, migrated database on the shared test server, private to one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const dataSource = await createDataSource(url.toString(), { poolSize: 5 }).initialize();
  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
