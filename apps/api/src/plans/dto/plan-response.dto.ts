import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PlanObligationSummaryDto {
  @ApiProperty({ example: 'implementation-plan' }) id!: string;
  @ApiProperty({ example: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa' }) titleVi!: string;
  @ApiProperty({ example: 'Plan for studying and implementing the whole-term thematic topic' })
  titleEn!: string;
  @ApiProperty({ enum: ['once', 'yearly', 'quarterly', 'event'] }) recurrence!: string;
  @ApiPropertyOptional({ example: 'after-issuance', description: 'Absent for event-driven obligations' })
  dueRule?: string;
}

export class PlanSummaryDto {
  @ApiProperty({ example: '22-KH-TU' }) id!: string;
  @ApiProperty({ example: '22-KH/TU' }) number!: string;
  @ApiProperty({ example: 'TU-BAC-NINH' }) issuer!: string;
  @ApiProperty({ format: 'date', example: '2021-08-13' }) issueDate!: string;
  @ApiProperty({ format: 'date', example: '2021-02-01' }) termStart!: string;
  @ApiProperty({ format: 'date', example: '2025-12-31' }) termEnd!: string;
  @ApiProperty({ type: [PlanObligationSummaryDto] }) obligations!: PlanObligationSummaryDto[];
}

export class PlanValidationDto {
  @ApiProperty({ example: true }) valid!: true;
  @ApiProperty({ type: PlanSummaryDto }) plan!: PlanSummaryDto;
}

export class PreviewRowDto {
  @ApiProperty({ example: 'implementation-plan' }) obligation!: string;
  @ApiProperty({ example: 'HU-TIEN-DU', description: 'A unit id, or a person id for per-person obligations' })
  unit!: string;
  @ApiProperty({ enum: ['unit', 'person'] }) assigneeKind!: 'unit' | 'person';
  @ApiProperty({ example: 'term', description: '`term`, `2022`, `2022-Q3` or `on-event`' }) period!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2021-09-13' }) dueDate!:
    string | null;
  @ApiProperty({
    type: [String],
    example: ['2021-08-26', '2021-09-06', '2021-09-08', '2021-09-10', '2021-09-13'],
  })
  reminderDates!: string[];
  @ApiProperty({ nullable: true, type: String, example: 'BTG-TU' }) collector!: string | null;
}

export class PlanPreviewDto {
  @ApiProperty({ type: PlanSummaryDto }) plan!: PlanSummaryDto;
  @ApiProperty({ example: 554 }) count!: number;
  @ApiProperty({ type: [PreviewRowDto] }) rows!: PreviewRowDto[];
}
