/** A calendar date without time or zone, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Vietnam has kept UTC+7 without daylight saving since 1975; every civil time here is in this zone. */
export const VN_ZONE = 'Asia/Ho_Chi_Minh';
export const VN_OFFSET_MINUTES = 7 * 60;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;

/*
 * Dates are day numbers (days since 1970-01-01) in integer arithmetic, without Date objects: a whole
 * term's weekly digests step through ~10⁶ dates, and parsing with a RegExp and formatting through
 * Date#toISOString was a tenth of the simulation's main thread. The arithmetic is Howard Hinnant's
 * proleptic Gregorian `days_from_civil` / `civil_from_days`, as Date uses; anything outside the
 * four-digit years it covers goes the old way through Date, so every answer and error is unchanged
 * (iso-date.util.spec.ts compares both over centuries of days).
 */
const DIGIT_0 = 48;
const DASH = 45;

function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - DIGIT_0;
  const b = s.charCodeAt(i + 1) - DIGIT_0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** Day numbers of 0000-01-01 and 9999-12-31: the years Date#toISOString writes with four digits. */
const FIRST_FAST_DAY = daysFromCivil(0, 1, 1);
const LAST_FAST_DAY = daysFromCivil(9999, 12, 31);

/**
 * The day number of a valid `YYYY-MM-DD`, -Infinity when it is not of that shape, NaN when it is but
 * names no day. Years 0–99 name none: Date.UTC reads them as 1900–1999, so they never were valid here.
 */
function scanIsoDate(d: IsoDate): number {
  if (typeof d !== 'string' || d.length !== 10 || d.charCodeAt(4) !== DASH || d.charCodeAt(7) !== DASH)
    return -Infinity;
  const hi = twoDigits(d, 0);
  const lo = twoDigits(d, 2);
  const m = twoDigits(d, 5);
  const day = twoDigits(d, 8);
  if (hi < 0 || lo < 0 || m < 0 || day < 0) return -Infinity;
  const y = hi * 100 + lo;
  if (y < 100 || m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, day);
}

function rejectIsoDate(d: IsoDate, scanned: number): never {
  throw new RangeError(scanned === -Infinity ? `Not an ISO date (YYYY-MM-DD): ${d}` : `No such date: ${d}`);
}

/** Days since 1970-01-01 of a valid ISO date; throws as parseIsoDate does. */
export function isoDayNumber(d: IsoDate): number {
  const n = scanIsoDate(d);
  if (Number.isFinite(n)) return n;
  // Not a string of ten characters: the RegExp decides, as before (it reads a String of anything).
  if (typeof d !== 'string') return toUtcMsSlow(d) / DAY_MS;
  return rejectIsoDate(d, n);
}

/** The ISO date of a day number (days since 1970-01-01). */
export function isoDateOfDay(n: number): IsoDate {
  if (!Number.isInteger(n) || n < FIRST_FAST_DAY || n > LAST_FAST_DAY) return formatIsoDate(n * DAY_MS);
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

export function parseIsoDate(d: IsoDate): { y: number; m: number; d: number } {
  const n = scanIsoDate(d);
  if (Number.isFinite(n))
    return { y: Number(d.slice(0, 4)), m: Number(d.slice(5, 7)), d: Number(d.slice(8, 10)) };
  if (typeof d === 'string') rejectIsoDate(d, n);
  return parseIsoDateSlow(d);
}

/** The RegExp and Date way, for what is not a string (scanIsoDate takes every string it can). */
function parseIsoDateSlow(d: IsoDate): { y: number; m: number; d: number } {
  const match = ISO_DATE.exec(d);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${d}`);
  const [y, m, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (formatIsoDate(Date.UTC(y, m - 1, day)) !== d) throw new RangeError(`No such date: ${d}`);
  return { y, m, d: day };
}

export function isIsoDate(d: unknown): d is IsoDate {
  if (typeof d !== 'string') return false;
  return Number.isFinite(scanIsoDate(d));
}

function formatIsoDate(utcMs: number): IsoDate {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function toUtcMsSlow(d: IsoDate): number {
  const p = parseIsoDateSlow(d);
  return Date.UTC(p.y, p.m - 1, p.d);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const day = isoDayNumber(d);
  // A fractional n lands where the millisecond sum does (the old formula), a whole one on its day.
  return Number.isInteger(n) ? isoDateOfDay(day + n) : formatIsoDate(day * DAY_MS + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((isoDayNumber(d) + 4) % 7) + 7) % 7;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return isoDayNumber(b) - isoDayNumber(a);
}

/** The instant (ISO-8601 UTC) of a wall-clock time in Vietnam on a date. */
export function vnInstant(d: IsoDate, hour = 0, minute = 0): string {
  return new Date(isoDayNumber(d) * DAY_MS + (hour * 60 + minute - VN_OFFSET_MINUTES) * 60_000).toISOString();
}

/** The Vietnamese calendar date of an instant. */
export function vnDateOf(instant: string | number | Date): IsoDate {
  const ms = (typeof instant === 'number' ? instant : new Date(instant).getTime()) + VN_OFFSET_MS;
  // Date truncates fractional milliseconds; NaN and out-of-range instants throw in toISOString, as they did.
  const day = Math.floor(Math.trunc(ms) / DAY_MS);
  return day >= FIRST_FAST_DAY && day <= LAST_FAST_DAY ? isoDateOfDay(day) : formatIsoDate(ms);
}
