import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { DataSource, EntityManager } from 'typeorm';
import { DondocConfig } from '@dondoc/config';
import { DomainException, PlanDefinition, planOrgProblems, PlanRejectedException } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { OrgRepository, PlanEntity } from '@dondoc/persistence';
import { planWorkflow } from '@dondoc/workflows';
import { SA_PLAN } from '@dondoc/workflows/src/search-attributes';
import { DATA_SOURCE, DONDOC_CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { canonicalJson } from './canonical-json';
import { IssuePlanDto } from './dto/issue-plan.dto';

export type IssueOutcome =
  | { kind: 'created'; plan: PlanEntity }
  | { kind: 'existing'; plan: PlanEntity }
  | { kind: 'conflict'; plan: PlanEntity };

export const planWorkflowId = (planId: string) => `plan:${planId}`;

/**
 * Issuing a plan: validate the file, check it against the stored org tree, store it, start its
 * workflow. The row is committed before the workflow starts because the workflow's first activity
 * reads it; if the start fails, repeating the same request starts it (the stored plan is identical).
 */
@Injectable()
export class PlanIssueService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
  ) {}

  async issue(dto: IssuePlanDto): Promise<IssueOutcome> {
    const file = dto.file ?? 'plan';
    const definition = parsePlan(dto.text, file);
    const issuedOn = dto.issued ?? definition.issueDate;
    const until = dto.until ?? null;
    checkDates(definition, issuedOn, until);
    const outcome = await this.dataSource.transaction((m) =>
      this.store(m, file, definition, issuedOn, until),
    );
    if (outcome.kind !== 'conflict' && outcome.plan.status === 'issued') await this.start(outcome.plan);
    return outcome;
  }

  /** The org check and the insert see one snapshot, so a plan is never stored against units that vanished. */
  private async store(
    m: EntityManager,
    file: string,
    definition: PlanDefinition,
    issuedOn: string,
    until: string | null,
  ): Promise<IssueOutcome> {
    const org = await new OrgRepository(this.dataSource).loadTree(undefined, m);
    const orgProblems = planOrgProblems(definition, org);
    if (orgProblems.length > 0) throw new PlanRejectedException(file, orgProblems);
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(PlanEntity)
      .values({
        id: definition.id,
        number: definition.number,
        title: definition.title.vi,
        definition,
        issuedOn,
        until,
        status: 'issued',
        workflowId: planWorkflowId(definition.id),
        cancelReason: null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const plan = await m.findOneByOrFail(PlanEntity, { id: definition.id });
    if ((inserted.raw as unknown[]).length > 0) return { kind: 'created', plan };
    // A repeat is the same definition issued on the same terms; anything else would silently fork it.
    const same =
      canonicalJson(plan.definition) === canonicalJson(definition) &&
      plan.issuedOn === issuedOn &&
      plan.until === until;
    return { kind: same ? 'existing' : 'conflict', plan };
  }

  /**
   * REJECT_DUPLICATE: a plan whose workflow already ran (completed or cancelled) must never be run a
   * second time by a repeated request.
   */
  private async start(plan: PlanEntity): Promise<void> {
    try {
      await this.temporal.workflow.start(planWorkflow, {
        workflowId: plan.workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [{ planId: plan.id }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [{ key: SA_PLAN, value: plan.id }],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }
}

function checkDates(plan: PlanDefinition, issuedOn: string, until: string | null): void {
  const problems = [];
  if (issuedOn < plan.term.start || issuedOn > plan.term.end)
    problems.push({
      field: 'issued',
      reason: `${issuedOn} is outside the plan's term ${plan.term.start} … ${plan.term.end}`,
    });
  if (until !== null && until < issuedOn)
    problems.push({ field: 'until', reason: `${until} is before the issue date ${issuedOn}` });
  if (problems.length) throw DomainException.validation(problems);
}
