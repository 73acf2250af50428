import { issueLimitsProblems, resolveIssueLimits, URGENT_ISSUE_LIMITS } from './issue-limits';
import {
  acknowledgeProblems,
  answerInfoProblems,
  assignHandlerProblems,
  closeProblems,
  directionProblems,
  escalateProblems,
  IssueCommandContext,
  reopenProblems,
  requestInfoProblems,
  resolveProblems,
} from './issue-commands';
import { clockKindOf, holderOf, issueOutcome } from './issue-rules';

const ctx = (over: Partial<IssueCommandContext> = {}): IssueCommandContext => ({
  state: 'reported',
  severity: 'normal',
  reporterUnitId: 'HU-TIEN-DU',
  btgUnitId: 'BTG-TU',
  btvUnitId: 'BTV-TU',
  today: '2021-09-06',
  openDeliverables: 0,
  ...over,
});
const fields = (ps: { field: string }[]) => ps.map((p) => p.field);

describe('issue limits', () => {
  it('uses the DOMAIN.md defaults, the urgent ones, and plan overrides per severity', () => {
    expect(resolveIssueLimits('normal')).toMatchObject({ acknowledge: 2, handle: 10, direction: 15 });
    expect(resolveIssueLimits('urgent')).toEqual(URGENT_ISSUE_LIMITS);
    const plan = { handle: 7, urgent: { direction: 3 } };
    expect(resolveIssueLimits('normal', plan)).toMatchObject({ handle: 7, direction: 15 });
    expect(resolveIssueLimits('urgent', plan)).toMatchObject({ handle: 3, direction: 3 });
  });

  it('names each bad field of a plan block', () => {
    expect(issueLimitsProblems({ handle: 0, nope: 1, urgent: { direction: 'x', urgent: {} } })).toEqual([
      { path: '/issueLimits/handle', reason: expect.any(String) },
      { path: '/issueLimits/nope', reason: 'unknown limit' },
      { path: '/issueLimits/urgent/direction', reason: expect.any(String) },
      { path: '/issueLimits/urgent/urgent', reason: 'unknown limit' },
    ]);
    expect(issueLimitsProblems(undefined)).toEqual([]);
  });
});

describe('who holds an issue', () => {
  it('maps each state to its holder and clock', () => {
    expect(holderOf('reported')).toBe('btg');
    expect(holderOf('escalated')).toBe('btv');
    expect(holderOf('info-requested')).toBe('reporter');
    expect(holderOf('directed')).toBe('none');
    expect(clockKindOf('acknowledged')).toBe('handle');
    expect(clockKindOf('directed')).toBeNull();
    expect(issueOutcome({ state: 'resolved', directed: true, overdue: false })).toBe('resolved-by-direction');
    expect(issueOutcome({ state: 'in-handling', directed: false, overdue: true })).toBe('overdue');
  });
});

describe('issue command rules', () => {
  it('lets only BTG acknowledge a reported issue', () => {
    expect(acknowledgeProblems(ctx(), { byUnitId: 'BTG-TU' })).toEqual([]);
    expect(fields(acknowledgeProblems(ctx(), { byUnitId: 'HU-TIEN-DU' }))).toEqual(['byUnitId']);
    expect(fields(acknowledgeProblems(ctx({ state: 'in-handling' }), { byUnitId: 'BTG-TU' }))).toEqual([
      'status',
    ]);
  });

  it('assigns a handler after acknowledgement', () => {
    expect(
      assignHandlerProblems(ctx({ state: 'acknowledged' }), { byUnitId: 'BTG-TU', handlerUnitId: 'BTG-TU' }),
    ).toEqual([]);
    expect(fields(assignHandlerProblems(ctx(), { byUnitId: 'BTG-TU', handlerUnitId: 'BTG-TU' }))).toEqual([
      'status',
    ]);
  });

  it('asks the reporter, and takes the answer only from the reporter', () => {
    expect(
      requestInfoProblems(ctx({ state: 'in-handling' }), { byUnitId: 'BTG-TU', question: 'Số liệu?' }),
    ).toEqual([]);
    expect(
      requestInfoProblems(ctx({ state: 'escalated' }), { byUnitId: 'BTV-TU', question: 'Vì sao?' }),
    ).toEqual([]);
    expect(
      fields(requestInfoProblems(ctx({ state: 'in-handling' }), { byUnitId: 'X', question: ' ' })),
    ).toEqual(['byUnitId', 'question']);
    const waiting = ctx({ state: 'info-requested' });
    expect(answerInfoProblems(waiting, { byUnitId: 'HU-TIEN-DU', answer: 'Đây' })).toEqual([]);
    expect(fields(answerInfoProblems(waiting, { byUnitId: 'BTG-TU', answer: '' }))).toEqual([
      'byUnitId',
      'answer',
    ]);
  });

  it('escalates from handling, and an urgent issue straight from reported', () => {
    const cmd = { byUnitId: 'BTG-TU', reason: 'Vượt thẩm quyền' };
    expect(escalateProblems(ctx({ state: 'in-handling' }), cmd)).toEqual([]);
    expect(fields(escalateProblems(ctx(), cmd))).toEqual(['status']);
    expect(escalateProblems(ctx({ severity: 'urgent' }), cmd)).toEqual([]);
  });

  it('takes a direction from BTV naming distinct units and a later due date', () => {
    const esc = ctx({ state: 'escalated' });
    const ok = {
      byUnitId: 'BTV-TU',
      instructions: 'Chỉ đạo',
      units: ['HU-A', 'HU-B'],
      dueDate: '2021-09-30',
    };
    expect(directionProblems(esc, ok)).toEqual([]);
    expect(directionProblems(esc, { ...ok, units: [], dueDate: undefined })).toEqual([]);
    expect(
      fields(
        directionProblems(esc, {
          byUnitId: 'BTG-TU',
          instructions: '',
          units: ['HU-A', 'HU-A', 'bad id'],
          dueDate: '2021-09-06',
        }),
      ),
    ).toEqual(['byUnitId', 'instructions', 'units.1', 'units.2', 'dueDate']);
  });

  it('resolves, closes and reopens', () => {
    const res = { byUnitId: 'BTG-TU', resolution: 'Đã hướng dẫn' };
    expect(resolveProblems(ctx({ state: 'in-handling' }), res)).toEqual([]);
    expect(fields(resolveProblems(ctx({ state: 'directed', openDeliverables: 2 }), res))).toEqual(['status']);
    expect(closeProblems(ctx({ state: 'resolved' }), { byUnitId: 'BTG-TU' })).toEqual([]);
    expect(reopenProblems(ctx({ state: 'closed' }), { byUnitId: 'HU-TIEN-DU', reason: 'Chưa xong' })).toEqual(
      [],
    );
    expect(
      fields(reopenProblems(ctx({ state: 'in-handling' }), { byUnitId: 'HU-TIEN-DU', reason: 'x' })),
    ).toEqual(['status']);
  });
});
