import { IsoDate, REMINDER_HOUR, vnInstant, WorkingCalendar } from '@dondoc/calendar';

export interface ReminderSlot {
  /** Working days left before the deadline when this reminder goes out (0 = the morning of the due date). */
  offset: number;
  date: IsoDate;
  /** ISO-8601 UTC instant: 08:00 Asia/Ho_Chi_Minh on a working day. */
  at: string;
}

/**
 * The deadline that counts (Civil Code 2015 art. 148): a due date on a day off moves to the next
 * working day.
 */
export function effectiveDueDate(due: IsoDate, cal: WorkingCalendar): IsoDate {
  return cal.rollForward(due);
}

/** Reminder slots for a due date and offsets in working days, earliest first, one per day. */
export function reminderSchedule(
  due: IsoDate,
  offsets: readonly number[],
  cal: WorkingCalendar,
): ReminderSlot[] {
  const deadline = effectiveDueDate(due, cal);
  const byDate = new Map<IsoDate, ReminderSlot>();
  for (const offset of [...new Set(offsets)].sort((a, b) => b - a)) {
    const date = offset === 0 ? deadline : cal.addWorkingDays(deadline, -offset);
    if (!byDate.has(date)) byDate.set(date, { offset, date, at: vnInstant(date, REMINDER_HOUR) });
  }
  return [...byDate.values()].sort((a, b) => a.at.localeCompare(b.at));
}
