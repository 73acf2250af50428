import { bucketOf } from './status-bucket';

describe('bucketOf', () => {
  const deadlineAt = '2021-09-13T17:00:00.000Z';
  it.each([
    ['submitted', '2021-09-13T16:59:59.000Z', '2021-10-01T00:00:00.000Z', 'on-time'],
    ['accepted', '2021-09-13T17:00:00.000Z', '2021-10-01T00:00:00.000Z', 'late'],
    ['open', null, '2021-09-13T10:00:00.000Z', 'not-done-within-deadline'],
    ['returned', null, '2021-09-14T00:00:00.000Z', 'not-done-overdue'],
    ['waived', null, '2021-09-14T00:00:00.000Z', 'waived'],
    ['cancelled', null, '2021-09-01T00:00:00.000Z', 'cancelled'],
  ])('%s submitted at %s, seen at %s → %s', (status, submittedAt, now, bucket) => {
    expect(bucketOf({ status, deadlineAt, submittedAt, now })).toBe(bucket);
  });
});
