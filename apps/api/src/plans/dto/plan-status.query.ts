import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
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

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 100;
}
