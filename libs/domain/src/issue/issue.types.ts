/**
 * A reported issue (vấn đề phát sinh, DOMAIN.md): reported → acknowledged → in-handling → resolved →
 * closed, or in-handling → escalated → directed → resolved → closed; info-requested waits on the
 * reporter with the running clock paused; reopen takes resolved or closed back to in-handling.
 */
export const ISSUE_STATES = [
  'reported',
  'acknowledged',
  'in-handling',
  'info-requested',
  'escalated',
  'directed',
  'resolved',
  'closed',
] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

export const ISSUE_SEVERITIES = ['normal', 'urgent'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

/** Who must act now: BTG, BTV, the reporting unit, or nobody (directed units owe deliverables instead). */
export type IssueHolder = 'btg' | 'btv' | 'reporter' | 'none';

/** Every kind of transition or timed step an issue records (the audit trail and mail both key on it). */
export type IssueEventType =
  | 'reported'
  | 'acknowledged'
  | 'handler-assigned'
  | 'info-requested'
  | 'info-answered'
  | 'escalated'
  | 'directed'
  | 'direction-deliverable-closed'
  | 'resolved'
  | 'closed'
  | 'reopened'
  | 'limit-reminder'
  | 'limit-escalation'
  | 'limit-repeat';

/** Which clock runs, named after what must happen before it runs out. */
export type IssueLimitKind = 'acknowledge' | 'handle' | 'direction' | 'answer' | 'close';
