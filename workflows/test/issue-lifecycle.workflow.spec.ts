import { WorkflowUpdateFailedError } from '@temporalio/client';
import { vnDateOf } from '@dondoc/calendar';
import { ReportedIssueRepository } from '@dondoc/persistence';
import { recordHistory, TEST_BTG, TEST_MAILBOXES } from '@dondoc/testing';
import * as m from '@dondoc/workflows/src/issue/issue.messages';
import { cal, IssueHarness, MINUTE, REPORTER_MAILBOX } from './issue-harness';

const BTG = TEST_BTG.id;
const REPORTER = 'HU-TIEN-DU';

describe('issue workflow: lifecycle, paused clock, reopen (time-skipping)', () => {
  const h = new IssueHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeEach(async () => {
    await h.toWorkingMorning();
    h.sink.clear();
  });

  it('reported → acknowledged → in-handling → resolved → closed, the reporter told at every step', async () => {
    const { id, handle } = await h.report();
    const reported = await h.waitForIssue(id, (r) => r.version >= 1);
    expect(reported).toMatchObject({ state: 'reported', holder: 'btg', reporterName: 'Lê Văn Cường' });
    expect(reported.clock?.limitDate).toBe(cal.addWorkingDays(vnDateOf(await h.nowIso()), 2));
    await h.sink.waitForCount(4, 20_000); // reporter head + officer + reporter's own address, BTG
    expect(h.to(TEST_MAILBOXES.btg)[0].subject).toContain('Có vấn đề phát sinh mới được báo cáo');
    expect(h.to(TEST_MAILBOXES.unitOfficer)[0].subject).toContain('A new issue has been reported');

    let view = await handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    expect(view).toMatchObject({ state: 'acknowledged', holder: 'btg' });
    const handleLimit = view.clock!.limitDate;
    expect(handleLimit).toBe(cal.addWorkingDays(vnDateOf(await h.nowIso()), 10));
    view = await handle.executeUpdate(m.assignHandlerUpdate, {
      args: [{ byUnitId: BTG, handlerUnitId: BTG, handlerContactId: 'c-42' }],
    });
    expect(view).toMatchObject({ state: 'in-handling', handlerUnitId: BTG });
    expect(view.clock!.limitDate).toBe(handleLimit); // assigning a handler buys no time
    view = await handle.executeUpdate(m.resolveUpdate, {
      args: [{ byUnitId: BTG, resolution: 'Đã cấp bổ sung tài liệu' }],
    });
    expect(view).toMatchObject({ state: 'resolved', resolution: 'Đã cấp bổ sung tài liệu', limitAt: null });
    view = await handle.executeUpdate(m.closeUpdate, { args: [{ byUnitId: BTG }] });
    expect(view.state).toBe('closed');

    const types = await h.waitForEventTypes(id, [
      'reported',
      'acknowledged',
      'handler-assigned',
      'resolved',
      'closed',
    ]);
    expect(types).toEqual(['reported', 'acknowledged', 'handler-assigned', 'resolved', 'closed']);
    // 5 events × (head, officer, reporter's address) to the reporter + BTG on reported/resolved/closed.
    await h.sink.waitForCount(18, 20_000);
    expect(h.to(REPORTER_MAILBOX)).toHaveLength(5);
    expect(h.to(TEST_MAILBOXES.unitHead).map((x) => x.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Ban Tuyên giáo đã tiếp nhận vấn đề')]),
    );
    await recordHistory(handle, 'issue-resolved-closed');
  });

  it('refuses a wrong actor or state with the field named, recording nothing', async () => {
    const { id, handle } = await h.report();
    await h.waitForIssue(id, (r) => r.version >= 1);
    const err = await handle
      .executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: REPORTER }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((err as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'CommandRejected',
      details: [[{ field: 'byUnitId', reason: expect.stringContaining('only Ban Tuyên giáo') }]],
    });
    await expect(
      handle.executeUpdate(m.escalateUpdate, { args: [{ byUnitId: BTG, reason: 'x' }] }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    expect((await handle.query(m.issueStatusQuery)).version).toBe(1);
  });

  it('pauses the handling clock while the reporter owes an answer and moves the limit by exactly the paused working days', async () => {
    const { id, handle } = await h.report();
    await handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    const { clock } = await handle.executeUpdate(m.assignHandlerUpdate, {
      args: [{ byUnitId: BTG, handlerUnitId: BTG }],
    });
    const asked = await handle.executeUpdate(m.requestInfoUpdate, {
      args: [{ byUnitId: BTG, question: 'Đề nghị cho biết số chi bộ chưa nhận tài liệu' }],
    });
    expect(asked).toMatchObject({ state: 'info-requested', holder: 'reporter' });
    expect(asked.pausedClock!.clock.limitDate).toBe(clock!.limitDate);
    expect(asked.clock).toMatchObject({ kind: 'answer', holder: 'reporter' });
    const pausedOn = vnDateOf(await h.nowIso());

    // Three working days later the reporter answers.
    await h.sleepUntil(`${cal.addWorkingDays(pausedOn, 3)}T03:00:00.000Z`);
    const answered = await handle.executeUpdate(m.answerInfoUpdate, {
      args: [{ byUnitId: REPORTER, answer: '12 chi bộ' }],
    });
    expect(answered).toMatchObject({ state: 'in-handling', holder: 'btg', pausedClock: null });
    expect(answered.clock!.limitDate).toBe(cal.addWorkingDays(clock!.limitDate, 3));
    expect(cal.workingDaysBetween(clock!.limitDate, answered.clock!.limitDate)).toBe(3);
    expect(answered.infoRequests[0]).toMatchObject({ answer: '12 chi bộ' });
    await h.waitForEventTypes(id, [
      'reported',
      'acknowledged',
      'handler-assigned',
      'info-requested',
      'info-answered',
    ]);

    // The reminder comes on the working morning after the moved limit, not the original one.
    await h.sleepUntil(`${cal.addWorkingDays(clock!.limitDate, 1)}T01:00:00.000Z`, MINUTE);
    expect((await handle.query(m.issueStatusQuery)).remindersSent).toBe(0);
    await h.sleepUntil(`${cal.addWorkingDays(answered.clock!.limitDate, 1)}T01:00:00.000Z`, MINUTE);
    await h.waitForIssue(id, (r) => r.remindersSent === 1);
    await recordHistory(handle, 'issue-info-requested-answered');
    await handle.executeUpdate(m.resolveUpdate, { args: [{ byUnitId: BTG, resolution: 'Xong' }] });
  });

  it('reopens a closed issue into handling with a fresh limit, by the reporter', async () => {
    const { id, handle } = await h.report();
    await handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    await handle.executeUpdate(m.assignHandlerUpdate, { args: [{ byUnitId: BTG, handlerUnitId: BTG }] });
    await handle.executeUpdate(m.resolveUpdate, { args: [{ byUnitId: BTG, resolution: 'Đã hướng dẫn' }] });
    await handle.executeUpdate(m.closeUpdate, { args: [{ byUnitId: BTG }] });
    await h.sleepUntil(await h.nowIso(), 2 * 86_400_000);
    const view = await handle.executeUpdate(m.reopenUpdate, {
      args: [{ byUnitId: REPORTER, reason: 'Tài liệu cấp bổ sung chưa đủ' }],
    });
    expect(view).toMatchObject({ state: 'in-handling', reopenCount: 1, resolution: null, closedAt: null });
    expect(view.clock).toMatchObject({
      kind: 'handle',
      limitDate: cal.addWorkingDays(vnDateOf(await h.nowIso()), 10),
    });
    const row = await h.waitForIssue(id, (r) => r.state === 'in-handling' && r.reopenCount === 1);
    expect(row.resolution).toBeNull();
    await handle.executeUpdate(m.resolveUpdate, { args: [{ byUnitId: BTG, resolution: 'Đã cấp đủ' }] });
  });

  it('closes a resolved issue by itself when the reporter does not object within the window', async () => {
    const { id, handle } = await h.report();
    await handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    await handle.executeUpdate(m.assignHandlerUpdate, { args: [{ byUnitId: BTG, handlerUnitId: BTG }] });
    const resolved = await handle.executeUpdate(m.resolveUpdate, {
      args: [{ byUnitId: BTG, resolution: 'Xong' }],
    });
    expect(resolved.clock).toMatchObject({
      kind: 'close',
      limitDate: cal.addWorkingDays(vnDateOf(await h.nowIso()), 5),
    });
    expect(resolved.nextStepKind).toBe('auto-close');
    await h.sleepUntil(resolved.nextStepAt!, MINUTE);
    const row = await h.waitForIssue(id, (r) => r.state === 'closed');
    expect(row.closedAt).not.toBeNull();
    const last = (await h.events(id)).pop()!;
    expect(last).toMatchObject({ type: 'closed', reason: expect.stringContaining('Tự động đóng') });
    // The workflow completes once the reopen window has passed.
    await h.sleepUntil(await h.nowIso(), 61 * 86_400_000);
    expect((await handle.result()).state).toBe('closed');
  });

  it('keeps person data out of the workflow input and history', async () => {
    const { handle } = await h.report();
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).not.toContain('Cường');
    expect(history).not.toContain(REPORTER_MAILBOX);
    const row = await new ReportedIssueRepository(h.db.dataSource).findById(handle.workflowId.slice(6));
    expect(row?.reporterEmail).toBe(REPORTER_MAILBOX);
    await h.finish(handle);
  });
});
