import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '@dondoc/domain';
import type { MailKind, OutboxStatus } from '@dondoc/persistence';
import { PageNumber, PageSize } from '../../common/paging.decorators';
import { MAIL_KINDS, MAIL_STATUSES } from '../mail-kinds';

/** Filters every mail log takes: status, kind, page. */
export class MailLogQuery {
  @ApiPropertyOptional({ enum: MAIL_STATUSES, example: 'failed' })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ enum: MAIL_KINDS, example: 'reminder' })
  @IsOptional()
  @IsIn(MAIL_KINDS)
  kind?: MailKind;

  @PageNumber()
  page = 1;

  @PageSize(200, 50)
  pageSize = 50;
}

/** `GET /mail`: the whole log, also by unit, contact or deliverable. */
export class ListMailQuery extends MailLogQuery {
  @ApiPropertyOptional({ example: 'HU-TIEN-DU' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ example: '8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contact id (a UUID)' })
  contactId?: string;

  @ApiPropertyOptional({ example: '22-KH-TU:implementation-plan:HU-TIEN-DU:term' })
  @IsOptional()
  @MaxLength(400)
  deliverableId?: string;
}

export class ContactIdParams {
  @ApiProperty({ example: '8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e' })
  @IsUUID('all', { message: 'must be a contact id (a UUID)' })
  id!: string;
}
