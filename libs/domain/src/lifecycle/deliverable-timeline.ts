import { addDays, IsoDate, REMINDER_HOUR, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import type { DeliverableTerms, EscalationTarget } from './deliverable-terms';

export type TimelineStepKind = 'reminder' | 'overdue' | 'escalation';

/** One thing the deliverable workflow will do at an instant unless the deliverable is done first. */
export interface TimelineStep {
  /** Stable per due date and step: the outbox key and "already done" marker derive from it. */
  id: string;
  kind: TimelineStepKind;
  date: IsoDate;
  at: string;
  /** reminder: working (or calendar) days left; overdue/escalation: working days past the deadline. */
  days: number;
  notify: EscalationTarget[] | ['unit'];
}

/** The deadline that counts (Civil Code art. 148): the due date, or the next working day. */
export function effectiveDeadline(due: IsoDate, cal: WorkingCalendar): IsoDate {
  return cal.deadlineEnd(due);
}

/** The instant a deadline passes: the end of its (effective) day in Vietnam. */
export function deadlineInstant(due: IsoDate, cal: WorkingCalendar): string {
  return vnInstant(addDays(effectiveDeadline(due, cal), 1), 0);
}

function reminderDate(
  deadline: IsoDate,
  offset: number,
  kind: DeliverableTerms['reminderDayKind'],
  cal: WorkingCalendar,
) {
  if (offset === 0) return deadline;
  // A calendar-day offset landing on a day off is moved back to the working day before it, so the
  // reminder still comes at least `offset` days ahead.
  if (kind === 'calendar') {
    let d = addDays(deadline, -offset);
    while (!cal.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }
  return cal.addWorkingDays(deadline, -offset);
}

/**
 * Every step of a deliverable's timeline for one due date, in time order, up to `until`:
 * reminders before the deadline, then the escalation chain after it, then weekly repeats.
 * Pure and deterministic, so the workflow can recompute it whenever the due date moves.
 */
export function deliverableTimeline(
  terms: DeliverableTerms,
  cal: WorkingCalendar,
  until: string,
): TimelineStep[] {
  const deadline = effectiveDeadline(terms.dueDate, cal);
  const steps: TimelineStep[] = [];
  const seen = new Set<IsoDate>();
  for (const offset of [...new Set(terms.reminderOffsets)].sort((a, b) => b - a)) {
    const date = reminderDate(deadline, offset, terms.reminderDayKind, cal);
    if (seen.has(date)) continue;
    seen.add(date);
    steps.push({
      id: `reminder:${deadline}:${date}`,
      kind: 'reminder',
      date,
      at: vnInstant(date, REMINDER_HOUR),
      days: offset,
      notify: ['unit'],
    });
  }
  const { levels, repeatEveryDays } = terms.escalation;
  levels.forEach((level, i) => {
    const date = cal.addWorkingDays(deadline, level.afterWorkingDays);
    steps.push({
      id: `${i === 0 ? 'overdue' : 'escalation'}:${deadline}:${i}`,
      kind: i === 0 ? 'overdue' : 'escalation',
      date,
      at: vnInstant(date, REMINDER_HOUR),
      days: level.afterWorkingDays,
      notify: level.notify,
    });
  });
  const last = levels[levels.length - 1];
  if (last && repeatEveryDays && repeatEveryDays > 0) {
    let base = cal.addWorkingDays(deadline, last.afterWorkingDays);
    let previous = base;
    let days = last.afterWorkingDays;
    for (let n = 1; ; n++) {
      base = addDays(base, repeatEveryDays);
      const date = cal.rollForward(base);
      const at = vnInstant(date, REMINDER_HOUR);
      if (at > until) break;
      // Counted week by week: a long-overdue deliverable must not rescan from its deadline each time.
      days += cal.workingDaysBetween(previous, date);
      previous = date;
      steps.push({
        id: `escalation:${deadline}:repeat-${n}`,
        kind: 'escalation',
        date,
        at,
        days,
        notify: last.notify,
      });
    }
  }
  return steps
    .filter((s) => s.at <= until)
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
