import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrgTree, OrgUnit, parseOrgJson, serializeOrgJson } from '@dondoc/domain';
import { serializeOrgCsv } from '@dondoc/domain/src/org/org-csv';
import { OrgImportResult, OrgRepository, unitNotFound, UnitPatch, VersionedUnit } from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';
import { CreateUnitDto, UpdateUnitDto } from './dto/org-management.dto';
import { ListUnitsQuery, OrgExportQuery, OrgImportQuery } from './dto/org-queries.dto';
import type { ExpectedVersion } from './if-match';

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

  /** `visibleUnitIds`: the caller's scope (authorisation); only those units are listed when given. */
  async listUnits(q: ListUnitsQuery, visibleUnitIds?: readonly string[]) {
    const page = await this.repo.listUnits({ ...q, visibleUnitIds });
    return { ...page, page: q.page, pageSize: q.pageSize };
  }

  /** One unit with its contacts and its version (the ETag). */
  async getUnit(id: string): Promise<VersionedUnit> {
    const unit = await this.repo.findVersionedUnit(id);
    if (!unit) throw unitNotFound(id);
    return unit;
  }

  /** A new unit under the import's rules (type, level of the parent, validity inside the parent's). */
  createUnit(body: CreateUnitDto): Promise<VersionedUnit> {
    return this.repo.createUnit(
      {
        id: body.id,
        name: body.name,
        type: body.type as OrgUnit['type'],
        parentId: body.parentId ?? null,
        validFrom: body.validFrom,
        validTo: body.validTo ?? null,
      },
      BODY,
    );
  }

  /** Rename, move or dissolve, if the unit is still at the version the caller read. */
  updateUnit(id: string, body: UpdateUnitDto, expected: ExpectedVersion): Promise<VersionedUnit> {
    const patch: UnitPatch = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.parentId !== undefined) patch.parentId = body.parentId;
    if (body.validTo !== undefined) patch.validTo = body.validTo;
    return this.repo.updateUnit(id, expected.version, patch, { source: BODY, versionField: expected.field });
  }
}
