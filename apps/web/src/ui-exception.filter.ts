import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DomainException } from '@dondoc/domain';
import { t } from './i18n';
import { errorPage } from './pages/error.page';
import { pageContext, redirect, safeNext, sendPage } from './page';

/**
 * Refusals on /ui routes answer pages, never problem+json: not signed in → 303 to /ui/login?next=
 * (the page asked for, if it was a GET); forbidden, CSRF, not found and failures → an error page
 * in the caller's language with the right status.
 */
@Catch()
export class UiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebUI');

  catch(e: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const ctx = pageContext(req);
    const status =
      e instanceof HttpException
        ? e.getStatus()
        : e instanceof DomainException
          ? { not_found: 404, forbidden: 403, validation: 422, conflict: 409, unavailable: 503 }[e.code]
          : e instanceof WorkflowNotFoundError
            ? 404
            : 500;
    res.locals.problem = { title: `UI ${status}`, detail: e instanceof Error ? e.message : String(e) };
    if (status === HttpStatus.UNAUTHORIZED) {
      const next = req.method === 'GET' ? safeNext(req.originalUrl) : undefined;
      return redirect(
        res,
        next && next !== '/ui/login' ? `/ui/login?next=${encodeURIComponent(next)}` : '/ui/login',
      );
    }
    if (status >= 500)
      this.logger.error(`${req.method} ${req.path}: ${e instanceof Error ? e.stack : String(e)}`);
    const message =
      status === 404
        ? t(ctx.lang, 'error.notFound')
        : status === 403
          ? /csrf/i.test(e instanceof Error ? e.message : '')
            ? t(ctx.lang, 'error.csrf')
            : t(ctx.lang, 'error.forbidden')
          : status >= 500
            ? t(ctx.lang, 'error.internal')
            : e instanceof Error
              ? e.message
              : String(e);
    sendPage(res, errorPage(ctx, message), status);
  }
}
