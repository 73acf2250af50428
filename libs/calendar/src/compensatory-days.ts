import { addDays, IsoDate, weekday } from './iso-date.util';
import { DayOff } from './statutory-holidays';

const isWeekend = (d: IsoDate) => weekday(d) === 0 || weekday(d) === 6;

function ddmm(d: IsoDate): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}`;
}

/**
 * Labour Code 2019, art. 112(3): a holiday that falls on a weekly rest day is taken on the next
 * working day. Holidays are handled in date order and each takes the first weekday after it that
 * is not a holiday, not otherwise off and not already taken by an earlier compensation; so two
 * weekend holidays in a row (Tết, or Giỗ Tổ on 29/4/2023 then 30/4) get two distinct days.
 */
export function compensatoryDays(
  holidays: readonly DayOff[],
  isOtherwiseOff: (d: IsoDate) => boolean,
): DayOff[] {
  const taken = new Set(holidays.map((h) => h.date));
  const result: DayOff[] = [];
  for (const holiday of [...holidays].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    if (!isWeekend(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || taken.has(day) || isOtherwiseOff(day)) day = addDays(day, 1);
    taken.add(day);
    result.push({ date: day, reason: `Nghỉ bù ${holiday.reason} (${ddmm(holiday.date)})` });
  }
  return result;
}
