import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `page` of a paged list query (1-based, from the query string). */
export function PageNumber(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: 1, minimum: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
  );
}

/** `pageSize` of a paged list query, capped so no request can ask for the whole table. */
export function PageSize(max: number, byDefault: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: byDefault, minimum: 1, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}
