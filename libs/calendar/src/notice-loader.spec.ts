import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addDays } from './iso-date.util';
import {
  DEFAULT_NOTICES_DIR,
  loadNotices,
  loadWorkingCalendar,
  NoticeValidationError,
  parseNotice,
} from './notice-loader';
import { SHIPPED_NOTICES } from './shipped-notices';
import { WorkingCalendar } from './working-calendar';

describe('shipped notices folder', () => {
  it('is found from the source file, not the cwd', () => {
    expect(path.isAbsolute(DEFAULT_NOTICES_DIR)).toBe(true);
    expect(DEFAULT_NOTICES_DIR.endsWith(path.join('plans', 'calendar', 'notices'))).toBe(true);
  });

  it('validates, one notice a year from 2021 to 2026, each citing its source', () => {
    const notices = loadNotices();
    expect(notices.map((n) => n.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    for (const n of notices) expect(n.source).toMatch(/\d+\/(TB-LĐTBXH|VPCP-KGVX)/);
  });

  it('is exactly what shipped-notices.ts bundles for the sandbox (add new years there too)', () => {
    expect(SHIPPED_NOTICES).toEqual(loadNotices());
  });

  it('builds the same calendar as the default constructor', () => {
    const loaded = loadWorkingCalendar();
    const shipped = new WorkingCalendar();
    expect(loaded.daysOff('2021-01-01', '2026-12-31')).toEqual(shipped.daysOff('2021-01-01', '2026-12-31'));
  });
});

describe('a malformed notice', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-notices-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: unknown) =>
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

  function loadError(): NoticeValidationError {
    try {
      loadNotices(dir);
    } catch (e) {
      if (e instanceof NoticeValidationError) return e;
      throw e;
    }
    throw new Error('expected a NoticeValidationError');
  }

  it('names the file, the path and the reason for a date that does not exist', () => {
    write('2027.json', { year: 2027, source: 'test', days_off: [{ date: '2027-02-30', reason: 'x' }] });
    const error = loadError();
    expect(error.file).toBe(path.join(dir, '2027.json'));
    expect(error.path).toBe('/days_off/0/date');
    expect(error.reason).toMatch(/format "date"/);
    expect(error.message).toContain(
      `${path.join(dir, '2027.json')}: /days_off/0/date: must match format "date"`,
    );
    expect(error.code).toBe('validation');
  });

  it('names a missing or unknown property', () => {
    write('2027.json', { year: 2027, days_of: [] });
    const error = loadError();
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { path: '/source', reason: "must have required property 'source'" },
        { path: '/days_of', reason: 'unknown property "days_of"' },
      ]),
    );
  });

  it('reports invalid JSON', () => {
    write('2027.json', '{ "year": 2027, ');
    expect(loadError()).toMatchObject({ path: '', reason: expect.stringMatching(/^invalid JSON/) });
  });

  it('refuses a year that differs from the file name', () => {
    write('2027.json', { year: 2028, source: 'test' });
    expect(loadError()).toMatchObject({ path: '/year', reason: 'is 2028 but the file is named for 2027' });
  });

  it('refuses Tết days far from Tết and a national-day choice other than 1/9 or 3/9', () => {
    const tet = '2027-02-06';
    write('2027.json', {
      year: 2027,
      source: 'test',
      tet_days: [tet, addDays(tet, 1), addDays(tet, 2), addDays(tet, 3), '2027-06-01'],
      national_day_adjacent: '2027-09-04',
    });
    expect(loadError().problems).toEqual([
      { path: '/tet_days/4', reason: expect.stringMatching(/not near Tết 2027/) },
      { path: '/national_day_adjacent', reason: 'must be 2027-09-01 or 2027-09-03' },
    ]);
  });

  it('refuses a day listed both off and working', () => {
    const day = { date: '2027-05-03', reason: 'x' };
    write('2027.json', { year: 2027, source: 'test', days_off: [day], working_days: [day] });
    expect(loadError()).toMatchObject({ path: '/working_days/0/date' });
  });

  it('refuses a JSON file not named <year>.json', () => {
    write('2027-draft.json', { year: 2027, source: 'test' });
    expect(loadError()).toMatchObject({ file: path.join(dir, '2027-draft.json') });
  });

  it('reports a folder that cannot be read', () => {
    expect(() => loadNotices(path.join(dir, 'missing'))).toThrow(NoticeValidationError);
  });

  it('loads a valid admin notice and applies it', () => {
    write('2027.json', {
      year: 2027,
      source: 'test',
      days_off: [{ date: '2027-05-04', reason: 'x' }],
      working_days: [{ date: '2027-05-08', reason: 'Làm bù' }],
    });
    write('README.md', 'not a notice');
    const cal = loadWorkingCalendar(dir);
    expect(cal.isWorkingDay('2027-05-08')).toBe(true);
    expect(cal.isWorkingDay('2027-05-04')).toBe(false);
    expect(parseNotice('2027.json', fs.readFileSync(path.join(dir, '2027.json'), 'utf8')).year).toBe(2027);
  });
});
