import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FieldProblem } from '@dondoc/domain';
import { Access } from '../../api/src/authz/access.decorator';
import { AccessScope, issueRowScope, mayActFor, summaryRowScope } from '../../api/src/authz/access-scope';
import { RequestScope } from '../../api/src/authz/request-scope.decorator';
import { ISSUE_ACTORS } from '../../api/src/authz/roles';
import { validateBody } from '../../api/src/deliverables/validate-body';
import { DirectionDto } from '../../api/src/issues/dto/issue-commands.dto';
import type { IssueDetailDto } from '../../api/src/issues/dto/issue.dto';
import { ListIssuesQuery } from '../../api/src/issues/dto/list-issues.query';
import { IssuesService } from '../../api/src/issues/issues.service';
import { ListUnitsQuery } from '../../api/src/org/dto/org-queries.dto';
import { OrgService } from '../../api/src/org/org.service';
import { ListPlansQuery } from '../../api/src/plans/dto/list-plans.query';
import { PlanStatusQuery } from '../../api/src/plans/dto/plan-status.query';
import { PlanReadService } from '../../api/src/plans/plan-read.service';
import { directionUpdate } from '@dondoc/workflows/src/issue/issue.messages';
import { t } from './i18n';
import {
  FieldErrors,
  fieldErrors,
  NO_ERRORS,
  pageContext,
  PageContext,
  problemsOf,
  redirect,
  sendPage,
} from './page';
import { btvPage, PlanSummaryRow } from './pages/btv.page';
import { DirectionForm, issuePage } from './pages/issue.page';
import { UiExceptionFilter } from './ui-exception.filter';
import { WebDataService } from './web-data.service';

const DIRECTORS = ['admin', 'btv'] as const;
/** States in which BTV may record a direction (a later one adds to the first). */
const DIRECTABLE = ['escalated', 'directed'];
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/**
 * The Standing Committee's pages: plan summaries and the issues referred to it (/ui/btv), an
 * issue's page with its timeline, and recording a direction. Same services, scopes and rules as
 * GET /plans/:id/status, GET /issues and POST /issues/:id/directions.
 */
@ApiExcludeController()
@UseFilters(UiExceptionFilter)
@Controller('ui')
export class BtvController {
  constructor(
    private readonly plans: PlanReadService,
    private readonly issues: IssuesService,
    private readonly org: OrgService,
    private readonly data: WebDataService,
  ) {}

  @Get('btv')
  @Access({ roles: [...DIRECTORS] })
  async btv(@Req() req: Request, @Res() res: Response, @RequestScope() scope: AccessScope): Promise<void> {
    const ctx = pageContext(req);
    const plans = await this.planSummaries(scope);
    const q = Object.assign(new ListIssuesQuery(), { page: 1, pageSize: 200 });
    const issues = (await this.issues.list(q, issueRowScope(scope))).items.filter((i) => i.escalatedAt);
    const unitNames = await this.data.unitNames(issues.map((i) => i.reporterUnitId));
    sendPage(res, btvPage(ctx, { plans, issues, unitNames }));
  }

  /** Every plan with its counts per bucket, as the status matrix counts them in the caller's scope. */
  private async planSummaries(scope: AccessScope): Promise<PlanSummaryRow[]> {
    const { items } = await this.plans.list(Object.assign(new ListPlansQuery(), { page: 1, pageSize: 100 }));
    return Promise.all(
      items.map(async (p) => {
        const q = Object.assign(new PlanStatusQuery(), { page: 1, pageSize: 1 });
        const { totals } = await this.plans.matrix(p.id, q, summaryRowScope(scope));
        return { id: p.id, number: p.number, title: p.title, status: p.status, totals };
      }),
    );
  }

  @Get('issues/:id')
  @Access({ roles: ISSUE_ACTORS, scope: { resource: 'issue', param: 'id' } })
  async issue(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('done') done?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const issue = await this.issues.detail(id);
    const notice = done === 'directed' ? t(ctx.lang, 'iss.directed') : undefined;
    await this.renderIssue(ctx, res, scope, issue, { values: {}, errors: NO_ERRORS }, notice);
  }

  private async renderIssue(
    ctx: PageContext,
    res: Response,
    scope: AccessScope,
    issue: IssueDetailDto,
    form: Pick<DirectionForm, 'values' | 'errors'>,
    notice?: string,
    status = 200,
  ): Promise<void> {
    let direction: DirectionForm | undefined;
    if ((DIRECTORS as readonly string[]).includes(scope.role) && DIRECTABLE.includes(issue.state)) {
      const byUnitId = await this.btvUnit(scope);
      if (byUnitId) direction = { byUnitId, units: await this.directableUnits(), ...form };
    }
    const unitNames = await this.data.unitNames([
      issue.reporterUnitId,
      issue.handlerUnitId,
      direction?.byUnitId,
      ...issue.timeline.map((e) => e.actorUnitId),
      ...issue.directions.flatMap((d) => d.units),
    ]);
    sendPage(res, issuePage(ctx, { issue, unitNames, direction, notice }), status);
  }

  /** BTV acts as its own unit; an admin records a direction on the BTV unit's behalf. */
  private async btvUnit(scope: AccessScope): Promise<string | undefined> {
    if (!scope.all) return scope.acting[0];
    const q = Object.assign(new ListUnitsQuery(), { type: 'ban-thuong-vu', pageSize: 1 });
    return (await this.org.listUnits(q)).items[0]?.id;
  }

  /** Units a direction may name: every unit but the party cells (level 3), by name. */
  private async directableUnits(): Promise<Array<{ id: string; name: string }>> {
    const out: Array<{ id: string; name: string; type: string; validTo: string | null }> = [];
    for (let page = 1; page <= 20; page++) {
      const r = await this.org.listUnits(Object.assign(new ListUnitsQuery(), { page, pageSize: 500 }));
      out.push(...r.items);
      if (r.items.length < 500) break;
    }
    return out
      .filter((u) => u.type !== 'chi-bo' && !u.validTo)
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  @Post('issues/:id/directions')
  @Access({
    roles: [...DIRECTORS],
    scope: { resource: 'issue', param: 'id' },
    actingUnitFields: ['byUnitId'],
  })
  async direct(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
  ): Promise<void> {
    const ctx = pageContext(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = {
      units: list(body.units),
      dueDate: text(body.dueDate),
      instructions: text(body.instructions),
    };
    const byUnitId = text(body.byUnitId) ?? '';
    try {
      if (!mayActFor(scope, byUnitId)) throw new Error('unreachable: the access guard checks byUnitId');
      const dto = await validateBody(DirectionDto, {
        byUnitId,
        units: values.units,
        instructions: values.instructions ?? '',
        ...(values.dueDate ? { dueDate: values.dueDate } : {}),
      });
      await this.issues.assertUnits(Object.fromEntries(dto.units.map((u, i) => [`units.${i}`, u])));
      await this.issues.command(id, (h) => h.executeUpdate(directionUpdate, { args: [dto] }));
      redirect(res, `/ui/issues/${encodeURIComponent(id)}?done=directed`);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) throw e;
      const issue = await this.issues.detail(id);
      await this.renderIssue(
        ctx,
        res,
        scope,
        issue,
        { values, errors: directionErrors(ctx, problems) },
        undefined,
        422,
      );
    }
  }
}

/** `units.0`, `units[1]` … are errors of the units select. */
function directionErrors(ctx: PageContext, problems: readonly FieldProblem[]): FieldErrors {
  return fieldErrors(
    ctx.lang,
    problems.map((p) => ({ ...p, field: p.field.replace(/^units(\.\d+|\[\d+\])$/, 'units') })),
  );
}
