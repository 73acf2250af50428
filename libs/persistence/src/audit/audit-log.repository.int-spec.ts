import { createTestDatabase, TestDatabase } from '@dondoc/testing';
import { AuditEntry, AuditLogRepository, AuditRecord } from './audit-log.repository';

const ACCOUNT = '3b0f7a52-8c1e-4d6a-9f3e-2a7d5c9e1b44';

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    accountId: ACCOUNT,
    username: 'btg.nguyen',
    role: 'btg',
    ip: '203.113.152.7',
    userAgent: 'Mozilla/5.0',
    method: 'POST',
    route: '/deliverables/:id/review',
    path: '/deliverables/D1/review',
    action: 'deliverables.review',
    target: 'D1',
    status: 200,
    outcome: 'ok',
    problemTitle: null,
    problemDetail: null,
    requestId: 'r-1',
    durationMs: 12,
    detail: null,
    ...over,
  };
}

async function all(repo: AuditLogRepository, f = {}, batch = 3): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const r of repo.stream(f, batch)) out.push(r);
  return out;
}

describe('AuditLogRepository on real PostgreSQL', () => {
  let db: TestDatabase;
  let repo: AuditLogRepository;
  const at = (iso: string, e: Partial<AuditEntry>) =>
    db.dataSource.query(
      `INSERT INTO audit_log (at, account_id, username, method, path, action, target, status, outcome, duration_ms)
       VALUES ($1, $2, $3, 'POST', '/x', $4, $5, $6, $7, 1)`,
      [
        iso,
        e.accountId ?? null,
        e.username ?? null,
        e.action,
        e.target ?? null,
        e.status ?? 200,
        e.outcome ?? 'ok',
      ],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    repo = new AuditLogRepository(db.dataSource);
  });
  afterAll(() => db?.drop());

  it('appends a row as given; the database stamps id and instant', async () => {
    const before = Date.now();
    await repo.append(entry({ detail: { decision: 'accept' } }));
    const { items, total } = await repo.list({ target: 'D1' }, { offset: 0, limit: 10 });
    expect(total).toBe(1);
    const [r] = items;
    expect(r).toMatchObject({ ...entry(), detail: { decision: 'accept' } });
    expect(r.id).toMatch(/^\d+$/);
    expect(Date.parse(r.at)).toBeGreaterThanOrEqual(before - 5_000);
  });

  it('keeps an anonymous attempt: no account, no username', async () => {
    await repo.append(
      entry({
        accountId: null,
        username: null,
        role: null,
        route: '/auth/login',
        path: '/auth/login',
        action: 'auth.login',
        target: null,
        status: 401,
        outcome: 'refused',
        problemTitle: 'Unauthorized',
      }),
    );
    const { items } = await repo.list({ action: 'auth.login' }, { offset: 0, limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ accountId: null, username: null, outcome: 'refused', status: 401 });
  });

  it('refuses an outcome outside ok, refused, error', async () => {
    await expect(repo.append(entry({ outcome: 'maybe' as never }))).rejects.toThrow(/check/i);
  });

  describe('filters, order and keyset streaming', () => {
    beforeAll(async () => {
      await at('2026-01-01T00:00:00Z', { action: 'f.a', target: 'T1', username: 'Trần Thị Bình' });
      await at('2026-01-02T00:00:00Z', { action: 'f.a', target: 'T2', accountId: ACCOUNT });
      await at('2026-01-03T00:00:00Z', { action: 'f.b', target: 'T1', status: 409, outcome: 'refused' });
      // Seven rows at one instant: the keyset must order and cut them by id.
      for (let i = 0; i < 7; i++)
        await at('2026-01-04T00:00:00.123456Z', { action: 'f.same', target: `S${i}` });
    });

    it('filters by account, username (any case), action, target, outcome and time [from, to)', async () => {
      const ids = async (f: object) => (await all(repo, f)).map((r) => r.target);
      expect(await ids({ action: 'f.a' })).toEqual(['T2', 'T1']);
      expect(await ids({ target: 'T1' })).toEqual(['T1', 'T1']);
      expect(await ids({ outcome: 'refused', action: 'f.b' })).toEqual(['T1']);
      expect(await ids({ username: 'trần thị bình' })).toEqual(['T1']);
      expect(await ids({ accountId: ACCOUNT, action: 'f.a' })).toEqual(['T2']);
      expect(await ids({ from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' })).toEqual(['T2']);
    });

    it('streams every row once, newest first, across batches that split one instant', async () => {
      const streamed = await all(repo, { action: 'f.same' }, 3);
      expect(streamed).toHaveLength(7);
      const ids = streamed.map((r) => BigInt(r.id));
      expect(ids.every((id, i) => i === 0 || id < ids[i - 1])).toBe(true);
      const everything = await all(repo, {}, 2);
      const listed = await repo.list({}, { offset: 0, limit: 100 });
      expect(everything.map((r) => r.id)).toEqual(listed.items.map((r) => r.id));
      expect(listed.total).toBe(everything.length);
    });

    it('pages the list', async () => {
      const p1 = await repo.list({ action: 'f.same' }, { offset: 0, limit: 4 });
      const p2 = await repo.list({ action: 'f.same' }, { offset: 4, limit: 4 });
      expect(p1.total).toBe(7);
      expect(p1.items).toHaveLength(4);
      expect(p2.items).toHaveLength(3);
      expect(new Set([...p1.items, ...p2.items].map((r) => r.id)).size).toBe(7);
    });
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE raise, rows stay', async () => {
    const count = async () =>
      ((await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`)) as { n: number }[])[0].n;
    const before = await count();
    const q = (sql: string) => db.dataSource.query(sql);
    await expect(q(`UPDATE audit_log SET username = 'someone-else'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(q(`DELETE FROM audit_log WHERE action = 'f.a'`)).rejects.toThrow(/append-only: DELETE/);
    await expect(q(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await count()).toBe(before);
  });
});
