import { vnInstant } from '@dondoc/calendar';
import { DeliverableEntity, PlanAmendmentEntity } from '@dondoc/persistence';
import { recordHistory, TEST_TASK_QUEUE } from '@dondoc/testing';
import { planWorkflow } from '@dondoc/workflows';
import { reviewUpdate, submitUpdate } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import { PlanTestStack } from './plan-harness';
import {
  cancelPlanUpdate,
  planStatusQuery,
  removeUnitUpdate,
} from '@dondoc/workflows/src/plan/plan.messages';

describe('plan workflow: issuing 22-KH/TU over the Bắc Ninh 2021 tree (time-skipping)', () => {
  const stack = new PlanTestStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());
  const simSleepUntil = (instant: string) => stack.sleepUntil(instant);
  const rows = (where: { planId?: string; obligationId?: string }) =>
    stack.db.dataSource.getRepository(DeliverableEntity).findBy(where);
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = await probe();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('opens the term deliverables at issuance, cascades on acceptance, and cancels on request', async () => {
    const handle = await stack.env.client.workflow.start(planWorkflow, {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: 'plan:22-KH-TU',
      args: [{ planId: '22-KH-TU', clockOffsetMs: stack.offset }],
    });
    // Time moves only when the test says so: to the morning of the issue date, when the term's deliverables open.
    await simSleepUntil(vnInstant('2021-08-13', 7, 30));
    const impl = await waitFor('21 implementation plans', async () => {
      const r = await rows({ obligationId: 'implementation-plan' });
      return r.length === 21 && r.every((d) => d.version >= 1) ? r : undefined;
    });
    expect(new Set(impl.map((d) => d.dueDate))).toEqual(new Set(['2021-09-13']));
    expect(impl.every((d) => d.collectorUnitId === 'BTG-TU')).toBe(true);

    // Tiên Du hands in and BTG accepts on 1/9/2021: its grassroots units owe their plans 30 days later.
    await simSleepUntil(vnInstant('2021-09-01', 9));
    const tienDu = impl.find((d) => d.unitId === 'HU-TIEN-DU')!;
    const deliverable = stack.env.client.workflow.getHandle(tienDu.workflowId);
    await deliverable.executeUpdate(submitUpdate, {
      args: [{ unitId: 'HU-TIEN-DU', documentName: 'kh-15.pdf', coveredContents: tienDu.requiredContents }],
    });
    await deliverable.executeUpdate(reviewUpdate, {
      args: [{ decision: 'accept', reviewerUnitId: 'BTG-TU' }],
    });
    const cascade = await waitFor('the cascade', async () => {
      const r = await rows({ obligationId: 'grassroots-plan' });
      return r.length > 0 && r.every((d) => d.version >= 1) ? r : undefined;
    });
    expect(cascade.every((d) => d.collectorUnitId === 'HU-TIEN-DU')).toBe(true);
    expect(new Set(cascade.map((d) => d.dueDate))).toEqual(new Set(['2021-10-01']));

    // Reorganisation: Thị ủy Từ Sơn becomes Thành ủy Từ Sơn; what it still owes passes to its successor.
    const before = await rows({ planId: '22-KH-TU' });
    const owedByOld = before.filter((d) => d.unitId === 'TXU-TU-SON' && d.status === 'open');
    const reorg = await handle.executeUpdate(removeUnitUpdate, {
      args: [{ unitId: 'TXU-TU-SON', reason: 'Thành lập thành phố Từ Sơn', reassignTo: 'TU-TP-TU-SON' }],
    });
    expect(reorg.cancelled).toBe(owedByOld.length);
    expect(reorg.reassigned).toBeGreaterThan(0);
    const successor = await waitFor('the successor deliverables', async () => {
      const r = (await rows({ planId: '22-KH-TU' })).filter(
        (d) => d.unitId === 'TU-TP-TU-SON' && d.obligationId === 'implementation-plan',
      );
      return r.length === 1 ? r : undefined;
    });
    expect(successor[0]).toMatchObject({ dueDate: '2021-09-13', collectorUnitId: 'BTG-TU' });
    const old = (await rows({ planId: '22-KH-TU' })).filter((d) => d.unitId === 'TXU-TU-SON');
    expect(
      old.every((d) => d.status === 'cancelled' && d.closedReason === 'Thành lập thành phố Từ Sơn'),
    ).toBe(true);

    const result = await handle.executeUpdate(cancelPlanUpdate, {
      args: [{ reason: 'Kiểm thử hủy kế hoạch' }],
    });
    expect(result.cancelled).toBeGreaterThan(20);
    const after = await rows({ planId: '22-KH-TU' });
    expect(after.filter((d) => !['cancelled', 'accepted'].includes(d.status))).toEqual([]);
    expect((await handle.query(planStatusQuery)).status).toBe('cancelled');
    expect(
      await stack.db.dataSource
        .getRepository(PlanAmendmentEntity)
        .find({ where: { planId: '22-KH-TU' }, order: { id: 'ASC' } }),
    ).toEqual([
      expect.objectContaining({
        kind: 'remove-unit',
        outcome: { cancelled: reorg.cancelled, reassigned: reorg.reassigned },
      }),
      expect.objectContaining({ kind: 'cancel-plan', outcome: { cancelled: result.cancelled } }),
    ]);
    await handle.result();
    await recordHistory(handle, 'plan-issued-cascade-reorganised-cancelled');
    await recordHistory(deliverable, 'deliverable-accepted-cascade-parent');
  });
});
