import { Audited } from '../audit/audited.decorator';
import { Access } from '../authz/access.decorator';
import { PLAN_MANAGERS } from '../authz/roles';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PROBLEM_TYPES } from '../common/problem';
import { ProblemDto } from '../common/problem.dto';
import { acknowledgementPage } from './acknowledgement-page';
import {
  AcknowledgePlanQuery,
  PlanAcknowledgementResultDto,
  PlanAcknowledgementsDto,
} from './dto/plan-acknowledgement.dto';
import { PlanAcknowledgementsService } from './plan-acknowledgements.service';
import { Public } from '../auth/auth.decorators';

const ACK_INSTANCE = '/plans/22-KH-TU/acknowledge?unit=HU-TIEN-DU&token=…';
const RESULT_EXAMPLE: PlanAcknowledgementResultDto = {
  planId: '22-KH-TU',
  planNumber: '22-KH/TU',
  planTitle: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
  unitId: 'HU-TIEN-DU',
  unitName: 'Huyện ủy Tiên Du',
  at: '2021-08-16T02:14:07.000Z',
  via: 'mail-link',
  alreadyAcknowledged: false,
};
const problem = (
  type: string,
  status: number,
  title: string,
  detail: string,
  instance: string,
  field: string,
) => ({ type, title, status, detail, instance, errors: [{ field, reason: detail }] });

@ApiTags('plans')
@ApiExtraModels(PlanAcknowledgementResultDto)
@Controller('plans')
export class PlanAcknowledgementsController {
  constructor(private readonly acks: PlanAcknowledgementsService) {}

  @Get(':id/acknowledge')
  @Public() // the signed link is its own proof; people click it from mail, signed out
  @Audited() // a GET that records something: in the audit log like any command
  @ApiOperation({
    summary: 'A unit acknowledges receipt of a plan: the signed link in the plan-issued mail',
    description:
      'No login: the token is an HMAC of plan and unit (LINK_SECRET). Idempotent: a second click records ' +
      'nothing and reports the first acknowledgement. A browser (Accept: text/html) gets a small page, ' +
      'Vietnamese first; any other client gets JSON. Errors are problem+json.',
  })
  @ApiParam({ name: 'id', example: '22-KH-TU' })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({
    description: 'Acknowledged (now or before: see `alreadyAcknowledged`)',
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(PlanAcknowledgementResultDto) },
        example: RESULT_EXAMPLE,
      },
      'text/html': {
        schema: { type: 'string' },
        example:
          '<!doctype html><html lang="vi">… <h1>✓ Đã xác nhận nhận Kế hoạch số 22-KH/TU</h1> … ' +
          'Huyện ủy Tiên Du xác nhận đã nhận kế hoạch lúc 09:14 ngày 16/08/2021 (giờ Việt Nam). … Acknowledged …</html>',
      },
    },
  })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: '`unit` or `token` missing or malformed',
    example: problem(
      PROBLEM_TYPES.validation,
      400,
      'Invalid request',
      'must be a unit id',
      '/plans/22-KH-TU/acknowledge?token=…',
      'unit',
    ),
  })
  @ApiForbiddenResponse({
    type: ProblemDto,
    description: 'The token does not match the plan and unit',
    example: problem(
      PROBLEM_TYPES.forbidden,
      403,
      'Forbidden',
      'does not match the plan and unit',
      ACK_INSTANCE,
      'token',
    ),
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'No such plan (`id`), or no such unit in the org tree (`unit`)',
    example: problem(
      PROBLEM_TYPES.notFound,
      404,
      'Not found',
      'no unit HU-TIEN-DU in the org tree',
      ACK_INSTANCE,
      'unit',
    ),
  })
  async acknowledge(
    @Param('id') id: string,
    @Query() q: AcknowledgePlanQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanAcknowledgementResultDto | string> {
    const result = await this.acks.acknowledge(id, q.unit, q.token);
    res.vary('Accept').set('Cache-Control', 'no-store');
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res
        .type('text/html; charset=utf-8')
        .set(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        );
      return acknowledgementPage(result);
    }
    return result;
  }

  @Get(':id/acknowledgements')
  @Access({ roles: PLAN_MANAGERS })
  @ApiOperation({
    summary: 'Which units acknowledged receipt of the plan, and which units owing deliverables have not',
  })
  @ApiParam({ name: 'id', example: '22-KH-TU' })
  @ApiOkResponse({
    type: PlanAcknowledgementsDto,
    example: {
      planId: '22-KH-TU',
      planNumber: '22-KH/TU',
      acknowledged: [
        {
          unitId: 'HU-TIEN-DU',
          unitName: 'Huyện ủy Tiên Du',
          at: '2021-08-16T02:14:07.000Z',
          via: 'mail-link',
        },
      ],
      notAcknowledged: [{ unitId: 'DU-XA-LAC-VE', unitName: 'Đảng ủy xã Lạc Vệ' }],
    },
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'No such plan',
    example: problem(
      PROBLEM_TYPES.notFound,
      404,
      'Not found',
      'no plan 99-KH-TU',
      '/plans/99-KH-TU/acknowledgements',
      'id',
    ),
  })
  list(@Param('id') id: string): Promise<PlanAcknowledgementsDto> {
    return this.acks.list(id);
  }
}
