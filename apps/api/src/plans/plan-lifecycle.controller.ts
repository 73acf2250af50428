import { ListPlansQuery } from './dto/list-plans.query';
import { Access, ANY_ROLE } from '../authz/access.decorator';
import { AccessScope, summaryRowScope } from '../authz/access-scope';
import { RequestScope } from '../authz/request-scope.decorator';
import { PLAN_MANAGERS, SUMMARY_READERS } from '../authz/roles';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '../common/problem';
import { ProblemDto } from '../common/problem.dto';
import { sendCachedRead } from '../common/read-model-cache';
import { AmendmentBodyPipe } from './amendment-body.pipe';
import {
  AddUnitAmendmentDto,
  AmendmentDto,
  ChangeDueRuleAmendmentDto,
  RemoveUnitAmendmentDto,
} from './dto/amendment.dto';
import { CancelPlanDto, IssuePlanDto } from './dto/issue-plan.dto';
import {
  AmendmentResultDto,
  PlanDetailDto,
  PlanDto,
  PlanListDto,
  PlanStatusMatrixDto,
} from './dto/plan-lifecycle.dto';
import { PlanConflictProblemDto } from './dto/plan-problem.dto';
import { PlanStatusQuery } from './dto/plan-status.query';
import { PlanAmendmentsService } from './plan-amendments.service';
import { PlanIssueService } from './plan-issue.service';
import { PlanReadService } from './plan-read.service';

const PLAN_REFUSED =
  'Invalid plan file, dates outside the term, or units the plan names that the org tree lacks; ' +
  '`errors` lists every problem (field = file:/json/pointer, reason starts with the line)';

@ApiTags('plans')
@ApiExtraModels(AddUnitAmendmentDto, RemoveUnitAmendmentDto, ChangeDueRuleAmendmentDto)
@Controller('plans')
export class PlanLifecycleController {
  constructor(
    private readonly issuer: PlanIssueService,
    private readonly reads: PlanReadService,
    private readonly amendments: PlanAmendmentsService,
  ) {}

  @Post()
  @Access({ roles: PLAN_MANAGERS })
  @ApiOperation({
    summary:
      'Issue a plan: store it and start the workflow that opens, reminds and escalates its deliverables',
    description:
      'Idempotent by plan id: the same definition issued on the same dates again answers 200 with the stored ' +
      'plan (and starts its workflow if an earlier attempt could not); a different one answers 409.',
  })
  @ApiCreatedResponse({ type: PlanDto, description: 'Stored; the plan workflow `plan:<id>` started' })
  @ApiOkResponse({ type: PlanDto, description: 'Already issued with this very definition; nothing new' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Malformed request body' })
  @ApiConflictResponse({
    type: PlanConflictProblemDto,
    description: 'A different plan with this id is already issued; `plan` is the stored one',
  })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: PLAN_REFUSED })
  @ApiServiceUnavailableResponse({
    type: ProblemDto,
    description: 'Temporal unreachable: the plan is stored, repeat the request to start it',
  })
  async issue(@Body() dto: IssuePlanDto, @Res({ passthrough: true }) res: Response): Promise<PlanDto | void> {
    const outcome = await this.issuer.issue(dto);
    const plan = await this.reads.summary(outcome.plan);
    if (outcome.kind === 'conflict') {
      // Written here rather than thrown: the problem carries the stored plan as an extension member.
      res
        .status(HttpStatus.CONFLICT)
        .type(PROBLEM_CONTENT_TYPE)
        .send(
          JSON.stringify({
            type: PROBLEM_TYPES.conflict,
            title: 'Conflict',
            status: HttpStatus.CONFLICT,
            detail: `plan ${plan.id} is already issued with a different definition or dates; amend it instead`,
            instance: res.req.originalUrl,
            errors: [{ field: 'text', reason: `plan ${plan.id} already exists and differs` }],
            plan,
          }),
        );
      return;
    }
    res.status(outcome.kind === 'created' ? HttpStatus.CREATED : HttpStatus.OK);
    return plan;
  }

  @Get()
  @Access({ roles: ANY_ROLE })
  @ApiOperation({ summary: 'Issued plans, latest first, with their deliverables counted per bucket' })
  @ApiOkResponse({ type: PlanListDto })
  list(@Query() q: ListPlansQuery): Promise<PlanListDto> {
    return this.reads.list(q);
  }

  @Get(':id')
  @Access({ roles: ANY_ROLE })
  @ApiOperation({
    summary: 'One plan: summary, status, counts per bucket (in all and per obligation), amendments',
  })
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  detail(@Param('id') id: string): Promise<PlanDetailDto> {
    return this.reads.detail(id);
  }

  @Get(':id/status')
  @Access({ roles: SUMMARY_READERS })
  @ApiOperation({
    summary: 'Status matrix: unit × obligation × period with status and official bucket, plus totals',
    description:
      'Buckets are computed as of the moment of the request (`asOf`). The answer carries a weak `ETag` ' +
      '(everything but `asOf`); `If-None-Match` with it answers 304 while nothing has changed.',
  })
  @ApiOkResponse({ type: PlanStatusMatrixDto })
  @ApiNotModifiedResponse({ description: 'Unchanged since the `ETag` sent in `If-None-Match`' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Bad query parameter' })
  @ApiNotFoundResponse({ type: ProblemDto })
  async status(
    @Param('id') id: string,
    @Query() q: PlanStatusQuery,
    @RequestScope() scope: AccessScope,
    @Res() res: Response,
  ): Promise<void> {
    sendCachedRead(res, await this.reads.matrixJson(id, q, summaryRowScope(scope)));
  }

  @Post(':id/cancel')
  @Access({ roles: PLAN_MANAGERS })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel the plan: every deliverable still owed is cancelled with the reason' })
  @ApiOkResponse({ type: AmendmentResultDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The plan is already cancelled or completed' })
  cancel(@Param('id') id: string, @Body() dto: CancelPlanDto): Promise<AmendmentResultDto> {
    return this.amendments.cancel(id, dto);
  }

  @Post(':id/amendments')
  @Access({ roles: PLAN_MANAGERS })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Amend an issued plan: add or remove a unit, or change an obligation’s due rule',
    description:
      'The body is chosen by `kind`. add-unit: the unit (already in the org tree) gets the deliverables of the ' +
      'periods opened so far. remove-unit: its deliverables still owed are cancelled, history kept; with ' +
      '`reassignTo` the successor unit owes them instead. ' +
      'change-due-rule: the plan definition is amended; `recompute` moves deliverables still owed, `freeze` ' +
      'keeps their dates. Answered once carried out; recorded in the plan’s amendments.',
  })
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(AddUnitAmendmentDto) },
        { $ref: getSchemaPath(RemoveUnitAmendmentDto) },
        { $ref: getSchemaPath(ChangeDueRuleAmendmentDto) },
      ],
      discriminator: {
        propertyName: 'kind',
        mapping: {
          'add-unit': getSchemaPath(AddUnitAmendmentDto),
          'remove-unit': getSchemaPath(RemoveUnitAmendmentDto),
          'change-due-rule': getSchemaPath(ChangeDueRuleAmendmentDto),
        },
      },
    },
    examples: {
      'remove-unit': {
        value: {
          kind: 'remove-unit',
          unitId: 'TXU-TU-SON',
          reason: 'Sáp nhập vào Thành ủy Từ Sơn',
          reassignTo: 'TU-TP-TU-SON',
        },
      },
      'add-unit': { value: { kind: 'add-unit', unitId: 'TU-TP-TU-SON' } },
      'change-due-rule': {
        value: {
          kind: 'change-due-rule',
          obligationId: 'annual-report',
          due: { kind: 'yearly-date', month: 11, day: 30 },
          policy: 'recompute',
          reason: 'Ban Thường vụ lùi hạn báo cáo năm',
        },
      },
    },
  })
  @ApiOkResponse({ type: AmendmentResultDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Unknown `kind`, or a malformed field' })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The plan is cancelled or completed' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Unknown unit or obligation, a unit that owes nothing, or a due rule the plan cannot take',
  })
  amend(@Param('id') id: string, @Body(AmendmentBodyPipe) body: AmendmentDto): Promise<AmendmentResultDto> {
    return this.amendments.amend(id, body);
  }
}
