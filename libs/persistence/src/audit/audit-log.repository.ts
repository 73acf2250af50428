import { DataSource } from 'typeorm';
import type { AuditOutcome } from './audit-log.entity';

/** What the API appends for one command; `at` and `id` come from the database. */
export interface AuditEntry {
  accountId: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  method: string;
  route: string | null;
  path: string;
  action: string;
  target: string | null;
  status: number;
  outcome: AuditOutcome;
  problemTitle: string | null;
  problemDetail: string | null;
  requestId: string | null;
  durationMs: number;
  detail: Record<string, unknown> | null;
}

/** A stored row: the entry with its id (bigserial, as a string) and instant (ISO-8601 UTC). */
export interface AuditRecord extends AuditEntry {
  id: string;
  at: string;
}

/** Filters of the audit list and export; all optional, combined with AND. */
export interface AuditFilter {
  accountId?: string;
  /** Exact, case-insensitive. */
  username?: string;
  action?: string;
  target?: string;
  outcome?: AuditOutcome;
  /** ISO instant, inclusive. */
  from?: string;
  /** ISO instant, exclusive. */
  to?: string;
}

const COLUMNS = `id::text AS id, at, account_id, username, role, ip, user_agent, method, route, path, action,
  target, status, outcome, problem_title, problem_detail, request_id, duration_ms, detail`;

interface Row {
  id: string;
  at: Date;
  at_key?: string;
  account_id: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  user_agent: string | null;
  method: string;
  route: string | null;
  path: string;
  action: string;
  target: string | null;
  status: number;
  outcome: AuditOutcome;
  problem_title: string | null;
  problem_detail: string | null;
  request_id: string | null;
  duration_ms: number;
  detail: Record<string, unknown> | null;
}

function toRecord(r: Row): AuditRecord {
  return {
    id: r.id,
    at: r.at.toISOString(),
    accountId: r.account_id,
    username: r.username,
    role: r.role,
    ip: r.ip,
    userAgent: r.user_agent,
    method: r.method,
    route: r.route,
    path: r.path,
    action: r.action,
    target: r.target,
    status: r.status,
    outcome: r.outcome,
    problemTitle: r.problem_title,
    problemDetail: r.problem_detail,
    requestId: r.request_id,
    durationMs: r.duration_ms,
    detail: r.detail,
  };
}

function where(f: AuditFilter, args: unknown[]): string {
  const clauses: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    args.push(value);
    clauses.push(sql(`$${args.length}`));
  };
  if (f.accountId !== undefined) add((p) => `account_id = ${p}`, f.accountId);
  if (f.username !== undefined) add((p) => `lower(username) = lower(${p})`, f.username);
  if (f.action !== undefined) add((p) => `action = ${p}`, f.action);
  if (f.target !== undefined) add((p) => `target = ${p}`, f.target);
  if (f.outcome !== undefined) add((p) => `outcome = ${p}`, f.outcome);
  if (f.from !== undefined) add((p) => `at >= ${p}::timestamptz`, f.from);
  if (f.to !== undefined) add((p) => `at < ${p}::timestamptz`, f.to);
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/**
 * The audit log, append-only: this class has no update or delete, and the table's trigger refuses
 * them anyway. Newest first everywhere (`at DESC, id DESC`).
 */
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(e: AuditEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_log (account_id, username, role, ip, user_agent, method, route, path, action,
         target, status, outcome, problem_title, problem_detail, request_id, duration_ms, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        e.accountId,
        e.username,
        e.role,
        e.ip,
        e.userAgent,
        e.method,
        e.route,
        e.path,
        e.action,
        e.target,
        e.status,
        e.outcome,
        e.problemTitle,
        e.problemDetail,
        e.requestId,
        e.durationMs,
        e.detail === null ? null : JSON.stringify(e.detail),
      ],
    );
  }

  async list(
    f: AuditFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: AuditRecord[]; total: number }> {
    const args: unknown[] = [];
    const w = where(f, args);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM audit_log ${w}`,
      args,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_log ${w}
        ORDER BY at DESC, audit_log.id DESC LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, page.limit, page.offset],
    )) as Row[];
    return { items: rows.map(toRecord), total };
  }

  /**
   * Every matching row, newest first, fetched `batchSize` at a time by keyset (at, id): a long export
   * holds one batch in memory and no transaction open, and rows appended meanwhile (newer than the
   * first batch) do not shift it. The key keeps `at` as PostgreSQL text, to the microsecond.
   */
  async *stream(f: AuditFilter, batchSize = 500): AsyncGenerator<AuditRecord> {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const args: unknown[] = [];
      let w = where(f, args);
      if (after) {
        args.push(after.at, after.id);
        const keyset = `(at, id) < ($${args.length - 1}::timestamptz, $${args.length}::bigint)`;
        w = w ? `${w} AND ${keyset}` : `WHERE ${keyset}`;
      }
      args.push(batchSize);
      const rows = (await this.dataSource.query(
        `SELECT ${COLUMNS}, at::text AS at_key FROM audit_log ${w}
          ORDER BY at DESC, audit_log.id DESC LIMIT $${args.length}`,
        args,
      )) as Row[];
      for (const r of rows) yield toRecord(r);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      after = { at: last.at_key!, id: last.id };
    }
  }
}
