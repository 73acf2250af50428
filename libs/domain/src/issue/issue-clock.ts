import { addDays, IsoDate, REMINDER_HOUR, vnDateOf, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import type { IssueLimits } from './issue-limits';
import type { IssueHolder, IssueLimitKind } from './issue.types';

/** The running time limit of an issue: whose move it is and the last working day they have. */
export interface IssueClock {
  kind: IssueLimitKind;
  holder: Exclude<IssueHolder, 'none'>;
  /** The last working day of the limit: missed from the end of this day (Asia/Ho_Chi_Minh). */
  limitDate: IsoDate;
  /** When the limit was (re)set: steps before this instant belong to an earlier limit and never fire. */
  setAt: string;
}

/** A clock stopped by a question to the reporter, and the day it stopped. */
export interface PausedClock {
  clock: IssueClock;
  pausedOn: IsoDate;
}

export type IssueStepKind = 'limit-reminder' | 'limit-escalation' | 'limit-repeat' | 'auto-close';

/** Something the issue workflow does at an instant unless the issue moves on first. */
export interface IssueStep {
  /** Stable per limit date: the outbox key and the "already done" marker derive from it. */
  id: string;
  kind: IssueStepKind;
  date: IsoDate;
  at: string;
  /** Who is told (the reporter's unit is told of every step besides). */
  notify: Exclude<IssueHolder, 'none'>[];
}

/** Starts a clock of `limits[kind]` working days counted from the day of `now` (that day excluded). */
export function startClock(
  kind: IssueLimitKind,
  holder: IssueClock['holder'],
  now: string,
  limits: IssueLimits,
  cal: WorkingCalendar,
): IssueClock {
  return { kind, holder, limitDate: cal.addWorkingDays(vnDateOf(now), limits[kind]), setAt: now };
}

export function pauseClock(clock: IssueClock, now: string): PausedClock {
  return { clock, pausedOn: vnDateOf(now) };
}

/**
 * Resumes a paused clock: its limit moves later by exactly the working days it was paused (the days
 * after the pause, up to and including the day of the answer), so the holder keeps the time it had.
 */
export function resumeClock(p: PausedClock, now: string, cal: WorkingCalendar): IssueClock {
  const paused = Math.max(0, cal.workingDaysBetween(p.pausedOn, vnDateOf(now)));
  return { ...p.clock, limitDate: cal.addWorkingDays(p.clock.limitDate, paused), setAt: now };
}

/** The instant a limit has passed: the end of its last day in Vietnam. */
export function limitPassesAt(clock: IssueClock): string {
  return vnInstant(addDays(clock.limitDate, 1), 0);
}

/**
 * Every timed step of one clock, in time order, up to `until`. A missed limit reminds the holder at
 * 08:00 on the first working day after the limit day; `graceWorkingDays` later the level above is
 * told (BTG → BTV); then whoever is at the top of it is reminded every 7 days (on the next working
 * day when that falls on a day off) until the issue moves. BTV and the reporter have no level above
 * in this chain, so their reminder is followed by the weekly repeats only. The `close` clock does not
 * remind anyone: when the reporter has not objected in time, the issue closes itself.
 */
export function issueSteps(
  clock: IssueClock,
  limits: IssueLimits,
  cal: WorkingCalendar,
  until: string,
): IssueStep[] {
  const first = cal.addWorkingDays(clock.limitDate, 1);
  const step = (kind: IssueStepKind, date: IsoDate, n: number, notify: IssueStep['notify']): IssueStep => ({
    id: `${kind}:${clock.kind}:${clock.limitDate}:${n}`,
    kind,
    date,
    at: vnInstant(date, REMINDER_HOUR),
    notify,
  });
  if (clock.kind === 'close') return [step('auto-close', first, 0, [])].filter((s) => s.at <= until);
  const steps = [step('limit-reminder', first, 0, [clock.holder])];
  let last = first;
  let weekly: IssueStep['notify'] = [clock.holder];
  if (clock.holder === 'btg') {
    last = cal.addWorkingDays(first, limits.graceWorkingDays);
    steps.push(step('limit-escalation', last, 0, ['btv']));
    weekly = ['btv', 'btg'];
  }
  for (let n = 1, base = last; ; n++) {
    base = addDays(base, 7);
    const s = step('limit-repeat', cal.rollForward(base), n, weekly);
    if (s.at > until) break;
    steps.push(s);
  }
  return steps.filter((s) => s.at <= until);
}
