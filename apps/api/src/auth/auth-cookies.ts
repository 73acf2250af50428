import type { CookieOptions, Request, Response } from 'express';
import { parse } from 'cookie';

/** HttpOnly: the session token, sent by the browser, never readable by scripts. */
export const SESSION_COOKIE = 'dondoc_session';
/** Readable: the UI copies it into the X-CSRF-Token header of unsafe requests (double submit). */
export const CSRF_COOKIE = 'dondoc_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The same token as a form field, for HTML forms that cannot set headers (the web UI). */
export const CSRF_FIELD = '_csrf';

export type Credentials = { token: string; via: 'bearer' | 'cookie' };

/** A session token as issued: 32 random bytes, base64url. Anything else is refused without a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** `Authorization: Bearer …` first, else the session cookie; undefined when neither is present. */
export function credentialsOf(req: Request): Credentials | 'malformed' | undefined {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m && TOKEN_SHAPE.test(m[1]) ? { token: m[1], via: 'bearer' } : 'malformed';
  }
  const header = req.headers.cookie;
  if (!header) return undefined;
  const token = parse(header)[SESSION_COOKIE];
  if (token === undefined) return undefined;
  return TOKEN_SHAPE.test(token) ? { token, via: 'cookie' } : 'malformed';
}

function options(secure: boolean, httpOnly: boolean, expires?: Date): CookieOptions {
  return { httpOnly, secure, sameSite: 'lax', path: '/', ...(expires ? { expires } : {}) };
}

export function setSessionCookies(
  res: Response,
  s: { token: string; csrfToken: string; expiresAt: Date },
  secure: boolean,
): void {
  res.cookie(SESSION_COOKIE, s.token, options(secure, true, s.expiresAt));
  res.cookie(CSRF_COOKIE, s.csrfToken, options(secure, false, s.expiresAt));
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, options(secure, true));
  res.clearCookie(CSRF_COOKIE, options(secure, false));
}
