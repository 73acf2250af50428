import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DELIVERABLE_STATUSES, DeliverableStatus, SLUG_PATTERN } from '@dondoc/domain';

export class ListDeliverablesQuery {
  @ApiPropertyOptional({ example: 'HU-TIEN-DU' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ example: '22-KH-TU' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a plan id' })
  planId?: string;

  @ApiPropertyOptional({ enum: DELIVERABLE_STATUSES })
  @IsOptional()
  @IsIn(DELIVERABLE_STATUSES)
  status?: DeliverableStatus;

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
