import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PageNumber, PageSize } from '../../common/paging.decorators';
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

  @PageNumber()
  page = 1;

  @PageSize(200, 50)
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
