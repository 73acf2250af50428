import { bucketOf } from '@dondoc/domain';
import { DeliverableEntity, DeliverableEventEntity, DeliverableUrgingEntity } from '@dondoc/persistence';
import { DeliverableDto, DeliverableEventDto } from './dto/deliverable.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDeliverableDto(e: DeliverableEntity, now = new Date()): DeliverableDto {
  return {
    id: e.id,
    workflowId: e.workflowId,
    planId: e.planId,
    planNumber: e.planNumber,
    planTitle: e.planTitle,
    obligationId: e.obligationId,
    unitId: e.unitId,
    period: e.period,
    title: e.title,
    clause: e.clause,
    collectorUnitId: e.collectorUnitId,
    requiredContents: e.requiredContents,
    dueDate: e.dueDate,
    deadlineAt: e.deadlineAt.toISOString(),
    status: e.status,
    bucket: bucketOf({
      status: e.status,
      deadlineAt: e.deadlineAt.toISOString(),
      submittedAt: iso(e.submittedAt),
      now: now.toISOString(),
    }),
    version: e.version,
    remindersSent: e.remindersSent,
    escalationsSent: e.escalationsSent,
    nextStepAt: iso(e.nextStepAt),
    nextStepKind: e.nextStepKind,
    submission: e.submission,
    lastReview: e.lastReview,
    extensions: e.extensions,
    returns: e.returns,
    closedReason: e.closedReason,
    memberCount: e.memberCount,
    registeredCount: e.registeredCount,
  };
}

/** One weekly digest of the plan that named the deliverable: an escalation without a workflow version. */
export function toUrgingEventDto(u: DeliverableUrgingEntity): DeliverableEventDto {
  return {
    version: null,
    at: u.at.toISOString(),
    type: 'escalation',
    step: u.step,
    actorUnitId: null,
    reason: `Đôn đốc hằng tuần: quá hạn ${u.workingDaysOverdue} ngày làm việc`,
  };
}

export function toEventDto(e: DeliverableEventEntity): DeliverableEventDto {
  return {
    version: e.version,
    at: e.at.toISOString(),
    type: e.type,
    step: e.step,
    actorUnitId: e.actorUnitId,
    reason: e.reason,
  };
}
