import { STATUS_CODES } from 'node:http';
import type { AuditEntry, AuditOutcome } from '@dondoc/persistence';

/** Methods that change something: every one of them is recorded. */
export const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The action of a request that matched no route (a command sent to a path the API does not have). */
export const UNMATCHED_ACTION = 'unmatched';

export const LIMITS = { userAgent: 200, path: 500, target: 400, problemTitle: 120, problemDetail: 300 };

export function truncate(s: string | null | undefined, max: number): string | null {
  if (s === null || s === undefined || s === '') return null;
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** 2xx/3xx: ok; 4xx: refused (not signed in, forbidden, invalid, conflict…); 5xx or cut off: error. */
export function outcomeOf(status: number, completed: boolean): AuditOutcome {
  if (!completed || status >= 500) return 'error';
  return status >= 400 ? 'refused' : 'ok';
}

/** The main route parameter: `id`, else `key`, else the first one. */
export function targetOf(params: Record<string, unknown> | undefined): string | null {
  if (!params) return null;
  const value = params.id ?? params.key ?? Object.values(params)[0];
  return typeof value === 'string' ? truncate(value, LIMITS.target) : null;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's `X-Request-Id` if it is a plain token, else a fresh one. */
export function requestIdOf(header: string | string[] | undefined, fresh: () => string): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : fresh();
}

/** What the hook saw of one request, as plain values (no Express objects), for `toAuditEntry`. */
export interface ObservedRequest {
  method: string;
  /** The route pattern Express matched; undefined when none did. */
  route?: string;
  action?: string;
  /** originalUrl: the query string is dropped (it may carry a signed token or a search term). */
  url: string;
  params?: Record<string, unknown>;
  ip?: string;
  userAgent?: string;
  actor: { accountId: string | null; username: string | null; role: string | null } | null;
  status: number;
  completed: boolean;
  problem?: { title?: string; detail?: string };
  requestId: string;
  durationMs: number;
  detail?: Record<string, unknown>;
}

export function toAuditEntry(o: ObservedRequest): AuditEntry {
  const outcome = outcomeOf(o.status, o.completed);
  const failed = outcome !== 'ok';
  return {
    accountId: o.actor?.accountId ?? null,
    username: o.actor?.username ?? null,
    role: o.actor?.role ?? null,
    ip: o.ip ?? null,
    userAgent: truncate(o.userAgent, LIMITS.userAgent),
    method: o.method.toUpperCase(),
    route: o.route ?? null,
    path: truncate(o.url.split('?')[0], LIMITS.path) ?? '/',
    action: o.action ?? UNMATCHED_ACTION,
    target: targetOf(o.params),
    status: o.status,
    outcome,
    problemTitle: failed
      ? truncate(o.problem?.title ?? STATUS_CODES[o.status] ?? null, LIMITS.problemTitle)
      : null,
    problemDetail: failed ? truncate(o.problem?.detail, LIMITS.problemDetail) : null,
    requestId: o.requestId,
    durationMs: Math.max(0, Math.round(o.durationMs)),
    detail: o.detail ?? null,
  };
}
