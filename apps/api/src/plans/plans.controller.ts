import { Access } from '../authz/access.decorator';
import { PLAN_MANAGERS } from '../authz/roles';
import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { previewCsv } from '@dondoc/domain';
import { ProblemDto } from '../common/problem.dto';
import { PreviewPlanDto, ValidatePlanDto } from './dto/plan-request.dto';
import { PlanPreviewDto, PlanValidationDto } from './dto/plan-response.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post('validate')
  @Access({ roles: PLAN_MANAGERS })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Validate a plan file (YAML or JSON) without storing anything' })
  @ApiOkResponse({ type: PlanValidationDto, description: 'Valid; a summary of the plan' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Malformed request body' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description:
      'Invalid plan: `errors` lists every problem (field = file:/json/pointer, reason starts with the line)',
  })
  validate(@Body() dto: ValidatePlanDto): PlanValidationDto {
    return { valid: true, plan: this.plans.validate(dto).summary };
  }

  @Post('preview')
  @Access({ roles: PLAN_MANAGERS })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Every deliverable of the plan over the stored org tree: who owes what, for which period, by when',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PlanPreviewDto, description: 'Rows sorted by due date, obligation, unit (or CSV)' })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Invalid plan, or units it names are not in the org',
  })
  async preview(
    @Body() dto: PreviewPlanDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanPreviewDto | string> {
    const { plan, rows } = await this.plans.preview(dto);
    if (dto.format === 'csv') {
      res.type('text/csv; charset=utf-8');
      return previewCsv(rows);
    }
    return this.plans.toPreviewDto(plan, rows);
  }
}
