import fc from 'fast-check';
import { addDays, daysBetween } from './iso-date.util';
import { lunarDateInYear, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.util';

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2021, '2021-02-12', '2021-04-21'],
    [2022, '2022-02-01', '2022-04-10'],
    [2023, '2023-01-22', '2023-04-29'],
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
  ])('%i: Tết on %s, Giỗ Tổ Hùng Vương (10/3) on %s', (year, tet, hungKings) => {
    expect(lunarNewYear(year)).toBe(tet);
    expect(lunarDateInYear(year, 3, 10)).toBe(hungKings);
  });

  it('uses the UTC+7 meridian, where Vietnam and China differ (Tết 1985, 2007)', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21'); // China: 1985-02-20
    expect(lunarNewYear(2007)).toBe('2007-02-17'); // China: 2007-02-18
  });

  it('knows the month lengths of the notices: 30 tháng Chạp in 2024, only 29 in 2025', () => {
    expect(solarToLunar('2024-02-09')).toMatchObject({ month: 12, day: 30 });
    expect(solarToLunar('2025-01-28')).toMatchObject({ month: 12, day: 29 });
  });

  it('inverts its own labels in the 2033 problem window, where date-chinese alone does not', () => {
    for (const d of ['2033-09-23', '2033-12-22', '2034-01-01', '2034-01-19', '2034-01-20']) {
      expect(lunarToSolar(solarToLunar(d))).toBe(d);
    }
  });

  it('refuses a lunar date that does not exist', () => {
    const l = solarToLunar('2025-01-28'); // 29 tháng Chạp, the last day of a 29-day month
    expect(() => lunarToSolar({ ...l, day: 30 })).toThrow(RangeError);
  });

  it('round-trips solar -> lunar -> solar over 1990-2050', () => {
    const first = '1990-01-01';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: daysBetween(first, '2050-12-31') }), (n) => {
        const d = addDays(first, n);
        const l = solarToLunar(d);
        expect(l.month).toBeGreaterThanOrEqual(1);
        expect(l.month).toBeLessThanOrEqual(12);
        expect(l.day).toBeGreaterThanOrEqual(1);
        expect(l.day).toBeLessThanOrEqual(30);
        expect(lunarToSolar(l)).toBe(d);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every single day of 1990-2050 (exhaustive; a few seconds)', () => {
    const failures: string[] = [];
    for (let d = '1990-01-01'; d <= '2050-12-31'; d = addDays(d, 1)) {
      if (lunarToSolar(solarToLunar(d)) !== d) failures.push(d);
    }
    expect(failures).toEqual([]);
  });

  it('puts every Tết between 21 January and 20 February, on lunar 1/1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2050 }), (year) => {
        const tet = lunarNewYear(year);
        expect(tet >= `${year}-01-21` && tet <= `${year}-02-20`).toBe(true);
        expect(solarToLunar(tet)).toMatchObject({ month: 1, leap: false, day: 1 });
      }),
      { numRuns: 61 },
    );
  });
});
