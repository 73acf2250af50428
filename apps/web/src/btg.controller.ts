import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DomainException, FieldProblem } from '@dondoc/domain';
import {
  acknowledgeUpdate,
  assignHandlerUpdate,
  resolveUpdate,
} from '@dondoc/workflows/src/issue/issue.messages';
import { Access } from '../../api/src/authz/access.decorator';
import {
  AccessScope,
  deliverableRowScope,
  issueRowScope,
  seesDeliverable,
  summaryRowScope,
} from '../../api/src/authz/access-scope';
import { RequestScope } from '../../api/src/authz/request-scope.decorator';
import { ActingUnitsInterceptor } from '../../api/src/authz/acting-units';
import { DeliverablesService } from '../../api/src/deliverables/deliverables.service';
import { ExtendDeliverableDto, ReviewDeliverableDto } from '../../api/src/deliverables/dto/command.dtos';
import type { DeliverableDto } from '../../api/src/deliverables/dto/deliverable.dto';
import { ListDeliverablesQuery } from '../../api/src/deliverables/dto/list-deliverables.query';
import { validateBody } from '../../api/src/deliverables/validate-body';
import type { IssueDto } from '../../api/src/issues/dto/issue.dto';
import { ListIssuesQuery } from '../../api/src/issues/dto/list-issues.query';
import { IssuesService } from '../../api/src/issues/issues.service';
import { ListPlansQuery } from '../../api/src/plans/dto/list-plans.query';
import type { StatusRowDto } from '../../api/src/plans/dto/plan-lifecycle.dto';
import { PlanReadService } from '../../api/src/plans/plan-read.service';
import { allPages, BtgDataService } from './btg-data.service';
import { formatDate, Lang, t, tKey } from './i18n';
import { fieldErrors, pageContext, PageContext, problemsOf, redirect, sendPage } from './page';
import {
  boardPage,
  BUCKETS,
  countBuckets,
  dashboardPage,
  ExtensionForm,
  extensionsPage,
  overduePage,
  PlanChoice,
  planQuery,
  ReviewForm,
  reviewPage,
} from './pages/btg.page';
import { UiExceptionFilter } from './ui-exception.filter';
import { WebDataService } from './web-data.service';

const BTG_ROLES = ['admin', 'btg'] as const;
const UNITS_PER_PAGE = 25;
/** Submissions and issues read for one page, at most. */
const MAX_LISTED = 2000;
/** Titles the deliverable page's "xin gia hạn" link files (README Web UI "Asking for an extension"). */
const EXTENSION_TITLE = /^xin gia hạn/i;
const OWED = new Set(['open', 'returned', 'overdue', 'escalated']);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
const slug = (v: unknown): string | undefined =>
  typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(v) ? v : undefined;
/** A CSV cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first) is quoted as text with '. */
export const inertCell = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const isIssueId = (v: unknown): v is string => typeof v === 'string' && /^[A-Z0-9]{4,40}$/.test(v);

/**
 * Ban Tuyên giáo's pages: the dashboard (matrix, rates, exports), overdue units and the manual
 * reminder, the review queue, extension requests and the issue board. Every route carries @Access
 * like its API twin; reads take the caller's @RequestScope() (summaryRowScope, deliverableRowScope,
 * issueRowScope); commands go through the same services as the JSON API.
 */
@ApiExcludeController()
@UseFilters(UiExceptionFilter)
@Controller('ui/btg')
export class BtgController {
  constructor(
    private readonly plans: PlanReadService,
    private readonly deliverables: DeliverablesService,
    private readonly issues: IssuesService,
    private readonly btg: BtgDataService,
    private readonly data: WebDataService,
  ) {}

  /** Plans (newest first), the chosen one (or the first), its periods and the chosen period (default: this year's). */
  private async choice(plan?: string, period?: string): Promise<PlanChoice> {
    const { items } = await this.plans.list(Object.assign(new ListPlansQuery(), { page: 1, pageSize: 100 }));
    const planId = items.find((p) => p.id === plan)?.id ?? items[0]?.id;
    const periods = planId ? await this.btg.periods(planId) : [];
    const year = String(new Date().getUTCFullYear());
    const chosen =
      period === undefined ? (periods.includes(year) ? year : undefined) : periods.find((p) => p === period);
    return { plans: items, planId, periods, period: chosen };
  }

  private async rows(c: PlanChoice, scope: AccessScope, period = c.period): Promise<StatusRowDto[]> {
    return c.planId ? this.btg.rows(c.planId, period, summaryRowScope(scope)) : [];
  }

  private async obligationTitles(planId: string | undefined, lang: Lang): Promise<Map<string, string>> {
    if (!planId) return new Map();
    const plan = await this.plans.detail(planId);
    return new Map(plan.obligations.map((o) => [o.id, lang === 'en' ? o.titleEn : o.titleVi]));
  }

  @Get()
  @Access({ roles: [...BTG_ROLES] })
  async dashboard(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('plan') plan?: string,
    @Query('period') period?: string,
    @Query('q') q?: string,
    @Query('page') pageParam?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const c = await this.choice(plan, period);
    const allRows = await this.rows(c, scope, undefined);
    const filter = text(q)?.toLocaleLowerCase('vi');
    const matches = (r: StatusRowDto) =>
      !filter ||
      r.unitId.toLowerCase().includes(filter) ||
      (r.unitName ?? '').toLocaleLowerCase('vi').includes(filter);
    const rows = allRows.filter((r) => (!c.period || r.period === c.period) && matches(r));
    const unitMap = new Map<string, string>();
    for (const r of rows) unitMap.set(r.unitId, r.unitName ?? r.unitId);
    const allUnits = [...unitMap]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const pages = Math.max(1, Math.ceil(allUnits.length / UNITS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1));
    const units = allUnits.slice((page - 1) * UNITS_PER_PAGE, page * UNITS_PER_PAGE);
    const shown = new Set(units.map((u) => u.id));
    const titles = await this.obligationTitles(c.planId, ctx.lang);
    const obligations = [...new Set(rows.map((r) => r.obligationId))].map((id) => ({
      id,
      title: titles.get(id) ?? id,
    }));
    sendPage(
      res,
      dashboardPage(ctx, {
        ...c,
        rows: rows.filter((r) => shown.has(r.unitId)),
        allRows: allRows.filter(matches),
        obligations,
        units,
        unitCount: allUnits.length,
        page,
        pageSize: UNITS_PER_PAGE,
        q: text(q),
      }),
    );
  }

  // -------------------------------------------------------------------------------------------------
  // Exports

  private async exportRows(
    req: Request,
    scope: AccessScope,
    plan?: string,
    period?: string,
  ): Promise<{ lang: Lang; header: string[]; rows: string[][]; name: string; totals: string[][] }> {
    const lang = pageContext(req).lang;
    if (!slug(plan)) throw new DomainException('not_found', 'no plan');
    const c = await this.choice(plan, period ?? '');
    if (c.planId !== plan) throw new DomainException('not_found', `no plan ${plan}`);
    const rows = await this.rows(c, scope);
    const titles = await this.obligationTitles(c.planId, lang);
    const header = [
      t(lang, 'col.unit'),
      'unitId',
      t(lang, 'col.title'),
      'obligationId',
      t(lang, 'col.period'),
      t(lang, 'col.due'),
      t(lang, 'col.status'),
      t(lang, 'col.bucket'),
      'bucket',
      t(lang, 'btg.submittedAt'),
    ];
    const body = rows.map((r) => [
      r.unitName ?? r.unitId,
      r.unitId,
      titles.get(r.obligationId) ?? r.obligationId,
      r.obligationId,
      r.period,
      r.dueDate,
      tKey(lang, `status.${r.status}`),
      tKey(lang, `bucket.${r.bucket}`),
      r.bucket,
      r.submittedAt ?? '',
    ]);
    const counts = countBuckets(rows);
    const totals = [
      [t(lang, 'col.bucket'), t(lang, 'col.total')],
      ...BUCKETS.map((b) => [tKey(lang, `bucket.${b}`), String(counts[b])]),
      [t(lang, 'col.total'), String(counts.total)],
    ];
    const name = `tong-hop-${plan}${c.period ? `-${c.period}` : ''}`.replace(/[^A-Za-z0-9._-]/g, '-');
    return { lang, header, rows: body, name, totals };
  }

  @Get('export.csv')
  @Access({ roles: [...BTG_ROLES] })
  async csv(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('plan') plan?: string,
    @Query('period') period?: string,
  ): Promise<void> {
    const x = await this.exportRows(req, scope, plan, period);
    // UTF-8 with a byte-order mark, so Excel opens the Vietnamese text as UTF-8.
    const body = '\uFEFF' + stringify([x.header, ...x.rows.map((r) => r.map(inertCell))]);
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${x.name}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(body);
  }

  @Get('export.xlsx')
  @Access({ roles: [...BTG_ROLES] })
  async xlsx(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('plan') plan?: string,
    @Query('period') period?: string,
  ): Promise<void> {
    const x = await this.exportRows(req, scope, plan, period);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'dondoc';
    const sheet = wb.addWorksheet(x.lang === 'en' ? 'Status' : 'Tinh hinh');
    sheet.addRow(x.header).font = { bold: true };
    for (const r of x.rows) sheet.addRow(r);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((col) => (col.width = 18));
    const totals = wb.addWorksheet(x.lang === 'en' ? 'Totals' : 'Tong so');
    totals.addRow(x.totals[0]).font = { bold: true };
    for (const r of x.totals.slice(1)) totals.addRow([r[0], Number(r[1])]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    res
      .status(200)
      .set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${x.name}.xlsx"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(buffer);
  }

  // -------------------------------------------------------------------------------------------------
  // Overdue, manual reminder

  private async overdueView(
    ctx: PageContext,
    scope: AccessScope,
    plan?: string,
    period?: string,
    notice?: string,
  ) {
    const c = await this.choice(plan, period ?? '');
    const rows = BtgDataService.overdue(await this.rows(c, scope)).sort(
      (a, b) =>
        (a.unitName ?? a.unitId).localeCompare(b.unitName ?? b.unitId, 'vi') ||
        a.dueDate.localeCompare(b.dueDate),
    );
    const [contacts, reminded, titles] = await Promise.all([
      this.btg.contacts(rows.map((r) => r.unitId)),
      this.btg.remindedToday(rows.map((r) => r.deliverableId)),
      this.obligationTitles(c.planId, ctx.lang),
    ]);
    return overduePage(ctx, {
      ...c,
      rows,
      titles: new Map(rows.map((r) => [r.deliverableId, titles.get(r.obligationId) ?? r.obligationId])),
      contacts,
      remindedToday: reminded,
      notice,
    });
  }

  @Get('overdue')
  @Access({ roles: [...BTG_ROLES] })
  async overdue(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('plan') plan?: string,
    @Query('period') period?: string,
    @Query('sent') sent?: string,
    @Query('skipped') skipped?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const n = (v?: string) => (v && /^\d{1,6}$/.test(v) ? Number(v) : undefined);
    const notice =
      n(sent) !== undefined
        ? t(ctx.lang, 'btg.reminded', { sent: n(sent)!, skipped: n(skipped) ?? 0 })
        : undefined;
    sendPage(res, await this.overdueView(ctx, scope, plan, period, notice));
  }

  /**
   * Sends the reminders the preview listed: only deliverables both named by the form and still
   * overdue and owed now (nobody the page did not show is reminded), each contact once per day.
   */
  @Post('overdue/remind')
  @Access({ roles: [...BTG_ROLES] })
  async remind(@Req() req: Request, @Res() res: Response, @RequestScope() scope: AccessScope): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const plan = slug(body.plan);
    const period = slug(body.period);
    const c = await this.choice(plan, period ?? '');
    const named = new Set(list(body.deliverable));
    const now = BtgDataService.overdue(await this.rows(c, scope)).filter((r) => named.has(r.deliverableId));
    const r = await this.btg.remind(now.map((x) => x.deliverableId));
    redirect(res, `/ui/btg/overdue?${planQuery(c.planId, c.period)}&sent=${r.sent}&skipped=${r.skipped}`);
  }

  // -------------------------------------------------------------------------------------------------
  // Review queue

  /** Submissions waiting for the caller's review, oldest submission first. */
  private async queue(scope: AccessScope): Promise<DeliverableDto[]> {
    const out = await allPages(200, MAX_LISTED, (page) =>
      this.deliverables.list(
        Object.assign(new ListDeliverablesQuery(), { page, pageSize: 200, status: 'submitted' }),
        deliverableRowScope(scope),
      ),
    );
    return out
      .filter((d) => scope.all || (d.collectorUnitId !== null && scope.collects.includes(d.collectorUnitId)))
      .sort((a, b) => (a.submission?.submittedAt ?? '').localeCompare(b.submission?.submittedAt ?? ''));
  }

  private async renderReview(
    ctx: PageContext,
    res: Response,
    scope: AccessScope,
    o: { notice?: string; forms?: Map<string, ReviewForm>; extra?: DeliverableDto } = {},
    status = 200,
  ): Promise<void> {
    const items = await this.queue(scope);
    // A stale form's deliverable is shown as it is now, even when it no longer waits for review.
    if (o.extra && !items.some((d) => d.id === o.extra!.id)) items.unshift(o.extra);
    const unitNames = await this.data.unitNames(items.map((d) => d.unitId));
    const reviewerUnitId = (d: DeliverableDto) =>
      scope.all ? (d.collectorUnitId ?? '') : (scope.acting[0] ?? '');
    sendPage(
      res,
      reviewPage(ctx, { items, unitNames, reviewerUnitId, forms: o.forms ?? new Map(), notice: o.notice }),
      status,
    );
  }

  @Get('review')
  @Access({ roles: [...BTG_ROLES] })
  async review(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('done') done?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    await this.renderReview(ctx, res, scope, { notice: done ? t(ctx.lang, 'btg.reviewed') : undefined });
  }

  @Post('review/:id')
  @Access({
    roles: [...BTG_ROLES],
    scope: { resource: 'deliverable', param: 'id' },
    actingUnitFields: ['reviewerUnitId'],
  })
  @UseInterceptors(ActingUnitsInterceptor)
  async decide(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
  ): Promise<void> {
    const ctx = pageContext(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form: ReviewForm = {
      decision: text(body.decision),
      comments: text(body[`comments-${id}`]),
      newDueDate: text(body[`newDueDate-${id}`]),
      errors: new Map(),
    };
    const version = Number(body.version);
    try {
      const problems: FieldProblem[] = [];
      if (form.decision === 'return') {
        if (!form.comments) problems.push({ field: 'comments', reason: t(ctx.lang, 'btg.commentsRequired') });
        if (!form.newDueDate) problems.push({ field: 'newDueDate', reason: t(ctx.lang, 'btg.dueRequired') });
      }
      if (problems.length) throw DomainException.validation(problems);
      const dto = await validateBody(ReviewDeliverableDto, {
        decision: form.decision ?? '',
        reviewerUnitId: body.reviewerUnitId,
        ...(form.decision === 'return' ? { comments: form.comments, newDueDate: form.newDueDate } : {}),
      });
      await this.deliverables.review(id, dto, Number.isInteger(version) ? version : undefined);
      redirect(res, '/ui/btg/review?done=1');
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) throw e;
      const stale = problems.some((p) => p.field === 'version');
      const current = await this.deliverables.get(id);
      await this.renderReview(
        ctx,
        res,
        scope,
        {
          forms: new Map([[id, { ...form, errors: fieldErrors(ctx.lang, problems), stale }]]),
          extra: current,
        },
        stale ? 409 : 422,
      );
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Extension requests

  private async openIssues(scope: AccessScope): Promise<IssueDto[]> {
    return allPages(200, MAX_LISTED, (page) =>
      this.issues.list(Object.assign(new ListIssuesQuery(), { page, pageSize: 200 }), issueRowScope(scope)),
    );
  }

  private async renderExtensions(
    ctx: PageContext,
    res: Response,
    scope: AccessScope,
    o: { notice?: string; forms?: Map<string, ExtensionForm> } = {},
    status = 200,
  ): Promise<void> {
    const requests = (await this.openIssues(scope)).filter(
      (i) => EXTENSION_TITLE.test(i.title) && i.state !== 'resolved' && i.state !== 'closed',
    );
    const items = await Promise.all(
      requests.map(async (issue) => {
        const q = Object.assign(new ListDeliverablesQuery(), {
          page: 1,
          pageSize: 200,
          unitId: issue.reporterUnitId,
          planId: issue.planId,
        });
        const owed = (await this.deliverables.list(q, deliverableRowScope(scope))).items.filter(
          (d) => OWED.has(d.status) && seesDeliverable(scope, d),
        );
        const guess = owed.find(
          (d) => issue.title.includes(d.title) && issue.title.includes(`(${d.period})`),
        )?.id;
        return { issue, owed, guess };
      }),
    );
    const unitNames = await this.data.unitNames(requests.map((i) => i.reporterUnitId));
    sendPage(
      res,
      extensionsPage(ctx, { items, unitNames, forms: o.forms ?? new Map(), notice: o.notice }),
      status,
    );
  }

  @Get('extensions')
  @Access({ roles: [...BTG_ROLES] })
  async extensions(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('done') done?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const notice = isIssueId(done) ? t(ctx.lang, 'btg.extGranted', { id: done }) : undefined;
    await this.renderExtensions(ctx, res, scope, { notice });
  }

  /**
   * Grants the extension on the deliverable (DeliverablesService.extend, as the collector), then
   * acknowledges the request if it is new, takes it in hand (BTG handles it) and resolves it, saying
   * what was granted.
   */
  @Post('extensions/:id')
  @Access({ roles: [...BTG_ROLES], scope: { resource: 'issue', param: 'id' } })
  async grant(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
  ): Promise<void> {
    const ctx = pageContext(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form: ExtensionForm = {
      deliverableId: text(body.deliverableId),
      newDueDate: text(body[`newDueDate-${id}`]),
      reason: text(body[`reason-${id}`]),
      errors: new Map(),
    };
    try {
      const d = await this.deliverables.get(form.deliverableId ?? '');
      if (!seesDeliverable(scope, d)) throw new DomainException('not_found', `no deliverable ${d.id}`);
      const actor = scope.all ? (d.collectorUnitId ?? '') : (scope.acting[0] ?? '');
      const dto = await validateBody(ExtendDeliverableDto, {
        newDueDate: form.newDueDate ?? '',
        reason: form.reason ?? '',
        grantedByUnitId: actor,
      });
      await this.deliverables.extend(d.id, dto);
      // Only an issue in handling can be resolved: acknowledge a new one and take it in hand first.
      let state = (await this.issues.get(id)).state;
      if (state === 'reported')
        state = (
          await this.issues.command(id, (h) =>
            h.executeUpdate(acknowledgeUpdate, { args: [{ byUnitId: actor }] }),
          )
        ).state;
      if (state === 'acknowledged')
        await this.issues.command(id, (h) =>
          h.executeUpdate(assignHandlerUpdate, { args: [{ byUnitId: actor, handlerUnitId: actor }] }),
        );
      await this.issues.command(id, (h) =>
        h.executeUpdate(resolveUpdate, {
          args: [
            {
              byUnitId: actor,
              resolution: t(ctx.lang, 'btg.extResolution', {
                date: formatDate(dto.newDueDate),
                reason: dto.reason,
              }),
            },
          ],
        }),
      );
      redirect(res, `/ui/btg/extensions?done=${encodeURIComponent(id)}`);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) throw e;
      const renamed = problems.map((p) => ({ ...p, field: p.field === 'grantedByUnitId' ? '' : p.field }));
      await this.renderExtensions(
        ctx,
        res,
        scope,
        { forms: new Map([[id, { ...form, errors: fieldErrors(ctx.lang, renamed) }]]) },
        422,
      );
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Issue board

  @Get('issues')
  @Access({ roles: [...BTG_ROLES] })
  async board(@Req() req: Request, @Res() res: Response, @RequestScope() scope: AccessScope): Promise<void> {
    const ctx = pageContext(req);
    const issues = await this.openIssues(scope);
    const unitNames = await this.data.unitNames(issues.map((i) => i.reporterUnitId));
    sendPage(res, boardPage(ctx, { issues, unitNames }));
  }
}
