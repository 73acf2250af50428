import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ISSUE_SEVERITIES, IssueSeverity, SLUG_PATTERN } from '@dondoc/domain';

/** A unit reports a problem that arose (JSON, or the text fields of a multipart report). */
export class ReportIssueDto {
  @ApiProperty({ example: '22-KH-TU', description: 'The plan during whose implementation the problem arose' })
  @Matches(SLUG_PATTERN, { message: 'must be a plan id' })
  planId!: string;

  @ApiProperty({ example: 'HU-TIEN-DU', description: 'The reporting unit' })
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  reporterUnitId!: string;

  @ApiProperty({ example: 'Thiếu tài liệu học tập chuyên đề cho các chi bộ', maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({
    example: '12 chi bộ thuộc Đảng bộ huyện chưa nhận được tài liệu học tập chuyên đề năm 2021.',
    maxLength: 10000,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  description!: string;

  @ApiPropertyOptional({ enum: ISSUE_SEVERITIES, default: 'normal', description: 'urgent: shorter limits' })
  @IsOptional()
  @IsIn(ISSUE_SEVERITIES)
  severity?: IssueSeverity;

  @ApiPropertyOptional({
    example: 'Nguyễn Văn An',
    maxLength: 200,
    description: 'The person reporting: kept in PostgreSQL only, never sent to Temporal',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reporterName?: string;

  @ApiPropertyOptional({ example: 'an.nv@tiendu.bacninh.vn', description: 'Also told at every step' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(200)
  reporterEmail?: string;
}

/** The multipart form: the same fields, plus up to 5 files in parts named `attachments`. */
export class ReportIssueFormDto extends ReportIssueDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description: 'PDF, DOC/DOCX, ODT, XLS/XLSX, JPEG or PNG, recognised by content',
  })
  attachments?: unknown;
}
