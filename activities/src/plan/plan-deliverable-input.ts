import { addDays, IsoDate, vnInstant } from '@dondoc/calendar';
import { PlanDefinition, PlanObligation, ScheduledDeliverable } from '@dondoc/domain';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';

/** The deliverable workflow's input for one row of the plan's schedule. */
export function deliverableInputFor(
  plan: PlanDefinition,
  obligation: PlanObligation,
  row: ScheduledDeliverable,
  context: { planWorkflowId: string; clockOffsetMs?: number; fallbackCollector: string },
): DeliverableInput {
  const reminders = obligation.reminders ?? plan.defaults.reminders;
  return {
    key: { planId: plan.id, obligationId: obligation.id, unitId: row.assignee, period: row.period },
    planNumber: plan.number,
    planTitle: plan.title.vi,
    title: obligation.title.vi,
    clause: obligation.clause,
    terms: {
      dueDate: row.dueDate!,
      reminderOffsets: reminders.offsets,
      reminderDayKind: reminders.dayKind,
      escalation: obligation.escalation ?? plan.defaults.escalation,
    },
    requiredContents: obligation.requiredContents.map((c) => c.id),
    collectorUnitId: row.collector ?? context.fallbackCollector,
    planWorkflowId: context.planWorkflowId,
    clockOffsetMs: context.clockOffsetMs,
  };
}

/**
 * When a period's deliverables open: the start of the period (1 January, the first day of the
 * quarter), or the day the plan is issued for what is owed once or already under way.
 */
export function periodOpensOn(period: string, issued: IsoDate): IsoDate {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  const year = /^(\d{4})$/.exec(period);
  let start = issued;
  if (quarter) start = `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  else if (year) start = `${year[1]}-01-01`;
  return start > issued ? start : issued;
}

/** Deliverables open at 07:00 Vietnam time, an hour before the day's reminders go out. */
export function openingInstant(day: IsoDate): string {
  return vnInstant(day, 7);
}

export { addDays };
