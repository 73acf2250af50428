import type { RowScope } from '@dondoc/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { startDeliverableWorkflow } from '@dondoc/activities';
import { DataSource } from 'typeorm';
import {
  deadlineInstant,
  DEFAULT_ESCALATION,
  DEFAULT_REMINDER_OFFSETS,
  DeliverableKey,
  deliverableId,
  deliverableWorkflowId,
  DomainException,
  FieldProblem,
  isOwed,
  staleVersionProblems,
  SubmissionInput,
} from '@dondoc/domain';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkingCalendar } from '@dondoc/calendar';
import { DondocConfig } from '@dondoc/config';
import { DeliverableProjectionRepository, UnitEntity } from '@dondoc/persistence';
import {
  extendUpdate,
  registerUpdate,
  reviewUpdate,
  submitUpdate,
  waiveUpdate,
} from '@dondoc/workflows/src/deliverable/deliverable.messages';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';
import { DATA_SOURCE, DONDOC_CONFIG, TEMPORAL_CLIENT } from '../tokens';
import {
  ExtendDeliverableDto,
  RegisterCommitmentDto,
  ReviewDeliverableDto,
  WaiveDeliverableDto,
} from './dto/command.dtos';
import { CreateDeliverableDto } from './dto/create-deliverable.dto';
import { DeliverableDto, DeliverableEventDto, DeliverablePageDto } from './dto/deliverable.dto';
import { ListDeliverablesQuery } from './dto/list-deliverables.query';
import { toDeliverableDto, toEventDto, toUrgingEventDto } from './deliverable.mapper';
import { CachedRead, ReadClock, ReadModelCache, scopeKey } from '../common/read-model-cache';

const cal = new WorkingCalendar();

/** Commands go to Temporal (Workflow Updates validated by the workflow); reads come from PostgreSQL. */
@Injectable()
export class DeliverablesService {
  private readonly projections: DeliverableProjectionRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
    private readonly cache: ReadModelCache,
    private readonly clock: ReadClock,
  ) {
    this.projections = new DeliverableProjectionRepository(dataSource);
  }

  /** Starts an ad-hoc deliverable's workflow; repeating the same command returns the existing one. */
  async create(dto: CreateDeliverableDto): Promise<{ created: boolean; deliverable: DeliverableDto }> {
    const key: DeliverableKey = {
      planId: dto.planId,
      obligationId: dto.obligationId,
      unitId: dto.unitId,
      period: dto.period,
    };
    const units = this.dataSource.getRepository(UnitEntity);
    if (!(await units.findOneBy({ id: dto.unitId })))
      throw DomainException.validation([{ field: 'unitId', reason: `no unit ${dto.unitId}` }]);
    const collector = dto.collectorUnitId
      ? await units.findOneBy({ id: dto.collectorUnitId })
      : await units.findOneBy({ type: 'ban-tuyen-giao' });
    if (!collector) {
      throw DomainException.validation([
        {
          field: 'collectorUnitId',
          reason: dto.collectorUnitId
            ? `no unit ${dto.collectorUnitId}`
            : 'no Ban Tuyên giáo unit in the org tree; name the collector',
        },
      ]);
    }
    const input: DeliverableInput = {
      key,
      planNumber: dto.planNumber ?? dto.planId,
      planTitle: dto.planTitle ?? dto.title,
      title: dto.title,
      terms: {
        dueDate: dto.dueDate,
        reminderOffsets: dto.reminderOffsets ?? [...DEFAULT_REMINDER_OFFSETS],
        reminderDayKind: 'working',
        escalation: DEFAULT_ESCALATION,
      },
      requiredContents: dto.requiredContents ?? [],
      collectorUnitId: collector.id,
    };
    const workflowId = deliverableWorkflowId(key);
    const created = await startDeliverableWorkflow(this.temporal, this.config.temporal.taskQueue, input);
    // Version 0: visible to the next GET at once; the workflow's own first projection (version 1) supersedes it.
    await this.projections.upsert({
      ...key,
      id: deliverableId(key),
      workflowId,
      planNumber: input.planNumber,
      planTitle: input.planTitle,
      title: input.title,
      clause: null,
      collectorUnitId: input.collectorUnitId,
      requiredContents: input.requiredContents,
      dueDate: dto.dueDate,
      deadlineAt: deadlineInstant(dto.dueDate, cal),
      status: 'open',
      version: 0,
      remindersSent: 0,
      escalationsSent: 0,
      nextStepAt: null,
      nextStepKind: null,
      submittedAt: null,
      submission: null,
      lastReview: null,
      extensions: [],
      returns: 0,
      closedReason: null,
    });
    return { created, deliverable: await this.get(deliverableId(key)) };
  }

  async get(id: string): Promise<DeliverableDto> {
    const row = await this.projections.findById(id);
    if (!row) throw new DomainException('not_found', `no deliverable ${id}`);
    return toDeliverableDto(row);
  }

  async events(id: string): Promise<DeliverableEventDto[]> {
    await this.get(id);
    const [events, urgings] = await Promise.all([this.projections.events(id), this.projections.urgings(id)]);
    // The plan's weekly digests that named it are escalations too, told after the chain had run.
    return [...events.map(toEventDto), ...urgings.map(toUrgingEventDto)].sort((a, b) =>
      a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
    );
  }

  /** One page of what `scope` (the caller's rows; undefined: all) lets it see. */
  async list(
    q: ListDeliverablesQuery,
    scope?: RowScope,
    now = this.clock.now(),
  ): Promise<DeliverablePageDto> {
    const { items, total } = await this.projections.list(q, scope);
    return {
      items: items.map((e) => toDeliverableDto(e, now)),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * The list as GET /deliverables answers it: one plan's pages through the validated read cache
   * (common/read-model-cache.ts), the same JSON as `list`; without a plan, computed every time.
   */
  async listJson(q: ListDeliverablesQuery, scope?: RowScope): Promise<CachedRead> {
    if (!q.planId)
      return this.cache.uncached(async (asOf) => JSON.stringify(await this.list(q, scope, asOf)));
    const view = await this.cache.plan(q.planId);
    const key = ['deliverables', q.unitId ?? '', q.status ?? '', q.page, q.pageSize, scopeKey(scope)];
    // Without a status filter the page's rows and count change only with its own rows or a row's shape.
    return view.read(key.join('\u0000'), q.status ? 'any' : 'rows', async (asOf) => {
      const page = await this.list(q, scope, asOf);
      return { body: JSON.stringify(page), ids: page.items.map((d) => d.id) };
    });
  }

  // `expectedVersion` (from If-Match) travels into the Update: the workflow's validator compares it
  // with its own version, so the check and the change are one step, not a read-then-write race.
  submit(id: string, dto: SubmissionInput, expectedVersion?: number): Promise<DeliverableDto> {
    return this.command(
      id,
      (h) => h.executeUpdate(submitUpdate, { args: [{ ...dto, expectedVersion }] }),
      isOwed,
      expectedVersion,
    );
  }

  review(id: string, dto: ReviewDeliverableDto, expectedVersion?: number): Promise<DeliverableDto> {
    return this.command(
      id,
      (h) => h.executeUpdate(reviewUpdate, { args: [{ ...dto, expectedVersion }] }),
      (s) => s === 'submitted',
      expectedVersion,
    );
  }

  extend(id: string, dto: ExtendDeliverableDto, expectedVersion?: number): Promise<DeliverableDto> {
    return this.command(
      id,
      (h) => h.executeUpdate(extendUpdate, { args: [{ ...dto, expectedVersion }] }),
      isOwed,
      expectedVersion,
    );
  }

  /** Members mode: one member's yearly commitment registration, recorded at their cell. */
  register(id: string, dto: RegisterCommitmentDto): Promise<DeliverableDto> {
    return this.command(id, (h) => h.executeUpdate(registerUpdate, { args: [dto] }), isOwed);
  }

  waive(id: string, dto: WaiveDeliverableDto, expectedVersion?: number): Promise<DeliverableDto> {
    return this.command(
      id,
      (h) => h.executeUpdate(waiveUpdate, { args: [{ ...dto, expectedVersion }] }),
      (s) => isOwed(s) || s === 'submitted',
      expectedVersion,
    );
  }

  /**
   * Runs one Workflow Update. A deliverable whose read model says the command cannot apply answers
   * 409 without bothering the workflow (its workflow may have finished); the workflow's own
   * validator remains the authority for everything else.
   */
  private async command(
    id: string,
    run: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>,
    applies: (status: DeliverableDto['status']) => boolean,
    expectedVersion?: number,
  ): Promise<DeliverableDto> {
    const current = await this.get(id);
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw staleConflict(current, staleVersionProblems(current.version, { expectedVersion }));
    assertApplies(current, applies);
    try {
      await run(this.temporal.workflow.getHandle(current.workflowId));
    } catch (e) {
      const problems = versionRefusal(e);
      if (problems) throw staleConflict(await this.get(id), problems);
      throw e;
    }
    return this.get(id);
  }

  /** 404 or 409 before an upload is stored, on the same rule `submit` applies. */
  async assertSubmittable(id: string, expectedVersion?: number): Promise<DeliverableDto> {
    const current = await this.assertApplies(id, isOwed);
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw staleConflict(current, staleVersionProblems(current.version, { expectedVersion }));
    return current;
  }

  private async assertApplies(
    id: string,
    applies: (status: DeliverableDto['status']) => boolean,
  ): Promise<DeliverableDto> {
    return assertApplies(await this.get(id), applies);
  }
}

function assertApplies(
  current: DeliverableDto,
  applies: (status: DeliverableDto['status']) => boolean,
): DeliverableDto {
  if (!applies(current.status))
    throw new DomainException('conflict', `deliverable is ${current.status}`, [
      { field: 'status', reason: `already ${current.status}` },
    ]);
  return current;
}

/** 409 carrying the state as it is now, so the client can show it and decide again. */
function staleConflict(current: DeliverableDto, problems: FieldProblem[]): DomainException {
  return new DomainException('conflict', 'the deliverable changed since it was read', problems, { current });
}

/** The workflow's own refusal of a stale `expectedVersion`, if that is what `e` is. */
function versionRefusal(e: unknown): FieldProblem[] | undefined {
  if (!(e instanceof WorkflowUpdateFailedError) || !(e.cause instanceof ApplicationFailure)) return undefined;
  const problems = (e.cause.details?.[0] as FieldProblem[] | undefined) ?? [];
  return problems.some((p) => p.field === 'version') ? problems : undefined;
}
