import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { urlencoded } from 'express';
import multer from 'multer';
import { uiBodyReader, type UiRequest } from './ui-body.middleware';

/** A request through this middleware: the uploaded file (memory storage) and any upload problem. */
export type AdminRequest = UiRequest & { file?: { buffer: Buffer; originalname: string; size: number } };

/** A plan file is at most 200 kB (ValidatePlanDto); an org file for the UI at most this. */
export const ADMIN_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** The plan preview carries the checked plan text on to its issue form (≤ 200 kB + escaping). */
const FIELD_MAX_BYTES = 1024 * 1024;

const form = urlencoded({ extended: false, limit: '1mb', parameterLimit: 50 });

/**
 * Like UiBodyMiddleware, for the administration pages: the plan preview's issue form carries the
 * whole plan text in a hidden field (so nothing is kept on the server between preview and issue),
 * and the upload forms take a plan or org file (`document`) larger than a form field. Read before
 * the guards so the AuthGuard finds `_csrf` (which the forms put before the file).
 */
@Injectable()
export class AdminBodyMiddleware implements NestMiddleware {
  private readonly upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: ADMIN_UPLOAD_MAX_BYTES, files: 1, fields: 20, fieldSize: FIELD_MAX_BYTES, parts: 21 },
    defParamCharset: 'utf8',
  }).single('document');

  private readonly read = uiBodyReader({ form, upload: this.upload, maxBytes: ADMIN_UPLOAD_MAX_BYTES });

  use(req: UiRequest, res: Response, next: NextFunction): void {
    this.read(req, res, next);
  }
}
