import { readSinkInbox } from './sink-inbox';
import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { addDays } from '@dondoc/calendar';
import type { DondocConfig } from '@dondoc/config';
import { DomainException } from '@dondoc/domain';
import { ListWorkflowsQuery } from '../../api/src/admin/dto/admin-workflow.dto';
import { AdminWorkflowsService } from '../../api/src/admin/admin-workflows.service';
import { WORKFLOW_TYPES } from '../../api/src/admin/workflow-messages';
import { AuditListQuery } from '../../api/src/audit/dto/audit-query.dto';
import { AuditService } from '../../api/src/audit/audit.service';
import { Access } from '../../api/src/authz/access.decorator';
import { ADMIN_ONLY } from '../../api/src/authz/roles';
import { validateBody } from '../../api/src/deliverables/validate-body';
import { ListMailQuery } from '../../api/src/mail/dto/mail-queries.dto';
import { MailService } from '../../api/src/mail/mail.service';
import { IssuePlanDto } from '../../api/src/plans/dto/issue-plan.dto';
import { ListPlansQuery } from '../../api/src/plans/dto/list-plans.query';
import { PreviewPlanDto } from '../../api/src/plans/dto/plan-request.dto';
import { PlanIssueService } from '../../api/src/plans/plan-issue.service';
import { PlanReadService } from '../../api/src/plans/plan-read.service';
import { PlansService } from '../../api/src/plans/plans.service';
import { DONDOC_CONFIG } from '../../api/src/tokens';
import type { AdminRequest } from './admin-body.middleware';
import { adminProblemsOf, formValues, locatedProblemsOf, text } from './admin-problems';
import { t } from './i18n';
import { fieldErrors, NO_ERRORS, pageContext, PageContext, redirect, sendPage } from './page';
import { adminPage, auditPage, AuditFilterValues, failedMailPage, inboxPage } from './pages/admin.page';
import { planPreviewPage, plansPage } from './pages/admin-plans.page';
import {
  WORKFLOW_FILTERS,
  WorkflowFilters,
  workflowPage,
  workflowSearchPage,
} from './pages/admin-workflows.page';
import { UiExceptionFilter } from './ui-exception.filter';

const VN_MIDNIGHT = 'T00:00:00+07:00';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const page = (v: unknown): number =>
  typeof v === 'string' && /^\d{1,6}$/.test(v) && Number(v) > 0 ? Number(v) : 1;

/**
 * The administrator's pages besides the org tree: the landing page, plans (upload → check →
 * preview of the whole term → issue), failed mail with resend, the mail inbox, the audit log.
 * Each calls the service behind its API twin (POST /plans/validate, /plans/preview, /plans,
 * GET /mail?status=failed, POST /mail/:key/resend, GET /audit) with the same admin-only rule.
 */
@ApiExcludeController()
@UseFilters(UiExceptionFilter)
@Controller('ui/admin')
export class AdminController {
  constructor(
    private readonly planFiles: PlansService,
    private readonly issuer: PlanIssueService,
    private readonly plans: PlanReadService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
    private readonly modules: ModuleRef,
  ) {}

  /**
   * The admin workflow service (apps/api/src/admin, AdminModule in the AppModule), found in the
   * application's container rather than imported through WebModule, so the two modules stay apart.
   */
  private get workflows(): AdminWorkflowsService {
    return this.modules.get(AdminWorkflowsService, { strict: false });
  }

  @Get()
  @Access({ roles: ADMIN_ONLY })
  landing(@Req() req: Request, @Res() res: Response): void {
    sendPage(res, adminPage(pageContext(req)));
  }

  private async planList() {
    return (await this.plans.list(Object.assign(new ListPlansQuery(), { page: 1, pageSize: 100 }))).items;
  }

  @Get('plans')
  @Access({ roles: ADMIN_ONLY })
  async plansForm(
    @Req() req: Request,
    @Res() res: Response,
    @Query('issued') issued?: string,
    @Query('existing') existing?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const notice = issued
      ? t(ctx.lang, 'adm.plans.done', { id: issued })
      : existing
        ? t(ctx.lang, 'adm.plans.same', { id: existing })
        : undefined;
    sendPage(
      res,
      plansPage(ctx, { plans: await this.planList(), values: {}, errors: NO_ERRORS, problems: [], notice }),
    );
  }

  @Post('plans/preview')
  @Access({ roles: ADMIN_ONLY })
  async preview(@Req() req: AdminRequest, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const values = formValues(req.body, ['issued', 'until']);
    try {
      if (req.uploadProblems?.length) throw DomainException.validation(req.uploadProblems);
      if (!req.file) throw DomainException.validation([{ field: 'document', reason: 'attach the document' }]);
      const planText = req.file.buffer.toString('utf8');
      const file = req.file.originalname || 'plan';
      // Checked first on its own, so a broken file reports its problems before any date is looked at.
      const { summary } = this.planFiles.validate({ text: planText, file });
      const dto = await validateBody(PreviewPlanDto, {
        text: planText,
        file,
        issued: text(values.issued) ?? summary.issueDate,
        ...(text(values.until) ? { until: values.until } : {}),
      });
      const { plan, rows } = await this.planFiles.preview(dto);
      const view = this.planFiles.toPreviewDto(plan, []).plan;
      sendPage(
        res,
        planPreviewPage(ctx, {
          plan: view,
          rows,
          text: planText,
          file,
          issued: dto.issued,
          until: dto.until,
          errors: NO_ERRORS,
        }),
      );
    } catch (e) {
      await this.planProblem(ctx, res, e, values);
    }
  }

  private async planProblem(
    ctx: PageContext,
    res: Response,
    e: unknown,
    values: { issued?: string; until?: string },
  ): Promise<void> {
    const located = locatedProblemsOf(e);
    const problems = located ? [] : adminProblemsOf(e);
    if (!located && !problems) throw e;
    sendPage(
      res,
      plansPage(ctx, {
        plans: await this.planList(),
        values,
        errors: located ? NO_ERRORS : fieldErrors(ctx.lang, problems ?? []),
        problems: located ?? [],
      }),
      422,
    );
  }

  @Post('plans/issue')
  @Access({ roles: ADMIN_ONLY })
  async issue(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValues(body, ['issued', 'until']);
    try {
      const dto = await validateBody(IssuePlanDto, {
        text: typeof body.text === 'string' ? body.text : '',
        file: text(body.file) ?? 'plan',
        ...(text(values.issued) ? { issued: values.issued } : {}),
        ...(text(values.until) ? { until: values.until } : {}),
      });
      const outcome = await this.issuer.issue(dto);
      if (outcome.kind === 'conflict')
        throw DomainException.validation([
          { field: '', reason: `plan ${outcome.plan.id} already exists and differs; amend it instead` },
        ]);
      const param = outcome.kind === 'created' ? 'issued' : 'existing';
      redirect(res, `/ui/admin/plans?${param}=${encodeURIComponent(outcome.plan.id)}`);
    } catch (e) {
      await this.planProblem(ctx, res, e, values);
    }
  }

  private async failedMail(
    req: Request,
    res: Response,
    o: { notice?: string; error?: string },
    status = 200,
  ) {
    const ctx = pageContext(req);
    const q = Object.assign(new ListMailQuery(), {
      status: 'failed',
      page: page((req.query as Record<string, unknown>).page),
      pageSize: 50,
    });
    const r = await this.mail.list(q);
    sendPage(res, failedMailPage(ctx, { ...r, ...o }), status);
  }

  @Get('mail')
  @Access({ roles: ADMIN_ONLY })
  async mailList(@Req() req: Request, @Res() res: Response, @Query('resent') resent?: string): Promise<void> {
    await this.failedMail(req, res, {
      notice: resent ? t(pageContext(req).lang, 'adm.mail.resent') : undefined,
    });
  }

  @Post('mail/resend')
  @Access({ roles: ADMIN_ONLY })
  async resend(@Req() req: Request, @Res() res: Response): Promise<void> {
    const key = text(((req.body ?? {}) as Record<string, unknown>).key) ?? '';
    try {
      await this.mail.resend(key);
      redirect(res, '/ui/admin/mail?resent=1');
    } catch (e) {
      const problems = adminProblemsOf(e);
      if (!problems) throw e;
      await this.failedMail(req, res, { error: problems.map((p) => p.reason).join(' ') }, 422);
    }
  }

  @Get('inbox')
  @Access({ roles: ADMIN_ONLY })
  async inbox(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const url = this.config.mailInboxUrl?.replace(/\/$/, '');
    let reason: string | undefined;
    if (url) {
      try {
        const messages = await readSinkInbox(url);
        return sendPage(res, inboxPage(ctx, { source: 'sink', url, messages }));
      } catch (e) {
        reason = e instanceof Error ? e.message : String(e);
      }
    }
    const q = Object.assign(new ListMailQuery(), { status: 'sent', page: 1, pageSize: 100 });
    const { items } = await this.mail.list(q);
    sendPage(res, inboxPage(ctx, { source: 'outbox', reason, items }));
  }

  @Get('audit')
  @Access({ roles: ADMIN_ONLY })
  async auditLog(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const raw = formValues(req.query, ['username', 'action', 'outcome', 'from', 'to']);
    const values: AuditFilterValues = Object.fromEntries(
      Object.entries(raw).filter((e): e is [string, string] => !!text(e[1])),
    );
    const api: Record<string, string> = {};
    if (values.username) api.username = values.username;
    if (values.action) api.action = values.action;
    if (values.outcome) api.outcome = values.outcome;
    const problems = [];
    for (const k of ['from', 'to'] as const) {
      const v = values[k];
      if (!v) continue;
      if (!DATE.test(v)) problems.push({ field: k, reason: 'dd/mm/yyyy' });
      else api[k] = `${k === 'to' ? addDays(v, 1) : v}${VN_MIDNIGHT}`;
    }
    const uiQuery = new URLSearchParams(values as Record<string, string>).toString();
    const apiQuery = new URLSearchParams(api).toString();
    try {
      if (problems.length) throw DomainException.validation(problems);
      const q = await validateBody(AuditListQuery, {
        ...api,
        page: page((req.query as Record<string, unknown>).page),
        pageSize: 50,
      });
      const r = await this.audit.list(q);
      sendPage(res, auditPage(ctx, { values, errors: NO_ERRORS, ...r, uiQuery, apiQuery }));
    } catch (e) {
      const found = adminProblemsOf(e);
      if (!found) throw e;
      const errors = fieldErrors(ctx.lang, found);
      sendPage(
        res,
        auditPage(ctx, { values, errors, items: [], page: 1, pageSize: 50, total: 0, uiQuery, apiQuery: '' }),
        422,
      );
    }
  }

  @Get('workflows')
  @Access({ roles: ADMIN_ONLY })
  async workflowSearch(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const raw = formValues(req.query, [...WORKFLOW_FILTERS, 'nextPageToken']);
    const values: WorkflowFilters = Object.fromEntries(
      WORKFLOW_FILTERS.flatMap((k) => (text(raw[k]) ? [[k, raw[k]!.trim()]] : [])),
    );
    const uiQuery = new URLSearchParams(values as Record<string, string>).toString();
    const view = { values, types: WORKFLOW_TYPES, uiQuery };
    const asked = Object.keys(values).length > 0 || !!raw.nextPageToken;
    if (!asked) return sendPage(res, workflowSearchPage(ctx, { ...view, errors: NO_ERRORS }));
    try {
      const q = await validateBody(ListWorkflowsQuery, {
        ...values,
        pageSize: 50,
        ...(raw.nextPageToken ? { nextPageToken: raw.nextPageToken } : {}),
      });
      const result = await this.workflows.list(q);
      sendPage(res, workflowSearchPage(ctx, { ...view, errors: NO_ERRORS, result }));
    } catch (e) {
      const problems = adminProblemsOf(e);
      if (!problems) throw e;
      sendPage(res, workflowSearchPage(ctx, { ...view, errors: fieldErrors(ctx.lang, problems) }), 422);
    }
  }

  @Get('workflows/:workflowId')
  @Access({ roles: ADMIN_ONLY })
  async workflow(@Param('workflowId') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [d, timeline] = await Promise.all([this.workflows.describe(id), this.workflows.timeline(id)]);
    sendPage(res, workflowPage(pageContext(req), { d, timeline }));
  }
}
