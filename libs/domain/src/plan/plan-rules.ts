import { addDays, IsoDate, isIsoDate, WorkingCalendar } from '@dondoc/calendar';
import type {
  DayKind,
  DueRule,
  PlanDefinition,
  PlanObligation,
  PlanTerm,
  TermRelativeRule,
} from './plan.types';

/** Period id of a once-per-term deliverable. */
export const TERM_PERIOD = 'term';
/** Period id of an event-driven obligation in the preview: owed whenever something happens. */
export const ON_EVENT_PERIOD = 'on-event';

/** The obligation a due rule counts from, if any. */
export function dueReference(due: DueRule): string | null {
  if (due.kind === 'after-parent-acceptance') return due.parent;
  if (due.kind === 'after-obligation-due') return due.obligation;
  return null;
}

/** The date of a term-relative rule, or null when month/day is no date that year (30/2). */
export function termRelativeDate(term: PlanTerm, rule: TermRelativeRule): IsoDate | null {
  const anchorYear = Number((rule.anchor === 'start' ? term.start : term.end).slice(0, 4));
  const date = isoDate(anchorYear + rule.years, rule.month, rule.day);
  return isIsoDate(date) ? date : null;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `from` plus `days` calendar days, or plus `days` working days. */
export function addDayCount(from: IsoDate, days: number, kind: DayKind, cal: WorkingCalendar): IsoDate {
  return kind === 'working' ? cal.addWorkingDays(from, days) : addDays(from, days);
}

/** The obligations in an order where every obligation comes after the one its due rule counts from. */
export function dueOrder(plan: PlanDefinition): PlanObligation[] {
  const byId = new Map(plan.obligations.map((o) => [o.id, o]));
  const ordered: PlanObligation[] = [];
  const placed = new Set<string>();
  const place = (o: PlanObligation, depth: number): void => {
    if (placed.has(o.id) || depth > plan.obligations.length) return;
    const ref = o.due ? dueReference(o.due) : null;
    const target = ref ? byId.get(ref) : undefined;
    if (target) place(target, depth + 1);
    placed.add(o.id);
    ordered.push(o);
  };
  for (const o of plan.obligations) place(o, 0);
  return ordered;
}

/** Calendar years the term covers from `from` on. */
export function yearsOf(term: PlanTerm, from: IsoDate): number[] {
  const first = Number((from > term.start ? from : term.start).slice(0, 4));
  const last = Number(term.end.slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

/** Quarters (`2021-Q3`) the term covers from `from` on, with their last days. */
export function quartersOf(term: PlanTerm, from: IsoDate): { period: string; lastDay: IsoDate }[] {
  const start = from > term.start ? from : term.start;
  const quarters: { period: string; lastDay: IsoDate }[] = [];
  let year = Number(start.slice(0, 4));
  let quarter = Math.ceil(Number(start.slice(5, 7)) / 3);
  for (;;) {
    const firstDay = isoDate(year, quarter * 3 - 2, 1);
    if (firstDay > term.end) return quarters;
    const lastDay = addDays(quarter === 4 ? isoDate(year + 1, 1, 1) : isoDate(year, quarter * 3 + 1, 1), -1);
    quarters.push({ period: `${year}-Q${quarter}`, lastDay });
    if (++quarter > 4) [year, quarter] = [year + 1, 1];
  }
}
