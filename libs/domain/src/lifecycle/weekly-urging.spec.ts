import { WorkingCalendar } from '@dondoc/calendar';
import { DEFAULT_ESCALATION } from './deliverable-terms';
import { dueForWeeklyUrging, nextWeeklyUrging } from './weekly-urging';

const cal = new WorkingCalendar();

describe('nextWeeklyUrging', () => {
  it('is Monday 08:00 Vietnam time, strictly after now', () => {
    expect(nextWeeklyUrging('2021-09-12T12:00:00.000Z', cal)).toEqual({
      date: '2021-09-13',
      at: '2021-09-13T01:00:00.000Z',
    });
    expect(nextWeeklyUrging('2021-09-13T01:00:00.000Z', cal).date).toBe('2021-09-20');
    expect(nextWeeklyUrging('2021-09-15T03:00:00.000Z', cal).date).toBe('2021-09-20');
  });

  it('moves to Tuesday after a Monday day off and skips a week with no working day', () => {
    expect(nextWeeklyUrging('2022-12-31T00:00:00.000Z', cal).date).toBe('2023-01-03'); // 2/1/2023 compensatory
    expect(nextWeeklyUrging('2022-01-25T00:00:00.000Z', cal).date).toBe('2022-02-07'); // Tết 29/1–6/2/2022
  });
});

describe('dueForWeeklyUrging', () => {
  const d = { dueDate: '2021-09-13', lastUrgedOn: null };
  it('waits a full week after BTG was told (+7 working days, 22/09/2021)', () => {
    expect(dueForWeeklyUrging(d, DEFAULT_ESCALATION, '2021-09-27', cal).due).toBe(false);
    expect(dueForWeeklyUrging(d, DEFAULT_ESCALATION, '2021-10-04', cal)).toEqual({
      due: true,
      workingDaysOverdue: 15,
    });
  });

  it('repeats a week after the previous digest, and not sooner', () => {
    const urged = { ...d, lastUrgedOn: '2021-10-04' };
    expect(dueForWeeklyUrging(urged, DEFAULT_ESCALATION, '2021-10-08', cal).due).toBe(false);
    expect(dueForWeeklyUrging(urged, DEFAULT_ESCALATION, '2021-10-11', cal).due).toBe(true);
  });

  it('restarts from the chain of a moved due date and never repeats without a repeat interval', () => {
    const moved = { dueDate: '2021-10-15', lastUrgedOn: '2021-10-11' };
    // New deadline 15/10: BTG is told at +7 working days (26/10); the old urging does not count.
    expect(dueForWeeklyUrging(moved, DEFAULT_ESCALATION, '2021-11-01', cal).due).toBe(false);
    expect(dueForWeeklyUrging(moved, DEFAULT_ESCALATION, '2021-11-08', cal).due).toBe(true);
    const never = { ...DEFAULT_ESCALATION, repeatEveryDays: null };
    expect(dueForWeeklyUrging(d, never, '2022-01-03', cal).due).toBe(false);
  });
});
