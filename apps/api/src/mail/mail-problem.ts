import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Problem, PROBLEM_CONTENT_TYPE } from '../common/problem';

export const RELAY_PROBLEM_TYPE = 'https://dondoc.local/problems/relay';

/**
 * A problem that carries extension members (the mail's current status, the relay's reply) the shared
 * DomainException cannot. Controllers that throw it register `ProblemExceptionFilter`.
 */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}

/** Writes a ProblemException as `application/problem+json`; everything else goes to the global filter. */
@Catch(ProblemException)
export class ProblemExceptionFilter implements ExceptionFilter {
  catch(e: ProblemException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = { ...e.problem, instance: req.originalUrl };
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
