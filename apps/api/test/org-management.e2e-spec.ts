import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseOrgJson } from '@dondoc/domain';
import { OrgRepository } from '@dondoc/persistence';
import { ApiTestStack, startApiTestStack } from '@dondoc/testing';

const FIXTURE = fs.readFileSync(path.resolve(__dirname, '../../../plans/org/bac-ninh-2021.json'), 'utf8');
const fixture = parseOrgJson(FIXTURE, 'bac-ninh-2021.json');

type Problem = { errors?: { field: string; reason: string }[]; current?: Record<string, unknown> };
const fields = (body: Problem) => (body.errors ?? []).map((e) => e.field).sort();

/** Keeping the org tree and its contacts current without a re-import, over HTTP on real PostgreSQL. */
describe('org management API (e2e)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];

  beforeAll(async () => {
    stack = await startApiTestStack({
      worker: false,
      prepare: (db) =>
        new OrgRepository(db.dataSource).importTree(fixture, 'replace', { effectiveFrom: '2021-08-13' }),
    });
    http = stack.http;
  }, 120_000);

  afterAll(() => stack?.stop());

  describe('units', () => {
    it('creates a cell under a grassroots committee; GET answers it with its version as ETag', async () => {
      const created = await http
        .post('/units')
        .send({
          id: 'CB-TD-LIM-KP3',
          name: 'Chi bộ khu phố 3',
          type: 'chi-bo',
          parentId: 'DBCS-TD-LIM',
          validFrom: '2026-01-01',
        })
        .expect(201);
      expect(created.body).toEqual({
        id: 'CB-TD-LIM-KP3',
        name: 'Chi bộ khu phố 3',
        type: 'chi-bo',
        parentId: 'DBCS-TD-LIM',
        validFrom: '2026-01-01',
        validTo: null,
        contacts: [],
        version: 1,
      });
      expect(created.headers.etag).toBe('"1"');
      const read = await http.get('/units/CB-TD-LIM-KP3').expect(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).not.toHaveProperty('version');
    });

    it('refuses a unit the import would refuse, naming the field; a taken id is 409', async () => {
      const wrongLevel = await http
        .post('/units')
        .send({
          id: 'CB-X',
          name: 'Chi bộ X',
          type: 'chi-bo',
          parentId: 'HU-TIEN-DU',
          validFrom: '2026-01-01',
        })
        .expect(422);
      expect(wrongLevel.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(wrongLevel.body.errors).toEqual([
        { field: 'parentId', reason: expect.stringMatching(/cannot be under "HU-TIEN-DU"/) },
      ]);
      const bad = await http
        .post('/units')
        .send({ id: 'bad id', name: ' ', type: 'huyen', parentId: 'TU-BAC-NINH', validFrom: '2026-13-01' })
        .expect(422);
      expect(fields(bad.body)).toEqual(['id', 'name', 'type', 'validFrom']);
      const taken = await http
        .post('/units')
        .send({
          id: 'HU-TIEN-DU',
          name: 'x',
          type: 'huyen-uy',
          parentId: 'TU-BAC-NINH',
          validFrom: '2026-01-01',
        })
        .expect(409);
      expect(fields(taken.body)).toEqual(['id']);
      const unknown = await http
        .post('/units')
        .send({
          id: 'CB-Y',
          name: 'y',
          type: 'chi-bo',
          parentId: 'DBCS-TD-LIM',
          validFrom: '2026-01-01',
          level: 3,
        })
        .expect(400);
      expect(fields(unknown.body)).toEqual(['level']);
    });

    it('renames with If-Match; the name is stored composed (NFC)', async () => {
      const decomposed = 'Chi bộ khu phố 3 (sáp nhập)'.normalize('NFD');
      const res = await http
        .patch('/units/CB-TD-LIM-KP3')
        .set('If-Match', '"1"')
        .send({ name: decomposed })
        .expect(200);
      expect(res.body.name).toBe('Chi bộ khu phố 3 (sáp nhập)'.normalize('NFC'));
      expect(res.body.version).toBe(2);
      expect(res.headers.etag).toBe('"2"');
    });

    it('moves a cell to another grassroots committee; refuses a cycle and a wrong level naming parentId', async () => {
      const moved = await http
        .patch('/units/CB-TD-LIM-KP3')
        .send({ parentId: 'DBCS-TD-PHAT-TICH', version: 2 })
        .expect(200);
      expect(moved.body).toMatchObject({ parentId: 'DBCS-TD-PHAT-TICH', version: 3 });

      const self = await http.get('/units/DBCS-TD-LIM').expect(200);
      const cycle = await http
        .patch('/units/DBCS-TD-LIM')
        .set('If-Match', self.headers.etag)
        .send({ parentId: 'DBCS-TD-LIM' })
        .expect(422);
      expect(cycle.body.errors).toEqual([
        { field: 'parentId', reason: 'the parent chain loops back to itself: DBCS-TD-LIM → DBCS-TD-LIM' },
      ]);
      const underOwnCell = await http
        .patch('/units/DBCS-TD-LIM')
        .set('If-Match', self.headers.etag)
        .send({ parentId: 'CB-TD-LIM-LUNG-GIANG' })
        .expect(422);
      expect(fields(underOwnCell.body)).toContain('parentId');
      expect(underOwnCell.body.errors.map((e: { reason: string }) => e.reason).join(' ')).toMatch(
        /loops back to itself: DBCS-TD-LIM → CB-TD-LIM-LUNG-GIANG → DBCS-TD-LIM/,
      );
      // nothing changed
      expect((await http.get('/units/DBCS-TD-LIM').expect(200)).headers.etag).toBe(self.headers.etag);
    });

    it('a stale If-Match is 409 problem+json with the current state; none at all is 428', async () => {
      const stale = await http
        .patch('/units/CB-TD-LIM-KP3')
        .set('If-Match', '"1"')
        .send({ name: 'Chi bộ khu phố 3B' })
        .expect(409);
      expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(stale.headers.etag).toBe('"3"');
      expect(stale.body).toMatchObject({
        status: 409,
        errors: [{ field: 'If-Match', reason: 'version 1 is stale; the current version is 3' }],
        current: { id: 'CB-TD-LIM-KP3', parentId: 'DBCS-TD-PHAT-TICH', version: 3 },
      });
      const staleBody = await http.patch('/units/CB-TD-LIM-KP3').send({ name: 'x', version: 2 }).expect(409);
      expect(fields(staleBody.body)).toEqual(['version']);
      const missing = await http.patch('/units/CB-TD-LIM-KP3').send({ name: 'x' }).expect(428);
      expect(fields(missing.body)).toEqual(['If-Match']);
      const malformed = await http
        .patch('/units/CB-TD-LIM-KP3')
        .set('If-Match', 'abc')
        .send({ name: 'x' })
        .expect(400);
      expect(fields(malformed.body)).toEqual(['If-Match']);
      expect((await http.get('/units/CB-TD-LIM-KP3').expect(200)).body.name).toBe(
        'Chi bộ khu phố 3 (sáp nhập)',
      );
      await http.patch('/units/HU-KHONG-CO').set('If-Match', '"1"').send({ name: 'x' }).expect(404);
    });

    it('an import that changes a unit makes an earlier If-Match stale', async () => {
      const before = await http.get('/units/HU-YEN-PHONG').expect(200);
      const doc = JSON.parse(FIXTURE);
      const unit = doc.units.find((u: { id: string }) => u.id === 'HU-YEN-PHONG');
      await http
        .post('/org/import?mode=merge')
        .send({ format: 'dondoc-org/1', units: [{ ...unit, name: 'Huyện ủy Yên Phong (mới)' }] })
        .expect(200);
      await http
        .patch('/units/HU-YEN-PHONG')
        .set('If-Match', before.headers.etag)
        .send({ name: 'Huyện ủy Yên Phong' })
        .expect(409);
    });

    it('dissolves a unit with validTo; refused while cells under it outlive it', async () => {
      const lim = await http.get('/units/DBCS-TD-LIM').expect(200);
      const refused = await http
        .patch('/units/DBCS-TD-LIM')
        .set('If-Match', lim.headers.etag)
        .send({ validTo: '2026-06-30' })
        .expect(409);
      expect(refused.body.errors).toEqual([
        {
          field: 'validTo',
          reason: expect.stringMatching(/2 unit\(s\) under it .*CB-TD-LIM-DINH-CA, CB-TD-LIM-LUNG-GIANG/),
        },
      ]);
      const withMembers = await http.get('/units/CB-TD-LIM-DINH-CA').expect(200);
      const members = await http
        .patch('/units/CB-TD-LIM-DINH-CA')
        .set('If-Match', withMembers.headers.etag)
        .send({ validTo: '2026-06-30' })
        .expect(409);
      expect(members.body.errors).toEqual([
        { field: 'validTo', reason: expect.stringMatching(/^1 membership\(s\) of it run after 2026-06-30/) },
      ]);
      const cell = await http.get('/units/CB-TD-LIM-KP3').expect(200);
      const early = await http
        .patch('/units/CB-TD-LIM-KP3')
        .set('If-Match', cell.headers.etag)
        .send({ validTo: '2025-12-31' })
        .expect(422);
      expect(fields(early.body)).toEqual(['validTo']);
      const dissolved = await http
        .patch('/units/CB-TD-LIM-KP3')
        .set('If-Match', cell.headers.etag)
        .send({ validTo: '2026-06-30' })
        .expect(200);
      expect(dissolved.body).toMatchObject({ validTo: '2026-06-30', version: 4 });
      const on = await http.get('/units?parentId=DBCS-TD-PHAT-TICH&asOf=2026-07-01').expect(200);
      expect(on.body.items.map((u: { id: string }) => u.id)).not.toContain('CB-TD-LIM-KP3');
    });

    it('refuses to dissolve a unit whose deliverables are not finished; once they are, it ends', async () => {
      await http
        .post('/units')
        .send({
          id: 'CB-TD-LIM-KP4',
          name: 'Chi bộ khu phố 4',
          type: 'chi-bo',
          parentId: 'DBCS-TD-LIM',
          validFrom: '2026-01-01',
        })
        .expect(201);
      const q = (sql: string, params: unknown[] = []) => stack.db.dataSource.query(sql, params);
      await q(
        `INSERT INTO deliverables (id, workflow_id, plan_id, obligation_id, unit_id, period, title, due_date, deadline_at, status, version)
         VALUES ('22-KH-TU:thematic-session:CB-TD-LIM-KP4:2026-Q2', 'deliverable:22-KH-TU:thematic-session:CB-TD-LIM-KP4:2026-Q2',
                 '22-KH-TU', 'thematic-session', 'CB-TD-LIM-KP4', '2026-Q2', 'Sinh hoạt chuyên đề', '2026-06-30', now(), 'open', 1)`,
      );
      const refused = await http
        .patch('/units/CB-TD-LIM-KP4')
        .set('If-Match', '"1"')
        .send({ validTo: '2026-06-30' })
        .expect(409);
      expect(refused.body.errors).toEqual([
        {
          field: 'validTo',
          reason: expect.stringMatching(
            /^1 deliverable\(s\) of it are not finished: 22-KH-TU:thematic-session:CB-TD-LIM-KP4:2026-Q2/,
          ),
        },
      ]);
      await q(`UPDATE deliverables SET status = 'cancelled' WHERE unit_id = 'CB-TD-LIM-KP4'`);
      await http
        .patch('/units/CB-TD-LIM-KP4')
        .set('If-Match', '"1"')
        .send({ validTo: '2026-06-30' })
        .expect(200);
    });
  });

  describe('contacts', () => {
    let contactId: string;

    it('adds a contact: name composed (NFC) and trimmed, language and digest defaulted', async () => {
      const res = await http
        .post('/units/HU-TIEN-DU/contacts')
        .send({
          name: '  Nguyễn Thị Hương  '.normalize('NFD'),
          email: 'huong.tiendu@bacninh.example',
          role: 'officer',
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        unitId: 'HU-TIEN-DU',
        name: 'Nguyễn Thị Hương'.normalize('NFC'),
        email: 'huong.tiendu@bacninh.example',
        role: 'officer',
        language: 'vi',
        digest: false,
        version: 1,
      });
      expect(res.headers.etag).toBe('"1"');
      contactId = res.body.id;
      const list = await http.get('/units/HU-TIEN-DU/contacts').expect(200);
      expect(list.body).toHaveLength(3);
      expect(list.body[0].role).toBe('head');
      expect(list.body).toContainEqual(res.body);
      // the unit read shows it too, in the org file's shape
      const unit = await http.get('/units/HU-TIEN-DU').expect(200);
      expect(unit.body.contacts).toContainEqual({
        name: 'Nguyễn Thị Hương'.normalize('NFC'),
        email: 'huong.tiendu@bacninh.example',
        role: 'officer',
        language: 'vi',
        digest: false,
      });
    });

    it('refuses bad contacts naming each field', async () => {
      const bad = await http
        .post('/units/HU-TIEN-DU/contacts')
        .send({ name: '', email: 'huong@', role: 'chief', language: 'fr', digest: 'yes' })
        .expect(422);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(bad.body)).toEqual(['digest', 'email', 'language', 'name', 'role']);
      const duplicate = await http
        .post('/units/HU-TIEN-DU/contacts')
        .send({ name: 'Ai đó', email: 'HUONG.tiendu@bacninh.example', role: 'officer' })
        .expect(409);
      expect(fields(duplicate.body)).toEqual(['email']);
      const unknown = await http
        .post('/units/HU-TIEN-DU/contacts')
        .send({ name: 'Ai đó', email: 'ai@bacninh.example', role: 'officer', phone: '0912' })
        .expect(400);
      expect(fields(unknown.body)).toEqual(['phone']);
      await http
        .post('/units/HU-KHONG-CO/contacts')
        .send({ name: 'Ai đó', email: 'ai@bacninh.example', role: 'officer' })
        .expect(404);
      await http.get('/units/HU-KHONG-CO/contacts').expect(404);
    });

    it('changes a contact with If-Match; stale is 409 with the current contact', async () => {
      const changed = await http
        .patch(`/contacts/${contactId}`)
        .set('If-Match', '"1"')
        .send({ language: 'en', digest: true })
        .expect(200);
      expect(changed.body).toMatchObject({ language: 'en', digest: true, role: 'officer', version: 2 });
      expect(changed.headers.etag).toBe('"2"');
      const stale = await http
        .patch(`/contacts/${contactId}`)
        .set('If-Match', '"1"')
        .send({ role: 'head' })
        .expect(409);
      expect(stale.body).toMatchObject({
        errors: [{ field: 'If-Match', reason: 'version 1 is stale; the current version is 2' }],
        current: { id: contactId, language: 'en', digest: true, version: 2 },
      });
      const invalid = await http
        .patch(`/contacts/${contactId}`)
        .set('If-Match', '"2"')
        .send({ email: 'not an address' })
        .expect(422);
      expect(fields(invalid.body)).toEqual(['email']);
      const taken = await http
        .patch(`/contacts/${contactId}`)
        .set('If-Match', '"2"')
        .send({ email: fixture.units.find((u) => u.id === 'HU-TIEN-DU')!.contacts[0].email })
        .expect(409);
      expect(fields(taken.body)).toEqual(['email']);
      await http.patch(`/contacts/${contactId}`).send({ digest: false }).expect(428);
      await http.patch('/contacts/42').set('If-Match', '"1"').send({ digest: false }).expect(400);
      await http
        .patch('/contacts/00000000-0000-4000-8000-000000000000')
        .set('If-Match', '"1"')
        .send({ digest: false })
        .expect(404);
    });

    it('deletes a contact that was mailed: the mail log stays readable, waiting mail is marked failed', async () => {
      const q = (sql: string, params: unknown[] = []) => stack.db.dataSource.query(sql, params);
      const content = { subject: 'Nhắc việc', text: 'Kính gửi …', html: '<p>Kính gửi …</p>' };
      for (const [key, status] of [
        ['deliverable:x/reminder-1', 'sent'],
        ['deliverable:x/reminder-2', 'digested'],
      ])
        await q(
          `INSERT INTO outbox (key, workflow_id, step, contact_id, recipient, subject, message_id, status, kind, unit_id, content, sent_at)
           VALUES ($1, 'deliverable:x', $2, $3, 'huong.tiendu@bacninh.example', 'Nhắc việc', $4, $5, 'reminder', 'HU-TIEN-DU', $6,
                   CASE WHEN $5 = 'sent' THEN now() END)`,
          [
            `${key}/${contactId}`,
            key.split('/')[1],
            contactId,
            `<${key.split('/')[1]}@dondoc>`,
            status,
            content,
          ],
        );
      await http.delete(`/contacts/${contactId}`).expect(428);
      await http.delete(`/contacts/${contactId}`).set('If-Match', '"1"').expect(409);
      const res = await http.delete(`/contacts/${contactId}`).set('If-Match', '"2"').expect(200);
      expect(res.body).toEqual({ id: contactId, mailKept: 2, waitingMailFailed: 1 });

      expect((await http.get('/units/HU-TIEN-DU/contacts').expect(200)).body).toHaveLength(2);
      const sent = await http
        .get(`/mail/${encodeURIComponent(`deliverable:x/reminder-1/${contactId}`)}`)
        .expect(200);
      expect(sent.body).toMatchObject({
        status: 'sent',
        contactId: null,
        recipient: 'huong.tiendu@bacninh.example',
        unitId: 'HU-TIEN-DU',
        content: { subject: 'Nhắc việc' },
      });
      const log = await http.get('/mail?unitId=HU-TIEN-DU').expect(200);
      const waiting = log.body.items.find((m: { step: string }) => m.step === 'reminder-2');
      expect(waiting).toMatchObject({
        status: 'failed',
        contactId: null,
        lastError: expect.stringMatching(/deleted/),
      });
      await http.delete(`/contacts/${contactId}`).set('If-Match', '"2"').expect(404);
    });
  });

  it('documents every management route in OpenAPI with its errors', async () => {
    const res = await http.get('/docs/openapi.json').expect(200);
    const paths = res.body.paths;
    expect(Object.keys(paths['/units'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/units/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(Object.keys(paths['/units/{id}/contacts'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/contacts/{id}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
    expect(Object.keys(paths['/units/{id}'].patch.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '422', '428'].sort(),
    );
    expect(Object.keys(paths['/contacts/{id}'].delete.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '428'].sort(),
    );
    const [stale] = Object.values(paths['/units/{id}'].patch.responses['409'].content) as {
      example: unknown;
    }[];
    expect(stale.example).toMatchObject({ status: 409, current: { id: 'CB-TD-LIM-KP3', version: 2 } });
  });
});
