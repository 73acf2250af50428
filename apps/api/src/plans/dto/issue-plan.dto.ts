import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '../../common/is-iso-date.validator';
import { ValidatePlanDto } from './plan-request.dto';

export class IssuePlanDto extends ValidatePlanDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2021-08-13',
    description: "The day the plan takes effect (counts start here); default: the plan's issueDate",
  })
  @IsOptional()
  @IsIsoDate()
  issued?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-12-31',
    description: "Last due date the plan's process opens; default: the end of the term",
  })
  @IsOptional()
  @IsIsoDate()
  until?: string;
}

export class CancelPlanDto {
  @ApiProperty({ example: 'Kế hoạch được thay thế bằng Kế hoạch số 30-KH/TU', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}
