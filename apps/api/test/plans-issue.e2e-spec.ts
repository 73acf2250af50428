import * as fs from 'node:fs';
import { addDays, vnDateOf } from '@dondoc/calendar';
import { ApiTestStack, importBacNinh2021, PLAN_22_FILE, startApiTestStack } from '@dondoc/testing';
import type { Response } from 'supertest';

const PLAN_ID = '22-KH-TU';
const PARTY_TYPES = [
  'huyen-uy',
  'thi-uy',
  'thanh-uy',
  'dang-uy-khoi',
  'dang-uy-truc-thuoc',
  'ban-can-su-dang',
  'dang-doan',
];

/**
 * The dev server runs on the real clock, so the test issues 22-KH/TU "now": the copy of the plan gets
 * today's issue date and a term around it. A period opens at 07:00 Vietnam time on the issue day;
 * before 07:00 the plan is dated yesterday so its deliverables still open at once.
 */
function planIssuedNow(): { text: string; issued: string; until: string } {
  const now = new Date();
  const today = vnDateOf(now);
  const hourInVietnam = (now.getUTCHours() + 7) % 24;
  const issued = hourInVietnam >= 7 ? today : addDays(today, -1);
  const year = Number(issued.slice(0, 4));
  const text = fs
    .readFileSync(PLAN_22_FILE, 'utf8')
    .replace(/^issueDate: .*$/m, `issueDate: ${issued}`)
    .replace(/^ {2}start: 2021-02-01$/m, `  start: ${year}-01-01`)
    .replace(/^ {2}end: 2025-12-31$/m, `  end: ${year + 4}-12-31`);
  // "Soon after issuance": the implementation plans (30 days, or 60 once amended, plus at most a Tết
  // holiday of roll-forward) fall inside; the later years of the term do not.
  return { text, issued, until: addDays(issued, 90) };
}

/** Issuing 22-KH/TU over HTTP on the real stack, then reading and amending it. */
describe('plans: issue, status matrix, amendments (e2e on the Temporal dev server)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];
  const plan = planIssuedNow();
  const body = { text: plan.text, file: '22-KH-TU.yaml', until: plan.until };
  let levelOne: string[];

  beforeAll(async () => {
    stack = await startApiTestStack({ prepare: (db) => importBacNinh2021(db.dataSource) });
    http = stack.http;
    // Every level-1 party committee standing on the issue date: each owes its implementation plan.
    const rows: { id: string }[] = await stack.db.dataSource.query(
      `SELECT id FROM units WHERE parent_id = 'TU-BAC-NINH' AND type = ANY($1)
         AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2) ORDER BY id`,
      [PARTY_TYPES, plan.issued],
    );
    levelOne = rows.map((r) => r.id);
  }, 120_000);

  afterAll(() => stack?.stop());

  const poll = async <T>(what: string, probe: () => Promise<T | undefined>, tries = 300): Promise<T> => {
    for (let i = 0; i < tries; i++) {
      const v = await probe();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const matrix = async (query: string) =>
    (await http.get(`/plans/${PLAN_ID}/status?${query}`).expect(200)).body;
  const fields = (res: Response) => res.body.errors.map((e: { field: string }) => e.field);

  it('documents every plan endpoint in the OpenAPI document', async () => {
    const doc = (await http.get('/docs/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/plans',
        '/plans/{id}',
        '/plans/{id}/status',
        '/plans/{id}/cancel',
        '/plans/{id}/amendments',
        '/plans/validate',
        '/plans/preview',
      ]),
    );
    expect(Object.keys(doc.paths['/plans'].post.responses).sort()).toEqual([
      '200',
      '201',
      '400',
      '401',
      '403',
      '409',
      '422',
      '503',
    ]);
    expect(
      doc.paths['/plans/{id}/amendments'].post.requestBody.content['application/json'].schema.oneOf,
    ).toHaveLength(3);
  });

  it('refuses a plan naming units the org tree lacks (422 with each problem) and stores nothing', async () => {
    const res = await http
      .post('/plans')
      .send({ ...body, text: body.text.replace('issuer: TU-BAC-NINH', 'issuer: TU-KHONG-CO') })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { field: '22-KH-TU.yaml:/issuer', reason: 'unit "TU-KHONG-CO" is not in the org tree' },
    ]);
    expect((await http.get('/plans').expect(200)).body).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    });
    await http.get('/plans').query({ status: 'lost', pageSize: 1000 }).expect(400);
  });

  it('refuses dates that do not fit the plan, and an invalid file, with 422', async () => {
    const dates = await http
      .post('/plans')
      .send({ ...body, issued: '2020-01-01', until: '2019-12-31' })
      .expect(422);
    expect(fields(dates)).toEqual(['issued', 'until']);
    const invalid = await http
      .post('/plans')
      .send({ ...body, text: 'format: dondoc-plan/1\nid: x\n' })
      .expect(422);
    expect(invalid.body.errors.length).toBeGreaterThan(0);
    await http
      .post('/plans')
      .send({ ...body, extra: 1 })
      .expect(400);
  });

  it('issues the plan: 201, its workflow started; the same plan again is 200, a different one 409', async () => {
    const res = await http.post('/plans').send(body).expect(201);
    expect(res.body).toMatchObject({
      id: PLAN_ID,
      number: '22-KH/TU',
      status: 'issued',
      issuedOn: plan.issued,
      until: plan.until,
      workflowId: `plan:${PLAN_ID}`,
      issuer: 'TU-BAC-NINH',
    });
    expect(res.body.obligations).toHaveLength(11);
    const description = await stack.temporal.client.workflow.getHandle(`plan:${PLAN_ID}`).describe();
    expect(description.status.name).toBe('RUNNING');

    const again = await http.post('/plans').send(body).expect(200);
    expect(again.body.id).toBe(PLAN_ID);
    const conflict = await http
      .post('/plans')
      .send({ ...body, until: addDays(plan.until, 1) })
      .expect(409);
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(conflict.body).toMatchObject({ status: 409, plan: { id: PLAN_ID, until: plan.until } });
  });

  it("shows every level-1 unit's implementation plan as not done, within deadline", async () => {
    expect(levelOne.length).toBeGreaterThanOrEqual(20);
    const view = await poll('the implementation plans to open', async () => {
      const m = await matrix('obligation=implementation-plan');
      return m.total === levelOne.length ? m : undefined;
    });
    expect(view.items.map((r: { unitId: string }) => r.unitId)).toEqual(levelOne);
    for (const row of view.items) {
      expect(row).toMatchObject({
        obligationId: 'implementation-plan',
        period: 'term',
        status: 'open',
        bucket: 'not-done-within-deadline',
        submittedAt: null,
      });
      expect(row.dueDate >= addDays(plan.issued, 30)).toBe(true);
    }
    expect(view.totals).toMatchObject({
      total: levelOne.length,
      'not-done-within-deadline': levelOne.length,
      'not-done-overdue': 0,
      'on-time': 0,
      late: 0,
    });
    expect(view.items.find((r: { unitId: string }) => r.unitId === 'HU-TIEN-DU').unitName).toBe(
      'Huyện ủy Tiên Du',
    );
  });

  it('mails every unit the plan-issued notice; its signed link acknowledges the plan for that unit', async () => {
    const mail = await stack.sink.waitFor(
      (m) => m.to.includes('vanphong.tiendu@bacninh.example') && /^\[Kế hoạch mới\]/.test(m.subject),
      60_000,
    );
    expect(mail.subject).toContain('22-KH/TU');
    expect(mail.html).toContain('/acknowledge?');
    // The worker links to TEST_PUBLIC_URL; the same path is asked of this API.
    const link = new URL(/https?:\/\/\S+\/acknowledge\?\S+/.exec(mail.text)![0]);
    expect(link.searchParams.get('unit')).toBe('HU-TIEN-DU');
    const page = await http.get(`${link.pathname}${link.search}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Đã xác nhận');
    // A link for another unit, or a forged token, acknowledges nothing.
    const forged = new URLSearchParams({ unit: 'HU-QUE-VO', token: link.searchParams.get('token')! });
    await http.get(`${link.pathname}?${forged}`).expect(403);
    // The units still to acknowledge are those owing deliverables (once the read model shows them).
    const list = await poll('the acknowledgement list', async () => {
      const body = (await http.get(`/plans/${PLAN_ID}/acknowledgements`).expect(200)).body;
      const units = body.notAcknowledged.map((a: { unitId: string }) => a.unitId);
      return units.includes('HU-QUE-VO') ? body : undefined;
    });
    expect(list.acknowledged.map((a: { unitId: string }) => a.unitId)).toEqual(['HU-TIEN-DU']);
    expect(list.notAcknowledged.map((a: { unitId: string }) => a.unitId)).toEqual(
      expect.arrayContaining(['HU-QUE-VO']),
    );
    expect(list.notAcknowledged.map((a: { unitId: string }) => a.unitId)).not.toContain('HU-TIEN-DU');
  });

  it('pages and filters the matrix; totals count every bucket of the filtered rows', async () => {
    const page2 = await matrix('obligation=implementation-plan&pageSize=5&page=2');
    expect(page2.items).toHaveLength(5);
    expect(page2.items[0].unitId).toBe(levelOne[5]);
    expect(page2.total).toBe(levelOne.length);
    const one = await matrix('unitId=HU-TIEN-DU&period=term');
    expect(one.items.map((r: { obligationId: string }) => r.obligationId)).toEqual(['implementation-plan']);
    const none = await matrix('obligation=implementation-plan&bucket=late');
    expect(none).toMatchObject({ total: 0, items: [] });
    expect(none.totals['not-done-within-deadline']).toBe(levelOne.length);
    const bad = await http.get(`/plans/${PLAN_ID}/status?bucket=soon&pageSize=0`).expect(400);
    expect(fields(bad).sort()).toEqual(['bucket', 'pageSize']);
    await http.get('/plans/NO-SUCH-PLAN/status').expect(404);
  });

  it('lists the plan and details it with counts per bucket and per obligation', async () => {
    const list = (await http.get('/plans').expect(200)).body;
    expect(list.total).toBe(1);
    expect(list.items[0].counts.total).toBeGreaterThanOrEqual(levelOne.length);
    const detail = (await http.get(`/plans/${PLAN_ID}`).expect(200)).body;
    expect(detail).toMatchObject({ id: PLAN_ID, status: 'issued', amendments: [] });
    const impl = detail.countsByObligation.find(
      (o: { obligationId: string }) => o.obligationId === 'implementation-plan',
    );
    expect(impl.counts).toMatchObject({
      total: levelOne.length,
      'not-done-within-deadline': levelOne.length,
    });
    expect(detail.counts.total).toBe(
      detail.countsByObligation.reduce(
        (n: number, o: { counts: { total: number } }) => n + o.counts.total,
        0,
      ),
    );
  });

  it('refuses amendments it can tell are wrong, naming the field, before touching the workflow', async () => {
    const kind = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({ kind: 'rename', unitId: 'X' })
      .expect(400);
    expect(fields(kind)).toEqual(['kind']);
    const extra = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({ kind: 'add-unit', unitId: 'HU-TIEN-DU', reason: 'x' })
      .expect(400);
    expect(fields(extra)).toEqual(['reason']);
    const unknownUnit = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({ kind: 'add-unit', unitId: 'HU-KHONG-CO' })
      .expect(422);
    expect(unknownUnit.body.errors).toEqual([
      { field: 'unitId', reason: 'no unit HU-KHONG-CO in the org tree' },
    ]);
    const owesNothing = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({ kind: 'remove-unit', unitId: 'TXU-TU-SON', reason: 'Đã sáp nhập' })
      .expect(422);
    expect(fields(owesNothing)).toEqual(['unitId']);
    const noSuccessor = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({ kind: 'remove-unit', unitId: 'HU-TIEN-DU', reason: 'Sáp nhập', reassignTo: 'HU-KHONG-CO' })
      .expect(422);
    expect(fields(noSuccessor)).toEqual(['reassignTo']);
    const badRule = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({
        kind: 'change-due-rule',
        obligationId: 'annual-report',
        due: { kind: 'yearly-date', month: 13, day: 1 },
        policy: 'recompute',
        reason: 'x',
      })
      .expect(422);
    expect(fields(badRule).every((f: string) => f.startsWith('due'))).toBe(true);
    const unknownObligation = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({
        kind: 'change-due-rule',
        obligationId: 'nope',
        due: { kind: 'end-of-quarter' },
        policy: 'freeze',
        reason: 'x',
      })
      .expect(422);
    expect(fields(unknownObligation)).toEqual(['obligationId']);
  });

  it("moves the implementation plans' due date on a recomputed due-rule change", async () => {
    const res = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({
        kind: 'change-due-rule',
        obligationId: 'implementation-plan',
        due: { kind: 'after-issuance', days: 60, dayKind: 'calendar' },
        policy: 'recompute',
        reason: 'Ban Thường vụ cho lùi hạn 30 ngày',
      })
      .expect(200);
    expect(res.body).toEqual({ kind: 'change-due-rule', rescheduled: levelOne.length });
    const view = await poll('the new due dates', async () => {
      const m = await matrix('obligation=implementation-plan');
      return m.items.every((r: { dueDate: string }) => r.dueDate >= addDays(plan.issued, 60)) ? m : undefined;
    });
    expect(view.totals['not-done-within-deadline']).toBe(levelOne.length);
  });

  it('removing a unit cancels its deliverables still owed and records the amendment', async () => {
    const res = await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({ kind: 'remove-unit', unitId: 'HU-TIEN-DU', reason: 'Kiểm thử: đơn vị được sáp nhập' })
      .expect(200);
    expect(res.body).toMatchObject({ kind: 'remove-unit', cancelled: 1 });
    const view = await poll('the cancellation in the read model', async () => {
      const m = await matrix('unitId=HU-TIEN-DU');
      return m.items.every((r: { status: string }) => r.status === 'cancelled') ? m : undefined;
    });
    expect(view.items[0]).toMatchObject({ obligationId: 'implementation-plan', bucket: 'cancelled' });
    const impl = await matrix('obligation=implementation-plan');
    expect(impl.totals).toMatchObject({ cancelled: 1, 'not-done-within-deadline': levelOne.length - 1 });
    const detail = (await http.get(`/plans/${PLAN_ID}`).expect(200)).body;
    expect(detail.amendments.map((a: { kind: string }) => a.kind)).toEqual([
      'change-due-rule',
      'remove-unit',
    ]);
    expect(detail.amendments[0].policy).toBe('recompute');
    expect(detail.amendments[1]).toMatchObject({
      detail: { unitId: 'HU-TIEN-DU' },
      outcome: { cancelled: 1 },
    });
  });

  it('cancels the plan: everything still owed is cancelled; later commands conflict', async () => {
    await http.post(`/plans/${PLAN_ID}/cancel`).send({}).expect(400);
    const res = await http
      .post(`/plans/${PLAN_ID}/cancel`)
      .send({ reason: 'Kiểm thử: kế hoạch được thay thế' })
      .expect(200);
    expect(res.body.kind).toBe('cancel-plan');
    expect(res.body.cancelled).toBeGreaterThanOrEqual(levelOne.length - 1);
    const detail = (await http.get(`/plans/${PLAN_ID}`).expect(200)).body;
    expect(detail).toMatchObject({ status: 'cancelled', cancelReason: 'Kiểm thử: kế hoạch được thay thế' });
    const totals = (
      await poll('every deliverable cancelled', async () => {
        const m = await matrix('pageSize=500');
        return m.totals.cancelled === m.totals.total ? m : undefined;
      })
    ).totals;
    expect(totals['not-done-within-deadline'] + totals['not-done-overdue']).toBe(0);

    const again = await http.post(`/plans/${PLAN_ID}/cancel`).send({ reason: 'lần nữa' }).expect(409);
    expect(again.body.detail).toContain('cancelled');
    await http
      .post(`/plans/${PLAN_ID}/amendments`)
      .send({ kind: 'add-unit', unitId: 'HU-TIEN-DU' })
      .expect(409);
    // The stored definition was amended (due rule), so the original file is now a different plan.
    const reissued = await http.post('/plans').send(body).expect(409);
    expect(reissued.body.plan.status).toBe('cancelled');
    await stack.temporal.client.workflow.getHandle(`plan:${PLAN_ID}`).result();
  });
});
