import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUCKETS, Bucket, DELIVERABLE_STATUSES, DeliverableStatus } from '@dondoc/domain';
import { PlanObligationSummaryDto } from './plan-response.dto';

/** How many deliverables sit in each official bucket (as of `asOf`), and in all. */
export class BucketCountsDto {
  @ApiProperty({ example: 31 }) total!: number;
  @ApiProperty({ example: 0, description: BUCKETS['on-time'].vi }) 'on-time'!: number;
  @ApiProperty({ example: 0, description: BUCKETS.late.vi }) late!: number;
  @ApiProperty({ example: 30, description: BUCKETS['not-done-within-deadline'].vi })
  'not-done-within-deadline'!: number;
  @ApiProperty({ example: 0, description: BUCKETS['not-done-overdue'].vi }) 'not-done-overdue'!: number;
  @ApiProperty({ example: 0, description: BUCKETS.waived.vi }) waived!: number;
  @ApiProperty({ example: 1, description: BUCKETS.cancelled.vi }) cancelled!: number;
}

export class ObligationCountsDto {
  @ApiProperty({ example: 'implementation-plan' }) obligationId!: string;
  @ApiProperty({ type: BucketCountsDto }) counts!: BucketCountsDto;
}

export class PlanAmendmentDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['add-unit', 'remove-unit', 'change-due-rule', 'cancel-plan'] }) kind!: string;
  @ApiProperty({ enum: ['recompute', 'freeze'], nullable: true, type: String }) policy!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { unitId: 'TXU-TU-SON', reason: 'Sáp nhập vào Thành ủy Từ Sơn' },
  })
  detail!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { cancelled: 1 } })
  outcome!: Record<string, unknown> | null;
}

export class PlanDto {
  @ApiProperty({ example: '22-KH-TU' }) id!: string;
  @ApiProperty({ example: '22-KH/TU' }) number!: string;
  @ApiProperty({ example: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa …' }) title!: string;
  @ApiProperty({ example: 'TU-BAC-NINH' }) issuer!: string;
  @ApiProperty({ format: 'date', example: '2021-08-13', description: 'The day the plan took effect' })
  issuedOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2025-12-31' }) until!: string | null;
  @ApiProperty({ format: 'date', example: '2021-02-01' }) termStart!: string;
  @ApiProperty({ format: 'date', example: '2025-12-31' }) termEnd!: string;
  @ApiProperty({ enum: ['issued', 'cancelled', 'completed'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ example: 'plan:22-KH-TU', description: 'The Temporal workflow that drives the plan' })
  workflowId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [PlanObligationSummaryDto] }) obligations!: PlanObligationSummaryDto[];
  @ApiProperty({ type: BucketCountsDto, description: 'Deliverables opened so far, per bucket, as of now' })
  counts!: BucketCountsDto;
}

export class PlanDetailDto extends PlanDto {
  @ApiProperty({ type: [ObligationCountsDto] }) countsByObligation!: ObligationCountsDto[];
  @ApiProperty({ type: [PlanAmendmentDto], description: 'Oldest first' }) amendments!: PlanAmendmentDto[];
}

export class PlanListDto {
  @ApiProperty({ type: [PlanDto] }) items!: PlanDto[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
}

export class StatusRowDto {
  @ApiProperty({ example: '22-KH-TU:implementation-plan:HU-TIEN-DU:term' }) deliverableId!: string;
  @ApiProperty({ example: 'HU-TIEN-DU' }) unitId!: string;
  @ApiProperty({ example: 'Huyện ủy Tiên Du', nullable: true, type: String }) unitName!: string | null;
  @ApiProperty({ example: 'implementation-plan' }) obligationId!: string;
  @ApiProperty({ example: 'term' }) period!: string;
  @ApiProperty({ enum: DELIVERABLE_STATUSES }) status!: DeliverableStatus;
  @ApiProperty({ enum: Object.keys(BUCKETS), example: 'not-done-within-deadline' }) bucket!: Bucket;
  @ApiProperty({ format: 'date', example: '2021-09-13' }) dueDate!: string;
  @ApiProperty({ format: 'date-time', example: '2021-09-13T17:00:00.000Z' }) deadlineAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
}

export class PlanStatusMatrixDto {
  @ApiProperty({ example: '22-KH-TU' }) planId!: string;
  @ApiProperty({ format: 'date-time', description: 'The instant the buckets were computed at' })
  asOf!: string;
  @ApiProperty({ type: BucketCountsDto, description: 'Every row matching period/obligation/unit filters' })
  totals!: BucketCountsDto;
  @ApiProperty({ example: 21, description: 'Rows matching every filter, bucket included' }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 100 }) pageSize!: number;
  @ApiProperty({ type: [StatusRowDto], description: 'Sorted by unit, obligation, period' })
  items!: StatusRowDto[];
}

export class AmendmentResultDto {
  @ApiProperty({
    enum: ['add-unit', 'remove-unit', 'change-due-rule', 'cancel-plan'],
    example: 'remove-unit',
  })
  kind!: string;
  @ApiPropertyOptional({ example: 1, description: 'add-unit: deliverables opened for the unit' })
  started?: number;
  @ApiPropertyOptional({ example: 1, description: 'remove-unit, cancel-plan: deliverables cancelled' })
  cancelled?: number;
  @ApiPropertyOptional({
    example: 0,
    description: 'remove-unit with reassignTo: deliverables opened for the successor',
  })
  reassigned?: number;
  @ApiPropertyOptional({ example: 21, description: 'change-due-rule: deliverables given a new due date' })
  rescheduled?: number;
}
