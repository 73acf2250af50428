import { Access } from '../authz/access.decorator';
import { ActingUnitsInterceptor } from '../authz/acting-units';
import { AccessScope, issueRowScope } from '../authz/access-scope';
import { RequestScope } from '../authz/request-scope.decorator';
import { ISSUE_ACTORS } from '../authz/roles';
import {
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemDto } from '../common/problem.dto';
import { contentDisposition } from '../deliverables/documents/document.mapper';
import type { UploadedDocument } from '../deliverables/documents/document-file';
import { validateBody } from '../deliverables/validate-body';
import { IssueDetailDto, IssuePageDto, IssueSummaryDto } from './dto/issue.dto';
import { IssueSummaryQuery, ListIssuesQuery } from './dto/list-issues.query';
import { ReportIssueDto, ReportIssueFormDto } from './dto/report-issue.dto';
import { checkAttachments, MAX_ISSUE_ATTACHMENTS } from './issue-attachments';
import { IssueUploadProblemsInterceptor } from './issue-upload-problems.interceptor';
import { IssuesService } from './issues.service';

@ApiTags('issues')
@Controller('issues')
export class IssuesController {
  constructor(private readonly issues: IssuesService) {}

  @Post()
  @Access({ roles: ISSUE_ACTORS, actingUnitFields: ['reporterUnitId'] })
  @UseInterceptors(
    IssueUploadProblemsInterceptor,
    FilesInterceptor('attachments', MAX_ISSUE_ATTACHMENTS),
    ActingUnitsInterceptor,
  )
  @ApiExtraModels(ReportIssueDto, ReportIssueFormDto)
  @ApiOperation({
    summary: 'A unit reports a problem that arose (vấn đề phát sinh); starts the issue workflow',
    description:
      'application/json, or multipart/form-data with up to 5 files in parts named `attachments` (PDF, DOC/DOCX, ' +
      'ODT, XLS/XLSX, JPEG or PNG, judged by content; each at most ISSUE_ATTACHMENT_MAX_BYTES, default 10 MB). ' +
      'The reporter’s name and e-mail stay in PostgreSQL; the workflow gets unit ids only.',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(ReportIssueDto) },
          example: {
            planId: '22-KH-TU',
            reporterUnitId: 'HU-TIEN-DU',
            title: 'Thiếu tài liệu học tập chuyên đề cho các chi bộ',
            description: '12 chi bộ chưa nhận được tài liệu học tập chuyên đề năm 2021.',
            severity: 'normal',
            reporterName: 'Nguyễn Văn An',
          },
        },
        'multipart/form-data': { schema: { $ref: getSchemaPath(ReportIssueFormDto) } },
      },
    },
  })
  @ApiCreatedResponse({ type: IssueDetailDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Malformed body; `errors` names each field' })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'An attachment over the size limit' })
  @ApiUnsupportedMediaTypeResponse({
    type: ProblemDto,
    description: 'An attachment of a refused type (`attachments.<n>`)',
  })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'Unknown unit or plan' })
  async report(
    @Req() req: Request,
    @UploadedFiles() files: UploadedDocument[] | undefined,
  ): Promise<IssueDetailDto> {
    if (req.is('multipart/form-data')) {
      const { attachments: _ignored, ...fields } = (req.body ?? {}) as Record<string, unknown>;
      const dto = await validateBody(ReportIssueDto, fields);
      return this.issues.report(dto, checkAttachments(files ?? []));
    }
    return this.issues.report(await validateBody(ReportIssueDto, req.body));
  }

  @Get()
  @Access({ roles: ISSUE_ACTORS })
  @ApiOperation({ summary: 'List issues, newest first (filter by state, severity, unit, plan, overdue)' })
  @ApiOkResponse({ type: IssuePageDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  list(@Query() q: ListIssuesQuery, @RequestScope() scope: AccessScope): Promise<IssuePageDto> {
    return this.issues.list(q, issueRowScope(scope));
  }

  @Get('summary')
  @Access({ roles: ['admin', 'btg', 'btv'] })
  @ApiOperation({
    summary: "BTG's periodic summary: the issues reported in a period with their outcome",
    description:
      'Linked from the provincial-summary deliverable. Days are Vietnamese calendar days, both included.',
  })
  @ApiOkResponse({ type: IssueSummaryDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  summary(@Query() q: IssueSummaryQuery): Promise<IssueSummaryDto> {
    return this.issues.summary(q);
  }

  @Get(':id')
  @Access({ roles: ISSUE_ACTORS, scope: { resource: 'issue', param: 'id' } })
  @ApiOperation({ summary: 'One issue with its full timeline and attachments' })
  @ApiOkResponse({ type: IssueDetailDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@Param('id') id: string): Promise<IssueDetailDto> {
    return this.issues.detail(id);
  }

  @Get(':id/attachments/:attachmentId')
  @Access({ roles: ISSUE_ACTORS, scope: { resource: 'issue', param: 'id' } })
  @ApiOperation({ summary: 'Download an attachment of a report' })
  @ApiOkResponse({ description: 'The file, with its stored type and name' })
  @ApiNotFoundResponse({ type: ProblemDto })
  async download(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const a = await this.issues.attachment(id, attachmentId);
    res.setHeader('content-type', a.contentType);
    res.setHeader('content-disposition', contentDisposition(a.filename));
    return new StreamableFile(a.content);
  }
}
