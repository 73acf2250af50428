import { ApiTestStack, seedTestUnit, startApiTestStack, TEST_UNIT } from '@dondoc/testing';

/** Admin inspection and repair of workflows on the real stack (Temporal dev server, PostgreSQL, worker). */
describe('admin workflows API (e2e on the Temporal dev server)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];

  beforeAll(async () => {
    stack = await startApiTestStack({ prepare: (db) => seedTestUnit(db.dataSource) });
    ({ http } = stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  const period = '2033';
  const id = `22-KH-TU:admin-inspection:${TEST_UNIT.id}:${period}`;
  const workflowId = `deliverable:${id}`;
  const path = `/admin/workflows/${encodeURIComponent(workflowId)}`;

  async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = await probe();
      if (got !== undefined) return got;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    await http
      .post('/deliverables')
      .send({
        planId: '22-KH-TU',
        obligationId: 'admin-inspection',
        unitId: TEST_UNIT.id,
        period,
        title: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
        dueDate: '2033-09-15',
        requiredContents: [],
      })
      .expect(201);
    await until('the read model', async () => {
      const res = await http.get(`/deliverables/${id}`);
      return res.status === 200 && res.body.version >= 1 ? res.body : undefined;
    });
  }, 60_000);

  it('finds the deliverable by unit, obligation and status search attributes (visibility polled)', async () => {
    const page = await until('visibility', async () => {
      const res = await http
        .get('/admin/workflows')
        .query({
          unit: TEST_UNIT.id,
          obligation: 'admin-inspection',
          status: 'open',
          type: 'deliverableWorkflow',
        })
        .expect(200);
      return res.body.items.length ? res.body : undefined;
    });
    expect(page.query).toBe(
      `WorkflowType = 'deliverableWorkflow' AND DondocObligation = 'admin-inspection' AND DondocUnit = '${TEST_UNIT.id}' AND DondocStatus = 'open'`,
    );
    expect(page.items[0]).toMatchObject({
      workflowId,
      type: 'deliverableWorkflow',
      status: 'RUNNING',
      closeTime: null,
      searchAttributes: {
        DondocPlan: '22-KH-TU',
        DondocObligation: 'admin-inspection',
        DondocUnit: TEST_UNIT.id,
        DondocPeriod: period,
        DondocStatus: 'open',
      },
    });
    const none = await http
      .get('/admin/workflows')
      .query({ unit: TEST_UNIT.id, status: 'waived' })
      .expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('refuses a filter that is not a plain value (no query injection), naming the field', async () => {
    const res = await http.get('/admin/workflows').query({ unit: "x' OR DondocUnit != '" }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'unit', reason: 'must be a unit id' }]);
  });

  it('describes the workflow with its pending timer and the deliverable state', async () => {
    const res = await http.get(path).expect(200);
    expect(res.body).toMatchObject({ workflowId, type: 'deliverableWorkflow', status: 'RUNNING' });
    // 10 working days before Thu 15/09/2033, 08:00 in Vietnam.
    expect(res.body.pendingTimers).toHaveLength(1);
    expect(res.body.state).toMatchObject({ id, status: 'open', dueDate: '2033-09-15' });
    expect(res.body.searchAttributes.DondocUnit).toBe(TEST_UNIT.id);
  });

  it('returns the raw history as JSON: ids, types, times, decoded input', async () => {
    const res = await http.get(`${path}/history`).query({ limit: 5 }).expect(200);
    expect(res.body.events).toHaveLength(5);
    expect(res.body.events[0]).toMatchObject({ eventId: 1, eventType: 'WorkflowExecutionStarted' });
    expect(res.body.events[0].attributes.input[0].key.unitId).toBe(TEST_UNIT.id);
    expect(res.body.nextFromEventId).toBe(6);
    const rest = await http.get(`${path}/history`).query({ fromEventId: 6, limit: 1000 }).expect(200);
    expect(rest.body.events[0].eventId).toBe(6);
    expect(rest.body.events.some((e: { eventType: string }) => e.eventType === 'TimerStarted')).toBe(true);
  });

  it('explains the opening and the pending timer with its fire time in the timeline', async () => {
    const res = await http.get(`${path}/timeline`).expect(200);
    const [opened] = res.body.entries;
    expect(opened).toMatchObject({ kind: 'opened', eventId: 1 });
    expect(opened.vi).toContain('hạn nộp 15/09/2033');
    expect(opened.en).toContain('due 15/09/2033');
    const timer = res.body.entries.find((e: { kind: string }) => e.kind === 'timer-pending');
    expect(timer.details).toMatchObject({ for: 'reminder', days: 10 });
    expect(timer.en).toMatch(/^Pending timer, fires at \d\d\/\d\d\/2033 08:00: Will send a reminder/);
    expect(Math.abs(Date.parse(timer.at) - Date.parse(timer.details.firesAt))).toBe(0);
  });

  it('refuses a signal or an update the workflow type does not declare with 422 naming `name`', async () => {
    const signal = await http
      .post(`${path}/signal`)
      .send({ name: 'nudge', args: [], reason: 'test' })
      .expect(422);
    expect(signal.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(signal.body.errors).toEqual([
      { field: 'name', reason: 'deliverableWorkflow declares no signal "nudge"; it declares: none' },
    ]);
    const update = await http
      .post(`${path}/update`)
      .send({ name: 'nudge', args: [], reason: 'test' })
      .expect(422);
    expect(update.body.errors[0]).toMatchObject({ field: 'name' });
    expect(update.body.errors[0].reason).toContain('declares no update "nudge"; it declares: submit, review');
  });

  it('sends a declared update and answers its result', async () => {
    const res = await http
      .post(`${path}/update`)
      .send({
        name: 'extend',
        args: [
          { newDueDate: '2033-10-14', reason: 'Đơn vị đang kiện toàn cấp ủy', grantedByUnitId: 'BTG-TU' },
        ],
        reason: 'Gia hạn thay BTG',
      })
      .expect(200);
    expect(res.body).toMatchObject({ workflowId, action: 'update', result: { dueDate: '2033-10-14' } });
  });

  it('requires a reason for every action', async () => {
    const res = await http.post(`${path}/terminate`).send({}).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
  });

  it('terminates: status TERMINATED, and a second terminate conflicts', async () => {
    const before = (await http.get(path).expect(200)).body.runId;
    const res = await http.post(`${path}/terminate`).send({ reason: 'e2e: terminate' }).expect(200);
    expect(res.body).toEqual({ workflowId, runId: before, action: 'terminate' });
    expect((await http.get(path).expect(200)).body.status).toBe('TERMINATED');
    const again = await http.post(`${path}/terminate`).send({ reason: 'again' }).expect(409);
    expect(again.body.errors).toEqual([{ field: 'status', reason: 'is TERMINATED, not RUNNING' }]);
  });

  it('resets to the last workflow task: a new run id, running again', async () => {
    const before = (await http.get(path).expect(200)).body.runId;
    const res = await http
      .post(`${path}/reset`)
      .send({ eventId: 'lastWorkflowTask', reason: 'e2e: reset after terminate' })
      .expect(200);
    expect(res.body.action).toBe('reset');
    expect(res.body.runId).toEqual(expect.any(String));
    expect(res.body.runId).not.toBe(before);
    const now = (await http.get(path).expect(200)).body;
    expect(now).toMatchObject({ runId: res.body.runId, status: 'RUNNING' });
  });

  it('refuses a reset point that is not a completed workflow task, naming eventId', async () => {
    const res = await http.post(`${path}/reset`).send({ eventId: 1, reason: 'bad point' }).expect(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'eventId' });
    await http.post(`${path}/reset`).send({ eventId: 'yesterday', reason: 'bad point' }).expect(400);
  });

  it('answers 404 problem+json for an unknown workflow', async () => {
    const res = await http
      .get(`/admin/workflows/${encodeURIComponent('deliverable:no:such:thing:1')}`)
      .expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
