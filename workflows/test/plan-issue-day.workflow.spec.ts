import { vnInstant } from '@dondoc/calendar';
import { DeliverableEntity, OutboxEntity } from '@dondoc/persistence';
import { recordHistory, TEST_TASK_QUEUE } from '@dondoc/testing';
import { planWorkflow } from '@dondoc/workflows';
import { planStatusQuery } from '@dondoc/workflows/src/plan/plan.messages';
import { PlanTestStack } from './plan-harness';

/**
 * A plan issued after its first period's opening instant (07:00 on the issue day): that period opens at
 * once, and since `plan-opens-before-announcing` the plan-issued mail follows the opening instead of
 * preceding it. The history recorded before the patch (`.v1`) replays because of the patch and fails
 * without it (determinism-break.spec.ts).
 */
describe('plan workflow: issued when its first period is already due (time-skipping)', () => {
  const stack = new PlanTestStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it('opens the due period first, then mails every unit the plan concerns', async () => {
    await stack.sleepUntil(vnInstant('2021-08-13', 9));
    const handle = await stack.env.client.workflow.start(planWorkflow, {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: 'plan:22-KH-TU',
      args: [{ planId: '22-KH-TU', clockOffsetMs: stack.offset }],
    });
    const ds = stack.db.dataSource;
    // Done when the plan waits for its next opening with no activity left (the mail is one activity).
    for (let i = 0; i < 300; i++) {
      const next = (await handle.query(planStatusQuery)).nextOpeningAt;
      const busy = (await handle.describe()).raw.pendingActivities?.length ?? 0;
      if (next && next > vnInstant('2021-08-14', 0) && busy === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const opened = await ds.getRepository(DeliverableEntity).findBy({ obligationId: 'implementation-plan' });
    expect(opened).toHaveLength(21);
    const mailed = await ds.getRepository(OutboxEntity).findBy({ kind: 'plan-issued' });
    expect(new Set(mailed.map((m) => m.unitId)).size).toBeGreaterThanOrEqual(21);

    const activities = ((await handle.fetchHistory()).events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
      .filter((name): name is string => !!name);
    expect(activities.indexOf('openPlanPeriod')).toBeLessThan(activities.indexOf('announcePlan'));
    expect(activities.indexOf('openPlanPeriod')).toBeGreaterThanOrEqual(0);

    await handle.terminate('the test has seen the issue day');
    await recordHistory(handle, 'plan-opened-on-issue-day');
  });
});
