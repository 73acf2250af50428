import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access } from '../authz/access.decorator';
import { ADMIN_ONLY } from '../authz/roles';
import { ProblemDto } from '../common/problem.dto';
import { problemExample } from '../mail/problem-examples';
import { AdminWorkflowsService } from './admin-workflows.service';
import {
  ActionResultDto,
  HistoryPageDto,
  HistoryQuery,
  ListWorkflowsQuery,
  MessageDto,
  ReasonDto,
  ResetDto,
  SEARCH_ATTRIBUTES_EXAMPLE,
  TimelineDto,
  WorkflowDescriptionDto,
  WorkflowPageDto,
} from './dto/admin-workflow.dto';

const WF = 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:2027';
const ENC = encodeURIComponent(WF);
const RUN = '0195f7b2-6a3c-7c1e-9f4e-2b8d9c0a1e23';
const BASE = `/admin/workflows/${ENC}`;

const WORKFLOW_ID_PARAM = {
  name: 'workflowId',
  description: 'The workflow id (a business key), URL-encoded as one path segment; the latest run is used',
  example: ENC,
};

const notFound = (instance: string) => ({
  type: ProblemDto,
  description: 'No workflow with this id',
  example: problemExample('notFound', 404, 'Not found', 'no such workflow', instance),
});
const badBody = (instance: string, field: string, reason: string) => ({
  type: ProblemDto,
  description: 'A malformed body or query; `errors` names each field (unknown fields are refused)',
  example: problemExample('validation', 400, 'Invalid request', `${field}: ${reason}`, instance, [
    { field, reason },
  ]),
});
const notRunning = (instance: string) => ({
  type: ProblemDto,
  description: 'The workflow is closed (`errors` names `status`)',
  example: problemExample('conflict', 409, 'Conflict', 'the workflow is TERMINATED, not RUNNING', instance, [
    { field: 'status', reason: 'is TERMINATED, not RUNNING' },
  ]),
});
const unknownName = (instance: string, what: string) => ({
  type: ProblemDto,
  description: `The workflow type declares no such ${what}: \`errors\` names \`name\` and lists what it declares`,
  example: problemExample(
    'validation',
    422,
    'Invalid request',
    `name: deliverableWorkflow declares no ${what} "nudge"; it declares: submit, review, extend, waive, cancel, reschedule, register`,
    instance,
    [
      {
        field: 'name',
        reason: `deliverableWorkflow declares no ${what} "nudge"; it declares: submit, review, extend, waive, cancel, reschedule, register`,
      },
    ],
  ),
});

/** The refusals of a signal or an update: bad body, undeclared name, no workflow, closed workflow. */
const MessageErrors = (what: 'signal' | 'update', bad: ReturnType<typeof badBody>) =>
  applyDecorators(
    ApiBadRequestResponse(bad),
    ApiUnprocessableEntityResponse(unknownName(`${BASE}/${what}`, what)),
    ApiNotFoundResponse(notFound(`${BASE}/${what}`)),
    ApiConflictResponse(notRunning(`${BASE}/${what}`)),
  );

const TIMELINE_EXAMPLE: TimelineDto = {
  workflowId: WF,
  runId: RUN,
  type: 'deliverableWorkflow',
  entries: [
    {
      at: '2027-01-02T03:04:05.000Z',
      eventId: 1,
      kind: 'opened',
      vi: 'Mở nghĩa vụ “Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa” của HU-TIEN-DU (kế hoạch 22-KH/TU, kỳ 2027), hạn nộp 15/01/2027; nhắc trước 10, 5, 3, 1, 0 ngày làm việc lúc 08:00; sau hạn (ngày làm việc) +1: người đứng đầu đơn vị; +3: cơ quan thu nhận, cấp ủy cấp trên; +7: Ban Tuyên giáo (BTG).',
      en: "Opened “Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa” for HU-TIEN-DU (plan 22-KH/TU, period 2027), due 15/01/2027; reminders 10, 5, 3, 1, 0 working days before at 08:00; after the deadline (working days) +1: the unit's head; +3: the collecting body, the superior committee; +7: the Propaganda Department (BTG).",
      details: { workflowType: 'deliverableWorkflow' },
    },
    {
      at: '2027-01-14T01:00:00.000Z',
      eventId: 34,
      kind: 'reminder',
      vi: 'Đã gửi nhắc việc lúc 14/01/2027 08:00 vì hạn nộp 15/01/2027 và quy tắc nhắc trước 1 ngày làm việc.',
      en: 'Reminder sent at 14/01/2027 08:00 because due 15/01/2027 and the plan reminds 1 working day before.',
      details: { step: 'reminder:2027-01-15:2027-01-14', days: 1, notify: ['unit'] },
    },
    {
      at: '2027-01-14T01:00:02.000Z',
      eventId: 36,
      kind: 'mail',
      vi: 'Thư của bước reminder:2027-01-15:2027-01-14: 1 đã gửi, 0 đã gửi trước đó, 1 lỗi (gửi lại: POST /mail/{key}/resend).',
      en: 'Mail of step reminder:2027-01-15:2027-01-14: 1 sent, 0 already sent, 1 failed (resend: POST /mail/{key}/resend).',
      details: { step: 'reminder:2027-01-15:2027-01-14', sent: 1, alreadySent: 0, failed: 1 },
      links: [
        {
          rel: 'resend-mail',
          method: 'POST',
          href: `/mail/${encodeURIComponent(`${WF}/reminder:2027-01-15:2027-01-14/8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e`)}/resend`,
        },
      ],
    },
    {
      at: '2027-01-26T01:00:00.000Z',
      eventId: 40,
      kind: 'timer-pending',
      vi: 'Hẹn giờ đang chờ, kích hoạt lúc 26/01/2027 08:00: Sẽ báo cáo vượt cấp tới Ban Tuyên giáo (BTG) lúc 26/01/2027 08:00 vì đã quá hạn 7 ngày làm việc (hạn 15/01/2027).',
      en: 'Pending timer, fires at 26/01/2027 08:00: Will escalate to the Propaganda Department (BTG) at 26/01/2027 08:00 because 7 working days overdue (due 15/01/2027).',
      details: { timerId: '3', for: 'escalation', days: 7, notify: ['btg'] },
    },
  ],
};

/**
 * Admin inspection and repair of any workflow (plan, deliverable, issue, urging, daily mail): search by
 * our search attributes, describe, raw history, a domain timeline, and actions. Effects are retried
 * through `POST /mail/{key}/resend` (a failed mail) or a reset (a failed step re-runs from a workflow task).
 */
@ApiTags('admin')
@Controller('admin/workflows')
export class AdminWorkflowsController {
  constructor(private readonly workflows: AdminWorkflowsService) {}

  @Get()
  @Access({ roles: ADMIN_ONLY })
  @ApiOperation({
    summary: 'Search workflows by business fields (Temporal visibility), paged by its page token',
    description:
      'Filters are ANDed: plan, obligation, unit, period, status (DondocStatus), executionStatus, due-date range ' +
      '(DondocDueDate), type (WorkflowType). Each value is validated and then quoted into the query, which is ' +
      'returned as `query`. Visibility is eventually consistent: a just-started workflow appears within seconds.',
  })
  @ApiOkResponse({
    type: WorkflowPageDto,
    example: {
      items: [
        {
          workflowId: WF,
          runId: RUN,
          type: 'deliverableWorkflow',
          status: 'RUNNING',
          startTime: '2027-01-02T03:04:05.000Z',
          closeTime: null,
          historyLength: 12,
          searchAttributes: SEARCH_ATTRIBUTES_EXAMPLE,
        },
      ],
      nextPageToken: null,
      query: "DondocUnit = 'HU-TIEN-DU' AND DondocStatus = 'open'",
    },
  })
  @ApiBadRequestResponse(badBody('/admin/workflows?unit=a%27b', 'unit', 'must be a unit id'))
  list(@Query() q: ListWorkflowsQuery): Promise<WorkflowPageDto> {
    return this.workflows.list(q);
  }

  @Get(':workflowId')
  @Access({ roles: ADMIN_ONLY })
  @ApiOperation({
    summary:
      'Describe a workflow: status, pending activities (attempt, last failure), pending timers with fire time',
    description:
      'Also its search attributes and memo, and for a deliverable its `status` query (null when no worker answers ' +
      'within 3 s). Pending timers come from the history: TimerStarted without TimerFired/TimerCanceled.',
  })
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOkResponse({
    type: WorkflowDescriptionDto,
    example: {
      workflowId: WF,
      runId: RUN,
      type: 'deliverableWorkflow',
      status: 'RUNNING',
      startTime: '2027-01-02T03:04:05.000Z',
      closeTime: null,
      historyLength: 28,
      taskQueue: 'dondoc',
      searchAttributes: { DondocUnit: 'HU-TIEN-DU', DondocStatus: 'open' },
      memo: {},
      pendingActivities: [
        {
          activityId: '3',
          activityType: 'notifyAndRecordDeliverable',
          state: 'PENDING_ACTIVITY_STATE_SCHEDULED',
          attempt: 4,
          lastFailure: 'connect ECONNREFUSED 127.0.0.1:2525',
          nextAttemptAt: '2027-01-14T01:00:40.000Z',
        },
      ],
      pendingTimers: [
        {
          timerId: '1',
          startedEventId: 22,
          startedAt: '2027-01-02T03:04:05.000Z',
          firesAt: '2027-01-05T01:00:00.000Z',
        },
      ],
      state: {
        id: '22-KH-TU:implementation-plan:HU-TIEN-DU:2027',
        status: 'open',
        dueDate: '2027-01-15',
        version: 1,
      },
    },
  })
  @ApiNotFoundResponse(notFound(BASE))
  describe(@Param('workflowId') workflowId: string): Promise<WorkflowDescriptionDto> {
    return this.workflows.describe(workflowId);
  }

  @Get(':workflowId/history')
  @Access({ roles: ADMIN_ONLY })
  @ApiOperation({
    summary: 'The raw event history of the latest run, as JSON, at most `limit` (≤ 1000) events per page',
    description:
      'Event ids, times, type names (as the Temporal Web UI writes them) and attributes; `json/plain` payloads ' +
      '(inputs, results, signal and update arguments) are decoded, others are shown as `{ encoding, bytes }`. ' +
      'Page on with `fromEventId = nextFromEventId`.',
  })
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOkResponse({
    type: HistoryPageDto,
    example: {
      workflowId: WF,
      runId: RUN,
      total: 28,
      events: [
        {
          eventId: 22,
          eventTime: '2027-01-02T03:04:05.000Z',
          eventType: 'TimerStarted',
          attributes: {
            timerId: '1',
            startToFireTimeout: { seconds: 252000 },
            workflowTaskCompletedEventId: 20,
          },
        },
      ],
      nextFromEventId: 23,
    },
  })
  @ApiBadRequestResponse(
    badBody(`${BASE}/history?limit=5000`, 'limit', 'limit must not be greater than 1000'),
  )
  @ApiNotFoundResponse(notFound(`${BASE}/history`))
  history(@Param('workflowId') workflowId: string, @Query() q: HistoryQuery): Promise<HistoryPageDto> {
    return this.workflows.history(workflowId, q.fromEventId, q.limit);
  }

  @Get(':workflowId/timeline')
  @Access({ roles: ADMIN_ONLY })
  @ApiOperation({
    summary: 'The domain timeline of the latest run, in Vietnamese and English: what happened and why',
    description:
      'One entry per meaningful event: opened (with the plan rule), reminders (when; why: due date and offset in ' +
      'working days), due-day reminder, overdue notice and escalations (to whom; how many working days late), ' +
      'submissions, reviews, extensions, waivers, cancellations (updates), signals, mail effects (counts, outbox ' +
      'keys, a resend link for a failed mail), activity failures with their error, and pending timers with their ' +
      'fire time and what they are for.',
  })
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOkResponse({ type: TimelineDto, example: TIMELINE_EXAMPLE })
  @ApiNotFoundResponse(notFound(`${BASE}/timeline`))
  timeline(@Param('workflowId') workflowId: string): Promise<TimelineDto> {
    return this.workflows.timeline(workflowId);
  }

  @Post(':workflowId/signal')
  @Access({ roles: ADMIN_ONLY })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send a signal the workflow type declares (e.g. mailWaiting to the daily mail workflow)',
    description:
      'Only names the type declares in its messages file; `reason` is required (it goes to the audit log).',
  })
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOkResponse({
    type: ActionResultDto,
    example: { workflowId: 'mail:daily', runId: RUN, action: 'signal' },
  })
  @MessageErrors('signal', badBody(`${BASE}/signal`, 'reason', 'reason should not be empty'))
  signal(@Param('workflowId') workflowId: string, @Body() dto: MessageDto): Promise<ActionResultDto> {
    return this.workflows.signal(workflowId, dto);
  }

  @Post(':workflowId/update')
  @Access({ roles: ADMIN_ONLY })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send an update the workflow type declares and wait for its answer',
    description:
      "Only names the type declares; the workflow's own validator still refuses bad arguments (422 naming the " +
      'field, or 409 for a stale state). Prefer the business routes (e.g. POST /deliverables/{id}/extensions).',
  })
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOkResponse({
    type: ActionResultDto,
    example: {
      workflowId: WF,
      runId: RUN,
      action: 'update',
      result: { status: 'open', dueDate: '2027-02-15' },
    },
  })
  @MessageErrors('update', badBody(`${BASE}/update`, 'args', 'args must be an array'))
  update(@Param('workflowId') workflowId: string, @Body() dto: MessageDto): Promise<ActionResultDto> {
    return this.workflows.update(workflowId, dto);
  }

  @Post(':workflowId/terminate')
  @Access({ roles: ADMIN_ONLY })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Terminate the running workflow at once (no cleanup code runs); the reason is recorded in its history',
  })
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOkResponse({ type: ActionResultDto, example: { workflowId: WF, runId: RUN, action: 'terminate' } })
  @ApiBadRequestResponse(badBody(`${BASE}/terminate`, 'reason', 'reason should not be empty'))
  @ApiNotFoundResponse(notFound(`${BASE}/terminate`))
  @ApiConflictResponse(notRunning(`${BASE}/terminate`))
  terminate(@Param('workflowId') workflowId: string, @Body() dto: ReasonDto): Promise<ActionResultDto> {
    return this.workflows.terminate(workflowId, dto.reason);
  }

  @Post(':workflowId/reset')
  @Access({ roles: ADMIN_ONLY })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reset the latest run to a workflow task: a new run re-executes from there (e.g. a failed step)',
    description:
      'WorkflowService.ResetWorkflowExecution with the default reapply type (signals received after the point ' +
      'are reapplied). `eventId` is a WorkflowTaskCompleted event id from the history, or `lastWorkflowTask`. ' +
      'Works on closed runs too (e.g. after a terminate). Answers the new run id.',
  })
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOkResponse({
    type: ActionResultDto,
    example: {
      workflowId: WF,
      runId: '0195f7c4-0d1e-7a2b-8c3d-4e5f6a7b8c9d',
      action: 'reset',
      result: { resetToEventId: 27 },
    },
  })
  @ApiBadRequestResponse(
    badBody(`${BASE}/reset`, 'eventId', 'must be a positive event id or "lastWorkflowTask"'),
  )
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'The event is not a WorkflowTaskCompleted event of the latest run',
    example: problemExample(
      'validation',
      422,
      'Invalid request',
      `eventId: event 22 is not a WorkflowTaskCompleted event of run ${RUN}`,
      `${BASE}/reset`,
      [{ field: 'eventId', reason: `event 22 is not a WorkflowTaskCompleted event of run ${RUN}` }],
    ),
  })
  @ApiNotFoundResponse(notFound(`${BASE}/reset`))
  reset(@Param('workflowId') workflowId: string, @Body() dto: ResetDto): Promise<ActionResultDto> {
    return this.workflows.reset(workflowId, dto);
  }
}
