import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERABLE_STATUSES, DeliverableStatus } from '@dondoc/domain';

export class SubmissionDto {
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty() submittedByUnit!: string;
  @ApiProperty() documentName!: string;
  @ApiPropertyOptional() documentSha256?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ type: [String] }) coveredContents!: string[];
}

export class DeliverableDto {
  @ApiProperty({ example: '22-KH-TU:implementation-plan:HU-TIEN-DU:2021' }) id!: string;
  @ApiProperty({ example: 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:2021' }) workflowId!: string;
  @ApiProperty() planId!: string;
  @ApiProperty() obligationId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() period!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ enum: DELIVERABLE_STATUSES }) status!: DeliverableStatus;
  @ApiProperty({ description: 'Grows with every transition' }) version!: number;
  @ApiProperty() remindersSent!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextReminderAt!: string | null;
  @ApiProperty({ type: SubmissionDto, nullable: true }) submission!: SubmissionDto | null;
}

export class DeliverablePageDto {
  @ApiProperty({ type: [DeliverableDto] }) items!: DeliverableDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
