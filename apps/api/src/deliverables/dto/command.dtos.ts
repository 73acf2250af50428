import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SLUG_PATTERN } from '@dondoc/domain';
import { IsIsoDate } from '../../common/is-iso-date.validator';

export class ReviewDeliverableDto {
  @ApiProperty({ enum: ['accept', 'return'] })
  @IsIn(['accept', 'return'])
  decision!: 'accept' | 'return';

  @ApiProperty({ example: 'BTG-TU', description: 'Must be the collecting unit' })
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  reviewerUnitId!: string;

  @ApiPropertyOptional({ example: 'Bổ sung nội dung gắn với phong trào thi đua', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comments?: string;

  @ApiPropertyOptional({ example: '2021-10-01', format: 'date', description: 'Required when returning' })
  @IsOptional()
  @IsIsoDate()
  newDueDate?: string;
}

export class ExtendDeliverableDto {
  @ApiProperty({ example: '2021-09-30', format: 'date' })
  @IsIsoDate()
  newDueDate!: string;

  @ApiProperty({ example: 'Đơn vị đang kiện toàn tổ chức', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ example: 'BTG-TU', description: 'Must be the collecting unit' })
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  grantedByUnitId!: string;
}

export class WaiveDeliverableDto {
  @ApiProperty({ example: 'Đơn vị đã giải thể', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ example: 'BTG-TU', description: 'Must be the collecting unit' })
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  byUnitId!: string;
}

export class RegisterCommitmentDto {
  @ApiProperty({
    example: 'DV-000123',
    description: 'The member registering (a member of the cell for this period)',
  })
  @Matches(SLUG_PATTERN, { message: 'must be a person id' })
  personId!: string;
}
