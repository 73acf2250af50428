import { vnInstant } from '@dondoc/calendar';
import { recordHistory, TEST_TASK_QUEUE } from '@dondoc/testing';
import { dailyMailWorkflow, planWorkflow } from '@dondoc/workflows';
import { DAILY_MAIL_WORKFLOW_ID } from '@dondoc/workflows/src/mail/daily-mail.workflow';
import { PlanTestStack } from './plan-harness';

/**
 * `mail:daily` over 22-KH/TU and the Bắc Ninh 2021 tree, where four contacts chose the daily digest
 * (among them Tiên Du's liaison, in English): their reminders are folded into one mail per working
 * day at 08:00 instead of arriving one by one; everyone else gets them as they happen.
 */
describe('daily mail workflow: digests for the contacts who chose them (time-skipping)', () => {
  const stack = new PlanTestStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());
  const LIAISON = 'liaison.tiendu@bacninh.example';
  const OFFICE = 'vanphong.tiendu@bacninh.example';

  it('folds a digest contact’s reminders into one daily digest; the others get them at once', async () => {
    await stack.env.client.workflow.start(planWorkflow, {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: 'plan:22-KH-TU',
      args: [{ planId: '22-KH-TU', clockOffsetMs: stack.offset }],
    });
    const daily = await stack.env.client.workflow.start(dailyMailWorkflow, {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: DAILY_MAIL_WORKFLOW_ID,
      args: [{ opensAtMinute: 8 * 60, clockOffsetMs: stack.offset }],
    });
    // The plan-issued mail is not digested: everyone the plan concerns gets it on the day.
    await stack.sleepUntil(vnInstant('2021-08-13', 9));
    expect(stack.sink.messages().some((m) => m.to.includes(LIAISON) && /^\[New plan\]/.test(m.subject))).toBe(
      true,
    );
    stack.sink.clear();

    // 26/08 08:00: the first reminder of the implementation plans (due 13/09). The office gets it;
    // the liaison gets it in a digest (that morning's or the next, whichever run comes after it).
    await stack.sleepUntil(vnInstant('2021-08-27', 9));
    const toLiaison = stack.sink.messages().filter((m) => m.to.includes(LIAISON));
    const toOffice = stack.sink.messages().filter((m) => m.to.includes(OFFICE));
    expect(toOffice.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^\[Nhắc việc\] Kế hoạch 22-KH\/TU/),
    ]);
    expect(toLiaison.filter((m) => /^\[Reminder\]/.test(m.subject))).toEqual([]);
    const digests = toLiaison.filter((m) => /^\[Daily digest\]/.test(m.subject));
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain('due Monday, 13 September 2021');
    const carried = (await stack.db.dataSource.query(
      `SELECT kind, digest_key FROM outbox WHERE recipient = $1 AND status = 'digested'`,
      [LIAISON],
    )) as { kind: string; digest_key: string | null }[];
    expect(carried.length).toBeGreaterThan(0);
    expect(
      carried.every((r) => r.kind === 'reminder' && r.digest_key?.startsWith('mail:daily/digest:2021-08-2')),
    ).toBe(true);

    // Nothing new for them the day after: no empty digest.
    stack.sink.clear();
    await stack.sleepUntil(vnInstant('2021-08-30', 9));
    expect(stack.sink.messages().filter((m) => m.to.includes(LIAISON))).toEqual([]);
    await recordHistory(daily, 'mail-daily-digest');
  });
});
