import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@dondoc/config';
import { SmtpSink } from '@dondoc/mail';
import { createApp } from '../../../apps/api/src/create-app';
import { DevTemporal, startDevTemporal } from './dev-stack';
import { createTestDatabase, TestDatabase } from './test-database';
import { RunningTestWorker, startTestWorker, TEST_TASK_QUEUE } from './worker-harness';

/** The real stack an API e2e test talks to over HTTP: dev server, PostgreSQL, SMTP sink, worker, Nest app. */
export interface ApiTestStack {
  temporal: DevTemporal;
  db: TestDatabase;
  sink: SmtpSink;
  worker?: RunningTestWorker;
  app: INestApplication;
  http: ReturnType<typeof request>;
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
    }),
  );
  await app.init();
  return {
    temporal,
    db,
    sink,
    worker,
    app,
    http: request(app.getHttpServer()),
    stop: async () => {
      await app.close();
      await worker?.stop();
      await Promise.allSettled([temporal.stop(), db.drop(), sink.stop()]);
    },
  };
}
