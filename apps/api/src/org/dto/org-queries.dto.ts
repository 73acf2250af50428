import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageNumber, PageSize } from '../../common/paging.decorators';
import { ORG_ID_PATTERN, UNIT_TYPE_IDS, UnitType } from '@dondoc/domain';
import { ORG_IMPORT_MODES, OrgImportMode } from '@dondoc/persistence';
import { IsIsoDate } from '../../common/is-iso-date.validator';

const ORG_TABLES = ['units', 'contacts', 'people', 'memberships'] as const;

export class OrgImportQuery {
  @ApiPropertyOptional({ enum: ORG_IMPORT_MODES, default: 'replace' })
  @IsOptional()
  @IsIn(ORG_IMPORT_MODES)
  mode: OrgImportMode = 'replace';

  @ApiPropertyOptional({
    format: 'date',
    description: 'replace mode: units absent from the body end the day before (default: today in Vietnam)',
  })
  @IsOptional()
  @IsIsoDate()
  effectiveFrom?: string;
}

export class OrgExportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format: 'json' | 'csv' = 'json';

  @ApiPropertyOptional({ enum: ORG_TABLES, default: 'units', description: 'csv only: which table' })
  @IsOptional()
  @IsIn(ORG_TABLES)
  table: (typeof ORG_TABLES)[number] = 'units';

  @ApiPropertyOptional({ format: 'date', description: 'only units and memberships that exist on this date' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

export class ListUnitsQuery {
  @ApiPropertyOptional({ enum: UNIT_TYPE_IDS })
  @IsOptional()
  @IsIn(UNIT_TYPE_IDS)
  type?: UnitType;

  @ApiPropertyOptional({ example: 'TU-BAC-NINH' })
  @IsOptional()
  @Matches(ORG_ID_PATTERN, { message: 'must be a unit id' })
  parentId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'only units that exist on this date' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;

  @PageNumber()
  page = 1;

  @PageSize(500, 50)
  pageSize = 50;
}
