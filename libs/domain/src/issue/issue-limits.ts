import type { IssueLimitKind, IssueSeverity } from './issue.types';

/** Working days allowed per state, and the grace between a missed limit's reminder and its escalation. */
export interface IssueLimits {
  /** reported → acknowledged, by BTG. */
  acknowledge: number;
  /** acknowledged/in-handling → resolved or escalated, by BTG (one clock from acknowledgement). */
  handle: number;
  /** escalated → directed, by BTV. */
  direction: number;
  /** info-requested → answered, by the reporting unit (the clock it interrupted is paused meanwhile). */
  answer: number;
  /** resolved → closed: the reporter may object (reopen) this long, then the issue closes itself. */
  close: number;
  /** Working days after a missed limit's reminder before the level above is told. */
  graceWorkingDays: number;
}

/** Optional `issueLimits` block of a plan: overrides of the normal limits, and of the urgent ones. */
export interface IssueLimitsOverride extends Partial<IssueLimits> {
  urgent?: Partial<IssueLimits>;
}

/**
 * DOMAIN.md defaults (acknowledge 2, handle 10, BTV direction 15). The reporter gets 5 working days to
 * answer a question and 5 to object to a resolution; a missed limit escalates 2 working days after
 * its reminder.
 */
export const DEFAULT_ISSUE_LIMITS: IssueLimits = {
  acknowledge: 2,
  handle: 10,
  direction: 15,
  answer: 5,
  close: 5,
  graceWorkingDays: 2,
};

/**
 * Urgent issues (our choice, documented in the README): acknowledged the next working day, handled
 * within 3, BTV direction within 5, answers within 2, objections within 3, escalation 1 working day
 * after the reminder. An urgent issue may also go straight from reported to BTV.
 */
export const URGENT_ISSUE_LIMITS: IssueLimits = {
  acknowledge: 1,
  handle: 3,
  direction: 5,
  answer: 2,
  close: 3,
  graceWorkingDays: 1,
};

const KEYS: (keyof IssueLimits)[] = [
  'acknowledge',
  'handle',
  'direction',
  'answer',
  'close',
  'graceWorkingDays',
];

/** The limits an issue of this severity gets under a plan (plan overrides win over the defaults). */
export function resolveIssueLimits(severity: IssueSeverity, plan?: IssueLimitsOverride | null): IssueLimits {
  const base = severity === 'urgent' ? URGENT_ISSUE_LIMITS : DEFAULT_ISSUE_LIMITS;
  const { urgent, ...normal } = plan ?? {};
  const over = severity === 'urgent' ? urgent : normal;
  const limits = { ...base };
  for (const k of KEYS) {
    const v = over?.[k];
    if (v !== undefined) limits[k] = v;
  }
  return limits;
}

/** Why a plan's `issueLimits` block cannot be used (empty = it can); paths are JSON pointers. */
export function issueLimitsProblems(
  block: unknown,
  path = '/issueLimits',
  nested = false,
): { path: string; reason: string }[] {
  if (block === undefined || block === null) return [];
  if (typeof block !== 'object' || Array.isArray(block)) return [{ path, reason: 'must be an object' }];
  const problems: { path: string; reason: string }[] = [];
  for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
    const at = `${path}/${k}`;
    if (k === 'urgent' && !nested) problems.push(...issueLimitsProblems(v, at, true));
    else if (!KEYS.includes(k as keyof IssueLimits)) problems.push({ path: at, reason: 'unknown limit' });
    else if (
      !Number.isInteger(v) ||
      (v as number) < (k === 'graceWorkingDays' ? 0 : 1) ||
      (v as number) > 250
    )
      problems.push({ path: at, reason: 'must be a whole number of working days (1–250; grace 0–250)' });
  }
  return problems;
}

/** The limit that applies to a kind of clock. */
export function limitDays(limits: IssueLimits, kind: IssueLimitKind): number {
  return limits[kind];
}
