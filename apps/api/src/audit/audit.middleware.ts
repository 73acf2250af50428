import { randomUUID } from 'node:crypto';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AuditLocals } from './audit-actor';
import { COMMAND_METHODS, requestIdOf, toAuditEntry } from './audit-entry.util';
import { AuditRecorder } from './audit-recorder.service';
import { AuditRoutes, normaliseRoute } from './audit-routes.service';

/**
 * Runs before routing, guards and pipes, and hooks the end of the response: by then the status is the
 * one sent (ProblemDetailsFilter has turned any error into problem+json and left the problem in
 * `res.locals`), the auth guard has set `req.principal` if the caller is signed in, and Express has
 * matched the route. Records every command and `@Audited()` reads; a response cut off before it
 * finished counts as an error. Also gives every response an `X-Request-Id` (the caller's, if sane).
 */
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  constructor(
    private readonly routes: AuditRoutes,
    private readonly recorder: AuditRecorder,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req.headers['x-request-id'], randomUUID);
    res.setHeader('X-Request-Id', requestId);
    let ended = false;
    const end = (completed: boolean) => {
      if (ended) return;
      ended = true;
      this.end(req, res, {
        completed,
        requestId,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    };
    res.once('finish', () => end(true));
    res.once('close', () => end(false));
    next();
  }

  private end(
    req: Request,
    res: Response,
    o: { completed: boolean; requestId: string; durationMs: number },
  ): void {
    try {
      const method = req.method.toUpperCase();
      const routePath = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof routePath === 'string' ? this.routes.find(method, routePath) : undefined;
      if (!COMMAND_METHODS.has(method) && !route?.audited) return;
      const locals = res.locals as AuditLocals;
      const principal = req.principal;
      this.recorder.record(
        toAuditEntry({
          method,
          // A route Express matched but no controller serves is this middleware's own mount pattern.
          route: route && typeof routePath === 'string' ? normaliseRoute(routePath) : undefined,
          action: route?.action,
          url: req.originalUrl,
          params: req.params as Record<string, unknown> | undefined,
          ip: req.ip,
          userAgent: req.get('user-agent'),
          actor: principal
            ? { accountId: principal.accountId, username: principal.username, role: principal.role }
            : (locals.auditActor ?? null),
          status: res.statusCode,
          completed: o.completed,
          problem: locals.problem,
          requestId: o.requestId,
          durationMs: o.durationMs,
          detail: locals.auditDetail,
        }),
      );
    } catch (e) {
      // Never let the audit hook throw inside a socket event.
      this.recorder.failed(o.requestId, e);
    }
  }
}
