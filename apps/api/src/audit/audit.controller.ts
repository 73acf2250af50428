import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../authz/access.decorator';
import { ProblemDto } from '../common/problem.dto';
import { problemExample } from '../mail/problem-examples';
import { Audited } from './audited.decorator';
import { AUDIT_CSV_COLUMNS, AuditService } from './audit.service';
import { AuditEntryDto, AuditPageDto } from './dto/audit.dto';
import { AuditFilterQuery, AuditListQuery } from './dto/audit-query.dto';

const ENTRY_EXAMPLE: AuditEntryDto = {
  id: '1042',
  at: '2026-11-29T03:12:45.123Z',
  accountId: '3b0f7a52-8c1e-4d6a-9f3e-2a7d5c9e1b44',
  username: 'btg.nguyen',
  role: 'btg',
  ip: '203.113.152.7',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
  method: 'POST',
  route: '/deliverables/:id/review',
  path: '/deliverables/22-KH-TU:implementation-plan:HU-TIEN-DU:term/review',
  action: 'deliverables.review',
  target: '22-KH-TU:implementation-plan:HU-TIEN-DU:term',
  status: 409,
  outcome: 'refused',
  problemTitle: 'Conflict',
  problemDetail: 'deliverable is open, not submitted',
  requestId: '6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b',
  durationMs: 182,
  detail: null,
};

const CSV_EXAMPLE =
  '\uFEFF' +
  `${AUDIT_CSV_COLUMNS.join(',')}\n` +
  '1042,2026-11-29T03:12:45.123Z,3b0f7a52-8c1e-4d6a-9f3e-2a7d5c9e1b44,btg.nguyen,btg,203.113.152.7,' +
  'Mozilla/5.0 …,POST,/deliverables/:id/review,/deliverables/22-KH-TU:implementation-plan:HU-TIEN-DU:term/review,' +
  'deliverables.review,22-KH-TU:implementation-plan:HU-TIEN-DU:term,409,refused,Conflict,' +
  'deliverable is open; not submitted,6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b,182,\n';

const badQuery = (instance: string) =>
  problemExample(
    'validation',
    400,
    'Invalid request',
    'from: must be an ISO-8601 instant with its offset, e.g. 2026-11-29T03:00:00Z',
    instance,
    [{ field: 'from', reason: 'must be an ISO-8601 instant with its offset, e.g. 2026-11-29T03:00:00Z' }],
  );

/** Vietnam's calendar date (UTC+7 all year) as YYYYMMDD, for the export's file name. */
function vietnamDate(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * The audit log (admin): every command the API answered — who, when, from where, what, about what,
 * how it ended — newest first; and the same as a CSV file. Admin only: `@Access` documents the 401 and
 * 403 refusals. The log is append-only: nothing here (or
 * anywhere) changes or removes a row.
 */
@ApiTags('audit')
@Access({ roles: ['admin'] })
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary:
      'The audit log (admin): newest first, by account, username, action, target, outcome and time; paged',
    description:
      'Every POST/PUT/PATCH/DELETE the API answered, refused ones included (401, 403, 404, 409, 422 …), ' +
      'and each export of this log. Reads are not recorded. Never a request body.',
  })
  @ApiOkResponse({
    type: AuditPageDto,
    example: { items: [ENTRY_EXAMPLE], total: 1, page: 1, pageSize: 50 },
  })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'A bad filter or page; `errors` names it',
    example: badQuery('/audit?from=yesterday'),
  })
  list(@Query() q: AuditListQuery): Promise<AuditPageDto> {
    return this.audit.list(q);
  }

  @Get('export.csv')
  @Audited({ action: 'audit.export' })
  @ApiOperation({
    summary: 'The audit log as CSV (admin): the same filters, every matching row, newest first',
    description:
      'UTF-8 with a byte-order mark (Excel reads Vietnamese), a header row naming the columns as in ' +
      '`GET /audit`; streamed in batches, so any size exports in constant memory. A cell that a ' +
      "spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`) is prefixed with `'`. " +
      'The export itself is recorded in the log (`audit.export`).',
  })
  @ApiOkResponse({
    description: 'The file, as an attachment `audit-YYYYMMDD.csv` (date in Vietnam)',
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="audit-YYYYMMDD.csv"',
        schema: { type: 'string', example: 'attachment; filename="audit-20261129.csv"' },
      },
    },
    content: { 'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE } },
  })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'A bad filter; `errors` names it',
    example: badQuery('/audit/export.csv?from=yesterday'),
  })
  export(@Query() q: AuditFilterQuery): StreamableFile {
    return new StreamableFile(this.audit.csv(q), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="audit-${vietnamDate()}.csv"`,
    });
  }
}
