import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MailKind, OutboxStatus } from '@dondoc/persistence';
import { ProblemDto } from '../../common/problem.dto';
import { MAIL_KINDS, MAIL_STATUSES } from '../mail-kinds';

const KEY_EXAMPLE =
  'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:term/reminder-1/8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e';

/** One row of the outbox as a log entry: what went (or goes) to whom and how it went; never the body. */
export class MailLogItemDto {
  @ApiProperty({
    example: KEY_EXAMPLE,
    description: '`<workflowId>/<step>/<contactId>`; URL-encode it (encodeURIComponent) in `/mail/{key}`',
  })
  key!: string;
  @ApiProperty({ example: 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:term' }) workflowId!: string;
  @ApiProperty({ example: 'reminder-1' }) step!: string;
  @ApiProperty({ nullable: true, type: String, example: '8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e' })
  contactId!: string | null;
  @ApiProperty({ example: 'van-phong+hu-tien-du@example.vn' }) recipient!: string;
  @ApiProperty({ example: '[Nhắc việc] Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa' })
  subject!: string;
  @ApiProperty({ example: '<3f1a0c9be1d2a4f6b7c8d9e0f1a2b3c4d5e6f7a8@dondoc>' }) messageId!: string;
  @ApiProperty({ enum: MAIL_STATUSES, example: 'sent' }) status!: OutboxStatus;
  @ApiProperty({ example: 1, description: 'Sends tried by the worker' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: null }) lastError!: string | null;
  @ApiProperty({ format: 'date-time', example: '2021-08-26T01:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2021-08-26T01:00:01.000Z' })
  sentAt!: string | null;
  @ApiProperty({ enum: MAIL_KINDS, example: 'reminder' }) kind!: MailKind;
  @ApiProperty({ nullable: true, type: String, example: '22-KH-TU:implementation-plan:HU-TIEN-DU:term' })
  deliverableId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'HU-TIEN-DU' }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '22-KH-TU' }) planId!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: null,
    description: 'Waiting for the send window: not before this instant',
  })
  notBefore!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'For a `digested` row: the daily digest that carried it',
  })
  digestKey!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) failedAt!: string | null;
}

export class MailPageDto {
  @ApiProperty({ type: [MailLogItemDto] }) items!: MailLogItemDto[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
}

export class MailAttachmentInfoDto {
  @ApiProperty({ example: 'han-nop-22-KH-TU.ics' }) filename!: string;
  @ApiProperty({ example: 'text/calendar; charset=utf-8; method=PUBLISH' }) contentType!: string;
}

/** The mail as rendered and stored for sending; attachments by name and type only. */
export class MailContentDto {
  @ApiProperty({ example: '[Nhắc việc] Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa' })
  subject!: string;
  @ApiProperty({ example: 'Kính gửi Huyện ủy Tiên Du, …' }) text!: string;
  @ApiProperty({ example: '<!doctype html><html lang="vi">…</html>' }) html!: string;
  @ApiProperty({ type: [MailAttachmentInfoDto] }) attachments!: MailAttachmentInfoDto[];
}

export class MailDetailDto extends MailLogItemDto {
  @ApiProperty({
    type: MailContentDto,
    nullable: true,
    description: 'null for rows recorded before mail bodies were kept',
  })
  content!: MailContentDto | null;
}

/** 409 on a resend: the usual problem, plus the mail's current status. */
export class MailConflictProblemDto extends ProblemDto {
  @ApiProperty({ enum: MAIL_STATUSES, example: 'sent' }) mailStatus!: OutboxStatus;
}

/** 502 on a resend: the relay refused or could not be reached; the row is `failed` again. */
export class MailRelayProblemDto extends ProblemDto {
  @ApiPropertyOptional({ example: 550, description: 'The SMTP reply code, when the relay gave one' })
  responseCode?: number;
  @ApiProperty({ example: false, description: 'Whether trying again later can succeed' })
  retryable!: boolean;
}
