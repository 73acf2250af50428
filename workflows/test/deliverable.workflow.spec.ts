import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DeliverableProjectionRepository, OutboxRepository } from '@dondoc/persistence';
import { TEST_BTG, TEST_MAILBOXES, TEST_UNIT } from '@dondoc/testing';
import { statusQuery, submitUpdate } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import { DeliverableHarness, MINUTE, waitForRow } from './deliverable-harness';

describe('deliverable workflow: reminders and submission (time-skipping server, real PostgreSQL and SMTP sink)', () => {
  const h = new DeliverableHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sink.clear();
    h.injectFaultAfterNotify = false;
  });

  const goodSubmission = {
    unitId: TEST_UNIT.id,
    documentName: 'ke-hoach-so-15.pdf',
    coveredContents: ['decision-148'],
  };

  it('sends each reminder exactly once, at 08:00 Vietnam time on the reminder day, to every contact', async () => {
    const { handle, input } = await h.startDeliverable();
    const [first, second] = h.steps(input);
    await h.sleepUntil(first.at, -MINUTE);
    expect(h.sink.messages()).toHaveLength(0);

    await h.sleepUntil(first.at, MINUTE);
    const mails = await h.sink.waitForCount(2, 20_000);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(
      [TEST_MAILBOXES.unitOfficer, TEST_MAILBOXES.unitHead].sort(),
    );
    expect(h.to(TEST_MAILBOXES.unitHead)[0].subject).toContain('[Nhắc việc]');
    expect(h.to(TEST_MAILBOXES.unitOfficer)[0].subject).toContain('[Reminder]');

    expect(await handle.query(statusQuery)).toMatchObject({
      status: 'open',
      remindersSent: 1,
      nextStepAt: second.at,
      nextStepKind: 'reminder',
    });
    await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
  });

  it('a submission stops the remaining reminders and the read model shows submitted', async () => {
    const { handle, input, id } = await h.startDeliverable();
    const steps = h.steps(input);
    await h.sleepUntil(steps[0].at, MINUTE);
    await h.sink.waitForCount(2, 20_000);

    const result = await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
    expect(result).toMatchObject({ status: 'submitted', nextStepAt: null });
    const row = await new DeliverableProjectionRepository(h.db.dataSource).findById(id);
    expect(row).toMatchObject({ status: 'submitted', remindersSent: 1, nextStepAt: null });
    expect(row!.submission).toMatchObject({
      documentName: 'ke-hoach-so-15.pdf',
      submittedByUnit: TEST_UNIT.id,
    });

    // The unit's contacts get a receipt (in their language); after it, no more reminders.
    const receipts = (await h.sink.waitForCount(4, 20_000)).slice(2);
    expect(receipts.map((m) => m.subject.split(']')[0]).sort()).toEqual([
      '[Submission received',
      '[Đã nhận văn bản',
    ]);
    await h.sleepUntil(steps[steps.length - 1].at, MINUTE);
    expect(h.sink.messages()).toHaveLength(4);
  });

  it('rejects a bad submission with the fields named and changes nothing', async () => {
    const { handle } = await h.startDeliverable();
    const before = await handle.query(statusQuery);
    const error = await handle
      .executeUpdate(submitUpdate, { args: [{ unitId: 'TU-KHAC', documentName: '', coveredContents: [] }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('CommandRejected');
    expect((cause.details?.[0] as { field: string }[]).map((p) => p.field)).toEqual([
      'unitId',
      'documentName',
      'coveredContents',
    ]);
    expect(await handle.query(statusQuery)).toEqual(before);
    const row = await new DeliverableProjectionRepository(h.db.dataSource).findById(before.id);
    expect(row).toMatchObject({ status: 'open', version: before.version });
    await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
  });

  it('a notification activity retried after a crash does not send a second mail (outbox key)', async () => {
    h.injectFaultAfterNotify = true;
    const { handle, input } = await h.startDeliverable();
    await h.sleepUntil(h.steps(input)[0].at, MINUTE);
    await h.sink.waitForCount(2, 20_000);
    // Let the retry run: the view only counts the reminder once the activity has completed.
    for (let i = 0; i < 50 && (await handle.query(statusQuery)).remindersSent === 0; i++)
      await h.env.sleep(5_000);
    expect((await handle.query(statusQuery)).remindersSent).toBe(1);
    expect(h.sink.messages()).toHaveLength(2);
    const rows = await new OutboxRepository(h.db.dataSource).listByWorkflow(handle.workflowId);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', attempts: 1 });
    expect(new Set(h.sink.messages().map((m) => m.messageId))).toEqual(new Set(rows.map((r) => r.messageId)));
    await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
  });

  it('keeps the collector in the read model for review queues', async () => {
    const { id, handle } = await h.startDeliverable();
    const row = await waitForRow(h, id, (r) => r.version >= 1);
    expect(row).toMatchObject({
      collectorUnitId: TEST_BTG.id,
      planNumber: '22-KH/TU',
      requiredContents: ['decision-148'],
    });
    await handle.executeUpdate(submitUpdate, { args: [goodSubmission] });
  });
});
