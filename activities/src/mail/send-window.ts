import { addDays, vnDateOf, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import type { SendWindow } from '@dondoc/config';

const VN_OFFSET_MS = 7 * 60 * 60_000;

/** Minutes since midnight in Vietnam of an instant. */
function vnMinuteOfDay(instant: string): number {
  const ms = Date.parse(instant) + VN_OFFSET_MS;
  return Math.floor((ms % 86_400_000) / 60_000);
}

/**
 * When a mail that arises at `at` may go: null if now (inside the window on a working day, or no
 * window), otherwise the next opening of the window on a working day. A province-wide wave thus
 * never reaches a relay at night or on a holiday, and nobody is mailed at 22:00.
 */
export function nextSendInstant(at: string, window: SendWindow, cal: WorkingCalendar): string | null {
  if (!window) return null;
  const date = vnDateOf(at);
  const minute = vnMinuteOfDay(at);
  if (cal.isWorkingDay(date) && minute >= window.fromMinute && minute < window.toMinute) return null;
  let day = cal.isWorkingDay(date) && minute < window.fromMinute ? date : addDays(date, 1);
  while (!cal.isWorkingDay(day)) day = addDays(day, 1);
  return vnInstant(day, 0, window.fromMinute);
}
