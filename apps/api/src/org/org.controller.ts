import { Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../authz/access.decorator';
import { ProblemDto } from '../common/problem.dto';
import { OrgExportQuery, OrgImportQuery } from './dto/org-queries.dto';
import { OrgFileDto, OrgImportResultDto } from './dto/org-tree.dto';
import { ORG_MEDIA_TYPE } from './org-body.middleware';
import { OrgService } from './org.service';

@ApiTags('org')
@Controller('org')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Post('import')
  @Access({ roles: ['admin'] })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Import an org tree (org file format), all or nothing',
    description:
      'replace: the stored tree becomes the body (absent units are closed, not deleted); merge: add and update only. ' +
      `Bodies over 256 kB must be sent as ${ORG_MEDIA_TYPE} (up to 100 MB).`,
  })
  @ApiConsumes('application/json', ORG_MEDIA_TYPE)
  @ApiBody({ type: OrgFileDto })
  @ApiOkResponse({ type: OrgImportResultDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Bad query parameters' })
  @ApiPayloadTooLargeResponse({ type: ProblemDto })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'The tree is refused; `errors` lists every problem as `request body:<JSON pointer>:<field>`',
  })
  import(@Req() req: Request, @Query() q: OrgImportQuery): Promise<OrgImportResultDto> {
    return this.org.import(req.body, q);
  }

  @Get('export')
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'The stored org tree: the whole org file (json) or one table (csv)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OrgFileDto, description: 'json: an org file; csv: the table chosen by `table`' })
  @ApiBadRequestResponse({ type: ProblemDto })
  async export(@Query() q: OrgExportQuery, @Res() res: Response): Promise<void> {
    const { contentType, body } = await this.org.export(q);
    res.status(HttpStatus.OK).type(contentType).send(body);
  }
}
