import { HttpException } from '@nestjs/common';
import { checkDocument, normaliseFilename, UploadedDocument } from './document-file';
import { DOCUMENT_KINDS, sniffDocument } from './document-kinds';
import { SAMPLE_DOCUMENTS } from './document-test-helpers';

const upload = (
  buffer: Buffer,
  originalname: string,
  mimetype = 'application/octet-stream',
): UploadedDocument => ({
  fieldname: 'document',
  originalname,
  mimetype,
  size: buffer.length,
  buffer,
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(HttpException);
    const ex = e as HttpException;
    return { status: ex.getStatus(), errors: (ex.getResponse() as { errors: unknown }).errors };
  }
  throw new Error('expected a refusal');
};

describe('sniffDocument', () => {
  it.each(['pdf', 'png', 'jpeg', 'doc', 'xls', 'docx', 'xlsx', 'odt'] as const)(
    'recognises %s by content',
    (id) => {
      expect(sniffDocument(SAMPLE_DOCUMENTS[id]())?.id).toBe(id);
    },
  );

  it.each(['ods', 'jar', 'exe', 'text'] as const)('refuses %s', (id) => {
    expect(sniffDocument(SAMPLE_DOCUMENTS[id]())).toBeNull();
  });

  it('refuses empty and truncated input', () => {
    expect(sniffDocument(Buffer.alloc(0))).toBeNull();
    expect(sniffDocument(Buffer.from('PK\x03\x04'))).toBeNull();
  });
});

describe('checkDocument', () => {
  it('stores the sniffed type, the SHA-256 and the NFC name', () => {
    const decomposed = 'Kế hoạch.pdf'.normalize('NFD');
    const checked = checkDocument(upload(SAMPLE_DOCUMENTS.pdf(), decomposed, 'application/pdf'));
    expect(checked.filename).toBe('Kế hoạch.pdf'.normalize('NFC'));
    expect(checked.contentType).toBe('application/pdf');
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a generic declared type and uses the content', () => {
    expect(checkDocument(upload(SAMPLE_DOCUMENTS.docx(), 'kh.docx')).contentType).toBe(
      DOCUMENT_KINDS.find((k) => k.id === 'docx')!.contentType,
    );
  });

  it('refuses with 415 on `document`: unknown content, even if named and declared as a PDF', () => {
    expect(refusal(() => checkDocument(upload(SAMPLE_DOCUMENTS.exe(), 'kh.pdf', 'application/pdf')))).toEqual(
      {
        status: 415,
        errors: [{ field: 'document', reason: expect.stringContaining('not a PDF') }],
      },
    );
  });

  it('refuses a name or a declared type that contradicts the content', () => {
    expect(refusal(() => checkDocument(upload(SAMPLE_DOCUMENTS.pdf(), 'kh.docx'))).errors).toEqual([
      { field: 'document', reason: 'the name ends in .docx but the content is PDF' },
    ]);
    expect(refusal(() => checkDocument(upload(SAMPLE_DOCUMENTS.pdf(), 'kh.exe'))).status).toBe(415);
    expect(
      refusal(() => checkDocument(upload(SAMPLE_DOCUMENTS.png(), 'a.png', 'image/jpeg'))).errors,
    ).toEqual([{ field: 'document', reason: 'declared as image/jpeg but the content is PNG' }]);
  });
});

describe('normaliseFilename', () => {
  const pdf = DOCUMENT_KINDS[0];
  it('drops client paths and control characters, adds a missing extension', () => {
    expect(normaliseFilename('C:\\fakepath\\kế hoạch.pdf', pdf)).toBe('kế hoạch.pdf');
    expect(normaliseFilename('bao\u0000cao', pdf)).toBe('baocao.pdf');
    expect(normaliseFilename('', pdf)).toBe('tai-lieu.pdf');
  });

  it('keeps at most 255 characters and the extension', () => {
    const name = normaliseFilename(`${'ễ'.repeat(400)}.pdf`, pdf);
    expect([...name]).toHaveLength(255);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
