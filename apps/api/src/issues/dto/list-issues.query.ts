import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ISSUE_SEVERITIES, ISSUE_STATES, IssueSeverity, IssueState, SLUG_PATTERN } from '@dondoc/domain';
import { IsIsoDate } from '../../common/is-iso-date.validator';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListIssuesQuery {
  @ApiPropertyOptional({ enum: ISSUE_STATES })
  @IsOptional()
  @IsIn(ISSUE_STATES)
  state?: IssueState;

  @ApiPropertyOptional({ enum: ISSUE_SEVERITIES })
  @IsOptional()
  @IsIn(ISSUE_SEVERITIES)
  severity?: IssueSeverity;

  @ApiPropertyOptional({ example: 'HU-TIEN-DU', description: 'The reporting unit' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ example: '22-KH-TU' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a plan id' })
  planId?: string;

  @ApiPropertyOptional({
    description: 'true: the running limit has passed; false: it has not (or none runs)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export class IssueSummaryQuery {
  @ApiProperty({ example: '2021-01-01', format: 'date', description: 'First day (Vietnam), included' })
  @IsIsoDate()
  from!: string;

  @ApiProperty({ example: '2021-12-31', format: 'date', description: 'Last day (Vietnam), included' })
  @IsIsoDate()
  to!: string;

  @ApiPropertyOptional({ example: '22-KH-TU' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a plan id' })
  planId?: string;
}
