import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ISSUE_SEVERITIES, ISSUE_STATES } from '@dondoc/domain';

export class IssueClockDto {
  @ApiProperty({ enum: ['acknowledge', 'handle', 'direction', 'answer', 'close'] }) kind!: string;
  @ApiProperty({ enum: ['btg', 'btv', 'reporter'] }) holder!: string;
  @ApiProperty({ example: '2021-09-08', format: 'date', description: 'Last working day of the limit' })
  limitDate!: string;
}

export class DirectionDeliverableDto {
  @ApiProperty({ example: '22-KH-TU:issue-direction:HU-TIEN-DU:VD01JB7Z0K3M' }) id!: string;
  @ApiProperty({ example: 'HU-TIEN-DU' }) unitId!: string;
  @ApiProperty({ example: 'open' }) status!: string;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
}

export class DirectionDto {
  @ApiProperty({ example: 1 }) no!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'BTV-TU' }) byUnitId!: string;
  @ApiProperty() instructions!: string;
  @ApiPropertyOptional({ format: 'date' }) dueDate?: string;
  @ApiProperty({ type: [String] }) units!: string[];
  @ApiProperty({ type: [DirectionDeliverableDto] }) deliverables!: DirectionDeliverableDto[];
}

export class InfoRequestDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() byUnitId!: string;
  @ApiProperty() question!: string;
  @ApiPropertyOptional({ format: 'date-time' }) answeredAt?: string;
  @ApiPropertyOptional() answer?: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'danh-sach-chi-bo.pdf' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ example: 48211 }) size!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ example: '/issues/VD01JB7Z0K3M/attachments/6f1c2d7e-…' }) url!: string;
}

/** One reported issue from the read model. */
export class IssueDto {
  @ApiProperty({ example: 'VD01JB7Z0K3M' }) id!: string;
  @ApiProperty({ example: 'issue:VD01JB7Z0K3M' }) workflowId!: string;
  @ApiProperty({ example: '22-KH-TU' }) planId!: string;
  @ApiProperty({ example: 'HU-TIEN-DU' }) reporterUnitId!: string;
  @ApiPropertyOptional({ example: 'Nguyễn Văn An', nullable: true }) reporterName!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ISSUE_SEVERITIES }) severity!: string;
  @ApiProperty({ enum: ISSUE_STATES }) state!: string;
  @ApiProperty({ enum: ['btg', 'btv', 'reporter', 'none'], description: 'Who must act now' }) holder!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiPropertyOptional({ nullable: true }) handlerUnitId!: string | null;
  @ApiPropertyOptional({ type: IssueClockDto, nullable: true }) clock!: IssueClockDto | null;
  @ApiPropertyOptional({ type: IssueClockDto, nullable: true, description: 'Paused while info is requested' })
  pausedClock!: IssueClockDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) limitAt!: string | null;
  @ApiProperty({ description: 'The running limit has passed' }) overdue!: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) nextStepAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) nextStepKind!: string | null;
  @ApiProperty() remindersSent!: number;
  @ApiProperty() escalationsSent!: number;
  @ApiProperty() reopenCount!: number;
  @ApiProperty({ type: [DirectionDto] }) directions!: DirectionDto[];
  @ApiProperty({ type: [InfoRequestDto] }) infoRequests!: InfoRequestDto[];
  @ApiPropertyOptional({ nullable: true }) resolution!: string | null;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) escalatedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) directedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) closedAt!: string | null;
}

export class IssueEventDto {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'acknowledged' }) type!: string;
  @ApiProperty({ example: 'acknowledged', description: 'The state after the event' }) state!: string;
  @ApiPropertyOptional({ nullable: true }) step!: string | null;
  @ApiPropertyOptional({ nullable: true }) actorUnitId!: string | null;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) detail!: Record<
    string,
    unknown
  > | null;
}

/** The issue with its full timeline (every transition and timed step, oldest first) and attachments. */
export class IssueDetailDto extends IssueDto {
  @ApiProperty({ type: [IssueEventDto] }) timeline!: IssueEventDto[];
  @ApiProperty({ type: [AttachmentDto] }) attachments!: AttachmentDto[];
}

export class IssuePageDto {
  @ApiProperty({ type: [IssueDto] }) items!: IssueDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class IssueSummaryItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() reporterUnitId!: string;
  @ApiProperty({ enum: ISSUE_SEVERITIES }) severity!: string;
  @ApiProperty({ enum: ISSUE_STATES }) state!: string;
  @ApiProperty({ enum: ['closed', 'resolved', 'resolved-by-direction', 'open', 'overdue'] }) outcome!: string;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) resolution!: string | null;
  @ApiProperty({ description: 'Whether it went to BTV' }) escalated!: boolean;
  @ApiProperty({ description: 'Deliverables opened by BTV directions' }) directionDeliverables!: number;
}

/** BTG's summary of a period (linked from the provincial-summary deliverable). */
export class IssueSummaryDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ example: { closed: 3, resolved: 1, 'resolved-by-direction': 1, open: 2, overdue: 1 } })
  byOutcome!: Record<string, number>;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [IssueSummaryItemDto] }) items!: IssueSummaryItemDto[];
}
