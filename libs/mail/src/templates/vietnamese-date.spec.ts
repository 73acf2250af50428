import { formatVietnameseDate, formatVietnamTime } from './vietnamese-date';

describe('formatVietnameseDate', () => {
  it.each([
    ['2021-09-13', 'Thứ Hai, 13/09/2021'],
    ['2021-09-14', 'Thứ Ba, 14/09/2021'],
    ['2025-04-30', 'Thứ Tư, 30/04/2025'],
    ['2024-02-29', 'Thứ Năm, 29/02/2024'],
    ['2021-08-13', 'Thứ Sáu, 13/08/2021'],
    ['2024-02-10', 'Thứ Bảy, 10/02/2024'],
    ['2021-09-12', 'Chủ Nhật, 12/09/2021'],
  ])('writes %s in Vietnamese as %s', (iso, expected) => {
    expect(formatVietnameseDate(iso, 'vi')).toBe(expected);
  });

  it.each([
    ['2021-09-13', 'Monday, 13 September 2021'],
    ['2021-09-12', 'Sunday, 12 September 2021'],
    ['2023-05-19', 'Friday, 19 May 2023'],
  ])('writes %s in English as %s', (iso, expected) => {
    expect(formatVietnameseDate(iso, 'en')).toBe(expected);
  });

  it('does not depend on the process time zone', () => {
    // A local-time Date would shift 2021-09-13 to the 12th west of UTC.
    const original = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(formatVietnameseDate('2021-09-13', 'vi')).toBe('Thứ Hai, 13/09/2021');
    } finally {
      process.env.TZ = original;
    }
  });

  it.each(['2021-02-30', '13/09/2021', '2021-9-13', ''])('rejects %p', (bad) => {
    expect(() => formatVietnameseDate(bad, 'vi')).toThrow(RangeError);
  });
});

describe('formatVietnamTime', () => {
  it.each([
    ['2021-09-10T07:05:30.000Z', '10/09/2021 14:05'],
    ['2021-09-12T17:00:00.000Z', '13/09/2021 00:00'], // UTC evening is the next morning in Vietnam
    ['2021-12-31T16:59:59.999Z', '31/12/2021 23:59'],
  ])('reads %s on a Vietnamese clock as %s', (instant, expected) => {
    expect(formatVietnamTime(instant)).toBe(expected);
    expect(formatVietnamTime(new Date(instant))).toBe(expected);
  });

  it('rejects something that is not an instant', () => {
    expect(() => formatVietnamTime('yesterday')).toThrow(RangeError);
  });
});
