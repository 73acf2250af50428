import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { urlencoded } from 'express';
import multer from 'multer';
import type { FieldProblem } from '@dondoc/domain';
import { documentLimitsFrom } from '../../api/src/deliverables/documents/document-limits';

/** Problems found while reading an upload (too large, too many parts), shown next to the field. */
export type UiRequest = Request & { uploadProblems?: FieldProblem[] };

const form = urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });

/**
 * The UI's forms are parsed here, before the guards, so the AuthGuard finds the `_csrf` field in
 * req.body (the API's own routes take JSON and the header). URL-encoded forms up to 64 kB;
 * multipart forms (the submit form: one file in `document`, memory storage, DOCUMENT_MAX_BYTES) with
 * upload errors kept on the request for the page to show, not thrown. The form puts `_csrf` before
 * the file, so a refused file still leaves the token readable.
 */
@Injectable()
export class UiBodyMiddleware implements NestMiddleware {
  private readonly maxBytes = documentLimitsFrom().maxBytes;
  private readonly upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: this.maxBytes, files: 1, fields: 20, fieldSize: 16 * 1024, parts: 21 },
    defParamCharset: 'utf8',
  }).single('document');

  private readonly read = uiBodyReader({ form, upload: this.upload, maxBytes: this.maxBytes });

  use(req: UiRequest, res: Response, next: NextFunction): void {
    this.read(req, res, next);
  }
}

/**
 * Reads a UI form POST: URL-encoded through `form`; multipart through `upload` (one file in
 * `document`), an upload error kept on the request as a problem of `document` for the page to show
 * in place, never thrown. Anything else passes untouched.
 */
export function uiBodyReader(o: {
  form: RequestHandler;
  upload: RequestHandler;
  maxBytes: number;
}): (req: UiRequest, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    if (req.is('application/x-www-form-urlencoded')) return o.form(req, res, next);
    if (!req.is('multipart/form-data')) return next();
    void o.upload(req, res, (err?: unknown) => {
      if (err) {
        const e = err as { code?: string; message?: string };
        req.body ??= {};
        req.uploadProblems = [
          {
            field: 'document',
            reason:
              e.code === 'LIMIT_FILE_SIZE'
                ? `the file is larger than ${Math.floor(o.maxBytes / 1024 / 1024)} MB`
                : (e.message ?? 'the upload could not be read'),
          },
        ];
      }
      next();
    });
  };
}
