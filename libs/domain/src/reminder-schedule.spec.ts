import { WorkingCalendar } from '@dondoc/calendar';
import { effectiveDueDate, reminderSchedule } from './reminder-schedule';

describe('reminderSchedule', () => {
  const cal = new WorkingCalendar();

  it('places reminders at 08:00 Vietnam time on working days before the deadline', () => {
    // Due Monday 13/09/2021: 1 working day before is Friday 10/09.
    const slots = reminderSchedule('2021-09-13', [3, 1, 0], cal);
    expect(slots.map((s) => [s.offset, s.date, s.at])).toEqual([
      [3, '2021-09-08', '2021-09-08T01:00:00.000Z'],
      [1, '2021-09-10', '2021-09-10T01:00:00.000Z'],
      [0, '2021-09-13', '2021-09-13T01:00:00.000Z'],
    ]);
  });

  it('moves a deadline on a day off to the next working day before counting back', () => {
    expect(effectiveDueDate('2021-09-12', cal)).toBe('2021-09-13');
    expect(reminderSchedule('2021-09-12', [0], cal)[0].date).toBe('2021-09-13');
  });

  it('never schedules a reminder on a day off and keeps one per day', () => {
    const slots = reminderSchedule('2021-09-13', [10, 5, 3, 1, 0, 0, 1], cal);
    expect(slots).toHaveLength(5);
    for (const s of slots) expect(cal.isWorkingDay(s.date)).toBe(true);
  });
});
