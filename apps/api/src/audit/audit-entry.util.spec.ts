import { actionName, normaliseRoute } from './audit-routes.service';
import { outcomeOf, requestIdOf, targetOf, toAuditEntry, truncate } from './audit-entry.util';

describe('audit entry rules', () => {
  it('names actions from controller and handler', () => {
    expect(actionName('DeliverablesController', 'review')).toBe('deliverables.review');
    expect(actionName('IssuesCommandsController', 'closure')).toBe('issues-commands.closure');
    expect(actionName('OrgController', 'import')).toBe('org.import');
  });

  it('writes route patterns one way', () => {
    expect(normaliseRoute('/deliverables/:id/review')).toBe('/deliverables/:id/review');
    expect(normaliseRoute('deliverables//:id/review/')).toBe('/deliverables/:id/review');
    expect(normaliseRoute('/')).toBe('/');
    expect(normaliseRoute('')).toBe('/');
  });

  it('tells ok, refused and error apart', () => {
    expect(outcomeOf(200, true)).toBe('ok');
    expect(outcomeOf(302, true)).toBe('ok');
    expect(outcomeOf(401, true)).toBe('refused');
    expect(outcomeOf(422, true)).toBe('refused');
    expect(outcomeOf(503, true)).toBe('error');
    expect(outcomeOf(200, false)).toBe('error');
  });

  it('takes id, else key, else the first route parameter as the target', () => {
    expect(targetOf({ id: 'D1', documentId: 'x' })).toBe('D1');
    expect(targetOf({ key: 'k' })).toBe('k');
    expect(targetOf({ planId: 'P' })).toBe('P');
    expect(targetOf({})).toBeNull();
    expect(targetOf(undefined)).toBeNull();
  });

  it("keeps a caller's plain request id and replaces anything else", () => {
    expect(requestIdOf('abc-123.x:y', () => 'fresh')).toBe('abc-123.x:y');
    expect(requestIdOf('has space', () => 'fresh')).toBe('fresh');
    expect(requestIdOf('x'.repeat(101), () => 'fresh')).toBe('fresh');
    expect(requestIdOf(['a', 'b'], () => 'fresh')).toBe('fresh');
    expect(requestIdOf(undefined, () => 'fresh')).toBe('fresh');
  });

  it('shortens long values', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('', 4)).toBeNull();
  });

  it('drops the query string, keeps problems only for refusals and errors', () => {
    const base = {
      method: 'post',
      route: '/plans/:id/acknowledge',
      action: 'plan-acknowledgements.acknowledge',
      url: '/plans/22-KH-TU/acknowledge?token=secret&unit=HU',
      params: { id: '22-KH-TU' },
      ip: '::1',
      userAgent: 'u'.repeat(300),
      actor: null,
      requestId: 'r',
      durationMs: 1.6,
      completed: true,
    };
    const ok = toAuditEntry({ ...base, status: 200, problem: { title: 'x' } });
    expect(ok).toMatchObject({
      method: 'POST',
      path: '/plans/22-KH-TU/acknowledge',
      target: '22-KH-TU',
      outcome: 'ok',
      problemTitle: null,
      durationMs: 2,
      accountId: null,
    });
    expect(ok.userAgent).toHaveLength(200);
    const refused = toAuditEntry({ ...base, status: 404 });
    expect(refused).toMatchObject({ outcome: 'refused', problemTitle: 'Not Found', problemDetail: null });
    const unmatched = toAuditEntry({ ...base, route: undefined, action: undefined, status: 404 });
    expect(unmatched).toMatchObject({ route: null, action: 'unmatched' });
  });
});
