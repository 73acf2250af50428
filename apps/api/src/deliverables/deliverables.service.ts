import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { DondocConfig } from '@dondoc/config';
import {
  DEFAULT_REMINDER_OFFSETS,
  DeliverableKey,
  deliverableId,
  deliverableWorkflowId,
  DomainException,
} from '@dondoc/domain';
import { DeliverableEntity, DeliverableProjectionRepository, UnitEntity } from '@dondoc/persistence';
import { deliverableWorkflow } from '@dondoc/workflows';
import { submitUpdate } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';
import {
  SA_DUE_DATE,
  SA_OBLIGATION,
  SA_PERIOD,
  SA_PLAN,
  SA_STATUS,
  SA_UNIT,
} from '@dondoc/workflows/src/search-attributes';
import { DATA_SOURCE, DONDOC_CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { CreateDeliverableDto } from './dto/create-deliverable.dto';
import { DeliverableDto, DeliverablePageDto } from './dto/deliverable.dto';
import { ListDeliverablesQuery } from './dto/list-deliverables.query';
import { SubmitDeliverableDto } from './dto/submit-deliverable.dto';

function toDto(e: DeliverableEntity): DeliverableDto {
  return {
    id: e.id,
    workflowId: e.workflowId,
    planId: e.planId,
    obligationId: e.obligationId,
    unitId: e.unitId,
    period: e.period,
    title: e.title,
    dueDate: e.dueDate,
    status: e.status,
    version: e.version,
    remindersSent: e.remindersSent,
    nextReminderAt: e.nextReminderAt ? e.nextReminderAt.toISOString() : null,
    submission: e.submission,
  };
}

/** Commands go to Temporal; reads come from the read model in PostgreSQL. */
@Injectable()
export class DeliverablesService {
  private readonly projections: DeliverableProjectionRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
  ) {
    this.projections = new DeliverableProjectionRepository(dataSource);
  }

  /** Starts the deliverable's workflow; repeating the same command returns the existing one. */
  async create(dto: CreateDeliverableDto): Promise<{ created: boolean; deliverable: DeliverableDto }> {
    const key: DeliverableKey = {
      planId: dto.planId,
      obligationId: dto.obligationId,
      unitId: dto.unitId,
      period: dto.period,
    };
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: dto.unitId });
    if (!unit) throw DomainException.validation([{ field: 'unitId', reason: `no unit ${dto.unitId}` }]);
    const input: DeliverableInput = {
      key,
      title: dto.title,
      dueDate: dto.dueDate,
      reminderOffsets: dto.reminderOffsets ?? [...DEFAULT_REMINDER_OFFSETS],
      requiredContents: dto.requiredContents ?? [],
    };
    const workflowId = deliverableWorkflowId(key);
    let created = true;
    try {
      await this.temporal.workflow.start(deliverableWorkflow, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: SA_PLAN, value: key.planId },
          { key: SA_OBLIGATION, value: key.obligationId },
          { key: SA_UNIT, value: key.unitId },
          { key: SA_PERIOD, value: key.period },
          { key: SA_STATUS, value: 'open' },
          { key: SA_DUE_DATE, value: new Date(`${dto.dueDate}T00:00:00+07:00`) },
        ],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      created = false;
    }
    // Version 0: visible to the next GET at once; the workflow's own first projection (version 1) supersedes it.
    await this.projections.upsert({
      ...key,
      id: deliverableId(key),
      workflowId,
      title: input.title,
      dueDate: input.dueDate,
      status: 'open',
      version: 0,
      remindersSent: 0,
      nextReminderAt: null,
      submittedAt: null,
      submission: null,
    });
    return { created, deliverable: await this.get(deliverableId(key)) };
  }

  async get(id: string): Promise<DeliverableDto> {
    const row = await this.projections.findById(id);
    if (!row) throw new DomainException('not_found', `no deliverable ${id}`);
    return toDto(row);
  }

  async list(q: ListDeliverablesQuery): Promise<DeliverablePageDto> {
    const { items, total } = await this.projections.list(q);
    return { items: items.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  /** A Workflow Update: validated by the workflow, answered once the read model shows the result. */
  async submit(id: string, dto: SubmitDeliverableDto): Promise<DeliverableDto> {
    const current = await this.get(id);
    if (current.status !== 'open') {
      throw new DomainException('conflict', `deliverable is ${current.status}, not open for submission`, [
        { field: 'status', reason: `already ${current.status}` },
      ]);
    }
    await this.temporal.workflow.getHandle(current.workflowId).executeUpdate(submitUpdate, { args: [dto] });
    return this.get(id);
  }
}
