import type { DataSource } from 'typeorm';
import { DomainException } from '@dondoc/domain';
import type { AccountRole } from './account.entity';
import { normalizeUsername } from './password';

/** An account as the API shows it (never its password hash). */
export interface AccountRecord {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
  unitId: string | null;
  personId: string | null;
  disabled: boolean;
  passwordChangedAt: string;
  createdAt: string;
  version: number;
}

export interface NewAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  role: AccountRole;
  unitId: string | null;
  personId?: string | null;
}

export interface AccountChanges {
  displayName?: string;
  role?: AccountRole;
  unitId?: string | null;
  personId?: string | null;
  disabled?: boolean;
}

export interface AccountQuery {
  role?: AccountRole;
  unitId?: string;
  page: number;
  pageSize: number;
}

export type AccountUpdate =
  | { outcome: 'updated'; account: AccountRecord }
  | { outcome: 'stale'; account: AccountRecord }
  | { outcome: 'not-found' };

const COLUMNS = `a.id, a.username, a.display_name AS "displayName", a.role, a.unit_id AS "unitId",
  a.person_id AS "personId", a.disabled, a.password_changed_at AS "passwordChangedAt",
  a.created_at AS "createdAt", a.version`;

type Row = Omit<AccountRecord, 'passwordChangedAt' | 'createdAt'> & {
  passwordChangedAt: Date;
  createdAt: Date;
};

const toRecord = (r: Row): AccountRecord => ({
  ...r,
  passwordChangedAt: r.passwordChangedAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
});

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** Accounts in PostgreSQL. Usernames are normalised here, whoever calls. */
export class AccountRepository {
  constructor(private readonly ds: DataSource) {}

  /** @throws DomainException `conflict` naming `username` when it is taken. */
  async create(a: NewAccount): Promise<AccountRecord> {
    try {
      const [row]: Row[] = await this.ds.query(
        `INSERT INTO accounts AS a (username, display_name, password_hash, role, unit_id, person_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [normalizeUsername(a.username), a.displayName, a.passwordHash, a.role, a.unitId, a.personId ?? null],
      );
      return toRecord(row);
    } catch (e) {
      if (isUniqueViolation(e))
        throw new DomainException('conflict', 'username is already taken', [
          { field: 'username', reason: 'is already taken' },
        ]);
      throw e;
    }
  }

  async findById(id: string): Promise<AccountRecord | null> {
    const [row]: Row[] = await this.ds.query(`SELECT ${COLUMNS} FROM accounts a WHERE a.id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  /** For sign-in and password checks: the record with its hash. */
  async findCredentials(username: string): Promise<(AccountRecord & { passwordHash: string }) | null> {
    const [row]: (Row & { passwordHash: string })[] = await this.ds.query(
      `SELECT ${COLUMNS}, a.password_hash AS "passwordHash" FROM accounts a WHERE a.username = $1`,
      [normalizeUsername(username)],
    );
    return row ? { ...toRecord(row), passwordHash: row.passwordHash } : null;
  }

  async passwordHashOf(id: string): Promise<string | null> {
    const [row] = await this.ds.query(`SELECT password_hash FROM accounts WHERE id = $1`, [id]);
    return row?.password_hash ?? null;
  }

  async list(q: AccountQuery): Promise<{ items: AccountRecord[]; total: number }> {
    const where = `($1::text IS NULL OR a.role = $1) AND ($2::text IS NULL OR a.unit_id = $2)`;
    const params = [q.role ?? null, q.unitId ?? null];
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM accounts a WHERE ${where}`,
      params,
    );
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM accounts a WHERE ${where} ORDER BY a.username LIMIT $3 OFFSET $4`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(toRecord), total };
  }

  /** Applies `changes` if the account is still at `expectedVersion`; the version goes up by one. */
  async update(id: string, expectedVersion: number, changes: AccountChanges): Promise<AccountUpdate> {
    const sets: string[] = [];
    const params: unknown[] = [id, expectedVersion];
    const column: Record<keyof AccountChanges, string> = {
      displayName: 'display_name',
      role: 'role',
      unitId: 'unit_id',
      personId: 'person_id',
      disabled: 'disabled',
    };
    for (const [key, value] of Object.entries(changes) as [keyof AccountChanges, unknown][]) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column[key]} = $${params.length}`);
    }
    const [row]: Row[] = await this.ds.query(
      `UPDATE accounts a SET ${[...sets, 'version = a.version + 1'].join(', ')}
       WHERE a.id = $1 AND a.version = $2 RETURNING ${COLUMNS}`,
      params,
    );
    // node-postgres answers UPDATE … RETURNING as [rows, count] through TypeORM
    const updated = Array.isArray(row) ? (row as unknown as Row[])[0] : row;
    if (updated) return { outcome: 'updated', account: toRecord(updated) };
    const current = await this.findById(id);
    return current ? { outcome: 'stale', account: current } : { outcome: 'not-found' };
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.ds.query(`UPDATE accounts SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  /** Enabled admins other than `exceptId`: an admin may not disable or demote the last one. */
  async countEnabledAdmins(exceptId?: string): Promise<number> {
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM accounts WHERE role = 'admin' AND NOT disabled AND id <> $1`,
      [exceptId ?? '00000000-0000-0000-0000-000000000000'],
    );
    return n;
  }

  async unitExists(unitId: string): Promise<boolean> {
    const rows = await this.ds.query(`SELECT 1 FROM units WHERE id = $1`, [unitId]);
    return rows.length > 0;
  }

  /** Whether the person exists, and whether they have (had) a membership in the unit. */
  async personIn(personId: string, unitId: string): Promise<{ exists: boolean; member: boolean }> {
    const [row] = await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM people WHERE id = $1) AS exists,
              EXISTS (SELECT 1 FROM memberships WHERE person_id = $1 AND unit_id = $2) AS member`,
      [personId, unitId],
    );
    return row;
  }
}
