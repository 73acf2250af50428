import { bucketOf, DELIVERABLE_STATUSES } from '@dondoc/domain';
import { DeliverableProjection, DeliverableProjectionRepository } from '@dondoc/persistence';
import { createTestDatabase, TestDatabase } from '@dondoc/testing';
import { PlanStatusRepository } from './plan-status.repository';

const DEADLINE = '2021-09-13T17:00:00.000Z';
const BEFORE = '2021-09-13T16:59:59.999Z';
const AFTER = '2021-09-14T02:00:00.000Z';

/** Every status × submission instant, at instants on both sides of the deadline. */
function grid(): DeliverableProjection[] {
  const rows: DeliverableProjection[] = [];
  for (const status of DELIVERABLE_STATUSES)
    for (const submittedAt of [null, BEFORE, DEADLINE, AFTER]) {
      const unitId = `U-${rows.length}`;
      rows.push({
        id: `P:o:${unitId}:term`,
        workflowId: `deliverable:P:o:${unitId}:term`,
        planId: 'P',
        obligationId: 'o',
        unitId,
        period: 'term',
        planNumber: null,
        planTitle: null,
        title: 't',
        clause: null,
        collectorUnitId: null,
        requiredContents: [],
        dueDate: '2021-09-13',
        deadlineAt: DEADLINE,
        status,
        version: 1,
        remindersSent: 0,
        escalationsSent: 0,
        nextStepAt: null,
        nextStepKind: null,
        submittedAt,
        submission: null,
        lastReview: null,
        extensions: [],
        returns: 0,
        closedReason: null,
      });
    }
  return rows;
}

describe('plan status matrix on real PostgreSQL', () => {
  let db: TestDatabase;
  let repo: PlanStatusRepository;
  const rows = grid();

  beforeAll(async () => {
    db = await createTestDatabase();
    const projections = new DeliverableProjectionRepository(db.dataSource);
    for (const r of rows) await projections.upsert(r);
    repo = new PlanStatusRepository(db.dataSource);
  });
  afterAll(() => db?.drop());

  it.each([BEFORE, DEADLINE, AFTER])('computes the same bucket as bucketOf, as of %s', async (asOf) => {
    const { items, totals, total } = await repo.matrix(
      { planId: 'P', page: 1, pageSize: 500 },
      new Date(asOf),
    );
    expect(total).toBe(rows.length);
    const expected = new Map(
      rows.map((r) => [
        r.id,
        bucketOf({ status: r.status, deadlineAt: r.deadlineAt, submittedAt: r.submittedAt, now: asOf }),
      ]),
    );
    expect(new Map(items.map((i) => [i.deliverableId, i.bucket]))).toEqual(expected);
    const counted = [...expected.values()].filter((b) => b === 'not-done-overdue').length;
    expect(totals['not-done-overdue']).toBe(counted);
    expect(totals.total).toBe(rows.length);
  });

  it('pages after filtering by bucket, keeps totals for every bucket, and returns totals on an empty page', async () => {
    const late = await repo.matrix({ planId: 'P', bucket: 'late', page: 1, pageSize: 2 }, new Date(AFTER));
    expect(late.items).toHaveLength(2);
    expect(late.items.every((i) => i.bucket === 'late')).toBe(true);
    expect(late.total).toBe(late.totals.late);
    const empty = await repo.matrix({ planId: 'P', page: 99, pageSize: 50 }, new Date(AFTER));
    expect(empty.items).toEqual([]);
    expect(empty.totals.total).toBe(rows.length);
    const other = await repo.matrix({ planId: 'NONE', page: 1, pageSize: 50 }, new Date(AFTER));
    expect(other).toMatchObject({ total: 0, items: [], totals: { total: 0, late: 0 } });
  });

  it('counts per obligation with a rollup total, and per plan', async () => {
    const { total, byObligation } = await repo.countsByObligation('P', new Date(AFTER));
    expect(byObligation).toEqual([{ obligationId: 'o', counts: total }]);
    expect((await repo.countsByPlan(['P', 'NONE'], new Date(AFTER))).get('P')).toEqual(total);
  });
});
