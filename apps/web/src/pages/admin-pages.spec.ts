import type { IssueDetailDto } from '../../../api/src/issues/dto/issue.dto';
import { localiseContactProblems } from '../admin-problems';
import { fieldErrors, PageContext } from '../page';
import { paging, problemTable } from './admin-ui';
import { issuePage } from './issue.page';
import { workflowPage } from './admin-workflows.page';

const ctx: PageContext = { lang: 'vi', csrf: 'tok', path: '/ui/issues/X' };

const issue = (o: Partial<IssueDetailDto>): IssueDetailDto =>
  ({
    id: 'VD01',
    title: 'Thiếu tài liệu',
    description: 'Mô tả',
    reporterUnitId: 'HU-TIEN-DU',
    severity: 'normal',
    state: 'escalated',
    handlerUnitId: null,
    limitAt: null,
    overdue: false,
    reportedAt: '2031-01-05T02:00:00.000Z',
    directions: [],
    timeline: [],
    ...o,
  }) as IssueDetailDto;

describe('BTV and admin page pieces', () => {
  it('the issue page escapes what users wrote, keeps one h1, and posts a direction to its own issue', () => {
    const page = issuePage(ctx, {
      issue: issue({
        title: '<img src=x onerror=alert(1)>',
        timeline: [
          {
            version: 1,
            at: '2031-01-05T02:00:00.000Z',
            type: 'escalated',
            state: 'escalated',
            step: null,
            actorUnitId: 'BTG-TU',
            reason: '<b>kinh phí</b>',
            detail: null,
          },
        ],
      }),
      unitNames: new Map([['BTG-TU', 'Ban Tuyên giáo']]),
      direction: {
        byUnitId: 'BTV-TU',
        units: [{ id: 'HU-TIEN-DU', name: 'Huyện ủy Tiên Du' }],
        values: { units: ['HU-TIEN-DU'] },
        errors: fieldErrors('vi', [{ field: 'instructions', reason: 'instructions should not be empty' }]),
      },
    });
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>kinh phí</b>');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).toContain('action="/ui/issues/VD01/directions"');
    expect(page).toContain('name="_csrf" value="tok"');
    expect(page).toContain('<option value="HU-TIEN-DU" selected>');
    expect(page).toMatch(/id="f-instructions"[^>]*aria-invalid="true"/s);
    expect(page).toContain('data-event="escalated"');
  });

  it('lists a refused file’s problems escaped, with where they are', () => {
    const out = problemTable(ctx, [
      { where: 'plan.yaml:/obligations/0', field: 'due', reason: 'bad <due>' },
    ]).value;
    expect(out).toContain('role="alert"');
    expect(out).toContain('<code>plan.yaml:/obligations/0</code>');
    expect(out).toContain('bad &lt;due&gt;');
    expect(problemTable(ctx, []).value).toBe('');
  });

  it('pages: previous and next only where they exist', () => {
    const href = (p: number) => `/ui/admin/audit?page=${p}`;
    const first = paging(ctx, { page: 1, pageSize: 50, total: 120, href }).value;
    expect(first).toContain('Trang 1/3 (120 dòng)');
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('href="/ui/admin/audit?page=2"');
    expect(paging(ctx, { page: 3, pageSize: 50, total: 120, href }).value).not.toContain('rel="next"');
  });

  it('says the org rules’ e-mail problems in the caller’s language', () => {
    const [bad, taken, other] = localiseContactProblems('en', [
      { field: 'email', reason: 'must be an e-mail address like name@example.vn, got "x@"' },
      { field: 'email', reason: 'x@example.vn is already a contact of this unit' },
      { field: 'role', reason: 'must be one of head, officer' },
    ]);
    expect(bad.reason).toBe('Not an e-mail address (e.g. name@bacninh.gov.vn).');
    expect(taken.reason).toBe('This address is already a contact of the unit.');
    expect(other.reason).toBe('must be one of head, officer');
  });

  it('the workflow page shows each pending timer with its fire time (Vietnam time)', () => {
    const page = workflowPage(ctx, {
      d: {
        workflowId: 'deliverable:P:o:U:2031',
        runId: 'r',
        type: 'deliverableWorkflow',
        status: 'RUNNING',
        startTime: '2031-01-01T00:00:00.000Z',
        closeTime: null,
        historyLength: 9,
        taskQueue: 'dondoc',
        searchAttributes: { DondocStatus: 'open' },
        memo: {},
        pendingActivities: [],
        pendingTimers: [
          {
            timerId: '2',
            startedEventId: 5,
            startedAt: '2031-01-01T00:00:00.000Z',
            firesAt: '2031-02-03T01:00:00.000Z',
          },
        ],
        state: null,
      },
      timeline: {
        workflowId: 'deliverable:P:o:U:2031',
        runId: 'r',
        type: 'deliverableWorkflow',
        entries: [],
      },
    });
    expect(page).toContain('<time datetime="2031-02-03T01:00:00.000Z">03/02/2031 08:00</time>');
  });
});
