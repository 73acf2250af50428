import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ProblemDto } from '../common/problem.dto';
import { DeliverablesService } from './deliverables.service';
import { CreateDeliverableDto } from './dto/create-deliverable.dto';
import { ExtendDeliverableDto, ReviewDeliverableDto, WaiveDeliverableDto } from './dto/command.dtos';
import { DeliverableDto, DeliverableEventDto, DeliverablePageDto } from './dto/deliverable.dto';
import { ListDeliverablesQuery } from './dto/list-deliverables.query';
import { SubmitDeliverableDto } from './dto/submit-deliverable.dto';

@ApiTags('deliverables')
@Controller('deliverables')
export class DeliverablesController {
  constructor(private readonly deliverables: DeliverablesService) {}

  @Post()
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
  @ApiOperation({ summary: 'List deliverables, earliest due first' })
  @ApiOkResponse({ type: DeliverablePageDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  list(@Query() q: ListDeliverablesQuery): Promise<DeliverablePageDto> {
    return this.deliverables.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One deliverable from the read model' })
  @ApiOkResponse({ type: DeliverableDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@Param('id') id: string): Promise<DeliverableDto> {
    return this.deliverables.get(id);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The transitions of one deliverable, oldest first (audit trail)' })
  @ApiOkResponse({ type: [DeliverableEventDto] })
  @ApiNotFoundResponse({ type: ProblemDto })
  events(@Param('id') id: string): Promise<DeliverableEventDto[]> {
    return this.deliverables.events(id);
  }

  @Post(':id/review')
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
  review(@Param('id') id: string, @Body() dto: ReviewDeliverableDto): Promise<DeliverableDto> {
    return this.deliverables.review(id, dto);
  }

  @Post(':id/extension')
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
  extend(@Param('id') id: string, @Body() dto: ExtendDeliverableDto): Promise<DeliverableDto> {
    return this.deliverables.extend(id, dto);
  }

  @Post(':id/waiver')
  @ApiOperation({ summary: 'The collector waives the deliverable, with a reason' })
  @ApiOkResponse({ type: DeliverableDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already closed' })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'Not the collector, or no reason' })
  @HttpCode(HttpStatus.OK)
  waive(@Param('id') id: string, @Body() dto: WaiveDeliverableDto): Promise<DeliverableDto> {
    return this.deliverables.waive(id, dto);
  }

  @Post(':id/submissions')
  @ApiOperation({ summary: 'Submit the document; answered synchronously by the workflow (Workflow Update)' })
  @ApiOkResponse({ type: DeliverableDto, description: 'Accepted for review; reminders stop' })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already submitted' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Wrong unit, no document or required contents missing',
  })
  submit(
    @Param('id') id: string,
    @Body() dto: SubmitDeliverableDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    res.status(HttpStatus.OK);
    return this.deliverables.submit(id, dto);
  }
}
