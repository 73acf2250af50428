import type { OrgTree, OrgUnit, Person } from '../org/org.types';
import type { UnitType } from '../org/unit-type';
import type { PlanDefinition, PlanObligation } from './plan.types';

// Small in-memory plans and org trees for the specs: each test states only what it is about.

export function unit(
  id: string,
  type: UnitType,
  parentId: string | null,
  validFrom = '2020-01-01',
  validTo: string | null = null,
): OrgUnit {
  return { id, name: id, type, parentId, validFrom, validTo, contacts: [] };
}

export function member(
  id: string,
  cellId: string,
  validFrom = '2020-01-01',
  validTo: string | null = null,
): Person {
  return {
    id,
    name: id,
    email: null,
    kind: 'party-member',
    language: 'vi',
    memberships: [{ unitId: cellId, role: 'member', validFrom, validTo }],
  };
}

/** TU with BTG and BTV; two districts (one dissolved 31/10/2021, its successor from 1/11/2021); grassroots and cells. */
export function smallOrg(): OrgTree {
  return {
    units: [
      unit('TU', 'tinh-uy', null),
      unit('BTG', 'ban-tuyen-giao', 'TU'),
      unit('BTV', 'ban-thuong-vu', 'TU'),
      unit('HU-A', 'huyen-uy', 'TU'),
      unit('TXU-OLD', 'thi-uy', 'TU', '2020-01-01', '2021-10-31'),
      unit('TPU-NEW', 'thanh-uy', 'TU', '2021-11-01'),
      unit('PRESS', 'co-quan-bao-chi', 'TU'),
      unit('DBCS-A1', 'dang-bo-co-so', 'HU-A'),
      unit('CBCS-A2', 'chi-bo-co-so', 'HU-A'),
      unit('CB-A1-X', 'chi-bo', 'DBCS-A1'),
      unit('DBCS-OLD', 'dang-bo-co-so', 'TXU-OLD', '2020-01-01', '2021-10-31'),
      unit('DBCS-NEW', 'dang-bo-co-so', 'TPU-NEW', '2021-11-01'),
    ],
    people: [member('P1', 'CB-A1-X'), member('P2', 'CBCS-A2'), member('P3', 'CB-A1-X', '2023-01-01')],
  };
}

export function obligation(id: string, fields: Partial<PlanObligation> = {}): PlanObligation {
  return {
    id,
    title: { vi: id, en: id },
    clause: `clause of ${id}`,
    assignees: { kind: 'unit-types', unitTypes: ['huyen-uy', 'thi-uy', 'thanh-uy'] },
    collector: { kind: 'unit', unit: 'BTG' },
    recurrence: 'once',
    due: { kind: 'after-issuance', days: 30, dayKind: 'calendar' },
    requiredContents: [],
    ...fields,
  };
}

export function plan(obligations: PlanObligation[], fields: Partial<PlanDefinition> = {}): PlanDefinition {
  return {
    format: 'dondoc-plan/1',
    id: 'T-1',
    number: 'T/1',
    issuer: 'TU',
    issueDate: '2021-08-13',
    title: { vi: 'Kế hoạch thử', en: 'Test plan' },
    term: { name: { vi: 'Nhiệm kỳ', en: 'Term' }, start: '2021-02-01', end: '2025-12-31' },
    defaults: {
      reminders: { offsets: [10, 5, 3, 1, 0], dayKind: 'working' },
      escalation: { levels: [{ afterWorkingDays: 1, notify: ['head'] }], repeatEveryDays: 7 },
    },
    obligations,
    ...fields,
  };
}
