import type { ScheduledDeliverable } from '@dondoc/domain';
import type { PlanDto } from '../../../api/src/plans/dto/plan-lifecycle.dto';
import type { PlanSummaryDto } from '../../../api/src/plans/dto/plan-response.dto';
import { html } from '../html';
import { formatDate, t } from '../i18n';
import { layout } from '../layout';
import { csrfField, errorSummary, facts, field, FieldErrors, PageContext } from '../page';
import { adminBack, dateField, LocatedProblem, problemTable } from './admin-ui';

/** At most this many schedule rows on the page (the counts by obligation cover every row). */
export const PREVIEW_ROWS_SHOWN = 2000;

export interface PlanUploadView {
  plans: readonly PlanDto[];
  values: { issued?: string; until?: string };
  errors: FieldErrors;
  problems: readonly LocatedProblem[];
  notice?: string;
}

/** GET /ui/admin/plans: the issued plans and the upload form (check, then preview). */
export function plansPage(ctx: PageContext, v: PlanUploadView): string {
  return layout(ctx, {
    title: t(ctx.lang, 'adm.plans'),
    notice: v.notice,
    body: html`${adminBack(ctx)}
      <form
        method="post"
        action="/ui/admin/plans/preview"
        enctype="multipart/form-data"
        class="card"
        novalidate
      >
        <h2>${t(ctx.lang, 'adm.plans.upload')}</h2>
        <p>${t(ctx.lang, 'adm.plans.help')}</p>
        ${csrfField(ctx)} ${errorSummary(ctx, v.errors, ['document', 'issued', 'until'])}
        ${problemTable(ctx, v.problems)}
        ${field(ctx, v.errors, { name: 'document', label: t(ctx.lang, 'adm.file'), type: 'file', accept: '.yaml,.yml,.json', required: true })}
        ${dateField(v.errors, { name: 'issued', label: t(ctx.lang, 'adm.plans.issued'), value: v.values.issued })}
        ${dateField(v.errors, { name: 'until', label: t(ctx.lang, 'adm.plans.until'), value: v.values.until })}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.plans.check')}</button>
      </form>
      <section aria-labelledby="h-issued">
        <h2 id="h-issued">${t(ctx.lang, 'adm.plans.list')}</h2>
        ${
          v.plans.length
            ? html`<div class="table-wrap">
                <table class="plans">
                  <thead>
                    <tr>
                      <th scope="col">${t(ctx.lang, 'adm.col.number')}</th>
                      <th scope="col">${t(ctx.lang, 'btv.col.plan')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.col.issuedOn')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.col.planStatus')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.col.count')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${v.plans.map(
                      (p) =>
                        html`<tr data-plan="${p.id}">
                          <td>${p.number}</td>
                          <td>${p.title}</td>
                          <td>${formatDate(p.issuedOn)}</td>
                          <td>${p.status}</td>
                          <td>${p.counts.total}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p>${t(ctx.lang, 'btv.noPlans')}</p>`
        }
      </section>`,
  });
}

export interface PlanPreviewView {
  plan: PlanSummaryDto;
  rows: readonly ScheduledDeliverable[];
  /** What the issue form sends on: the checked text, its file name, the dates. */
  text: string;
  file: string;
  issued: string;
  until?: string;
  errors: FieldErrors;
}

/** POST /ui/admin/plans/preview: the whole term's schedule over the stored org, and the issue button. */
export function planPreviewPage(ctx: PageContext, v: PlanPreviewView): string {
  const p = v.plan;
  const byObligation = p.obligations.map((o) => {
    const rows = v.rows.filter((r) => r.obligationId === o.id);
    const dues = rows.flatMap((r) => (r.dueDate ? [r.dueDate] : [])).sort();
    return {
      id: o.id,
      title: ctx.lang === 'en' ? o.titleEn : o.titleVi,
      count: rows.length,
      first: dues[0],
      last: dues[dues.length - 1],
    };
  });
  const shown = v.rows.slice(0, PREVIEW_ROWS_SHOWN);
  return layout(ctx, {
    title: t(ctx.lang, 'adm.plans.preview', { number: p.number }),
    body: html`<p><a href="/ui/admin/plans">← ${t(ctx.lang, 'adm.plans')}</a></p>
      ${facts([
        ['id', p.id],
        [t(ctx.lang, 'adm.col.number'), p.number],
        [t(ctx.lang, 'adm.col.issuedOn'), formatDate(v.issued)],
      ])}
      <p class="preview-count">
        ${t(ctx.lang, 'adm.plans.previewIntro', {
          count: v.rows.length,
          from: formatDate(p.termStart),
          to: formatDate(p.termEnd),
        })}
      </p>
      <form method="post" action="/ui/admin/plans/issue" class="card" novalidate>
        <h2>${t(ctx.lang, 'adm.plans.issue')}</h2>
        <p>${t(ctx.lang, 'adm.plans.issueHelp')}</p>
        ${csrfField(ctx)} ${errorSummary(ctx, v.errors, [])}
        <input type="hidden" name="text" value="${v.text}" />
        <input type="hidden" name="file" value="${v.file}" />
        <input type="hidden" name="issued" value="${v.issued}" />
        ${v.until ? html`<input type="hidden" name="until" value="${v.until}" />` : ''}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.plans.issue')}</button>
      </form>
      <section aria-labelledby="h-by-obligation">
        <h2 id="h-by-obligation">${t(ctx.lang, 'adm.plans.byObligation')}</h2>
        <div class="table-wrap">
          <table class="by-obligation">
            <thead>
              <tr>
                <th scope="col">${t(ctx.lang, 'adm.col.obligation')}</th>
                <th scope="col">${t(ctx.lang, 'adm.col.count')}</th>
                <th scope="col">${t(ctx.lang, 'adm.col.first')}</th>
                <th scope="col">${t(ctx.lang, 'adm.col.last')}</th>
              </tr>
            </thead>
            <tbody>
              ${byObligation.map(
                (o) =>
                  html`<tr data-obligation="${o.id}">
                    <th scope="row">${o.title}</th>
                    <td>${o.count}</td>
                    <td>${o.first ? formatDate(o.first) : ''}</td>
                    <td>${o.last ? formatDate(o.last) : ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="h-schedule">
        <h2 id="h-schedule">${t(ctx.lang, 'adm.plans.schedule')}</h2>
        <p>${t(ctx.lang, 'adm.plans.shown', { shown: shown.length, count: v.rows.length })}</p>
        <div class="table-wrap">
          <table class="schedule">
            <thead>
              <tr>
                <th scope="col">${t(ctx.lang, 'col.due')}</th>
                <th scope="col">${t(ctx.lang, 'adm.col.obligation')}</th>
                <th scope="col">${t(ctx.lang, 'col.unit')}</th>
                <th scope="col">${t(ctx.lang, 'col.period')}</th>
                <th scope="col">${t(ctx.lang, 'adm.col.collector')}</th>
                <th scope="col">${t(ctx.lang, 'adm.col.reminders')}</th>
              </tr>
            </thead>
            <tbody>
              ${shown.map(
                (r) =>
                  html`<tr>
                    <td>${r.dueDate ? formatDate(r.dueDate) : '—'}</td>
                    <td>${r.obligationId}</td>
                    <td>${r.assignee}</td>
                    <td>${r.period}</td>
                    <td>${r.collector ?? ''}</td>
                    <td>${r.reminderDates.map((d) => formatDate(d)).join(', ')}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`,
  });
}
