import type { DataSource } from 'typeorm';

export interface LoginLimits {
  windowMinutes: number;
  /** Failures one username may have within the window; the next attempt is refused. */
  perUsername: number;
  /** Failures one IP address may have within the window. */
  perIp: number;
}

export const LOGIN_LIMITS: LoginLimits = { windowMinutes: 15, perUsername: 5, perIp: 30 };

/**
 * Sign-in attempts, counted in PostgreSQL so the limit holds across API processes. A username's
 * failures count from its last successful sign-in; an IP's failures all count.
 */
export class LoginAttemptRepository {
  constructor(private readonly ds: DataSource) {}

  async record(username: string, ip: string, ok: boolean): Promise<void> {
    await this.ds.query(`INSERT INTO login_attempts (username, ip, ok) VALUES ($1, $2, $3)`, [
      username,
      ip,
      ok,
    ]);
  }

  /**
   * Null when another attempt may be made; else the seconds until the oldest failure that keeps the
   * username or the IP at its limit leaves the window.
   */
  async retryAfterSeconds(username: string, ip: string, limits = LOGIN_LIMITS): Promise<number | null> {
    const [row] = await this.ds.query(
      `WITH by_user AS (
         SELECT at FROM login_attempts
         WHERE username = $1 AND NOT ok AND at > now() - $3 * interval '1 minute'
           AND at > coalesce((SELECT max(at) FROM login_attempts WHERE username = $1 AND ok), '-infinity')
         ORDER BY at DESC OFFSET $4 - 1 LIMIT 1
       ), by_ip AS (
         SELECT at FROM login_attempts
         WHERE ip = $2 AND NOT ok AND at > now() - $3 * interval '1 minute'
         ORDER BY at DESC OFFSET $5 - 1 LIMIT 1
       )
       SELECT ceil(extract(epoch FROM max(at) + $3 * interval '1 minute' - now()))::int AS seconds
       FROM (SELECT at FROM by_user UNION ALL SELECT at FROM by_ip) t`,
      [username, ip, limits.windowMinutes, limits.perUsername, limits.perIp],
    );
    return row?.seconds == null ? null : Math.max(1, row.seconds);
  }

  /** Attempts older than `days` serve no limit: dropped (called now and then by sign-in). */
  async prune(days = 30): Promise<void> {
    await this.ds.query(`DELETE FROM login_attempts WHERE at < now() - $1 * interval '1 day'`, [days]);
  }
}
