/**
 * The document types a unit may hand in, recognised by their content (magic bytes), never by the
 * name or the declared type alone: a renamed executable must not be stored as "ke-hoach.pdf".
 */
export interface DocumentKind {
  id: 'pdf' | 'doc' | 'docx' | 'odt' | 'xls' | 'xlsx' | 'jpeg' | 'png';
  contentType: string;
  extensions: readonly string[];
  /** Declared types clients are known to send for it (beyond the canonical one). */
  aliases: readonly string[];
}

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  { id: 'pdf', contentType: 'application/pdf', extensions: ['.pdf'], aliases: ['application/x-pdf'] },
  { id: 'doc', contentType: 'application/msword', extensions: ['.doc'], aliases: [] },
  {
    id: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    aliases: [],
  },
  { id: 'odt', contentType: 'application/vnd.oasis.opendocument.text', extensions: ['.odt'], aliases: [] },
  { id: 'xls', contentType: 'application/vnd.ms-excel', extensions: ['.xls'], aliases: [] },
  {
    id: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    aliases: [],
  },
  {
    id: 'jpeg',
    contentType: 'image/jpeg',
    extensions: ['.jpg', '.jpeg'],
    aliases: ['image/jpg', 'image/pjpeg'],
  },
  { id: 'png', contentType: 'image/png', extensions: ['.png'], aliases: [] },
];

export const ALLOWED_EXTENSIONS = DOCUMENT_KINDS.flatMap((k) => k.extensions);

const byId = (id: DocumentKind['id']) => DOCUMENT_KINDS.find((k) => k.id === id)!;
const ascii = (s: string) => Buffer.from(s, 'latin1');
const startsWith = (buf: Buffer, magic: number[]) =>
  buf.length >= magic.length && magic.every((b, i) => buf[i] === b);

const PDF = [...ascii('%PDF-')];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/** What the bytes are, among the allowed kinds; null for anything else. */
export function sniffDocument(buf: Buffer): DocumentKind | null {
  if (startsWith(buf, PDF)) return byId('pdf');
  if (startsWith(buf, JPEG)) return byId('jpeg');
  if (startsWith(buf, PNG)) return byId('png');
  if (startsWith(buf, OLE2)) return sniffOle2(buf);
  if (startsWith(buf, ZIP)) return sniffZip(buf);
  return null;
}

/**
 * Word 97–2003 and Excel 97–2003 share the OLE2 container; the directory names the main stream
 * (UTF-16LE): "WordDocument" for Word, "Workbook" (or "Book" before Excel 97) for Excel.
 */
function sniffOle2(buf: Buffer): DocumentKind | null {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  if (buf.includes(utf16('WordDocument'))) return byId('doc');
  if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book\0'))) return byId('xls');
  return null;
}

/**
 * ZIP-based formats. ODF stores an uncompressed `mimetype` entry first, its content the media type;
 * OOXML names its parts `word/…` or `xl/…` beside `[Content_Types].xml`. Entry names are never
 * compressed, so a byte search finds them.
 */
function sniffZip(buf: Buffer): DocumentKind | null {
  if (buf.length < 30) return null;
  const nameLength = buf.readUInt16LE(26);
  const extraLength = buf.readUInt16LE(28);
  if (buf.subarray(30, 30 + nameLength).toString('latin1') === 'mimetype') {
    const start = 30 + nameLength + extraLength;
    const declared = buf.subarray(start, start + buf.readUInt32LE(18)).toString('latin1');
    // Exactly the text type: `…opendocument.text-template`, spreadsheets and others are refused.
    return declared === ODT_MIMETYPE ? byId('odt') : null;
  }
  if (!buf.includes(ascii('[Content_Types].xml'))) return null;
  if (buf.includes(ascii('word/document.xml'))) return byId('docx');
  if (buf.includes(ascii('xl/workbook.xml'))) return byId('xlsx');
  return null;
}
