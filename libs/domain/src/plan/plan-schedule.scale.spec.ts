import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkingCalendar } from '@dondoc/calendar';
import type { OrgTree, OrgUnit, Person } from '../org/org.types';
import { expandPlan } from './plan-schedule';
import { unit } from './plan-test-helpers';
import { parsePlan } from './plan-validate';

/** A province-size tree (the benchmark default): 103 level-1, 1,500 grassroots, 8,000 cells, 156,000 members. */
function provinceTree(): OrgTree {
  const units: OrgUnit[] = [
    unit('TU-BAC-NINH', 'tinh-uy', null),
    unit('BTG-TU', 'ban-tuyen-giao', 'TU-BAC-NINH'),
    unit('BTV-TU', 'ban-thuong-vu', 'TU-BAC-NINH'),
  ];
  const people: Person[] = [];
  for (let i = 0; i < 103; i++) units.push(unit(`L1-${i}`, 'huyen-uy', 'TU-BAC-NINH'));
  for (let i = 0; i < 1500; i++) units.push(unit(`L2-${i}`, 'dang-bo-co-so', `L1-${i % 103}`));
  for (let i = 0; i < 8000; i++) units.push(unit(`L3-${i}`, 'chi-bo', `L2-${i % 1500}`));
  for (let i = 0; i < 156_000; i++)
    people.push({
      id: `DV-${i}`,
      name: `DV ${i}`,
      email: null,
      kind: 'party-member',
      language: 'vi',
      memberships: [{ unitId: `L3-${i % 8000}`, role: 'member', validFrom: '2020-01-01', validTo: null }],
    });
  return { units, people };
}

describe('expandPlan at province scale', () => {
  it('expands 22-KH/TU over 156,000 members and ~9,600 units for the whole term in seconds, not hours', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../../../plans/22-KH-TU.yaml'), 'utf8');
    const plan = parsePlan(text, '22-KH-TU.yaml');
    const tree = provinceTree();
    const started = Date.now();
    const rows = expandPlan(plan, tree, {
      issued: '2021-08-13',
      until: '2025-12-31',
      calendar: new WorkingCalendar(),
    });
    const elapsed = Date.now() - started;
    // 156,000 members × 4 registrations (2022-2025) dominate; a quadratic lookup would take hours.
    expect(rows.filter((r) => r.obligationId === 'commitment-registration')).toHaveLength(624_000);
    expect(rows.filter((r) => r.obligationId === 'grassroots-plan')).toHaveLength(1500);
    expect(rows.filter((r) => r.obligationId === 'thematic-session')).toHaveLength(8000 * 18);
    expect(elapsed).toBeLessThan(20_000);
  });
});
