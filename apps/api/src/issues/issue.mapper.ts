import { issueOutcome } from '@dondoc/domain';
import type {
  ReportedIssueAttachmentEntity,
  ReportedIssueEntity,
  ReportedIssueEventEntity,
} from '@dondoc/persistence';
import { AttachmentDto, IssueDto, IssueEventDto, IssueSummaryItemDto } from './dto/issue.dto';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toIssueDto(r: ReportedIssueEntity, now = Date.now()): IssueDto {
  const clock = r.clock && { kind: r.clock.kind, holder: r.clock.holder, limitDate: r.clock.limitDate };
  const paused = r.pausedClock && {
    kind: r.pausedClock.clock.kind,
    holder: r.pausedClock.clock.holder,
    limitDate: r.pausedClock.clock.limitDate,
  };
  return {
    id: r.id,
    workflowId: r.workflowId,
    planId: r.planId,
    reporterUnitId: r.reporterUnitId,
    reporterName: r.reporterName,
    title: r.title,
    description: r.description,
    severity: r.severity,
    state: r.state,
    holder: r.holder,
    version: r.version,
    handlerUnitId: r.handlerUnitId,
    clock,
    pausedClock: paused,
    limitAt: iso(r.limitAt),
    overdue: r.limitAt !== null && new Date(r.limitAt).getTime() < now,
    nextStepAt: iso(r.nextStepAt),
    nextStepKind: r.nextStepKind,
    remindersSent: r.remindersSent,
    escalationsSent: r.escalationsSent,
    reopenCount: r.reopenCount,
    directions: r.directions,
    infoRequests: r.infoRequests,
    resolution: r.resolution,
    reportedAt: iso(r.reportedAt)!,
    acknowledgedAt: iso(r.acknowledgedAt),
    escalatedAt: iso(r.escalatedAt),
    directedAt: iso(r.directedAt),
    resolvedAt: iso(r.resolvedAt),
    closedAt: iso(r.closedAt),
  };
}

export function toIssueEventDto(e: ReportedIssueEventEntity): IssueEventDto {
  return {
    version: e.version,
    at: iso(e.at)!,
    type: e.type,
    state: e.state,
    step: e.step,
    actorUnitId: e.actorUnitId,
    reason: e.reason,
    detail: e.detail,
  };
}

export function toAttachmentDto(a: ReportedIssueAttachmentEntity): AttachmentDto {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    url: `/issues/${encodeURIComponent(a.issueId)}/attachments/${a.id}`,
  };
}

export function toSummaryItem(r: ReportedIssueEntity & { overdue: boolean }): IssueSummaryItemDto {
  const deliverables = r.directions.flatMap((d) => d.deliverables);
  return {
    id: r.id,
    title: r.title,
    reporterUnitId: r.reporterUnitId,
    severity: r.severity,
    state: r.state,
    outcome: issueOutcome({ state: r.state, directed: deliverables.length > 0, overdue: r.overdue }),
    reportedAt: iso(r.reportedAt)!,
    resolvedAt: iso(r.resolvedAt),
    resolution: r.resolution,
    escalated: r.escalatedAt !== null,
    directionDeliverables: deliverables.length,
  };
}
