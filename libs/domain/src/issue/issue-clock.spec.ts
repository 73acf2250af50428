import { vnInstant, WorkingCalendar } from '@dondoc/calendar';
import { issueSteps, pauseClock, resumeClock, startClock } from './issue-clock';
import { DEFAULT_ISSUE_LIMITS as L } from './issue-limits';

const cal = new WorkingCalendar();
// Monday 6 September 2021, 10:00 in Vietnam (2/9 and 3/9 were the National Day holidays).
const MON = vnInstant('2021-09-06', 10);
const until = '2022-01-01T00:00:00.000Z';

describe('issue clocks', () => {
  it('counts the limit in working days from the day after the event', () => {
    expect(startClock('acknowledge', 'btg', MON, L, cal).limitDate).toBe('2021-09-08');
    // Friday + 2 working days skips the weekend.
    expect(startClock('acknowledge', 'btg', vnInstant('2021-09-10', 9), L, cal).limitDate).toBe('2021-09-14');
    expect(startClock('handle', 'btg', MON, L, cal).limitDate).toBe('2021-09-20');
  });

  it('reminds BTG the first working morning after the limit, tells BTV after the grace, then weekly', () => {
    const clock = startClock('acknowledge', 'btg', vnInstant('2021-09-08', 9), L, cal); // limit Fri 10/9
    const [reminder, escalation, weekly] = issueSteps(clock, L, cal, until);
    expect(reminder).toMatchObject({ kind: 'limit-reminder', date: '2021-09-13', notify: ['btg'] });
    expect(reminder.at).toBe(vnInstant('2021-09-13', 8));
    expect(escalation).toMatchObject({ kind: 'limit-escalation', date: '2021-09-15', notify: ['btv'] });
    expect(weekly).toMatchObject({ kind: 'limit-repeat', date: '2021-09-22', notify: ['btv', 'btg'] });
  });

  it('reminds BTV and then repeats weekly, with no level above it', () => {
    const clock = startClock('direction', 'btv', MON, L, cal);
    const steps = issueSteps(clock, L, cal, until).slice(0, 3);
    expect(steps.map((s) => s.kind)).toEqual(['limit-reminder', 'limit-repeat', 'limit-repeat']);
    expect(steps.every((s) => s.notify.join() === 'btv')).toBe(true);
  });

  it('closes a resolved issue by itself once the objection window has passed', () => {
    const steps = issueSteps(startClock('close', 'reporter', MON, L, cal), L, cal, until);
    expect(steps).toEqual([expect.objectContaining({ kind: 'auto-close', date: '2021-09-14' })]);
  });

  it('moves a paused limit by exactly the working days it was paused', () => {
    const clock = startClock('handle', 'btg', MON, L, cal); // limit Mon 20/9
    const paused = pauseClock(clock, vnInstant('2021-09-08', 15)); // Wed
    const resumed = resumeClock(paused, vnInstant('2021-09-13', 11), cal); // next Mon: Thu, Fri, Mon = 3
    expect(resumed.limitDate).toBe(cal.addWorkingDays('2021-09-20', 3));
    expect(cal.workingDaysBetween(clock.limitDate, resumed.limitDate)).toBe(3);
    expect(resumeClock(paused, vnInstant('2021-09-08', 17), cal).limitDate).toBe('2021-09-20');
  });

  it('gives steps of a moved limit new ids, so a step of the old limit is never confused with them', () => {
    const a = startClock('handle', 'btg', MON, L, cal);
    const b = resumeClock(pauseClock(a, MON), vnInstant('2021-09-07', 9), cal);
    expect(issueSteps(a, L, cal, until)[0].id).not.toBe(issueSteps(b, L, cal, until)[0].id);
  });
});
