import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { vnDateOf } from '@dondoc/calendar';
import { DomainException, FieldProblem, OrgUnit } from '@dondoc/domain';
import type { StoredContact } from '@dondoc/persistence';
import { Access } from '../../api/src/authz/access.decorator';
import { ADMIN_ONLY } from '../../api/src/authz/roles';
import { validateBody } from '../../api/src/deliverables/validate-body';
import { ContactsService } from '../../api/src/org/contacts.service';
import { CreateContactDto, UpdateContactDto } from '../../api/src/org/dto/org-management.dto';
import { ListUnitsQuery, OrgImportQuery } from '../../api/src/org/dto/org-queries.dto';
import { expectedVersion } from '../../api/src/org/if-match';
import { OrgService } from '../../api/src/org/org.service';
import type { AdminRequest } from './admin-body.middleware';
import {
  adminProblemsOf,
  formValues,
  localiseContactProblems,
  locatedProblemsOf,
  text,
} from './admin-problems';
import { t } from './i18n';
import { FieldErrors, fieldErrors, NO_ERRORS, pageContext, PageContext, redirect, sendPage } from './page';
import { orgImportPage } from './pages/admin.page';
import { contactPage, FormState, orgTreePage, unitPage } from './pages/admin-org.page';
import { UiExceptionFilter } from './ui-exception.filter';

const CONTACT_FIELDS = ['name', 'email', 'role', 'language', 'digest', 'version'] as const;
const EMPTY: FormState = { values: {}, errors: NO_ERRORS };
const NOTICES = {
  created: 'adm.unit.created',
  saved: 'adm.saved',
  added: 'adm.contact.added',
  deleted: 'adm.contact.deleted',
} as const;

/** The unit form names its name field `unitName` (the contact form on the same page has `name`). */
function unitErrors(ctx: PageContext, problems: readonly FieldProblem[]): FieldErrors {
  return fieldErrors(
    ctx.lang,
    problems.map((p) => (p.field === 'name' ? { ...p, field: 'unitName' } : p)),
  );
}

function contactBody(body: Record<string, string | undefined>) {
  return {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.email !== undefined ? { email: body.email } : {}),
    ...(body.role !== undefined ? { role: body.role } : {}),
    ...(body.language !== undefined ? { language: body.language } : {}),
    digest: body.digest === 'true',
  };
}

const versionOf = (v: string | undefined): number | undefined =>
  v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : undefined;

/**
 * The administrator's org pages: the tree with contacts, a unit (rename, move, contacts), a
 * contact, and the import of an org file. The same services as POST /units, PATCH /units/:id,
 * /units/:id/contacts, /contacts/:id and POST /org/import; every change carries the version the
 * page was rendered from (a hidden field), so a stale form is refused like a stale If-Match.
 */
@ApiExcludeController()
@UseFilters(UiExceptionFilter)
@Controller('ui/admin')
export class AdminOrgController {
  constructor(
    private readonly org: OrgService,
    private readonly contacts: ContactsService,
  ) {}

  /** Every unit in force today, with its contacts. */
  private async units(): Promise<OrgUnit[]> {
    const out: OrgUnit[] = [];
    const asOf = vnDateOf(new Date());
    for (let page = 1; page <= 200; page++) {
      const q = Object.assign(new ListUnitsQuery(), { asOf, page, pageSize: 500 });
      const r = await this.org.listUnits(q);
      out.push(...r.items);
      if (r.items.length < 500) break;
    }
    return out;
  }

  @Get('org')
  @Access({ roles: ADMIN_ONLY })
  async tree(@Req() req: Request, @Res() res: Response): Promise<void> {
    sendPage(res, orgTreePage(pageContext(req), { units: await this.units(), create: EMPTY }));
  }

  @Post('units')
  @Access({ roles: ADMIN_ONLY })
  async createUnit(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const values = formValues(req.body, ['id', 'unitName', 'type', 'parentId', 'validFrom']);
    try {
      const unit = await this.org.createUnit({
        id: values.id ?? '',
        name: values.unitName ?? '',
        type: values.type ?? '',
        parentId: text(values.parentId) ?? null,
        validFrom: values.validFrom ?? '',
      });
      redirect(res, `/ui/admin/units/${encodeURIComponent(unit.id)}?done=created`);
    } catch (e) {
      const problems = adminProblemsOf(e);
      if (!problems) throw e;
      const create = { values, errors: unitErrors(ctx, problems) };
      sendPage(res, orgTreePage(ctx, { units: await this.units(), create }), 422);
    }
  }

  private async renderUnit(
    ctx: PageContext,
    res: Response,
    id: string,
    o: { edit?: FormState; add?: FormState; notice?: string },
    status = 200,
  ): Promise<void> {
    const [unit, contacts, units] = await Promise.all([
      this.org.getUnit(id),
      this.contacts.list(id),
      this.units(),
    ]);
    const parentName = units.find((u) => u.id === unit.parentId)?.name;
    const parents = units.filter((u) => u.id !== id);
    sendPage(
      res,
      unitPage(ctx, {
        unit,
        contacts,
        parents,
        parentName,
        edit: o.edit ?? EMPTY,
        add: o.add ?? EMPTY,
        notice: o.notice,
      }),
      status,
    );
  }

  @Get('units/:id')
  @Access({ roles: ADMIN_ONLY })
  async unit(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    const key = NOTICES[done as keyof typeof NOTICES];
    await this.renderUnit(ctx, res, id, { notice: key ? t(ctx.lang, key, { id }) : undefined });
  }

  @Post('units/:id')
  @Access({ roles: ADMIN_ONLY })
  async updateUnit(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const values = formValues(req.body, ['unitName', 'parentId', 'version']);
    try {
      const version = versionOf(values.version);
      await this.org.updateUnit(
        id,
        { name: values.unitName ?? '', parentId: text(values.parentId) ?? null },
        expectedVersion(undefined, version),
      );
      redirect(res, `/ui/admin/units/${encodeURIComponent(id)}?done=saved`);
    } catch (e) {
      const problems = adminProblemsOf(e);
      if (!problems) throw e;
      // A stale version: show the unit as it now is, with the current version to try again from.
      await this.renderUnit(
        ctx,
        res,
        id,
        { edit: { values: { ...values, version: undefined }, errors: unitErrors(ctx, problems) } },
        422,
      );
    }
  }

  @Post('units/:id/contacts')
  @Access({ roles: ADMIN_ONLY })
  async addContact(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const values = formValues(req.body, CONTACT_FIELDS);
    try {
      const body = await validateBody(CreateContactDto, contactBody(values));
      await this.contacts.create(id, body);
      redirect(res, `/ui/admin/units/${encodeURIComponent(id)}?done=added`);
    } catch (e) {
      const problems = adminProblemsOf(e);
      if (!problems) throw e;
      await this.renderUnit(
        ctx,
        res,
        id,
        { add: { values, errors: fieldErrors(ctx.lang, localiseContactProblems(ctx.lang, problems)) } },
        422,
      );
    }
  }

  private async contact(unitId: string, id: string): Promise<StoredContact> {
    const found = (await this.contacts.list(unitId)).find((c) => c.id === id);
    if (!found) throw new DomainException('not_found', `no contact ${id} of ${unitId}`);
    return found;
  }

  private async renderContact(
    ctx: PageContext,
    res: Response,
    unitId: string,
    id: string,
    form: FormState | undefined,
    status = 200,
  ): Promise<void> {
    const [contact, unit] = await Promise.all([this.contact(unitId, id), this.org.getUnit(unitId)]);
    const values = form?.values ?? {
      name: contact.name,
      email: contact.email,
      role: contact.role,
      language: contact.language,
      digest: contact.digest ? 'true' : undefined,
    };
    sendPage(
      res,
      contactPage(ctx, { contact, unitName: unit.name, form: { values, errors: form?.errors ?? NO_ERRORS } }),
      status,
    );
  }

  @Get('units/:unitId/contacts/:id')
  @Access({ roles: ADMIN_ONLY })
  async contactForm(
    @Param('unitId') unitId: string,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.renderContact(pageContext(req), res, unitId, id, undefined);
  }

  @Post('units/:unitId/contacts/:id')
  @Access({ roles: ADMIN_ONLY })
  async updateContact(
    @Param('unitId') unitId: string,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = pageContext(req);
    const values = formValues(req.body, CONTACT_FIELDS);
    try {
      await this.contact(unitId, id);
      const version = versionOf(values.version);
      const body = await validateBody(UpdateContactDto, contactBody(values));
      await this.contacts.update(id, body, expectedVersion(undefined, version));
      redirect(res, `/ui/admin/units/${encodeURIComponent(unitId)}?done=saved`);
    } catch (e) {
      const problems = adminProblemsOf(e);
      if (!problems) throw e;
      const form = {
        values: { ...values, version: undefined },
        errors: fieldErrors(ctx.lang, localiseContactProblems(ctx.lang, problems)),
      };
      await this.renderContact(ctx, res, unitId, id, form, 422);
    }
  }

  @Post('units/:unitId/contacts/:id/delete')
  @Access({ roles: ADMIN_ONLY })
  async deleteContact(
    @Param('unitId') unitId: string,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = pageContext(req);
    const values = formValues(req.body, ['version']);
    try {
      await this.contact(unitId, id);
      await this.contacts.remove(id, expectedVersion(undefined, versionOf(values.version)));
      redirect(res, `/ui/admin/units/${encodeURIComponent(unitId)}?done=deleted`);
    } catch (e) {
      const problems = adminProblemsOf(e);
      if (!problems) throw e;
      const errors = fieldErrors(ctx.lang, problems);
      await this.renderContact(ctx, res, unitId, id, { values: {}, errors }, 422);
    }
  }

  @Get('org/import')
  @Access({ roles: ADMIN_ONLY })
  importForm(@Req() req: Request, @Res() res: Response): void {
    sendPage(res, orgImportPage(pageContext(req), { values: {}, errors: NO_ERRORS, problems: [] }));
  }

  @Post('org/import')
  @Access({ roles: ADMIN_ONLY })
  async import(@Req() req: AdminRequest, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const values = formValues(req.body, ['mode', 'effectiveFrom']);
    const file = req.file;
    try {
      if (req.uploadProblems?.length) throw DomainException.validation(req.uploadProblems);
      if (!file) throw DomainException.validation([{ field: 'document', reason: 'attach the document' }]);
      const q = await validateBody(OrgImportQuery, {
        mode: values.mode ?? 'merge',
        ...(text(values.effectiveFrom) ? { effectiveFrom: values.effectiveFrom } : {}),
      });
      const r = await this.org.import(file.buffer.toString('utf8'), q);
      const notice = t(ctx.lang, 'adm.import.done', {
        ui: r.units.inserted,
        uu: r.units.updated,
        uc: r.units.closed.length,
        ci: r.contacts.inserted,
        cu: r.contacts.updated,
      });
      sendPage(res, orgImportPage(ctx, { values, errors: NO_ERRORS, problems: [], notice }));
    } catch (e) {
      const located = locatedProblemsOf(e);
      const problems = located ? [] : adminProblemsOf(e);
      if (!located && !problems) throw e;
      sendPage(
        res,
        orgImportPage(ctx, {
          values,
          errors: located ? NO_ERRORS : fieldErrors(ctx.lang, problems ?? []),
          problems: located ?? [],
        }),
        422,
      );
    }
  }
}
