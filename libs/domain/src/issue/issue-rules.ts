import type { IssueHolder, IssueLimitKind, IssueState } from './issue.types';

/** Who must act in each state (the reporter, while resolved, may object by reopening). */
export function holderOf(state: IssueState): IssueHolder {
  switch (state) {
    case 'reported':
    case 'acknowledged':
    case 'in-handling':
      return 'btg';
    case 'escalated':
      return 'btv';
    case 'info-requested':
    case 'resolved':
      return 'reporter';
    default:
      return 'none';
  }
}

/**
 * The clock each state runs. acknowledged and in-handling share the `handle` clock started at the
 * acknowledgement (assigning a handler does not buy time); directed has none of its own: the
 * directed units' deliverables carry their own due dates, reminders and escalation.
 */
export function clockKindOf(state: IssueState): IssueLimitKind | null {
  switch (state) {
    case 'reported':
      return 'acknowledge';
    case 'acknowledged':
    case 'in-handling':
      return 'handle';
    case 'escalated':
      return 'direction';
    case 'info-requested':
      return 'answer';
    case 'resolved':
      return 'close';
    default:
      return null;
  }
}

/** Issues still needing someone's action (counted as "open" in lists and the summary). */
export const isIssueOpen = (s: IssueState) => s !== 'resolved' && s !== 'closed';

/** How an issue of the period ended, for BTG's summary. */
export type IssueOutcome = 'closed' | 'resolved' | 'resolved-by-direction' | 'open' | 'overdue';

export function issueOutcome(o: { state: IssueState; directed: boolean; overdue: boolean }): IssueOutcome {
  if (o.state === 'closed') return 'closed';
  if (o.state === 'resolved') return o.directed ? 'resolved-by-direction' : 'resolved';
  return o.overdue ? 'overdue' : 'open';
}
