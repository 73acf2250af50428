import { CalendarNotice } from './calendar-notice';
import { compensatoryDays } from './compensatory-days';
import { addDays, daysBetween, IsoDate, parseIsoDate, vnDateOf, vnInstant, weekday } from './iso-date.util';
import { noticeProblems } from './notice-problems';
import { SHIPPED_NOTICES } from './shipped-notices';
import { HolidayChoices, statutoryHolidays } from './statutory-holidays';

/** Hour (Vietnam time) at which reminders go out on a working day. */
export const REMINDER_HOUR = 8;

export interface WorkingCalendarOptions {
  /**
   * The yearly notices to apply. Replaces the shipped set (`SHIPPED_NOTICES`) when given, so a
   * loader can pass the whole current folder; several notices for one year are merged.
   */
  notices?: readonly CalendarNotice[];
}

const WEEKEND_NAMES: Record<number, string> = { 0: 'Chủ Nhật', 6: 'Thứ Bảy' };

/**
 * Working days in Vietnam: Saturdays, Sundays, the public holidays of Labour Code 2019 art. 112
 * (lunar ones included), compensatory days, and the government's yearly notices. Precedence:
 * notice working day > notice day off > holiday or compensatory day > weekend.
 *
 * Pure and sandbox-safe: workflows use it to place timers. Years are computed on first use.
 */
export class WorkingCalendar {
  private readonly choices = new Map<number, HolidayChoices>();
  private readonly noticeDaysOff = new Map<IsoDate, string>();
  private readonly noticeWorkingDays = new Map<IsoDate, string>();
  private readonly daysOffByYear = new Map<number, Map<IsoDate, string>>();
  private readonly totalsByYear = new Map<number, Uint16Array>();

  constructor(options: WorkingCalendarOptions = {}) {
    for (const notice of options.notices ?? SHIPPED_NOTICES) this.addNotice(notice);
  }

  private addNotice(notice: CalendarNotice): void {
    const problem = noticeProblems(notice)[0];
    if (problem) throw new RangeError(`Calendar notice ${notice.year} ${problem.path}: ${problem.reason}`);
    const choice = { ...this.choices.get(notice.year) };
    if (notice.tet_days)
      choice.tetDays = mergeChoice(notice.year, 'tet_days', choice.tetDays, notice.tet_days);
    if (notice.national_day_adjacent)
      choice.nationalDayAdjacent = mergeChoice(
        notice.year,
        'national_day_adjacent',
        choice.nationalDayAdjacent,
        notice.national_day_adjacent,
      );
    this.choices.set(notice.year, choice);
    for (const day of notice.days_off ?? []) this.noticeDaysOff.set(day.date, day.reason);
    for (const day of notice.working_days ?? []) this.noticeWorkingDays.set(day.date, day.reason);
  }

  /** Holidays, compensatory days and notice days off of one year (weekends are not stored). */
  private daysOffOfYear(year: number): Map<IsoDate, string> {
    let table = this.daysOffByYear.get(year);
    if (table) return table;
    const holidays = statutoryHolidays(year, this.choices.get(year));
    const compensation = compensatoryDays(holidays, (d) => this.noticeDaysOff.has(d));
    table = new Map();
    for (const day of [...holidays, ...compensation])
      if (!table.has(day.date)) table.set(day.date, day.reason);
    for (const [date, reason] of this.noticeDaysOff) if (date.startsWith(`${year}-`)) table.set(date, reason);
    this.daysOffByYear.set(year, table);
    return table;
  }

  /** Why `d` is a day off (holiday or notice name, 'Thứ Bảy', 'Chủ Nhật'), or null on a working day. */
  reasonOff(d: IsoDate): string | null {
    const { y } = parseIsoDate(d);
    if (this.noticeWorkingDays.has(d)) return null;
    return this.daysOffOfYear(y).get(d) ?? WEEKEND_NAMES[weekday(d)] ?? null;
  }

  isWorkingDay(d: IsoDate): boolean {
    return this.reasonOff(d) === null;
  }

  /** `d` itself when it is a working day, else the next working day. */
  rollForward(d: IsoDate): IsoDate {
    let day = d;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /**
   * Civil Code 2015, art. 148: a period whose last day `d` is a day off ends at the end of the
   * next working day. Returns the date on whose end the period expires.
   */
  deadlineEnd(d: IsoDate): IsoDate {
    return this.rollForward(d);
  }

  /** `n` working days after `d` (before it when `n` is negative); `d` itself need not be a working day. */
  addWorkingDays(d: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of working days: ${n}`);
    const step = n < 0 ? -1 : 1;
    let day = d;
    for (let left = Math.abs(n); left > 0;) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /**
   * Signed count of working days from `a` to `b`: the working days in (a, b] when b ≥ a, minus
   * those in [b, a) when b < a. It inverts addWorkingDays — `workingDaysBetween(a,
   * addWorkingDays(a, n)) === n` — so "due in 3 working days" and "3 working days overdue" read
   * as `workingDaysBetween(today, due) === 3` and `workingDaysBetween(due, today) === 3`.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    if (a <= b) return this.countWorkingDays(addDays(a, 1), b);
    return -this.countWorkingDays(b, addDays(a, -1));
  }

  /** Every non-working date from `from` to `to`, both included, sorted. */
  daysOff(from: IsoDate, to: IsoDate): IsoDate[] {
    parseIsoDate(from);
    parseIsoDate(to);
    if (from > to) throw new RangeError(`Empty range: ${from} is after ${to}`);
    const result: IsoDate[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) if (!this.isWorkingDay(day)) result.push(day);
    return result;
  }

  /** The first reminder slot (08:00 on a working day) at or after an instant. */
  nextReminderSlot(after: string): string {
    const afterIso = new Date(after).toISOString();
    let day = vnDateOf(after);
    for (;;) {
      const slot = vnInstant(day, REMINDER_HOUR);
      if (this.isWorkingDay(day) && slot >= afterIso) return slot;
      day = addDays(day, 1);
    }
  }

  /**
   * Working days in [from, to] from per-year running totals: a digest counts how late hundreds of
   * deliverables are, some of them years late, every week; walking day by day cost O(days) each.
   */
  private countWorkingDays(from: IsoDate, to: IsoDate): number {
    if (from > to) return 0;
    const [fy, ty] = [parseIsoDate(from).y, parseIsoDate(to).y];
    let count = 0;
    for (let year = fy; year <= ty; year++) {
      const totals = this.runningTotals(year);
      const first = year === fy ? daysBetween(`${year}-01-01`, from) : 0;
      const last = year === ty ? daysBetween(`${year}-01-01`, to) : totals.length - 1;
      count += totals[last] - (first > 0 ? totals[first - 1] : 0);
    }
    return count;
  }

  /** totals[i]: working days from 1 January to the i-th day of the year (0-based), included. */
  private runningTotals(year: number): Uint16Array {
    let totals = this.totalsByYear.get(year);
    if (totals) return totals;
    const start = `${year}-01-01`;
    totals = new Uint16Array(daysBetween(start, `${year + 1}-01-01`));
    let count = 0;
    for (let i = 0; i < totals.length; i++) totals[i] = count += this.isWorkingDay(addDays(start, i)) ? 1 : 0;
    this.totalsByYear.set(year, totals);
    return totals;
  }
}

function mergeChoice<T>(year: number, field: string, current: T | undefined, next: T): T {
  if (current !== undefined && JSON.stringify(current) !== JSON.stringify(next))
    throw new RangeError(`Calendar notices for ${year} disagree on ${field}`);
  return next;
}
