import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AccountRole } from './account.entity';

export type SessionVia = 'bearer' | 'cookie';

/** SHA-256 hex: a session's id from its token, and the stored form of its CSRF token. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A new session: the token and CSRF token exist only here and in the client's hands. */
export interface OpenedSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A live session with the account it belongs to. */
export interface ResolvedSession {
  sessionId: string;
  /** How it was last used, as recorded (at most a minute old). */
  via: SessionVia;
  csrfHash: string;
  expiresAt: Date;
  lastSeenAt: Date;
  accountId: string;
  username: string;
  role: AccountRole;
  unitId: string | null;
  personId: string | null;
  disabled: boolean;
}

/** Server-side sessions. Expiry is checked against the database clock, so every API process agrees. */
export class SessionRepository {
  constructor(private readonly ds: DataSource) {}

  async open(o: {
    accountId: string;
    via: SessionVia;
    ttlHours: number;
    ip?: string | null;
    userAgent?: string | null;
  }): Promise<OpenedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const sessionId = sha256Hex(token);
    const [row] = await this.ds.query(
      `INSERT INTO sessions (id, account_id, via, csrf_hash, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, now() + $5 * interval '1 hour', $6, $7) RETURNING expires_at`,
      [
        sessionId,
        o.accountId,
        o.via,
        sha256Hex(csrfToken),
        o.ttlHours,
        o.ip ?? null,
        o.userAgent?.slice(0, 512) ?? null,
      ],
    );
    return { sessionId, token, csrfToken, expiresAt: row.expires_at };
  }

  /** The session of `token` if it is neither revoked, past its absolute expiry, nor idle too long. */
  async resolve(token: string, idleMinutes: number): Promise<ResolvedSession | null> {
    const [row] = await this.ds.query(
      `SELECT s.id AS "sessionId", s.via, s.csrf_hash AS "csrfHash", s.expires_at AS "expiresAt",
              s.last_seen_at AS "lastSeenAt", a.id AS "accountId", a.username, a.role,
              a.unit_id AS "unitId", a.person_id AS "personId", a.disabled
       FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
         AND s.last_seen_at > now() - $2 * interval '1 minute'`,
      [sha256Hex(token), idleMinutes],
    );
    return row ?? null;
  }

  /**
   * Marks the session used and how: at most once a minute, or at once when `via` changes (one
   * UPDATE a minute per session, not one per request).
   */
  async touch(sessionId: string, via: SessionVia): Promise<void> {
    await this.ds.query(
      `UPDATE sessions SET last_seen_at = now(), via = $2
       WHERE id = $1 AND (last_seen_at < now() - interval '1 minute' OR via <> $2)`,
      [sessionId, via],
    );
  }

  async expiresAt(sessionId: string): Promise<Date | null> {
    const [row] = await this.ds.query(`SELECT expires_at FROM sessions WHERE id = $1`, [sessionId]);
    return row?.expires_at ?? null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.ds.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
  }

  /** Revokes every live session of the account, but `exceptSessionId` if given; answers how many. */
  async revokeAll(accountId: string, exceptSessionId?: string): Promise<number> {
    const [, count] = await this.ds.query(
      `UPDATE sessions SET revoked_at = now()
       WHERE account_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2`,
      [accountId, exceptSessionId ?? null],
    );
    return count;
  }
}
