import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputRejectedException } from '../input-problem';
import { parseOrgJson, serializeOrgJson } from './org-json';
import { problemsOf } from './org-test-helpers';

const FIXTURE = path.resolve(__dirname, '../../../../plans/org/bac-ninh-2021.json');
const fixtureText = fs.readFileSync(FIXTURE, 'utf8');

/** A valid minimal file; each test breaks one thing in it. */
function minimalDoc() {
  return {
    format: 'dondoc-org/1',
    units: [
      {
        id: 'TU-BAC-NINH',
        name: 'Tỉnh ủy Bắc Ninh',
        type: 'tinh-uy',
        parentId: null,
        validFrom: '2020-09-25',
        validTo: null,
        contacts: [
          { name: 'Văn phòng', email: 'vp@bacninh.example', role: 'head', language: 'vi', digest: false },
        ],
      },
      {
        id: 'HU-TIEN-DU',
        name: 'Huyện ủy Tiên Du',
        type: 'huyen-uy',
        parentId: 'TU-BAC-NINH',
        validFrom: '2020-09-25',
        validTo: null,
        contacts: [],
      },
      {
        id: 'DBCS-LIM',
        name: 'Đảng bộ thị trấn Lim',
        type: 'dang-bo-co-so',
        parentId: 'HU-TIEN-DU',
        validFrom: '2020-09-25',
        validTo: null,
        contacts: [],
      },
      {
        id: 'CB-LIM-1',
        name: 'Chi bộ khu phố 1',
        type: 'chi-bo',
        parentId: 'DBCS-LIM',
        validFrom: '2020-09-25',
        validTo: null,
        contacts: [],
      },
    ] as Record<string, unknown>[],
    people: [
      {
        id: 'DV-1',
        name: 'Nguyễn Văn An',
        email: null,
        kind: 'party-member',
        language: 'vi',
        memberships: [{ unitId: 'CB-LIM-1', role: 'member', validFrom: '2021-01-01', validTo: null }],
      },
    ] as Record<string, unknown>[],
  };
}

const parse = (doc: unknown) => parseOrgJson(JSON.stringify(doc), 'org.json');
const reasonsAt = (doc: unknown) => problemsOf(() => parse(doc)).map((p) => `${p.location} ${p.reason}`);

describe('parseOrgJson: the shipped Bắc Ninh 2021 fixture', () => {
  const tree = parseOrgJson(fixtureText, 'bac-ninh-2021.json');

  it('is valid and has the province, its bodies and the level-1 units of 2021', () => {
    const ids = tree.units.map((u) => u.id);
    expect(ids).toEqual(
      expect.arrayContaining(['TU-BAC-NINH', 'BTV-TU', 'BTG-TU', 'HU-TIEN-DU', 'TU-TP-BAC-NINH']),
    );
    expect(tree.units.every((u) => u.contacts.some((c) => c.role === 'head'))).toBe(true);
    expect(tree.people.length).toBeGreaterThan(5);
  });

  it('serialises back to an equal tree', () => {
    expect(parseOrgJson(serializeOrgJson(tree), 'again.json')).toEqual(tree);
  });
});

describe('parseOrgJson: refusals name the file, the JSON pointer, the field and the reason', () => {
  it('accepts the minimal document (the baseline of the tests below)', () => {
    expect(parse(minimalDoc()).units).toHaveLength(4);
  });

  it('refuses text that is not JSON', () => {
    const [p] = problemsOf(() => parseOrgJson('{"units": [', 'broken.json'));
    expect(p).toMatchObject({ file: 'broken.json', location: '/' });
    expect(p.reason).toMatch(/not valid JSON/);
  });

  it('refuses a wrong format marker and a missing units array', () => {
    expect(reasonsAt({ format: 'other' })).toEqual([
      '/format must be "dondoc-org/1", got "other"',
      '/units is required (an array)',
    ]);
  });

  it('refuses unknown fields at every level', () => {
    const doc = minimalDoc();
    Object.assign(doc, { extra: 1 });
    doc.units[1].parent = 'TU-BAC-NINH';
    (doc.units[0].contacts as Record<string, unknown>[])[0].phone = '0222';
    (doc.people[0].memberships as Record<string, unknown>[])[0].since = '2021';
    const problems = problemsOf(() => parse(doc));
    expect(problems.map((p) => [p.location, p.field])).toEqual([
      ['/extra', 'extra'],
      ['/units/0/contacts/0/phone', 'phone'],
      ['/units/1/parent', 'parent'],
      ['/people/0/memberships/0/since', 'since'],
    ]);
    expect(problems[0].reason).toMatch(/unknown field/);
  });

  it('refuses an unknown unit type and a bad id (whose children then have no parent)', () => {
    const doc = minimalDoc();
    doc.units[1].type = 'huyen-uy-moi';
    doc.units[2].id = 'has space';
    expect(reasonsAt(doc)).toEqual([
      expect.stringMatching(/^\/units\/1\/type must be one of tinh-uy, .*got "huyen-uy-moi"$/),
      expect.stringMatching(/^\/units\/2\/id must be 1-80 characters/),
      '/units/3/parentId no unit with id "DBCS-LIM"',
    ]);
  });

  it('refuses duplicate ids, pointing at the first', () => {
    const doc = minimalDoc();
    doc.units.push({ ...doc.units[1], name: 'Huyện ủy Tiên Du (bản sao)' });
    expect(reasonsAt(doc)).toEqual(['/units/4/id duplicate unit id "HU-TIEN-DU" (first at /units/1/id)']);
  });

  it('refuses a parent that does not exist', () => {
    const doc = minimalDoc();
    doc.units[2].parentId = 'HU-KHONG-CO';
    expect(problemsOf(() => parse(doc))).toEqual([
      {
        file: 'org.json',
        location: '/units/2/parentId',
        field: 'parentId',
        reason: 'no unit with id "HU-KHONG-CO"',
      },
    ]);
  });

  it('refuses a cycle in the parent chain', () => {
    const doc = minimalDoc();
    doc.units.push(
      {
        id: 'DBCS-A',
        name: 'A',
        type: 'dang-bo-co-so',
        parentId: 'CB-B',
        validFrom: '2021-01-01',
        validTo: null,
        contacts: [],
      },
      {
        id: 'CB-B',
        name: 'B',
        type: 'chi-bo',
        parentId: 'DBCS-A',
        validFrom: '2021-01-01',
        validTo: null,
        contacts: [],
      },
    );
    expect(reasonsAt(doc)).toContain(
      '/units/4/parentId the parent chain loops back to itself: DBCS-A → CB-B → DBCS-A',
    );
  });

  it('refuses a unit that is its own parent', () => {
    const doc = minimalDoc();
    doc.units[3].parentId = 'CB-LIM-1';
    expect(reasonsAt(doc)).toEqual([
      '/units/3/parentId the parent chain loops back to itself: CB-LIM-1 → CB-LIM-1',
    ]);
  });

  it('refuses a child valid outside its parent', () => {
    const doc = minimalDoc();
    doc.units[1].validTo = '2021-10-31';
    doc.units[2].validFrom = '2019-01-01';
    expect(reasonsAt(doc)).toEqual([
      '/units/2/validFrom 2019-01-01 is before its parent "HU-TIEN-DU" exists (from 2020-09-25)',
      '/units/2/validTo open end is after its parent "HU-TIEN-DU" ends (2021-10-31); set validTo on or before that date',
    ]);
  });

  it('refuses a parent of the wrong level (a cell directly under the province) and a second root', () => {
    const doc = minimalDoc();
    doc.units[3].parentId = 'TU-BAC-NINH';
    doc.units[1].parentId = null;
    expect(reasonsAt(doc)).toEqual([
      '/units/1/parentId is required: a huyen-uy must be under a tinh-uy',
      '/units/3/parentId a chi-bo (level 3) cannot be under "TU-BAC-NINH", a tinh-uy (level 0); its parent must be a dang-bo-co-so',
    ]);
  });

  it('refuses invalid dates and validFrom after validTo', () => {
    const doc = minimalDoc();
    doc.units[1].validFrom = '2021-02-30';
    doc.units[2].validTo = '2020-01-01';
    doc.units[3].validFrom = '13/8/2021';
    expect(problemsOf(() => parse(doc)).map((p) => `${p.location}: ${p.reason}`)).toEqual([
      '/units/1/validFrom: must be a calendar date YYYY-MM-DD, got "2021-02-30"',
      '/units/2/validTo: 2020-01-01 is before validFrom 2020-09-25',
      '/units/3/validFrom: must be a calendar date YYYY-MM-DD, got "13/8/2021"',
    ]);
  });

  it('refuses a bad email, a language other than vi/en and a duplicate contact', () => {
    const doc = minimalDoc();
    const contacts = doc.units[0].contacts as Record<string, unknown>[];
    contacts.push({ name: 'Officer', email: 'not-an-email', role: 'officer', language: 'fr' });
    contacts.push({ name: 'Again', email: 'VP@bacninh.example', role: 'officer' });
    doc.people[0].email = 'an@';
    expect(problemsOf(() => parse(doc)).map((p) => [p.location, p.field])).toEqual([
      ['/units/0/contacts/1/email', 'email'],
      ['/units/0/contacts/1/language', 'language'],
      ['/people/0/email', 'email'],
      ['/units/0/contacts/2/email', 'email'],
    ]);
  });

  it('refuses a membership in an unknown unit, or outside the unit validity', () => {
    const doc = minimalDoc();
    doc.units[3].validTo = '2021-10-31';
    doc.units[2].validTo = '2021-10-31';
    doc.people[0].memberships = [
      { unitId: 'CB-KHONG-CO', validFrom: '2021-01-01' },
      { unitId: 'CB-LIM-1', validFrom: '2021-01-01', validTo: null },
    ];
    expect(reasonsAt(doc)).toEqual([
      '/people/0/memberships/0/unitId no unit with id "CB-KHONG-CO"',
      '/people/0/memberships/1/validTo open end is after its unit "CB-LIM-1" ends (2021-10-31); set validTo on or before that date',
    ]);
  });

  it('reports every problem at once, and the exception message lists them one per line', () => {
    const doc = minimalDoc();
    doc.units[1].type = 'x';
    doc.units[2].validFrom = 'x';
    doc.people[0].kind = 'x';
    let error: unknown;
    try {
      parse(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputRejectedException);
    const message = (error as Error).message.split('\n');
    expect(message[0]).toBe('3 problem(s):');
    expect(message[1]).toMatch(/^org\.json: \/units\/1\/type \(type\): must be one of/);
  });

  it('stores names in NFC whether they arrive precomposed or with combining marks', () => {
    const doc = minimalDoc();
    const decomposed = 'Huyện ủy Tiên Du'.normalize('NFD');
    doc.units[1].name = `  ${decomposed} `;
    expect(decomposed).not.toBe('Huyện ủy Tiên Du');
    const tree = parse(doc);
    expect(tree.units[1].name).toBe('Huyện ủy Tiên Du'.normalize('NFC'));
    expect(tree.units[1].name).toBe(minimalDoc().units[1].name);
  });

  it('applies defaults for optional fields', () => {
    const doc = minimalDoc();
    doc.units[1] = {
      id: 'HU-TIEN-DU',
      name: 'Huyện ủy Tiên Du',
      type: 'huyen-uy',
      parentId: 'TU-BAC-NINH',
      validFrom: '2020-09-25',
    };
    doc.units[1].contacts = [{ name: 'VP', email: 'vp@tiendu.example', role: 'head' }];
    doc.people[0] = { id: 'DV-1', name: 'An', kind: 'cadre' };
    const tree = parse(doc);
    expect(tree.units[1]).toMatchObject({ validTo: null, contacts: [{ language: 'vi', digest: false }] });
    expect(tree.people[0]).toEqual({
      id: 'DV-1',
      name: 'An',
      email: null,
      kind: 'cadre',
      language: 'vi',
      memberships: [],
    });
  });
});

describe('parseOrgJson with stored units (a merge import of part of the tree)', () => {
  const stored = parse(minimalDoc()).units;
  const cellUnderStored = {
    format: 'dondoc-org/1',
    units: [
      {
        id: 'CB-LIM-2',
        name: 'Chi bộ khu phố 2',
        type: 'chi-bo',
        parentId: 'DBCS-LIM',
        validFrom: '2021-01-01',
      },
    ],
  };

  it('refuses a parent that exists only in the database when not told about it', () => {
    expect(reasonsAt(cellUnderStored)).toEqual(['/units/0/parentId no unit with id "DBCS-LIM"']);
  });

  it('accepts it with the stored units as context, and still checks level and validity against them', () => {
    expect(
      parseOrgJson(JSON.stringify(cellUnderStored), 'part.json', { existingUnits: stored }).units,
    ).toHaveLength(1);
    const wrong = {
      ...cellUnderStored,
      units: [{ ...cellUnderStored.units[0], parentId: 'HU-TIEN-DU', validFrom: '2019-01-01' }],
    };
    expect(
      problemsOf(() => parseOrgJson(JSON.stringify(wrong), 'part.json', { existingUnits: stored })).map(
        (p) => p.field,
      ),
    ).toEqual(['parentId', 'validFrom']);
  });
});
