import { cancelProblems, extendProblems, reviewProblems, waiveProblems } from './deliverable-commands';

const ctx = {
  status: 'submitted' as const,
  collectorUnitId: 'BTG-TU',
  dueDate: '2021-09-13',
  today: '2021-09-10',
};

describe('deliverable command rules', () => {
  it('accepts a review by the collector of a submitted deliverable', () => {
    expect(reviewProblems(ctx, { decision: 'accept', reviewerUnitId: 'BTG-TU' })).toEqual([]);
  });

  it('needs comments and a future due date to return, and only the collector may review', () => {
    const problems = reviewProblems(ctx, {
      decision: 'return',
      reviewerUnitId: 'HU-TIEN-DU',
      newDueDate: '2021-09-01',
    });
    expect(problems.map((p) => p.field)).toEqual(['reviewerUnitId', 'comments', 'newDueDate']);
  });

  it('refuses to review what is not submitted', () => {
    expect(
      reviewProblems({ ...ctx, status: 'open' }, { decision: 'accept', reviewerUnitId: 'BTG-TU' })[0].field,
    ).toBe('status');
  });

  it('extends only forward, with a reason, by the collector, while owed', () => {
    const open = { ...ctx, status: 'open' as const };
    expect(
      extendProblems(open, { newDueDate: '2021-09-20', reason: 'bão lũ', grantedByUnitId: 'BTG-TU' }),
    ).toEqual([]);
    expect(
      extendProblems(open, { newDueDate: '2021-09-13', reason: '', grantedByUnitId: 'X' }).map(
        (p) => p.field,
      ),
    ).toEqual(['grantedByUnitId', 'reason', 'newDueDate']);
    expect(
      extendProblems(ctx, { newDueDate: '2021-09-20', reason: 'r', grantedByUnitId: 'BTG-TU' })[0].field,
    ).toBe('status');
  });

  it('waives and cancels anything not yet closed, with a reason', () => {
    expect(waiveProblems(ctx, { reason: 'sáp nhập', byUnitId: 'BTG-TU' })).toEqual([]);
    expect(waiveProblems({ ...ctx, status: 'accepted' }, { reason: 'x', byUnitId: 'BTG-TU' })[0].field).toBe(
      'status',
    );
    expect(cancelProblems(ctx, { reason: ' ' })).toEqual([{ field: 'reason', reason: 'is required' }]);
  });
});
