import { createHash } from 'node:crypto';
import { HttpException, HttpStatus } from '@nestjs/common';
import { normaliseFilename } from '../deliverables/documents/document-file';
import type { UploadedDocument } from '../deliverables/documents/document-file';
import { sniffDocument } from '../deliverables/documents/document-kinds';

export const ISSUE_ATTACHMENT_LIMITS = Symbol('ISSUE_ATTACHMENT_LIMITS');
export const MAX_ISSUE_ATTACHMENTS = 5;
export const DEFAULT_ISSUE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** `ISSUE_ATTACHMENT_MAX_BYTES`: the largest attachment accepted (default 10 MB); a bad value stops the API. */
export function issueAttachmentMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ISSUE_ATTACHMENT_MAX_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_ISSUE_ATTACHMENT_MAX_BYTES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1024 * 1024 * 1024)
    throw new Error(
      `ISSUE_ATTACHMENT_MAX_BYTES: must be a whole number of bytes between 1 and 1 GiB, got "${raw}"`,
    );
  return n;
}

export interface CheckedAttachment {
  filename: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

/**
 * The same content rules as submission documents (the kind judged by the bytes, never by the name
 * alone); a refusal is 415 naming `attachments.<n>`.
 */
export function checkAttachments(files: UploadedDocument[]): CheckedAttachment[] {
  return files.map((file, n) => {
    const kind = sniffDocument(file.buffer);
    if (!kind)
      throw new HttpException(
        {
          message: 'Unsupported attachment type',
          errors: [
            { field: `attachments.${n}`, reason: 'not a PDF, DOC, DOCX, ODT, XLS, XLSX, JPEG or PNG file' },
          ],
        },
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      );
    return {
      filename: normaliseFilename(file.originalname, kind),
      contentType: kind.contentType,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      content: file.buffer,
    };
  });
}
