import type { Response } from 'express';

/** Who a request acted as, for routes that establish it themselves (login). */
export interface AuditActor {
  accountId: string | null;
  username: string | null;
  role: string | null;
}

/** What the audit hook reads from `res.locals`, besides the principal the auth guard sets. */
export interface AuditLocals {
  auditActor?: AuditActor;
  auditDetail?: Record<string, unknown>;
  /** Set by ProblemDetailsFilter: the problem the request was answered with. */
  problem?: { title?: string; detail?: string };
}

/**
 * Names the account of a request that has no principal yet, e.g. a login: the account that signed
 * in, or `{ accountId: null, username: null, role: null }` for a refused attempt. Never a password.
 */
export function setAuditActor(res: Response, actor: AuditActor): void {
  (res.locals as AuditLocals).auditActor = actor;
}

/** A short JSON of non-personal fields worth keeping with a command (ids, statuses, counts). */
export function setAuditDetail(res: Response, detail: Record<string, unknown>): void {
  (res.locals as AuditLocals).auditDetail = detail;
}
