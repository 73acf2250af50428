import { createTestDatabase, seedTestUnit, TEST_UNIT, TestDatabase } from '@dondoc/testing';
import { DeliverableProjection, DeliverableProjectionRepository } from './deliverable-projection.repository';
import { OutboxRepository } from './outbox.repository';

describe('persistence on real PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestUnit(db.dataSource);
  });
  afterAll(() => db?.drop());

  const base: DeliverableProjection = {
    id: 'p:o:u:2021',
    workflowId: 'deliverable:p:o:u:2021',
    planId: 'p',
    obligationId: 'o',
    unitId: TEST_UNIT.id,
    period: '2021',
    planNumber: 'P/TU',
    planTitle: 'Kế hoạch thử',
    title: 'Báo cáo',
    clause: null,
    collectorUnitId: 'BTG-TU',
    requiredContents: [],
    dueDate: '2021-11-15',
    deadlineAt: '2021-11-15T17:00:00.000Z',
    status: 'open',
    version: 1,
    remindersSent: 0,
    escalationsSent: 0,
    nextStepAt: '2021-11-01T01:00:00.000Z',
    nextStepKind: 'reminder',
    submittedAt: null,
    submission: null,
    lastReview: null,
    extensions: [],
    returns: 0,
    closedReason: null,
  };

  it('applies the read model in version order and ignores stale or repeated writes', async () => {
    const repo = new DeliverableProjectionRepository(db.dataSource);
    expect(await repo.upsert(base, [{ version: 1, at: '2021-08-13T01:00:00.000Z', type: 'opened' }])).toBe(
      true,
    );
    expect(await repo.upsert(base, [{ version: 1, at: '2021-08-13T01:00:00.000Z', type: 'opened' }])).toBe(
      false,
    );
    expect((await repo.events(base.id)).map((e) => e.type)).toEqual(['opened']);
    expect(await repo.upsert({ ...base, version: 3, status: 'submitted', nextStepAt: null })).toBe(true);
    expect(await repo.upsert({ ...base, version: 2, remindersSent: 1 })).toBe(false);
    expect(await repo.upsert({ ...base, version: 3, status: 'submitted', nextStepAt: null })).toBe(false);
    const row = await repo.findById(base.id);
    expect(row).toMatchObject({
      status: 'submitted',
      version: 3,
      remindersSent: 0,
      nextStepAt: null,
      dueDate: '2021-11-15',
    });
    const page = await repo.list({ unitId: TEST_UNIT.id, status: 'submitted', page: 1, pageSize: 10 });
    expect(page.total).toBe(1);
  });

  it('writes many openings in one statement, with the same version rule as one by one', async () => {
    const repo = new DeliverableProjectionRepository(db.dataSource);
    const opened = [{ version: 1, at: '2021-08-13T01:00:00.000Z', type: 'opened' }];
    const row = (n: number): DeliverableProjection => ({
      ...base,
      id: `p:bulk${n}:u:2021`,
      workflowId: `deliverable:p:bulk${n}:u:2021`,
      obligationId: `bulk${n}`,
      requiredContents: [`nội dung ${n}`],
      extensions: [],
    });
    // One row is already further along (its workflow wrote version 2): the bulk write must not roll it back.
    await repo.upsert({ ...row(2), version: 2, status: 'submitted' });
    const written = await repo.upsertMany([1, 2, 3].map((n) => ({ projection: row(n), events: opened })));
    expect(written).toBe(2);
    expect(await repo.upsertMany([1, 2, 3].map((n) => ({ projection: row(n), events: opened })))).toBe(0);
    expect(await repo.upsertMany([])).toBe(0);
    expect(await repo.findById(row(1).id)).toMatchObject({ version: 1, requiredContents: ['nội dung 1'] });
    expect(await repo.findById(row(2).id)).toMatchObject({ version: 2, status: 'submitted' });
    for (const n of [1, 3]) expect((await repo.events(row(n).id)).map((e) => e.type)).toEqual(['opened']);
  });

  it('claims an outbox row once per key; a claim after sending sees it sent', async () => {
    const outbox = new OutboxRepository(db.dataSource);
    const [contact] = await db.dataSource.query(`SELECT id, email FROM contacts LIMIT 1`);
    const claim = {
      key: 'wf/reminder:2021-11-01/' + contact.id,
      workflowId: 'wf',
      step: 'reminder:2021-11-01',
      contactId: contact.id,
      recipient: contact.email,
      subject: 'Nhắc việc',
      messageId: '<k@dondoc>',
    };
    expect(await outbox.claim(claim)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await outbox.claim(claim)).toMatchObject({ status: 'pending', attempts: 2 });
    await outbox.markSent(claim.key);
    expect(await outbox.claim(claim)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await outbox.listByWorkflow('wf')).toHaveLength(1);
  });

  it('records a permanent failure so it is not retried, and a transient one without giving up', async () => {
    const outbox = new OutboxRepository(db.dataSource);
    const [contact] = await db.dataSource.query(`SELECT id, email FROM contacts LIMIT 1`);
    const mk = (key: string) => ({
      key,
      workflowId: 'wf2',
      step: 's',
      contactId: contact.id,
      recipient: contact.email,
      subject: 's',
      messageId: `<${key}@dondoc>`,
    });
    await outbox.claim(mk('t'));
    await outbox.recordError('t', '451 try later', false);
    await outbox.claim(mk('p'));
    await outbox.recordError('p', '550 no such user', true);
    const rows = await outbox.listByWorkflow('wf2');
    expect(Object.fromEntries(rows.map((r) => [r.key, [r.status, r.lastError]]))).toEqual({
      t: ['pending', '451 try later'],
      p: ['failed', '550 no such user'],
    });
  });
});
