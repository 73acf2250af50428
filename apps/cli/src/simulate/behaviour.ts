import { isIsoDate, IsoDate } from '@dondoc/calendar';
import { InputProblem, InputRejectedException } from '@dondoc/domain';
import { checkIssueEntry, IssueBehaviour } from './issue-behaviour';

/** The collector's decision on a submission: accept it, or return it with a new due date. */
export type BehaviourReview = 'accept' | { return_due: IsoDate };

/**
 * What one unit does about one deliverable during a simulated term (README "Whole-term simulation").
 * Deliverables not listed never submit and are never extended.
 */
export interface BehaviourEntry {
  obligation: string;
  unit: string;
  period: string;
  /** The unit submits at 09:00 on this day; null = never. */
  submit_on: IsoDate | null;
  /** Taken right after the submission by the collecting unit. Required when submit_on is a date. */
  review?: BehaviourReview;
  /**
   * After a return: the unit resubmits at 09:00 on this day and the collector accepts it right away.
   * Default: the return's new due date; null = never resubmits (the deliverable runs overdue again).
   */
  resubmit_on?: IsoDate | null;
  /** The collector extends the due date to this day… */
  extend_to?: IsoDate;
  /** …at 09:00 on this day. Default: the first working day after the deliverable opened. */
  extend_on?: IsoDate;
}

/** An entry of a behaviour file: a deliverable's, or a reported issue's (it has an `issue` field). */
export type BehaviourItem = BehaviourEntry | IssueBehaviour;

const FIELDS = new Set([
  'obligation',
  'unit',
  'period',
  'submit_on',
  'review',
  'resubmit_on',
  'extend_to',
  'extend_on',
]);

/**
 * Parses a behaviour file and checks what can be checked without the plan: shape, field types, date
 * order within an entry, duplicates. Every problem is reported at once (file, index, field, reason).
 * Entries with an `issue` field are reported issues (issue-behaviour.ts).
 */
export function parseBehaviour(text: string, file: string): BehaviourItem[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputRejectedException([
      { file, location: '/', reason: `not valid JSON: ${(e as Error).message}` },
    ]);
  }
  if (!Array.isArray(doc))
    throw new InputRejectedException([{ file, location: '/', reason: 'must be a JSON array of entries' }]);
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  const entries: BehaviourItem[] = [];
  doc.forEach((raw, i) => {
    const at = (field: string | undefined, reason: string) =>
      problems.push({ file, location: `[${i}]`, ...(field ? { field } : {}), reason });
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return at(undefined, 'must be an object');
    const e = raw as Record<string, unknown>;
    if ('issue' in e) {
      checkIssueEntry(e, at);
      entries.push(e as unknown as IssueBehaviour);
      return;
    }
    for (const k of Object.keys(e)) if (!FIELDS.has(k)) at(k, 'unknown field');
    for (const k of ['obligation', 'unit', 'period'])
      if (typeof e[k] !== 'string' || !(e[k] as string).trim()) at(k, 'is required (a non-empty string)');
    const date = (k: string, nullable: boolean) => {
      if (e[k] === undefined || (nullable && e[k] === null) || isIsoDate(e[k])) return;
      at(k, `must be a date written YYYY-MM-DD${nullable ? ' or null' : ''}`);
    };
    if (!('submit_on' in e)) at('submit_on', 'is required (a date YYYY-MM-DD, or null for never)');
    date('submit_on', true);
    date('resubmit_on', true);
    date('extend_to', false);
    date('extend_on', false);
    const review = e.review;
    const returnDue =
      typeof review === 'object' && review !== null
        ? (review as Record<string, unknown>).return_due
        : undefined;
    if (review !== undefined && review !== 'accept') {
      const keys = typeof review === 'object' && review !== null ? Object.keys(review) : [];
      if (keys.length !== 1 || keys[0] !== 'return_due' || !isIsoDate(returnDue))
        at('review', 'must be "accept" or {"return_due": "YYYY-MM-DD"}');
    }
    const submitOn = isIsoDate(e.submit_on) ? e.submit_on : null;
    if (submitOn && review === undefined) at('review', 'is required when submit_on is a date');
    if (!submitOn && review !== undefined) at('review', 'needs a submission: submit_on is null');
    if (submitOn && isIsoDate(returnDue) && returnDue <= submitOn)
      at('review', `return_due ${returnDue} must be after submit_on ${submitOn}`);
    if (e.resubmit_on !== undefined && !isIsoDate(returnDue))
      at('resubmit_on', 'only follows a return: review must be {"return_due": …}');
    if (submitOn && isIsoDate(e.resubmit_on) && e.resubmit_on <= submitOn)
      at('resubmit_on', `must be after submit_on ${submitOn}`);
    if (e.extend_on !== undefined && e.extend_to === undefined) at('extend_on', 'needs extend_to');
    if (isIsoDate(e.extend_on) && isIsoDate(e.extend_to) && e.extend_to <= e.extend_on)
      at('extend_to', `must be after the day it is granted (${e.extend_on})`);
    if (submitOn && isIsoDate(e.extend_on) && e.extend_on > submitOn)
      at(
        'extend_on',
        `must not be after submit_on ${submitOn}: a submitted deliverable is no longer extended`,
      );
    const key = [e.obligation, e.unit, e.period].join('|');
    if (seen.has(key)) at(undefined, `the same deliverable as entry [${seen.get(key)}]`);
    else seen.set(key, i);
    entries.push(e as unknown as BehaviourEntry);
  });
  if (problems.length) throw new InputRejectedException(problems);
  return entries;
}

export const behaviourKey = (e: { obligation: string; unit: string; period: string }) =>
  `${e.obligation}|${e.unit}|${e.period}`;
