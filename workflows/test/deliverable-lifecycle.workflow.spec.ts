import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addDays } from '@dondoc/calendar';
import { DeliverableProjectionRepository } from '@dondoc/persistence';
import { recordHistory, TEST_BTG, TEST_GRASSROOTS, TEST_MAILBOXES, TEST_UNIT } from '@dondoc/testing';
import {
  extendUpdate,
  reviewUpdate,
  statusQuery,
  submitUpdate,
  waiveUpdate,
} from '@dondoc/workflows/src/deliverable/deliverable.messages';
import { cal, DeliverableHarness, MINUTE, waitForRow } from './deliverable-harness';

describe('deliverable workflow: overdue, escalation, review, extension, waiver (time-skipping)', () => {
  const h = new DeliverableHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeEach(() => h.sink.clear());

  const submission = (unitId = TEST_UNIT.id) => ({
    unitId,
    documentName: 'ke-hoach.pdf',
    coveredContents: ['decision-148'],
  });

  it('notifies the head at +1 working day, the collector at +3, BTG at +7, then weekly, each on its working day', async () => {
    const { handle, input, id } = await h.startDeliverable({ offsets: [] });
    const [overdue, collector, btg, weekly] = h.steps(input);
    expect([overdue.kind, collector.kind, btg.kind, weekly.kind]).toEqual([
      'overdue',
      'escalation',
      'escalation',
      'escalation',
    ]);
    expect(overdue.date).toBe(cal.addWorkingDays(input.terms.dueDate, 1));
    expect(btg.date).toBe(cal.addWorkingDays(input.terms.dueDate, 7));

    await h.sleepUntil(overdue.at, -MINUTE);
    expect(h.sink.messages()).toHaveLength(0);
    await h.sleepUntil(overdue.at, MINUTE);
    const notice = await h.sink.waitForCount(1, 20_000);
    expect(notice.map((m) => m.to[0])).toEqual([TEST_MAILBOXES.unitHead]); // the head only, not the officer
    expect(notice[0].subject).toContain('đã quá hạn 1 ngày làm việc');
    await waitForRow(h, id, (r) => r.status === 'overdue');

    await h.sleepUntil(collector.at, MINUTE);
    await h.sink.waitForCount(2, 20_000);
    expect(h.to(TEST_MAILBOXES.btg)[0].subject).toContain('[Quá hạn] Huyện ủy Tiên Du chưa nộp');
    await waitForRow(h, id, (r) => r.status === 'escalated' && r.escalationsSent === 2);

    await h.sleepUntil(weekly.at, MINUTE);
    await h.sink.waitForCount(4, 20_000);
    expect(h.to(TEST_MAILBOXES.btg)).toHaveLength(3);
    const row = await waitForRow(h, id, (r) => r.escalationsSent === 4);
    expect(row.nextStepKind).toBe('escalation');

    // Submitting late stops the weekly escalation; the bucket is "late".
    await handle.executeUpdate(submitUpdate, { args: [submission()] });
    await h.sink.waitForCount(6, 20_000); // the unit's two receipts
    await h.sleepUntil(weekly.at, 30 * 86_400_000);
    expect(h.sink.messages()).toHaveLength(6);
    expect(
      h.sink
        .messages()
        .slice(4)
        .every((m) => /^\[(Đã nhận văn bản|Submission received)\]/.test(m.subject)),
    ).toBe(true);
    const events = await new DeliverableProjectionRepository(h.db.dataSource).events(id);
    expect(events.map((e) => e.type)).toEqual([
      'opened',
      'overdue',
      'escalation',
      'escalation',
      'escalation',
      'submitted',
    ]);
  });

  it('escalates a grassroots unit to its level-1 superior as well as the collector', async () => {
    const { input, handle } = await h.startDeliverable({ unitId: TEST_GRASSROOTS.id, offsets: [] });
    const collector = h.steps(input)[1];
    await h.sleepUntil(collector.at, MINUTE);
    await h.sink.waitForCount(4, 20_000); // +1: grassroots head; +3: BTG and both contacts of the superior
    expect(h.to(TEST_MAILBOXES.grassrootsHead)).toHaveLength(1);
    expect(h.to(TEST_MAILBOXES.btg)).toHaveLength(1);
    expect(h.to(TEST_MAILBOXES.unitHead)[0].subject).toContain('Đảng ủy xã Lạc Vệ chưa nộp');
    expect(h.to(TEST_MAILBOXES.unitOfficer)[0].subject).toContain('[Overdue]');
    await handle.executeUpdate(waiveUpdate, {
      args: [{ reason: 'Kết thúc kiểm thử', byUnitId: TEST_BTG.id }],
    });
  });

  it('a returned submission reopens with the new due date and its own reminders; acceptance closes it', async () => {
    const { handle, id } = await h.startDeliverable({ offsets: [1] });
    await handle.executeUpdate(submitUpdate, { args: [submission()] });
    const newDueDate = cal.rollForward(addDays(await h.today(), 20));
    const returned = await handle.executeUpdate(reviewUpdate, {
      args: [{ decision: 'return', reviewerUnitId: TEST_BTG.id, comments: 'Bổ sung nội dung 3', newDueDate }],
    });
    expect(returned).toMatchObject({
      status: 'returned',
      dueDate: newDueDate,
      returns: 1,
      submission: expect.anything(),
    });
    const reminder = cal.addWorkingDays(newDueDate, -1);
    expect(returned.nextStepAt).toBe(`${reminder}T01:00:00.000Z`);
    await h.sleepUntil(returned.nextStepAt!, MINUTE);
    await h.sink.waitForCount(2, 20_000);

    await handle.executeUpdate(submitUpdate, { args: [submission()] });
    const accepted = await handle.executeUpdate(reviewUpdate, {
      args: [{ decision: 'accept', reviewerUnitId: TEST_BTG.id }],
    });
    expect(accepted.status).toBe('accepted');
    expect((await handle.result()).status).toBe('accepted');
    const events = await new DeliverableProjectionRepository(h.db.dataSource).events(id);
    expect(events.map((e) => e.type)).toEqual([
      'opened',
      'submitted',
      'returned',
      'reminder',
      'submitted',
      'accepted',
    ]);
    expect(events[2]).toMatchObject({ actorUnitId: TEST_BTG.id, reason: 'Bổ sung nội dung 3' });
    await recordHistory(handle, 'deliverable-returned-resubmitted-accepted');
  });

  it('only the collector reviews, and a return needs comments and a later due date', async () => {
    const { handle } = await h.startDeliverable();
    await handle.executeUpdate(submitUpdate, { args: [submission()] });
    const error = await handle
      .executeUpdate(reviewUpdate, {
        args: [{ decision: 'return', reviewerUnitId: TEST_UNIT.id, newDueDate: '2001-01-01' }],
      })
      .catch((e: unknown) => e as WorkflowUpdateFailedError);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(
      ((error as WorkflowUpdateFailedError).cause as unknown as { details: unknown[] }).details[0],
    ).toEqual([
      expect.objectContaining({ field: 'reviewerUnitId' }),
      expect.objectContaining({ field: 'comments' }),
      expect.objectContaining({ field: 'newDueDate' }),
    ]);
    expect((await handle.query(statusQuery)).status).toBe('submitted');
    // A review made on a version read before the submission is refused by the workflow itself.
    const { version } = await handle.query(statusQuery);
    const stale = await handle
      .executeUpdate(reviewUpdate, {
        args: [{ decision: 'accept', reviewerUnitId: TEST_BTG.id, expectedVersion: version - 1 }],
      })
      .catch((e: unknown) => e as WorkflowUpdateFailedError);
    expect(
      ((stale as WorkflowUpdateFailedError).cause as unknown as { details: unknown[] }).details[0],
    ).toEqual([expect.objectContaining({ field: 'version' })]);
    await handle.executeUpdate(reviewUpdate, {
      args: [{ decision: 'accept', reviewerUnitId: TEST_BTG.id, expectedVersion: version }],
    });
    expect((await handle.query(statusQuery)).status).toBe('accepted');
  });

  it('an extension moves the deadline: no overdue notice at the old date, reminders before the new one', async () => {
    const { handle, input, id } = await h.startDeliverable({ offsets: [1] });
    const oldOverdue = h.steps(input).find((s) => s.kind === 'overdue')!;
    const newDueDate = cal.rollForward(addDays(input.terms.dueDate, 14));
    const extended = await handle.executeUpdate(extendUpdate, {
      args: [{ newDueDate, reason: 'Đơn vị đang kiện toàn cấp ủy', grantedByUnitId: TEST_BTG.id }],
    });
    expect(extended).toMatchObject({
      dueDate: newDueDate,
      extensions: [{ from: input.terms.dueDate, to: newDueDate }],
    });
    await h.sleepUntil(oldOverdue.at, MINUTE);
    const reminders = await h.sink.waitForCount(0, 1_000);
    expect(reminders.filter((m) => m.subject.includes('Quá hạn') || m.subject.includes('quá hạn'))).toEqual(
      [],
    );
    const newOverdue = h.steps(input, newDueDate).find((s) => s.kind === 'overdue')!;
    await h.sleepUntil(newOverdue.at, MINUTE);
    await h.sink.waitForCount(3, 20_000); // 2 reminders (1 day before the new date) + 1 notice to the head
    const row = await waitForRow(h, id, (r) => r.status === 'overdue');
    expect(row.extensions).toHaveLength(1);
    await handle.executeUpdate(waiveUpdate, { args: [{ reason: 'Đơn vị sáp nhập', byUnitId: TEST_BTG.id }] });
    await recordHistory(handle, 'deliverable-extended-overdue-waived');
  });

  it('a waiver closes the deliverable and stops every reminder', async () => {
    const { handle, input, id } = await h.startDeliverable();
    const waived = await handle.executeUpdate(waiveUpdate, {
      args: [{ reason: 'Đơn vị giải thể', byUnitId: TEST_BTG.id }],
    });
    expect(waived).toMatchObject({ status: 'waived', closedReason: 'Đơn vị giải thể' });
    expect((await handle.result()).status).toBe('waived');
    // The unit is told (once per contact, in its language), with the calendar event taken off; no reminders.
    await h.sleepUntil(h.steps(input)[h.steps(input).length - 1].at, MINUTE);
    const told = h.sink.messages();
    expect(told.map((m) => m.subject.split(']')[0]).sort()).toEqual(['[Miễn thực hiện', '[Waived']);
    expect((await waitForRow(h, id, (r) => r.status === 'waived')).closedReason).toBe('Đơn vị giải thể');
    await recordHistory(handle, 'deliverable-waived');
  });
});
