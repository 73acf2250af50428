import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainException, FieldProblem } from '@dondoc/domain';
import { Access } from '../../api/src/authz/access.decorator';
import {
  AccessScope,
  deliverableRowScope,
  mayActFor,
  seesDeliverable,
} from '../../api/src/authz/access-scope';
import { RequestScope } from '../../api/src/authz/request-scope.decorator';
import { ActingUnitsInterceptor } from '../../api/src/authz/acting-units';
import { DELIVERABLE_READERS, SUBMITTERS } from '../../api/src/authz/roles';
import { DeliverablesService } from '../../api/src/deliverables/deliverables.service';
import { DocumentsService } from '../../api/src/deliverables/documents/documents.service';
import type { UploadedDocument } from '../../api/src/deliverables/documents/document-file';
import { SubmitDocumentFormDto } from '../../api/src/deliverables/dto/document.dto';
import type { DeliverableDto } from '../../api/src/deliverables/dto/deliverable.dto';
import { ListDeliverablesQuery } from '../../api/src/deliverables/dto/list-deliverables.query';
import { validateBody } from '../../api/src/deliverables/validate-body';
import { IssuesService } from '../../api/src/issues/issues.service';
import { ReportIssueDto } from '../../api/src/issues/dto/report-issue.dto';
import { t } from './i18n';
import { fieldErrors, NO_ERRORS, pageContext, PageContext, problemsOf, redirect, sendPage } from './page';
import { deliverablePage } from './pages/deliverable.page';
import { inboxPage } from './pages/inbox.page';
import { IssueFormValues, issueNewPage } from './pages/issue-new.page';
import type { UiRequest } from './ui-body.middleware';
import { UiExceptionFilter } from './ui-exception.filter';
import { WebDataService } from './web-data.service';

const MAX_LISTED = 1000;
/** Only an issue id is echoed in the notice after a report (no text of the link's choosing). */
const isIssueId = (v: unknown): v is string => typeof v === 'string' && /^[A-Z0-9]{4,40}$/.test(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/**
 * The unit officer's pages. Every route carries @Access like its API twin and lists take the
 * caller's @RequestScope(), so the UI sees and does exactly what the JSON API lets the same account.
 */
@ApiExcludeController()
@UseFilters(UiExceptionFilter)
@Controller('ui')
export class OfficerController {
  constructor(
    private readonly deliverables: DeliverablesService,
    private readonly documents: DocumentsService,
    private readonly issues: IssuesService,
    private readonly data: WebDataService,
  ) {}

  /** Everything the scope sees, page by page (at most MAX_LISTED). */
  private async visible(scope: AccessScope): Promise<DeliverableDto[]> {
    const out: DeliverableDto[] = [];
    for (let page = 1; out.length < MAX_LISTED; page++) {
      const q = Object.assign(new ListDeliverablesQuery(), { page, pageSize: 200 });
      const r = await this.deliverables.list(q, deliverableRowScope(scope));
      out.push(...r.items);
      if (r.items.length < 200 || out.length >= r.total) break;
    }
    return out;
  }

  @Get('inbox')
  @Access({ roles: ['officer'] })
  async inbox(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('issue') issue?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const unitId = ctx.principal?.unitId ?? '';
    const items = (await this.visible(scope)).filter((d) => scope.units.includes(d.unitId));
    const unitNames = await this.data.unitNames([unitId, ...items.map((d) => d.unitId)]);
    const notice = isIssueId(issue) ? t(ctx.lang, 'issue.sent', { id: issue }) : undefined;
    sendPage(res, inboxPage(ctx, { unitId, unitNames, items, showSubUnits: scope.units.length > 1, notice }));
  }

  @Get('deliverables/:id')
  @Access({ roles: DELIVERABLE_READERS, scope: { resource: 'deliverable', param: 'id' } })
  async deliverable(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('done') done?: string,
    @Query('issue') issue?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const notice =
      done === 'submitted'
        ? t(ctx.lang, 'deliverable.submitted')
        : isIssueId(issue)
          ? t(ctx.lang, 'issue.sent', { id: issue })
          : undefined;
    await this.renderDeliverable(ctx, res, scope, id, { errors: NO_ERRORS, notice });
  }

  private async renderDeliverable(
    ctx: PageContext,
    res: Response,
    scope: AccessScope,
    id: string,
    o: Pick<Parameters<typeof deliverablePage>[1], 'errors' | 'notice' | 'covered' | 'note'>,
    status = 200,
  ): Promise<void> {
    const d = await this.deliverables.get(id);
    const [events, documents, contentLabels] = await Promise.all([
      this.deliverables.events(id),
      this.documents.list(id),
      this.data.contentLabels(d.planId, d.obligationId),
    ]);
    const unitNames = await this.data.unitNames([
      d.unitId,
      d.collectorUnitId,
      ...events.map((e) => e.actorUnitId),
    ]);
    const maySubmit = SUBMITTERS.includes(scope.role) && mayActFor(scope, d.unitId);
    sendPage(
      res,
      deliverablePage(ctx, { deliverable: d, events, documents, unitNames, contentLabels, maySubmit, ...o }),
      status,
    );
  }

  @Post('deliverables/:id/submit')
  @Access({
    roles: SUBMITTERS,
    scope: { resource: 'deliverable', param: 'id' },
    actingUnitFields: ['unitId'],
  })
  @UseInterceptors(ActingUnitsInterceptor)
  async submit(
    @Param('id') id: string,
    @Req() req: UiRequest,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
  ): Promise<void> {
    const ctx = pageContext(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const file = (req as UiRequest & { file?: UploadedDocument }).file;
    const covered = list(body.coveredContents);
    const note = text(body.note);
    const version = Number(body.version);
    try {
      const d = await this.deliverables.get(id);
      // What the services would refuse one at a time, found together so the page shows every field.
      const problems: FieldProblem[] = [...(req.uploadProblems ?? [])];
      if (!file && !problems.length) problems.push({ field: 'document', reason: 'attach the document' });
      const missing = d.requiredContents.filter((c) => !covered.includes(c));
      if (missing.length)
        problems.push({ field: 'coveredContents', reason: `missing: ${missing.join(', ')}` });
      if (problems.length) throw DomainException.validation(problems);
      const form = await validateBody(SubmitDocumentFormDto, {
        unitId: body.unitId,
        coveredContents: covered,
        ...(note ? { note } : {}),
      });
      await this.documents.submit(id, form, file, Number.isInteger(version) ? version : undefined);
      redirect(res, `/ui/deliverables/${encodeURIComponent(id)}?done=submitted`);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) throw e;
      await this.renderDeliverable(
        ctx,
        res,
        scope,
        id,
        { errors: fieldErrors(ctx.lang, problems), covered, note },
        422,
      );
    }
  }

  private async issueForm(
    scope: AccessScope,
  ): Promise<{ plans: Array<{ id: string; label: string }>; units: Array<{ id: string; name: string }> }> {
    const items = await this.visible(scope);
    const plans = new Map<string, string>();
    for (const d of items)
      if (!plans.has(d.planId))
        plans.set(d.planId, [d.planNumber ?? d.planId, d.planTitle].filter(Boolean).join(' — '));
    const names = await this.data.unitNames(scope.acting);
    return {
      plans: [...plans].map(([id, label]) => ({ id, label })),
      units: scope.acting.map((id) => ({ id, name: names.get(id) ?? id })),
    };
  }

  @Get('issues/new')
  @Access({ roles: ['officer'] })
  async newIssue(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
    @Query('deliverable') deliverableId?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const values: IssueFormValues = { reporterUnitId: ctx.principal?.unitId ?? undefined };
    if (deliverableId) {
      const d = await this.deliverables.get(deliverableId);
      if (!seesDeliverable(scope, d))
        throw new DomainException('not_found', `no deliverable ${deliverableId}`);
      Object.assign(values, {
        deliverableId: d.id,
        planId: d.planId,
        reporterUnitId: d.unitId,
        title: t(ctx.lang, 'issue.extensionTitle', { title: d.title, period: d.period }),
      });
    }
    sendPage(res, issueNewPage(ctx, { ...(await this.issueForm(scope)), values, errors: NO_ERRORS }));
  }

  @Post('issues')
  @Access({ roles: ['officer'], actingUnitFields: ['reporterUnitId'] })
  async reportIssue(
    @Req() req: Request,
    @Res() res: Response,
    @RequestScope() scope: AccessScope,
  ): Promise<void> {
    const ctx = pageContext(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: IssueFormValues = {
      planId: text(body.planId),
      reporterUnitId: text(body.reporterUnitId),
      title: text(body.title),
      description: text(body.description),
      severity: text(body.severity),
      reporterName: text(body.reporterName),
      reporterEmail: text(body.reporterEmail),
      deliverableId: text(body.deliverable),
    };
    try {
      const { deliverableId, ...fields } = values;
      const dto = await validateBody(ReportIssueDto, {
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
        title: fields.title ?? '',
        description: fields.description ?? '',
      });
      const issue = await this.issues.report(dto);
      const back =
        deliverableId && scope.units.length
          ? `/ui/deliverables/${encodeURIComponent(deliverableId)}`
          : '/ui/inbox';
      redirect(res, `${back}?issue=${encodeURIComponent(issue.id)}`);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) throw e;
      sendPage(
        res,
        issueNewPage(ctx, {
          ...(await this.issueForm(scope)),
          values,
          errors: fieldErrors(ctx.lang, problems),
        }),
        422,
      );
    }
  }
}
