import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { AccountRepository, AccountRole, hashPassword } from '@dondoc/persistence';

/** The accounts `make up` offers for trying the system by hand, one per role. */
export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  role: AccountRole;
  unitId: string | null;
  personId?: string;
}[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', unitId: null },
  { username: 'btg', displayName: 'Ban Tuyên giáo Tỉnh ủy', role: 'btg', unitId: 'BTG-TU' },
  { username: 'btv', displayName: 'Ban Thường vụ Tỉnh ủy', role: 'btv', unitId: 'BTV-TU' },
  {
    username: 'hu-tien-du',
    displayName: 'Văn phòng Huyện ủy Tiên Du',
    role: 'officer',
    unitId: 'HU-TIEN-DU',
  },
  // DV-0001, secretary of the Lũng Giang cell in the demo org
  {
    username: 'dv-0001',
    displayName: 'Nguyễn Văn Hùng',
    role: 'member',
    unitId: 'CB-TD-LIM-LUNG-GIANG',
    personId: 'DV-0001',
  },
];

export interface DemoAccountsReport {
  /** `username  password` lines of every demo account whose password is known (from the file). */
  lines: string[];
  created: string[];
  /** Demo accounts not created because their unit or person is not in this database. */
  skipped: string[];
}

/**
 * Creates the demo accounts that do not exist yet, each with a random password stored only hashed in
 * PostgreSQL and written once to `file` (mode 600, under the git-ignored .data/). Accounts that exist
 * are left alone, whatever their password now is.
 */
export async function seedDemoAccounts(ds: DataSource, file: string): Promise<DemoAccountsReport> {
  const accounts = new AccountRepository(ds);
  const created: string[] = [];
  const skipped: string[] = [];
  const newLines: string[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    if (await accounts.findCredentials(demo.username)) continue;
    const unitOk = demo.unitId === null || (await accounts.unitExists(demo.unitId));
    const personOk = !demo.personId || (await accounts.personIn(demo.personId, demo.unitId!)).member;
    if (!unitOk || !personOk) {
      skipped.push(demo.username);
      continue;
    }
    const password = randomBytes(12).toString('base64url');
    await accounts.create({ ...demo, passwordHash: await hashPassword(password) });
    created.push(demo.username);
    newLines.push(
      `${demo.username.padEnd(12)} ${password.padEnd(18)} ${demo.role}${demo.unitId ? ` ${demo.unitId}` : ''}`,
    );
  }
  if (newLines.length) {
    const header = fs.existsSync(file)
      ? ''
      : '# dondoc demo accounts (make up). Passwords are stored only hashed in the database.\n';
    fs.appendFileSync(file, header + newLines.join('\n') + '\n', { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }
  const lines = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
    : [];
  return { lines, created, skipped };
}
