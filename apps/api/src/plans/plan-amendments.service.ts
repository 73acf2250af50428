import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { DomainException, FieldProblem, PlanDefinition, PlanRejectedException } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { DeliverableEntity, PlanEntity, UnitEntity } from '@dondoc/persistence';
import {
  addUnitUpdate,
  cancelPlanUpdate,
  changeDueRuleUpdate,
  removeUnitUpdate,
} from '@dondoc/workflows/src/plan/plan.messages';
import type { AmendmentResult } from '@dondoc/workflows/src/plan/plan.types';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../tokens';
import { AmendmentDto, ChangeDueRuleAmendmentDto, RemoveUnitAmendmentDto } from './dto/amendment.dto';
import { CancelPlanDto } from './dto/issue-plan.dto';
import { AmendmentResultDto } from './dto/plan-lifecycle.dto';
import { PlanReadService } from './plan-read.service';

/**
 * Amendments run as Updates on `plan:<id>`. The plan's Updates carry no validators, so the refusals
 * a caller can act on (plan no longer issued, unknown unit or obligation, a due rule that breaks the
 * plan) are checked here first, against the same data the workflow's activities will read.
 */
@Injectable()
export class PlanAmendmentsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly reads: PlanReadService,
  ) {}

  async cancel(id: string, dto: CancelPlanDto): Promise<AmendmentResultDto> {
    const plan = await this.issued(id);
    return this.run(plan, (h) => h.executeUpdate(cancelPlanUpdate, { args: [{ reason: dto.reason }] }));
  }

  async amend(id: string, a: AmendmentDto): Promise<AmendmentResultDto> {
    const plan = await this.issued(id);
    switch (a.kind) {
      case 'add-unit':
        await this.assertUnit('unitId', a.unitId);
        return this.run(plan, (h) => h.executeUpdate(addUnitUpdate, { args: [{ unitId: a.unitId }] }));
      case 'remove-unit':
        await this.checkRemoval(id, a);
        return this.run(plan, (h) =>
          h.executeUpdate(removeUnitUpdate, {
            args: [
              { unitId: a.unitId, reason: a.reason, ...(a.reassignTo ? { reassignTo: a.reassignTo } : {}) },
            ],
          }),
        );
      case 'change-due-rule':
        checkDueRule(plan.definition, a);
        return this.run(plan, (h) =>
          h.executeUpdate(changeDueRuleUpdate, {
            args: [{ obligationId: a.obligationId, due: a.due, policy: a.policy, reason: a.reason }],
          }),
        );
    }
  }

  private async assertUnit(field: string, unitId: string): Promise<void> {
    if (!(await this.dataSource.getRepository(UnitEntity).existsBy({ id: unitId })))
      throw DomainException.validation([{ field, reason: `no unit ${unitId} in the org tree` }]);
  }

  /** The unit may already be closed in the org tree (that is why it goes); it must owe something here. */
  private async checkRemoval(planId: string, a: RemoveUnitAmendmentDto): Promise<void> {
    const owes = await this.dataSource
      .getRepository(DeliverableEntity)
      .existsBy({ planId, unitId: a.unitId });
    if (!owes)
      throw DomainException.validation([
        { field: 'unitId', reason: `unit ${a.unitId} owes nothing under plan ${planId}` },
      ]);
    if (a.reassignTo === a.unitId)
      throw DomainException.validation([{ field: 'reassignTo', reason: 'a unit cannot succeed itself' }]);
    if (a.reassignTo) await this.assertUnit('reassignTo', a.reassignTo);
  }

  private async issued(id: string): Promise<PlanEntity> {
    const plan = await this.reads.find(id);
    if (plan.status !== 'issued')
      throw new DomainException('conflict', `plan ${id} is ${plan.status}; it can no longer be amended`, [
        { field: 'status', reason: `already ${plan.status}` },
      ]);
    return plan;
  }

  /** An activity's non-retryable refusal inside the Update is the caller's problem (422), not a 500. */
  private async run(
    plan: PlanEntity,
    update: (h: WorkflowHandle) => Promise<AmendmentResult>,
  ): Promise<AmendmentResultDto> {
    try {
      return await update(this.temporal.workflow.getHandle(plan.workflowId));
    } catch (e) {
      if (
        e instanceof WorkflowUpdateFailedError &&
        e.cause instanceof ActivityFailure &&
        e.cause.cause instanceof ApplicationFailure &&
        e.cause.cause.nonRetryable
      )
        throw new DomainException('validation', e.cause.cause.message);
      throw e;
    }
  }
}

/**
 * The new rule is checked the way a plan file is: the amended definition goes through the same schema
 * and semantic validation, and each problem under the obligation's `due` is reported on field `due…`.
 */
function checkDueRule(def: PlanDefinition, a: ChangeDueRuleAmendmentDto): void {
  const index = def.obligations.findIndex((o) => o.id === a.obligationId);
  if (index < 0)
    throw DomainException.validation([
      { field: 'obligationId', reason: `no obligation ${a.obligationId} in plan ${def.id}` },
    ]);
  const amended = {
    ...def,
    obligations: def.obligations.map((o, i) => (i === index ? { ...o, due: a.due } : o)),
  };
  try {
    parsePlan(JSON.stringify(amended), 'amendment');
  } catch (e) {
    if (!(e instanceof PlanRejectedException)) throw e;
    const at = `/obligations/${index}/due`;
    const problems: FieldProblem[] = e.planProblems.map((p) => ({
      field: p.path.startsWith(at) ? `due${p.path.slice(at.length).replace(/\//g, '.')}` : `plan:${p.path}`,
      reason: p.reason,
    }));
    throw DomainException.validation(problems);
  }
}
