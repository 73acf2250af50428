import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../authz/access.decorator';
import { AccessScope, unitRowScope } from '../authz/access-scope';
import { RequestScope } from '../authz/request-scope.decorator';
import { ProblemDto } from '../common/problem.dto';
import { ProblemExceptionFilter } from '../mail/mail-problem';
import { problemExample } from '../mail/problem-examples';
import { CreateUnitDto, StaleUnitProblemDto, UnitStateDto, UpdateUnitDto } from './dto/org-management.dto';
import { ListUnitsQuery } from './dto/org-queries.dto';
import { OrgUnitDto, UnitPageDto } from './dto/org-tree.dto';
import { etagOf } from '../common/if-match';
import { expectedVersion, StaleVersionFilter } from './if-match';
import {
  etagHeader,
  ifMatchHeader,
  preconditionRequiredExample,
  staleExample,
  unitNotFoundExample,
} from './org-api-examples';
import { OrgService } from './org.service';

/** Who reads the tree: officers their own unit and the units under it (the access guard checks). */
export const ORG_READERS = ['admin', 'btg', 'btv', 'officer'] as const;

const UNIT_EXAMPLE: UnitStateDto = {
  id: 'CB-TD-LIM-KP3',
  name: 'Chi bộ khu phố 3',
  type: 'chi-bo',
  parentId: 'DBCS-TD-LIM',
  validFrom: '2026-01-01',
  validTo: null,
  contacts: [],
  version: 1,
};
const { version: _v, ...UNIT_READ_EXAMPLE } = {
  ...UNIT_EXAMPLE,
  contacts: [
    {
      name: 'Nguyễn Thị Lan',
      email: 'bithu.kp3@bacninh.example',
      role: 'head' as const,
      language: 'vi' as const,
      digest: false,
    },
  ],
};

@ApiTags('org')
@UseFilters(ProblemExceptionFilter, StaleVersionFilter)
@Controller('units')
export class UnitsController {
  constructor(private readonly org: OrgService) {}

  @Get()
  @Access({ roles: ORG_READERS })
  @ApiOperation({
    summary: 'List units with their contacts, by id; filter by type, parent and date',
    description: 'Officers see their own unit and the units under it.',
  })
  @ApiOkResponse({
    type: UnitPageDto,
    example: { items: [UNIT_READ_EXAMPLE], total: 1, page: 1, pageSize: 50 },
  })
  @ApiBadRequestResponse({
    type: ProblemDto,
    example: problemExample(
      'validation',
      400,
      'Invalid request',
      'type: type must be one of …',
      '/units?type=huyen',
      [{ field: 'type', reason: 'type must be one of the following values: tinh-uy, …' }],
    ),
  })
  list(@Query() q: ListUnitsQuery, @RequestScope() scope: AccessScope): Promise<UnitPageDto> {
    return this.org.listUnits(q, unitRowScope(scope));
  }

  @Get(':id')
  @Access({ roles: ORG_READERS, scope: { resource: 'unit', param: 'id' } })
  @ApiOperation({
    summary: 'One unit with its contacts; its version in the ETag header',
    description: 'Send the ETag back as If-Match to change the unit (PATCH).',
  })
  @ApiParam({ name: 'id', example: 'CB-TD-LIM-KP3' })
  @ApiOkResponse({ type: OrgUnitDto, headers: etagHeader('unit'), example: UNIT_READ_EXAMPLE })
  @ApiNotFoundResponse({ type: ProblemDto, example: unitNotFoundExample('/units/HU-KHONG-CO') })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<OrgUnitDto> {
    const { version, ...unit } = await this.org.getUnit(id);
    res.setHeader('ETag', etagOf(version));
    return unit;
  }

  @Post()
  @Access({ roles: ['admin'] })
  @ApiOperation({
    summary: 'Create a unit under a parent (admin), by the org import’s rules',
    description:
      'The type must be one that may hang under the parent’s (a chi-bo under a dang-bo-co-so, a grassroots ' +
      'organisation under a level-1 committee, level-1 units under the tinh-uy); the unit must exist only ' +
      'while its parent does. Contacts are added with POST /units/{id}/contacts.',
  })
  @ApiCreatedResponse({ type: UnitStateDto, headers: etagHeader('unit'), example: UNIT_EXAMPLE })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'An unknown field',
    example: problemExample(
      'validation',
      400,
      'Invalid request',
      'level: property level should not exist',
      '/units',
      [{ field: 'level', reason: 'property level should not exist' }],
    ),
  })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'The id is taken',
    example: problemExample(
      'conflict',
      409,
      'Conflict',
      'a unit with id "HU-TIEN-DU" already exists',
      '/units',
      [{ field: 'id', reason: 'a unit with id "HU-TIEN-DU" already exists' }],
    ),
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Refused by the org rules; every problem names its field',
    example: problemExample(
      'validation',
      422,
      'Invalid request',
      'parentId: a chi-bo (level 3) cannot be under "HU-TIEN-DU", a huyen-uy (level 1); its parent must be a dang-bo-co-so',
      '/units',
      [
        {
          field: 'parentId',
          reason:
            'a chi-bo (level 3) cannot be under "HU-TIEN-DU", a huyen-uy (level 1); its parent must be a dang-bo-co-so',
        },
      ],
    ),
  })
  async create(
    @Body() body: CreateUnitDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitStateDto> {
    const unit = await this.org.createUnit(body);
    res.setHeader('ETag', etagOf(unit.version)).location(`/units/${encodeURIComponent(unit.id)}`);
    return unit;
  }

  @Patch(':id')
  @Access({ roles: ['admin'] })
  @ApiOperation({
    summary: 'Rename, move or dissolve a unit (admin); If-Match required',
    description:
      '`name` renames; `parentId` moves (the same type and level rules as creating; a move under itself or ' +
      'its own descendants is refused); `validTo` dissolves: the unit exists up to that day, refused with 409 ' +
      'while units under it, memberships or unfinished deliverables outlive it (remove the unit from its ' +
      'plans with POST /plans/{id}/amendments first); `validTo: null` reopens. Contacts are not touched. ' +
      'The change is made only if the unit is still at the version in If-Match (or `version`).',
  })
  @ApiParam({ name: 'id', example: 'CB-TD-LIM-KP3' })
  @ApiHeader(ifMatchHeader('unit'))
  @ApiOkResponse({
    type: UnitStateDto,
    headers: etagHeader('unit'),
    example: { ...UNIT_EXAMPLE, name: 'Chi bộ khu phố 3 (sáp nhập)', version: 2 },
  })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'A malformed If-Match, or a body version that disagrees with it',
    example: problemExample(
      'validation',
      400,
      'Invalid request',
      'If-Match: must be a version like "3" (the ETag), got abc',
      '/units/CB-TD-LIM-KP3',
      [{ field: 'If-Match', reason: 'must be a version like "3" (the ETag), got abc' }],
    ),
  })
  @ApiNotFoundResponse({ type: ProblemDto, example: unitNotFoundExample('/units/HU-KHONG-CO') })
  @ApiConflictResponse({
    type: StaleUnitProblemDto,
    description:
      'The unit changed since the version given (`current` is the unit now, its ETag in the header), or it ' +
      'cannot end on `validTo` (what outlives it, under `validTo`)',
    example: staleExample('/units/CB-TD-LIM-KP3', {
      ...UNIT_EXAMPLE,
      name: 'Chi bộ khu phố 3 (sáp nhập)',
      version: 2,
    }),
  })
  @ApiResponse({
    status: 428,
    type: ProblemDto,
    description: 'Neither If-Match nor `version` was sent',
    example: preconditionRequiredExample('/units/CB-TD-LIM-KP3'),
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Refused by the org rules (a cycle, a parent of the wrong level, dates); names the field',
    example: problemExample(
      'validation',
      422,
      'Invalid request',
      'parentId: the parent chain loops back to itself: DBCS-TD-LIM → DBCS-TD-LIM',
      '/units/DBCS-TD-LIM',
      [{ field: 'parentId', reason: 'the parent chain loops back to itself: DBCS-TD-LIM → DBCS-TD-LIM' }],
    ),
  })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateUnitDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitStateDto> {
    const unit = await this.org.updateUnit(id, body, expectedVersion(ifMatch, body.version));
    res.setHeader('ETag', etagOf(unit.version));
    return unit;
  }
}
