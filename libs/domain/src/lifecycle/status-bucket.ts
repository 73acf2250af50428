/**
 * The four official reporting buckets (plus the two ways a deliverable stops being owed).
 * Vietnamese labels are what BTG's reports use.
 */
export const BUCKETS = {
  'on-time': { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  'not-done-within-deadline': { vi: 'Chưa hoàn thành trong hạn', en: 'Not done, within deadline' },
  'not-done-overdue': { vi: 'Chưa hoàn thành quá hạn', en: 'Not done, overdue' },
  waived: { vi: 'Được miễn', en: 'Waived' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
} as const;
export type Bucket = keyof typeof BUCKETS;

export interface BucketInput {
  status: string;
  /** ISO instant the current deadline passes (see deadlineInstant). */
  deadlineAt: string;
  /** ISO instant of the submission that counts (the latest one), if any. */
  submittedAt: string | null;
  now: string;
}

/** Where a deliverable stands for reporting, at `now`. */
export function bucketOf(b: BucketInput): Bucket {
  if (b.status === 'waived') return 'waived';
  if (b.status === 'cancelled') return 'cancelled';
  const done = ['submitted', 'accepted', 'closed'].includes(b.status) && b.submittedAt !== null;
  if (done) return b.submittedAt! < b.deadlineAt ? 'on-time' : 'late';
  return b.now < b.deadlineAt ? 'not-done-within-deadline' : 'not-done-overdue';
}
