import {
  ApiTestStack,
  seedTestUnit,
  startApiTestStack,
  startCommitmentDeliverable,
  TEST_GRASSROOTS,
  TEST_UNIT,
} from '@dondoc/testing';

describe('deliverables API (e2e on the Temporal dev server)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];
  let temporal: ApiTestStack['temporal'];

  beforeAll(async () => {
    stack = await startApiTestStack({ prepare: (db) => seedTestUnit(db.dataSource) });
    ({ http, temporal } = stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  const body = {
    planId: '22-KH-TU',
    obligationId: 'implementation-plan',
    unitId: TEST_UNIT.id,
    period: '2031',
    title: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
    dueDate: '2031-09-15',
    requiredContents: ['decision-148'],
  };
  const id = `22-KH-TU:implementation-plan:${TEST_UNIT.id}:2031`;

  async function waitForVersion(min: number) {
    for (let i = 0; i < 100; i++) {
      const res = await http.get(`/deliverables/${id}`);
      if (res.body.version >= min) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`read model never reached version ${min}`);
  }

  it('GET /health checks PostgreSQL and Temporal', async () => {
    const res = await http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'ok', temporal: 'ok' } });
  });

  it('serves the OpenAPI document at /docs', async () => {
    const res = await http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/deliverables',
        '/deliverables/{id}',
        '/deliverables/{id}/submissions',
      ]),
    );
    expect(res.body.components.schemas.ProblemDto).toBeDefined();
  });

  it('refuses a malformed body with problem+json naming each field, and starts nothing', async () => {
    const res = await http
      .post('/deliverables')
      .send({ ...body, dueDate: '2031-02-30', planId: 'bad id', extra: 1 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'dueDate',
      'extra',
      'planId',
    ]);
    expect((await http.get('/deliverables').expect(200)).body.total).toBe(0);
  });

  it('refuses an unknown unit with 422 on unitId', async () => {
    const res = await http
      .post('/deliverables')
      .send({ ...body, unitId: 'NO-SUCH-UNIT' })
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'unitId', reason: 'no unit NO-SUCH-UNIT' }]);
  });

  it('creates a deliverable idempotently, with search attributes on the workflow', async () => {
    const first = await http.post('/deliverables').send(body).expect(201);
    expect(first.body).toMatchObject({ id, status: 'open', workflowId: `deliverable:${id}` });
    const again = await http.post('/deliverables').send(body).expect(200);
    expect(again.body.id).toBe(id);

    const view = await waitForVersion(1);
    // 10 working days before Mon 15/09/2031 skip the National Day holiday (Mon 1/9 and Tue 2/9): Thu 28/08, 08:00 +07.
    expect(view).toMatchObject({
      nextStepAt: '2031-08-28T01:00:00.000Z',
      nextStepKind: 'reminder',
      bucket: 'not-done-within-deadline',
      collectorUnitId: 'BTG-TU',
    });
    const description = await temporal.client.workflow.getHandle(`deliverable:${id}`).describe();
    expect(description.typedSearchAttributes.get({ name: 'DondocUnit', type: 'KEYWORD' } as never)).toBe(
      TEST_UNIT.id,
    );
  });

  it('rejects a submission from another unit and changes nothing', async () => {
    const before = await waitForVersion(1);
    const res = await http
      .post(`/deliverables/${id}/submissions`)
      .send({ unitId: 'TU-KHAC', documentName: 'x.pdf', coveredContents: ['decision-148'] })
      .expect(422);
    expect(res.body.errors).toEqual([
      { field: 'unitId', reason: `this deliverable is owed by unit ${TEST_UNIT.id}, not TU-KHAC` },
    ]);
    expect((await http.get(`/deliverables/${id}`)).body).toEqual(before);
  });

  it('takes a good submission synchronously; the read model shows submitted; a second one conflicts', async () => {
    const res = await http
      .post(`/deliverables/${id}/submissions`)
      .send({ unitId: TEST_UNIT.id, documentName: 'ke-hoach.pdf', coveredContents: ['decision-148'] })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'submitted',
      bucket: 'on-time',
      nextStepAt: null,
      submission: { documentName: 'ke-hoach.pdf' },
    });
    const list = await http
      .get('/deliverables')
      .query({ unitId: TEST_UNIT.id, status: 'submitted' })
      .expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, items: [{ id }] });
    await http
      .post(`/deliverables/${id}/submissions`)
      .send({ unitId: TEST_UNIT.id, documentName: 'again.pdf', coveredContents: ['decision-148'] })
      .expect(409);
  });

  it('reviews through the API: the collector only; a return reopens with the new due date', async () => {
    const notCollector = await http
      .post(`/deliverables/${id}/review`)
      .send({ decision: 'accept', reviewerUnitId: TEST_UNIT.id })
      .expect(422);
    expect(notCollector.body.errors[0].field).toBe('reviewerUnitId');
    const returned = await http
      .post(`/deliverables/${id}/review`)
      .send({
        decision: 'return',
        reviewerUnitId: 'BTG-TU',
        comments: 'Bổ sung nội dung',
        newDueDate: '2031-10-15',
      })
      .expect(200);
    expect(returned.body).toMatchObject({ status: 'returned', dueDate: '2031-10-15', returns: 1 });
    // Versions: a collector who read the deliverable before the return is refused with the state as it is now.
    const seen = await http.get(`/deliverables/${id}`).expect(200);
    expect(seen.headers.etag).toBe(`"${seen.body.version}"`);
    const stale = await http
      .post(`/deliverables/${id}/extension`)
      .set('If-Match', `"${seen.body.version - 1}"`)
      .send({ newDueDate: '2031-10-20', reason: 'Đọc bản cũ', grantedByUnitId: 'BTG-TU' })
      .expect(409);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body.errors[0].field).toBe('version');
    expect(stale.body.current).toMatchObject({ status: 'returned', version: seen.body.version });
    const badTag = await http
      .post(`/deliverables/${id}/extension`)
      .set('If-Match', 'latest')
      .send({ newDueDate: '2031-10-20', reason: 'x', grantedByUnitId: 'BTG-TU' })
      .expect(422);
    expect(badTag.body.errors[0].field).toBe('If-Match');
    const extended = await http
      .post(`/deliverables/${id}/extension`)
      .set('If-Match', seen.headers.etag)
      .send({ newDueDate: '2031-10-31', reason: 'Đại hội chi bộ', grantedByUnitId: 'BTG-TU' })
      .expect(200);
    expect(extended.body.extensions).toEqual([
      expect.objectContaining({ from: '2031-10-15', to: '2031-10-31' }),
    ]);
    const waived = await http
      .post(`/deliverables/${id}/waiver`)
      .send({ reason: 'Sáp nhập đơn vị', byUnitId: 'BTG-TU' })
      .expect(200);
    expect(waived.body).toMatchObject({ status: 'waived', bucket: 'waived' });
    await http
      .post(`/deliverables/${id}/extension`)
      .send({ newDueDate: '2031-12-31', reason: 'x', grantedByUnitId: 'BTG-TU' })
      .expect(409);
    const events = await http.get(`/deliverables/${id}/events`).expect(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual([
      'opened',
      'submitted',
      'returned',
      'extended',
      'waived',
    ]);
  });

  it('answers 404 as problem+json for an unknown deliverable', async () => {
    const res = await http.get('/deliverables/a:b:c:d').expect(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
  });
});

describe('commitment registrations through the API (members mode)', () => {
  let stack: ApiTestStack;
  beforeAll(async () => {
    stack = await startApiTestStack({ prepare: (db) => seedTestUnit(db.dataSource) });
  }, 120_000);
  afterAll(() => stack?.stop());

  it('records each member once and completes the cell when the last one registers', async () => {
    const id = await startCommitmentDeliverable(stack.temporal.client, {
      unitId: TEST_GRASSROOTS.id,
      collectorUnitId: TEST_GRASSROOTS.id,
      members: ['DV-1', 'DV-2'],
    });
    const url = `/deliverables/${id}/registrations`;
    for (let i = 0; i < 100 && (await stack.http.get(`/deliverables/${id}`)).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 100));
    const first = await stack.http.post(url).send({ personId: 'DV-1' }).expect(200);
    expect(first.body).toMatchObject({ status: 'open', memberCount: 2, registeredCount: 1 });
    const again = await stack.http.post(url).send({ personId: 'DV-1' }).expect(422);
    expect(again.body.errors).toEqual([{ field: 'personId', reason: 'DV-1 has already registered' }]);
    await stack.http.post(url).send({ personId: 'DV-9' }).expect(422);
    const last = await stack.http.post(url).send({ personId: 'DV-2' }).expect(200);
    expect(last.body).toMatchObject({ status: 'submitted', registeredCount: 2 });
    await stack.http.post(url).send({ personId: 'DV-2' }).expect(409);
  });
});
