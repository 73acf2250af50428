import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputRejectedException, OrgTree, parseOrgJson, serializeOrgJson } from '@dondoc/domain';
import { parseOrgCsv, serializeOrgCsv } from '@dondoc/domain/src/org/org-csv';
import { createTestDatabase, TestDatabase } from '@dondoc/testing';
import { OrgRepository } from './org.repository';

const FIXTURE_FILE = path.resolve(__dirname, '../../../plans/org/bac-ninh-2021.json');
const fixture = parseOrgJson(fs.readFileSync(FIXTURE_FILE, 'utf8'), 'bac-ninh-2021.json');

/** Every row of the org tables, in a fixed order: equal snapshots mean nothing was written. */
async function snapshot(db: TestDatabase): Promise<unknown> {
  const q = (sql: string) => db.dataSource.query(sql);
  return {
    units: await q(
      `SELECT id, name, type, parent_id, valid_from::text, valid_to::text, created_at FROM units ORDER BY id`,
    ),
    contacts: await q(`SELECT * FROM contacts ORDER BY id`),
    people: await q(`SELECT * FROM people ORDER BY id`),
    memberships: await q(
      `SELECT id, person_id, unit_id, role, valid_from::text, valid_to::text FROM memberships ORDER BY id`,
    ),
  };
}

/** Order-free form of a tree, for comparing a stored tree with a file. */
function normalised(tree: OrgTree): OrgTree {
  const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
  return {
    units: tree.units
      .map((u) => ({ ...u, contacts: [...u.contacts].sort((a, b) => a.email.localeCompare(b.email)) }))
      .sort(byId),
    people: tree.people
      .map((p) => ({
        ...p,
        memberships: [...p.memberships].sort((a, b) =>
          (a.validFrom + a.unitId).localeCompare(b.validFrom + b.unitId),
        ),
      }))
      .sort(byId),
  };
}

function rejection(run: () => unknown): InputRejectedException {
  try {
    run();
  } catch (e) {
    if (e instanceof InputRejectedException) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('OrgRepository on real PostgreSQL', () => {
  let db: TestDatabase;
  let repo: OrgRepository;
  beforeAll(async () => {
    db = await createTestDatabase();
    repo = new OrgRepository(db.dataSource);
  });
  afterAll(() => db?.drop());

  it('imports the Bắc Ninh fixture and loads the same tree back', async () => {
    const result = await repo.importTree(fixture, 'replace', { effectiveFrom: '2021-08-13' });
    const contacts = fixture.units.reduce((n, u) => n + u.contacts.length, 0);
    expect(result.units).toMatchObject({ inserted: fixture.units.length, updated: 0, closed: [] });
    expect(result.contacts).toMatchObject({ inserted: contacts, deleted: 0 });
    expect(result.people).toMatchObject({ inserted: fixture.people.length, deleted: 0 });
    expect(result.memberships).toMatchObject({ inserted: 12, deleted: 0 });
    expect(result.notes).toEqual([]);
    expect(normalised(await repo.loadTree())).toEqual(normalised(fixture));
  });

  it('a second identical import changes nothing', async () => {
    const before = await snapshot(db);
    const result = await repo.importTree(fixture, 'replace', { effectiveFrom: '2021-08-13' });
    expect(
      [result.units, result.contacts, result.people, result.memberships].map((t) => [
        t.inserted,
        t.updated,
        t.deleted,
      ]),
    ).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('loads the tree as of a date: the Thị ủy Từ Sơn before 1/11/2021, the Thành ủy from then on', async () => {
    const august = await repo.loadTree('2021-08-13');
    expect(august.units.map((u) => u.id)).toContain('TXU-TU-SON');
    expect(august.units.map((u) => u.id)).not.toContain('TU-TP-TU-SON');
    expect(august.people.find((p) => p.id === 'DV-0009')?.memberships.map((m) => m.unitId)).toEqual([
      'CB-TX-TS-DONG-NGAN-KP1',
    ]);
    const december = await repo.loadTree('2021-12-01');
    expect(december.units.map((u) => u.id)).not.toContain('TXU-TU-SON');
    expect(december.units[0].id).toBe('TU-BAC-NINH'); // parents first
  });

  it('refuses a malformed JSON import with the precise problems and leaves every row as it was', async () => {
    const before = await snapshot(db);
    const doc = JSON.parse(serializeOrgJson(fixture));
    const yenPhong = fixture.units.findIndex((u) => u.id === 'HU-YEN-PHONG');
    doc.units[5].parentId = 'HU-KHONG-CO';
    doc.units[yenPhong].type = 'chi-bo';
    doc.people[0].memberships[0].unitId = 'CB-KHONG-CO';
    const error = rejection(() => parseOrgJson(JSON.stringify(doc), 'bad.json'));
    expect(error.inputProblems.map((p) => `${p.location} ${p.reason}`)).toEqual([
      `/units/5/parentId no unit with id "HU-KHONG-CO"`,
      expect.stringMatching(
        new RegExp(`^/units/${yenPhong}/parentId a chi-bo \\(level 3\\) cannot be under "TU-BAC-NINH"`),
      ),
      `/people/0/memberships/0/unitId no unit with id "CB-KHONG-CO"`,
    ]);
    // The repository checks again inside its transaction: a tree built in code cannot slip past.
    const broken: OrgTree = {
      ...fixture,
      units: fixture.units.map((u, i) => (i === 5 ? { ...u, parentId: 'HU-KHONG-CO' } : u)),
    };
    await expect(repo.importTree(broken, 'replace')).rejects.toThrow(InputRejectedException);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a malformed CSV import with file, row and column, and leaves every row as it was', async () => {
    const before = await snapshot(db);
    const csv = serializeOrgCsv(fixture);
    const units = csv.units.replace(
      'HU-TIEN-DU,Huyện ủy Tiên Du,huyen-uy',
      'HU-TIEN-DU,Huyện ủy Tiên Du,huyen',
    );
    const contacts = csv.contacts.replace(/vanphong\.tiendu@bacninh\.example/, 'vanphong.tiendu@');
    const error = rejection(() =>
      parseOrgCsv({
        units: { name: 'units.csv', text: units },
        contacts: { name: 'contacts.csv', text: contacts },
        people: { name: 'people.csv', text: csv.people },
        memberships: { name: 'memberships.csv', text: csv.memberships },
      }),
    );
    const unitsRow = csv.units.split('\n').findIndex((l) => l.startsWith('HU-TIEN-DU,')) + 1;
    const contactsRow = csv.contacts.split('\n').findIndex((l) => l.includes('vanphong.tiendu@')) + 1;
    expect(error.inputProblems).toEqual([
      {
        file: 'units.csv',
        location: `row ${unitsRow}`,
        field: 'type',
        reason: expect.stringMatching(/must be one of/),
      },
      {
        file: 'contacts.csv',
        location: `row ${contactsRow}`,
        field: 'email',
        reason: expect.stringMatching(/e-mail/),
      },
    ]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back everything when the database refuses a row late in the import', async () => {
    const before = await snapshot(db);
    // PostgreSQL text cannot hold NUL: units and contacts are written, then the people step fails.
    const tree: OrgTree = {
      units: [...fixture.units, { ...fixture.units[3], id: 'HU-MOI', name: 'Huyện ủy mới', contacts: [] }],
      people: fixture.people.map((p, i) => (i === 0 ? { ...p, name: 'Nguyễn\u0000Văn' } : p)),
    };
    await expect(repo.importTree(tree, 'merge')).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });

  it('round-trips: export (JSON and CSV) → import into an empty database → the same tree', async () => {
    const exported = await repo.loadTree();
    const other = await createTestDatabase();
    try {
      const otherRepo = new OrgRepository(other.dataSource);
      await otherRepo.importTree(parseOrgJson(serializeOrgJson(exported), 'export.json'), 'replace');
      expect(await otherRepo.loadTree()).toEqual(exported);
      const csv = serializeOrgCsv(exported);
      const fromCsv = parseOrgCsv({
        units: { name: 'units.csv', text: csv.units },
        contacts: { name: 'contacts.csv', text: csv.contacts },
        people: { name: 'people.csv', text: csv.people },
        memberships: { name: 'memberships.csv', text: csv.memberships },
      });
      const again = await otherRepo.importTree(fromCsv, 'replace');
      expect(again.units.unchanged + again.people.unchanged).toBe(
        exported.units.length + exported.people.length,
      );
      expect(await otherRepo.loadTree()).toEqual(exported);
    } finally {
      await other.drop();
    }
  });

  it('merge adds a cell under a stored unit and touches nothing else', async () => {
    const before = (await repo.loadTree()).units.length;
    const part: OrgTree = {
      units: [
        {
          id: 'CB-TD-LIM-HOAI-TRUNG',
          name: 'Chi bộ khu phố Hoài Trung',
          type: 'chi-bo',
          parentId: 'DBCS-TD-LIM',
          validFrom: '2021-01-01',
          validTo: null,
          contacts: [
            {
              name: 'Bí thư',
              email: 'chibo.hoaitrung@bacninh.example',
              role: 'head',
              language: 'vi',
              digest: true,
            },
          ],
        },
      ],
      people: [],
    };
    const result = await repo.importTree(part, 'merge');
    expect(result.units).toMatchObject({ inserted: 1, updated: 0, closed: [] });
    expect(result.people.deleted).toBe(0);
    const after = await repo.loadTree();
    expect(after.units).toHaveLength(before + 1);
    expect(after.people).toHaveLength(fixture.people.length);
    expect(after.units.find((u) => u.id === 'CB-TD-LIM-HOAI-TRUNG')?.contacts[0].digest).toBe(true);
  });

  it('replace closes absent units instead of deleting them, keeps mailed contacts and people named by deliverables', async () => {
    await db.dataSource.query(
      `INSERT INTO outbox (key, workflow_id, step, contact_id, recipient, subject, message_id, status)
       SELECT 'k1', 'wf', 'reminder-1', id, email, 's', 'm1@dondoc', 'sent' FROM contacts WHERE email = 'liaison.tiendu@bacninh.example'`,
    );
    await db.dataSource.query(
      `INSERT INTO deliverables (id, workflow_id, plan_id, obligation_id, unit_id, period, title, due_date, status, version, deadline_at)
       VALUES ('22-KH-TU:commitment-registration:DV-0010:2022', 'deliverable:x', '22-KH-TU', 'commitment-registration', 'DV-0010',
               '2022', 'Đăng ký', '2022-03-31', 'open', 1, '2022-03-31T17:00:00Z')`,
    );
    const smaller: OrgTree = {
      units: fixture.units
        .filter((u) => !u.id.includes('TU-SON') && !u.id.includes('TS-DONG-NGAN'))
        .map((u) =>
          u.id === 'HU-TIEN-DU' ? { ...u, contacts: u.contacts.filter((c) => c.role === 'head') } : u,
        ),
      people: fixture.people.filter((p) => !['DV-0009', 'DV-0010'].includes(p.id)),
    };
    const result = await repo.importTree(smaller, 'replace', { effectiveFrom: '2022-01-01' });
    expect(result.units.closed).toEqual([
      'CB-TD-LIM-HOAI-TRUNG',
      'CB-TP-TS-DONG-NGAN-KP1',
      'DBCS-TP-TS-DONG-NGAN',
      'TU-TP-TU-SON',
    ]);
    expect(result.units.closedLastDay).toBe('2021-12-31');
    expect(result.contacts).toMatchObject({ deleted: 0, keptBecauseMailed: 1 });
    expect(result.people).toMatchObject({ deleted: 1, keptBecauseReferenced: ['DV-0010'] });
    expect(result.notes).toHaveLength(3);
    const stored = await repo.loadTree();
    expect(stored.units.find((u) => u.id === 'TU-TP-TU-SON')).toMatchObject({ validTo: '2021-12-31' });
    // Already closed on 31/10/2021: left as it was.
    expect(stored.units.find((u) => u.id === 'TXU-TU-SON')).toMatchObject({ validTo: '2021-10-31' });
    expect(stored.people.map((p) => p.id)).toContain('DV-0010');
    expect(stored.people.map((p) => p.id)).not.toContain('DV-0009');
  });
});
