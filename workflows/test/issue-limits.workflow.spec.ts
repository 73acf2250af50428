import { vnDateOf, vnInstant } from '@dondoc/calendar';
import { DEFAULT_ISSUE_LIMITS, issueSteps, URGENT_ISSUE_LIMITS } from '@dondoc/domain';
import { recordHistory, TEST_BTG, TEST_MAILBOXES } from '@dondoc/testing';
import * as m from '@dondoc/workflows/src/issue/issue.messages';
import { BTV_MAILBOX, cal, IssueHarness, MINUTE, TEST_BTV } from './issue-harness';

const BTG = TEST_BTG.id;
const BTV = TEST_BTV.id;
const far = '2100-01-01T00:00:00.000Z';

describe('issue workflow: every time limit, its reminder and its escalation (time-skipping)', () => {
  const h = new IssueHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeEach(async () => {
    await h.toWorkingMorning();
    h.sink.clear();
  });

  it('acknowledge (2 working days): reminds BTG the morning after, tells BTV after the grace, then both weekly', async () => {
    const { id, handle } = await h.report({ reporterEmail: null });
    const { clock } = await h.waitForIssue(id, (r) => r.version >= 1);
    expect(clock!.limitDate).toBe(cal.addWorkingDays(vnDateOf(await h.nowIso()), 2));
    const [reminder, escalation, weekly] = issueSteps(clock!, DEFAULT_ISSUE_LIMITS, cal, far);
    expect(reminder.at).toBe(vnInstant(cal.addWorkingDays(clock!.limitDate, 1), 8));
    expect(escalation.date).toBe(cal.addWorkingDays(reminder.date, 2));
    await h.sink.waitForCount(3, 20_000); // the report: reporter's two contacts + BTG
    h.sink.clear();

    await h.sleepUntil(reminder.at, -MINUTE);
    expect(h.sink.messages()).toHaveLength(0);
    await h.sleepUntil(reminder.at, MINUTE);
    await h.sink.waitForCount(3, 20_000);
    expect(h.to(TEST_MAILBOXES.btg)[0].subject).toContain('Đã quá thời hạn xử lý vấn đề');
    expect(h.to(BTV_MAILBOX)).toHaveLength(0);
    expect(h.to(TEST_MAILBOXES.unitHead)).toHaveLength(1); // the reporter is told too

    await h.sleepUntil(escalation.at, MINUTE);
    await h.sink.waitForCount(7, 20_000);
    expect(h.to(BTV_MAILBOX)[0].subject).toContain('Vấn đề quá hạn được báo cáo lên cấp trên');
    const row = await h.waitForIssue(id, (r) => r.escalationsSent === 1);
    expect(row).toMatchObject({ state: 'reported', holder: 'btg', remindersSent: 1 }); // BTG still holds it

    await h.sleepUntil(weekly.at, MINUTE);
    await h.sink.waitForCount(11, 20_000);
    expect(h.to(BTV_MAILBOX)).toHaveLength(2);
    expect(h.to(TEST_MAILBOXES.btg)).toHaveLength(3);
    expect(
      await h.waitForEventTypes(id, ['reported', 'limit-reminder', 'limit-escalation', 'limit-repeat']),
    ).toEqual(['reported', 'limit-reminder', 'limit-escalation', 'limit-repeat']);

    // Acting stops the chain; the next clock starts.
    const view = await handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    expect(view.nextStepKind).toBe('limit-reminder');
    expect(view.clock!.kind).toBe('handle');
    await recordHistory(handle, 'issue-acknowledge-limit-missed');
    await h.finish(handle);
  });

  it('handle (10 working days from the acknowledgement): reminds BTG, then tells BTV', async () => {
    const { handle } = await h.report({ reporterEmail: null });
    await handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    const view = await handle.executeUpdate(m.assignHandlerUpdate, {
      args: [{ byUnitId: BTG, handlerUnitId: BTG }],
    });
    expect(view.clock!.limitDate).toBe(cal.addWorkingDays(vnDateOf(await h.nowIso()), 10));
    const [reminder, escalation] = issueSteps(view.clock!, DEFAULT_ISSUE_LIMITS, cal, far);
    await h.sleepUntil(escalation.at, MINUTE);
    await h.sink.waitFor((x) => x.to.includes(BTV_MAILBOX), 20_000);
    const sent = h.sink
      .messages()
      .map((x) => `${x.to[0]}|${x.subject.includes('quá hạn') || x.subject.includes('quá thời hạn')}`);
    expect(sent).toEqual(expect.arrayContaining([`${TEST_MAILBOXES.btg}|true`, `${BTV_MAILBOX}|true`]));
    expect(reminder.date < escalation.date).toBe(true);
    expect((await handle.query(m.issueStatusQuery)).state).toBe('in-handling');
    await h.finish(handle);
  });

  it('direction (15 working days): reminds BTV, then BTV again weekly (no level above it)', async () => {
    const { handle } = await h.report({ reporterEmail: null });
    await handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    await handle.executeUpdate(m.assignHandlerUpdate, { args: [{ byUnitId: BTG, handlerUnitId: BTG }] });
    const view = await handle.executeUpdate(m.escalateUpdate, {
      args: [{ byUnitId: BTG, reason: 'Vượt thẩm quyền' }],
    });
    expect(view).toMatchObject({ state: 'escalated', holder: 'btv' });
    expect(view.clock).toMatchObject({
      kind: 'direction',
      limitDate: cal.addWorkingDays(vnDateOf(await h.nowIso()), 15),
    });
    await h.sink.waitForCount(11, 20_000); // reported 3, ack 2, handler 2, escalated 4
    h.sink.clear();
    const [reminder, weekly] = issueSteps(view.clock!, DEFAULT_ISSUE_LIMITS, cal, far);
    expect([reminder.kind, weekly.kind]).toEqual(['limit-reminder', 'limit-repeat']);
    await h.sleepUntil(weekly.at, MINUTE);
    await h.sink.waitForCount(6, 20_000); // each step: BTV + the reporter's two contacts
    expect(h.to(BTV_MAILBOX)).toHaveLength(2);
    expect(h.to(TEST_MAILBOXES.btg)).toHaveLength(0);
    expect((await handle.query(m.issueStatusQuery)).remindersSent).toBe(2);
    await h.finish(handle);
  });

  it('answer (5 working days): reminds the reporter, weekly after that; the paused clock waits', async () => {
    const { handle } = await h.report({ reporterEmail: null });
    await handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    const view = await handle.executeUpdate(m.requestInfoUpdate, {
      args: [{ byUnitId: BTG, question: 'Bao nhiêu chi bộ?' }],
    });
    expect(view.clock).toMatchObject({ kind: 'answer', holder: 'reporter' });
    const [reminder] = issueSteps(view.clock!, DEFAULT_ISSUE_LIMITS, cal, far);
    await h.sink.waitForCount(7, 20_000); // reported 3, acknowledged 2, info-requested 2
    h.sink.clear();
    await h.sleepUntil(reminder.at, MINUTE);
    await h.sink.waitForCount(2, 20_000);
    expect(h.to(TEST_MAILBOXES.unitHead)[0].subject).toContain('Đã quá thời hạn xử lý vấn đề');
    expect(h.to(TEST_MAILBOXES.btg)).toHaveLength(0);
    await h.finish(handle);
  });

  it('urgent: shorter limits, and straight from reported to BTV', async () => {
    const { handle } = await h.report({ severity: 'urgent', reporterEmail: null });
    expect((await handle.query(m.issueStatusQuery)).clock!.limitDate).toBe(
      cal.addWorkingDays(vnDateOf(await h.nowIso()), URGENT_ISSUE_LIMITS.acknowledge),
    );
    const view = await handle.executeUpdate(m.escalateUpdate, {
      args: [{ byUnitId: BTG, reason: 'Khẩn cấp' }],
    });
    expect(view.clock!.limitDate).toBe(
      cal.addWorkingDays(vnDateOf(await h.nowIso()), URGENT_ISSUE_LIMITS.direction),
    );
    const mail = await h.sink.waitFor((x) => x.to.includes(BTV_MAILBOX), 20_000);
    expect(mail.subject).toMatch(/^\[Khẩn\] /);
    await handle.executeUpdate(m.directionUpdate, {
      args: [{ byUnitId: BTV, instructions: 'Xử lý ngay', units: [] }],
    });
    await h.finish(handle);
  });

  it('a plan overrides the limits per severity', async () => {
    const { handle } = await h.report({
      planLimits: { acknowledge: 4, urgent: { acknowledge: 2 } },
      reporterEmail: null,
    });
    expect((await handle.query(m.issueStatusQuery)).clock!.limitDate).toBe(
      cal.addWorkingDays(vnDateOf(await h.nowIso()), 4),
    );
    await h.finish(handle);
  });
});
