import { DEFAULT_ESCALATION, DEFAULT_REMINDER_OFFSETS, DeliverableKey, PlanDefinition } from '@dondoc/domain';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';
import type { IssueInput } from '@dondoc/workflows/src/issue/issue.types';

/** The obligation id of every deliverable a BTV direction opens. */
export const ISSUE_DIRECTION_OBLIGATION = 'issue-direction';

/**
 * The period of a direction's deliverables: the issue id for the first direction, `<id>.<n>` for a
 * later one (an issue reopened and escalated again), so each direction's deliverables are distinct.
 */
export function directionPeriod(issueId: string, no: number): string {
  return no === 1 ? issueId : `${issueId}.${no}`;
}

/** The ad-hoc deliverable one directed unit owes: collected by BTG, reminded like any other. */
export function directionDeliverableInput(o: {
  input: IssueInput;
  issueWorkflowId: string;
  no: number;
  unitId: string;
  dueDate: string;
  plan: Pick<PlanDefinition, 'number' | 'title' | 'defaults'> | null;
}): DeliverableInput {
  const key: DeliverableKey = {
    planId: o.input.planId,
    obligationId: ISSUE_DIRECTION_OBLIGATION,
    unitId: o.unitId,
    period: directionPeriod(o.input.issueId, o.no),
  };
  const reminders = o.plan?.defaults.reminders;
  return {
    key,
    planNumber: o.plan?.number ?? o.input.planId,
    planTitle: o.plan?.title.vi ?? o.input.planId,
    title: `Thực hiện ý kiến chỉ đạo của Ban Thường vụ về vấn đề phát sinh ${o.input.issueId}`,
    clause: 'Ý kiến chỉ đạo của Ban Thường vụ Tỉnh ủy về vấn đề phát sinh',
    terms: {
      dueDate: o.dueDate,
      reminderOffsets: reminders?.offsets ?? [...DEFAULT_REMINDER_OFFSETS],
      reminderDayKind: reminders?.dayKind ?? 'working',
      escalation: o.plan?.defaults.escalation ?? DEFAULT_ESCALATION,
    },
    requiredContents: [],
    collectorUnitId: o.input.btgUnitId,
    issueWorkflowId: o.issueWorkflowId,
    clockOffsetMs: o.input.clockOffsetMs,
  };
}
