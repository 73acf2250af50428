import { WorkingCalendar } from '@dondoc/calendar';
import { PlanRejectedException } from './plan-problems';
import { expandPlan, ExpandOptions } from './plan-schedule';
import { member, obligation, plan, smallOrg, unit } from './plan-test-helpers';
import type { PlanObligation } from './plan.types';
import type { ScheduledDeliverable } from './scheduled-deliverable';

const calendar = new WorkingCalendar();
const options: ExpandOptions = { issued: '2021-08-13', calendar };

function expand(obligations: PlanObligation[], extra: Partial<ExpandOptions> = {}) {
  return expandPlan(plan(obligations), smallOrg(), { ...options, ...extra });
}

function brief(rows: ScheduledDeliverable[]) {
  return rows.map((r) => `${r.obligationId} ${r.assignee} ${r.period} ${r.dueDate} → ${r.collector}`);
}

describe('expandPlan: due rules and recurrences', () => {
  it('after-issuance, calendar days: 13/8/2021 + 30 = Sunday 12/9, rolled to Monday 13/9 (art. 148)', () => {
    expect(brief(expand([obligation('plan')]))).toEqual([
      'plan HU-A term 2021-09-13 → BTG',
      'plan TXU-OLD term 2021-09-13 → BTG',
    ]);
  });

  it('after-issuance, working days: 10 working days after Friday 13/8/2021 is Friday 27/8', () => {
    const rows = expand([
      obligation('plan', { due: { kind: 'after-issuance', days: 10, dayKind: 'working' } }),
    ]);
    expect(rows.map((r) => r.dueDate)).toEqual(['2021-08-27', '2021-08-27']);
  });

  it('yearly-date: one period per year of the term; 2021 is skipped (31/3 is before issuance); 31/3/2024 is a Sunday', () => {
    const rows = expand([
      obligation('yearly', {
        recurrence: 'yearly',
        due: { kind: 'yearly-date', month: 3, day: 31 },
        assignees: { kind: 'units', units: ['HU-A'] },
      }),
    ]);
    expect(rows.map((r) => `${r.period} ${r.dueDate}`)).toEqual([
      '2022 2022-03-31',
      '2023 2023-03-31',
      '2024 2024-04-01',
      '2025 2025-03-31',
    ]);
  });

  it('end-of-quarter: every quarter from the issuance quarter to the end of the term, never due on a day off', () => {
    const rows = expand([
      obligation('session', {
        recurrence: 'quarterly',
        due: { kind: 'end-of-quarter' },
        assignees: { kind: 'units', units: ['HU-A'] },
      }),
    ]);
    expect(rows).toHaveLength(18);
    expect(rows[0]).toMatchObject({ period: '2021-Q3', dueDate: '2021-09-30' });
    expect(rows[1]).toMatchObject({ period: '2021-Q4', dueDate: '2021-12-31' });
    // 30/6/2024 is a Sunday; 31/12/2022 a Saturday.
    expect(rows.find((r) => r.period === '2024-Q2')?.dueDate).toBe('2024-07-01');
    expect(rows.find((r) => r.period === '2022-Q4')?.dueDate).toBe('2023-01-03');
    expect(rows.at(-1)).toMatchObject({ period: '2025-Q4', dueDate: '2025-12-31' });
    for (const r of rows) expect(calendar.isWorkingDay(r.dueDate!)).toBe(true);
  });

  it('after-obligation-due: counted period by period from the deadline of the other obligation', () => {
    const report = obligation('report', {
      recurrence: 'yearly',
      due: { kind: 'yearly-date', month: 11, day: 15 },
    });
    const summary = obligation('summary', {
      recurrence: 'yearly',
      due: { kind: 'after-obligation-due', obligation: 'report', days: 20, dayKind: 'calendar' },
      assignees: { kind: 'unit-types', unitTypes: ['ban-tuyen-giao'] },
      collector: { kind: 'unit', unit: 'BTV' },
    });
    // Listed before the obligation it counts from: the expansion orders them itself.
    const rows = expand([summary, report]).filter((r) => r.obligationId === 'summary');
    expect(brief(rows)).toEqual([
      'summary BTG 2021 2021-12-06 → BTV', // 15/11 + 20 = Sunday 5/12
      'summary BTG 2022 2022-12-05 → BTV',
      'summary BTG 2023 2023-12-05 → BTV',
      'summary BTG 2024 2024-12-05 → BTV',
      'summary BTG 2025 2025-12-08 → BTV', // 15/11/2025 is a Saturday: 17/11 + 20 = Sunday 7/12
    ]);
  });

  it('term-relative (start year + 3, 30/4 → holidays 30/4–1/5/2024 → 2/5) and anchored at the end; fixed-date', () => {
    const only = { assignees: { kind: 'units' as const, units: ['HU-A'] } };
    const rows = expand([
      obligation('review3', {
        ...only,
        due: { kind: 'term-relative', anchor: 'start', years: 3, month: 4, day: 30 },
      }),
      obligation('final', {
        ...only,
        due: { kind: 'term-relative', anchor: 'end', years: 0, month: 10, day: 31 },
      }),
      obligation('fixed', { ...only, due: { kind: 'fixed-date', date: '2023-02-04' } }),
    ]);
    expect(rows.map((r) => `${r.obligationId} ${r.period} ${r.dueDate}`)).toEqual([
      'fixed term 2023-02-06', // Saturday 4/2/2023
      'review3 term 2024-05-02',
      'final term 2025-10-31',
    ]);
  });

  it('cascade: each child of a unit owing the parent is due N days after the parent deliverable, collected by that unit', () => {
    const rows = expand([
      obligation('parent-plan'),
      obligation('child-plan', {
        due: { kind: 'after-parent-acceptance', parent: 'parent-plan', days: 30, dayKind: 'calendar' },
        assignees: { kind: 'children-of-parent-assignees', unitTypes: ['dang-bo-co-so', 'chi-bo-co-so'] },
        collector: { kind: 'assignee-parent' },
      }),
    ]);
    expect(brief(rows.filter((r) => r.obligationId === 'child-plan'))).toEqual([
      'child-plan CBCS-A2 term 2021-10-13 → HU-A',
      'child-plan DBCS-A1 term 2021-10-13 → HU-A',
      'child-plan DBCS-OLD term 2021-10-13 → TXU-OLD',
    ]);
  });

  it('cascade in working days counts from the parent deadline (Mon 13/9/2021 + 5 working days = Mon 20/9)', () => {
    const rows = expand([
      obligation('parent-plan', { assignees: { kind: 'units', units: ['HU-A'] } }),
      obligation('child-plan', {
        due: { kind: 'after-parent-acceptance', parent: 'parent-plan', days: 5, dayKind: 'working' },
        assignees: { kind: 'children-of-parent-assignees', unitTypes: ['chi-bo-co-so'] },
        collector: { kind: 'assignee-parent' },
      }),
    ]);
    expect(brief(rows)).toEqual([
      'parent-plan HU-A term 2021-09-13 → BTG',
      'child-plan CBCS-A2 term 2021-09-20 → HU-A',
    ]);
  });
});

describe('expandPlan: assignees on the org as it stands', () => {
  const yearlyReport = obligation('report', {
    recurrence: 'yearly',
    due: { kind: 'yearly-date', month: 11, day: 15 },
  });

  it('a unit dissolved before a due date does not owe it; its successor created before it does', () => {
    const rows = expand([yearlyReport]).filter((r) => r.period === '2021');
    expect(rows.map((r) => r.assignee)).toEqual(['HU-A', 'TPU-NEW']);
    const plan2022 = expand([yearlyReport]).filter((r) => r.period === '2022');
    expect(plan2022.map((r) => r.assignee)).toEqual(['HU-A', 'TPU-NEW']);
  });

  it('levels select by the level of the unit type, minus excepted types', () => {
    const rows = expand([
      obligation('x', { assignees: { kind: 'levels', levels: [1], exceptUnitTypes: ['co-quan-bao-chi'] } }),
    ]);
    expect(rows.map((r) => r.assignee)).toEqual(['HU-A', 'TXU-OLD']);
  });

  it('per-person obligations: one row per member of a cell on the due date, assignee = person id, collector = the cell', () => {
    const rows = expand([
      obligation('commitment', {
        recurrence: 'yearly',
        due: { kind: 'yearly-date', month: 3, day: 31 },
        assignees: { kind: 'cell-members', cellTypes: ['chi-bo', 'chi-bo-co-so'] },
        collector: { kind: 'assignee-parent' },
      }),
    ]);
    const of = (period: string) =>
      rows.filter((r) => r.period === period).map((r) => `${r.assignee}@${r.collector}`);
    expect(of('2022')).toEqual(['P1@CB-A1-X', 'P2@CBCS-A2']);
    expect(of('2023')).toEqual(['P1@CB-A1-X', 'P2@CBCS-A2', 'P3@CB-A1-X']);
    expect(rows.every((r) => r.assigneeKind === 'person')).toBe(true);
  });

  it('event-driven obligations: one row per unit existing at some time in the window, period on-event, no dates, listed last', () => {
    const event = obligation('issue', {
      recurrence: 'event',
      due: undefined,
      assignees: { kind: 'levels', levels: [1] },
    });
    const rows = expand([event, obligation('plan')], { until: '2021-10-15' });
    expect(rows.map((r) => `${r.obligationId} ${r.assignee} ${r.period} ${r.dueDate}`)).toEqual([
      'plan HU-A term 2021-09-13',
      'plan TXU-OLD term 2021-09-13',
      'issue HU-A on-event null',
      'issue PRESS on-event null',
      'issue TXU-OLD on-event null', // TPU-NEW only exists from 1/11/2021, after --until
    ]);
    expect(rows.filter((r) => r.period === 'on-event').every((r) => r.reminderDates.length === 0)).toBe(true);
  });
});

describe('expandPlan: reminders, until, sorting, org mismatch', () => {
  it('reminder dates are working days, none before issuance (calendar-day offsets move back to a working day)', () => {
    const rows = expand([
      obligation('soon', { due: { kind: 'after-issuance', days: 3, dayKind: 'calendar' } }),
      obligation('cal', {
        due: { kind: 'fixed-date', date: '2022-02-07' },
        reminders: { offsets: [7, 0], dayKind: 'calendar' },
      }),
    ]);
    // 13/8 + 3 = Monday 16/8; 10, 5 and 3 working days before it are before issuance.
    expect(rows.find((r) => r.obligationId === 'soon')?.reminderDates).toEqual(['2021-08-13', '2021-08-16']);
    // 7 days before Mon 7/2/2022 is Mon 31/1, inside Tết 2022 (29/1–6/2): moved back to Fri 28/1.
    expect(rows.find((r) => r.obligationId === 'cal')?.reminderDates).toEqual(['2022-01-28', '2022-02-07']);
    for (const r of rows) for (const d of r.reminderDates) expect(calendar.isWorkingDay(d)).toBe(true);
  });

  it('until drops deliverables due after it; rows are sorted by due date, obligation, assignee', () => {
    const rows = expand(
      [
        obligation('b-yearly', { recurrence: 'yearly', due: { kind: 'yearly-date', month: 9, day: 13 } }),
        obligation('a-plan'),
      ],
      { until: '2022-09-12' },
    );
    expect(rows.map((r) => `${r.dueDate} ${r.obligationId} ${r.assignee}`)).toEqual([
      '2021-09-13 a-plan HU-A',
      '2021-09-13 a-plan TXU-OLD',
      '2021-09-13 b-yearly HU-A',
      '2021-09-13 b-yearly TXU-OLD',
    ]);
  });

  it('refuses a plan naming units the org does not have, with the path of each', () => {
    const bad = plan([obligation('x', { collector: { kind: 'unit', unit: 'NOPE' } })], { issuer: 'NOBODY' });
    try {
      expandPlan(bad, smallOrg(), { ...options, planFile: 'p.yaml' });
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(PlanRejectedException);
      expect((e as PlanRejectedException).planProblems).toEqual([
        { path: '/issuer', reason: 'unit "NOBODY" is not in the org tree' },
        { path: '/obligations/0/collector/unit', reason: 'unit "NOPE" is not in the org tree' },
      ]);
    }
  });

  it('a unit created after issuance can owe a once obligation due later than its creation', () => {
    const org = smallOrg();
    org.units.push(unit('HU-LATE', 'huyen-uy', 'TU', '2021-09-01'));
    org.people.push(member('P9', 'CB-A1-X'));
    const rows = expandPlan(plan([obligation('plan')]), org, options);
    expect(rows.map((r) => r.assignee)).toEqual(['HU-A', 'HU-LATE', 'TXU-OLD']);
  });
});
