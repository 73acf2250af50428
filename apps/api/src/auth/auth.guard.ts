import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { DondocConfig } from '@dondoc/config';
import { ResolvedSession, SessionRepository, sha256Hex } from '@dondoc/persistence';
import { DONDOC_CONFIG } from '../tokens';
import { PUBLIC_ROUTE } from './auth.decorators';
import { Credentials, credentialsOf, CSRF_FIELD, CSRF_HEADER } from './auth-cookies';
import type { Principal } from './principal';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOUCH_EVERY_MS = 60_000;

/** 401 with the challenge RFC 9110 asks for; the problem filter keeps the header. */
export function unauthorized(res: Response, detail: string, error?: 'invalid_token'): never {
  res.setHeader('WWW-Authenticate', error ? `Bearer error="${error}"` : 'Bearer');
  throw new UnauthorizedException(detail);
}

/** The CSRF token of a request: the header, or the `_csrf` field of a form (the web UI's forms, apps/web). */
function csrfSent(req: Request): unknown {
  const header = req.headers[CSRF_HEADER];
  if (header !== undefined) return header;
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[CSRF_FIELD]
    : undefined;
}

function csrfMatches(req: Request, csrfHash: string): boolean {
  const sent = csrfSent(req);
  if (typeof sent !== 'string' || sent.length === 0 || sent.length > 256) return false;
  return timingSafeEqual(Buffer.from(sha256Hex(sent)), Buffer.from(csrfHash));
}

/**
 * Authentication, first of the global guards: finds the session of the bearer token or the session
 * cookie and puts the caller on `req.principal`. Every route but @Public() ones needs a live session
 * (401 otherwise); a cookie session must echo its CSRF token on unsafe methods (403 otherwise).
 * What the caller may do is the access guard's business (../authz), which runs next.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionRepository,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const credentials = credentialsOf(req);
    if (credentials === undefined) {
      if (isPublic) return true;
      unauthorized(res, 'sign-in required: send Authorization: Bearer <token> or the session cookie');
    }
    const session =
      credentials === 'malformed'
        ? null
        : await this.sessions.resolve(credentials.token, this.config.auth.sessionIdleMinutes);
    if (!session || session.disabled) {
      if (isPublic) return true;
      unauthorized(res, 'the session is unknown, expired or revoked: sign in again', 'invalid_token');
    }
    const via = (credentials as Credentials).via;
    if (via === 'cookie' && UNSAFE.has(req.method) && !csrfMatches(req, session.csrfHash)) {
      if (isPublic) return true;
      throw new ForbiddenException('missing or wrong X-CSRF-Token header (the dondoc_csrf cookie)');
    }
    if (session.via !== via || Date.now() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS)
      await this.sessions.touch(session.sessionId, via);
    req.principal = toPrincipal(session, via);
    return true;
  }
}

function toPrincipal(s: ResolvedSession, via: Principal['via']): Principal {
  return {
    accountId: s.accountId,
    username: s.username,
    role: s.role,
    unitId: s.unitId,
    personId: s.personId,
    sessionId: s.sessionId,
    via,
  };
}
