import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUCKETS, Bucket, DELIVERABLE_STATUSES, DeliverableStatus } from '@dondoc/domain';

export class SubmissionDto {
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty() submittedByUnit!: string;
  @ApiProperty() documentName!: string;
  @ApiPropertyOptional() documentSha256?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ type: [String] }) coveredContents!: string[];
}

export class ReviewDto {
  @ApiProperty({ enum: ['accept', 'return'] }) decision!: 'accept' | 'return';
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() reviewerUnitId!: string;
  @ApiPropertyOptional() comments?: string;
  @ApiPropertyOptional({ format: 'date' }) newDueDate?: string;
}

export class ExtensionDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() grantedByUnitId!: string;
}

export class DeliverableDto {
  @ApiProperty({ example: '22-KH-TU:implementation-plan:HU-TIEN-DU:2021' }) id!: string;
  @ApiProperty({ example: 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:2021' }) workflowId!: string;
  @ApiProperty() planId!: string;
  @ApiProperty({ example: '22-KH/TU', nullable: true, type: String }) planNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) planTitle!: string | null;
  @ApiProperty() obligationId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() period!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) clause!: string | null;
  @ApiProperty({ nullable: true, type: String }) collectorUnitId!: string | null;
  @ApiProperty({ type: [String] }) requiredContents!: string[];
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'When the current deadline passes (end of the effective due day)',
  })
  deadlineAt!: string;
  @ApiProperty({ enum: DELIVERABLE_STATUSES }) status!: DeliverableStatus;
  @ApiProperty({ enum: Object.keys(BUCKETS), description: 'Official reporting bucket, as of now' })
  bucket!: Bucket;
  @ApiProperty({ description: 'Grows with every transition' }) version!: number;
  @ApiProperty() remindersSent!: number;
  @ApiProperty() escalationsSent!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextStepAt!: string | null;
  @ApiProperty({ enum: ['reminder', 'overdue', 'escalation'], nullable: true, type: String }) nextStepKind!:
    string | null;
  @ApiProperty({ type: SubmissionDto, nullable: true }) submission!: SubmissionDto | null;
  @ApiProperty({ type: ReviewDto, nullable: true }) lastReview!: ReviewDto | null;
  @ApiProperty({ type: [ExtensionDto] }) extensions!: ExtensionDto[];
  @ApiProperty() returns!: number;
  @ApiProperty({ nullable: true, type: String }) closedReason!: string | null;
  @ApiProperty({ description: 'Per-person obligations: members of the cell who owe it (0 otherwise)' })
  memberCount!: number;
  @ApiProperty({ description: 'Per-person obligations: members who have registered' })
  registeredCount!: number;
}

export class DeliverablePageDto {
  @ApiProperty({ type: [DeliverableDto] }) items!: DeliverableDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class DeliverableEventDto {
  /** The workflow's version of the transition; null for a weekly digest of the plan that named it. */
  @ApiProperty({ nullable: true, type: Number }) version!: number | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    enum: [
      'opened',
      'reminder',
      'overdue',
      'escalation',
      'submitted',
      'accepted',
      'returned',
      'extended',
      'waived',
      'cancelled',
    ],
  })
  type!: string;
  @ApiProperty({ nullable: true, type: String }) step!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUnitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}
