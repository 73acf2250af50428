import {
  addDays,
  IsoDate,
  REMINDER_HOUR,
  vnDateOf,
  vnInstant,
  weekday,
  WorkingCalendar,
} from '@dondoc/calendar';
import type { EscalationPolicy } from './deliverable-terms';
import { effectiveDeadline } from './deliverable-timeline';

/** The day and instant of one weekly digest of a plan. */
export interface WeeklyUrgingSlot {
  date: IsoDate;
  at: string;
}

/**
 * The digest goes out at 08:00 on the first working day of each week (Monday, or Tuesday after a
 * Monday holiday…); a week with no working day (Tết) has none. Returns the first slot after `now`.
 */
export function nextWeeklyUrging(now: string, cal: WorkingCalendar): WeeklyUrgingSlot {
  const today = vnDateOf(now);
  // weekday(): 0 = Sunday … 6 = Saturday; the week starts on Monday.
  let monday = addDays(today, -((weekday(today) + 6) % 7));
  for (;;) {
    for (let i = 0; i < 5; i++) {
      const date = addDays(monday, i);
      if (!cal.isWorkingDay(date)) continue;
      const at = vnInstant(date, REMINDER_HOUR);
      if (at > now) return { date, at };
      break; // this week's slot has passed
    }
    monday = addDays(monday, 7);
  }
}

/**
 * Whether a deliverable still owed belongs in the digest of `date`: its last escalation level has
 * told its bodies, and at least `repeatEveryDays` have passed since they last heard of it (from that
 * level or from an earlier digest). So "weekly after that" (DOMAIN.md) holds per deliverable, moved
 * to the next digest day: never sooner than the repeat interval, at most six days later.
 */
export function dueForWeeklyUrging(
  d: { dueDate: IsoDate; lastUrgedOn: IsoDate | null },
  policy: EscalationPolicy,
  date: IsoDate,
  cal: WorkingCalendar,
): { due: boolean; workingDaysOverdue: number } {
  const deadline = effectiveDeadline(d.dueDate, cal);
  const workingDaysOverdue = cal.workingDaysBetween(deadline, date);
  const last = policy.levels[policy.levels.length - 1];
  if (!last || !policy.repeatEveryDays || policy.repeatEveryDays <= 0)
    return { due: false, workingDaysOverdue };
  const lastLevel = cal.addWorkingDays(deadline, last.afterWorkingDays);
  // An urging before the current deadline's chain ended (the due date moved since) does not count.
  const since = d.lastUrgedOn && d.lastUrgedOn > lastLevel ? d.lastUrgedOn : lastLevel;
  return { due: addDays(since, policy.repeatEveryDays) <= date, workingDaysOverdue };
}
