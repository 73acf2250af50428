import type { MailKind, OutboxStatus } from '@dondoc/persistence';

/** Every MailKind, as values for validation and the OpenAPI enum (the type check keeps it complete). */
export const MAIL_KINDS = [
  'reminder',
  'overdue',
  'escalation',
  'receipt',
  'accepted',
  'returned',
  'extended',
  'waived',
  'cancelled',
  'plan-issued',
  'issue',
  'weekly-digest',
  'daily-digest',
  'delivery-failed',
  'other',
] as const satisfies readonly MailKind[];

export const MAIL_STATUSES = [
  'pending',
  'sent',
  'failed',
  'digested',
] as const satisfies readonly OutboxStatus[];

// A kind or status added to the persistence types without being listed here fails to compile.
type Missing<T, L extends readonly unknown[]> = Exclude<T, L[number]>;
const complete: [Missing<MailKind, typeof MAIL_KINDS>, Missing<OutboxStatus, typeof MAIL_STATUSES>] extends [
  never,
  never,
]
  ? true
  : false = true;
void complete;
