import fc from 'fast-check';
import { addDays, daysBetween, IsoDate, vnDateOf, vnInstant, weekday } from './iso-date.util';
import { REMINDER_HOUR, WorkingCalendar } from './working-calendar';

const FIRST: IsoDate = '1990-01-01';
const LAST: IsoDate = '2050-12-31';
const dateArb = fc.integer({ min: 0, max: daysBetween(FIRST, LAST) }).map((n) => addDays(FIRST, n));
const instantArb = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2050, 11, 31) })
  .map((ms) => new Date(ms).toISOString());

describe.each([
  ['the shipped notices', new WorkingCalendar()],
  ['statutory rules only', new WorkingCalendar({ notices: [] })],
])('WorkingCalendar properties with %s', (_name, cal) => {
  it('rollForward lands on a working day, never earlier, skipping only days off, and is idempotent', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const r = cal.rollForward(d);
        expect(r >= d).toBe(true);
        expect(cal.isWorkingDay(r)).toBe(true);
        expect(cal.rollForward(r)).toBe(r);
        expect(cal.deadlineEnd(d)).toBe(r);
        if (r > d) expect(cal.daysOff(d, addDays(r, -1))).toHaveLength(daysBetween(d, r));
      }),
    );
  });

  it('addWorkingDays is strictly monotone in n and lands on working days for n ≠ 0', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: -40, max: 40 }),
        (d, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const x = cal.addWorkingDays(d, lo);
          const y = cal.addWorkingDays(d, hi);
          if (lo < hi) expect(x < y).toBe(true);
          if (lo !== 0) expect(cal.isWorkingDay(x)).toBe(true);
          if (hi !== 0) expect(cal.isWorkingDay(y)).toBe(true);
        },
      ),
    );
  });

  it('workingDaysBetween inverts addWorkingDays', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40, max: 40 }), (d, n) => {
        expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
      }),
    );
  });

  it('daysOff agrees with isWorkingDay and reasonOff, sorted and inclusive', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), (from, length) => {
        const to = addDays(from, length);
        const all = Array.from({ length: length + 1 }, (_, i) => addDays(from, i));
        expect(cal.daysOff(from, to)).toEqual(all.filter((d) => !cal.isWorkingDay(d)));
        for (const d of all) expect(cal.reasonOff(d) === null).toBe(cal.isWorkingDay(d));
      }),
    );
  });

  it('nextReminderSlot is the first 08:00 on a working day at or after the instant', () => {
    fc.assert(
      fc.property(instantArb, (after) => {
        const slot = cal.nextReminderSlot(after);
        const day = vnDateOf(slot);
        expect(slot).toBe(vnInstant(day, REMINDER_HOUR));
        expect(slot >= after).toBe(true);
        expect(cal.isWorkingDay(day)).toBe(true);
        const today = vnDateOf(after);
        const todayCounts = vnInstant(today, REMINDER_HOUR) >= after;
        expect(day).toBe(cal.rollForward(todayCounts ? today : addDays(today, 1)));
      }),
    );
  });
});

describe('statutory calendar over 1990-2050', () => {
  const cal = new WorkingCalendar({ notices: [] });
  it('takes exactly 11 days off on Monday-Friday every year (holidays on a weekend are compensated)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2050 }), (year) => {
        const mondayToFriday = cal
          .daysOff(`${year}-01-01`, `${year}-12-31`)
          .filter((d) => weekday(d) % 6 !== 0);
        expect(mondayToFriday).toHaveLength(11);
      }),
      { numRuns: 61 },
    );
  });
});
