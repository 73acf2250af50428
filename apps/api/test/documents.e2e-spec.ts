import { createHash } from 'node:crypto';
import { ApiTestStack, seedTestUnit, startApiTestStack, TEST_UNIT } from '@dondoc/testing';
import type { Response } from 'supertest';
import { DEFAULT_DOCUMENT_MAX_BYTES } from '../src/deliverables/documents/document-limits';
import { SAMPLE_DOCUMENTS } from '../src/deliverables/documents/document-test-helpers';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Binary bodies for supertest: collect the bytes instead of decoding them as text. */
const binary = (res: Response, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Document upload on submissions and download, on the real stack (dev server, worker, PostgreSQL). */
describe('documents: multipart submissions and downloads (e2e on the Temporal dev server)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];

  beforeAll(async () => {
    stack = await startApiTestStack({ prepare: (db) => seedTestUnit(db.dataSource) });
    http = stack.http;
  }, 120_000);

  afterAll(() => stack?.stop());

  const id = `22-KH-TU:implementation-plan:${TEST_UNIT.id}:2031`;
  const storedCount = async () =>
    Number((await stack.db.dataSource.query('SELECT count(*) AS n FROM documents'))[0].n);
  const submit = () => http.post(`/deliverables/${id}/submissions`);
  const problem = (res: Response) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.body;
  };

  beforeAll(async () => {
    await http
      .post('/deliverables')
      .send({
        planId: '22-KH-TU',
        obligationId: 'implementation-plan',
        unitId: TEST_UNIT.id,
        period: '2031',
        title: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
        dueDate: '2031-09-15',
        requiredContents: ['decision-148'],
      })
      .expect(201);
    for (let i = 0; i < 100 && (await http.get(`/deliverables/${id}`)).body.version < 1; i++)
      await new Promise((r) => setTimeout(r, 100));
  });

  it('documents the upload, the download and their errors in the OpenAPI document', async () => {
    const doc = (await http.get('/docs/openapi.json').expect(200)).body;
    const post = doc.paths['/deliverables/{id}/submissions'].post;
    expect(Object.keys(post.requestBody.content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '413', '415', '422']));
    expect(doc.components.schemas.SubmitDocumentFormSchema.properties.document).toMatchObject({
      format: 'binary',
    });
    expect(doc.paths['/deliverables/{id}/documents/{documentId}'].get.responses['200']).toBeDefined();
  });

  it('refuses a file that is not an allowed type by its content (415 naming `document`), storing nothing', async () => {
    const res = await submit()
      .field('unitId', TEST_UNIT.id)
      .field('coveredContents', 'decision-148')
      .attach('document', SAMPLE_DOCUMENTS.exe(), {
        filename: 'ke-hoach.pdf',
        contentType: 'application/pdf',
      })
      .expect(415);
    expect(problem(res)).toMatchObject({ status: 415, errors: [{ field: 'document' }] });
    expect(await storedCount()).toBe(0);
  });

  it('refuses a document over the limit with 413 naming `document`', async () => {
    const big = Buffer.concat([SAMPLE_DOCUMENTS.pdf(), Buffer.alloc(DEFAULT_DOCUMENT_MAX_BYTES)]);
    const res = await submit()
      .field('unitId', TEST_UNIT.id)
      .attach('document', big, { filename: 'lon.pdf', contentType: 'application/pdf' })
      .expect(413);
    expect(problem(res)).toMatchObject({
      status: 413,
      errors: [{ field: 'document', reason: 'larger than the 20 MB limit' }],
    });
    expect(await storedCount()).toBe(0);
  });

  it('asks for the file when the multipart form has none, and refuses a file in another part', async () => {
    const none = await submit()
      .field('unitId', TEST_UNIT.id)
      .field('coveredContents', 'decision-148')
      .expect(422);
    expect(problem(none).errors).toEqual([
      { field: 'document', reason: expect.stringContaining('"document"') },
    ]);
    const other = await submit()
      .field('unitId', TEST_UNIT.id)
      .attach('file', SAMPLE_DOCUMENTS.pdf(), 'kh.pdf')
      .expect(400);
    expect(problem(other).errors[0].reason).toContain('"document"');
    const fields = await submit()
      .field('unitId', 'bad id')
      .field('documentName', 'x.pdf')
      .attach('document', SAMPLE_DOCUMENTS.pdf(), 'kh.pdf')
      .expect(400);
    expect(
      problem(fields)
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['documentName', 'unitId']);
    expect(await storedCount()).toBe(0);
  });

  it('does not keep the document when the workflow refuses the submission', async () => {
    const res = await submit()
      .field('unitId', TEST_UNIT.id)
      .attach('document', SAMPLE_DOCUMENTS.pdf(), { filename: 'kh.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(problem(res).errors).toEqual([
      { field: 'coveredContents', reason: 'required contents not covered: decision-148' },
    ]);
    const wrongUnit = await submit()
      .field('unitId', 'HU-KHAC')
      .field('coveredContents', 'decision-148')
      .attach('document', SAMPLE_DOCUMENTS.pdf(), 'kh.pdf')
      .expect(422);
    expect(problem(wrongUnit).errors[0].field).toBe('unitId');
    expect(await storedCount()).toBe(0);
    expect((await http.get(`/deliverables/${id}/documents`).expect(200)).body).toEqual([]);
    expect((await http.get(`/deliverables/${id}`).expect(200)).body.status).toBe('open');
  });

  it('takes a document: stored with its SHA-256, the workflow gets name and checksum, the download round-trips', async () => {
    const content = SAMPLE_DOCUMENTS.pdf();
    const decomposed = 'Kế hoạch số 15-KH-HU.pdf'.normalize('NFD');
    const res = await submit()
      .field('unitId', TEST_UNIT.id)
      // Repeated, as an HTML form sends a multiple choice.
      .field('coveredContents', 'decision-148')
      .field('coveredContents', 'pressing-issues')
      .field('note', 'Gửi kèm bản ký số')
      .attach('document', content, { filename: decomposed, contentType: 'application/pdf' })
      .expect(200);
    const name = 'Kế hoạch số 15-KH-HU.pdf'.normalize('NFC');
    expect(res.body).toMatchObject({
      status: 'submitted',
      bucket: 'on-time',
      submission: {
        documentName: name,
        documentSha256: sha256(content),
        note: 'Gửi kèm bản ký số',
        coveredContents: ['decision-148', 'pressing-issues'],
      },
      document: {
        filename: name,
        contentType: 'application/pdf',
        size: content.length,
        sha256: sha256(content),
      },
    });
    const { url } = res.body.document;

    const listed = (await http.get(`/deliverables/${id}/documents`).expect(200)).body;
    expect(listed).toEqual([res.body.document]);
    const download = await http.get(url).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body, content)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Ke hoach so 15-KH-HU.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(download.headers['repr-digest']).toBe(
      `sha-256=:${createHash('sha256').update(content).digest('base64')}:`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    // What the workflow holds is the name and the checksum, not the bytes.
    const history = await stack.temporal.client.workflow.getHandle(`deliverable:${id}`).fetchHistory();
    expect(JSON.stringify(history)).not.toContain(content.toString('base64'));
  });

  it('refuses a second submission with 409 and stores nothing more', async () => {
    const res = await submit()
      .field('unitId', TEST_UNIT.id)
      .field('coveredContents', 'decision-148')
      .attach('document', SAMPLE_DOCUMENTS.docx(), 'kh.docx')
      .expect(409);
    expect(problem(res).status).toBe(409);
    expect(await storedCount()).toBe(1);
  });

  it('answers 404 for an unknown document and 400 for a malformed id', async () => {
    await http.get(`/deliverables/${id}/documents/00000000-0000-4000-8000-000000000000`).expect(404);
    const bad = await http.get(`/deliverables/${id}/documents/not-a-uuid`).expect(400);
    problem(bad);
    await http.get('/deliverables/a:b:c:d/documents').expect(404);
  });
});
