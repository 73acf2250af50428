import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '@dondoc/domain';
import { DeliverableDto } from './deliverable.dto';

export class DocumentDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2d7e-3b7a-4c1e-9a55-0c1f0b0d2e11' }) id!: string;
  @ApiProperty({ example: '22-KH-TU:implementation-plan:HU-TIEN-DU:term' }) deliverableId!: string;
  @ApiProperty({ example: 'Kế hoạch số 15-KH-HU.pdf', description: 'NFC-normalised' }) filename!: string;
  @ApiProperty({
    example: 'application/pdf',
    description: 'From the content, not from what the client declared',
  })
  contentType!: string;
  @ApiProperty({ example: 482113 }) size!: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ example: '/deliverables/22-KH-TU:implementation-plan:HU-TIEN-DU:term/documents/6f1c2d7e-…' })
  url!: string;
}

export class SubmissionResultDto extends DeliverableDto {
  @ApiPropertyOptional({ type: DocumentDto, description: 'The stored document (multipart submissions)' })
  document?: DocumentDto;
}

/** A comma-separated text field, or the field repeated: both become a list. */
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** The text fields of a multipart submission; the file itself is the part named `document`. */
export class SubmitDocumentFormDto {
  @ApiProperty({ example: 'HU-TIEN-DU', description: 'The submitting unit; must be the unit that owes it' })
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  unitId!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    example: 'decision-148,pressing-issues',
    description: 'Required contents the document covers: comma-separated, or the field repeated',
    type: [String],
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  coveredContents?: string[];
}

/**
 * The multipart body as OpenAPI shows it: the fields plus the file part. Kept apart from the validated
 * class, whose every property must be a text field (a `document` property there would be refused).
 */
export class SubmitDocumentFormSchema extends SubmitDocumentFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, DOC/DOCX, ODT, XLS/XLSX, JPEG or PNG' })
  document!: unknown;
}
