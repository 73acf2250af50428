import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException, OrgTree, OrgUnit, parseOrgJson, serializeOrgJson } from '@dondoc/domain';
import { serializeOrgCsv } from '@dondoc/domain/src/org/org-csv';
import { OrgImportResult, OrgRepository } from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';
import { ListUnitsQuery, OrgExportQuery, OrgImportQuery } from './dto/org-queries.dto';

const BODY = 'request body';

@Injectable()
export class OrgService {
  private readonly repo: OrgRepository;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = new OrgRepository(dataSource);
  }

  /** `body`: raw text (org media type) or the object parsed by the app's JSON parser. */
  async import(body: unknown, q: OrgImportQuery): Promise<OrgImportResult> {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    const existingUnits = q.mode === 'merge' ? (await this.repo.loadTree()).units : [];
    const tree: OrgTree = parseOrgJson(text, BODY, { existingUnits });
    return this.repo.importTree(tree, q.mode, { effectiveFrom: q.effectiveFrom, source: BODY });
  }

  async export(q: OrgExportQuery): Promise<{ contentType: string; body: string }> {
    const tree = await this.repo.loadTree(q.asOf);
    if (q.format === 'json')
      return { contentType: 'application/json; charset=utf-8', body: serializeOrgJson(tree) };
    return { contentType: 'text/csv; charset=utf-8', body: serializeOrgCsv(tree)[q.table] };
  }

  async listUnits(q: ListUnitsQuery) {
    const page = await this.repo.listUnits(q);
    return { ...page, page: q.page, pageSize: q.pageSize };
  }

  async getUnit(id: string): Promise<OrgUnit> {
    const unit = await this.repo.findUnit(id);
    if (!unit)
      throw new DomainException('not_found', `no unit with id "${id}"`, [
        { field: 'id', reason: 'no such unit' },
      ]);
    return unit;
  }
}
