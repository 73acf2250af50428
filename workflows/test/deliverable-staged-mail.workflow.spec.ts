import { messageIdFor } from '@dondoc/activities';
import { TEST_MAILBOXES, TEST_UNIT, recordHistory } from '@dondoc/testing';
import { statusQuery, submitUpdate } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import { STAGED_STEP_GRACE_MS } from '@dondoc/workflows/src/deliverable/deliverable.workflow';
import { stagedMailWorkflowId } from '@dondoc/workflows/src/mail/staged-mail.workflow';
import { DeliverableHarness, MINUTE, waitForRow } from './deliverable-harness';

const LEAD = 15 * MINUTE;

interface OutboxRow {
  key: string;
  status: string;
  message_id: string;
  staged_version: number | null;
  has_raw: boolean;
}

/**
 * Staged mail (STAGE_AHEAD_PATCH): a step's mail prepared ahead and sent at the instant by one
 * dispatcher per instant, the step itself after a grace. Time-skipping server, real worker, PostgreSQL
 * and SMTP sink.
 */
describe('deliverable workflow: mail staged ahead of its step', () => {
  const h = new DeliverableHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sink.clear();
    h.failStagedDispatch = false;
  });

  const rowsOf = (workflowId: string, step: string) =>
    h.db.dataSource.query<OutboxRow[]>(
      `SELECT key, status, message_id, staged_version, raw IS NOT NULL AS has_raw FROM outbox
        WHERE workflow_id = $1 AND step = $2 ORDER BY key`,
      [workflowId, step],
    );
  const submit = { unitId: TEST_UNIT.id, documentName: 'ke-hoach.pdf', coveredContents: ['decision-148'] };

  it('stages the reminder ahead, sends it at the instant through the dispatcher, exactly once', async () => {
    const { handle, input, id } = await h.startDeliverable({ stageLeadMs: LEAD, offsets: [3, 1] });
    const [first, second] = h.steps(input);

    await h.sleepUntil(first.at, -LEAD + MINUTE);
    const staged = await rowsOf(handle.workflowId, first.id);
    expect(staged).toHaveLength(2);
    for (const r of staged) {
      expect(r).toMatchObject({ status: 'pending', staged_version: 1, has_raw: true });
      expect(r.message_id).toBe(messageIdFor(r.key));
    }
    expect(h.sink.messages()).toHaveLength(0);

    // Sent at the instant by the dispatcher, dated the instant, with the outbox's Message-IDs.
    await h.sleepUntil(first.at, MINUTE);
    const mails = await h.sink.waitForCount(2, 20_000);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(
      [TEST_MAILBOXES.unitHead, TEST_MAILBOXES.unitOfficer].sort(),
    );
    expect(mails.map((m) => m.messageId).sort()).toEqual(staged.map((r) => r.message_id).sort());
    expect(mails.every((m) => m.date === first.at)).toBe(true);
    expect(h.to(TEST_MAILBOXES.unitHead)[0].subject).toContain('[Nhắc việc]');
    const dispatcher = h.env.client.workflow.getHandle(stagedMailWorkflowId(first.at));
    expect(await dispatcher.result()).toEqual({ sent: 2, failed: 0, withdrawn: 0, left: 0 });
    expect(await rowsOf(handle.workflowId, first.id)).toEqual(
      staged.map((r) => ({ ...r, status: 'sent', has_raw: false })),
    );

    // The step runs after its grace, finds its mail sent and records it: nothing goes out twice.
    await h.sleepUntil(first.at, STAGED_STEP_GRACE_MS + MINUTE);
    await waitForRow(h, id, (r) => r.remindersSent === 1);
    expect(await handle.query(statusQuery)).toMatchObject({ remindersSent: 1, nextStepAt: second.at });
    expect(h.sink.messages()).toHaveLength(2);

    await handle.executeUpdate(submitUpdate, { args: [submit] });
    await h.sink.waitForCount(4, 20_000); // the receipts
    await recordHistory(handle, 'deliverable-staged-reminder-submitted');
    await recordHistory(dispatcher, 'mail-staged-reminder-dispatched');
  });

  it('withdraws a staged reminder when the deliverable is submitted before its instant', async () => {
    const { handle, input } = await h.startDeliverable({ stageLeadMs: LEAD, offsets: [1] });
    const [first] = h.steps(input);
    await h.sleepUntil(first.at, -LEAD + MINUTE);
    expect(await rowsOf(handle.workflowId, first.id)).toHaveLength(2);

    await handle.executeUpdate(submitUpdate, { args: [submit] });
    await h.sink.waitForCount(2, 20_000); // the receipts
    await h.sleepUntil(first.at, STAGED_STEP_GRACE_MS + MINUTE);
    const dispatcher = h.env.client.workflow.getHandle(stagedMailWorkflowId(first.at));
    expect(await dispatcher.result()).toEqual({ sent: 0, failed: 0, withdrawn: 2, left: 0 });
    expect(await rowsOf(handle.workflowId, first.id)).toEqual([]);
    expect(
      h.sink
        .messages()
        .map((m) => m.subject.split(']')[0])
        .sort(),
    ).toEqual(['[Submission received', '[Đã nhận văn bản']);
  });

  it('a dispatcher that fails loses nothing: the step sends the staged mail itself after its grace', async () => {
    h.failStagedDispatch = true;
    const { handle, input } = await h.startDeliverable({ stageLeadMs: LEAD, offsets: [1] });
    const [first] = h.steps(input);
    await h.sleepUntil(first.at, MINUTE);
    expect(h.sink.messages()).toHaveLength(0);

    await h.sleepUntil(first.at, STAGED_STEP_GRACE_MS + MINUTE);
    const mails = await h.sink.waitForCount(2, 20_000);
    const rows = await rowsOf(handle.workflowId, first.id);
    expect(mails.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.message_id).sort());
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(await handle.query(statusQuery)).toMatchObject({ remindersSent: 1 });
    await handle.executeUpdate(submitUpdate, { args: [submit] });
  });
});
