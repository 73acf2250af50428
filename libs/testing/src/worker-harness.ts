import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createSmtpMailer, Mailer } from '@dondoc/mail';
import { createDondocWorker, DondocWorkerDeps } from '../../../apps/worker/src/create-worker';
import { workflowBundlePath } from './temporal-env';

export const TEST_TASK_QUEUE = 'dondoc-test';
export const TEST_PUBLIC_URL = 'http://dondoc.test';

export interface RunningTestWorker {
  worker: Worker;
  mailer: Mailer;
  stop(): Promise<void>;
}

/** The real worker (real activities, real DB, real SMTP) on a test environment's connection. */
export async function startTestWorker(o: {
  connection: NativeConnection;
  client: Client;
  namespace?: string;
  dataSource: DataSource;
  smtpUrl: string;
  wrapActivities?: DondocWorkerDeps['wrapActivities'];
}): Promise<RunningTestWorker> {
  const mailer = createSmtpMailer(o.smtpUrl);
  const worker = await createDondocWorker({
    connection: o.connection,
    client: o.client,
    namespace: o.namespace ?? 'default',
    taskQueue: TEST_TASK_QUEUE,
    dataSource: o.dataSource,
    mailer,
    publicUrl: TEST_PUBLIC_URL,
    mailFrom: 'dondoc <no-reply@dondoc.test>',
    workflowBundle: { codePath: workflowBundlePath() },
    wrapActivities: o.wrapActivities,
  });
  const running = worker.run();
  return {
    worker,
    mailer,
    stop: async () => {
      worker.shutdown();
      await running;
      await mailer.close();
    },
  };
}
