import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkingCalendar } from '@dondoc/calendar';
import { expandPlan, parseOrgJson, PlanDefinition } from '@dondoc/domain';

export const FIXTURE_ORG = path.join(__dirname, '../plans/org/bac-ninh-2021.json');
const ROOT = 'TU-BAC-NINH';

/**
 * Added units, repeated: three level-1 committees and a grassroots cell under the district committee,
 * about the fixture's own mix (22 level-1 committees to 9 cells), so the load per unit stays alike.
 */
const PATTERN = ['huyen-uy', 'chi-bo-co-so', 'dang-doan', 'ban-can-su-dang'] as const;

interface OrgFile {
  units: { id: string; type: string; parentId: string | null }[];
  [key: string]: unknown;
}

/**
 * Units that owe a deliverable in a run without behaviour: their own dated rows only. The cascade
 * (grassroots-plan) waits for an accepted parent and per-person rows are people, not units.
 */
export function owingUnits(plan: PlanDefinition, orgJson: string, issued: string, until: string): number {
  const org = parseOrgJson(orgJson, 'org');
  const rows = expandPlan(plan, org, { issued, until, calendar: new WorkingCalendar() });
  const cascade = new Set(
    plan.obligations.filter((o) => o.due?.kind === 'after-parent-acceptance').map((o) => o.id),
  );
  return new Set(
    rows
      .filter((r) => r.assigneeKind === 'unit' && r.dueDate !== null && !cascade.has(r.obligationId))
      .map((r) => r.assignee),
  ).size;
}

/**
 * The Bắc Ninh fixture plus generated units (PATTERN) until `owing` units owe deliverables; returns the
 * org file's text (dondoc-org/1) and its sizes. Each added unit has one head contact, as most of the
 * fixture's do.
 */
export function buildSimulationOrg(
  plan: PlanDefinition,
  owing: number,
  range: { issued: string; until: string },
): { json: string; units: number; added: number; owingUnits: number } {
  const file = JSON.parse(fs.readFileSync(FIXTURE_ORG, 'utf8')) as OrgFile;
  const base = owingUnits(plan, JSON.stringify(file), range.issued, range.until);
  let district = '';
  const added = Math.max(0, owing - base);
  for (let i = 0; i < added; i++) {
    const type = PATTERN[i % PATTERN.length];
    const n = String(i + 1).padStart(3, '0');
    const id = `SIM-${type.toUpperCase()}-${n}`;
    if (type === 'huyen-uy') district = id;
    file.units.push({
      id,
      name: `Đơn vị mô phỏng ${n} (${type})`,
      type,
      parentId: type === 'chi-bo-co-so' ? district : ROOT,
      validFrom: '2020-09-25',
      validTo: null,
      contacts: [
        {
          name: `Văn phòng ${n}`,
          email: `vanphong.sim${n}@bacninh.example`,
          role: 'head',
          language: 'vi',
          digest: false,
        },
      ],
    } as OrgFile['units'][number]);
  }
  const json = JSON.stringify(file, null, 2);
  return {
    json,
    units: file.units.length,
    added,
    owingUnits: owingUnits(plan, json, range.issued, range.until),
  };
}
