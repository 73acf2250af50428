import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
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
import { sendCachedRead } from '../common/read-model-cache';
import { DeliverablesService } from './deliverables.service';
import { CreateDeliverableDto } from './dto/create-deliverable.dto';
import {
  ExtendDeliverableDto,
  RegisterCommitmentDto,
  ReviewDeliverableDto,
  WaiveDeliverableDto,
} from './dto/command.dtos';
import { DeliverableDto, DeliverableEventDto, DeliverablePageDto } from './dto/deliverable.dto';
import { ListDeliverablesQuery } from './dto/list-deliverables.query';
import { SubmitDeliverableDto } from './dto/submit-deliverable.dto';
import { SubmissionResultDto, SubmitDocumentFormDto, SubmitDocumentFormSchema } from './dto/document.dto';
import { DOCUMENT_KINDS } from './documents/document-kinds';
import type { UploadedDocument } from './documents/document-file';
import { DocumentsService } from './documents/documents.service';
import { UploadProblemsInterceptor } from './documents/upload-problems.interceptor';
import { validateBody } from './validate-body';
import { etagOf, parseIfMatch } from '../common/if-match';
import { IfMatchHeader } from '../common/if-match.openapi';
import { Access } from '../authz/access.decorator';
import { AccessScope, deliverableRowScope } from '../authz/access-scope';
import { RequestScope } from '../authz/request-scope.decorator';
import { ActingUnitsInterceptor } from '../authz/acting-units';
import { COLLECTORS, DELIVERABLE_READERS, PLAN_MANAGERS, SUBMITTERS } from '../authz/roles';

@ApiTags('deliverables')
@Controller('deliverables')
export class DeliverablesController {
  constructor(
    private readonly deliverables: DeliverablesService,
    private readonly documents: DocumentsService,
  ) {}

  @Post()
  @Access({ roles: PLAN_MANAGERS, actingUnitFields: ['collectorUnitId'] })
  @ApiOperation({
    summary: 'Create a deliverable: a unit owes a document by a due date (idempotent by business key)',
  })
  @ApiCreatedResponse({ type: DeliverableDto, description: 'Started' })
  @ApiOkResponse({ type: DeliverableDto, description: 'Already existed; nothing started' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Malformed body; `errors` names each field' })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'Unknown unit' })
  async create(
    @Body() dto: CreateDeliverableDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeliverableDto> {
    const { created, deliverable } = await this.deliverables.create(dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return deliverable;
  }

  @Get()
  @Access({ roles: DELIVERABLE_READERS })
  @ApiOperation({
    summary: 'List deliverables, earliest due first',
    description:
      'The answer carries a weak `ETag`; `If-None-Match` with it answers 304 while nothing has changed.',
  })
  @ApiOkResponse({ type: DeliverablePageDto })
  @ApiNotModifiedResponse({ description: 'Unchanged since the `ETag` sent in `If-None-Match`' })
  @ApiBadRequestResponse({ type: ProblemDto })
  async list(
    @Query() q: ListDeliverablesQuery,
    @RequestScope() scope: AccessScope,
    @Res() res: Response,
  ): Promise<void> {
    sendCachedRead(res, await this.deliverables.listJson(q, deliverableRowScope(scope)));
  }

  @Get(':id')
  @Access({ roles: DELIVERABLE_READERS, scope: { resource: 'deliverable', param: 'id' } })
  @ApiOperation({ summary: 'One deliverable from the read model' })
  @ApiOkResponse({ type: DeliverableDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<DeliverableDto> {
    const d = await this.deliverables.get(id);
    res.setHeader('ETag', etagOf(d.version));
    return d;
  }

  @Get(':id/events')
  @Access({ roles: DELIVERABLE_READERS, scope: { resource: 'deliverable', param: 'id' } })
  @ApiOperation({ summary: 'The transitions of one deliverable, oldest first (audit trail)' })
  @ApiOkResponse({ type: [DeliverableEventDto] })
  @ApiNotFoundResponse({ type: ProblemDto })
  events(@Param('id') id: string): Promise<DeliverableEventDto[]> {
    return this.deliverables.events(id);
  }

  @Post(':id/review')
  @IfMatchHeader()
  @Access({
    roles: COLLECTORS,
    scope: { resource: 'deliverable', param: 'id' },
    actingUnitFields: ['reviewerUnitId'],
  })
  @ApiOperation({
    summary: 'The collector accepts the submission, or returns it with comments and a new due date',
  })
  @ApiOkResponse({ type: DeliverableDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Nothing submitted to review' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Not the collector, or a return without comments or new due date',
  })
  @HttpCode(HttpStatus.OK)
  review(
    @Param('id') id: string,
    @Body() dto: ReviewDeliverableDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DeliverableDto> {
    return this.deliverables.review(id, dto, parseIfMatch(ifMatch));
  }

  @Post(':id/extension')
  @IfMatchHeader()
  @Access({
    roles: COLLECTORS,
    scope: { resource: 'deliverable', param: 'id' },
    actingUnitFields: ['grantedByUnitId'],
  })
  @ApiOperation({
    summary: 'The collector grants a later due date, with a reason; reminders and escalations follow it',
  })
  @ApiOkResponse({ type: DeliverableDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'No longer owed' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Not the collector, no reason, or not a later date',
  })
  @HttpCode(HttpStatus.OK)
  extend(
    @Param('id') id: string,
    @Body() dto: ExtendDeliverableDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DeliverableDto> {
    return this.deliverables.extend(id, dto, parseIfMatch(ifMatch));
  }

  @Post(':id/registrations')
  @Access({
    roles: [...SUBMITTERS, 'member'],
    scope: { resource: 'deliverable', param: 'id' },
    selfPersonFields: ['personId'],
  })
  @ApiOperation({
    summary: "A member's yearly commitment registration (đăng ký học tập và làm theo), recorded at the cell",
  })
  @ApiOkResponse({
    type: DeliverableDto,
    description: 'Recorded; the deliverable is submitted when the last member registers',
  })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'No longer owed' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Not a member of the cell, or already registered',
  })
  @HttpCode(HttpStatus.OK)
  register(@Param('id') id: string, @Body() dto: RegisterCommitmentDto): Promise<DeliverableDto> {
    return this.deliverables.register(id, dto);
  }

  @Post(':id/waiver')
  @IfMatchHeader()
  @Access({
    roles: COLLECTORS,
    scope: { resource: 'deliverable', param: 'id' },
    actingUnitFields: ['byUnitId'],
  })
  @ApiOperation({ summary: 'The collector waives the deliverable, with a reason' })
  @ApiOkResponse({ type: DeliverableDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already closed' })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'Not the collector, or no reason' })
  @HttpCode(HttpStatus.OK)
  waive(
    @Param('id') id: string,
    @Body() dto: WaiveDeliverableDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DeliverableDto> {
    return this.deliverables.waive(id, dto, parseIfMatch(ifMatch));
  }

  @Post(':id/submissions')
  @IfMatchHeader()
  @Access({
    roles: SUBMITTERS,
    scope: { resource: 'deliverable', param: 'id' },
    actingUnitFields: ['unitId'],
  })
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(UploadProblemsInterceptor, FileInterceptor('document'), ActingUnitsInterceptor)
  @ApiExtraModels(SubmitDeliverableDto, SubmitDocumentFormSchema)
  @ApiOperation({
    summary: 'Submit the document; answered synchronously by the workflow (Workflow Update)',
    description:
      'multipart/form-data: the file goes in the part `document` (PDF, DOC/DOCX, ODT, XLS/XLSX, JPEG or PNG, ' +
      'recognised by its content; at most DOCUMENT_MAX_BYTES, default 20 MB). It is stored in PostgreSQL with ' +
      'its SHA-256; the workflow receives only the name and the checksum. If the workflow refuses the ' +
      'submission the document is not kept. application/json: the document is named (and optionally ' +
      'checksummed) but not uploaded.',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { $ref: getSchemaPath(SubmitDocumentFormSchema) },
          encoding: { document: { contentType: DOCUMENT_KINDS.map((k) => k.contentType).join(', ') } },
        },
        'application/json': {
          schema: { $ref: getSchemaPath(SubmitDeliverableDto) },
          example: {
            unitId: 'HU-TIEN-DU',
            documentName: 'ke-hoach-15-KH-HU.pdf',
            coveredContents: ['decision-148'],
          },
        },
      },
    },
  })
  @ApiOkResponse({ type: SubmissionResultDto, description: 'Accepted for review; reminders stop' })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'Malformed fields, or a file in a part other than `document`',
  })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already submitted, or no longer owed' })
  @ApiPayloadTooLargeResponse({
    type: ProblemDto,
    description: 'The document is over the size limit (`document`)',
  })
  @ApiUnsupportedMediaTypeResponse({
    type: ProblemDto,
    description: 'The document is not an allowed type, judged by its content (`document`)',
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Wrong unit, no document or required contents missing; nothing is kept',
  })
  async submit(
    @Param('id') id: string,
    @Req() req: Request,
    @UploadedFile() file: UploadedDocument | undefined,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SubmissionResultDto> {
    const expected = parseIfMatch(ifMatch);
    if (req.is('multipart/form-data'))
      return this.documents.submit(id, await validateBody(SubmitDocumentFormDto, req.body), file, expected);
    return this.deliverables.submit(id, await validateBody(SubmitDeliverableDto, req.body), expected);
  }
}
