import { simpleParser } from 'mailparser';
import { ackToken, DondocConfig } from '@dondoc/config';
import {
  ContactEntity,
  DeliverableProjection,
  DeliverableProjectionRepository,
  MailKind,
  OutboxRepository,
  StoredMailContent,
} from '@dondoc/persistence';
import {
  ApiTestStack,
  seedTestUnit,
  startApiTestStack,
  storePlan22,
  TEST_GRASSROOTS,
  TEST_MAILBOXES,
  TEST_UNIT,
} from '@dondoc/testing';
import { DONDOC_CONFIG } from '../src/tokens';

const PLAN = '22-KH-TU';
const D1 = `${PLAN}:implementation-plan:${TEST_UNIT.id}:term`;
const D2 = `${PLAN}:implementation-plan:${TEST_GRASSROOTS.id}:term`;

function deliverable(id: string, unitId: string): DeliverableProjection {
  return {
    id,
    workflowId: `deliverable:${id}`,
    planId: PLAN,
    obligationId: 'implementation-plan',
    unitId,
    period: 'term',
    planNumber: '22-KH/TU',
    planTitle: null,
    title: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
    clause: null,
    collectorUnitId: 'BTG-TU',
    requiredContents: [],
    dueDate: '2021-09-13',
    deadlineAt: '2021-09-13T17:00:00.000Z',
    status: 'open',
    version: 1,
    remindersSent: 0,
    escalationsSent: 0,
    nextStepAt: null,
    nextStepKind: null,
    submittedAt: null,
    submission: null,
    lastReview: null,
    extensions: [],
    returns: 0,
    closedReason: null,
  };
}

const content = (subject: string, withIcs = false): StoredMailContent => ({
  subject,
  text: `${subject}\n\nKính gửi đồng chí.`,
  html: `<p>${subject}</p>`,
  ...(withIcs
    ? {
        attachments: [
          {
            filename: 'han-nop.ics',
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            base64: Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n').toString('base64'),
          },
        ],
      }
    : {}),
});

/** The mail log, admin resend and plan acknowledgements over HTTP, on PostgreSQL and the SMTP sink. */
describe('mail and plan acknowledgement API (e2e)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];
  let config: DondocConfig;
  let outbox: OutboxRepository;
  let head: ContactEntity;
  let officer: ContactEntity;
  let grassrootsHead: ContactEntity;
  const keys: Record<string, string> = {};

  /** Inserts one outbox row the way the worker does (claim), then moves it to `status`. */
  async function mail(
    name: string,
    o: {
      contact: ContactEntity;
      step: string;
      kind: MailKind;
      status: 'pending' | 'sent' | 'failed' | 'digested';
      deliverableId?: string;
      planId?: string;
      createdAt: string;
      ics?: boolean;
    },
  ): Promise<void> {
    const workflowId = o.deliverableId ? `deliverable:${o.deliverableId}` : `plan:${o.planId}`;
    const key = `${workflowId}/${o.step}/${o.contact.id}`;
    const subject = `[${o.kind}] ${name}`;
    await outbox.claim({
      key,
      workflowId,
      step: o.step,
      contactId: o.contact.id,
      recipient: o.contact.email,
      subject,
      messageId: `<${name}.${o.step}@dondoc>`,
      kind: o.kind,
      deliverableId: o.deliverableId ?? null,
      unitId: o.contact.unitId,
      planId: o.planId ?? PLAN,
      content: content(subject, o.ics),
      initialStatus: o.status === 'digested' ? 'digested' : 'pending',
    });
    if (o.status === 'sent') await outbox.markSent(key);
    if (o.status === 'failed') await outbox.recordError(key, '550 5.1.1 mailbox unavailable', true);
    await stack.db.dataSource.query(`UPDATE outbox SET created_at = $2 WHERE key = $1`, [key, o.createdAt]);
    keys[name] = key;
  }

  const path = (key: string) => `/mail/${encodeURIComponent(key)}`;

  beforeAll(async () => {
    stack = await startApiTestStack({
      worker: false,
      prepare: async (db) => {
        const [h, off] = await seedTestUnit(db.dataSource);
        head = h;
        officer = off;
        grassrootsHead = (await db.dataSource
          .getRepository(ContactEntity)
          .findOneByOrFail({ email: TEST_MAILBOXES.grassrootsHead }))!;
        await storePlan22(db.dataSource);
        const projections = new DeliverableProjectionRepository(db.dataSource);
        await projections.upsert(deliverable(D1, TEST_UNIT.id));
        await projections.upsert(deliverable(D2, TEST_GRASSROOTS.id));
      },
    });
    http = stack.http;
    config = stack.app.get<DondocConfig>(DONDOC_CONFIG);
    outbox = new OutboxRepository(stack.db.dataSource);
    await mail('reminder', {
      contact: head,
      step: 'reminder-1',
      kind: 'reminder',
      status: 'sent',
      deliverableId: D1,
      createdAt: '2021-08-26T01:00:00Z',
    });
    await mail('officer-reminder', {
      contact: officer,
      step: 'reminder-1',
      kind: 'reminder',
      status: 'digested',
      deliverableId: D1,
      createdAt: '2021-08-26T01:00:01Z',
    });
    await mail('overdue', {
      contact: head,
      step: 'overdue',
      kind: 'overdue',
      status: 'pending',
      deliverableId: D1,
      createdAt: '2021-09-14T01:00:00Z',
    });
    await mail('escalation', {
      contact: head,
      step: 'escalation-1',
      kind: 'escalation',
      status: 'failed',
      deliverableId: D1,
      createdAt: '2021-09-16T01:00:00Z',
      ics: true,
    });
    await mail('plan-issued', {
      contact: grassrootsHead,
      step: 'issued',
      kind: 'plan-issued',
      status: 'failed',
      planId: PLAN,
      createdAt: '2021-08-13T01:00:00Z',
    });
  }, 180_000);

  afterAll(() => stack?.stop());

  describe('GET /mail', () => {
    it('lists every mail newest first, paged, without the body', async () => {
      const res = await http.get('/mail').expect(200);
      expect(res.body).toMatchObject({ total: 5, page: 1, pageSize: 50 });
      expect(res.body.items.map((i: { key: string }) => i.key)).toEqual([
        keys.escalation,
        keys.overdue,
        keys['officer-reminder'],
        keys.reminder,
        keys['plan-issued'],
      ]);
      for (const item of res.body.items) {
        expect(item).not.toHaveProperty('content');
        expect(JSON.stringify(item)).not.toContain('Kính gửi');
      }
      expect(res.body.items[0]).toMatchObject({
        key: keys.escalation,
        status: 'failed',
        kind: 'escalation',
        deliverableId: D1,
        unitId: TEST_UNIT.id,
        planId: PLAN,
        contactId: head.id,
        recipient: TEST_MAILBOXES.unitHead,
        messageId: '<escalation.escalation-1@dondoc>',
        lastError: '550 5.1.1 mailbox unavailable',
        createdAt: '2021-09-16T01:00:00.000Z',
        sentAt: null,
      });
      expect(res.body.items[0].failedAt).toEqual(expect.any(String));
    });

    it('pages', async () => {
      const res = await http.get('/mail?page=2&pageSize=2').expect(200);
      expect(res.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(res.body.items.map((i: { key: string }) => i.key)).toEqual([
        keys['officer-reminder'],
        keys.reminder,
      ]);
      const past = await http.get('/mail?page=4&pageSize=2').expect(200);
      expect(past.body).toMatchObject({ items: [], total: 5 });
    });

    it.each([
      ['status=failed', ['escalation', 'plan-issued']],
      ['status=digested', ['officer-reminder']],
      ['kind=reminder', ['officer-reminder', 'reminder']],
      [`unitId=${TEST_GRASSROOTS.id}`, ['plan-issued']],
      ['contactId=CONTACT', ['officer-reminder']],
      [`deliverableId=${encodeURIComponent(D1)}`, ['escalation', 'overdue', 'officer-reminder', 'reminder']],
      [`deliverableId=${encodeURIComponent(D1)}&kind=reminder&status=sent`, ['reminder']],
    ])('filters by %s', async (query, names) => {
      const res = await http.get(`/mail?${query.replace('CONTACT', officer.id)}`).expect(200);
      expect(res.body.items.map((i: { key: string }) => i.key)).toEqual(names.map((n) => keys[n]));
      expect(res.body.total).toBe(names.length);
    });

    it.each([
      ['pageSize=201', 'pageSize'],
      ['page=0', 'page'],
      ['status=lost', 'status'],
      ['kind=telegram', 'kind'],
      ['contactId=42', 'contactId'],
      ['unitId=a%20b', 'unitId'],
      ['colour=red', 'colour'],
    ])('refuses %s with 400 naming the field', async (query, field) => {
      const res = await http.get(`/mail?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('GET /deliverables/:id/mail and /contacts/:id/mail', () => {
    it("answers one deliverable's mail, paged and filtered", async () => {
      const res = await http.get(`/deliverables/${D1}/mail?pageSize=3`).expect(200);
      expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(res.body.items.map((i: { key: string }) => i.key)).toEqual([
        keys.escalation,
        keys.overdue,
        keys['officer-reminder'],
      ]);
      const none = await http.get(`/deliverables/${D2}/mail`).expect(200);
      expect(none.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
      const failed = await http.get(`/deliverables/${D1}/mail?status=failed`).expect(200);
      expect(failed.body.items.map((i: { key: string }) => i.key)).toEqual([keys.escalation]);
    });

    it('answers 404 for an unknown deliverable', async () => {
      const res = await http.get(`/deliverables/${PLAN}:nothing:${TEST_UNIT.id}:term/mail`).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, errors: [{ field: 'id' }] });
    });

    it("answers one contact's mail", async () => {
      const res = await http.get(`/contacts/${head.id}/mail`).expect(200);
      expect(res.body.items.map((i: { key: string }) => i.key)).toEqual([
        keys.escalation,
        keys.overdue,
        keys.reminder,
      ]);
      const kind = await http.get(`/contacts/${head.id}/mail?kind=overdue`).expect(200);
      expect(kind.body.items.map((i: { key: string }) => i.key)).toEqual([keys.overdue]);
    });

    it('refuses a contact id that is not a UUID with 400 naming id, and answers 404 for an unknown one', async () => {
      const bad = await http.get('/contacts/not-a-uuid/mail').expect(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body.errors).toEqual([{ field: 'id', reason: 'must be a contact id (a UUID)' }]);
      const unknown = await http.get('/contacts/00000000-0000-4000-8000-000000000000/mail').expect(404);
      expect(unknown.body).toMatchObject({ status: 404, errors: [{ field: 'id' }] });
    });
  });

  describe('GET /mail/:key', () => {
    it('answers one mail with its rendered content; attachments by name and type only', async () => {
      const res = await http.get(path(keys.escalation)).expect(200);
      expect(res.body).toMatchObject({
        key: keys.escalation,
        status: 'failed',
        content: {
          subject: '[escalation] escalation',
          text: '[escalation] escalation\n\nKính gửi đồng chí.',
          html: '<p>[escalation] escalation</p>',
          attachments: [
            { filename: 'han-nop.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
          ],
        },
      });
      expect(Object.keys(res.body.content.attachments[0]).sort()).toEqual(['contentType', 'filename']);
    });

    it('answers 404 for an unknown key, and for a key sent without encoding its slashes', async () => {
      const res = await http.get(path(`${keys.escalation}x`)).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, errors: [{ field: 'key' }] });
      await http.get(`/mail/${keys.escalation}`).expect(404);
    });
  });

  describe('POST /mail/:key/resend', () => {
    it('sends a failed mail again with the same Message-ID, once, and marks it sent', async () => {
      stack.sink.clear();
      const res = await http.post(`${path(keys.escalation)}/resend`).expect(200);
      expect(res.body).toMatchObject({
        key: keys.escalation,
        status: 'sent',
        lastError: null,
        failedAt: null,
      });
      expect(res.body.sentAt).toEqual(expect.any(String));
      expect(res.body).not.toHaveProperty('content');

      const received = await stack.sink.waitFor((m) => m.messageId === '<escalation.escalation-1@dondoc>');
      const parsed = await simpleParser(received.raw);
      expect(parsed.messageId).toBe('<escalation.escalation-1@dondoc>');
      expect(parsed.subject).toBe('[escalation] escalation');
      expect(parsed.text?.trim()).toBe('[escalation] escalation\n\nKính gửi đồng chí.');
      expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
        ['han-nop.ics', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'],
      ]);
      expect(received.to).toEqual([TEST_MAILBOXES.unitHead]);
      expect(parsed.from?.text).toBeTruthy();

      const row = await http.get(path(keys.escalation)).expect(200);
      expect(row.body.status).toBe('sent');
    });

    it('never resends a mail already sent: 409 with its status, nothing goes out', async () => {
      const res = await http.post(`${path(keys.escalation)}/resend`).expect(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 409, mailStatus: 'sent', errors: [{ field: 'status' }] });
      const pending = await http.post(`${path(keys.overdue)}/resend`).expect(409);
      expect(pending.body.mailStatus).toBe('pending');
      await new Promise((r) => setTimeout(r, 300));
      expect(
        stack.sink.messages().filter((m) => m.messageId === '<escalation.escalation-1@dondoc>'),
      ).toHaveLength(1);
      expect(stack.sink.messages()).toHaveLength(1);
    });

    it('answers 404 for an unknown key', async () => {
      const res = await http.post(`${path('plan:nothing/issued/x')}/resend`).expect(404);
      expect(res.body).toMatchObject({ status: 404, errors: [{ field: 'key' }] });
    });

    it('answers 502 when the relay refuses; the row stays failed with the reason; a later resend goes', async () => {
      stack.sink.clear();
      stack.sink.failNext(1, 550, 'Mailbox unavailable');
      const res = await http.post(`${path(keys['plan-issued'])}/resend`).expect(502);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 502, responseCode: 550, retryable: false });
      expect(res.body.detail).toContain('Mailbox unavailable');
      let row = await http.get(path(keys['plan-issued'])).expect(200);
      expect(row.body).toMatchObject({ status: 'failed', sentAt: null });
      expect(row.body.lastError).toContain('Mailbox unavailable');
      expect(row.body.failedAt).toEqual(expect.any(String));

      // A transient refusal also leaves it failed (nobody else would retry an admin's resend).
      stack.sink.failNext(1, 451, 'Try again later');
      const transient = await http.post(`${path(keys['plan-issued'])}/resend`).expect(502);
      expect(transient.body).toMatchObject({ responseCode: 451, retryable: true });
      row = await http.get(path(keys['plan-issued'])).expect(200);
      expect(row.body.status).toBe('failed');
      expect(row.body.lastError).toContain('Try again later');
      expect(stack.sink.messages()).toHaveLength(0);

      await http.post(`${path(keys['plan-issued'])}/resend`).expect(200);
      const received = await stack.sink.waitFor((m) => m.messageId === '<plan-issued.issued@dondoc>');
      expect(received.to).toEqual([TEST_MAILBOXES.grassrootsHead]);
      expect(stack.sink.messages()).toHaveLength(1);
    });
  });

  describe('plan acknowledgement', () => {
    const ackUrl = (unit: string, token: string, plan = PLAN) =>
      `/plans/${plan}/acknowledge?unit=${encodeURIComponent(unit)}&token=${encodeURIComponent(token)}`;

    it('lists every unit owing deliverables as not acknowledged before any click', async () => {
      const res = await http.get(`/plans/${PLAN}/acknowledgements`).expect(200);
      expect(res.body).toEqual({
        planId: PLAN,
        planNumber: '22-KH/TU',
        acknowledged: [],
        notAcknowledged: [
          { unitId: TEST_GRASSROOTS.id, unitName: TEST_GRASSROOTS.name },
          { unitId: TEST_UNIT.id, unitName: TEST_UNIT.name },
        ],
      });
    });

    it('refuses a token that does not match the plan and unit with 403 naming token', async () => {
      const forged = ackToken(config.linkSecret, PLAN, TEST_GRASSROOTS.id);
      const res = await http.get(ackUrl(TEST_UNIT.id, forged)).expect(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 403, errors: [{ field: 'token' }] });
      const other = await http.get(ackUrl(TEST_UNIT.id, ackToken('another secret', PLAN, TEST_UNIT.id)));
      expect(other.status).toBe(403);
      const missing = await http.get(`/plans/${PLAN}/acknowledge?unit=${TEST_UNIT.id}`).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('token');
    });

    it('answers 404 for an unknown plan (id) or a unit not in the org (unit)', async () => {
      const plan = await http.get(
        ackUrl(TEST_UNIT.id, ackToken(config.linkSecret, '99-KH-TU', TEST_UNIT.id), '99-KH-TU'),
      );
      expect(plan.status).toBe(404);
      expect(plan.body).toMatchObject({ errors: [{ field: 'id' }] });
      const unit = await http
        .get(ackUrl('HU-NOWHERE', ackToken(config.linkSecret, PLAN, 'HU-NOWHERE')))
        .expect(404);
      expect(unit.body).toMatchObject({ errors: [{ field: 'unit' }] });
      await http.get(`/plans/99-KH-TU/acknowledgements`).expect(404);
    });

    it('acknowledges with a valid link: a page for a browser, JSON otherwise; a second click keeps the first time', async () => {
      const token = ackToken(config.linkSecret, PLAN, TEST_UNIT.id);
      const page = await http
        .get(ackUrl(TEST_UNIT.id, token))
        .set('Accept', 'text/html,*/*;q=0.8')
        .expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(page.text).toContain('Đã xác nhận nhận Kế hoạch số 22-KH/TU');
      expect(page.text).toContain('Acknowledged');
      expect(page.text).toContain(TEST_UNIT.name);
      expect(page.text).not.toContain('đã xác nhận lúc');

      const again = await http.get(ackUrl(TEST_UNIT.id, token)).set('Accept', 'application/json').expect(200);
      expect(again.body).toMatchObject({
        planId: PLAN,
        planNumber: '22-KH/TU',
        unitId: TEST_UNIT.id,
        unitName: TEST_UNIT.name,
        via: 'mail-link',
        alreadyAcknowledged: true,
      });
      const [{ at }] = (await stack.db.dataSource.query(
        `SELECT at FROM plan_acknowledgements WHERE plan_id = $1 AND unit_id = $2`,
        [PLAN, TEST_UNIT.id],
      )) as { at: Date }[];
      expect(again.body.at).toBe(at.toISOString());

      const third = await http.get(ackUrl(TEST_UNIT.id, token)).set('Accept', 'text/html').expect(200);
      expect(third.text).toContain('đã xác nhận lúc');
      const [{ n }] = (await stack.db.dataSource.query(
        `SELECT count(*)::int AS n FROM plan_acknowledgements WHERE plan_id = $1`,
        [PLAN],
      )) as { n: number }[];
      expect(n).toBe(1);

      const list = await http.get(`/plans/${PLAN}/acknowledgements`).expect(200);
      expect(list.body.acknowledged).toEqual([
        { unitId: TEST_UNIT.id, unitName: TEST_UNIT.name, at: at.toISOString(), via: 'mail-link' },
      ]);
      expect(list.body.notAcknowledged).toEqual([
        { unitId: TEST_GRASSROOTS.id, unitName: TEST_GRASSROOTS.name },
      ]);
    });
  });

  it('documents every endpoint in the OpenAPI document, admin ones marked', async () => {
    const res = await http.get('/docs/openapi.json').expect(200);
    const paths = res.body.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/mail',
        '/mail/{key}',
        '/mail/{key}/resend',
        '/deliverables/{id}/mail',
        '/contacts/{id}/mail',
        '/plans/{id}/acknowledge',
        '/plans/{id}/acknowledgements',
      ]),
    );
    expect(paths['/mail/{key}/resend'].post.summary).toMatch(/\(admin\)/);
    expect(Object.keys(paths['/mail/{key}/resend'].post.responses).sort()).toEqual([
      '200',
      '401',
      '403',
      '404',
      '409',
      '502',
    ]);
    expect(paths['/mail'].get.summary).toMatch(/\(admin\)/);
  });
});
