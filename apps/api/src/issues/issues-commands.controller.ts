import { Access } from '../authz/access.decorator';
import { ISSUE_ACTORS } from '../authz/roles';
import { applyDecorators, Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import * as c from './dto/issue-commands.dto';
import { IssueDetailDto } from './dto/issue.dto';
import { IssuesService } from './issues.service';
import * as m from '@dondoc/workflows/src/issue/issue.messages';

/** Swagger and status for every command: answered by the workflow (Update), 409 when the state forbids it. */
function Command(summary: string, refusal: string) {
  return applyDecorators(
    HttpCode(HttpStatus.OK),
    ApiOperation({ summary }),
    ApiOkResponse({ type: IssueDetailDto, description: 'The issue as it now stands, with its timeline' }),
    ApiBadRequestResponse({ type: ProblemDto, description: 'Malformed body; `errors` names each field' }),
    ApiNotFoundResponse({ type: ProblemDto }),
    ApiConflictResponse({
      type: ProblemDto,
      description: 'Not allowed in the issue’s current state (`status`)',
    }),
    ApiUnprocessableEntityResponse({ type: ProblemDto, description: refusal }),
  );
}

/** The lifecycle commands of a reported issue, each a Workflow Update validated by pure domain rules. */

@ApiTags('issues')
@Controller('issues/:id')
// Who may do which command is the issue rules' decision (by the acting unit); here: within scope, as one's own unit.
@Access({ roles: ISSUE_ACTORS, scope: { resource: 'issue', param: 'id' }, actingUnitFields: ['byUnitId'] })
export class IssuesCommandsController {
  constructor(private readonly issues: IssuesService) {}

  @Post('acknowledgement')
  @Command('BTG acknowledges a reported issue; the handling limit starts', 'Not BTG')
  acknowledge(@Param('id') id: string, @Body() dto: c.AcknowledgeIssueDto) {
    return this.issues.command(id, (h) => h.executeUpdate(m.acknowledgeUpdate, { args: [dto] }));
  }

  @Post('handler')
  @Command(
    'BTG assigns (or changes) the handler; the issue is in handling',
    'Not BTG, or unknown unit/contact',
  )
  async assign(@Param('id') id: string, @Body() dto: c.AssignHandlerDto) {
    await this.issues.assertUnits(
      { handlerUnitId: dto.handlerUnitId },
      { unitId: dto.handlerUnitId, id: dto.handlerContactId },
    );
    return this.issues.command(id, (h) => h.executeUpdate(m.assignHandlerUpdate, { args: [dto] }));
  }

  @Post('information-requests')
  @Command(
    'Ask the reporting unit for more information; the running limit pauses',
    'Not the holder, or no question',
  )
  requestInfo(@Param('id') id: string, @Body() dto: c.RequestInfoDto) {
    return this.issues.command(id, (h) => h.executeUpdate(m.requestInfoUpdate, { args: [dto] }));
  }

  @Post('information-answers')
  @Command(
    'The reporting unit answers; the paused limit resumes, moved by the working days paused',
    'Not the reporter',
  )
  answer(@Param('id') id: string, @Body() dto: c.AnswerInfoDto) {
    return this.issues.command(id, (h) => h.executeUpdate(m.answerInfoUpdate, { args: [dto] }));
  }

  @Post('escalation')
  @Command(
    'BTG refers the issue to BTV for direction (urgent issues also straight from reported)',
    'Not BTG, or no reason',
  )
  escalate(@Param('id') id: string, @Body() dto: c.EscalateIssueDto) {
    return this.issues.command(id, (h) => h.executeUpdate(m.escalateUpdate, { args: [dto] }));
  }

  @Post('directions')
  @Command(
    'BTV records its direction; each named unit gets a deliverable due on dueDate, and the issue resolves when all close',
    'Not BTV, unknown units, or a due date not in the future',
  )
  async direct(@Param('id') id: string, @Body() dto: c.DirectionDto) {
    await this.issues.assertUnits(Object.fromEntries(dto.units.map((u, i) => [`units.${i}`, u])));
    return this.issues.command(id, (h) => h.executeUpdate(m.directionUpdate, { args: [dto] }));
  }

  @Post('resolution')
  @Command(
    'BTG resolves the issue (after a direction: once its deliverables are closed)',
    'Not BTG, or no resolution',
  )
  resolve(@Param('id') id: string, @Body() dto: c.ResolveIssueDto) {
    return this.issues.command(id, (h) => h.executeUpdate(m.resolveUpdate, { args: [dto] }));
  }

  @Post('closure')
  @Command(
    'BTG closes a resolved issue (otherwise it closes itself when the objection window ends)',
    'Not BTG',
  )
  close(@Param('id') id: string, @Body() dto: c.CloseIssueDto) {
    return this.issues.command(id, (h) => h.executeUpdate(m.closeUpdate, { args: [dto] }));
  }

  @Post('reopening')
  @Command(
    'BTG or the reporter reopens a resolved or closed issue; a fresh handling limit starts',
    'Not BTG or the reporter',
  )
  reopen(@Param('id') id: string, @Body() dto: c.ReopenIssueDto) {
    return this.issues.command(id, (h) => h.executeUpdate(m.reopenUpdate, { args: [dto] }));
  }
}
