import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../../api/src/authz/access.decorator';
import { AccessScope, deliverableRowScope } from '../../api/src/authz/access-scope';
import { RequestScope } from '../../api/src/authz/request-scope.decorator';
import { DeliverablesService } from '../../api/src/deliverables/deliverables.service';
import { ListDeliverablesQuery } from '../../api/src/deliverables/dto/list-deliverables.query';
import { t } from './i18n';
import { fieldErrors, pageContext, problemsOf, redirect, sendPage } from './page';
import { memberPage } from './pages/member.page';
import { UiExceptionFilter } from './ui-exception.filter';
import { WebDataService } from './web-data.service';

/** The member's landing page (BTG, BTV and admin have controllers of their own). */
@ApiExcludeController()
@UseFilters(UiExceptionFilter)
@Controller('ui')
export class RolesController {
  constructor(
    private readonly deliverables: DeliverablesService,
    private readonly data: WebDataService,
  ) {}

  private async memberView(
    req: Request,
    scope: AccessScope,
    o: { notice?: string; error?: string },
    res: Response,
    status = 200,
  ) {
    const ctx = pageContext(req);
    const q = Object.assign(new ListDeliverablesQuery(), { pageSize: 200 });
    const { items } = await this.deliverables.list(q, deliverableRowScope(scope));
    const cell = ctx.principal?.unitId ?? '';
    const names = await this.data.unitNames([cell]);
    const commitments = items.filter((d) => d.memberCount > 0);
    sendPage(res, memberPage(ctx, { unitName: names.get(cell) ?? cell, items: commitments, ...o }), status);
  }

  @Get('member')
  @Access({ roles: ['member'] })
  async member(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.memberView(
      req,
      scope,
      { notice: done ? t(pageContext(req).lang, 'member.registered') : undefined },
      res,
    );
  }

  @Post('member/deliverables/:id/registration')
  @Access({ roles: ['member'], scope: { resource: 'deliverable', param: 'id' } })
  async register(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
  ): Promise<void> {
    try {
      // The member registers only itself: the person comes from the session, never from the form.
      await this.deliverables.register(id, { personId: scope.personId ?? '' });
      redirect(res, '/ui/member?done=1');
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) throw e;
      await this.memberView(
        req,
        scope,
        { error: [...fieldErrors(pageContext(req).lang, problems).values()].flat().join(' ') },
        res,
        422,
      );
    }
  }
}
