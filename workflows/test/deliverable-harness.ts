import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, vnDateOf, WorkingCalendar } from '@dondoc/calendar';
import {
  DEFAULT_ESCALATION,
  DeliverableKey,
  deliverableTimeline,
  deliverableWorkflowId,
} from '@dondoc/domain';
import { SmtpSink } from '@dondoc/mail';
import { DeliverableProjectionRepository } from '@dondoc/persistence';
import {
  createTestDatabase,
  createTimeSkippingEnv,
  RunningTestWorker,
  seedTestUnit,
  startTestWorker,
  TEST_BTG,
  TEST_TASK_QUEUE,
  TEST_UNIT,
  TestDatabase,
} from '@dondoc/testing';
import { deliverableWorkflow } from '@dondoc/workflows';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';

export const cal = new WorkingCalendar();
export const MINUTE = 60_000;

/** Time-skipping server + the real worker, PostgreSQL and SMTP sink, shared by a test file. */
export class DeliverableHarness {
  env!: TestWorkflowEnvironment;
  db!: TestDatabase;
  sink!: SmtpSink;
  worker!: RunningTestWorker;
  injectFaultAfterNotify = false;
  /** The staged-mail dispatcher fails for good (its deliverables' steps must send the mail themselves). */
  failStagedDispatch = false;
  private period = 0;

  async start(): Promise<void> {
    [this.env, this.db, this.sink] = await Promise.all([
      createTimeSkippingEnv(),
      createTestDatabase(),
      SmtpSink.start(),
    ]);
    await seedTestUnit(this.db.dataSource);
    this.worker = await startTestWorker({
      connection: this.env.nativeConnection,
      client: this.env.client,
      dataSource: this.db.dataSource,
      smtpUrl: this.sink.smtpUrl,
      // Simulates a crash after the mail went out and the outbox row was marked, before Temporal
      // recorded the activity's completion: the retry must not mail anyone again.
      wrapActivities: (acts) => ({
        ...acts,
        notifyDeliverable: async (...args: never[]) => {
          const result = await acts.notifyDeliverable(...args);
          if (this.injectFaultAfterNotify && Context.current().info.attempt === 1) {
            throw ApplicationFailure.retryable('injected crash after send', 'InjectedFault');
          }
          return result;
        },
        sendStagedMail: async (...args: never[]) => {
          if (this.failStagedDispatch)
            throw ApplicationFailure.nonRetryable('injected dispatcher failure', 'InjectedFault');
          return acts.sendStagedMail(...args);
        },
      }),
    });
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
    await Promise.all([this.env?.teardown(), this.db?.drop(), this.sink?.stop()]);
  }

  async today(): Promise<string> {
    return vnDateOf(Number(await this.env.currentTimeMs()));
  }

  /** A new deliverable due about a month after the test server's current time. */
  async startDeliverable(
    over: {
      unitId?: string;
      offsets?: number[];
      dueInDays?: number;
      members?: string[];
      stageLeadMs?: number;
    } = {},
  ) {
    const key: DeliverableKey = {
      planId: '22-KH-TU',
      obligationId: 'implementation-plan',
      unitId: over.unitId ?? TEST_UNIT.id,
      period: `P${++this.period}`,
    };
    const input: DeliverableInput = {
      key,
      planNumber: '22-KH/TU',
      planTitle: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      title: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
      clause: 'Mục 1',
      terms: {
        dueDate: cal.rollForward(addDays(await this.today(), over.dueInDays ?? 30)),
        reminderOffsets: over.offsets ?? [3, 1, 0],
        reminderDayKind: 'working',
        escalation: DEFAULT_ESCALATION,
      },
      requiredContents: ['decision-148'],
      collectorUnitId: TEST_BTG.id,
      members: over.members,
      stageLeadMs: over.stageLeadMs,
    };
    const handle = await this.env.client.workflow.start(deliverableWorkflow, {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: deliverableWorkflowId(key),
      args: [input],
    });
    return { input, handle, id: `${key.planId}:${key.obligationId}:${key.unitId}:${key.period}` };
  }

  /** The timeline up to two months past the deadline. */
  steps(input: DeliverableInput, dueDate = input.terms.dueDate) {
    return deliverableTimeline({ ...input.terms, dueDate }, cal, `${addDays(dueDate, 60)}T00:00:00.000Z`);
  }

  async sleepUntil(instant: string, plusMs = 0): Promise<void> {
    const ms = Date.parse(instant) + plusMs - Number(await this.env.currentTimeMs());
    if (ms > 0) await this.env.sleep(ms);
  }

  /** Mails to one address since the sink was last cleared. */
  to(address: string) {
    return this.sink.messages().filter((m) => m.to.includes(address));
  }
}

/** Polls the read model until a row satisfies `ok` (activities complete shortly after the workflow decides). */
export async function waitForRow(
  h: DeliverableHarness,
  id: string,
  ok: (row: NonNullable<Awaited<ReturnType<DeliverableProjectionRepository['findById']>>>) => boolean,
) {
  const repo = new DeliverableProjectionRepository(h.db.dataSource);
  for (let i = 0; i < 100; i++) {
    const row = await repo.findById(id);
    if (row && ok(row)) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `read model row ${id} never reached the expected state: ${JSON.stringify(await repo.findById(id))}`,
  );
}
