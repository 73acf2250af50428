import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseOrgCsv, serializeOrgCsv, OrgCsvFiles } from './org-csv';
import { parseOrgJson } from './org-json';
import { problemsOf } from './org-test-helpers';

const FIXTURE = path.resolve(__dirname, '../../../../plans/org/bac-ninh-2021.json');
const fixture = parseOrgJson(fs.readFileSync(FIXTURE, 'utf8'), 'bac-ninh-2021.json');

const UNITS = [
  'id,name,type,parent_id,valid_from,valid_to',
  'TU-BAC-NINH,Tỉnh ủy Bắc Ninh,tinh-uy,,2020-09-25,',
  'HU-TIEN-DU,Huyện ủy Tiên Du,huyen-uy,TU-BAC-NINH,2020-09-25,',
  'DBCS-LIM,Đảng bộ thị trấn Lim,dang-bo-co-so,HU-TIEN-DU,2020-09-25,',
  'CB-LIM-1,"Chi bộ khu phố 1, thị trấn Lim",chi-bo,DBCS-LIM,2020-09-25,',
].join('\n');
const CONTACTS =
  'unit_id,name,email,role,language,digest\nHU-TIEN-DU,Văn phòng,vp@tiendu.example,head,vi,false\n';
const PEOPLE = 'id,name,email,kind,language\nDV-1,Nguyễn Văn An,,party-member,en\n';
const MEMBERSHIPS = 'person_id,unit_id,role,valid_from,valid_to\nDV-1,CB-LIM-1,secretary,2021-01-01,\n';

function files(overrides: Partial<Record<keyof OrgCsvFiles, string>> = {}): OrgCsvFiles {
  return {
    units: { name: 'units.csv', text: overrides.units ?? UNITS },
    contacts: { name: 'contacts.csv', text: overrides.contacts ?? CONTACTS },
    people: { name: 'people.csv', text: overrides.people ?? PEOPLE },
    memberships: { name: 'memberships.csv', text: overrides.memberships ?? MEMBERSHIPS },
  };
}
const where = (f: OrgCsvFiles) =>
  problemsOf(() => parseOrgCsv(f)).map((p) => `${p.file}: ${p.location} (${p.field ?? ''})`);

describe('parseOrgCsv', () => {
  it('reads the four files into one tree (empty cells are null or the default)', () => {
    const tree = parseOrgCsv(files());
    expect(tree.units[0]).toMatchObject({ parentId: null, validTo: null, contacts: [] });
    expect(tree.units[1].contacts).toEqual([
      { name: 'Văn phòng', email: 'vp@tiendu.example', role: 'head', language: 'vi', digest: false },
    ]);
    expect(tree.units[3].name).toBe('Chi bộ khu phố 1, thị trấn Lim');
    expect(tree.people).toEqual([
      {
        id: 'DV-1',
        name: 'Nguyễn Văn An',
        email: null,
        kind: 'party-member',
        language: 'en',
        memberships: [{ unitId: 'CB-LIM-1', role: 'secretary', validFrom: '2021-01-01', validTo: null }],
      },
    ]);
  });

  it('round-trips the Bắc Ninh fixture through its four CSV files, header rows first', () => {
    const csv = serializeOrgCsv(fixture);
    expect(csv.units.split('\n')[0]).toBe('id,name,type,parent_id,valid_from,valid_to');
    expect(csv.contacts.split('\n')[0]).toBe('unit_id,name,email,role,language,digest');
    expect(csv.people.split('\n')[0]).toBe('id,name,email,kind,language');
    expect(csv.memberships.split('\n')[0]).toBe('person_id,unit_id,role,valid_from,valid_to');
    const back = parseOrgCsv({
      units: { name: 'units.csv', text: csv.units },
      contacts: { name: 'contacts.csv', text: csv.contacts },
      people: { name: 'people.csv', text: csv.people },
      memberships: { name: 'memberships.csv', text: csv.memberships },
    });
    expect(back).toEqual(fixture);
  });

  it('accepts columns in any order and a byte-order mark (as spreadsheets write them)', () => {
    const units =
      '\uFEFFname,id,type,valid_from,valid_to,parent_id\nTỉnh ủy Bắc Ninh,TU-BAC-NINH,tinh-uy,2020-09-25,,\n';
    expect(parseOrgCsv({ units: { name: 'u.csv', text: units } }).units[0].id).toBe('TU-BAC-NINH');
  });

  it('refuses unknown, missing and repeated columns in the header row', () => {
    const units = 'id,name,kind,type,parent_id,valid_from,valid_from\n';
    expect(problemsOf(() => parseOrgCsv({ units: { name: 'units.csv', text: units } }))).toEqual([
      {
        file: 'units.csv',
        location: 'row 1',
        field: 'kind',
        reason: expect.stringMatching(/^unknown column/),
      },
      { file: 'units.csv', location: 'row 1', field: 'valid_from', reason: 'column appears twice' },
      { file: 'units.csv', location: 'row 1', field: 'valid_to', reason: 'missing column' },
    ]);
  });

  it('names the file, row and column of each bad cell, in every file at once', () => {
    const units = UNITS.replace('huyen-uy,TU-BAC-NINH', 'huyen,TU-BAC-NINH').replace(
      'chi-bo,DBCS-LIM,2020-09-25',
      'chi-bo,DBCS-LIM,2020-13-01',
    );
    const contacts = `${CONTACTS}HU-TIEN-DU,Officer,officer@,officer,fr,maybe\nHU-KHONG-CO,X,x@x.example,head,vi,\n`;
    const people = `${PEOPLE}DV-1,Trùng,,cadre,vi\n`;
    const memberships = `${MEMBERSHIPS}DV-9,CB-LIM-1,member,2021-01-01,\nDV-1,CB-KHONG-CO,member,2021-01-01,\n`;
    expect(where(files({ units, contacts, people, memberships }))).toEqual([
      'units.csv: row 3 (type)',
      'units.csv: row 5 (valid_from)',
      'contacts.csv: row 3 (email)',
      'contacts.csv: row 3 (language)',
      'contacts.csv: row 3 (digest)',
      'contacts.csv: row 4 (unit_id)',
      'memberships.csv: row 3 (person_id)',
      'people.csv: row 3 (id)',
      'memberships.csv: row 4 (unit_id)',
    ]);
  });

  it('refuses a cell directly under the province, a dangling parent and a cycle, by row', () => {
    const units = [
      'id,name,type,parent_id,valid_from,valid_to',
      'TU-BAC-NINH,Tỉnh ủy,tinh-uy,,2020-09-25,',
      'CB-1,Chi bộ,chi-bo,TU-BAC-NINH,2020-09-25,',
      'HU-1,Huyện ủy,huyen-uy,TU-KHONG-CO,2020-09-25,',
      'DBCS-A,A,dang-bo-co-so,CB-B,2020-09-25,',
      'CB-B,B,chi-bo,DBCS-A,2020-09-25,',
    ].join('\n');
    const problems = problemsOf(() => parseOrgCsv({ units: { name: 'units.csv', text: units } }));
    expect(problems.map((p) => `${p.location} ${p.field}: ${p.reason}`)).toEqual([
      expect.stringMatching(/^row 3 parent_id: a chi-bo \(level 3\) cannot be under "TU-BAC-NINH"/),
      'row 4 parent_id: no unit with id "TU-KHONG-CO"',
      expect.stringMatching(/^row 5 parent_id: a dang-bo-co-so \(level 2\) cannot be under "CB-B"/),
      'row 5 parent_id: the parent chain loops back to itself: DBCS-A → CB-B → DBCS-A',
    ]);
  });

  it('counts rows as lines of the file, also after a quoted cell that spans two lines', () => {
    const units = `${UNITS.split('\n').slice(0, 2).join('\n')}\nHU-1,"Huyện ủy\nTiên Du",huyen-uy,TU-BAC-NINH,2020-09-25,\nHU-2,Huyện ủy,huyen,TU-BAC-NINH,2020-09-25,\n`;
    expect(where({ units: { name: 'units.csv', text: units } })).toEqual(['units.csv: row 5 (type)']);
  });

  it('refuses rows with a wrong number of cells and broken quoting', () => {
    const units = `${UNITS}\nHU-2,Huyện ủy,huyen-uy\n`;
    expect(problemsOf(() => parseOrgCsv({ units: { name: 'units.csv', text: units } }))).toEqual([
      { file: 'units.csv', location: 'row 6', reason: 'has 3 cells, the header has 6' },
    ]);
    const broken = `${UNITS}\nHU-2,"Huyện ủy,huyen-uy,TU-BAC-NINH,2020-09-25,\n`;
    const [p] = problemsOf(() => parseOrgCsv({ units: { name: 'units.csv', text: broken } }));
    expect(p).toMatchObject({ file: 'units.csv', location: 'row 7' });
    expect(p.reason).toMatch(/^not valid CSV: Quote Not Closed/);
  });

  it('refuses an empty units file', () => {
    expect(where({ units: { name: 'units.csv', text: '' } })).toEqual(['units.csv: row 1 ()']);
  });
});
