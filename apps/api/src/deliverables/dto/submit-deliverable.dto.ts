import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '@dondoc/domain';

export class SubmitDeliverableDto {
  @ApiProperty({ example: 'HU-TIEN-DU', description: 'The submitting unit; must be the unit that owes it' })
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  unitId!: string;

  @ApiProperty({ example: 'ke-hoach-so-15-KH-HU.pdf', maxLength: 255 })
  @IsString()
  @MaxLength(255)
  documentName!: string;

  @ApiPropertyOptional({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a lowercase hex SHA-256' })
  documentSha256?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ example: ['decision-148'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  coveredContents?: string[];
}
