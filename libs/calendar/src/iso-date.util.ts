/** A calendar date without time or zone, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Vietnam has kept UTC+7 without daylight saving since 1975; every civil time here is in this zone. */
export const VN_ZONE = 'Asia/Ho_Chi_Minh';
export const VN_OFFSET_MINUTES = 7 * 60;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function parseIsoDate(d: IsoDate): { y: number; m: number; d: number } {
  const match = ISO_DATE.exec(d);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${d}`);
  const [y, m, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (formatIsoDate(Date.UTC(y, m - 1, day)) !== d) throw new RangeError(`No such date: ${d}`);
  return { y, m, d: day };
}

export function isIsoDate(d: unknown): d is IsoDate {
  if (typeof d !== 'string') return false;
  try {
    parseIsoDate(d);
    return true;
  } catch {
    return false;
  }
}

function formatIsoDate(utcMs: number): IsoDate {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function toUtcMs(d: IsoDate): number {
  const p = parseIsoDate(d);
  return Date.UTC(p.y, p.m - 1, p.d);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return formatIsoDate(toUtcMs(d) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return new Date(toUtcMs(d)).getUTCDay();
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** The instant (ISO-8601 UTC) of a wall-clock time in Vietnam on a date. */
export function vnInstant(d: IsoDate, hour = 0, minute = 0): string {
  return new Date(toUtcMs(d) + (hour * 60 + minute - VN_OFFSET_MINUTES) * 60_000).toISOString();
}

/** The Vietnamese calendar date of an instant. */
export function vnDateOf(instant: string | number | Date): IsoDate {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  return formatIsoDate(ms + VN_OFFSET_MINUTES * 60_000);
}
