import { createHash } from 'node:crypto';
import { HttpException, HttpStatus } from '@nestjs/common';
import { readSetting } from '@dondoc/config';
import { normaliseFilename } from '../deliverables/documents/document-file';
import type { UploadedDocument } from '../deliverables/documents/document-file';
import { sniffDocument } from '../deliverables/documents/document-kinds';

export const ISSUE_ATTACHMENT_LIMITS = Symbol('ISSUE_ATTACHMENT_LIMITS');
export const MAX_ISSUE_ATTACHMENTS = 5;

/** `ISSUE_ATTACHMENT_MAX_BYTES`: the largest attachment accepted (default 10 MB); a bad value stops the API. */
export function issueAttachmentMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  return readSetting('ISSUE_ATTACHMENT_MAX_BYTES', env);
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
