import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageNumber, PageSize } from '../../common/paging.decorators';
import { BUCKETS, Bucket, SLUG_PATTERN } from '@dondoc/domain';

export class PlanStatusQuery {
  @ApiPropertyOptional({ example: 'term', description: '`term`, `2022`, `2022-Q3`…' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a period' })
  period?: string;

  @ApiPropertyOptional({ example: 'implementation-plan' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be an obligation id' })
  obligation?: string;

  @ApiPropertyOptional({ example: 'HU-TIEN-DU' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({
    enum: Object.keys(BUCKETS),
    description: 'Only rows in this bucket; `totals` still count every bucket',
  })
  @IsOptional()
  @IsIn(Object.keys(BUCKETS))
  bucket?: Bucket;

  @PageNumber()
  page = 1;

  @PageSize(500, 100)
  pageSize = 100;
}
