import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  AccountRecord,
  AccountRepository,
  AccountRole,
  hashPassword,
  OpenedSession,
  SessionRepository,
} from '@dondoc/persistence';

export interface SeededAccount {
  account: AccountRecord;
  /** The plain password, known only to the test. */
  password: string;
}

export interface SeedAccountOptions {
  role: AccountRole;
  /** Required for every role but admin; the unit must exist. */
  unitId?: string | null;
  /** A member's person; seedAccount creates one with a membership in unitId when absent. */
  personId?: string | null;
  username?: string;
  displayName?: string;
  password?: string;
}

/** A random password that satisfies the policy (≥ 10 characters). */
export const randomPassword = (): string => randomBytes(15).toString('base64url');

/** A person with a membership in the unit, for member accounts; answers the person id. */
export async function seedMemberPerson(ds: DataSource, unitId: string): Promise<string> {
  const id = `DV-TEST-${randomBytes(4).toString('hex').toUpperCase()}`;
  await ds.query(`INSERT INTO people (id, name, kind) VALUES ($1, $2, 'party-member')`, [
    id,
    `Đảng viên ${id}`,
  ]);
  await ds.query(
    `INSERT INTO memberships (person_id, unit_id, role, valid_from) VALUES ($1, $2, 'member', '2020-01-01')`,
    [id, unitId],
  );
  return id;
}

/** An account straight into the database (no API, no policy beyond the schema's), with a random password. */
export async function seedAccount(ds: DataSource, o: SeedAccountOptions): Promise<SeededAccount> {
  const password = o.password ?? randomPassword();
  const unitId = o.role === 'admin' ? null : (o.unitId ?? null);
  if (o.role !== 'admin' && !unitId) throw new Error(`seedAccount: the role ${o.role} needs a unitId`);
  const personId =
    o.role === 'member' ? (o.personId ?? (await seedMemberPerson(ds, unitId as string))) : null;
  const username = o.username ?? `${o.role}-${randomBytes(4).toString('hex')}`;
  const account = await new AccountRepository(ds).create({
    username,
    displayName: o.displayName ?? `Test ${o.role}${unitId ? ` ${unitId}` : ''}`,
    passwordHash: await hashPassword(password),
    role: o.role,
    unitId,
    personId,
  });
  return { account, password };
}

/** A session for the account, as if it had signed in: use `token` as `Authorization: Bearer`. */
export function seedSession(ds: DataSource, accountId: string, ttlHours = 12): Promise<OpenedSession> {
  return new SessionRepository(ds).open({ accountId, via: 'bearer', ttlHours, ip: '127.0.0.1' });
}
