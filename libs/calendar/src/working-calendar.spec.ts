import { WorkingCalendar } from './working-calendar';

describe('WorkingCalendar (weekends)', () => {
  const cal = new WorkingCalendar();
  it('rolls a Saturday forward to Monday', () => {
    expect(cal.rollForward('2021-09-11')).toBe('2021-09-13');
  });
  it('counts working days backwards across a weekend', () => {
    expect(cal.addWorkingDays('2021-09-13', -1)).toBe('2021-09-10');
  });
  it('places the next reminder slot at 08:00 Vietnam time', () => {
    expect(cal.nextReminderSlot('2021-09-10T02:00:00.000Z')).toBe('2021-09-13T01:00:00.000Z');
  });
});
