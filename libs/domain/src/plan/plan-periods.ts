import type { IsoDate, WorkingCalendar } from '@dondoc/calendar';
import type { PlanDefinition, PlanObligation } from './plan.types';
import { addDayCount, isoDate, quartersOf, TERM_PERIOD, termRelativeDate, yearsOf } from './plan-rules';

/** One period of an obligation whose due date is the same for every assignee. */
export interface PeriodDue {
  period: string;
  /** The date the rule gives; assignees are resolved on the org as it stands on this day. */
  due: IsoDate;
  /** Civil Code art. 148: `due`, or the next working day when `due` is a day off. */
  deadline: IsoDate;
}

/**
 * The periods and due dates of an obligation whose date does not depend on the unit (every rule but
 * the cascade, which `expandPlan` derives from the parent's deliverables). `known` holds the periods
 * already computed for the obligations this one may count from. Periods whose deadline falls before
 * `issued` are skipped: nobody can owe a document that was due before the plan existed.
 */
export function periodDues(
  plan: PlanDefinition,
  obligation: PlanObligation,
  issued: IsoDate,
  cal: WorkingCalendar,
  known: ReadonlyMap<string, PeriodDue[]>,
): PeriodDue[] {
  const due = obligation.due;
  if (!due) return [];
  let raw: { period: string; due: IsoDate | null }[];
  switch (due.kind) {
    case 'after-issuance':
      raw = [{ period: TERM_PERIOD, due: addDayCount(issued, due.days, due.dayKind, cal) }];
      break;
    case 'yearly-date':
      raw = yearsOf(plan.term, issued).map((y) => ({
        period: String(y),
        due: isoDate(y, due.month, due.day),
      }));
      break;
    case 'end-of-quarter':
      raw = quartersOf(plan.term, issued).map((q) => ({ period: q.period, due: q.lastDay }));
      break;
    case 'after-obligation-due':
      // Counted from the deadline that really applies to the reports being summarised.
      raw = (known.get(due.obligation) ?? []).map((p) => ({
        period: p.period,
        due: addDayCount(p.deadline, due.days, due.dayKind, cal),
      }));
      break;
    case 'term-relative':
      raw = [{ period: TERM_PERIOD, due: termRelativeDate(plan.term, due) }];
      break;
    case 'fixed-date':
      raw = [{ period: TERM_PERIOD, due: due.date }];
      break;
    case 'after-parent-acceptance':
      return [];
  }
  return raw
    .filter((p): p is { period: string; due: IsoDate } => p.due !== null)
    .map((p) => ({ ...p, deadline: cal.deadlineEnd(p.due) }))
    .filter((p) => p.deadline >= issued);
}
