import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkingCalendar } from '@dondoc/calendar/src/notice-loader';
import { parseOrgJson } from '@dondoc/domain';
import { OrgRepository } from '@dondoc/persistence';
import { ApiTestStack, startApiTestStack } from '@dondoc/testing';

const repoRoot = path.resolve(__dirname, '../../..');
const planText = fs.readFileSync(path.join(repoRoot, 'plans/22-KH-TU.yaml'), 'utf8');
const orgFile = path.join(repoRoot, 'plans/org/bac-ninh-2021.json');

/** Plans over HTTP on the real stack: PostgreSQL holding the Bắc Ninh 2021 tree, the Nest app. */
describe('plans API (e2e)', () => {
  let stack: ApiTestStack;
  let http: ApiTestStack['http'];

  beforeAll(async () => {
    stack = await startApiTestStack({
      worker: false,
      prepare: (db) =>
        new OrgRepository(db.dataSource).importTree(
          parseOrgJson(fs.readFileSync(orgFile, 'utf8'), orgFile),
          'replace',
        ),
    });
    http = stack.http;
  }, 120_000);

  afterAll(() => stack?.stop());

  it('documents both endpoints in the OpenAPI document', async () => {
    const res = await http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/plans/validate', '/plans/preview']),
    );
  });

  it('POST /plans/validate answers 200 with a summary of a valid plan', async () => {
    const res = await http
      .post('/plans/validate')
      .send({ text: planText, file: '22-KH-TU.yaml' })
      .expect(200);
    expect(res.body).toMatchObject({
      valid: true,
      plan: { id: '22-KH-TU', number: '22-KH/TU', issueDate: '2021-08-13' },
    });
    expect(res.body.plan.obligations).toHaveLength(11);
    expect(res.body.plan.obligations[0]).toEqual({
      id: 'implementation-plan',
      titleVi: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
      titleEn: 'Plan for studying and implementing the whole-term thematic topic',
      recurrence: 'once',
      dueRule: 'after-issuance',
    });
  });

  it('POST /plans/validate answers 422 problem+json listing every problem with file, pointer and line', async () => {
    const bad = planText
      .replace('dayKind: working', 'dayKind: workday')
      .replace('kind: end-of-quarter', 'kind: end-of-month');
    const res = await http.post('/plans/validate').send({ text: bad, file: 'p.yaml' }).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const line = (needle: string) => bad.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(res.body.errors).toEqual([
      {
        field: 'p.yaml:/defaults/reminders/dayKind',
        reason: `line ${line('dayKind: workday')}: must be one of: calendar, working (got "workday")`,
      },
      {
        field: 'p.yaml:/obligations/3/due/kind',
        reason: expect.stringMatching(/^line \d+: unknown kind "end-of-month"/),
      },
    ]);
  });

  it('refuses a malformed request body with 400 naming the field', async () => {
    const res = await http
      .post('/plans/preview')
      .send({ text: planText, issued: '13/8/2021', colour: 1 })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'issued']);
  });

  it('POST /plans/preview answers the deliverables over the stored org tree as JSON', async () => {
    const res = await http
      .post('/plans/preview')
      .send({ text: planText, issued: '2021-08-13', until: '2025-12-31' })
      .expect(200);
    const rows: {
      obligation: string;
      unit: string;
      period: string;
      dueDate: string | null;
      reminderDates: string[];
    }[] = res.body.rows;
    expect(res.body.count).toBe(rows.length);
    expect(new Set(rows.map((r) => r.obligation)).size).toBe(11);
    expect(rows.find((r) => r.obligation === 'implementation-plan' && r.unit === 'HU-TIEN-DU')).toEqual({
      obligation: 'implementation-plan',
      unit: 'HU-TIEN-DU',
      assigneeKind: 'unit',
      period: 'term',
      dueDate: '2021-09-13',
      reminderDates: ['2021-08-26', '2021-09-06', '2021-09-08', '2021-09-10', '2021-09-13'],
      collector: 'BTG-TU',
    });
    const cal = loadWorkingCalendar();
    for (const r of rows)
      for (const d of [r.dueDate ?? '2021-09-13', ...r.reminderDates]) expect(cal.isWorkingDay(d)).toBe(true);
  });

  it('POST /plans/preview with format csv answers text/csv identical to the CLI contract', async () => {
    const res = await http
      .post('/plans/preview')
      .send({ text: planText, issued: '2021-08-13', until: '2021-09-30', format: 'csv' })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\n');
    expect(lines[0]).toBe('obligation,unit,period,due_date,reminder_dates');
    expect(lines).toContain(
      'implementation-plan,TXU-TU-SON,term,2021-09-13,2021-08-26;2021-09-06;2021-09-08;2021-09-10;2021-09-13',
    );
    expect(lines.at(-1)).toMatch(/^issue-report,[^,]+,on-event,,$/);
  });

  it('POST /plans/preview answers 422 when the plan names a unit the stored tree does not have', async () => {
    const res = await http
      .post('/plans/preview')
      .send({
        text: planText.replace('unit: BTV-TU', 'unit: BTV-NOWHERE'),
        file: 'p.yaml',
        issued: '2021-08-13',
      })
      .expect(422);
    expect(res.body.errors).toEqual([
      { field: 'p.yaml:/obligations/7/collector/unit', reason: 'unit "BTV-NOWHERE" is not in the org tree' },
    ]);
  });
});
