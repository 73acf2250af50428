import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AccountRepository, verifyPassword } from '@dondoc/persistence';
import { createTestDatabase, TestDatabase } from '@dondoc/testing';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './demo-accounts';
import { seedDemoOrgIfEmpty } from './demo-org';

describe('make up demo accounts (PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoOrgIfEmpty(db.dataSource);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-demo-'));
  });

  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates one account per role once, hashed in the database, passwords only in a 600 file', async () => {
    const file = path.join(dir, 'demo-accounts.txt');
    const first = await seedDemoAccounts(db.dataSource, file);
    expect(first.created).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(first.skipped).toEqual([]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const accounts = new AccountRepository(db.dataSource);
    for (const line of first.lines) {
      const [username, password] = line.split(/\s+/);
      const stored = await accounts.findCredentials(username);
      expect(stored?.passwordHash).toMatch(/^scrypt\$/);
      await expect(verifyPassword(password, stored!.passwordHash)).resolves.toBe(true);
    }
    expect((await accounts.findCredentials('dv-0001'))?.personId).toBe('DV-0001');

    const again = await seedDemoAccounts(db.dataSource, file);
    expect(again.created).toEqual([]);
    expect(again.lines).toEqual(first.lines);
  });
});
