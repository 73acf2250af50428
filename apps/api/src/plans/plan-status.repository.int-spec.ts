import { Bucket, bucketOf, DELIVERABLE_STATUSES } from '@dondoc/domain';
import { DeliverableProjection, DeliverableProjectionRepository } from '@dondoc/persistence';
import { createTestDatabase, TestDatabase } from '@dondoc/testing';
import { PlanStatusRepository, StatusFilter } from './plan-status.repository';

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

/**
 * Plan `Q`: 6 units × 2 obligations × 2 periods, statuses and submission instants cycling, each
 * obligation collected by its own unit; ids sort alike in JavaScript and PostgreSQL. Only u01 and u02
 * exist in `units` (named), so the page shows a name for those and null for the rest.
 */
function matrixPlan(): DeliverableProjection[] {
  const base = grid()[0];
  const rows: DeliverableProjection[] = [];
  for (const unitId of ['u00', 'u01', 'u02', 'u03', 'u04', 'u05'])
    for (const obligationId of ['o1', 'o2'])
      for (const period of ['p1', 'p2']) {
        const i = rows.length;
        rows.push({
          ...base,
          id: `Q:${obligationId}:${unitId}:${period}`,
          workflowId: `deliverable:Q:${obligationId}:${unitId}:${period}`,
          planId: 'Q',
          obligationId,
          unitId,
          period,
          collectorUnitId: obligationId === 'o1' ? 'c1' : 'c2',
          status: DELIVERABLE_STATUSES[(i * 7) % DELIVERABLE_STATUSES.length],
          submittedAt: [null, BEFORE, DEADLINE, AFTER][i % 4],
        });
      }
  return rows;
}

/** What the matrix must answer, from bucketOf and the rows: filter, count, sort by the key, slice. */
function expectedMatrix(rows: DeliverableProjection[], f: StatusFilter, asOf: string) {
  const names: Record<string, string> = { u01: 'Unit one', u02: 'Unit two' };
  const counts = { total: 0 } as Record<'total' | Bucket, number>;
  for (const b of ['on-time', 'late', 'not-done-within-deadline', 'not-done-overdue', 'waived', 'cancelled'])
    counts[b as Bucket] = 0;
  const key = (r: DeliverableProjection) => `${r.unitId}|${r.obligationId}|${r.period}`;
  const matching = rows
    .filter(
      (r) =>
        r.planId === f.planId &&
        (!f.period || r.period === f.period) &&
        (!f.obligationId || r.obligationId === f.obligationId) &&
        (!f.unitId || r.unitId === f.unitId) &&
        (!f.scope ||
          f.scope.units.includes(r.unitId) ||
          (r.collectorUnitId !== null && f.scope.collects.includes(r.collectorUnitId))),
    )
    .map((r) => ({
      r,
      bucket: bucketOf({ status: r.status, deadlineAt: r.deadlineAt, submittedAt: r.submittedAt, now: asOf }),
    }));
  for (const m of matching) {
    counts.total++;
    counts[m.bucket]++;
  }
  const inBucket = matching
    .filter((m) => !f.bucket || m.bucket === f.bucket)
    .sort((a, b) => (key(a.r) < key(b.r) ? -1 : key(a.r) > key(b.r) ? 1 : 0));
  return {
    totals: counts,
    total: inBucket.length,
    items: inBucket.slice((f.page - 1) * f.pageSize, f.page * f.pageSize).map(({ r, bucket }) => ({
      deliverableId: r.id,
      unitId: r.unitId,
      unitName: names[r.unitId] ?? null,
      obligationId: r.obligationId,
      period: r.period,
      status: r.status,
      bucket,
      dueDate: r.dueDate,
      deadlineAt: new Date(r.deadlineAt),
      submittedAt: r.submittedAt === null ? null : new Date(r.submittedAt),
    })),
  };
}

describe('plan status matrix on real PostgreSQL', () => {
  let db: TestDatabase;
  let repo: PlanStatusRepository;
  const rows = grid();
  const planQ = matrixPlan();

  beforeAll(async () => {
    db = await createTestDatabase();
    const projections = new DeliverableProjectionRepository(db.dataSource);
    for (const r of [...rows, ...planQ]) await projections.upsert(r);
    await db.dataSource.query(
      `INSERT INTO units (id, name, type, valid_from)
       VALUES ('u01', 'Unit one', 'cell', '2021-01-01'), ('u02', 'Unit two', 'cell', '2021-01-01')`,
    );
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

  const scope = { units: ['u01'], collects: ['c2'] };
  const filters: [string, Omit<StatusFilter, 'planId'>][] = [
    ...[1, 2, 3, 4, 5, 6].map((page): [string, Omit<StatusFilter, 'planId'>] => [
      `page ${page} of 5 (the fifth partial, the sixth empty)`,
      { page, pageSize: 5 },
    ]),
    ['one page holding every row', { page: 1, pageSize: 24 }],
    ['period', { period: 'p2', page: 1, pageSize: 50 }],
    ['obligation, second page', { obligationId: 'o2', page: 2, pageSize: 4 }],
    ['unit', { unitId: 'u03', page: 1, pageSize: 50 }],
    ['row scope', { scope, page: 1, pageSize: 50 }],
    [
      'row scope, obligation and bucket',
      { scope, obligationId: 'o1', bucket: 'late', page: 1, pageSize: 50 },
    ],
    ['empty row scope', { scope: { units: [], collects: [] }, page: 1, pageSize: 50 }],
    ['a filter matching nothing', { period: 'p9', page: 1, pageSize: 50 }],
    ...(
      ['on-time', 'late', 'not-done-within-deadline', 'not-done-overdue', 'waived', 'cancelled'] as const
    ).flatMap((bucket) =>
      [1, 2].map((page): [string, Omit<StatusFilter, 'planId'>] => [
        `bucket ${bucket}, page ${page} of 2`,
        { bucket, page, pageSize: 2 },
      ]),
    ),
  ];

  it.each(filters)('answers as the domain rules do: %s', async (_, f) => {
    for (const asOf of [BEFORE, AFTER]) {
      const got = await repo.matrix({ planId: 'Q', ...f }, new Date(asOf));
      expect(got).toEqual(expectedMatrix(planQ, { planId: 'Q', ...f }, asOf));
    }
  });

  it('counts per obligation with a rollup total, and per plan', async () => {
    const { total, byObligation } = await repo.countsByObligation('P', new Date(AFTER));
    expect(byObligation).toEqual([{ obligationId: 'o', counts: total }]);
    expect((await repo.countsByPlan(['P', 'NONE'], new Date(AFTER))).get('P')).toEqual(total);
  });
});
