import { DeliverableProjectionRepository } from '@dondoc/persistence';
import {
  recordHistory,
  TEST_BTG,
  TEST_GRASSROOTS,
  TEST_MAILBOXES,
  TEST_TASK_QUEUE,
  TEST_UNIT,
} from '@dondoc/testing';
import {
  cancelUpdate,
  reviewUpdate,
  submitUpdate,
  waiveUpdate,
} from '@dondoc/workflows/src/deliverable/deliverable.messages';
import * as m from '@dondoc/workflows/src/issue/issue.messages';
import { addDays, vnDateOf } from '@dondoc/calendar';
import { driveIssue } from '../../apps/cli/src/simulate/issue-driver';
import { cal, IssueHarness, TEST_BTV } from './issue-harness';

const BTG = TEST_BTG.id;
const BTV = TEST_BTV.id;

describe('issue workflow: BTV directions open deliverables; the issue resolves when they close (time-skipping)', () => {
  const h = new IssueHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeEach(async () => {
    await h.toWorkingMorning();
    h.sink.clear();
  });

  async function escalated() {
    const r = await h.report({ reporterEmail: null });
    await r.handle.executeUpdate(m.acknowledgeUpdate, { args: [{ byUnitId: BTG }] });
    await r.handle.executeUpdate(m.assignHandlerUpdate, { args: [{ byUnitId: BTG, handlerUnitId: BTG }] });
    await r.handle.executeUpdate(m.escalateUpdate, {
      args: [{ byUnitId: BTG, reason: 'Cần ý kiến chỉ đạo' }],
    });
    return r;
  }

  it('opens one deliverable per named unit and resolves when they are accepted or waived', async () => {
    const { id, handle } = await escalated();
    const dueDate = cal.rollForward(addDays(vnDateOf(await h.nowIso()), 20));
    const view = await handle.executeUpdate(m.directionUpdate, {
      args: [
        {
          byUnitId: BTV,
          instructions: 'Tổ chức tập huấn lại',
          units: [TEST_UNIT.id, TEST_GRASSROOTS.id],
          dueDate,
        },
      ],
    });
    expect(view.state).toBe('directed');
    expect(view.clock).toBeNull();
    const ids = [TEST_UNIT.id, TEST_GRASSROOTS.id].map((u) => `22-KH-TU:issue-direction:${u}:${id}`);
    expect(view.directions[0].deliverables).toEqual(
      ids.map((d, i) => ({ id: d, unitId: [TEST_UNIT.id, TEST_GRASSROOTS.id][i], status: 'open' })),
    );

    const rows = new DeliverableProjectionRepository(h.db.dataSource);
    for (let i = 0; i < 100 && !(await rows.findById(ids[1])); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await rows.findById(ids[0])).toMatchObject({
      collectorUnitId: BTG,
      dueDate,
      period: id,
      obligationId: 'issue-direction',
    });
    // The directed units are told by mail as well as the reporter.
    await h.sink.waitFor((x) => x.to.includes(TEST_MAILBOXES.grassrootsHead), 20_000);

    const first = h.env.client.workflow.getHandle(`deliverable:${ids[0]}`);
    await first.executeUpdate(submitUpdate, {
      args: [{ unitId: TEST_UNIT.id, documentName: 'bao-cao.pdf' }],
    });
    await first.executeUpdate(reviewUpdate, { args: [{ decision: 'accept', reviewerUnitId: BTG }] });
    await h.waitForIssue(id, (r) => r.directions[0].deliverables[0].status === 'accepted');
    expect((await handle.query(m.issueStatusQuery)).state).toBe('directed');
    const refused = await handle
      .executeUpdate(m.resolveUpdate, { args: [{ byUnitId: BTG, resolution: 'x' }] })
      .catch((e: { cause?: { message?: string } }) => e.cause?.message);
    expect(refused).toContain('1 direction deliverable(s) are still open');

    const second = h.env.client.workflow.getHandle(`deliverable:${ids[1]}`);
    await second.executeUpdate(waiveUpdate, { args: [{ reason: 'Đã sáp nhập', byUnitId: BTG }] });
    const row = await h.waitForIssue(id, (r) => r.state === 'resolved');
    expect(row.resolution).toContain('1 được chấp nhận, 1 được miễn, 0 bị hủy');
    const types = (await h.events(id)).map((e) => e.type);
    expect(types.slice(-4)).toEqual([
      'directed',
      'direction-deliverable-closed',
      'direction-deliverable-closed',
      'resolved',
    ]);
    await recordHistory(handle, 'issue-directed-resolved');
    await h.finish(handle);
  });

  it('counts a cancelled deliverable (plan amended) as done, and says so in the resolution', async () => {
    const { id, handle } = await escalated();
    const dueDate = cal.rollForward(addDays(vnDateOf(await h.nowIso()), 20));
    await handle.executeUpdate(m.directionUpdate, {
      args: [{ byUnitId: BTV, instructions: 'Rà soát', units: [TEST_UNIT.id], dueDate }],
    });
    const d = h.env.client.workflow.getHandle(`deliverable:22-KH-TU:issue-direction:${TEST_UNIT.id}:${id}`);
    await d.executeUpdate(cancelUpdate, { args: [{ reason: 'Kế hoạch được sửa đổi' }] });
    const row = await h.waitForIssue(id, (r) => r.state === 'resolved');
    expect(row.resolution).toContain('1 bị hủy');
    await h.finish(handle);
  });

  it('a direction naming no unit leaves the resolution to BTG', async () => {
    const { handle } = await escalated();
    await handle.executeUpdate(m.directionUpdate, {
      args: [{ byUnitId: BTV, instructions: 'BTG hướng dẫn', units: [] }],
    });
    const v = await handle.executeUpdate(m.resolveUpdate, {
      args: [{ byUnitId: BTG, resolution: 'Đã hướng dẫn' }],
    });
    expect(v.state).toBe('resolved');
    await h.finish(handle);
  });

  it('driveIssue plays a behaviour-file issue: report, acknowledgement, escalation, direction, the units done, close', async () => {
    const today = vnDateOf(await h.nowIso());
    const on = cal.addWorkingDays(today, 1);
    const escalate = cal.addWorkingDays(on, 3);
    const due = cal.addWorkingDays(escalate, 10);
    const done = cal.addWorkingDays(escalate, 4);
    const close = cal.addWorkingDays(done, 1);
    const play = await driveIssue(
      {
        client: h.env.client,
        dataSource: h.db.dataSource,
        taskQueue: TEST_TASK_QUEUE,
        planId: '22-KH-TU',
        sleepUntil: (i) => h.sleepUntil(i),
      },
      {
        issue: { reported_by: TEST_UNIT.id, on, severity: 'normal' },
        escalate_on: escalate,
        direction: { units: [TEST_UNIT.id], due },
        resolve_on: done,
        close_on: close,
      },
    );
    const view = await play.handle.query(m.issueStatusQuery);
    expect(view).toMatchObject({ state: 'closed', id: play.id });
    expect(vnDateOf(view.reportedAt)).toBe(on);
    expect(vnDateOf(view.escalatedAt!)).toBe(escalate);
    expect(vnDateOf(view.directedAt!)).toBe(escalate);
    expect(vnDateOf(view.resolvedAt!)).toBe(done);
    expect(vnDateOf(view.closedAt!)).toBe(close);
    await h.waitForIssue(play.id, (r) => r.state === 'closed');
    expect((await play.events()).map((e) => e.type)).toEqual([
      'reported',
      'acknowledged',
      'handler-assigned',
      'escalated',
      'directed',
      'direction-deliverable-closed',
      'resolved',
      'closed',
    ]);
    const d = await new DeliverableProjectionRepository(h.db.dataSource).findById(
      `22-KH-TU:issue-direction:${TEST_UNIT.id}:${play.id}`,
    );
    expect(d?.status).toBe('accepted');
    await h.finish(play.handle);
  });
});
