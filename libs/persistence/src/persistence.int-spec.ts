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
