import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StaleVersionException } from '@dondoc/persistence';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '../common/problem';
import { etagOf, versionOfTag } from '../common/if-match';
import { ProblemException } from '../mail/mail-problem';

export const IF_MATCH_REQUIRED =
  'is required: send If-Match: "<version>" (the ETag or version of your last read), or version in the body';

/** Which version a change was made against, and the name the caller gave it (for problems). */
export interface ExpectedVersion {
  version: number;
  field: 'If-Match' | 'version';
}

/**
 * Changes to units and contacts must say which version they were made against: `If-Match: "<version>"`
 * (the ETag of the last read; `W/"3"` and bare `3` are taken too) or, where a client cannot set the
 * header, `version` in the body. Neither → 428; a malformed header → 400; both and different → 400.
 */
export function expectedVersion(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
): ExpectedVersion {
  if (ifMatch !== undefined && ifMatch.trim() !== '') {
    const version = versionOfTag(ifMatch);
    if (version === undefined)
      throw problem(
        HttpStatus.BAD_REQUEST,
        PROBLEM_TYPES.validation,
        'Invalid request',
        'If-Match',
        `must be a version like "3" (the ETag), got ${ifMatch}`,
      );
    if (bodyVersion !== undefined && bodyVersion !== version)
      throw problem(
        HttpStatus.BAD_REQUEST,
        PROBLEM_TYPES.validation,
        'Invalid request',
        'version',
        `is ${bodyVersion} but If-Match says ${version}; send one`,
      );
    return { version, field: 'If-Match' };
  }
  if (bodyVersion !== undefined) return { version: bodyVersion, field: 'version' };
  throw problem(428, PROBLEM_TYPES.validation, 'Precondition required', 'If-Match', IF_MATCH_REQUIRED);
}

function problem(
  status: number,
  type: string,
  title: string,
  field: string,
  reason: string,
): ProblemException {
  return new ProblemException({
    type,
    title,
    status,
    detail: `${field}: ${reason}`,
    errors: [{ field, reason }],
  });
}

/**
 * 409 for a stale If-Match: problem+json with the row as it now is (`current`) and its ETag, so the
 * caller can show what changed and reapply its change on the current version.
 */
@Catch(StaleVersionException)
export class StaleVersionFilter implements ExceptionFilter {
  catch(e: StaleVersionException<{ version: number }>, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const body = {
      type: PROBLEM_TYPES.conflict,
      title: 'Conflict',
      status: HttpStatus.CONFLICT,
      detail: e.message,
      instance: req.originalUrl,
      errors: e.problems,
      current: e.current,
    };
    res.status(HttpStatus.CONFLICT).setHeader('ETag', etagOf(e.current.version));
    res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
