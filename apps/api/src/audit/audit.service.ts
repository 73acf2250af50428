import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { DataSource } from 'typeorm';
import { AuditFilter, AuditLogRepository, AuditRecord } from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';
import { AuditPageDto } from './dto/audit.dto';
import { AuditFilterQuery, AuditListQuery } from './dto/audit-query.dto';

/** Columns of the CSV export, in order; the header row names them. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'accountId',
  'username',
  'role',
  'ip',
  'userAgent',
  'method',
  'route',
  'path',
  'action',
  'target',
  'status',
  'outcome',
  'problemTitle',
  'problemDetail',
  'requestId',
  'durationMs',
  'detail',
] as const satisfies readonly (keyof AuditRecord)[];

/** Rows fetched per query while exporting. */
export const AUDIT_EXPORT_BATCH = 500;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`:
 * user agents and usernames come from callers, and the export is opened in Excel.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toFilter(q: AuditFilterQuery): AuditFilter {
  return {
    accountId: q.accountId,
    username: q.username,
    action: q.action,
    target: q.target,
    outcome: q.outcome,
    from: q.from === undefined ? undefined : new Date(q.from).toISOString(),
    to: q.to === undefined ? undefined : new Date(q.to).toISOString(),
  };
}

function csvRow(r: AuditRecord): Record<string, string | number> {
  const row: Record<string, string | number> = {};
  for (const c of AUDIT_CSV_COLUMNS) {
    const v = r[c];
    if (v === null) row[c] = '';
    else if (typeof v === 'number') row[c] = v;
    else row[c] = spreadsheetSafe(typeof v === 'string' ? v : JSON.stringify(v));
  }
  return row;
}

/** Reads the audit log: a page for the screen, a CSV stream for the file. */
@Injectable()
export class AuditService {
  private readonly repo: AuditLogRepository;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = new AuditLogRepository(dataSource);
  }

  async list(q: AuditListQuery): Promise<AuditPageDto> {
    const { items, total } = await this.repo.list(toFilter(q), {
      offset: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * The matching rows as CSV (UTF-8 with a BOM so Excel reads Vietnamese, a header row), newest first,
   * read batch by batch as the client takes them: memory holds one batch whatever the export's size.
   */
  csv(q: AuditFilterQuery): Readable {
    const rows = Readable.from(this.rows(toFilter(q)));
    const out = stringify({ header: true, bom: true, columns: [...AUDIT_CSV_COLUMNS] });
    rows.on('error', (e) => out.destroy(e));
    return rows.pipe(out);
  }

  private async *rows(f: AuditFilter): AsyncGenerator<Record<string, string | number>> {
    for await (const r of this.repo.stream(f, AUDIT_EXPORT_BATCH)) yield csvRow(r);
  }
}
