import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { SLUG_PATTERN } from '@dondoc/domain';
import { IsIsoDate } from '../../common/is-iso-date.validator';

const SLUG_MESSAGE = 'must be 1–80 letters, digits, dots, dashes or underscores';

export class CreateDeliverableDto {
  @ApiProperty({ example: '22-KH-TU', description: 'Plan id (slug of the plan number)' })
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  planId!: string;

  @ApiProperty({ example: 'implementation-plan' })
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  obligationId!: string;

  @ApiProperty({ example: 'HU-TIEN-DU', description: 'The unit that owes the document' })
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  unitId!: string;

  @ApiProperty({ example: '2021', description: 'Period, e.g. 2021, 2022-Q3, term' })
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  period!: string;

  @ApiProperty({ example: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa', maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({
    example: '2021-09-13',
    format: 'date',
    description: 'Due date; a day off moves to the next working day',
  })
  @IsIsoDate()
  dueDate!: string;

  @ApiPropertyOptional({
    example: [10, 5, 3, 1, 0],
    description: 'Working days before the deadline to remind',
    type: [Number],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(60, { each: true })
  reminderOffsets?: number[];

  @ApiPropertyOptional({
    example: ['decision-148'],
    description: 'Checklist ids a submission must cover',
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(SLUG_PATTERN, { each: true, message: SLUG_MESSAGE })
  requiredContents?: string[];

  @ApiPropertyOptional({
    example: 'BTG-TU',
    description: 'Who collects and reviews it; default: Ban Tuyên giáo',
  })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  collectorUnitId?: string;

  @ApiPropertyOptional({
    example: '22-KH/TU',
    maxLength: 40,
    description: 'Plan number as written; default: planId',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  planNumber?: string;

  @ApiPropertyOptional({
    example: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    maxLength: 300,
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  planTitle?: string;
}
