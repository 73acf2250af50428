/** Lifecycle states of a deliverable (DOMAIN.md). */
export const DELIVERABLE_STATUSES = [
  'scheduled',
  'open',
  'submitted',
  'accepted',
  'returned',
  'overdue',
  'escalated',
  'waived',
  'cancelled',
  'closed',
] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** Default reminder offsets: 10, 5, 3 and 1 working days before, and the morning of the due date. */
export const DEFAULT_REMINDER_OFFSETS = [10, 5, 3, 1, 0] as const;
