import { addDays, vnDateOf, vnInstant, WorkingCalendar } from '@dondoc/calendar';

/** The next opening of the send window on a working day, strictly after `now` (Vietnam time). */
export function nextWindowOpening(now: string, opensAtMinute: number, cal: WorkingCalendar): string {
  for (let day = vnDateOf(now); ; day = addDays(day, 1)) {
    const at = vnInstant(day, 0, opensAtMinute);
    if (at > now && cal.isWorkingDay(day)) return at;
  }
}
