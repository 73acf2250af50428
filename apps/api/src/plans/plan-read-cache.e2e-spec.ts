import { DeliverableProjection, DeliverableProjectionRepository } from '@dondoc/persistence';
import { ApiTestStack, startApiTestStack } from '@dondoc/testing';
import { deliverableRow } from '@dondoc/activities/src/mail/mail-test-kit';
import { ReadClock, ReadModelCache } from '../common/read-model-cache';

const PLAN = 'CACHE-PLAN';
const DEADLINE = '2030-09-13T17:00:00.000Z';
const status = `/plans/${PLAN}/status?pageSize=100`;
const list = `/deliverables?planId=${PLAN}&pageSize=50`;
/** A second plan for the row-level checks: ROOT, UA, UB, one row each, pages of one. */
const ROWS = 'CACHE-ROWS';

/** A read-model row of PLAN owed by `unitId`, open, due 13/09/2030. */
function row(unitId: string, over: Partial<DeliverableProjection> = {}, plan = PLAN): DeliverableProjection {
  const id = `${plan}:o:${unitId}:term`;
  return deliverableRow({
    id,
    workflowId: `deliverable:${id}`,
    planId: plan,
    obligationId: 'o',
    unitId,
    collectorUnitId: null,
    dueDate: '2030-09-13',
    deadlineAt: DEADLINE,
    ...over,
  });
}

/**
 * The validated read cache (common/read-model-cache.ts) behind GET /plans/:id/status and
 * GET /deliverables?planId=…, on the real app and PostgreSQL: every kind of change is visible in the
 * next read, the clock alone turns a bucket, scopes never share an answer, and the ETag answers 304.
 */
describe('plan read cache (e2e)', () => {
  let stack: ApiTestStack;
  let projections: DeliverableProjectionRepository;
  let cache: ReadModelCache;
  let clock: ReadClock;
  let now: Date;
  const q = (sql: string, params: unknown[] = []) => stack.db.dataSource.query(sql, params);
  const matrix = async () => (await stack.http.get(status).expect(200)).body;
  const page = async () => (await stack.http.get(list).expect(200)).body;

  beforeAll(async () => {
    stack = await startApiTestStack({ worker: false });
    projections = new DeliverableProjectionRepository(stack.db.dataSource);
    cache = stack.app.get(ReadModelCache);
    clock = stack.app.get(ReadClock);
    jest.spyOn(clock, 'now').mockImplementation(() => now);
    await q(
      `INSERT INTO units (id, name, type, parent_id, valid_from) VALUES
         ('ROOT', 'Root', 'tinh-uy', NULL, '2020-01-01'),
         ('UA', 'Unit A', 'huyen-uy', 'ROOT', '2020-01-01'),
         ('UB', 'Unit B', 'huyen-uy', 'ROOT', '2020-01-01')`,
    );
    for (const plan of [PLAN, ROWS])
      await q(
        `INSERT INTO plans (id, number, title, definition, issued_on, status, workflow_id)
         VALUES ($1, 'n', 't', '{}', '2021-08-13', 'issued', $2)`,
        [plan, `plan:${plan}`],
      );
    await projections.upsertMany([{ projection: row('UA'), events: [] }]);
    await projections.upsertMany([{ projection: row('UB'), events: [] }]);
  }, 120_000);

  beforeEach(() => {
    now = new Date('2030-09-01T00:00:00.000Z');
  });

  afterAll(() => stack?.stop());

  it('serves a repeated read from the cache, and a status change in the next read', async () => {
    const first = await matrix();
    expect(first.totals).toMatchObject({ total: 2, 'not-done-within-deadline': 2 });
    const hits = cache.hits;
    expect(await matrix()).toEqual(first);
    await page();
    expect((await page()).items.map((d: { status: string }) => d.status)).toEqual(['open', 'open']);
    expect(cache.hits).toBe(hits + 3); // the matrix's totals and page, the list's page

    await projections.upsert(
      row('UA', { status: 'submitted', version: 2, submittedAt: '2030-08-30T00:00:00.000Z' }),
    );
    expect((await matrix()).totals).toMatchObject({ total: 2, 'on-time': 1, 'not-done-within-deadline': 1 });
    expect((await page()).items.map((d: { status: string }) => d.status)).toEqual(['submitted', 'open']);
  });

  it('shows an insert and a delete in the next read', async () => {
    await matrix();
    await page();
    await projections.upsert(row('ROOT'));
    expect((await matrix()).total).toBe(3);
    expect((await page()).total).toBe(3);
    await q(`DELETE FROM deliverables WHERE id = $1`, [row('ROOT').id]);
    expect((await matrix()).total).toBe(2);
    expect((await page()).total).toBe(2);
  });

  it('turns a bucket to overdue when the clock passes the deadline, with no write', async () => {
    now = new Date(new Date(DEADLINE).getTime() - 1);
    const before = await matrix();
    expect(before.totals['not-done-within-deadline']).toBe(1);
    expect((await page()).items[1].bucket).toBe('not-done-within-deadline');
    now = new Date(DEADLINE);
    const after = await matrix();
    expect(after.asOf).toBe(DEADLINE);
    expect(after.totals).toMatchObject({ 'not-done-within-deadline': 0, 'not-done-overdue': 1 });
    expect((await page()).items[1].bucket).toBe('not-done-overdue');
  });

  it('answers a cached read with the request instant as asOf', async () => {
    await matrix();
    now = new Date('2030-09-02T00:00:00.000Z');
    expect((await matrix()).asOf).toBe('2030-09-02T00:00:00.000Z');
  });

  it('never shares an answer between row scopes', async () => {
    const a = await stack.as('officer', 'UA');
    const b = await stack.as('officer', 'UB');
    for (let i = 0; i < 2; i++) {
      expect((await a.get(list).expect(200)).body.items.map((d: { unitId: string }) => d.unitId)).toEqual([
        'UA',
      ]);
      expect((await b.get(list).expect(200)).body.items.map((d: { unitId: string }) => d.unitId)).toEqual([
        'UB',
      ]);
      expect((await a.get(status).expect(200)).body.total).toBe(1);
      expect((await b.get(status).expect(200)).body.items[0].unitId).toBe('UB');
      expect((await page()).total).toBe(2);
    }
  });

  it('shows a renamed unit in the next status read', async () => {
    expect((await matrix()).items[0].unitName).toBe('Unit A');
    await q(`UPDATE units SET name = 'Unit A renamed' WHERE id = 'UA'`);
    expect((await matrix()).items[0].unitName).toBe('Unit A renamed');
  });

  it('answers 304 to If-None-Match while unchanged, 200 with a new ETag after a visible change', async () => {
    for (const [path, next] of [
      [status, 'escalated'],
      [list, 'open'],
    ] as const) {
      const first = await stack.http.get(path).expect(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^W\/"/);
      await stack.http.get(path).set('If-None-Match', etag).expect(304);
      const current = (await projections.findById(row('UB').id))!;
      await projections.upsert(row('UB', { version: current.version + 1, status: next }));
      const changed = await stack.http.get(path).set('If-None-Match', etag).expect(200);
      expect(changed.headers.etag).not.toBe(etag);
    }
  });

  it('keeps problem+json errors as they were', async () => {
    const res = await stack.http.get('/plans/NO-SUCH-PLAN/status').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('sees a write committed after the read by a transaction that drew its mark before', async () => {
    await matrix();
    // T1 writes UA (drawing a mark) and stays open; UB is then written and committed with a higher mark.
    const runner = stack.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const ua = (await projections.findById(row('UA').id))!;
      const ub = (await projections.findById(row('UB').id))!;
      await runner.query(`UPDATE deliverables SET status = 'waived', version = $2 WHERE id = $1`, [
        ua.id,
        ua.version + 1,
      ]);
      await projections.upsert(row('UB', { version: ub.version + 1, status: 'cancelled' }));
      const between = await matrix();
      expect(between.totals).toMatchObject({ cancelled: 1, waived: 0 });
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    // The max mark is UB's, unchanged by T1's commit: the cache must still not serve the old answer.
    expect((await matrix()).totals).toMatchObject({ cancelled: 1, waived: 1 });
  });

  describe('row-level validation (plan with one row a page)', () => {
    /** A new version of ROWS' row of `unitId` through the versioned upsert, as a workflow writes it. */
    const bump = async (unitId: string, over: Partial<DeliverableProjection>) => {
      const current = await projections.findById(row(unitId, {}, ROWS).id);
      await projections.upsert(
        row(
          unitId,
          { ...(current && { dueDate: current.dueDate }), ...over, version: (current?.version ?? 0) + 1 },
          ROWS,
        ),
      );
    };
    const get = async (path: string) => (await stack.http.get(path).expect(200)).body;
    const ids = (body: { items: { id?: string; deliverableId?: string; unitId: string }[] }) =>
      body.items.map((d) => d.unitId);
    const statusPage = (p: number, extra = '') => `/plans/${ROWS}/status?pageSize=1&page=${p}${extra}`;
    const listPage = (p: number, extra = '') => `/deliverables?planId=${ROWS}&pageSize=1&page=${p}${extra}`;

    beforeAll(async () => {
      for (const unitId of ['ROOT', 'UA', 'UB']) await bump(unitId, {});
    });

    it('keeps a page whose rows did not change, while the totals follow every write', async () => {
      expect(ids(await get(statusPage(1)))).toEqual(['ROOT']);
      const { hits, misses } = cache;
      await bump('UB', { status: 'submitted', submittedAt: '2030-08-30T00:00:00.000Z' });
      const after = await get(statusPage(1));
      expect(after.totals).toMatchObject({ total: 3, 'on-time': 1, 'not-done-within-deadline': 2 });
      expect(after.items[0]).toMatchObject({ unitId: 'ROOT', status: 'open' });
      expect([cache.hits - hits, cache.misses - misses]).toEqual([1, 1]); // the page kept, the totals not
      await bump('ROOT', { status: 'escalated' });
      expect((await get(statusPage(1))).items[0]).toMatchObject({ unitId: 'ROOT', status: 'escalated' });
    });

    it('moves rows between cached pages when a due date changes', async () => {
      expect([ids(await get(listPage(1))), ids(await get(listPage(2)))]).toEqual([['ROOT'], ['UA']]);
      await bump('UB', { dueDate: '2030-01-01' });
      expect([ids(await get(listPage(1))), ids(await get(listPage(2)))]).toEqual([['UB'], ['ROOT']]);
    });

    it('refreshes status-filtered pages on any change of status', async () => {
      for (const unitId of ['ROOT', 'UA', 'UB']) await bump(unitId, { status: 'open', submittedAt: null });
      // Open rows in due order: UB (moved earlier), ROOT, UA.
      expect(ids(await get(listPage(2, '&status=open')))).toEqual(['ROOT']);
      expect(ids(await get(statusPage(2, '&bucket=not-done-within-deadline')))).toEqual(['UA']);
      await bump('UB', { status: 'submitted', submittedAt: '2030-08-30T00:00:00.000Z' });
      expect(ids(await get(listPage(2, '&status=open')))).toEqual(['UA']);
      await bump('ROOT', { status: 'submitted', submittedAt: '2030-08-30T00:00:00.000Z' });
      expect(ids(await get(statusPage(2, '&bucket=not-done-within-deadline')))).toEqual([]);
    });
  });
});
