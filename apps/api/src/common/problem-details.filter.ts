import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WorkflowUpdateFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainException, FieldProblem } from '@dondoc/domain';
import { Problem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from './problem';

const DOMAIN_STATUS: Record<DomainException['code'], number> = {
  validation: HttpStatus.UNPROCESSABLE_ENTITY,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const DOMAIN_TYPE: Record<DomainException['code'], string> = {
  validation: PROBLEM_TYPES.validation,
  not_found: PROBLEM_TYPES.notFound,
  conflict: PROBLEM_TYPES.conflict,
  forbidden: PROBLEM_TYPES.forbidden,
  unavailable: PROBLEM_TYPES.unavailable,
};

/** The one place where every error becomes `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception), instance: req.originalUrl };
    if (problem.status >= 500) {
      this.logger.error(
        `${req.method} ${req.path}: ${exception instanceof Error ? exception.stack : String(exception)}`,
      );
    }
    // The audit log (audit/audit.middleware.ts) records a refusal's title and detail from here.
    res.locals.problem = { title: problem.title, detail: problem.detail };
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(e: unknown): Problem {
    if (e instanceof DomainException) {
      return { ...this.domain(e.code, e.message, e.problems), ...e.extensions };
    }
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
      const problems = (e.cause.details?.[0] as FieldProblem[] | undefined) ?? [];
      // The state moved on (status) or changed since it was read (version): a conflict, not bad input.
      const onlyStatus =
        problems.length > 0 && problems.every((p) => p.field === 'status' || p.field === 'version');
      return this.domain(onlyStatus ? 'conflict' : 'validation', e.cause.message, problems);
    }
    if (e instanceof WorkflowNotFoundError) {
      return this.domain('not_found', 'no such workflow');
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const body = e.getResponse();
      const errors =
        typeof body === 'object' && body !== null ? (body as { errors?: FieldProblem[] }).errors : undefined;
      return {
        type: errors ? PROBLEM_TYPES.validation : PROBLEM_TYPES.http,
        title: errors ? 'Invalid request' : e.message,
        status,
        detail: errors ? errors.map((p) => `${p.field}: ${p.reason}`).join('; ') : e.message,
        ...(errors ? { errors } : {}),
      };
    }
    return {
      type: PROBLEM_TYPES.internal,
      title: 'Internal error',
      status: 500,
      detail: 'The error was logged.',
    };
  }

  private domain(code: DomainException['code'], detail: string, errors: FieldProblem[] = []): Problem {
    const titles: Record<DomainException['code'], string> = {
      validation: 'Invalid request',
      not_found: 'Not found',
      conflict: 'Conflict',
      forbidden: 'Forbidden',
      unavailable: 'Service unavailable',
    };
    return {
      type: DOMAIN_TYPE[code],
      title: titles[code],
      status: DOMAIN_STATUS[code],
      detail,
      ...(errors.length ? { errors } : {}),
    };
  }
}
