import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { ListUnitsQuery } from './dto/org-queries.dto';
import { OrgUnitDto, UnitPageDto } from './dto/org-tree.dto';
import { OrgService } from './org.service';

@ApiTags('org')
@Controller('units')
export class UnitsController {
  constructor(private readonly org: OrgService) {}

  @Get()
  @ApiOperation({ summary: 'List units with their contacts, by id; filter by type, parent and date' })
  @ApiOkResponse({ type: UnitPageDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  list(@Query() q: ListUnitsQuery): Promise<UnitPageDto> {
    return this.org.listUnits(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit with its contacts' })
  @ApiOkResponse({ type: OrgUnitDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@Param('id') id: string): Promise<OrgUnitDto> {
    return this.org.getUnit(id);
  }
}
