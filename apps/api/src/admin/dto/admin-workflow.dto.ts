import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { SLUG_PATTERN } from '@dondoc/domain';
import { IsIsoDate } from '../../common/is-iso-date.validator';
import { WORKFLOW_TYPES } from '../workflow-messages';

/** Execution statuses as Temporal visibility names them (`ExecutionStatus = 'Running'`). */
export const EXECUTION_STATUSES = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;

/** A business status as the workflows write DondocStatus (open, overdue, in-handling …). */
export const STATUS_PATTERN = /^[a-z][a-z-]{0,39}$/;
/** Temporal's opaque page token, base64url as this API hands it out. */
export const PAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,4096}$/;

/** `GET /admin/workflows`: every filter is validated, then quoted and escaped into the visibility query. */
export class ListWorkflowsQuery {
  @ApiPropertyOptional({ example: '22-KH-TU', description: 'DondocPlan' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a plan id' })
  plan?: string;

  @ApiPropertyOptional({ example: 'implementation-plan', description: 'DondocObligation' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be an obligation id' })
  obligation?: string;

  @ApiPropertyOptional({ example: 'HU-TIEN-DU', description: 'DondocUnit' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  unit?: string;

  @ApiPropertyOptional({ example: '2027', description: 'DondocPeriod' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a period' })
  period?: string;

  @ApiPropertyOptional({ example: 'overdue', description: 'DondocStatus: the business status' })
  @IsOptional()
  @Matches(STATUS_PATTERN, { message: 'must be a status (lower-case letters and dashes)' })
  status?: string;

  @ApiPropertyOptional({
    enum: EXECUTION_STATUSES,
    example: 'Running',
    description: "Temporal's ExecutionStatus",
  })
  @IsOptional()
  @IsIn(EXECUTION_STATUSES)
  executionStatus?: (typeof EXECUTION_STATUSES)[number];

  @ApiPropertyOptional({ example: '2027-01-01', description: 'DondocDueDate on or after this day' })
  @IsOptional()
  @IsIsoDate()
  dueFrom?: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'DondocDueDate on or before this day' })
  @IsOptional()
  @IsIsoDate()
  dueTo?: string;

  @ApiPropertyOptional({ enum: WORKFLOW_TYPES, example: 'deliverableWorkflow', description: 'WorkflowType' })
  @IsOptional()
  @IsIn(WORKFLOW_TYPES)
  type?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;

  @ApiPropertyOptional({ description: 'The `nextPageToken` of the previous page', example: 'CgQIARAB' })
  @IsOptional()
  @Matches(PAGE_TOKEN_PATTERN, { message: 'must be a nextPageToken this API returned' })
  nextPageToken?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, description: 'First event id of the page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  fromEventId = 1;

  @ApiPropertyOptional({ default: 200, minimum: 1, maximum: 1000, description: 'At most this many events' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 200;
}

/** Every admin action says why, for the audit log and the workflow's own history. */
export class ReasonDto {
  @ApiProperty({ example: 'Sửa lỗi cấu hình SMTP, chạy lại bước nhắc việc', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class MessageDto extends ReasonDto {
  @ApiProperty({ example: 'extend', description: 'A signal or update the workflow type declares' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,79}$/, { message: 'must be a message name' })
  name!: string;

  @ApiPropertyOptional({
    type: 'array',
    items: {},
    example: [
      { newDueDate: '2027-02-15', reason: 'Đơn vị đang kiện toàn cấp ủy', grantedByUnitId: 'BTG-TU' },
    ],
    description: 'The arguments, as JSON values',
  })
  @IsOptional()
  @IsArray()
  args: unknown[] = [];
}

@ValidatorConstraint({ name: 'resetPoint' })
class ResetPoint implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    return v === 'lastWorkflowTask' || (typeof v === 'number' && Number.isInteger(v) && v > 0);
  }
  defaultMessage(): string {
    return 'must be a positive event id or "lastWorkflowTask"';
  }
}

export class ResetDto extends ReasonDto {
  @ApiProperty({
    oneOf: [
      { type: 'integer', minimum: 1 },
      { type: 'string', enum: ['lastWorkflowTask'] },
    ],
    example: 'lastWorkflowTask',
    description:
      'The WorkflowTaskCompleted event to reset to (its id, from the history), or `lastWorkflowTask`: the last one',
  })
  @Validate(ResetPoint)
  eventId!: number | 'lastWorkflowTask';
}

/** Our search attributes on a deliverable workflow (DondocDueDate: the due day's midnight in Vietnam). */
export const SEARCH_ATTRIBUTES_EXAMPLE = {
  DondocPlan: '22-KH-TU',
  DondocObligation: 'implementation-plan',
  DondocUnit: 'HU-TIEN-DU',
  DondocPeriod: '2027',
  DondocStatus: 'open',
  DondocDueDate: '2027-01-14T17:00:00.000Z',
};

export class WorkflowSummaryDto {
  @ApiProperty({ example: 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:2027' })
  workflowId!: string;
  @ApiProperty({ example: '0195f7b2-6a3c-7c1e-9f4e-2b8d9c0a1e23' })
  runId!: string;
  @ApiProperty({ example: 'deliverableWorkflow' })
  type!: string;
  @ApiProperty({ example: 'RUNNING' })
  status!: string;
  @ApiProperty({ example: '2027-01-02T03:04:05.000Z' })
  startTime!: string;
  @ApiProperty({ nullable: true, type: String, example: null })
  closeTime!: string | null;
  @ApiProperty({ example: 12 })
  historyLength!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: SEARCH_ATTRIBUTES_EXAMPLE,
  })
  searchAttributes!: Record<string, unknown>;
}

export class WorkflowPageDto {
  @ApiProperty({ type: [WorkflowSummaryDto] })
  items!: WorkflowSummaryDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'Pass back for the next page; null at the end',
  })
  nextPageToken!: string | null;
  @ApiProperty({
    example: "DondocUnit = 'HU-TIEN-DU' AND DondocStatus = 'open'",
    description: 'The visibility query run',
  })
  query!: string;
}

export class PendingActivityDto {
  @ApiProperty({ example: '3' }) activityId!: string;
  @ApiProperty({ example: 'notifyAndRecordDeliverable' }) activityType!: string;
  @ApiProperty({ example: 'PENDING_ACTIVITY_STATE_SCHEDULED' }) state!: string;
  @ApiProperty({ example: 4 }) attempt!: number;
  @ApiProperty({ nullable: true, type: String, example: 'connect ECONNREFUSED 127.0.0.1:2525' })
  lastFailure!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-01-05T01:00:40.000Z' })
  nextAttemptAt!: string | null;
}

export class PendingTimerDto {
  @ApiProperty({ example: '2' }) timerId!: string;
  @ApiProperty({ example: 22, description: 'The TimerStarted event' }) startedEventId!: number;
  @ApiProperty({ example: '2027-01-02T03:04:05.000Z' }) startedAt!: string;
  @ApiProperty({ example: '2027-01-05T01:00:00.000Z', description: 'startedAt + startToFireTimeout' })
  firesAt!: string;
}

export class WorkflowDescriptionDto extends WorkflowSummaryDto {
  @ApiProperty({ example: 'dondoc' }) taskQueue!: string;
  @ApiProperty({ type: [PendingActivityDto] }) pendingActivities!: PendingActivityDto[];
  @ApiProperty({ type: [PendingTimerDto] }) pendingTimers!: PendingTimerDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, example: {} }) memo!: Record<string, unknown>;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      'A deliverable workflow answers its `status` query; null for other types or if it did not answer',
    example: {
      id: '22-KH-TU:implementation-plan:HU-TIEN-DU:2027',
      status: 'open',
      dueDate: '2027-01-15',
      version: 1,
    },
  })
  state!: Record<string, unknown> | null;
}

export class HistoryEventDto {
  @ApiProperty({ example: 22 }) eventId!: number;
  @ApiProperty({ example: '2027-01-02T03:04:05.000Z' }) eventTime!: string;
  @ApiProperty({ example: 'TimerStarted' }) eventType!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { timerId: '1', startToFireTimeout: { seconds: 252000 }, workflowTaskCompletedEventId: 20 },
  })
  attributes!: Record<string, unknown>;
}

export class HistoryPageDto {
  @ApiProperty({ example: 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:2027' }) workflowId!: string;
  @ApiProperty({ example: '0195f7b2-6a3c-7c1e-9f4e-2b8d9c0a1e23' }) runId!: string;
  @ApiProperty({ example: 28, description: 'Events in the run’s history' }) total!: number;
  @ApiProperty({ type: [HistoryEventDto] }) events!: HistoryEventDto[];
  @ApiProperty({
    nullable: true,
    type: Number,
    example: null,
    description: 'fromEventId of the next page; null at the end',
  })
  nextFromEventId!: number | null;
}

export class TimelineLinkDto {
  @ApiProperty({ enum: ['resend-mail', 'mail'] }) rel!: string;
  @ApiProperty({ enum: ['GET', 'POST'] }) method!: string;
  @ApiProperty({
    example: '/mail/deliverable%3A22-KH-TU%3A…%2Freminder%3A2027-01-15%3A2027-01-14%2F8c6f…/resend',
  })
  href!: string;
}

export class TimelineEntryDto {
  @ApiProperty({ example: '2027-01-14T01:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 34 }) eventId!: number;
  @ApiProperty({
    enum: [
      'opened',
      'reminder',
      'due-today',
      'overdue',
      'escalation',
      'mail',
      'update',
      'signal',
      'activity-failure',
      'timer-pending',
      'closed',
    ],
    example: 'reminder',
  })
  kind!: string;
  @ApiProperty({
    example:
      'Đã gửi nhắc việc lúc 14/01/2027 08:00 vì hạn nộp 15/01/2027 và quy tắc nhắc trước 1 ngày làm việc.',
  })
  vi!: string;
  @ApiProperty({
    example:
      'Reminder sent at 14/01/2027 08:00 because due 15/01/2027 and the plan reminds 1 working day before.',
  })
  en!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { step: 'reminder:2027-01-15:2027-01-14', days: 1 },
  })
  details!: Record<string, unknown>;
  @ApiPropertyOptional({ type: [TimelineLinkDto] }) links?: TimelineLinkDto[];
}

export class TimelineDto {
  @ApiProperty({ example: 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:2027' }) workflowId!: string;
  @ApiProperty({ example: '0195f7b2-6a3c-7c1e-9f4e-2b8d9c0a1e23' }) runId!: string;
  @ApiProperty({ example: 'deliverableWorkflow' }) type!: string;
  @ApiProperty({ type: [TimelineEntryDto] }) entries!: TimelineEntryDto[];
}

export class ActionResultDto {
  @ApiProperty({ example: 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:2027' }) workflowId!: string;
  @ApiProperty({
    example: '0195f7b2-6a3c-7c1e-9f4e-2b8d9c0a1e23',
    description: 'The run acted on, or the new run of a reset',
  })
  runId!: string;
  @ApiProperty({ example: 'signal' }) action!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "An update's answer",
    example: { status: 'open', dueDate: '2027-02-15' },
  })
  result?: unknown;
}
