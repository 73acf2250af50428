import { vnInstant } from '@dondoc/calendar';
import {
  DeliverableEntity,
  DeliverableEventEntity,
  DeliverableProjectionRepository,
  DeliverableUrgingEntity,
} from '@dondoc/persistence';
import { toUrgingEventDto } from '../../apps/api/src/deliverables/deliverable.mapper';
import { recordHistory, TEST_TASK_QUEUE } from '@dondoc/testing';
import { planWorkflow } from '@dondoc/workflows';
import { cancelPlanUpdate } from '@dondoc/workflows/src/plan/plan.messages';
import { PlanUrgingView } from '@dondoc/workflows/src/urging/plan-urging.workflow';
import { PlanTestStack } from './plan-harness';

/**
 * "Weekly after that" (DOMAIN.md) as the plan's weekly digest: the implementation plans due
 * 13/09/2021 reach BTG at +7 working days (22/09); a week later they are in the Monday digest
 * (04/10/2021), then every Monday, until the plan is cancelled.
 */
describe('plan urging workflow: the weekly digest of long-overdue deliverables (time-skipping)', () => {
  const stack = new PlanTestStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());
  const simSleepUntil = (instant: string) => stack.sleepUntil(instant);

  const urgings = (urgedOn: string) =>
    stack.db.dataSource.getRepository(DeliverableUrgingEntity).findBy({ planId: '22-KH-TU', urgedOn });

  it('names every overdue implementation plan in one mail per BTG contact each Monday, and stops with the plan', async () => {
    const plan = await stack.env.client.workflow.start(planWorkflow, {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: 'plan:22-KH-TU',
      args: [{ planId: '22-KH-TU', clockOffsetMs: stack.offset }],
    });
    await simSleepUntil(vnInstant('2021-09-27', 9));
    expect(await urgings('2021-09-27')).toEqual([]); // BTG heard of them on 22/09: not a week ago yet

    stack.sink.clear();
    await simSleepUntil(vnInstant('2021-10-04', 9));
    const implementation = await stack.db.dataSource
      .getRepository(DeliverableEntity)
      .findBy({ planId: '22-KH-TU', obligationId: 'implementation-plan' });
    expect(implementation).toHaveLength(21);
    expect(implementation.every((d) => d.weeklyByPlan)).toBe(true);
    const first = await urgings('2021-10-04');
    const urgedIds = new Set(first.map((u) => u.deliverableId));
    for (const d of implementation) expect(urgedIds.has(d.id)).toBe(true);
    for (const u of first.filter((x) => x.deliverableId.includes('implementation-plan'))) {
      expect(u.at.toISOString()).toBe(vnInstant('2021-10-04', 8));
      expect(u.workingDaysOverdue).toBe(15);
      expect(u.recipients).toEqual(
        expect.arrayContaining(['truongban.btg@bacninh.example', 'lyluan.btg@bacninh.example']),
      );
    }
    // One digest per BTG contact, not one mail per deliverable.
    const digests = stack.sink
      .messages()
      .filter((m) => /^\[(Đôn đốc hằng tuần|Weekly follow-up)\]/.test(m.subject));
    expect(
      digests
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual([...new Set(first.flatMap((u) => u.recipients))].sort());
    const vietnamese = digests.find((m) => m.to.includes('truongban.btg@bacninh.example'))!;
    expect(vietnamese.subject).toContain(`${first.length} nhiệm vụ quá hạn`);
    expect(vietnamese.text).toContain('Thứ Hai, 04/10/2021');
    const english = digests.find((m) => m.to.includes('liaison.btg@bacninh.example'))!;
    expect(english.subject).toContain(`${first.length} overdue obligations`);

    // The deliverables themselves stop after the chain: overdue, two escalations, no weekly repeat.
    const own = await stack.db.dataSource
      .getRepository(DeliverableEventEntity)
      .find({ where: { deliverableId: implementation[0].id }, order: { version: 'ASC' } });
    expect(own.filter((e) => e.type === 'escalation').map((e) => e.step)).toEqual([
      'escalation:2021-09-13:1',
      'escalation:2021-09-13:2',
    ]);

    await simSleepUntil(vnInstant('2021-10-11', 9));
    // The deliverable's history (API /deliverables/:id/events) lists the digests that named it.
    const history = await new DeliverableProjectionRepository(stack.db.dataSource).urgings(
      implementation[0].id,
    );
    expect(history.map((u) => u.urgedOn)).toEqual(['2021-10-04', '2021-10-11']);
    expect(toUrgingEventDto(history[0])).toMatchObject({
      version: null,
      type: 'escalation',
      at: vnInstant('2021-10-04', 8),
      step: 'weekly:2021-10-04',
    });
    expect((await urgings('2021-10-11')).length).toBeGreaterThanOrEqual(21);

    await plan.executeUpdate(cancelPlanUpdate, { args: [{ reason: 'Thử nghiệm dừng kế hoạch' }] });
    const urging = stack.env.client.workflow.getHandle('urging:22-KH-TU');
    await simSleepUntil(vnInstant('2021-10-18', 9));
    expect(await urgings('2021-10-18')).toEqual([]);
    expect((await urging.result()) as PlanUrgingView).toEqual({ digests: 9, ended: 'plan-closed' }); // every Monday from 16/08;
    await recordHistory(urging, 'urging-weekly-digests-plan-cancelled');
  }, 180_000);
});
