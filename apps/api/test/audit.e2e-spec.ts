import { parse } from 'csv-parse/sync';
import type { Response } from 'superagent';
import { AuditLogRepository, AuditRecord } from '@dondoc/persistence';
import { ApiTestStack, seedTestUnit, startApiTestStack, TEST_UNIT } from '@dondoc/testing';
import { AuditRecorder } from '../src/audit/audit-recorder.service';
import { AUDIT_CSV_COLUMNS, AUDIT_EXPORT_BATCH } from '../src/audit/audit.service';

const UNKNOWN = '22-KH-TU:implementation-plan:KHONG-CO:term';
const REVIEW = { decision: 'accept', reviewerUnitId: 'BTG-TU' };

/** Reads a response body as bytes, whatever its type (CSV here). */
const asBuffer = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const parseCsv = (body: unknown) =>
  parse((body as Buffer).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];

/** The audit log over HTTP on real PostgreSQL: what a command leaves, reading, filtering, exporting. */
describe('audit log (e2e)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];
  const settled = () => stack.app.get(AuditRecorder).settled();
  /** Every row (oldest first), or those of the given request ids, once the writes in flight landed. */
  const rows = async (...requestIds: string[]): Promise<AuditRecord[]> => {
    await settled();
    const all: AuditRecord[] = [];
    for await (const r of new AuditLogRepository(stack.db.dataSource).stream({})) all.unshift(r);
    return requestIds.length ? all.filter((r) => requestIds.includes(r.requestId ?? '')) : all;
  };

  beforeAll(async () => {
    stack = await startApiTestStack({ worker: false, prepare: (db) => seedTestUnit(db.dataSource) });
    http = stack.http;
  }, 120_000);
  afterAll(() => stack?.stop());

  it('records a refused command once: method, route, action, target, status, outcome, ip, request id', async () => {
    const res = await http
      .post(`/deliverables/${UNKNOWN}/review`)
      .set('User-Agent', 'audit-e2e/1.0')
      .set('X-Request-Id', 'req-review-1')
      .send(REVIEW);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['x-request-id']).toBe('req-review-1');
    const found = await rows('req-review-1');
    expect(found).toHaveLength(1);
    const [row] = found;
    expect(row).toMatchObject({
      method: 'POST',
      route: '/deliverables/:id/review',
      path: `/deliverables/${UNKNOWN}/review`,
      action: 'deliverables.review',
      target: UNKNOWN,
      status: res.status,
      outcome: 'refused',
      userAgent: 'audit-e2e/1.0',
    });
    expect(row.problemTitle).toBe((res.body as { title: string }).title);
    expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(row.durationMs).toBeGreaterThanOrEqual(0);
    // The stack's client is signed in as its admin.
    expect(row).toMatchObject({
      accountId: stack.admin.account.id,
      username: stack.admin.account.username,
      role: 'admin',
    });
    // Never the body: the reviewer's unit appears in no column.
    expect(JSON.stringify(row)).not.toContain('BTG-TU');
  });

  it('does not record reads', async () => {
    const before = (await rows()).length;
    await http.get('/deliverables');
    await http.get(`/deliverables/${UNKNOWN}`);
    await http.get('/health').expect(200);
    await http.get('/audit').expect(200);
    expect(await rows()).toHaveLength(before);
  });

  it('records a command sent to a path no route serves, and gives every answer a request id', async () => {
    const res = await http.post('/khong-co-dau').send({});
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await rows(res.headers['x-request-id'] as string);
    expect(row).toMatchObject({ action: 'unmatched', route: null, status: 404, outcome: 'refused' });
  });

  it('records a 401 of an anonymous caller with no account', async () => {
    const res = await stack.anonymous
      .post(`/deliverables/${UNKNOWN}/review`)
      .set('X-Request-Id', 'anon-1')
      .send(REVIEW);
    expect(res.status).toBe(401);
    const [row] = await rows('anon-1');
    expect(row).toMatchObject({
      action: 'deliverables.review',
      target: UNKNOWN,
      status: 401,
      outcome: 'refused',
      accountId: null,
      username: null,
      role: null,
    });
  });

  it('records sign-in attempts and sign-out, never the password', async () => {
    const { username } = stack.admin.account;
    const wrong = 'sai-mat-khau-Xy9!';
    await stack.anonymous
      .post('/auth/login')
      .set('X-Request-Id', 'login-bad')
      .send({ username, password: wrong })
      .expect(401);
    const signedIn = await stack.anonymous
      .post('/auth/login')
      .set('X-Request-Id', 'login-ok')
      .send({ username, password: stack.admin.password })
      .expect(200);
    await stack.anonymous
      .post('/auth/logout')
      .set('Authorization', `Bearer ${(signedIn.body as { token: string }).token}`)
      .set('X-Request-Id', 'logout-1')
      .expect(204);
    const found = await rows('login-bad', 'login-ok', 'logout-1');
    expect(found.map((r) => [r.requestId, r.action, r.status, r.outcome])).toEqual([
      ['login-bad', 'auth.login', 401, 'refused'],
      ['login-ok', 'auth.login', 200, 'ok'],
      ['logout-1', 'auth.logout', 204, 'ok'],
    ]);
    expect(found[0].accountId).toBeNull();
    // The sign-in itself names the account that signed in (no principal existed before it).
    expect(found[1]).toMatchObject({ accountId: stack.admin.account.id, username, role: 'admin' });
    expect(found[2]).toMatchObject({ accountId: stack.admin.account.id, username, role: 'admin' });
    const text = JSON.stringify(found);
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(stack.admin.password);
  });

  it('records the signed acknowledgement link, a GET that changes state, even when refused', async () => {
    await stack.anonymous
      .get('/plans/22-KH-TU/acknowledge')
      .query({ unit: 'HU-TIEN-DU', token: 'forged' })
      .set('X-Request-Id', 'ack-forged')
      .expect((res) => expect(res.status).toBeGreaterThanOrEqual(400));
    const [row] = await rows('ack-forged');
    expect(row).toMatchObject({ method: 'GET', outcome: 'refused', accountId: null });
    expect(row.action).toMatch(/acknowledge/);
  });

  it('records a refusal by role: an officer may not export the audit log', async () => {
    const officer = await stack.as('officer', TEST_UNIT.id);
    await officer.get('/audit').expect(403);
    await officer.get('/audit/export.csv').set('X-Request-Id', 'export-officer').expect(403);
    const [row] = await rows('export-officer');
    expect(row).toMatchObject({ action: 'audit.export', status: 403, outcome: 'refused', role: 'officer' });
  });

  describe('reading the log', () => {
    let t0: string;
    beforeAll(async () => {
      t0 = (await rows()).length ? new Date(Date.now() - 60_000).toISOString() : new Date().toISOString();
      for (const n of [1, 2, 3]) {
        await http.post(`/deliverables/${UNKNOWN}-${n}/review`).set('X-Request-Id', `page-${n}`).send(REVIEW);
      }
      await settled();
    });

    it('lists newest first with the columns of a row', async () => {
      const res = await http.get('/audit').expect(200);
      const body = res.body as { items: AuditRecord[]; total: number; page: number; pageSize: number };
      expect(body.page).toBe(1);
      expect(body.pageSize).toBe(50);
      const stored = await rows();
      expect(body.total).toBe(stored.length);
      expect(body.items.map((i) => i.id)).toEqual(stored.map((r) => r.id).reverse());
      const item = body.items.find((i) => i.requestId === 'page-3')!;
      expect(item).toMatchObject({
        method: 'POST',
        route: '/deliverables/:id/review',
        action: 'deliverables.review',
        target: `${UNKNOWN}-3`,
        outcome: 'refused',
      });
      expect(new Date(item.at).toISOString()).toBe(item.at);
    });

    it('filters by action, target, outcome and time, and pages', async () => {
      const q = (query: Record<string, string | number>) =>
        http
          .get('/audit')
          .query(query)
          .expect(200)
          .then((r) => r.body as { items: AuditRecord[]; total: number });
      const byTarget = await q({ target: `${UNKNOWN}-2` });
      expect(byTarget.items.map((i) => i.requestId)).toEqual(['page-2']);
      const reviews = await q({ action: 'deliverables.review', outcome: 'refused', from: t0 });
      expect(reviews.total).toBeGreaterThanOrEqual(3);
      expect(reviews.items.every((i) => i.action === 'deliverables.review')).toBe(true);
      expect((await q({ outcome: 'ok', action: 'deliverables.review' })).total).toBe(0);
      expect((await q({ to: '2000-01-01T00:00:00Z' })).total).toBe(0);
      expect((await q({ from: '2999-01-01T00:00:00+07:00' })).total).toBe(0);
      const page2 = await q({ action: 'deliverables.review', pageSize: 1, page: 2 });
      expect(page2.items).toHaveLength(1);
      expect(page2.items[0].id).toBe(reviews.items[1].id);
      expect((await q({ username: 'nobody-at-all' })).total).toBe(0);
    });

    it('refuses a bad filter with a problem naming it', async () => {
      const res = await http.get('/audit').query({ from: 'yesterday', outcome: 'maybe' }).expect(400);
      const fields = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
      expect(fields).toEqual(['from', 'outcome']);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('exports the same rows as CSV with a BOM and a header, and records the export', async () => {
      const listed = (await http.get('/audit').query({ pageSize: 200 }).expect(200)).body as {
        items: AuditRecord[];
      };
      const res = await http
        .get('/audit/export.csv')
        .set('X-Request-Id', 'export-1')
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{8}\.csv"$/);
      const text = (res.body as Buffer).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const records = parseCsv(res.body);
      expect(Object.keys(records[0])).toEqual([...AUDIT_CSV_COLUMNS]);
      expect(records.map((r) => r.id)).toEqual(listed.items.map((i) => i.id));
      const page3 = records.find((r) => r.requestId === 'page-3')!;
      const item = listed.items.find((i) => i.requestId === 'page-3')!;
      expect(page3).toMatchObject({
        at: item.at,
        method: 'POST',
        route: '/deliverables/:id/review',
        action: 'deliverables.review',
        target: `${UNKNOWN}-3`,
        status: String(item.status),
        outcome: 'refused',
        problemTitle: item.problemTitle,
      });
      const [exported] = await rows('export-1');
      expect(exported).toMatchObject({ method: 'GET', action: 'audit.export', status: 200, outcome: 'ok' });
    });

    it('exports many rows across batches, in order, with filters', async () => {
      const repo = new AuditLogRepository(stack.db.dataSource);
      const n = AUDIT_EXPORT_BATCH * 2 + 7;
      // Written at once: many rows share an instant, so the keyset must fall back to the id.
      await stack.db.dataSource.query(
        `INSERT INTO audit_log (method, path, action, target, status, outcome, duration_ms, username)
         SELECT 'POST', '/bulk', 'bulk.test', 'bulk-' || g, 200, 'ok', 1, 'Nguyễn Văn An'
           FROM generate_series(1, $1) g`,
        [n],
      );
      const res = await http
        .get('/audit/export.csv')
        .query({ action: 'bulk.test' })
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      const records = parseCsv(res.body);
      expect(records).toHaveLength(n);
      expect(new Set(records.map((r) => r.id)).size).toBe(n);
      const ids = records.map((r) => BigInt(r.id));
      expect(ids.every((id, i) => i === 0 || id < ids[i - 1])).toBe(true);
      expect(records[0].username).toBe('Nguyễn Văn An');
      const streamed: string[] = [];
      for await (const r of repo.stream({ action: 'bulk.test' }, 100)) streamed.push(r.id);
      expect(streamed).toEqual(records.map((r) => r.id));
    });
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE raise', async () => {
    await rows();
    const q = (sql: string) => stack.db.dataSource.query(sql);
    await expect(q(`UPDATE audit_log SET status = 200`)).rejects.toThrow(/append-only/);
    await expect(q(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(q(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect((await rows()).length).toBeGreaterThan(0);
  });
});
