import {
  ApiTestStack,
  seedTestUnit,
  startApiTestStack,
  storePlan22,
  TEST_BTG,
  TEST_GRASSROOTS,
  TEST_UNIT,
} from '@dondoc/testing';
import { vnDateOf } from '@dondoc/calendar';
import { seedBtv, TEST_BTV } from '../../../workflows/test/issue-harness';

const BTG = TEST_BTG.id;
const BTV = TEST_BTV.id;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('issues API (e2e on the Temporal dev server)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];

  beforeAll(async () => {
    stack = await startApiTestStack({
      prepare: async (db) => {
        await seedTestUnit(db.dataSource);
        await seedBtv(db.dataSource);
        await storePlan22(db.dataSource);
      },
    });
    ({ http } = stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  const report = {
    planId: '22-KH-TU',
    reporterUnitId: TEST_UNIT.id,
    title: 'Thiếu tài liệu học tập chuyên đề cho các chi bộ',
    description: '12 chi bộ chưa nhận được tài liệu.',
    reporterName: 'Lê Văn Cường',
  };
  const post = (id: string, path: string, body: object) => http.post(`/issues/${id}/${path}`).send(body);

  it('documents the issue endpoints in OpenAPI', async () => {
    const res = await http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/issues',
        '/issues/summary',
        '/issues/{id}',
        '/issues/{id}/directions',
        '/issues/{id}/reopening',
      ]),
    );
  });

  it('refuses a malformed report naming each field, and an unknown unit or plan with 422', async () => {
    const bad = await http
      .post('/issues')
      .send({ ...report, severity: 'huge', title: '', extra: 1 })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'severity',
      'title',
    ]);
    const unknown = await http
      .post('/issues')
      .send({ ...report, reporterUnitId: 'NO-UNIT', planId: 'NO-PLAN' })
      .expect(422);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['reporterUnitId', 'planId']);
  });

  it('takes a multipart report with attachments, and refuses a file that is not an allowed type', async () => {
    const refused = await http
      .post('/issues')
      .field('planId', report.planId)
      .field('reporterUnitId', report.reporterUnitId)
      .field('title', 'Có tệp lạ')
      .field('description', 'x')
      .attach('attachments', Buffer.from('MZ this is an executable'), 'danh-sach.pdf')
      .expect(415);
    expect(refused.body.errors).toEqual([{ field: 'attachments.0', reason: expect.any(String) }]);
    const res = await http
      .post('/issues')
      .field('planId', report.planId)
      .field('reporterUnitId', report.reporterUnitId)
      .field('title', 'Kèm danh sách chi bộ')
      .field('description', 'Xem tệp đính kèm')
      .field('severity', 'urgent')
      .attach('attachments', PDF, 'Danh sách chi bộ.pdf')
      .expect(201);
    expect(res.body).toMatchObject({
      severity: 'urgent',
      state: 'reported',
      attachments: [{ contentType: 'application/pdf' }],
    });
    const file = await http.get(res.body.attachments[0].url).expect(200);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''Danh%20s%C3%A1ch");
  });

  it('runs the main flow: acknowledge, assign, ask and answer, escalate, direct, deliverables close, resolve, close, reopen', async () => {
    const created = await http.post('/issues').send(report).expect(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({
      state: 'reported',
      holder: 'btg',
      reporterName: 'Lê Văn Cường',
      workflowId: `issue:${id}`,
    });

    const wrongActor = await post(id, 'acknowledgement', { byUnitId: TEST_UNIT.id }).expect(422);
    expect(wrongActor.body.errors[0].field).toBe('byUnitId');
    const wrongState = await post(id, 'escalation', { byUnitId: BTG, reason: 'x' }).expect(409);
    expect(wrongState.body.errors[0].field).toBe('status');

    await post(id, 'acknowledgement', { byUnitId: BTG }).expect(200);
    const assigned = await post(id, 'handler', { byUnitId: BTG, handlerUnitId: BTG }).expect(200);
    expect(assigned.body).toMatchObject({ state: 'in-handling', handlerUnitId: BTG });
    const asked = await post(id, 'information-requests', { byUnitId: BTG, question: 'Chi bộ nào?' }).expect(
      200,
    );
    expect(asked.body).toMatchObject({
      state: 'info-requested',
      holder: 'reporter',
      pausedClock: { kind: 'handle' },
    });
    await post(id, 'information-answers', { byUnitId: TEST_UNIT.id, answer: 'Danh sách kèm theo' }).expect(
      200,
    );
    await post(id, 'escalation', { byUnitId: BTG, reason: 'Cần kinh phí in bổ sung' }).expect(200);

    const unknownUnit = await post(id, 'directions', {
      byUnitId: BTV,
      instructions: 'In bổ sung',
      units: [TEST_UNIT.id, 'NO-UNIT'],
      dueDate: '2099-01-15',
    }).expect(422);
    expect(unknownUnit.body.errors).toEqual([{ field: 'units.1', reason: 'no unit NO-UNIT' }]);
    const directed = await post(id, 'directions', {
      byUnitId: BTV,
      instructions: 'In bổ sung và tập huấn lại',
      units: [TEST_UNIT.id, TEST_GRASSROOTS.id],
      dueDate: '2099-01-15',
    }).expect(200);
    expect(directed.body.state).toBe('directed');
    const ids: string[] = directed.body.directions[0].deliverables.map((d: { id: string }) => d.id);
    expect(ids).toEqual([
      `22-KH-TU:issue-direction:${TEST_UNIT.id}:${id}`,
      `22-KH-TU:issue-direction:${TEST_GRASSROOTS.id}:${id}`,
    ]);

    for (const d of ids) {
      for (let i = 0; i < 100 && (await http.get(`/deliverables/${d}`)).status !== 200; i++)
        await new Promise((r) => setTimeout(r, 100));
      await http
        .post(`/deliverables/${d}/waiver`)
        .send({ reason: 'Đã thực hiện', byUnitId: BTG })
        .expect(200);
    }
    let detail = created.body;
    // Waiver → deliverable workflow → signal → issue workflow → read model: allow a busy 2-core CI.
    for (let i = 0; i < 300 && detail.state !== 'resolved'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      detail = (await http.get(`/issues/${id}`).expect(200)).body;
    }
    expect(detail).toMatchObject({ state: 'resolved', resolution: expect.stringContaining('2 được miễn') });

    await post(id, 'closure', { byUnitId: BTG }).expect(200);
    const reopened = await post(id, 'reopening', { byUnitId: TEST_UNIT.id, reason: 'Chưa đủ' }).expect(200);
    expect(reopened.body).toMatchObject({ state: 'in-handling', reopenCount: 1 });
    expect(reopened.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'reported',
      'acknowledged',
      'handler-assigned',
      'info-requested',
      'info-answered',
      'escalated',
      'directed',
      'direction-deliverable-closed',
      'direction-deliverable-closed',
      'resolved',
      'closed',
      'reopened',
    ]);

    const list = await http.get(`/issues?unitId=${TEST_UNIT.id}&state=in-handling&overdue=false`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await http.get('/issues?overdue=maybe').expect(400)).body.errors[0].field).toBe('overdue');

    // The summary counts by the day in Vietnam: from 17:00 UTC that is already tomorrow's date.
    const today = vnDateOf(Date.now());
    const summary = await http.get(`/issues/summary?from=2020-01-01&to=${today}`).expect(200);
    expect(summary.body.total).toBeGreaterThanOrEqual(2);
    expect(summary.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      escalated: true,
      directionDeliverables: 2,
      outcome: 'open',
    });
    await post(id, 'resolution', { byUnitId: BTG, resolution: 'Đã in bổ sung đủ' }).expect(200);
  });

  it('answers 404 for an unknown issue', async () => {
    const res = await http.get('/issues/VD-NOPE').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
