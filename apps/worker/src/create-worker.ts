import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { DAILY_MAIL_WORKFLOW_ID, mailWaitingSignal } from '@dondoc/workflows/src/mail/daily-mail.workflow';
import { stagedMailWorkflow, stagedMailWorkflowId } from '@dondoc/workflows/src/mail/staged-mail.workflow';
import {
  createDeliverableActivities,
  createIssueActivities,
  createPlanActivities,
  createMailActivities,
  createPostman,
  createStagedMailActivities,
  createUrgingActivities,
} from '@dondoc/activities';
import { MailPolicyConfig, SETTINGS } from '@dondoc/config';
import { Mailer } from '@dondoc/mail';
import { bundleDondocWorkflowsApart } from './workflow-bundle-options';

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
  /** Send window, throttle, attempts, admins (config MAIL_*); tests default to no window, no throttle. */
  mailPolicy?: Partial<MailPolicyConfig>;
  /** Signs the plan acknowledgement links in mail (config LINK_SECRET). */
  linkSecret?: string;
  /** A prebuilt bundle (tests build it once); otherwise a child process bundles workflows/src at start. */
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

const DEVELOPMENT_LINK_SECRET = SETTINGS.LINK_SECRET.default;

/** One worker process runs every workflow type and every activity on one task queue. */
export async function createDondocWorker(d: DondocWorkerDeps): Promise<Worker> {
  // One postman per worker: its throttle is the worker's share of what the relay accepts.
  const postman = createPostman({
    dataSource: d.dataSource,
    mailer: d.mailer,
    mailFrom: d.mailFrom,
    publicUrl: d.publicUrl,
    policy: d.mailPolicy,
    wakeDailyMail: async () => {
      try {
        await d.client.workflow.getHandle(DAILY_MAIL_WORKFLOW_ID).signal(mailWaitingSignal);
      } catch (e) {
        // Not started (a test without it): nothing to wake. The worker's start-up starts it.
        if (!(e instanceof WorkflowNotFoundError)) throw e;
      }
    },
    wakeStagedMail: async (at, clockOffsetMs) => {
      try {
        await d.client.workflow.start(stagedMailWorkflow, {
          workflowId: stagedMailWorkflowId(at, clockOffsetMs),
          taskQueue: d.taskQueue,
          args: [{ at, clockOffsetMs }],
        });
      } catch (e) {
        // Another stager (or worker) started it: one dispatcher per instant.
        if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      }
    },
  });
  const mailDeps = { dataSource: d.dataSource, postman, publicUrl: d.publicUrl };
  const activities = {
    ...createDeliverableActivities(mailDeps),
    ...createPlanActivities({
      ...mailDeps,
      client: d.client,
      taskQueue: d.taskQueue,
      linkSecret: d.linkSecret ?? DEVELOPMENT_LINK_SECRET,
    }),
    ...createIssueActivities({ ...mailDeps, client: d.client, taskQueue: d.taskQueue }),
    ...createUrgingActivities(mailDeps),
    ...createMailActivities(mailDeps),
    ...createStagedMailActivities(mailDeps),
  };
  return Worker.create({
    connection: d.connection,
    namespace: d.namespace,
    taskQueue: d.taskQueue,
    workflowBundle: d.workflowBundle ?? (await bundleDondocWorkflowsApart()),
    activities: d.wrapActivities ? d.wrapActivities(activities) : activities,
    ...d.workerOptions,
  });
}
