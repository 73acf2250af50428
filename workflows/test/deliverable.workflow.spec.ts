import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, vnDateOf, WorkingCalendar } from '@dondoc/calendar';
import { deliverableWorkflowId, reminderSchedule } from '@dondoc/domain';
import { SmtpSink } from '@dondoc/mail';
import { DeliverableProjectionRepository, OutboxRepository } from '@dondoc/persistence';
import {
  createTimeSkippingEnv,
  createTestDatabase,
  RunningTestWorker,
  seedTestUnit,
  startTestWorker,
  TEST_TASK_QUEUE,
  TEST_UNIT,
  TestDatabase,
} from '@dondoc/testing';
import { deliverableWorkflow } from '@dondoc/workflows';
import { statusQuery, submitUpdate } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';

const MINUTE = 60_000;
const cal = new WorkingCalendar();

describe('deliverable workflow (time-skipping server, real PostgreSQL and SMTP sink)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let sink: SmtpSink;
  let worker: RunningTestWorker;
  let injectFaultAfterSend = false;
  let period = 0;

  beforeAll(async () => {
    [env, db, sink] = await Promise.all([createTimeSkippingEnv(), createTestDatabase(), SmtpSink.start()]);
    await seedTestUnit(db.dataSource);
    worker = await startTestWorker({
      connection: env.nativeConnection,
      dataSource: db.dataSource,
      smtpUrl: sink.smtpUrl,
      // Simulates a crash after the mail went out and the outbox row was marked, before Temporal
      // recorded the activity's completion: the retry must not mail anyone again.
      wrapActivities: (acts) => ({
        ...acts,
        sendDeliverableReminder: async (...args: never[]) => {
          const result = await acts.sendDeliverableReminder(...args);
          if (injectFaultAfterSend && Context.current().info.attempt === 1) {
            throw ApplicationFailure.retryable('injected crash after send', 'InjectedFault');
          }
          return result;
        },
      }),
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await Promise.all([env?.teardown(), db?.drop(), sink?.stop()]);
  });

  beforeEach(() => {
    sink.clear();
    injectFaultAfterSend = false;
  });

  /** A new deliverable due about a month after the test server's current time. */
  async function start(extra: Partial<DeliverableInput> = {}) {
    const today = vnDateOf(await env.currentTimeMs());
    const input: DeliverableInput = {
      key: {
        planId: '22-KH-TU',
        obligationId: 'implementation-plan',
        unitId: TEST_UNIT.id,
        period: `P${++period}`,
      },
      title: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
      dueDate: cal.rollForward(addDays(today, 30)),
      reminderOffsets: [3, 1, 0],
      requiredContents: ['decision-148'],
      ...extra,
    };
    const handle = await env.client.workflow.start(deliverableWorkflow, {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: deliverableWorkflowId(input.key),
      args: [input],
    });
    const slots = reminderSchedule(input.dueDate, input.reminderOffsets, cal);
    return { input, handle, slots };
  }

  async function sleepUntil(instant: string) {
    const now = await env.currentTimeMs();
    const ms = Date.parse(instant) - Number(now);
    if (ms > 0) await env.sleep(ms);
  }

  const goodSubmission = {
    unitId: TEST_UNIT.id,
    documentName: 'ke-hoach-so-15.pdf',
    coveredContents: ['decision-148'],
  };

  it('sends each reminder exactly once, at 08:00 Vietnam time on the reminder day, to every contact', async () => {
    const { handle, slots } = await start();
    await sleepUntil(new Date(Date.parse(slots[0].at) - MINUTE).toISOString());
    expect(sink.messages()).toHaveLength(0);

    await sleepUntil(new Date(Date.parse(slots[0].at) + MINUTE).toISOString());
    const first = await sink.waitForCount(2, 20_000);
    expect(first.map((m) => m.to[0]).sort()).toEqual([
      'binh+hu-tien-du@example.vn',
      'van-phong+hu-tien-du@example.vn',
    ]);
    const vi = first.find((m) => m.to[0].startsWith('van-phong'))!;
    expect(vi.subject).toContain('Nhắc việc');

    const view = await handle.query(statusQuery);
    expect(view).toMatchObject({ status: 'open', remindersSent: 1, nextReminderAt: slots[1].at });
    await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
  });

  it('a submission cancels the remaining reminders and the read model shows submitted', async () => {
    const { handle, input, slots } = await start();
    await sleepUntil(new Date(Date.parse(slots[0].at) + MINUTE).toISOString());
    await sink.waitForCount(2, 20_000);

    const result = await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
    expect(result.status).toBe('submitted');
    const row = await new DeliverableProjectionRepository(db.dataSource).findById(
      `22-KH-TU:implementation-plan:${TEST_UNIT.id}:${input.key.period}`,
    );
    expect(row).toMatchObject({ status: 'submitted', remindersSent: 1, nextReminderAt: null });
    expect(row!.submission).toMatchObject({
      documentName: 'ke-hoach-so-15.pdf',
      submittedByUnit: TEST_UNIT.id,
    });

    await sleepUntil(addDays(input.dueDate, 10) + 'T00:00:00.000Z');
    expect((await handle.result()).status).toBe('submitted');
    expect(sink.messages()).toHaveLength(2);
  });

  it('rejects a bad submission with the fields named and changes nothing', async () => {
    const { handle } = await start();
    const before = await handle.query(statusQuery);
    const error = await handle
      .executeUpdate(submitUpdate, { args: [{ unitId: 'TU-KHAC', documentName: '', coveredContents: [] }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('SubmissionRejected');
    expect((cause.details?.[0] as { field: string }[]).map((p) => p.field)).toEqual([
      'unitId',
      'documentName',
      'coveredContents',
    ]);
    expect(await handle.query(statusQuery)).toEqual(before);
    const row = await new DeliverableProjectionRepository(db.dataSource).findById(before.id);
    expect(row).toMatchObject({ status: 'open', version: before.version });
    await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
  });

  it('a reminder activity retried after a crash does not send a second mail (outbox key)', async () => {
    injectFaultAfterSend = true;
    const { handle, slots } = await start();
    await sleepUntil(new Date(Date.parse(slots[0].at) + MINUTE).toISOString());
    await sink.waitForCount(2, 20_000);
    // Let the retry run: the view only counts the reminder once the activity has completed.
    for (let i = 0; i < 50 && (await handle.query(statusQuery)).remindersSent === 0; i++)
      await env.sleep(5_000);
    expect((await handle.query(statusQuery)).remindersSent).toBe(1);
    expect(sink.messages()).toHaveLength(2);
    const rows = await new OutboxRepository(db.dataSource).listByWorkflow(handle.workflowId);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', attempts: 1 });
    expect(new Set(sink.messages().map((m) => m.messageId))).toEqual(new Set(rows.map((r) => r.messageId)));
    await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
  });
});
