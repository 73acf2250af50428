import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '../../common/is-iso-date.validator';

const PLAN_TEXT_LIMIT = 200_000;

export class ValidatePlanDto {
  @ApiProperty({
    description: 'The plan file itself, YAML or JSON (format dondoc-plan/1, see plans/README.md)',
    example: 'format: dondoc-plan/1\nid: 22-KH-TU\n…',
    maxLength: PLAN_TEXT_LIMIT,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(PLAN_TEXT_LIMIT)
  text!: string;

  @ApiPropertyOptional({
    description: 'Names the file in problems',
    example: '22-KH-TU.yaml',
    default: 'plan',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  file?: string;
}

export type PreviewFormat = 'json' | 'csv';

export class PreviewPlanDto extends ValidatePlanDto {
  @ApiProperty({ format: 'date', example: '2021-08-13', description: 'Issue date the counts start from' })
  @IsIsoDate()
  issued!: string;

  @ApiPropertyOptional({ format: 'date', example: '2025-12-31', description: 'Last due date to list' })
  @IsOptional()
  @IsIsoDate()
  until?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: '`csv`: text/csv with the header obligation,unit,period,due_date,reminder_dates',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: PreviewFormat;
}
