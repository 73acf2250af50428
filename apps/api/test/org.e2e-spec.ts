import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseOrgJson, serializeOrgJson } from '@dondoc/domain';
import { ApiTestStack, generateProvince, startApiTestStack } from '@dondoc/testing';

const FIXTURE = fs.readFileSync(path.resolve(__dirname, '../../../plans/org/bac-ninh-2021.json'), 'utf8');
const fixture = parseOrgJson(FIXTURE, 'bac-ninh-2021.json');

/** The org endpoints over HTTP on the real stack (PostgreSQL and the Temporal dev server the app connects to). */
describe('org API (e2e)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];

  beforeAll(async () => {
    stack = await startApiTestStack({ worker: false });
    http = stack.http;
  }, 120_000);

  afterAll(() => stack?.stop());

  it('POST /org/import stores the Bắc Ninh fixture and says what it did', async () => {
    const res = await http
      .post('/org/import?mode=replace&effectiveFrom=2021-08-13')
      .set('content-type', 'application/json')
      .send(FIXTURE)
      .expect(200);
    expect(res.body).toMatchObject({
      mode: 'replace',
      units: { inserted: fixture.units.length, closed: [] },
      people: { inserted: fixture.people.length },
      memberships: { inserted: 12 },
      notes: [],
    });
  });

  it('GET /units filters by type and date and pages by id', async () => {
    const res = await http.get('/units?type=huyen-uy&asOf=2021-08-13&pageSize=4&page=2').expect(200);
    expect(res.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(res.body.items.map((u: { id: string }) => u.id)).toEqual(['HU-TIEN-DU', 'HU-YEN-PHONG']);
    const cities = await http.get('/units?type=thanh-uy&asOf=2021-11-01').expect(200);
    expect(cities.body.items.map((u: { id: string }) => u.id)).toEqual(['TU-TP-BAC-NINH', 'TU-TP-TU-SON']);
    const cells = await http.get('/units?parentId=DBCS-TD-LIM').expect(200);
    expect(cells.body.total).toBe(2);
  });

  it('GET /units/:id answers one unit with its contacts, or 404 problem+json', async () => {
    const res = await http.get('/units/HU-TIEN-DU').expect(200);
    expect(res.body).toEqual(fixture.units.find((u) => u.id === 'HU-TIEN-DU'));
    const missing = await http.get('/units/HU-KHONG-CO').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses bad query parameters with 400 naming the field', async () => {
    const res = await http.get('/units?type=huyen&pageSize=0').expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pageSize', 'type']);
    await http
      .post('/org/import?mode=overwrite')
      .send(FIXTURE)
      .set('content-type', 'application/json')
      .expect(400);
  });

  it('refuses a malformed tree with 422 listing every problem, and stores nothing', async () => {
    const before = (await http.get('/org/export?format=json').expect(200)).text;
    const doc = JSON.parse(FIXTURE);
    doc.units[4].parentId = 'HU-KHONG-CO';
    doc.units[3].contacts[0].email = 'not-an-email';
    doc.people[0].memberships[0].unitId = 'CB-KHONG-CO';
    doc.units.push({ ...doc.units[5] });
    const res = await http.post('/org/import?mode=replace').send(doc).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { field: 'request body:/units/3/contacts/0/email:email', reason: expect.stringMatching(/e-mail/) },
      {
        field: `request body:/units/${doc.units.length - 1}/id:id`,
        reason: expect.stringMatching(/^duplicate unit id/),
      },
      { field: 'request body:/units/4/parentId:parentId', reason: 'no unit with id "HU-KHONG-CO"' },
      {
        field: 'request body:/people/0/memberships/0/unitId:unitId',
        reason: 'no unit with id "CB-KHONG-CO"',
      },
    ]);
    expect((await http.get('/org/export?format=json').expect(200)).text).toBe(before);
  });

  it('GET /org/export answers the org file (json) or one table (csv), as of a date', async () => {
    const json = await http.get('/org/export?format=json').expect(200);
    expect(json.headers['content-type']).toMatch(/application\/json/);
    expect(parseOrgJson(json.text, 'export.json').units).toHaveLength(fixture.units.length);
    const csv = await http.get('/org/export?format=csv&table=memberships&asOf=2021-11-01').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('person_id,unit_id,role,valid_from,valid_to');
    expect(lines).toContain('DV-0009,CB-TP-TS-DONG-NGAN-KP1,secretary,2021-11-01,');
    expect(lines.some((l) => l.includes('CB-TX-TS-DONG-NGAN-KP1'))).toBe(false);
  });

  it('merge adds a cell under a stored unit', async () => {
    const part = {
      format: 'dondoc-org/1',
      units: [
        {
          id: 'CB-TD-LIM-MOI',
          name: 'Chi bộ khu phố mới',
          type: 'chi-bo',
          parentId: 'DBCS-TD-LIM',
          validFrom: '2022-01-01',
        },
      ],
    };
    const res = await http.post('/org/import?mode=merge').send(part).expect(200);
    expect(res.body.units).toMatchObject({ inserted: 1, updated: 0, closed: [] });
    expect((await http.get('/units?parentId=DBCS-TD-LIM').expect(200)).body.total).toBe(3);
  });

  it('takes a province too large for the app-wide JSON limit as application/vnd.dondoc.org+json', async () => {
    const big = serializeOrgJson(generateProvince({ level1: 13, grassroots: 60, cells: 300, members: 3000 }));
    expect(big.length).toBeGreaterThan(256 * 1024);
    await http.post('/org/import').set('content-type', 'application/json').send(big).expect(413);
    const res = await http
      .post('/org/import?mode=replace')
      .set('content-type', 'application/vnd.dondoc.org+json')
      .send(big)
      .expect(200);
    expect(res.body.people.inserted).toBe(3000);
    expect(res.body.units.closed).toContain('TU-BAC-NINH');
    const broken = await http
      .post('/org/import')
      .set('content-type', 'application/vnd.dondoc.org+json')
      .send('{"format": ')
      .expect(422);
    expect(broken.body.errors[0]).toEqual({
      field: 'request body:/',
      reason: expect.stringMatching(/^not valid JSON/),
    });
  });

  it('documents the org endpoints in OpenAPI', async () => {
    const res = await http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/org/import', '/org/export', '/units', '/units/{id}']),
    );
  });
});
