import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { PlanStatus } from '@dondoc/persistence';
import { PageNumber, PageSize } from '../../common/paging.decorators';

const PLAN_STATUSES: readonly PlanStatus[] = ['issued', 'cancelled', 'completed'];

export class ListPlansQuery {
  @ApiPropertyOptional({ enum: PLAN_STATUSES, example: 'issued' })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;

  @PageNumber()
  page = 1;

  @PageSize(100, 20)
  pageSize = 20;
}
