import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowHandle } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { temporal } from '@temporalio/proto';
import type { TypedSearchAttributes } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { DomainException } from '@dondoc/domain';
import { OutboxEntity } from '@dondoc/persistence';
import { statusQuery } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../tokens';
import {
  ActionResultDto,
  HistoryPageDto,
  ListWorkflowsQuery,
  MessageDto,
  PendingActivityDto,
  PendingTimerDto,
  ResetDto,
  TimelineDto,
  WorkflowDescriptionDto,
  WorkflowPageDto,
  WorkflowSummaryDto,
} from './dto/admin-workflow.dto';
import { durationMs, historyEventToJson, timestampIso, toNumber } from './timeline/history-json.util';
import { explainWorkflowHistory } from './timeline/workflow-timeline';
import { WORKFLOW_MESSAGES } from './workflow-messages';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const T = temporal.api.enums.v1.EventType;
/** How long describe waits for a deliverable's status query before answering without it. */
const QUERY_TIMEOUT_MS = 3000;

/** A visibility query string literal: single-quoted, with `\` and `'` escaped (values are validated first). */
export function quoteVisibility(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The visibility query of the filters: each value validated by the DTO, then quoted; never raw input. */
export function visibilityQuery(q: ListWorkflowsQuery): string {
  const parts: string[] = [];
  const eq = (attr: string, v: string | undefined) =>
    v !== undefined && parts.push(`${attr} = ${quoteVisibility(v)}`);
  eq('WorkflowType', q.type);
  eq('DondocPlan', q.plan);
  eq('DondocObligation', q.obligation);
  eq('DondocUnit', q.unit);
  eq('DondocPeriod', q.period);
  eq('DondocStatus', q.status);
  eq('ExecutionStatus', q.executionStatus);
  // DondocDueDate holds the due day's midnight in Vietnam (deliverable.workflow.ts).
  if (q.dueFrom) parts.push(`DondocDueDate >= ${quoteVisibility(`${q.dueFrom}T00:00:00+07:00`)}`);
  if (q.dueTo) parts.push(`DondocDueDate <= ${quoteVisibility(`${q.dueTo}T00:00:00+07:00`)}`);
  return parts.join(' AND ');
}

function searchAttributesJson(typed: TypedSearchAttributes | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of typed?.getAll() ?? []) {
    out[key.name] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * Admin inspection and repair of any workflow, straight from Temporal (visibility, describe, history):
 * the one place where the API reads workflow state rather than the read model.
 */
@Injectable()
export class AdminWorkflowsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  private get namespace(): string {
    return this.client.options.namespace;
  }

  async list(q: ListWorkflowsQuery): Promise<WorkflowPageDto> {
    const query = visibilityQuery(q);
    const res = await this.client.workflowService.listWorkflowExecutions({
      namespace: this.namespace,
      query,
      pageSize: q.pageSize,
      nextPageToken: q.nextPageToken ? Buffer.from(q.nextPageToken, 'base64url') : undefined,
    });
    const items = await Promise.all(
      (res.executions ?? []).map(async (raw) => {
        const info = await executionInfoFromRaw(
          raw,
          this.client.options.loadedDataConverter,
          raw,
          this.namespace,
        );
        return {
          workflowId: info.workflowId,
          runId: info.runId,
          type: info.type,
          status: info.status.name,
          startTime: info.startTime.toISOString(),
          closeTime: info.closeTime?.toISOString() ?? null,
          historyLength: info.historyLength,
          searchAttributes: searchAttributesJson(info.typedSearchAttributes),
        } satisfies WorkflowSummaryDto;
      }),
    );
    const token = res.nextPageToken?.length ? Buffer.from(res.nextPageToken).toString('base64url') : null;
    return { items, nextPageToken: token, query };
  }

  async describe(workflowId: string): Promise<WorkflowDescriptionDto> {
    const handle = this.client.workflow.getHandle(workflowId);
    const d = await handle.describe();
    const events = await this.events(handle);
    const pendingActivities: PendingActivityDto[] = (d.raw.pendingActivities ?? []).map((a) => ({
      activityId: a.activityId ?? '',
      activityType: a.activityType?.name ?? '',
      state: temporal.api.enums.v1.PendingActivityState[a.state ?? 0] ?? String(a.state),
      attempt: a.attempt ?? 1,
      lastFailure: a.lastFailure?.message ?? null,
      nextAttemptAt: a.nextAttemptScheduleTime ? timestampIso(a.nextAttemptScheduleTime) : null,
    }));
    return {
      workflowId: d.workflowId,
      runId: d.runId,
      type: d.type,
      status: d.status.name,
      startTime: d.startTime.toISOString(),
      closeTime: d.closeTime?.toISOString() ?? null,
      historyLength: d.historyLength,
      taskQueue: d.taskQueue,
      searchAttributes: searchAttributesJson(d.typedSearchAttributes),
      memo: d.memo ?? {},
      pendingActivities,
      pendingTimers: pendingTimers(events),
      state: d.type === 'deliverableWorkflow' ? await this.deliverableState(handle) : null,
    };
  }

  async history(workflowId: string, fromEventId: number, limit: number): Promise<HistoryPageDto> {
    const handle = this.client.workflow.getHandle(workflowId);
    const d = await handle.describe();
    const all = await this.events(this.client.workflow.getHandle(workflowId, d.runId));
    const page = all.filter((e) => toNumber(e.eventId) >= fromEventId).slice(0, limit);
    const last = page.length ? toNumber(page[page.length - 1].eventId) : fromEventId - 1;
    return {
      workflowId,
      runId: d.runId,
      total: all.length,
      events: page.map(historyEventToJson).map((e) => ({ ...e, eventTime: e.eventTime ?? '' })),
      nextFromEventId: all.some((e) => toNumber(e.eventId) > last) ? last + 1 : null,
    };
  }

  async timeline(workflowId: string): Promise<TimelineDto> {
    const d = await this.client.workflow.getHandle(workflowId).describe();
    const events = await this.events(this.client.workflow.getHandle(workflowId, d.runId));
    const mails = await this.dataSource
      .getRepository(OutboxEntity)
      .find({ where: { workflowId }, order: { createdAt: 'ASC' }, take: 2000 });
    const entries = explainWorkflowHistory({
      workflowId,
      events,
      mails: mails.map((m) => ({ key: m.key, step: m.step, status: m.status, lastError: m.lastError })),
    });
    return { workflowId, runId: d.runId, type: d.type, entries };
  }

  async signal(workflowId: string, dto: MessageDto): Promise<ActionResultDto> {
    const { handle, runId } = await this.declared(workflowId, 'signals', dto.name);
    await handle.signal(dto.name, ...dto.args);
    return { workflowId, runId, action: 'signal' };
  }

  async update(workflowId: string, dto: MessageDto): Promise<ActionResultDto> {
    const { handle, runId } = await this.declared(workflowId, 'updates', dto.name);
    const result: unknown = await handle.executeUpdate<unknown, [unknown, ...unknown[]]>(dto.name, {
      args: dto.args as [unknown, ...unknown[]],
    });
    return { workflowId, runId, action: 'update', result };
  }

  async terminate(workflowId: string, reason: string): Promise<ActionResultDto> {
    const handle = this.client.workflow.getHandle(workflowId);
    const d = await handle.describe();
    this.mustRun(d.status.name);
    await this.client.workflow.getHandle(workflowId, d.runId).terminate(reason);
    return { workflowId, runId: d.runId, action: 'terminate' };
  }

  /** Resets the latest run to a workflow task: a new run replays up to it; signals after it are reapplied. */
  async reset(workflowId: string, dto: ResetDto): Promise<ActionResultDto> {
    const d = await this.client.workflow.getHandle(workflowId).describe();
    const events = await this.events(this.client.workflow.getHandle(workflowId, d.runId));
    const completed = events.filter((e) => e.eventType === T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    const point =
      dto.eventId === 'lastWorkflowTask'
        ? completed[completed.length - 1]
        : completed.find((e) => toNumber(e.eventId) === dto.eventId);
    if (!point) {
      throw DomainException.validation([
        {
          field: 'eventId',
          reason:
            dto.eventId === 'lastWorkflowTask'
              ? 'the run has no completed workflow task to reset to'
              : `event ${dto.eventId} is not a WorkflowTaskCompleted event of run ${d.runId}`,
        },
      ]);
    }
    const res: temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse =
      await this.client.workflowService.resetWorkflowExecution({
        namespace: this.namespace,
        workflowExecution: { workflowId, runId: d.runId },
        reason: dto.reason,
        workflowTaskFinishEventId: point.eventId,
        requestId: randomUUID(),
        // Reapply type left unspecified: the server's default (signals after the point are reapplied).
      });
    return {
      workflowId,
      runId: res.runId ?? '',
      action: 'reset',
      result: { resetToEventId: toNumber(point.eventId) },
    };
  }

  private async declared(workflowId: string, kind: 'signals' | 'updates', name: string) {
    const d = await this.client.workflow.getHandle(workflowId).describe();
    const allowed = WORKFLOW_MESSAGES[d.type]?.[kind] ?? [];
    if (!allowed.includes(name)) {
      const what = kind === 'signals' ? 'signal' : 'update';
      throw DomainException.validation([
        {
          field: 'name',
          reason: `${d.type} declares no ${what} "${name}"; it declares: ${allowed.join(', ') || 'none'}`,
        },
      ]);
    }
    this.mustRun(d.status.name);
    return { handle: this.client.workflow.getHandle(workflowId, d.runId), runId: d.runId };
  }

  private mustRun(status: string): void {
    if (status !== 'RUNNING') {
      throw new DomainException('conflict', `the workflow is ${status}, not RUNNING`, [
        { field: 'status', reason: `is ${status}, not RUNNING` },
      ]);
    }
  }

  private async events(handle: WorkflowHandle): Promise<IHistoryEvent[]> {
    return (await handle.fetchHistory()).events ?? [];
  }

  private async deliverableState(handle: WorkflowHandle): Promise<Record<string, unknown> | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        handle.query(statusQuery) as Promise<unknown> as Promise<Record<string, unknown>>,
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), QUERY_TIMEOUT_MS))),
      ]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Timers started and neither fired nor cancelled, each with its fire time (start + startToFireTimeout). */
export function pendingTimers(events: IHistoryEvent[]): PendingTimerDto[] {
  const open = new Map<string, PendingTimerDto>();
  for (const e of events) {
    if (e.eventType === T.EVENT_TYPE_TIMER_STARTED) {
      const a = e.timerStartedEventAttributes;
      const startedAt = timestampIso(e.eventTime) ?? '';
      open.set(a?.timerId ?? '', {
        timerId: a?.timerId ?? '',
        startedEventId: toNumber(e.eventId),
        startedAt,
        firesAt: new Date(Date.parse(startedAt) + durationMs(a?.startToFireTimeout)).toISOString(),
      });
    } else if (e.eventType === T.EVENT_TYPE_TIMER_FIRED) {
      open.delete(e.timerFiredEventAttributes?.timerId ?? '');
    } else if (e.eventType === T.EVENT_TYPE_TIMER_CANCELED) {
      open.delete(e.timerCanceledEventAttributes?.timerId ?? '');
    }
  }
  return [...open.values()];
}
