import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'cookie';
import { join } from 'node:path';
import { DondocConfig } from '@dondoc/config';
import { DONDOC_CONFIG } from '../../api/src/tokens';
import { Public, CurrentPrincipal } from '../../api/src/auth/auth.decorators';
import { ANY_ROLE, Access } from '../../api/src/authz/access.decorator';
import { AuthService } from '../../api/src/auth/auth.service';
import { clientOf } from '../../api/src/auth/auth.controller';
import { clearSessionCookies, setSessionCookies } from '../../api/src/auth/auth-cookies';
import { BadCredentialsException, LoginThrottledException } from '../../api/src/auth/auth.errors';
import type { Principal } from '../../api/src/auth/principal';
import { setAuditActor } from '../../api/src/audit/audit-actor';
import { isLang, LANG_COOKIE, t } from './i18n';
import { HOME } from './layout';
import { fieldErrors, NO_ERRORS, pageContext, redirect, safeNext, sendPage } from './page';
import { errorPage } from './pages/error.page';
import { LOGIN_FIELD, loginPage } from './pages/login.page';
import { UiExceptionFilter } from './ui-exception.filter';

const LOGIN_COOKIE = 'dondoc_login';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

const cookieOf = (req: Request, name: string): string | undefined =>
  req.headers.cookie ? parse(req.headers.cookie)[name] : undefined;

function sameToken(sent: unknown, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || !expected || !TOKEN_SHAPE.test(sent) || !TOKEN_SHAPE.test(expected))
    return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

const STATIC_DIR = join(__dirname, '..', 'static');
const STATIC_FILES: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
};

/** Entry, sign-in and sign-out, the language switch and the UI's static files. */
@ApiExcludeController()
@UseFilters(UiExceptionFilter)
@Controller()
export class SessionController {
  private readonly files = new Map<string, Buffer>();

  constructor(
    private readonly auth: AuthService,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
  ) {}

  @Get()
  @Public()
  root(@Res() res: Response): void {
    res.redirect(302, '/ui/');
  }

  @Get('ui')
  @Public()
  home(@Req() req: Request, @Res() res: Response): void {
    res.redirect(302, req.principal ? HOME[req.principal.role] : '/ui/login');
  }

  @Get('ui/login')
  @Public()
  loginForm(@Req() req: Request, @Res() res: Response, @Query('next') next?: string): void {
    sendPage(
      res,
      loginPage(pageContext(req), {
        next: safeNext(next),
        errors: NO_ERRORS,
        loginToken: this.loginToken(req, res),
      }),
    );
  }

  @Post('ui/login')
  @Public()
  async login(@Req() req: Request, @Res() res: Response, @Query('next') next?: string): Promise<void> {
    const ctx = pageContext(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const again = (status: number, problems: Array<{ field: string; reason: string }>) =>
      sendPage(
        res,
        loginPage(ctx, {
          next: safeNext(next),
          username,
          errors: fieldErrors(ctx.lang, problems),
          loginToken: this.loginToken(req, res),
        }),
        status,
      );
    const missing = [
      ...(username ? [] : [{ field: 'username', reason: t(ctx.lang, 'login.required') }]),
      ...(password ? [] : [{ field: 'password', reason: t(ctx.lang, 'login.required') }]),
    ];
    if (!sameToken(body[LOGIN_FIELD], cookieOf(req, LOGIN_COOKIE)))
      return again(403, [{ field: '', reason: t(ctx.lang, 'error.csrf') }]);
    if (missing.length) return again(422, missing);
    try {
      const { session, account } = await this.auth.login(username, password, clientOf(req));
      setSessionCookies(res, session, this.config.auth.cookieSecure);
      setAuditActor(res, { accountId: account.id, username: account.username, role: account.role });
      redirect(res, safeNext(next) ?? HOME[account.role]);
    } catch (e) {
      if (e instanceof BadCredentialsException)
        return again(401, [{ field: '', reason: t(ctx.lang, 'login.bad') }]);
      if (e instanceof LoginThrottledException) {
        res.setHeader('Retry-After', String(e.retryAfterSeconds));
        return again(429, [
          { field: '', reason: t(ctx.lang, 'login.throttled', { seconds: e.retryAfterSeconds }) },
        ]);
      }
      throw e;
    }
  }

  /**
   * Login CSRF: a pre-session token, in an HttpOnly SameSite=Strict cookie scoped to /ui/login and in
   * the form, so another site cannot sign a browser in to an account of its choosing. Kept while valid
   * (two open sign-in tabs both work).
   */
  private loginToken(req: Request, res: Response): string {
    const have = cookieOf(req, LOGIN_COOKIE);
    if (have && TOKEN_SHAPE.test(have)) return have;
    const token = randomBytes(24).toString('base64url');
    res.cookie(LOGIN_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.auth.cookieSecure,
      path: '/ui/login',
      maxAge: 12 * 3600 * 1000,
    });
    return token;
  }

  @Post('ui/logout')
  @Access({ roles: ANY_ROLE })
  async logout(@CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    await this.auth.logout(principal);
    clearSessionCookies(res, this.config.auth.cookieSecure);
    redirect(res, '/ui/login');
  }

  @Get('ui/lang/:lang')
  @Public()
  language(@Param('lang') lang: string, @Res() res: Response, @Query('next') next?: string): void {
    if (isLang(lang))
      res.cookie(LANG_COOKIE, lang, {
        path: '/',
        sameSite: 'lax',
        secure: this.config.auth.cookieSecure,
        maxAge: 365 * 24 * 3600 * 1000,
      });
    res.redirect(302, safeNext(next) ?? '/ui/');
  }

  @Get('ui/static/:name')
  @Public()
  async asset(@Param('name') name: string, @Res() res: Response): Promise<void> {
    const type = Object.hasOwn(STATIC_FILES, name) ? STATIC_FILES[name] : undefined;
    if (!type) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    let body = this.files.get(name);
    if (!body) {
      body = await readFile(join(STATIC_DIR, name));
      this.files.set(name, body);
    }
    res
      .set({
        'Content-Type': type,
        'Cache-Control': 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(body);
  }
}

/** Any other /ui address: the UI's own 404 page (registered last, after every UI route). */
@ApiExcludeController()
@Controller('ui')
export class UiNotFoundController {
  @Get('*path')
  @Public()
  notFound(@Req() req: Request, @Res() res: Response): void {
    const ctx = pageContext(req);
    sendPage(res, errorPage(ctx, t(ctx.lang, 'error.notFound')), 404);
  }
}
