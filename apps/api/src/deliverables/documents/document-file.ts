import { createHash } from 'node:crypto';
import { HttpException, HttpStatus } from '@nestjs/common';
import { ALLOWED_EXTENSIONS, DocumentKind, sniffDocument } from './document-kinds';

/** What multer's memory storage hands over for the `document` part (multer ships no types here). */
export interface UploadedDocument {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface CheckedDocument {
  filename: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

const MAX_NAME = 255;
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const ALLOWED_LIST = 'PDF, DOC, DOCX, ODT, XLS, XLSX, JPEG or PNG';

/** 415 naming the `document` field: the problem is the file's type, not the request's shape. */
export function unsupportedDocument(reason: string): HttpException {
  return new HttpException(
    { message: 'Unsupported document type', errors: [{ field: 'document', reason }] },
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );
}

/**
 * The name as stored and offered back on download: NFC (macOS sends decomposed Vietnamese), no path
 * a browser may prepend (`C:\fakepath\…`), no control characters, at most 255 characters; a name
 * without an extension gets the one of its content.
 */
export function normaliseFilename(raw: string, kind: DocumentKind): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!extensionOf(name)) name = `${name || 'tai-lieu'}${kind.extensions[0]}`;
  if ([...name].length <= MAX_NAME) return name;
  const ext = extensionOf(name);
  return [...name.slice(0, name.length - ext.length)].slice(0, MAX_NAME - ext.length).join('') + ext;
}

function extensionOf(name: string): string {
  const m = /\.[A-Za-z0-9]{1,8}$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/**
 * Accepts the document only when its content is an allowed kind and neither its extension nor its
 * declared type says otherwise. The stored type is the sniffed one.
 */
export function checkDocument(file: UploadedDocument): CheckedDocument {
  const kind = sniffDocument(file.buffer);
  if (!kind)
    throw unsupportedDocument(`the content is not a ${ALLOWED_LIST} file (checked by its first bytes)`);
  const name = file.originalname.normalize('NFC');
  const ext = extensionOf(name);
  if (ext && !kind.extensions.includes(ext)) {
    throw unsupportedDocument(
      ALLOWED_EXTENSIONS.includes(ext)
        ? `the name ends in ${ext} but the content is ${kind.id.toUpperCase()}`
        : `files ending in ${ext} are not accepted; send ${ALLOWED_LIST}`,
    );
  }
  const declared = file.mimetype.split(';')[0].trim().toLowerCase();
  if (!GENERIC_TYPES.has(declared) && declared !== kind.contentType && !kind.aliases.includes(declared))
    throw unsupportedDocument(`declared as ${declared} but the content is ${kind.id.toUpperCase()}`);
  return {
    filename: normaliseFilename(name, kind),
    contentType: kind.contentType,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    content: file.buffer,
  };
}
