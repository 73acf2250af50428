import {
  addDays,
  daysBetween,
  isIsoDate,
  isoDateOfDay,
  isoDayNumber,
  parseIsoDate,
  vnDateOf,
  vnInstant,
  weekday,
} from './iso-date.util';

// The integer arithmetic must answer exactly as the Date-based code it replaced: these are that code.
const DAY_MS = 86_400_000;
const reference = {
  format: (ms: number) => new Date(ms).toISOString().slice(0, 10),
  parse(d: string) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${d}`);
    const [y, m, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (reference.format(Date.UTC(y, m - 1, day)) !== d) throw new RangeError(`No such date: ${d}`);
    return { y, m, d: day };
  },
  ms(d: string) {
    const p = reference.parse(d);
    return Date.UTC(p.y, p.m - 1, p.d);
  },
};

describe('ISO dates as day numbers', () => {
  it('matches Date on every day from 1900 to 2100 and on every 37th from 0100-01-01 to 9999-12-31', () => {
    const first = isoDayNumber('0100-01-01');
    const last = isoDayNumber('9999-12-31');
    expect(first).toBe(reference.ms('0100-01-01') / DAY_MS);
    expect(last).toBe(reference.ms('9999-12-31') / DAY_MS);
    const [dense, denseEnd] = [isoDayNumber('1900-01-01'), isoDayNumber('2100-12-31')];
    const wrong: string[] = []; // one expect at the end: ~10⁵ days, each through four functions
    for (let n = first; n <= last; n += n >= dense && n <= denseEnd ? 1 : 37) {
      const d = reference.format(n * DAY_MS);
      const p = reference.parse(d);
      const parsed = parseIsoDate(d);
      if (
        isoDateOfDay(n) !== d ||
        isoDayNumber(d) !== n ||
        parsed.y !== p.y ||
        parsed.m !== p.m ||
        parsed.d !== p.d ||
        weekday(d) !== new Date(n * DAY_MS).getUTCDay()
      )
        wrong.push(d);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses what Date refused, with the same message', () => {
    for (const bad of [
      '2021-02-29',
      '2100-02-29',
      '2021-13-01',
      '2021-00-10',
      '2021-04-31',
      '2021-01-00',
      '0099-12-31',
      '0000-01-01',
      '2021-1-01',
      '2021/01/01',
      ' 2021-01-01',
      '2021-01-01\n',
      '２０２１-01-01',
      '',
      '20210101xx',
    ]) {
      const expected = (() => {
        try {
          return reference.parse(bad);
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(() => parseIsoDate(bad)).toThrow(new RangeError(expected as string));
      expect(() => isoDayNumber(bad)).toThrow(new RangeError(expected as string));
      expect(() => addDays(bad, 1)).toThrow(new RangeError(expected as string));
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('adds, subtracts and formats as the millisecond sums did, beyond the four-digit years too', () => {
    const cases: [string, number][] = [
      ['2021-08-13', 0],
      ['2021-08-13', 140],
      ['2021-12-31', 1],
      ['2024-02-28', 1],
      ['2025-01-01', -1],
      ['9999-12-31', 1],
      ['0100-01-01', -1],
      ['2021-08-13', 0.5],
      ['2021-08-13', -0.5],
    ];
    for (const [d, n] of cases) expect(addDays(d, n)).toBe(reference.format(reference.ms(d) + n * DAY_MS));
    expect(daysBetween('2021-08-13', '2025-12-31')).toBe(1601);
    expect(() => addDays('2021-08-13', Number.NaN)).toThrow(RangeError);
  });

  it('places Vietnamese instants and dates as before', () => {
    const instants = [
      '2021-08-12T16:59:59.999Z',
      '2021-08-12T17:00:00.000Z',
      '1969-12-31T17:00:00.000Z',
      '1969-12-31T16:59:59.999Z',
      '2025-12-31T23:59:59.999Z',
    ];
    for (const i of instants) {
      const ms = Date.parse(i) + 7 * 3_600_000;
      expect(vnDateOf(i)).toBe(reference.format(ms));
      expect(vnDateOf(Date.parse(i))).toBe(reference.format(ms));
      expect(vnDateOf(new Date(i))).toBe(reference.format(ms));
    }
    expect(vnDateOf(-0.5)).toBe(reference.format(-0.5 + 7 * 3_600_000));
    expect(() => vnDateOf('not an instant')).toThrow(RangeError);
    expect(vnInstant('2021-08-13', 8)).toBe('2021-08-13T01:00:00.000Z');
    expect(vnInstant('2021-08-13', 7, 30)).toBe(
      new Date(reference.ms('2021-08-13') + 30 * 60_000).toISOString(),
    );
  });
});
