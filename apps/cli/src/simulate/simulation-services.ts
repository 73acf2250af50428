import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkerOptions } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { parseSendWindow, SETTINGS } from '@dondoc/config';
import { Mailer, SmtpSink } from '@dondoc/mail';
import { createDondocWorker, DondocWorkerDeps } from '../../../worker/src/create-worker';
import { createSimulationMailer } from './simulation-mailer';

export const SIMULATION_TASK_QUEUE = 'dondoc-simulation';

/** The default send window (MAIL_SEND_WINDOW), so a simulation mails when a deployment would. */
export const SIMULATION_SEND_WINDOW = parseSendWindow(SETTINGS.MAIL_SEND_WINDOW.default);

/**
 * What a simulation runs on: the time-skipping server, a throwaway database and the real worker, its
 * mail handed over in process (simulation-mailer.ts). The CLI builds it from scratch
 * (simulation-cli-services.ts); tests build it from jest's shared PostgreSQL and workflow bundle.
 * Either way the driver and the mail are the same.
 */
export interface SimulationServices {
  env: TestWorkflowEnvironment;
  dataSource: DataSource;
  taskQueue: string;
  /** Starts a new worker (the real activities on this database). */
  startWorker(): Promise<void>;
  /** Stops the running worker; the workflows wait on the server until the next one starts. */
  stopWorker(): Promise<void>;
  /** Stops the worker and everything `onClose` owns. */
  close(): Promise<void>;
}

export interface SimulationServicesOptions {
  env: TestWorkflowEnvironment;
  dataSource: DataSource;
  /** An SMTP sink the caller started and closes (the term tests' harness): no simulation mail reaches it. */
  sink?: SmtpSink;
  workflowBundle: NonNullable<WorkerOptions['workflowBundle']>;
  taskQueue?: string;
  /** Worker tuning; `maxCachedWorkflows: 0` (no sticky cache) lets a test restart the worker mid-run. */
  workerOptions?: DondocWorkerDeps['workerOptions'];
  onClose?: () => Promise<void>;
}

/**
 * Measured on a 2-core machine: every workflow cached, few threads, many tasks in flight. One workflow
 * thread (the SDK's default with a reused V8 context): the main thread is the bottleneck, and a second
 * workflow thread only competed with it — the 100-unit bench org to mid-2022 took ~10 % less CPU and
 * ~20 % less wall time with one (bench `simulation`, same JSON lines).
 */
export const SIMULATION_WORKER_OPTIONS: DondocWorkerDeps['workerOptions'] = {
  maxCachedWorkflows: 5000,
  workflowThreadPoolSize: 1,
  maxConcurrentActivityTaskExecutions: 200,
  maxConcurrentWorkflowTaskExecutions: 200,
};

/** The production worker as it is wired (every workflow type, every activity), tuned for a term. */
export function simulationWorker(o: {
  connection: DondocWorkerDeps['connection'];
  client: DondocWorkerDeps['client'];
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  mailer: Mailer;
  workflowBundle: NonNullable<WorkerOptions['workflowBundle']>;
  workerOptions?: DondocWorkerDeps['workerOptions'];
}): Promise<Worker> {
  return createDondocWorker({
    ...o,
    publicUrl: 'http://dondoc.simulation',
    mailFrom: 'dondoc <no-reply@dondoc.simulation>',
    workerOptions: o.workerOptions ?? SIMULATION_WORKER_OPTIONS,
    // As deployed by default: mail at night waits for 08:00 on the next working day.
    mailPolicy: { sendWindow: SIMULATION_SEND_WINDOW },
  });
}

export function simulationServices(o: SimulationServicesOptions): SimulationServices {
  const taskQueue = o.taskQueue ?? SIMULATION_TASK_QUEUE;
  let closing: Promise<void> | undefined;
  let running: { worker: Worker; done: Promise<void>; close(): Promise<void> } | undefined;
  const stopWorker = async () => {
    if (!running) return;
    const r = running;
    running = undefined;
    r.worker.shutdown();
    await r.done;
    await r.close();
  };
  return {
    env: o.env,
    dataSource: o.dataSource,
    taskQueue,
    async startWorker() {
      if (running) throw new Error('a simulation worker is already running');
      // In process, not over SMTP: the stream is read from the outbox, the postman writes it either way.
      const mailer = createSimulationMailer();
      const worker = await simulationWorker({
        connection: o.env.nativeConnection,
        client: o.env.client,
        namespace: o.env.namespace ?? 'default',
        taskQueue,
        dataSource: o.dataSource,
        mailer,
        workflowBundle: o.workflowBundle,
        workerOptions: o.workerOptions,
      });
      running = { worker, done: worker.run(), close: () => mailer.close() };
    },
    stopWorker,
    close() {
      // Once, whoever asks first (the run's end or a signal), and the rest is stopped even if the worker is stuck.
      closing ??= (async () => {
        try {
          await stopWorker();
        } finally {
          await o.onClose?.();
        }
      })();
      return closing;
    },
  };
}
