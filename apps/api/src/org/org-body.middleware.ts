import { Injectable, NestMiddleware, PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Media type for org files too large for the app-wide 256 kB JSON limit. */
export const ORG_MEDIA_TYPE = 'application/vnd.dondoc.org+json';
/** A default generated province (156,000 members) is ~57 MB pretty-printed. */
export const ORG_BODY_LIMIT_BYTES = 100 * 1024 * 1024;

/**
 * The app parses `application/json` up to 256 kB for every route. A whole province does not fit, so
 * POST /org/import also takes the org media type, read here as text with its own limit (and left to
 * parseOrgJson, which reports bad JSON as a located problem like any other).
 */
@Injectable()
export class OrgBodyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (!req.is(ORG_MEDIA_TYPE)) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > ORG_BODY_LIMIT_BYTES && !failed) {
        failed = true;
        next(
          new PayloadTooLargeException(`an org file may be at most ${ORG_BODY_LIMIT_BYTES / 1024 / 1024} MB`),
        );
        req.resume();
      } else if (!failed) chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      req.body = Buffer.concat(chunks).toString('utf8');
      next();
    });
    req.on('error', (e) => !failed && next(e));
  }
}
