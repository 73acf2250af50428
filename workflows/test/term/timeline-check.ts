import { addDays, REMINDER_HOUR, vnDateOf, vnInstant, weekday, WorkingCalendar } from '@dondoc/calendar';
import { PlanDefinition } from '@dondoc/domain';

export interface StepEvent {
  at: string;
  type: string;
}

/**
 * Every problem with one deliverable's reminder, overdue and escalation events, checked from the
 * plan's rules with the calendar's primitives only (not with deliverableTimeline, which the workflow
 * itself uses): each on a working day at 08:00 Asia/Ho_Chi_Minh; each reminder a plan offset of
 * working days before the deadline; the overdue notice and escalations at the plan's working days
 * after it; then the plan's weekly digest (urgings): on the first working day of a week, once at
 * least `repeatEveryDays` have passed since the last level or the previous urging, all before `endAt`
 * (the end of the run, or the deliverable's submission or cancellation). For a due date never moved.
 */
export function timelineProblems(
  plan: PlanDefinition,
  d: { obligationId: string; dueDate: string; openedAt: string; endAt: string },
  events: StepEvent[],
  cal: WorkingCalendar,
): string[] {
  const ob = plan.obligations.find((o) => o.id === d.obligationId)!;
  const reminders = ob.reminders ?? plan.defaults.reminders;
  const { levels, repeatEveryDays } = ob.escalation ?? plan.defaults.escalation;
  const deadline = cal.deadlineEnd(d.dueDate);
  const problems: string[] = [];
  for (const e of events) {
    const date = vnDateOf(e.at);
    if (!cal.isWorkingDay(date)) problems.push(`${e.type} ${e.at} on a day off (${cal.reasonOff(date)})`);
    if (e.at !== vnInstant(date, REMINDER_HOUR))
      problems.push(`${e.type} ${e.at} is not at 08:00 in Vietnam`);
  }
  const got = (type: string) => events.filter((e) => e.type === type).map((e) => vnDateOf(e.at));
  const before = (date: string) => vnInstant(date, REMINDER_HOUR) < d.endAt;

  // Reminders: the plan's offsets in working days before the deadline, those after the opening.
  const wantReminders = [...new Set(reminders.offsets)]
    .map((n) => (reminders.dayKind === 'working' ? cal.addWorkingDays(deadline, -n) : addDays(deadline, -n)))
    .filter((date) => vnInstant(date, REMINDER_HOUR) >= d.openedAt && before(date))
    .sort();
  const gotReminders = got('reminder');
  for (const date of gotReminders) {
    const before = cal.workingDaysBetween(date, deadline);
    if (!reminders.offsets.includes(before))
      problems.push(
        `reminder on ${date} is ${before} working days before ${deadline}, not one of ${reminders.offsets}`,
      );
  }
  if (JSON.stringify(gotReminders) !== JSON.stringify(wantReminders))
    problems.push(`reminders ${gotReminders} ≠ expected ${wantReminders}`);

  // After the deadline: the overdue notice and each escalation level at its working-day count, then
  // the digest days: first working day of each week, a full repeat interval after the previous one.
  const gotAfter = [...got('overdue'), ...got('escalation')].sort();
  gotAfter.slice(0, levels.length).forEach((date, i) => {
    const past = cal.workingDaysBetween(deadline, date);
    if (past !== levels[i].afterWorkingDays)
      problems.push(`level ${i} on ${date} is +${past} working days, not +${levels[i].afterWorkingDays}`);
  });
  const wantAfter = levels.map((l) => cal.addWorkingDays(deadline, l.afterWorkingDays));
  if (repeatEveryDays) {
    let since = wantAfter[wantAfter.length - 1];
    // weekday(): 0 = Sunday; walk Mondays from the week of the last level.
    for (
      let monday = addDays(since, -((weekday(since) + 6) % 7));
      before(monday);
      monday = addDays(monday, 7)
    ) {
      const firstWorking = [0, 1, 2, 3, 4].map((i) => addDays(monday, i)).find((x) => cal.isWorkingDay(x));
      if (!firstWorking || addDays(since, repeatEveryDays) > firstWorking || !before(firstWorking)) continue;
      wantAfter.push(firstWorking);
      since = firstWorking;
    }
  }
  const expected = wantAfter.filter(before);
  if (JSON.stringify(gotAfter) !== JSON.stringify(expected))
    problems.push(
      `after the deadline: ${gotAfter.length} steps ${gotAfter.slice(0, 5)}… ≠ expected ${expected.length} ${expected.slice(0, 5)}…`,
    );
  if (got('overdue').length !== (expected.length ? 1 : 0))
    problems.push(`${got('overdue').length} overdue notices`);
  return problems;
}
