import { CalendarNotice } from './calendar-notice';
import { daysBetween, isIsoDate } from './iso-date.util';
import { lunarNewYear } from './lunar.util';

/** One thing wrong in a notice; `path` is a JSON Pointer into the notice, as ajv reports it. */
export interface NoticeProblem {
  path: string;
  reason: string;
}

/** How far a chosen Tết day may lie from Mùng 1; real choices span 27 tháng Chạp .. mùng 6. */
const TET_WINDOW_DAYS = 7;

/**
 * Checks a JSON schema cannot express (they depend on the year or on the lunar calendar). Pure, so
 * the calendar can refuse bad constructor data in the sandbox and the loader can name the file.
 */
export function noticeProblems(notice: CalendarNotice): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const { year } = notice;
  if (!Number.isInteger(year)) return [{ path: '/year', reason: 'must be an integer year' }];

  const badDate = (path: string, d: unknown) => {
    if (isIsoDate(d)) return false;
    problems.push({ path, reason: `not a calendar date (YYYY-MM-DD): ${String(d)}` });
    return true;
  };

  const tetDays = notice.tet_days;
  if (tetDays !== undefined) {
    if (tetDays.length !== 5) problems.push({ path: '/tet_days', reason: 'must list exactly 5 days' });
    const firstDay = lunarNewYear(year);
    tetDays.forEach((d, i) => {
      if (badDate(`/tet_days/${i}`, d)) return;
      if (Math.abs(daysBetween(firstDay, d)) > TET_WINDOW_DAYS)
        problems.push({
          path: `/tet_days/${i}`,
          reason: `${d} is not near Tết ${year} (mùng 1 = ${firstDay})`,
        });
    });
  }

  const adjacent = notice.national_day_adjacent;
  if (adjacent !== undefined && adjacent !== `${year}-09-01` && adjacent !== `${year}-09-03`)
    problems.push({ path: '/national_day_adjacent', reason: `must be ${year}-09-01 or ${year}-09-03` });

  const offDates = new Set<string>();
  (notice.days_off ?? []).forEach((day, i) => {
    if (!badDate(`/days_off/${i}/date`, day.date)) offDates.add(day.date);
  });
  (notice.working_days ?? []).forEach((day, i) => {
    if (badDate(`/working_days/${i}/date`, day.date)) return;
    if (offDates.has(day.date))
      problems.push({ path: `/working_days/${i}/date`, reason: `${day.date} is also listed in days_off` });
  });
  return problems;
}
