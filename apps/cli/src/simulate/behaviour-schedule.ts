import { addDays, IsoDate, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import {
  InputProblem,
  InputRejectedException,
  OrgTree,
  PlanDefinition,
  ScheduledDeliverable,
} from '@dondoc/domain';
import { periodOpensOn } from '@dondoc/activities/src/plan/plan-deliverable-input';
import { BehaviourEntry, BehaviourItem, behaviourKey } from './behaviour';
import { isIssueEntry } from './issue-behaviour';

/** Behaviour happens at 09:00 Vietnam time: after the 07:00 openings and the 08:00 reminders of that day. */
export const BEHAVIOUR_HOUR = 9;

export type SimActionKind = 'extend' | 'submit' | 'resubmit';

/** One thing the driver does at a simulated instant on behalf of a unit or its collector. */
export interface SimAction {
  at: string;
  kind: SimActionKind;
  /** Position of the entry in the behaviour file, for error messages. */
  index: number;
  entry: BehaviourEntry;
}

// Same instant: an extension granted that morning comes before a submission, a first submission before a resubmission.
const KIND_ORDER: Record<SimActionKind, number> = { extend: 0, submit: 1, resubmit: 2 };

export function compareActions(a: SimAction, b: SimAction): number {
  return a.at.localeCompare(b.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.index - b.index;
}

/** The day the collector accepts it, per the behaviour entry, or null when it never is. */
function acceptedOn(e: BehaviourEntry): IsoDate | null {
  if (!e.submit_on || !e.review) return null;
  if (e.review === 'accept') return e.submit_on;
  return e.resubmit_on === null ? null : (e.resubmit_on ?? e.review.return_due);
}

export interface ScheduleContext {
  plan: PlanDefinition;
  org: OrgTree;
  /** Every row the plan gives over [issued, until] (expandPlan). */
  rows: ScheduledDeliverable[];
  issued: IsoDate;
  until: IsoDate;
  calendar: WorkingCalendar;
  file: string;
}

/**
 * Checks each entry against what the simulation will open and turns it into timed actions.
 * What is opened: every unit row with a due date (per-person rows are not opened by the plan
 * workflow yet), at 07:00 on its period's opening day; a cascade child (grassroots-plan) opens when
 * its parent is accepted, so it is valid only if the file has its parent accepted.
 */
export function behaviourActions(items: BehaviourItem[], ctx: ScheduleContext): SimAction[] {
  const problems: InputProblem[] = [];
  // Reported issues are checked and driven apart (issue-behaviour.ts); indexes stay the file's.
  const entries = items.map((e) => (isIssueEntry(e) ? null : e));
  const byKey = new Map(
    entries.filter((e): e is BehaviourEntry => e !== null).map((e) => [behaviourKey(e), e]),
  );
  const rowsByKey = new Map(
    ctx.rows
      .filter((r) => r.assigneeKind === 'unit' && r.dueDate !== null)
      .map((r) => [behaviourKey({ obligation: r.obligationId, unit: r.assignee, period: r.period }), r]),
  );
  const units = new Map(ctx.org.units.map((u) => [u.id, u]));
  const actions: SimAction[] = [];

  entries.forEach((e, index) => {
    if (!e) return;
    const at = (field: string | undefined, reason: string) =>
      problems.push({ file: ctx.file, location: `[${index}]`, ...(field ? { field } : {}), reason });
    const obligation = ctx.plan.obligations.find((o) => o.id === e.obligation);
    if (!obligation) return at('obligation', `no obligation "${e.obligation}" in plan ${ctx.plan.id}`);
    if (!units.has(e.unit)) return at('unit', `no unit "${e.unit}" in the org file`);
    const row = rowsByKey.get(behaviourKey(e));
    if (!row)
      return at(
        'period',
        `unit ${e.unit} owes no ${e.obligation} for period "${e.period}" due between ${ctx.issued} and ${ctx.until}`,
      );
    let opensOn: IsoDate;
    if (obligation.due?.kind === 'after-parent-acceptance') {
      const parentUnit = units.get(e.unit)!.parentId ?? '';
      const parent = byKey.get(
        behaviourKey({ obligation: obligation.due.parent, unit: parentUnit, period: e.period }),
      );
      const accepted = parent ? acceptedOn(parent) : null;
      if (!accepted)
        return at(
          undefined,
          `never opens: it follows the acceptance of ${obligation.due.parent} of ${parentUnit} (${e.period}), which this file does not accept`,
        );
      opensOn = accepted;
    } else {
      opensOn = periodOpensOn(e.period, ctx.issued);
    }
    const inTerm = (field: string, d: IsoDate) => {
      if (d < opensOn) at(field, `${d} is before the deliverable opens (${opensOn})`);
      else if (d > ctx.until) at(field, `${d} is after --until ${ctx.until}`);
      else return true;
      return false;
    };
    if (e.extend_to) {
      const on = e.extend_on ?? ctx.calendar.rollForward(addDays(opensOn, 1));
      const fromPlan = obligation.due?.kind !== 'after-parent-acceptance';
      if (fromPlan && e.extend_to <= row.dueDate!)
        at('extend_to', `must be after the due date ${row.dueDate} to be an extension`);
      if (e.submit_on && on > e.submit_on)
        at('extend_on', `the extension (${on}) would come after the submission (${e.submit_on})`);
      if (inTerm('extend_on', on))
        actions.push({ at: vnInstant(on, BEHAVIOUR_HOUR), kind: 'extend', index, entry: e });
    }
    if (e.submit_on && inTerm('submit_on', e.submit_on))
      actions.push({ at: vnInstant(e.submit_on, BEHAVIOUR_HOUR), kind: 'submit', index, entry: e });
    if (e.submit_on && e.review && e.review !== 'accept' && e.resubmit_on !== null) {
      const on = e.resubmit_on ?? e.review.return_due;
      if (inTerm('resubmit_on', on))
        actions.push({ at: vnInstant(on, BEHAVIOUR_HOUR), kind: 'resubmit', index, entry: e });
    }
  });
  if (problems.length) throw new InputRejectedException(problems);
  return actions.sort(compareActions);
}
