import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseOrgJson } from './org-json';
import { childrenOf, levelOf, membersOn, unitsActiveOn } from './org-queries';

const FIXTURE = path.resolve(__dirname, '../../../../plans/org/bac-ninh-2021.json');
const tree = parseOrgJson(fs.readFileSync(FIXTURE, 'utf8'), 'bac-ninh-2021.json');
const ids = (units: { id: string }[]) => units.map((u) => u.id);

describe('org queries on the Bắc Ninh fixture (Từ Sơn becomes a city on 1/11/2021)', () => {
  it('the plan date 13/8/2021 sees the Thị ủy Từ Sơn, not yet the Thành ủy', () => {
    const active = ids(unitsActiveOn(tree, '2021-08-13'));
    expect(active).toContain('TXU-TU-SON');
    expect(active).not.toContain('TU-TP-TU-SON');
  });

  it('31/10/2021 is the Thị ủy’s last day (validTo inclusive); 1/11/2021 is the Thành ủy’s first', () => {
    expect(ids(unitsActiveOn(tree, '2021-10-31'))).toContain('TXU-TU-SON');
    const after = ids(unitsActiveOn(tree, '2021-11-01'));
    expect(after).toContain('TU-TP-TU-SON');
    expect(after).not.toContain('TXU-TU-SON');
  });

  it('has the eight district-level committees of 2021 under the province on 13/8/2021', () => {
    const districts = childrenOf(tree, 'TU-BAC-NINH', '2021-08-13').filter((u) =>
      ['huyen-uy', 'thi-uy', 'thanh-uy'].includes(u.type),
    );
    expect(ids(districts).sort()).toEqual(
      [
        'HU-GIA-BINH',
        'HU-LUONG-TAI',
        'HU-QUE-VO',
        'HU-THUAN-THANH',
        'HU-TIEN-DU',
        'HU-YEN-PHONG',
        'TU-TP-BAC-NINH',
        'TXU-TU-SON',
      ].sort(),
    );
  });

  it('childrenOf without a date includes units of every period', () => {
    expect(ids(childrenOf(tree, 'TU-BAC-NINH'))).toEqual(
      expect.arrayContaining(['TXU-TU-SON', 'TU-TP-TU-SON']),
    );
  });

  it('levelOf follows the unit type', () => {
    expect([
      levelOf(tree, 'TU-BAC-NINH'),
      levelOf(tree, 'HU-TIEN-DU'),
      levelOf(tree, 'DBCS-TD-LIM'),
      levelOf(tree, 'CB-TD-LIM-LUNG-GIANG'),
    ]).toEqual([0, 1, 2, 3]);
    expect(levelOf(tree, 'NO-SUCH-UNIT')).toBeUndefined();
  });

  it('a member of a reorganised cell moves to the new cell on the day of the change', () => {
    expect(membersOn(tree, 'CB-TX-TS-DONG-NGAN-KP1', '2021-10-31').map((m) => m.person.id)).toEqual([
      'DV-0009',
      'DV-0010',
    ]);
    expect(membersOn(tree, 'CB-TX-TS-DONG-NGAN-KP1', '2021-11-01')).toEqual([]);
    expect(membersOn(tree, 'CB-TP-TS-DONG-NGAN-KP1', '2021-11-01').map((m) => m.membership.role)).toEqual([
      'secretary',
      'member',
    ]);
  });
});
