import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageNumber, PageSize } from '../../common/paging.decorators';
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

  @PageNumber()
  page = 1;

  @PageSize(200, 50)
  pageSize = 50;
}
