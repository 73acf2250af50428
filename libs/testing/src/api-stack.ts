import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@dondoc/config';
import { SmtpSink } from '@dondoc/mail';
import { createApp } from '../../../apps/api/src/create-app';
import { DevTemporal, startDevTemporal } from './dev-stack';
import { createTestDatabase, TestDatabase } from './test-database';
import { RunningTestWorker, startTestWorker, TEST_TASK_QUEUE } from './worker-harness';
import type { Role } from '../../../apps/api/src/auth/principal';
import { SeededAccount, seedAccount, seedSession } from './accounts';

/** A supertest client of the app: `.get('/…')`, `.post('/…')`… */
export type HttpAgent = ReturnType<typeof request.agent>;

/** The real stack an API e2e test talks to over HTTP: dev server, PostgreSQL, SMTP sink, worker, Nest app. */
export interface ApiTestStack {
  temporal: DevTemporal;
  db: TestDatabase;
  sink: SmtpSink;
  worker?: RunningTestWorker;
  app: INestApplication;
  /** Signed in as an admin (a bearer token on every request), so suites that predate sign-in work unchanged. */
  http: HttpAgent;
  /** No credentials at all (not an agent: it keeps no cookies between requests). */
  anonymous: HttpAgent;
  /** The admin account behind `http`, with its password. */
  admin: SeededAccount;
  /**
   * Signed in with a role: creates the account once per role + unit + person (a member without
   * `personId` gets a fresh person with a membership in `unitId`), signs in over HTTP and answers an
   * agent sending its bearer token. `unitId` is required for every role but admin.
   */
  as(role: Role, unitId?: string, o?: { personId?: string }): Promise<HttpAgent>;
  stop(): Promise<void>;
}

/**
 * Starts the stack. `prepare` runs on the fresh database before the app starts (seed units, import an
 * org); `worker: false` for tests that never run a workflow.
 */
export async function startApiTestStack(
  o: { worker?: boolean; prepare?: (db: TestDatabase) => Promise<unknown> } = {},
): Promise<ApiTestStack> {
  const [temporal, db, sink] = await Promise.all([
    startDevTemporal(),
    createTestDatabase(),
    SmtpSink.start(),
  ]);
  await o.prepare?.(db);
  const worker =
    o.worker === false
      ? undefined
      : await startTestWorker({
          connection: temporal.nativeConnection,
          client: temporal.client,
          dataSource: db.dataSource,
          smtpUrl: sink.smtpUrl,
        });
  const app = await createApp(
    loadConfig({
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: temporal.server.address,
      TEMPORAL_TASK_QUEUE: TEST_TASK_QUEUE,
      SMTP_URL: sink.smtpUrl,
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
    }),
  );
  await app.init();
  const server = app.getHttpServer();
  const bearer = (token: string) => request.agent(server).set('Authorization', `Bearer ${token}`);
  const admin = await seedAccount(db.dataSource, { role: 'admin', username: 'test-admin' });
  const adminSession = await seedSession(db.dataSource, admin.account.id);
  const signedIn = new Map<string, Promise<HttpAgent>>();
  const as = (role: Role, unitId?: string, o: { personId?: string } = {}): Promise<HttpAgent> => {
    const key = [role, unitId ?? '', o.personId ?? ''].join('|');
    let agent = signedIn.get(key);
    if (!agent) {
      agent = (async () => {
        const { account, password } = await seedAccount(db.dataSource, {
          role,
          unitId,
          personId: o.personId,
        });
        const res = await request(server).post('/auth/login').send({ username: account.username, password });
        if (res.status !== 200)
          throw new Error(`stack.as(${role}): sign-in answered ${res.status} ${res.text}`);
        return bearer(res.body.token);
      })();
      signedIn.set(key, agent);
    }
    return agent;
  };
  return {
    temporal,
    db,
    sink,
    worker,
    app,
    http: bearer(adminSession.token),
    anonymous: request(server),
    admin,
    as,
    stop: async () => {
      await app.close();
      await worker?.stop();
      await Promise.allSettled([temporal.stop(), db.drop(), sink.stop()]);
    },
  };
}
