import type { IssueDto } from '../../../api/src/issues/dto/issue.dto';
import type { BucketCountsDto } from '../../../api/src/plans/dto/plan-lifecycle.dto';
import { html, SafeHtml } from '../html';
import { vnDateOf } from '@dondoc/calendar';
import { formatDate, t, tKey } from '../i18n';
import { layout } from '../layout';
import { bucketBadge, PageContext } from '../page';

export const BUCKET_COLUMNS = [
  'on-time',
  'late',
  'not-done-within-deadline',
  'not-done-overdue',
  'waived',
  'cancelled',
] as const;

export interface PlanSummaryRow {
  id: string;
  number: string;
  title: string;
  status: string;
  totals: BucketCountsDto;
}

export interface BtvView {
  plans: readonly PlanSummaryRow[];
  issues: readonly IssueDto[];
  unitNames: ReadonlyMap<string, string>;
}

/** Counts per official bucket of each plan (the status matrix's totals, in the caller's scope). */
export function planSummaries(ctx: PageContext, plans: readonly PlanSummaryRow[]): SafeHtml {
  if (!plans.length) return html`<p>${t(ctx.lang, 'btv.noPlans')}</p>`;
  return html`<div class="table-wrap">
    <table class="plan-summaries">
      <thead>
        <tr>
          <th scope="col">${t(ctx.lang, 'btv.col.plan')}</th>
          ${BUCKET_COLUMNS.map((b) => html`<th scope="col">${bucketBadge(ctx.lang, b)}</th>`)}
          <th scope="col">${t(ctx.lang, 'col.total')}</th>
        </tr>
      </thead>
      <tbody>
        ${plans.map(
          (p) =>
            html`<tr data-plan="${p.id}">
              <th scope="row">${p.number} — ${p.title}</th>
              ${BUCKET_COLUMNS.map((b) => html`<td>${p.totals[b]}</td>`)}
              <td>${p.totals.total}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export const issueStateText = (lang: PageContext['lang'], state: string): string =>
  tKey(lang, `issueState.${state}`);

function issueTable(ctx: PageContext, issues: readonly IssueDto[], names: ReadonlyMap<string, string>) {
  return html`<div class="table-wrap">
    <table class="issues">
      <thead>
        <tr>
          <th scope="col">${t(ctx.lang, 'btv.col.issue')}</th>
          <th scope="col">${t(ctx.lang, 'btv.col.reporter')}</th>
          <th scope="col">${t(ctx.lang, 'btv.col.state')}</th>
          <th scope="col">${t(ctx.lang, 'btv.col.escalatedAt')}</th>
          <th scope="col">${t(ctx.lang, 'btv.col.limit')}</th>
        </tr>
      </thead>
      <tbody>
        ${issues.map(
          (i) =>
            html`<tr data-issue="${i.id}">
              <td><a href="/ui/issues/${encodeURIComponent(i.id)}">${i.title}</a></td>
              <td>${names.get(i.reporterUnitId) ?? i.reporterUnitId}</td>
              <td class="state">${issueStateText(ctx.lang, i.state)}</td>
              <td>${i.escalatedAt ? formatDate(i.escalatedAt) : ''}</td>
              <td>
                ${i.limitAt ? formatDate(issueLastDay(i)!) : ''}
                ${i.overdue ? html`<strong>(${t(ctx.lang, 'iss.overdue')})</strong>` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** GET /ui/btv: the plans' counts per bucket and the issues referred to BTV (awaiting direction first). */
export function btvPage(ctx: PageContext, v: BtvView): string {
  const awaiting = v.issues.filter((i) => i.state === 'escalated');
  const others = v.issues.filter((i) => i.state !== 'escalated');
  return layout(ctx, {
    title: t(ctx.lang, 'btv.title'),
    body: html`<section aria-labelledby="h-plans">
        <h2 id="h-plans">${t(ctx.lang, 'btv.plans')}</h2>
        ${planSummaries(ctx, v.plans)}
      </section>
      <section aria-labelledby="h-issues">
        <h2 id="h-issues">${t(ctx.lang, 'btv.issues')}</h2>
        ${
          v.issues.length
            ? html`${
                awaiting.length
                  ? html`<h3>${t(ctx.lang, 'btv.awaiting')}</h3>
                      ${issueTable(ctx, awaiting, v.unitNames)}`
                  : ''
              }
              ${
                others.length
                  ? html`<h3>${t(ctx.lang, 'btv.others')}</h3>
                      ${issueTable(ctx, others, v.unitNames)}`
                  : ''
              }`
            : html`<p>${t(ctx.lang, 'btv.noIssues')}</p>`
        }
      </section>`,
  });
}

/**
 * The last working day of an issue's running time limit: the clock's `limitDate`. `limitAt` is the
 * instant the limit passes (the start of the next day), one day later than the day to show.
 */
export function issueLastDay(issue: Pick<IssueDto, 'limitAt' | 'clock'>): string | null {
  if (!issue.limitAt) return null;
  return issue.clock?.limitDate ?? vnDateOf(issue.limitAt);
}
