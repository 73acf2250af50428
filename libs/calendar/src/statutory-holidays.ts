import { addDays, IsoDate, weekday } from './iso-date.util';
import { lunarDateInYear, lunarNewYear } from './lunar.util';

/** A day off and why, in Vietnamese as the notices name it. */
export interface DayOff {
  date: IsoDate;
  reason: string;
}

/** Choices the law leaves to the yearly notice (Labour Code 2019, art. 112(1)(b), (đ)). */
export interface HolidayChoices {
  tetDays?: readonly IsoDate[];
  nationalDayAdjacent?: IsoDate;
}

export const HOLIDAY = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên Đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế lao động',
  nationalDay: 'Quốc khánh',
} as const;

/**
 * Tết when no notice chose the days: the last day of the old lunar year and days 1..4 of the new
 * one, the choice the government usually makes and the one the brief fixes as the statutory default.
 */
export function defaultTetDays(year: number): IsoDate[] {
  const firstDay = lunarNewYear(year);
  return [-1, 0, 1, 2, 3].map((n) => addDays(firstDay, n));
}

/**
 * The law says "2/9 and one adjacent day, before or after", chosen each year. Without a notice we
 * take the day that joins 2/9 to a weekend: 3/9 when 2/9 is a Thursday, else 1/9. Combined with
 * compensatory days this reproduces every year's actual days off from 2021 to 2025.
 */
export function defaultNationalDayAdjacent(year: number): IsoDate {
  const nationalDay = `${year}-09-02`;
  return addDays(nationalDay, weekday(nationalDay) === 4 ? 1 : -1);
}

/** The statutory public holidays of a Gregorian year (Labour Code 2019, art. 112(1)), sorted. */
export function statutoryHolidays(year: number, choices: HolidayChoices = {}): DayOff[] {
  const y = String(year).padStart(4, '0');
  const days: DayOff[] = [
    { date: `${y}-01-01`, reason: HOLIDAY.newYear },
    ...(choices.tetDays ?? defaultTetDays(year)).map((date) => ({ date, reason: HOLIDAY.tet })),
    { date: lunarDateInYear(year, 3, 10), reason: HOLIDAY.hungKings },
    { date: `${y}-04-30`, reason: HOLIDAY.victory },
    { date: `${y}-05-01`, reason: HOLIDAY.labour },
    { date: choices.nationalDayAdjacent ?? defaultNationalDayAdjacent(year), reason: HOLIDAY.nationalDay },
    { date: `${y}-09-02`, reason: HOLIDAY.nationalDay },
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
