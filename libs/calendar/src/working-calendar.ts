import { CalendarNotice } from './calendar-notice';
import { compensatoryDays } from './compensatory-days';
import {
  addDays,
  IsoDate,
  isoDateOfDay,
  isoDayNumber,
  parseIsoDate,
  vnDateOf,
  vnInstant,
  weekday,
} from './iso-date.util';
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
 * What a set of notices makes of the calendar, computed once per notices array and shared by every
 * WorkingCalendar built on it: each workflow builds its own calendar, so the shipped notices' tables
 * (holidays, working-day flags and running totals per year) would otherwise be recomputed in each.
 * Everything here is a pure function of the notices, so sharing cannot change an answer.
 */
class CalendarTables {
  private readonly choices = new Map<number, HolidayChoices>();
  private readonly noticeDaysOff = new Map<IsoDate, string>();
  private readonly noticeWorkingDays = new Map<IsoDate, string>();
  private readonly daysOffByYear = new Map<number, Map<IsoDate, string>>();
  /** 1 on the working days of a year, 0 on the others; index 0 is 1 January. */
  private readonly flagsByYear = new Map<number, Uint8Array>();
  private readonly totalsByYear = new Map<number, Uint16Array>();

  constructor(notices: readonly CalendarNotice[]) {
    for (const notice of notices) this.addNotice(notice);
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

  /** Why `d` (a valid date of `year`) is a day off, or null on a working day. */
  reasonOff(d: IsoDate, year: number): string | null {
    if (this.noticeWorkingDays.has(d)) return null;
    return this.daysOffOfYear(year).get(d) ?? WEEKEND_NAMES[weekday(d)] ?? null;
  }

  /** The working-day flags of a year, from reasonOff: the one rule, applied once per day. */
  flagsOfYear(year: number): Uint8Array {
    let flags = this.flagsByYear.get(year);
    if (flags) return flags;
    const start = yearStartDay(year);
    flags = new Uint8Array(isoDayNumber(`${yearDigits(year)}-12-31`) - start + 1);
    for (let i = 0; i < flags.length; i++)
      flags[i] = this.reasonOff(isoDateOfDay(start + i), year) === null ? 1 : 0;
    this.flagsByYear.set(year, flags);
    return flags;
  }

  /** totals[i]: working days from 1 January to the i-th day of the year (0-based), included. */
  runningTotals(year: number): Uint16Array {
    let totals = this.totalsByYear.get(year);
    if (totals) return totals;
    const flags = this.flagsOfYear(year);
    totals = new Uint16Array(flags.length);
    let count = 0;
    for (let i = 0; i < flags.length; i++) totals[i] = count += flags[i];
    this.totalsByYear.set(year, totals);
    return totals;
  }
}

/** Tables by notices array (weakly: a loader's array goes when its calendars do). */
const tablesByNotices = new WeakMap<readonly CalendarNotice[], CalendarTables>();

function tablesOf(notices: readonly CalendarNotice[]): CalendarTables {
  let tables = tablesByNotices.get(notices);
  if (!tables) tablesByNotices.set(notices, (tables = new CalendarTables(notices)));
  return tables;
}

/** The day number of 1 January of a year. */
function yearStartDay(year: number): number {
  return isoDayNumber(`${yearDigits(year)}-01-01`);
}

const yearDigits = (year: number) => String(year).padStart(4, '0');

/**
 * Working days in Vietnam: Saturdays, Sundays, the public holidays of Labour Code 2019 art. 112
 * (lunar ones included), compensatory days, and the government's yearly notices. Precedence:
 * notice working day > notice day off > holiday or compensatory day > weekend.
 *
 * Pure and sandbox-safe: workflows use it to place timers. Years are computed on first use, once
 * per notices array (a calendar reads its notices when built: change them by building another).
 * Day steps run on day numbers and per-year flags, not on date strings: a term's weekly digests
 * take ~10⁶ of them.
 */
export class WorkingCalendar {
  private readonly tables: CalendarTables;
  /** The year whose flags were used last, as day numbers [from, to): consecutive steps stay in it. */
  private flags: Uint8Array = new Uint8Array(0);
  private flagsFrom = 0;
  private flagsTo = 0;

  constructor(options: WorkingCalendarOptions = {}) {
    this.tables = tablesOf(options.notices ?? SHIPPED_NOTICES);
  }

  /** Why `d` is a day off (holiday or notice name, 'Thứ Bảy', 'Chủ Nhật'), or null on a working day. */
  reasonOff(d: IsoDate): string | null {
    const { y } = parseIsoDate(d);
    return this.tables.reasonOff(d, y);
  }

  isWorkingDay(d: IsoDate): boolean {
    return this.isWorkingDayNumber(isoDayNumber(d));
  }

  private isWorkingDayNumber(n: number): boolean {
    if (n < this.flagsFrom || n >= this.flagsTo) {
      // parseIsoDate: a step beyond the years an ISO date can name fails as it always did.
      const year = parseIsoDate(isoDateOfDay(n)).y;
      this.flags = this.tables.flagsOfYear(year);
      this.flagsFrom = yearStartDay(year);
      this.flagsTo = this.flagsFrom + this.flags.length;
    }
    return this.flags[n - this.flagsFrom] === 1;
  }

  /** `d` itself when it is a working day, else the next working day. */
  rollForward(d: IsoDate): IsoDate {
    let n = isoDayNumber(d);
    if (this.isWorkingDayNumber(n)) return d;
    while (!this.isWorkingDayNumber(++n));
    return isoDateOfDay(n);
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
    if (n === 0) return d;
    const step = n < 0 ? -1 : 1;
    let day = isoDayNumber(d);
    for (let left = Math.abs(n); left > 0;) {
      day += step;
      if (this.isWorkingDayNumber(day)) left--;
    }
    return isoDateOfDay(day);
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
    const [first, last] = [isoDayNumber(from), isoDayNumber(to)];
    if (from > to) throw new RangeError(`Empty range: ${from} is after ${to}`);
    const result: IsoDate[] = [];
    for (let n = first; n <= last; n++) if (!this.isWorkingDayNumber(n)) result.push(isoDateOfDay(n));
    return result;
  }

  /** The first reminder slot (08:00 on a working day) at or after an instant. */
  nextReminderSlot(after: string): string {
    const afterIso = new Date(after).toISOString();
    for (let n = isoDayNumber(vnDateOf(after)); ; n++) {
      if (!this.isWorkingDayNumber(n)) continue;
      const slot = vnInstant(isoDateOfDay(n), REMINDER_HOUR);
      if (slot >= afterIso) return slot;
    }
  }

  /**
   * Working days in [from, to] from per-year running totals: a digest counts how late hundreds of
   * deliverables are, some of them years late, every week; walking day by day cost O(days) each.
   */
  private countWorkingDays(from: IsoDate, to: IsoDate): number {
    if (from > to) return 0;
    const [a, b] = [isoDayNumber(from), isoDayNumber(to)];
    const [fy, ty] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    let count = 0;
    for (let year = fy; year <= ty; year++) {
      const totals = this.tables.runningTotals(year);
      const start = yearStartDay(year);
      const first = year === fy ? a - start : 0;
      const last = year === ty ? b - start : totals.length - 1;
      count += totals[last] - (first > 0 ? totals[first - 1] : 0);
    }
    return count;
  }
}

function mergeChoice<T>(year: number, field: string, current: T | undefined, next: T): T {
  if (current !== undefined && JSON.stringify(current) !== JSON.stringify(next))
    throw new RangeError(`Calendar notices for ${year} disagree on ${field}`);
  return next;
}
