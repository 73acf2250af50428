import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, LogLevel, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig, temporalConnectionOptions } from '@dondoc/config';
import { createSmtpMailer } from '@dondoc/mail';
import { createDataSource } from '@dondoc/persistence';
import { createDondocWorker } from './create-worker';
import { ensureDailyMail } from './daily-mail';

/** The Temporal worker process: no HTTP port; stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  // The SDK logs every bundling step at INFO; keep that for LOG_LEVEL=debug.
  const sdkLevel: Record<typeof config.logLevel, LogLevel> = {
    error: 'ERROR',
    warn: 'WARN',
    log: 'WARN',
    debug: 'INFO',
  };
  Runtime.install({ logger: new DefaultLogger(sdkLevel[config.logLevel]) });
  const dataSource = await createDataSource(config.databaseUrl, {
    poolSize: config.databasePoolSize,
  }).initialize();
  const mailer = createSmtpMailer(config.smtpUrl, { pool: true });
  const t = config.temporal;
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const clientConnection = await Connection.connect(temporalConnectionOptions(config));
  const client = new Client({ connection: clientConnection, namespace: t.namespace });
  const worker = await createDondocWorker({
    connection,
    client,
    namespace: t.namespace,
    taskQueue: t.taskQueue,
    dataSource,
    mailer,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    mailPolicy: config.mail,
    linkSecret: config.linkSecret,
    // Bounded (default 1,000): each cached workflow holds ~80 KiB of the workflow thread's heap and
    // ~50 KiB of the SDK core's; the SDK's own default (~2,300 with a 4 GiB heap limit) put the
    // worker over 1 GiB with 10,000 open deliverables (make bench, memory).
    ...(config.workerMaxCachedWorkflows !== undefined && {
      workerOptions: { maxCachedWorkflows: config.workerMaxCachedWorkflows },
    }),
  });
  await ensureDailyMail(client, t.taskQueue, config.mail.sendWindow);

  console.log(`worker polling task queue '${t.taskQueue}' on ${t.address} (namespace ${t.namespace})`);
  // Worker.run() handles SIGINT/SIGTERM itself: it stops polling and drains in-flight tasks.
  await worker.run();
  await Promise.all([connection.close(), clientConnection.close(), dataSource.destroy(), mailer.close()]);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
