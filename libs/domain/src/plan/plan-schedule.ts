import { IsoDate, vnInstant, REMINDER_HOUR, WorkingCalendar } from '@dondoc/calendar';
import { deliverableTimeline } from '../lifecycle/deliverable-timeline';
import type { OrgTree } from '../org/org.types';
import { ResolvedAssignee, resolveAssignees } from './plan-assignees';
import { planOrgProblems } from './plan-org-check';
import { existingDuring, existingOn, OrgIndex } from './plan-org-index';
import { PeriodDue, periodDues } from './plan-periods';
import { PlanRejectedException } from './plan-problems';
import { addDayCount, dueOrder, ON_EVENT_PERIOD } from './plan-rules';
import type { PlanDefinition, PlanObligation } from './plan.types';
import { compareScheduled, ScheduledDeliverable } from './scheduled-deliverable';

export interface ExpandOptions {
  /** The day the plan takes effect: counts start here, and nothing due before it is listed. */
  issued: IsoDate;
  /** Last due date to list (inclusive); default: everything of the term. */
  until?: IsoDate;
  calendar: WorkingCalendar;
  /** Names the plan in problems (unit ids the org does not have). */
  planFile?: string;
}

/**
 * Every deliverable of the plan's term over an org tree: pure, deterministic and sandbox-safe.
 * - Assignees are resolved on the org as it stands on each deliverable's (nominal) due date, so a
 *   unit dissolved before it does not owe it and one created in time does.
 * - The cascade assumes each parent deliverable is accepted on its (effective) due date.
 * - Event-driven obligations get one row per unit existing at some time in [issued, until or term
 *   end], period `on-event`, no due date and no reminders.
 * - Per-person obligations give one row per person (assignee = person id, collector = their cell).
 */
export function expandPlan(
  plan: PlanDefinition,
  org: OrgTree,
  options: ExpandOptions,
): ScheduledDeliverable[] {
  const { issued, until, calendar } = options;
  const orgProblems = planOrgProblems(plan, org);
  if (orgProblems.length > 0) throw new PlanRejectedException(options.planFile ?? plan.id, orgProblems);
  const index = new OrgIndex(org);
  const reminders = new ReminderCache(plan, issued, calendar);
  const periodsById = new Map<string, PeriodDue[]>();
  const rowsById = new Map<string, ScheduledDeliverable[]>();
  const all: ScheduledDeliverable[] = [];
  for (const obligation of dueOrder(plan)) {
    let rows: ScheduledDeliverable[];
    if (obligation.recurrence === 'event') {
      const window = existingDuring(issued, until ?? plan.term.end);
      rows = resolveAssignees(obligation.assignees, index, window).map((a) =>
        row(obligation, a, ON_EVENT_PERIOD, null, []),
      );
    } else if (obligation.due?.kind === 'after-parent-acceptance') {
      rows = cascadeRows(
        obligation,
        obligation.due,
        rowsById.get(obligation.due.parent) ?? [],
        index,
        reminders,
        calendar,
      );
    } else {
      const periods = periodDues(plan, obligation, issued, calendar, periodsById);
      periodsById.set(obligation.id, periods);
      rows = periods.flatMap((p) =>
        resolveAssignees(obligation.assignees, index, existingOn(p.due)).map((a) =>
          row(obligation, a, p.period, p.deadline, reminders.of(obligation, p.deadline)),
        ),
      );
    }
    rowsById.set(obligation.id, rows);
    for (const r of rows) if (until === undefined || r.dueDate === null || r.dueDate <= until) all.push(r);
  }
  return all.sort(compareScheduled);
}

/** Children of each unit owing the parent deliverable, due N (working) days after its assumed acceptance. */
function cascadeRows(
  obligation: PlanObligation,
  due: { days: number; dayKind: 'calendar' | 'working' },
  parentRows: readonly ScheduledDeliverable[],
  index: OrgIndex,
  reminders: ReminderCache,
  cal: WorkingCalendar,
): ScheduledDeliverable[] {
  if (obligation.assignees.kind !== 'children-of-parent-assignees') return [];
  const { unitTypes } = obligation.assignees;
  return parentRows.flatMap((parent) => {
    if (parent.assigneeKind !== 'unit' || parent.dueDate === null) return [];
    const nominal = addDayCount(parent.dueDate, due.days, due.dayKind, cal);
    const deadline = cal.deadlineEnd(nominal);
    return index
      .childrenOn(parent.assignee, unitTypes, existingOn(nominal))
      .map((unit) =>
        row(obligation, { kind: 'unit', unit }, parent.period, deadline, reminders.of(obligation, deadline)),
      );
  });
}

function row(
  obligation: PlanObligation,
  assignee: ResolvedAssignee,
  period: string,
  dueDate: IsoDate | null,
  reminderDates: readonly IsoDate[],
): ScheduledDeliverable {
  const isPerson = assignee.kind === 'person';
  const above = isPerson ? assignee.cell.id : assignee.unit.parentId;
  return {
    obligationId: obligation.id,
    assignee: isPerson ? assignee.person.id : assignee.unit.id,
    assigneeKind: assignee.kind,
    period,
    dueDate,
    reminderDates,
    collector: obligation.collector.kind === 'unit' ? obligation.collector.unit : above,
  };
}

/**
 * Reminder dates per (obligation, deadline). Thousands of deliverables share a deadline, so the
 * working-day arithmetic runs once per pair; the same (frozen) array is shared by their rows.
 */
class ReminderCache {
  private readonly cache = new Map<string, readonly IsoDate[]>();

  constructor(
    private readonly plan: PlanDefinition,
    private readonly issued: IsoDate,
    private readonly cal: WorkingCalendar,
  ) {}

  of(obligation: PlanObligation, deadline: IsoDate): readonly IsoDate[] {
    const key = `${obligation.id}\u0000${deadline}`;
    let dates = this.cache.get(key);
    if (!dates) {
      const rule = obligation.reminders ?? this.plan.defaults.reminders;
      // The same arithmetic the deliverable workflow uses, so the preview shows what will be sent.
      const steps = deliverableTimeline(
        {
          dueDate: deadline,
          reminderOffsets: rule.offsets,
          reminderDayKind: rule.dayKind,
          escalation: { levels: [], repeatEveryDays: null },
        },
        this.cal,
        vnInstant(deadline, REMINDER_HOUR),
      );
      dates = Object.freeze(steps.map((s) => s.date).filter((d) => d >= this.issued));
      this.cache.set(key, dates);
    }
    return dates;
  }
}
