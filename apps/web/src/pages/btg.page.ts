import { vnDateOf, WorkingCalendar } from '@dondoc/calendar';
import type { DeliverableDto } from '../../../api/src/deliverables/dto/deliverable.dto';
import type { IssueDto } from '../../../api/src/issues/dto/issue.dto';
import type { BucketCountsDto, PlanDto, StatusRowDto } from '../../../api/src/plans/dto/plan-lifecycle.dto';
import type { ContactName } from '../btg-data.service';
import { html, SafeHtml } from '../html';
import { formatDate, formatDateTime, Lang, t } from '../i18n';
import { layout } from '../layout';
import { ISSUE_STATES } from '@dondoc/domain';
import { BUCKET_COLUMNS, issueLastDay, issueStateText } from './btv.page';
import {
  bucketBadge,
  csrfField,
  errorSummary,
  facts,
  field,
  FieldErrors,
  PageContext,
  statusText,
} from '../page';

/** The four official buckets, then the two that count for nothing (the BTV page's columns). */
export const BUCKETS = BUCKET_COLUMNS;

const calendar = new WorkingCalendar();
const enc = encodeURIComponent;

// ---------------------------------------------------------------------------------------------------
// Figures

export interface Rate {
  onTime: number;
  /** What has fallen due or been submitted: on time + late + not done and overdue. */
  counted: number;
  /** 0..100, or null when nothing counts yet. */
  percent: number | null;
}

export function rateOf(rows: readonly Pick<StatusRowDto, 'bucket'>[]): Rate {
  const onTime = rows.filter((r) => r.bucket === 'on-time').length;
  const counted = rows.filter(
    (r) => r.bucket === 'on-time' || r.bucket === 'late' || r.bucket === 'not-done-overdue',
  ).length;
  return { onTime, counted, percent: counted ? Math.round((onTime * 100) / counted) : null };
}

export function countBuckets(rows: readonly Pick<StatusRowDto, 'bucket'>[]): BucketCountsDto {
  const c = { total: rows.length } as BucketCountsDto;
  for (const b of BUCKETS) c[b] = rows.filter((r) => r.bucket === b).length;
  return c;
}

/** Working days from today (Vietnam) to a day (`YYYY-MM-DD`, or an instant's day): >0 left, 0 that day, <0 past. */
export function workingDaysTo(day: string, now: Date = new Date()): number {
  const today = vnDateOf(now);
  const limit = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : vnDateOf(day);
  return today <= limit
    ? calendar.workingDaysBetween(today, limit)
    : -calendar.workingDaysBetween(limit, today);
}

/**
 * An issue's running time limit as words (and a class). The day is the clock's last working day
 * (`clock.limitDate`); `limitAt` is the instant it passes (the next day's start), so it only says
 * whether a limit runs (none for the reporter's `close`, which reminds nobody).
 */
export function countdown(lang: Lang, issue: Pick<IssueDto, 'limitAt' | 'clock'>, now?: Date): SafeHtml {
  if (!issue.limitAt) return html`<span class="countdown">${t(lang, 'btg.noLimit')}</span>`;
  const day = issueLastDay(issue)!;
  const n = workingDaysTo(day, now);
  const cls = n < 0 ? 'due-past' : n <= 1 ? 'due-soon' : 'due-ok';
  const words =
    n > 0
      ? t(lang, 'btg.daysLeft', { n })
      : n === 0
        ? t(lang, 'btg.dueToday')
        : t(lang, 'btg.daysPast', { n: -n });
  return html`<span class="countdown ${cls}">${words} (${formatDate(day)})</span>`;
}

// ---------------------------------------------------------------------------------------------------
// Dashboard

export interface PlanChoice {
  plans: readonly PlanDto[];
  planId?: string;
  periods: readonly string[];
  period?: string;
}

export interface DashboardView extends PlanChoice {
  /** Rows of the chosen period (every period when none), units filtered. */
  rows: readonly StatusRowDto[];
  /** Rows of every period, for the trend. */
  allRows: readonly StatusRowDto[];
  obligations: ReadonlyArray<{ id: string; title: string }>;
  /** The units of this page, in order. */
  units: ReadonlyArray<{ id: string; name: string }>;
  unitCount: number;
  page: number;
  pageSize: number;
  q?: string;
  notice?: string;
}

function planForm(ctx: PageContext, v: PlanChoice, action: string, extra: SafeHtml = html``): SafeHtml {
  return html`<form method="get" action="${action}" class="form filters">
    <div class="field">
      <label for="f-plan">${t(ctx.lang, 'btg.plan')}</label>
      <select id="f-plan" name="plan">
        ${v.plans.map(
          (p) =>
            html`<option value="${p.id}" ${p.id === v.planId ? html`selected` : ''}>
              ${p.number} — ${p.title}
            </option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="f-period">${t(ctx.lang, 'btg.period')}</label>
      <select id="f-period" name="period">
        <option value="" ${!v.period ? html`selected` : ''}>${t(ctx.lang, 'btg.allPeriods')}</option>
        ${v.periods.map(
          (p) => html`<option value="${p}" ${p === v.period ? html`selected` : ''}>${p}</option>`,
        )}
      </select>
    </div>
    ${extra}
    <button type="submit">${t(ctx.lang, 'btg.show')}</button>
  </form>`;
}

export const planQuery = (planId?: string, period?: string): string =>
  `plan=${enc(planId ?? '')}${period ? `&period=${enc(period)}` : ''}`;

function legend(ctx: PageContext): SafeHtml {
  return html`<section aria-labelledby="h-legend" class="legend">
    <h2 id="h-legend">${t(ctx.lang, 'btg.legend')}</h2>
    <ul class="inline-list">
      ${BUCKETS.map((b) => html`<li>${bucketBadge(ctx.lang, b)}</li>`)}
    </ul>
  </section>`;
}

export function totalsTable(ctx: PageContext, totals: BucketCountsDto): SafeHtml {
  return html`<section aria-labelledby="h-totals">
    <h2 id="h-totals">${t(ctx.lang, 'btg.totals')}</h2>
    <div class="table-wrap">
      <table class="totals">
        <thead>
          <tr>
            ${BUCKETS.map((b) => html`<th scope="col">${bucketBadge(ctx.lang, b)}</th>`)}
            <th scope="col">${t(ctx.lang, 'col.total')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            ${BUCKETS.map((b) => html`<td data-bucket="${b}">${totals[b]}</td>`)}
            <td data-bucket="total">${totals.total}</td>
          </tr>
        </tbody>
      </table>
    </div>
  </section>`;
}

function matrix(ctx: PageContext, v: DashboardView): SafeHtml {
  const cells = new Map<string, StatusRowDto[]>();
  for (const r of v.rows) {
    const k = `${r.unitId}\u0000${r.obligationId}`;
    cells.set(k, [...(cells.get(k) ?? []), r]);
  }
  const from = v.unitCount ? (v.page - 1) * v.pageSize + 1 : 0;
  const to = Math.min(v.page * v.pageSize, v.unitCount);
  const base = `/ui/btg?${planQuery(v.planId, v.period)}${v.q ? `&q=${enc(v.q)}` : ''}`;
  return html`<section aria-labelledby="h-matrix">
    <h2 id="h-matrix">${t(ctx.lang, 'btg.matrix')}</h2>
    <p>${t(ctx.lang, 'btg.unitsShown', { from, to, total: v.unitCount })}</p>
    ${
      v.units.length === 0
        ? html`<p>${t(ctx.lang, 'btg.noRows')}</p>`
        : html`<div class="table-wrap">
            <table class="matrix">
              <caption>
                ${t(ctx.lang, 'btg.matrixCaption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t(ctx.lang, 'col.unit')}</th>
                  ${v.obligations.map((o) => html`<th scope="col">${o.title}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${v.units.map(
                  (u) =>
                    html`<tr data-unit="${u.id}">
                      <th scope="row">${u.name}</th>
                      ${v.obligations.map((o) => {
                        const list = cells.get(`${u.id}\u0000${o.id}`) ?? [];
                        return html`<td class="cell">
                          ${list.map(
                            (r) =>
                              html`<a
                                href="/ui/deliverables/${enc(r.deliverableId)}"
                                data-deliverable="${r.deliverableId}"
                                data-bucket="${r.bucket}"
                                >${bucketBadge(ctx.lang, r.bucket)}${v.period ? '' : html` <span class="period">${r.period}</span>`}</a
                              >`,
                          )}
                        </td>`;
                      })}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${
      v.unitCount > v.pageSize
        ? html`<nav aria-label="${t(ctx.lang, 'btg.paging')}" class="paging">
            ${v.page > 1 ? html`<a href="${base}&page=${v.page - 1}" rel="prev">${t(ctx.lang, 'btg.prev')}</a>` : ''}
            ${to < v.unitCount ? html`<a href="${base}&page=${v.page + 1}" rel="next">${t(ctx.lang, 'btg.next')}</a>` : ''}
          </nav>`
        : ''
    }
  </section>`;
}

const BAR = 200;

/** A horizontal bar as inline SVG (sizes are attributes: the CSP allows no inline style). */
function bar(percent: number | null, label: string): SafeHtml {
  const w = percent === null ? 0 : Math.round((percent * BAR) / 100);
  return html`<svg
    class="rate-bar"
    width="${BAR}"
    height="14"
    viewBox="0 0 ${BAR} 14"
    role="img"
    aria-label="${label}"
  >
    <rect class="bar-bg" x="0" y="0" width="${BAR}" height="14"></rect>
    <rect class="bar-fill" x="0" y="0" width="${w}" height="14"></rect>
  </svg>`;
}

const pct = (r: Rate): string => (r.percent === null ? '—' : `${r.percent}%`);

function rates(ctx: PageContext, v: DashboardView): SafeHtml {
  const byUnit = new Map<string, StatusRowDto[]>();
  for (const r of v.rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  return html`<section aria-labelledby="h-rate">
    <h2 id="h-rate">${t(ctx.lang, 'btg.rate')}</h2>
    <p>${t(ctx.lang, 'btg.rateIntro')}</p>
    <div class="table-wrap">
      <table class="rates">
        <thead>
          <tr>
            <th scope="col">${t(ctx.lang, 'col.unit')}</th>
            <th scope="col">${t(ctx.lang, 'btg.rateCol')}</th>
            <th scope="col">${t(ctx.lang, 'btg.counted')}</th>
          </tr>
        </thead>
        <tbody>
          ${v.units.map((u) => {
            const r = rateOf(byUnit.get(u.id) ?? []);
            return html`<tr data-unit="${u.id}">
              <th scope="row">${u.name}</th>
              <td class="bar-cell">${bar(r.percent, pct(r))} <span>${pct(r)}</span></td>
              <td>${r.onTime}/${r.counted}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}

function trend(ctx: PageContext, v: DashboardView): SafeHtml {
  const byPeriod = new Map<string, StatusRowDto[]>();
  for (const r of v.allRows) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  const periods = [...byPeriod.keys()].sort();
  if (!periods.length) return html``;
  const points = periods.map((p) => ({ period: p, rate: rateOf(byPeriod.get(p) ?? []) }));
  const H = 120;
  /** Room above the tallest bar for its label. */
  const TOP = 16;
  const W = 60;
  const width = points.length * W + 10;
  return html`<section aria-labelledby="h-trend">
    <h2 id="h-trend">${t(ctx.lang, 'btg.trend')}</h2>
    <figure class="chart">
      <svg
        width="${width}"
        height="${TOP + H + 24}"
        viewBox="0 0 ${width} ${TOP + H + 24}"
        role="img"
        aria-labelledby="trend-desc"
      >
        <desc id="trend-desc">${t(ctx.lang, 'btg.trendChart')}</desc>
        <line class="axis" x1="0" y1="${TOP + H}" x2="${width}" y2="${TOP + H}"></line>
        ${points.map((p, i) => {
          const h = p.rate.percent === null ? 0 : Math.round((p.rate.percent * H) / 100);
          const x = i * W + 10;
          return html`<g>
            <rect class="bar-fill" x="${x}" y="${TOP + H - h}" width="${W - 20}" height="${h}"></rect>
            <text x="${x + (W - 20) / 2}" y="${TOP + H - h - 4}" text-anchor="middle">${pct(p.rate)}</text>
            <text x="${x + (W - 20) / 2}" y="${TOP + H + 16}" text-anchor="middle">${p.period}</text>
          </g>`;
        })}
      </svg>
      <figcaption>${t(ctx.lang, 'btg.trendChart')}</figcaption>
    </figure>
    <div class="table-wrap">
      <table class="trend">
        <thead>
          <tr>
            <th scope="col">${t(ctx.lang, 'btg.period')}</th>
            <th scope="col">${t(ctx.lang, 'btg.rateCol')}</th>
            <th scope="col">${t(ctx.lang, 'btg.counted')}</th>
          </tr>
        </thead>
        <tbody>
          ${points.map(
            (p) =>
              html`<tr data-period="${p.period}">
                <th scope="row">${p.period}</th>
                <td>${pct(p.rate)}</td>
                <td>${p.rate.onTime}/${p.rate.counted}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** GET /ui/btg: plan and period → totals, the unit × obligation matrix, on-time rates, exports. */
export function dashboardPage(ctx: PageContext, v: DashboardView): string {
  const filter = html`<div class="field">
    <label for="f-q">${t(ctx.lang, 'btg.unitFilter')}</label>
    <input id="f-q" name="q" type="search" value="${v.q ?? ''}" />
  </div>`;
  return layout(ctx, {
    title: t(ctx.lang, 'btg.title'),
    notice: v.notice,
    body: !v.plans.length
      ? html`<p>${t(ctx.lang, 'btg.noPlan')}</p>`
      : html`${planForm(ctx, v, '/ui/btg', filter)} ${totalsTable(ctx, countBuckets(v.rows))} ${legend(ctx)}
          ${matrix(ctx, v)} ${rates(ctx, v)} ${trend(ctx, v)}
          <section aria-labelledby="h-export">
            <h2 id="h-export">${t(ctx.lang, 'btg.export')}</h2>
            <ul class="inline-list">
              <li>
                <a href="/ui/btg/export.csv?${planQuery(v.planId, v.period)}" download
                  >${t(ctx.lang, 'btg.csv')}</a
                >
              </li>
              <li>
                <a href="/ui/btg/export.xlsx?${planQuery(v.planId, v.period)}" download
                  >${t(ctx.lang, 'btg.xlsx')}</a
                >
              </li>
            </ul>
          </section>`,
  });
}

// ---------------------------------------------------------------------------------------------------
// Overdue, remind

export interface OverdueView extends PlanChoice {
  rows: readonly StatusRowDto[];
  titles: ReadonlyMap<string, string>;
  contacts: ReadonlyMap<string, readonly ContactName[]>;
  remindedToday: ReadonlySet<string>;
  notice?: string;
}

/** GET /ui/btg/overdue: exactly who the button would remind (units, contacts by name), then the button. */
export function overduePage(ctx: PageContext, v: OverdueView): string {
  return layout(ctx, {
    title: t(ctx.lang, 'btg.overdueTitle'),
    notice: v.notice,
    body: html`${v.plans.length ? planForm(ctx, v, '/ui/btg/overdue') : html`<p>${t(ctx.lang, 'btg.noPlan')}</p>`}
      <p>${t(ctx.lang, 'btg.overdueIntro')}</p>
      ${
        !v.rows.length
          ? html`<p>${t(ctx.lang, 'btg.none')}</p>`
          : html`<div class="table-wrap">
                <table class="overdue">
                  <thead>
                    <tr>
                      <th scope="col">${t(ctx.lang, 'col.unit')}</th>
                      <th scope="col">${t(ctx.lang, 'col.title')}</th>
                      <th scope="col">${t(ctx.lang, 'col.period')}</th>
                      <th scope="col">${t(ctx.lang, 'col.due')}</th>
                      <th scope="col">${t(ctx.lang, 'btg.contacts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${v.rows.map((r) => {
                      const people = v.contacts.get(r.unitId) ?? [];
                      return html`<tr data-deliverable="${r.deliverableId}" data-unit="${r.unitId}">
                        <th scope="row">${r.unitName ?? r.unitId}</th>
                        <td>
                          <a href="/ui/deliverables/${enc(r.deliverableId)}"
                            >${v.titles.get(r.deliverableId) ?? r.obligationId}</a
                          >
                        </td>
                        <td>${r.period}</td>
                        <td>${formatDate(r.dueDate)} ${bucketBadge(ctx.lang, r.bucket)}</td>
                        <td class="contacts">
                          ${people.length ? people.map((c) => c.name).join(', ') : t(ctx.lang, 'btg.noContact')}
                          ${v.remindedToday.has(r.deliverableId) ? html`<br /><em>${t(ctx.lang, 'btg.remindedToday')}</em>` : ''}
                        </td>
                      </tr>`;
                    })}
                  </tbody>
                </table>
              </div>
              <form method="post" action="/ui/btg/overdue/remind" class="form">
                ${csrfField(ctx)}
                <input type="hidden" name="plan" value="${v.planId ?? ''}" />
                <input type="hidden" name="period" value="${v.period ?? ''}" />
                ${v.rows.map((r) => html`<input type="hidden" name="deliverable" value="${r.deliverableId}" />`)}
                <button type="submit">${t(ctx.lang, 'btg.remind')}</button>
              </form>`
      }`,
  });
}

// ---------------------------------------------------------------------------------------------------
// Review queue

export interface ReviewForm {
  decision?: string;
  comments?: string;
  newDueDate?: string;
  errors: FieldErrors;
  /** The deliverable changed since the form was rendered: the current state is shown. */
  stale?: boolean;
}

export interface ReviewView {
  items: readonly DeliverableDto[];
  unitNames: ReadonlyMap<string, string>;
  reviewerUnitId: (d: DeliverableDto) => string;
  /** The form being corrected, by deliverable id. */
  forms: ReadonlyMap<string, ReviewForm>;
  notice?: string;
}

function reviewCard(ctx: PageContext, v: ReviewView, d: DeliverableDto): SafeHtml {
  const f: ReviewForm = v.forms.get(d.id) ?? { errors: new Map() };
  const id = (n: string) => `${n}-${d.id}`;
  const decision = f.decision ?? 'accept';
  const invalid = f.errors.has('decision');
  return html`<li class="card" data-deliverable="${d.id}" id="${id('card')}">
    <h2><a href="/ui/deliverables/${enc(d.id)}">${d.title}</a></h2>
    ${facts([
      [t(ctx.lang, 'col.unit'), v.unitNames.get(d.unitId) ?? d.unitId],
      [t(ctx.lang, 'col.period'), d.period],
      [t(ctx.lang, 'btg.submittedAt'), d.submission ? formatDateTime(d.submission.submittedAt) : ''],
      [t(ctx.lang, 'col.status'), statusText(ctx.lang, d.status), 'status'],
      [t(ctx.lang, 'col.bucket'), bucketBadge(ctx.lang, d.bucket)],
    ])}
    ${f.stale ? html`<div class="alert alert-error" role="alert"><p>${t(ctx.lang, 'btg.stale')}</p></div>` : ''}
    ${f.stale ? '' : errorSummary(ctx, f.errors, ['decision', 'comments', 'newDueDate'])}
    ${
      d.status === 'submitted'
        ? html`<form method="post" action="/ui/btg/review/${enc(d.id)}" class="form" novalidate>
            ${csrfField(ctx)}
            <input type="hidden" name="version" value="${d.version}" />
            <input type="hidden" name="reviewerUnitId" value="${v.reviewerUnitId(d)}" />
            <fieldset ${invalid ? html`aria-invalid="true"` : ''}>
              <legend>${t(ctx.lang, 'btg.decision')}</legend>
              <label
                ><input
                  type="radio"
                  name="decision"
                  value="accept"
                  ${decision === 'accept' ? html`checked` : ''}
                />
                ${t(ctx.lang, 'btg.accept')}</label
              >
              <label
                ><input
                  type="radio"
                  name="decision"
                  value="return"
                  ${decision === 'return' ? html`checked` : ''}
                />
                ${t(ctx.lang, 'btg.return')}</label
              >
            </fieldset>
            ${field(ctx, prefixed(f.errors, d.id), {
              name: id('comments'),
              label: t(ctx.lang, 'btg.comments'),
              type: 'textarea',
              value: f.comments,
            })}
            ${field(ctx, prefixed(f.errors, d.id), {
              name: id('newDueDate'),
              label: t(ctx.lang, 'btg.newDueDate'),
              value: f.newDueDate,
              hint: t(ctx.lang, 'btg.dateHint'),
            })}
            <button type="submit">${t(ctx.lang, 'btg.send')}</button>
          </form>`
        : ''
    }
  </li>`;
}

/** The form's fields carry the deliverable id (several forms on one page): errors keyed the same way. */
function prefixed(errors: FieldErrors, id: string): FieldErrors {
  return new Map([...errors].map(([k, v]) => [`${k}-${id}`, v]));
}

/** GET /ui/btg/review: submissions BTG collects, each with accept / return (comments, new due date). */
export function reviewPage(ctx: PageContext, v: ReviewView): string {
  return layout(ctx, {
    title: t(ctx.lang, 'btg.reviewTitle'),
    notice: v.notice,
    body: v.items.length
      ? html`<ul class="cards">
          ${v.items.map((d) => reviewCard(ctx, v, d))}
        </ul>`
      : html`<p>${t(ctx.lang, 'btg.reviewEmpty')}</p>`,
  });
}

// ---------------------------------------------------------------------------------------------------
// Extension requests

export interface ExtensionItem {
  issue: IssueDto;
  /** What the reporting unit still owes in the issue's plan. */
  owed: readonly DeliverableDto[];
  /** The deliverable the title names, when one matches. */
  guess?: string;
}

export interface ExtensionForm {
  deliverableId?: string;
  newDueDate?: string;
  reason?: string;
  errors: FieldErrors;
}

export interface ExtensionsView {
  items: readonly ExtensionItem[];
  unitNames: ReadonlyMap<string, string>;
  forms: ReadonlyMap<string, ExtensionForm>;
  notice?: string;
}

function extensionCard(ctx: PageContext, v: ExtensionsView, item: ExtensionItem): SafeHtml {
  const i = item.issue;
  const f: ExtensionForm = v.forms.get(i.id) ?? { errors: new Map() };
  const chosen = f.deliverableId ?? item.guess;
  const sel = `deliverableId-${i.id}`;
  return html`<li class="card" data-issue="${i.id}">
    <h2><a href="/ui/issues/${enc(i.id)}">${i.title}</a></h2>
    ${facts([
      [t(ctx.lang, 'col.unit'), v.unitNames.get(i.reporterUnitId) ?? i.reporterUnitId],
      [t(ctx.lang, 'issueView.state'), issueStateText(ctx.lang, i.state), 'status'],
      [t(ctx.lang, 'btg.limit'), countdown(ctx.lang, i)],
    ])}
    <p class="prewrap">${i.description}</p>
    ${errorSummary(ctx, f.errors, ['deliverableId', 'newDueDate', 'reason'])}
    ${
      item.owed.length
        ? html`<form method="post" action="/ui/btg/extensions/${enc(i.id)}" class="form" novalidate>
            ${csrfField(ctx)}
            <div class="field">
              <label for="f-${sel}">${t(ctx.lang, 'btg.extDeliverable')}</label>
              <select id="f-${sel}" name="deliverableId">
                ${item.owed.map(
                  (d) =>
                    html`<option value="${d.id}" ${d.id === chosen ? html`selected` : ''}>
                      ${d.title} (${d.period}) — ${formatDate(d.dueDate)}
                    </option>`,
                )}
              </select>
            </div>
            ${field(ctx, prefixed(f.errors, i.id), {
              name: `newDueDate-${i.id}`,
              label: t(ctx.lang, 'btg.newDueDate').replace(/ \(.*\)$/, ''),
              value: f.newDueDate,
              required: true,
              hint: t(ctx.lang, 'btg.dateHint'),
            })}
            ${field(ctx, prefixed(f.errors, i.id), {
              name: `reason-${i.id}`,
              label: t(ctx.lang, 'btg.extReason'),
              type: 'textarea',
              value: f.reason,
              required: true,
            })}
            <button type="submit">${t(ctx.lang, 'btg.extGrant')}</button>
          </form>`
        : html`<p>${t(ctx.lang, 'btg.extNoDeliverable')}</p>`
    }
  </li>`;
}

/** GET /ui/btg/extensions: reported issues asking for an extension, each with the form that grants it. */
export function extensionsPage(ctx: PageContext, v: ExtensionsView): string {
  return layout(ctx, {
    title: t(ctx.lang, 'btg.extTitle'),
    notice: v.notice,
    body: v.items.length
      ? html`<ul class="cards">
          ${v.items.map((i) => extensionCard(ctx, v, i))}
        </ul>`
      : html`<p>${t(ctx.lang, 'btg.extEmpty')}</p>`,
  });
}

// ---------------------------------------------------------------------------------------------------
// Issue board

export interface BoardView {
  issues: readonly IssueDto[];
  unitNames: ReadonlyMap<string, string>;
}

/** GET /ui/btg/issues: one column per issue state, each card with its time limit counted down. */
export function boardPage(ctx: PageContext, v: BoardView): string {
  return layout(ctx, {
    title: t(ctx.lang, 'btg.boardTitle'),
    body: html`<div class="board">
      ${ISSUE_STATES.map((s) => {
        const list = v.issues.filter((i) => i.state === s);
        return html`<section class="column" data-state="${s}" aria-labelledby="col-${s}">
          <h2 id="col-${s}">${issueStateText(ctx.lang, s)} (${list.length})</h2>
          ${
            list.length
              ? html`<ul class="cards">
                  ${list.map(
                    (i) =>
                      html`<li class="card" data-issue="${i.id}">
                        <a href="/ui/issues/${enc(i.id)}">${i.title}</a>
                        <p>${v.unitNames.get(i.reporterUnitId) ?? i.reporterUnitId}</p>
                        <p>${countdown(ctx.lang, i)}</p>
                      </li>`,
                  )}
                </ul>`
              : html`<p class="muted">${t(ctx.lang, 'btg.boardEmpty')}</p>`
          }
        </section>`;
      })}
    </div>`,
  });
}
