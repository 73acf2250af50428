import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addDays } from '@dondoc/calendar';
import { loadWorkingCalendar } from '@dondoc/calendar/src/notice-loader';

// Spawns the real CLI (as `npm run -s cli -- ...` does) from a foreign working directory.
const repoRoot = path.resolve(__dirname, '../../..');
const register = require.resolve('@swc-node/register', { paths: [repoRoot] });
const main = path.join(repoRoot, 'apps/cli/src/main.ts');
const planFile = path.join(repoRoot, 'plans/22-KH-TU.yaml');
const orgFile = path.join(repoRoot, 'plans/org/bac-ninh-2021.json');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--require', register, main, ...args], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json') },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Row {
  obligation: string;
  unit: string;
  period: string;
  due: string;
  reminders: string[];
}

interface FixtureUnit {
  id: string;
  type: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
}

const PARTY_LEVEL_1 = [
  'huyen-uy',
  'thi-uy',
  'thanh-uy',
  'dang-uy-khoi',
  'dang-uy-truc-thuoc',
  'ban-can-su-dang',
  'dang-doan',
];

describe('plan preview of 22-KH/TU over the Bắc Ninh 2021 fixture (acceptance)', () => {
  const cal = loadWorkingCalendar();
  const fixture = JSON.parse(fs.readFileSync(orgFile, 'utf8')) as {
    units: FixtureUnit[];
    people: { id: string }[];
  };
  const existsOn = (u: FixtureUnit, d: string) => u.validFrom <= d && (u.validTo === null || d <= u.validTo);
  let csv: string;
  let rows: Row[];
  const of = (obligation: string) => rows.filter((r) => r.obligation === obligation);
  const units = (list: Row[]) => [...new Set(list.map((r) => r.unit))].sort();

  beforeAll(() => {
    const run = cli(
      'plan',
      'preview',
      '--plan',
      planFile,
      '--org',
      orgFile,
      '--issued',
      '2021-08-13',
      '--until',
      '2025-12-31',
      '--format',
      'csv',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    csv = run.stdout;
    rows = csv
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [obligation, unit, period, due, reminders] = line.split(',');
        return { obligation, unit, period, due, reminders: reminders ? reminders.split(';') : [] };
      });
  });

  it('prints the CSV header exactly and lists all eleven obligations', () => {
    expect(csv.split('\n')[0]).toBe('obligation,unit,period,due_date,reminder_dates');
    expect(new Set(rows.map((r) => r.obligation))).toEqual(
      new Set([
        'implementation-plan',
        'grassroots-plan',
        'commitment-registration',
        'thematic-session',
        'propaganda-plan',
        'inspection-supervision',
        'annual-report',
        'provincial-summary',
        'three-year-review',
        'final-review',
        'issue-report',
      ]),
    );
  });

  it('every level-1 party unit existing then owes implementation-plan by Monday 13/9/2021 (13/8 + 30 = Sunday 12/9)', () => {
    const expected = fixture.units
      .filter((u) => PARTY_LEVEL_1.includes(u.type) && existsOn(u, '2021-09-12'))
      .map((u) => u.id);
    expect(expected).toContain('TXU-TU-SON');
    expect(units(of('implementation-plan'))).toEqual(expected.sort());
    expect(new Set(of('implementation-plan').map((r) => `${r.period} ${r.due}`))).toEqual(
      new Set(['term 2021-09-13']),
    );
  });

  it('each grassroots unit owes grassroots-plan 30 days after its superior plan (assumed accepted on its due date)', () => {
    const plans = new Map(of('implementation-plan').map((r) => [r.unit, r.due]));
    const expected = fixture.units
      .filter((u) => ['dang-bo-co-so', 'chi-bo-co-so'].includes(u.type) && plans.has(u.parentId ?? ''))
      .filter((u) => existsOn(u, addDays(plans.get(u.parentId!)!, 30)));
    expect(units(of('grassroots-plan'))).toEqual(expected.map((u) => u.id).sort());
    for (const u of expected)
      expect(of('grassroots-plan').find((r) => r.unit === u.id)?.due).toBe(
        cal.deadlineEnd(addDays(plans.get(u.parentId!)!, 30)),
      );
    expect(units(of('grassroots-plan'))).not.toContain('DBCS-TP-TS-DONG-NGAN'); // created 1/11/2021, after its cascade date
  });

  it('press agencies owe a propaganda plan each year by 30/4; members register each year; cells meet each quarter', () => {
    const press = fixture.units.filter((u) => u.type === 'co-quan-bao-chi').map((u) => u.id);
    expect(units(of('propaganda-plan'))).toEqual(press.sort());
    for (const r of of('propaganda-plan')) expect(r.due).toBe(cal.deadlineEnd(`${r.period}-04-30`));
    expect([...new Set(of('propaganda-plan').map((r) => r.period))]).toEqual([
      '2022',
      '2023',
      '2024',
      '2025',
    ]);
    expect(units(of('commitment-registration'))).toEqual(fixture.people.map((p) => p.id).sort());
    expect(of('commitment-registration')).toHaveLength(fixture.people.length * 4);
    const periods = [...new Set(of('thematic-session').map((r) => r.period))];
    expect(periods[0]).toBe('2021-Q3');
    expect(periods).toHaveLength(18);
  });

  it('yearly, summary and term-relative obligations fall where the plan says', () => {
    expect(
      of('annual-report')
        .filter((r) => r.unit === 'TU-TP-TU-SON')
        .map((r) => r.due),
    ).toEqual(['2021-11-15', '2022-11-15', '2023-11-15', '2024-11-15', '2025-11-17']);
    expect(of('provincial-summary').map((r) => `${r.unit} ${r.period} ${r.due}`)).toEqual([
      'BTG-TU 2021 2021-12-06',
      'BTG-TU 2022 2022-12-05',
      'BTG-TU 2023 2023-12-05',
      'BTG-TU 2024 2024-12-05',
      'BTG-TU 2025 2025-12-08',
    ]);
    expect(new Set(of('three-year-review').map((r) => r.due))).toEqual(new Set(['2024-05-02'])); // 30/4–1/5 are holidays
    expect(new Set(of('final-review').map((r) => r.due))).toEqual(new Set(['2025-10-31']));
    expect(units(of('inspection-supervision'))).toEqual(
      expect.arrayContaining(['MTTQ-TINH', 'CTXH-TINH-DOAN']),
    );
  });

  it('issue-report is listed once per unit, period on-event, with no due date and no reminders, after the dated rows', () => {
    const events = of('issue-report');
    expect(events.length).toBeGreaterThan(30);
    expect(events.every((r) => r.period === 'on-event' && r.due === '' && r.reminders.length === 0)).toBe(
      true,
    );
    expect(rows.slice(-events.length).every((r) => r.obligation === 'issue-report')).toBe(true);
  });

  it('no due date and no reminder date is a day off, none is before issuance, and rows are sorted', () => {
    for (const r of rows) {
      if (r.due) expect([r.due, cal.isWorkingDay(r.due)]).toEqual([r.due, true]);
      for (const d of r.reminders)
        expect([d, cal.isWorkingDay(d), d >= '2021-08-13']).toEqual([d, true, true]);
    }
    const key = (r: Row) => [r.due || '\uffff', r.obligation, r.unit, r.period].join('\u0000');
    const keys = rows.map(key);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('plan preview --format table and plan validate', () => {
  it('prints an aligned Vietnamese table with weekday names', () => {
    const run = cli(
      'plan',
      'preview',
      '--plan',
      planFile,
      '--org',
      orgFile,
      '--issued',
      '2021-08-13',
      '--until',
      '2021-09-30',
      '--format',
      'table',
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Hạn nộp +Nghĩa vụ +Đơn vị \/ người +Kỳ +Nơi nhận +Nhắc việc/m);
    expect(run.stdout).toMatch(
      /^T2 13\/09\/2021 +implementation-plan +HU-TIEN-DU +term +BTG-TU +26\/08 06\/09 08\/09 10\/09 13\/09$/m,
    );
    expect(run.stdout).toMatch(/^khi phát sinh +issue-report /m);
  });

  it('validate prints a one-line summary and exits 0 for the shipped plan', () => {
    const run = cli('plan', 'validate', planFile);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toContain('22-KH/TU (22-KH-TU)');
  });

  it('validate prints one problem per line as file:line: /path: reason and exits 1', () => {
    const file = path.join(repoRoot, 'plans/examples/malformed-plan.yaml');
    const run = cli('plan', 'validate', file);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${file}:11: /defaults/reminders/offsets/2: must be ≥ 0 (got -3)`,
      `${file}:20: /obligations/0/due/days: must be a whole number (got "thirty")`,
      expect.stringMatching(
        new RegExp(`^${file.replace(/[.]/g, '\\.')}:21: /obligations/0/colour: unknown field "colour"`),
      ),
    ]);
  });

  it('preview refuses a broken org file with its problems and exit 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-plan-'));
    const badOrg = path.join(dir, 'org.json');
    fs.writeFileSync(badOrg, '{"format": "dondoc-org/1", "units": [{"id": "X"}], "people": []}');
    const run = cli('plan', 'preview', '--plan', planFile, '--org', badOrg, '--issued', '2021-08-13');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${badOrg}: /units/0/`);
  });

  it.each([
    [['plan', 'preview', '--plan', planFile, '--issued', '2021-08-13'], /--org/],
    [['plan', 'preview', '--plan', planFile, '--org', orgFile, '--issued', '13/8/2021'], /YYYY-MM-DD/],
    [
      ['plan', 'preview', '--plan', planFile, '--org', orgFile, '--issued', '2021-08-13', '--format', 'xml'],
      /csv, table/,
    ],
    [
      [
        'plan',
        'preview',
        '--plan',
        planFile,
        '--org',
        orgFile,
        '--issued',
        '2021-08-13',
        '--until',
        '2021-01-01',
      ],
      /before/,
    ],
    [['plan', 'validate', '/no/such/plan.yaml'], /cannot read/],
    [['plan', 'validate'], /plan-file/],
  ])('usage error %j exits 2', (args, message) => {
    const run = cli(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
