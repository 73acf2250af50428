import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { AUDIT_OUTCOMES, AuditOutcome } from '@dondoc/persistence';
import { PageNumber, PageSize } from '../../common/paging.decorators';

/** An instant with its offset: `2026-11-29T03:00:00Z`, `2026-11-29T10:00:00+07:00`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO-8601 instant with its offset, e.g. 2026-11-29T03:00:00Z';

/** Filters of the audit log, for the paged list and the CSV export alike. */
export class AuditFilterQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '3b0f7a52-8c1e-4d6a-9f3e-2a7d5c9e1b44' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an account id (a UUID)' })
  accountId?: string;

  @ApiPropertyOptional({ example: 'admin', description: 'Exact username, case-insensitive' })
  @IsOptional()
  @MaxLength(200)
  username?: string;

  @ApiPropertyOptional({ example: 'deliverables.review', description: '`<controller>.<handler>`' })
  @IsOptional()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({
    example: '22-KH-TU:implementation-plan:HU-TIEN-DU:term',
    description: 'The main route parameter of the command (a deliverable, issue, plan id …)',
  })
  @IsOptional()
  @MaxLength(400)
  target?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES, example: 'refused' })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-01T00:00:00+07:00',
    description: 'Inclusive',
  })
  @IsOptional()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-12-01T00:00:00+07:00',
    description: 'Exclusive',
  })
  @IsOptional()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  to?: string;
}

/** `GET /audit`: the filters and a page. */
export class AuditListQuery extends AuditFilterQuery {
  @PageNumber()
  page = 1;

  @PageSize(200, 50)
  pageSize = 50;
}
