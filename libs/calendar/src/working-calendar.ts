import { addDays, IsoDate, vnDateOf, vnInstant, weekday } from './iso-date.util';

/** Hour (Vietnam time) at which reminders go out on a working day. */
export const REMINDER_HOUR = 8;

/**
 * Working days in Vietnam. Pure and sandbox-safe: workflows use it to place timers.
 */
export class WorkingCalendar {
  isWorkingDay(d: IsoDate): boolean {
    const wd = weekday(d);
    return wd !== 0 && wd !== 6;
  }

  /** `d` itself when it is a working day, else the next working day. */
  rollForward(d: IsoDate): IsoDate {
    let day = d;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** `n` working days after `d` (before it when `n` is negative); `d` itself need not be a working day. */
  addWorkingDays(d: IsoDate, n: number): IsoDate {
    const step = n < 0 ? -1 : 1;
    let day = d;
    for (let left = Math.abs(n); left > 0; ) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** The first reminder slot (08:00 on a working day) at or after an instant. */
  nextReminderSlot(after: string): string {
    let day = vnDateOf(after);
    for (;;) {
      const slot = vnInstant(day, REMINDER_HOUR);
      if (this.isWorkingDay(day) && slot >= new Date(after).toISOString()) return slot;
      day = addDays(day, 1);
    }
  }
}
