import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { Client } from '@temporalio/client';
import {
  createDeliverableActivities,
  createIssueActivities,
  createPlanActivities,
  createUrgingActivities,
} from '@dondoc/activities';
import { Mailer } from '@dondoc/mail';
import { PRELOADED_WORKFLOW_MODULES, WORKFLOWS_PATH } from './workflow-bundle-options';

export interface DondocWorkerDeps {
  connection: NativeConnection;
  /** Plan activities start and update deliverable workflows through it. */
  client: Client;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  mailer: Mailer;
  publicUrl: string;
  mailFrom: string;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles workflows/src at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Tuning (cache size, concurrency); tests and the simulation pass their own. */
  workerOptions?: Partial<
    Pick<
      WorkerOptions,
      | 'maxCachedWorkflows'
      | 'workflowThreadPoolSize'
      | 'maxConcurrentActivityTaskExecutions'
      | 'maxConcurrentWorkflowTaskExecutions'
    >
  >;
  /** Test hook: wrap activities, e.g. to inject a fault after the real work is done. */
  wrapActivities?: (activities: Record<string, (...args: never[]) => Promise<unknown>>) => object;
}

/** One worker process runs every workflow type and every activity on one task queue. */
export async function createDondocWorker(d: DondocWorkerDeps): Promise<Worker> {
  const activities = {
    ...createDeliverableActivities({
      dataSource: d.dataSource,
      mailer: d.mailer,
      publicUrl: d.publicUrl,
      mailFrom: d.mailFrom,
    }),
    ...createPlanActivities({ dataSource: d.dataSource, client: d.client, taskQueue: d.taskQueue }),
    ...createIssueActivities(d),
    ...createUrgingActivities(d),
  };
  return Worker.create({
    connection: d.connection,
    namespace: d.namespace,
    taskQueue: d.taskQueue,
    ...(d.workflowBundle
      ? { workflowBundle: d.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: PRELOADED_WORKFLOW_MODULES } }),
    activities: d.wrapActivities ? d.wrapActivities(activities) : activities,
    ...d.workerOptions,
  });
}
