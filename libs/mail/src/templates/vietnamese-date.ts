import { parseIsoDate, VN_OFFSET_MINUTES, weekday } from '@dondoc/calendar';
import type { Lang } from './types';

// Indexed by weekday(): 0 = Sunday … 6 = Saturday.
const VI_WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A calendar date the way an official letter writes it: `Thứ Hai, 13/09/2021` in Vietnamese,
 * `Monday, 13 September 2021` in English. Pure date arithmetic, so the process time zone is irrelevant.
 */
export function formatVietnameseDate(isoDate: string, lang: Lang): string {
  const { y, m, d } = parseIsoDate(isoDate);
  const day = weekday(isoDate);
  return lang === 'vi'
    ? `${VI_WEEKDAYS[day]}, ${pad2(d)}/${pad2(m)}/${y}`
    : `${EN_WEEKDAYS[day]}, ${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/**
 * An instant as Vietnam's wall clock reads it, `13/09/2021 14:05`, in either language: the unit compares
 * it with its own records, which are in Vietnam time. Fixed UTC+7, so the process time zone is irrelevant.
 */
export function formatVietnamTime(instant: string | Date): string {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(instant)}`);
  const t = new Date(ms + VN_OFFSET_MINUTES * 60_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}
