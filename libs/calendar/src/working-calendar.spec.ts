import { addDays, IsoDate, weekday } from './iso-date.util';
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

/** Each holiday break as the notices announce it: every day in it off, the days around it working. */
const BREAKS: Record<number, [IsoDate, IsoDate][]> = {
  2021: [
    ['2021-01-01', '2021-01-03'],
    ['2021-02-10', '2021-02-16'],
    ['2021-04-21', '2021-04-21'],
    ['2021-04-30', '2021-05-03'],
    ['2021-09-02', '2021-09-05'],
  ],
  2022: [
    ['2022-01-01', '2022-01-03'],
    ['2022-01-29', '2022-02-06'],
    ['2022-04-09', '2022-04-11'],
    ['2022-04-30', '2022-05-03'],
    ['2022-09-01', '2022-09-04'],
  ],
  2023: [
    ['2022-12-31', '2023-01-02'],
    ['2023-01-20', '2023-01-26'],
    ['2023-04-29', '2023-05-03'],
    ['2023-09-01', '2023-09-04'],
  ],
  2024: [
    ['2023-12-30', '2024-01-01'],
    ['2024-02-08', '2024-02-14'],
    ['2024-04-18', '2024-04-18'],
    ['2024-04-27', '2024-05-01'],
    ['2024-08-31', '2024-09-03'],
  ],
  2025: [
    ['2025-01-01', '2025-01-01'],
    ['2025-01-25', '2025-02-02'],
    ['2025-04-05', '2025-04-07'],
    ['2025-04-30', '2025-05-04'],
    ['2025-08-30', '2025-09-02'],
  ],
  2026: [
    ['2026-01-01', '2026-01-04'],
    ['2026-02-14', '2026-02-22'],
    ['2026-04-25', '2026-04-27'],
    ['2026-04-30', '2026-05-03'],
    ['2026-08-29', '2026-09-02'],
  ],
};

/** Monday-Friday days off per year: the 11 statutory days (compensated when on a weekend) plus notice swaps. */
const WEEKDAYS_OFF: Record<number, number> = { 2021: 11, 2022: 11, 2023: 11, 2024: 12, 2025: 12, 2026: 13 };

const dates = (from: IsoDate, to: IsoDate): IsoDate[] => {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('WorkingCalendar with the shipped notices, 2021-2026', () => {
  const cal = new WorkingCalendar();

  describe.each(Object.entries(BREAKS))('%s', (year, breaks) => {
    it.each(breaks)('is off from %s to %s, and works the day before and after', (from, to) => {
      expect(dates(from, to).filter((d) => cal.isWorkingDay(d))).toEqual([]);
      expect(cal.isWorkingDay(addDays(from, -1))).toBe(true);
      expect(cal.isWorkingDay(addDays(to, 1))).toBe(true);
    });

    it('has no other weekday off', () => {
      const weekdaysOff = cal.daysOff(`${year}-01-01`, `${year}-12-31`).filter((d) => weekday(d) % 6 !== 0);
      expect(weekdaysOff).toHaveLength(WEEKDAYS_OFF[Number(year)]);
      for (const d of weekdaysOff) expect(breaks.some(([from, to]) => from <= d && d <= to)).toBe(true);
    });
  });

  it.each([
    ['2021-04-21', 'Giỗ Tổ Hùng Vương'],
    ['2022-04-10', 'Giỗ Tổ Hùng Vương'],
    ['2023-04-29', 'Giỗ Tổ Hùng Vương'],
    ['2024-04-18', 'Giỗ Tổ Hùng Vương'],
    ['2025-04-07', 'Giỗ Tổ Hùng Vương'],
    ['2026-04-26', 'Giỗ Tổ Hùng Vương'],
    ['2021-02-12', 'Tết Nguyên Đán'],
    ['2024-02-08', 'Tết Nguyên Đán'],
    ['2025-01-27', 'Tết Nguyên Đán'],
    ['2026-02-16', 'Tết Nguyên Đán'],
    ['2024-04-30', 'Ngày Chiến thắng'],
    ['2024-05-01', 'Ngày Quốc tế lao động'],
    ['2024-09-03', 'Quốc khánh'],
    ['2022-09-01', 'Quốc khánh'],
    ['2021-09-04', 'Thứ Bảy'],
    ['2021-09-05', 'Chủ Nhật'],
  ])('names %s as %s', (date, reason) => {
    expect(cal.reasonOff(date)).toBe(reason);
  });

  it.each([
    ['2022-01-03', 'Nghỉ bù Tết Dương lịch (01/01)'],
    ['2022-04-11', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/04)'],
    ['2022-05-02', 'Nghỉ bù Ngày Chiến thắng (30/04)'],
    ['2022-05-03', 'Nghỉ bù Ngày Quốc tế lao động (01/05)'],
    ['2023-01-02', 'Nghỉ bù Tết Dương lịch (01/01)'],
    ['2023-05-02', 'Nghỉ bù Giỗ Tổ Hùng Vương (29/04)'],
    ['2023-05-03', 'Nghỉ bù Ngày Chiến thắng (30/04)'],
    ['2023-09-04', 'Nghỉ bù Quốc khánh (02/09)'],
    ['2024-02-13', 'Nghỉ bù Tết Nguyên Đán (10/02)'],
    ['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04)'],
  ])('gives the compensatory day %s (%s)', (date, reason) => {
    expect(cal.reasonOff(date)).toBe(reason);
  });

  it.each([
    ['2024-04-29', '2024-05-04'],
    ['2025-05-02', '2025-04-26'],
    ['2026-01-02', '2026-01-10'],
    ['2026-08-31', '2026-08-22'],
  ])('swaps %s off for Saturday %s worked', (off, worked) => {
    expect(cal.reasonOff(off)).toMatch(/^Hoán đổi/);
    expect(cal.isWorkingDay(worked)).toBe(true);
    expect(cal.reasonOff(worked)).toBeNull();
  });
});

describe('WorkingCalendar without notices (statutory rules only)', () => {
  const cal = new WorkingCalendar({ notices: [] });

  it('takes the last day of the lunar year and mùng 1-4 as Tết, compensating weekend days', () => {
    // 2024: 30 tháng Chạp = Fri 09/02; mùng 1-2 on Sat/Sun -> Wed 14/02 and Thu 15/02.
    expect(cal.daysOff('2024-02-07', '2024-02-16')).toEqual(dates('2024-02-09', '2024-02-15'));
  });

  it('ignores the notice swaps', () => {
    expect(cal.isWorkingDay('2024-04-29')).toBe(true);
    expect(cal.isWorkingDay('2024-05-04')).toBe(false);
  });

  it('takes 1/9 beside Quốc khánh, but 3/9 when 2/9 is a Thursday', () => {
    expect(cal.reasonOff('2027-09-03')).toBe('Quốc khánh'); // 2/9/2027 is a Thursday
    expect(cal.isWorkingDay('2027-09-01')).toBe(true);
    expect(cal.reasonOff('2028-09-01')).toBe('Quốc khánh'); // 2/9/2028 is a Saturday
    expect(cal.reasonOff('2028-09-04')).toBe('Nghỉ bù Quốc khánh (02/09)');
  });

  it('puts a compensatory day after the holidays that follow the weekend one', () => {
    // 2028: 30/4 is a Sunday and 1/5 a Monday, so 30/4 is compensated on Tuesday 2/5.
    expect(cal.reasonOff('2028-05-01')).toBe('Ngày Quốc tế lao động');
    expect(cal.reasonOff('2028-05-02')).toBe('Nghỉ bù Ngày Chiến thắng (30/04)');
  });

  it('compensates two weekend holidays in a row with two distinct days', () => {
    // 2023 by statute alone: Giỗ Tổ on Sat 29/4, 30/4 on Sunday, 1/5 Monday -> Tue 2/5 and Wed 3/5.
    expect(cal.daysOff('2023-04-29', '2023-05-04')).toEqual(dates('2023-04-29', '2023-05-03'));
  });
});

describe('deadlines and counting', () => {
  const cal = new WorkingCalendar();

  it('ends a period whose last day is a day off at the next working day (Civil Code art. 148)', () => {
    expect(cal.deadlineEnd('2024-02-10')).toBe('2024-02-15');
    expect(cal.deadlineEnd('2024-04-30')).toBe('2024-05-02');
    expect(cal.deadlineEnd('2024-05-02')).toBe('2024-05-02');
  });

  it('counts a working Saturday as a working day', () => {
    expect(cal.addWorkingDays('2024-05-03', 1)).toBe('2024-05-04');
    expect(cal.addWorkingDays('2024-04-26', 1)).toBe('2024-05-02');
  });

  it('counts working days remaining and passed', () => {
    expect(cal.workingDaysBetween('2024-02-07', '2024-02-16')).toBe(2); // 15 and 16 Feb
    expect(cal.workingDaysBetween('2024-02-16', '2024-02-07')).toBe(-2); // 7 and 15 Feb
    expect(cal.workingDaysBetween('2024-02-10', '2024-02-10')).toBe(0);
  });

  it('lists days off inclusively and sorted, and refuses an empty range', () => {
    expect(cal.daysOff('2024-04-27', '2024-05-04')).toEqual(dates('2024-04-27', '2024-05-01'));
    expect(cal.daysOff('2024-05-05', '2024-05-05')).toEqual(['2024-05-05']);
    expect(() => cal.daysOff('2024-05-06', '2024-05-05')).toThrow(RangeError);
    expect(() => cal.daysOff('2024-02-30', '2024-05-05')).toThrow(RangeError);
  });

  it('sends reminders at 08:00 on the first working day after a holiday break', () => {
    expect(cal.nextReminderSlot('2024-02-08T00:00:00.000Z')).toBe('2024-02-15T01:00:00.000Z');
    expect(cal.nextReminderSlot('2024-02-07T01:00:00.000Z')).toBe('2024-02-07T01:00:00.000Z');
  });
});

describe('constructor data', () => {
  it('takes an admin notice for a later year', () => {
    const cal = new WorkingCalendar({
      notices: [
        {
          year: 2027,
          source: 'test',
          national_day_adjacent: '2027-09-01',
          days_off: [{ date: '2027-09-03', reason: 'Hoán đổi' }],
          working_days: [{ date: '2027-09-11', reason: 'Làm bù' }],
        },
      ],
    });
    expect(cal.daysOff('2027-08-31', '2027-09-12')).toEqual([
      '2027-09-01',
      '2027-09-02',
      '2027-09-03',
      '2027-09-04',
      '2027-09-05',
      '2027-09-12',
    ]);
  });

  it('refuses a bad notice with the path of the problem', () => {
    expect(
      () =>
        new WorkingCalendar({ notices: [{ year: 2027, source: 't', national_day_adjacent: '2027-09-05' }] }),
    ).toThrow(/2027 \/national_day_adjacent/);
  });

  it('refuses two notices that disagree on the same choice', () => {
    const notices = [
      { year: 2027, source: 'a', national_day_adjacent: '2027-09-01' },
      { year: 2027, source: 'b', national_day_adjacent: '2027-09-03' },
    ];
    expect(() => new WorkingCalendar({ notices })).toThrow(/disagree on national_day_adjacent/);
  });
});
