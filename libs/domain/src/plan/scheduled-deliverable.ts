import type { IsoDate } from '@dondoc/calendar';

/** One row of a plan's preview: who owes which obligation for which period, by when. */
export interface ScheduledDeliverable {
  obligationId: string;
  /** A unit id, or for per-person obligations (commitment-registration) the person's id. */
  assignee: string;
  assigneeKind: 'unit' | 'person';
  /** `term` (once), `2022` (yearly), `2022-Q3` (quarterly) or `on-event` (event-driven). */
  period: string;
  /** The deadline that counts (after art. 148 roll-forward); null for event-driven obligations. */
  dueDate: IsoDate | null;
  /** Working days on which reminders go out, earliest first; none before issuance. Shared: do not mutate. */
  reminderDates: readonly IsoDate[];
  /** The unit that collects the submission; null when the rule finds none (a root has no parent). */
  collector: string | null;
}

/** Due date (event rows last), then obligation id, then assignee, then period. */
export function compareScheduled(a: ScheduledDeliverable, b: ScheduledDeliverable): number {
  return (
    cmp(a.dueDate ?? '\uffff', b.dueDate ?? '\uffff') ||
    cmp(a.obligationId, b.obligationId) ||
    cmp(a.assignee, b.assignee) ||
    cmp(a.period, b.period)
  );
}

// Code-unit order, not localeCompare: ids are ASCII, and 800,000 rows sort much faster this way.
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
