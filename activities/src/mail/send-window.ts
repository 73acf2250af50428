import { vnDateOf, WorkingCalendar } from '@dondoc/calendar';
import type { SendWindow } from '@dondoc/config';
import { nextWindowOpening } from '@dondoc/domain';

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
  const minute = vnMinuteOfDay(at);
  if (cal.isWorkingDay(vnDateOf(at)) && minute >= window.fromMinute && minute < window.toMinute) return null;
  return nextWindowOpening(at, window.fromMinute, cal);
}
