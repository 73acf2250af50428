import type { PlanAmendmentEntity, PlanEntity } from '@dondoc/persistence';
import type { BucketCountsDto, PlanAmendmentDto, PlanDto } from './dto/plan-lifecycle.dto';
import type { BucketCounts } from './plan-status.repository';

const EMPTY: BucketCounts = {
  total: 0,
  'on-time': 0,
  late: 0,
  'not-done-within-deadline': 0,
  'not-done-overdue': 0,
  waived: 0,
  cancelled: 0,
};

export function toPlanDto(p: PlanEntity, counts: BucketCounts | undefined): PlanDto {
  const def = p.definition;
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    issuer: def.issuer,
    issuedOn: p.issuedOn,
    until: p.until,
    termStart: def.term.start,
    termEnd: def.term.end,
    status: p.status,
    cancelReason: p.cancelReason,
    workflowId: p.workflowId,
    createdAt: p.createdAt.toISOString(),
    obligations: def.obligations.map((o) => ({
      id: o.id,
      titleVi: o.title.vi,
      titleEn: o.title.en,
      recurrence: o.recurrence,
      ...(o.due ? { dueRule: o.due.kind } : {}),
    })),
    counts: toCountsDto(counts ?? EMPTY),
  };
}

export function toCountsDto(c: BucketCounts): BucketCountsDto {
  return { ...c };
}

export function toAmendmentDto(a: PlanAmendmentEntity): PlanAmendmentDto {
  return { at: a.at.toISOString(), kind: a.kind, policy: a.policy, detail: a.detail, outcome: a.outcome };
}
