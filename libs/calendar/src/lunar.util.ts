import { CalendarVietnamese } from 'date-chinese';
import { addDays, IsoDate, parseIsoDate } from './iso-date.util';

/**
 * A date of the Vietnamese lunisolar calendar. `cycle`/`year` are the 60-year cycle and the year
 * in it, as date-chinese counts them; `month` is 1..12 and `leap` marks an intercalary month.
 */
export interface LunarDate {
  cycle: number;
  year: number;
  month: number;
  leap: boolean;
  day: number;
}

// date-chinese computes new moons and solar terms astronomically (tens of ms uncached) and keeps a
// cache per instance: one shared instance, plus memo tables for the answers we ask for.
// Both are deterministic functions of their keys, so sharing them is safe inside the workflow sandbox.
const converter = new CalendarVietnamese();
const newYearMemo = new Map<number, IsoDate>();
const toSolarMemo = new Map<string, IsoDate>();

function isoOf(g: { year: number; month: number; day: number }): IsoDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(g.year, 4)}-${pad(g.month, 2)}-${pad(g.day, 2)}`;
}

/** The Vietnamese lunar date of a solar (Gregorian) date. */
export function solarToLunar(d: IsoDate): LunarDate {
  const p = parseIsoDate(d);
  converter.fromGregorian(p.y, p.m, p.d);
  return {
    cycle: converter.cycle,
    year: converter.year,
    month: converter.month,
    leap: converter.leap,
    day: converter.day,
  };
}

const sameLunar = (a: LunarDate, b: LunarDate) =>
  a.cycle === b.cycle && a.year === b.year && a.month === b.month && a.leap === b.leap && a.day === b.day;

/** The Gregorian year in which a lunar year begins (date-chinese's epoch is 2636 BCE). */
function gregorianYearOf(l: LunarDate): number {
  return -2636 + (l.cycle - 1) * 60 + (l.year - 1);
}

/**
 * date-chinese's two directions disagree on a few months: in lunar year 2033 (the "2033 problem",
 * two months without a major solar term) `fromGregorian` labels 2033-12-22 "11 leap" but
 * `toGregorian` reads "11 leap" as a month later. We answer from the library's direct conversion
 * when it round-trips and otherwise walk the months of the lunar year, so that lunarToSolar is
 * always the exact inverse of solarToLunar. Public holidays use months 1 and 3 only and agree
 * either way.
 */
function searchLunarYear(l: LunarDate): IsoDate | undefined {
  let monthStart = lunarNewYear(gregorianYearOf(l));
  for (let months = 0; months < 14; months++) {
    const label = solarToLunar(monthStart);
    if (label.month === l.month && label.leap === l.leap) {
      const candidate = addDays(monthStart, l.day - 1);
      return sameLunar(solarToLunar(candidate), l) ? candidate : undefined;
    }
    const next = addDays(monthStart, 29); // a lunar month has 29 or 30 days
    monthStart = solarToLunar(next).day === 1 ? next : addDays(next, 1);
  }
  return undefined;
}

/** The solar date of a Vietnamese lunar date; RangeError when no such lunar date exists. */
export function lunarToSolar(l: LunarDate): IsoDate {
  const key = `${l.cycle}/${l.year}/${l.month}/${l.leap}/${l.day}`;
  let d = toSolarMemo.get(key);
  if (d === undefined) {
    const direct = isoOf(converter.set(l.cycle, l.year, l.month, l.leap, l.day).toGregorian());
    d = sameLunar(solarToLunar(direct), l) ? direct : searchLunarYear(l);
    if (d === undefined) throw new RangeError(`No such lunar date: ${key}`);
    toSolarMemo.set(key, d);
  }
  return d;
}

/** Mùng 1 Tết: the first day of the lunar year that begins in the Gregorian year `year`. */
export function lunarNewYear(year: number): IsoDate {
  let d = newYearMemo.get(year);
  if (d === undefined) {
    d = isoOf(converter.fromJDE(converter.newYear(year)).toGregorian());
    newYearMemo.set(year, d);
  }
  return d;
}

/**
 * The solar date of `day` of lunar `month` (never the leap month) in the lunar year that begins in
 * the Gregorian year `year`; e.g. Giỗ Tổ Hùng Vương is `lunarDateInYear(y, 3, 10)`.
 */
export function lunarDateInYear(year: number, month: number, day: number): IsoDate {
  const first = solarToLunar(lunarNewYear(year));
  return lunarToSolar({ ...first, month, leap: false, day });
}
