import { html, HtmlValue, SafeHtml } from '../html';
import { t } from '../i18n';
import { errorId, fieldError, FieldErrors, PageContext } from '../page';

/** Small pieces the BTV and administration pages share (selects, problem tables, paging). */

export interface SelectOptions {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** The selected value(s). */
  value?: string | readonly string[];
  multiple?: boolean;
  required?: boolean;
  hint?: HtmlValue;
  /** The element id (default `f-<name>`), for pages with several forms naming the same field. */
  id?: string;
}

/** A labelled select with its errors in place (like field() for inputs). */
export function selectField(errors: FieldErrors, o: SelectOptions): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  const invalid = errors.has(o.name);
  const chosen = new Set(typeof o.value === 'string' ? [o.value] : (o.value ?? []));
  return html`<div class="field${invalid ? ' field-invalid' : ''}">
    <label for="${id}"
      >${o.label}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label
    >
    ${o.hint ? html`<p class="hint">${o.hint}</p>` : ''} ${fieldError(errors, o.name)}
    <select
      id="${id}"
      name="${o.name}"
      ${o.multiple ? html`multiple size="8"` : ''}
      ${o.required ? html`required aria-required="true"` : ''}
      ${invalid ? html`aria-invalid="true" aria-describedby="${errorId(o.name)}"` : ''}
    >
      ${o.options.map(
        (x) =>
          html`<option value="${x.value}" ${chosen.has(x.value) ? html`selected` : ''}>${x.label}</option>`,
      )}
    </select>
  </div>`;
}

/** A date input (type=date: the browser's picker; the value stays YYYY-MM-DD). */
export function dateField(
  errors: FieldErrors,
  o: { name: string; label: string; value?: string; required?: boolean; id?: string },
): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  const invalid = errors.has(o.name);
  return html`<div class="field${invalid ? ' field-invalid' : ''}">
    <label for="${id}"
      >${o.label}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label
    >
    ${fieldError(errors, o.name)}
    <input
      type="date"
      id="${id}"
      name="${o.name}"
      value="${o.value ?? ''}"
      ${o.required ? html`required aria-required="true"` : ''}
      ${invalid ? html`aria-invalid="true" aria-describedby="${errorId(o.name)}"` : ''}
    />
  </div>`;
}

/** A located problem of a file (plan or org): where, which field, why. */
export interface LocatedProblem {
  where: string;
  field?: string;
  reason: string;
}

/** Every problem of a refused file, in place under its form (role=alert so it is announced). */
export function problemTable(ctx: PageContext, problems: readonly LocatedProblem[]): SafeHtml {
  if (!problems.length) return html``;
  return html`<div class="alert alert-error file-problems" role="alert">
    <p>${t(ctx.lang, 'adm.problems', { n: problems.length })}</p>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(ctx.lang, 'adm.col.where')}</th>
            <th scope="col">${t(ctx.lang, 'adm.col.field')}</th>
            <th scope="col">${t(ctx.lang, 'adm.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          ${problems.map(
            (p) =>
              html`<tr>
                <td><code>${p.where}</code></td>
                <td>${p.field ?? ''}</td>
                <td>${p.reason}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </div>`;
}

/** Previous / next links over a paged list; `href(page)` builds each link. */
export function paging(
  ctx: PageContext,
  o: { page: number; pageSize: number; total: number; href: (page: number) => string },
): SafeHtml {
  const pages = Math.max(1, Math.ceil(o.total / o.pageSize));
  return html`<nav class="paging" aria-label="${t(ctx.lang, 'adm.paging')}">
    <p>${t(ctx.lang, 'adm.page', { page: o.page, pages, total: o.total })}</p>
    ${o.page > 1 ? html`<a href="${o.href(o.page - 1)}" rel="prev">${t(ctx.lang, 'adm.prev')}</a>` : ''}
    ${o.page < pages ? html`<a href="${o.href(o.page + 1)}" rel="next">${t(ctx.lang, 'adm.next')}</a>` : ''}
  </nav>`;
}

/** A back link to the administration landing page. */
export const adminBack = (ctx: PageContext): SafeHtml =>
  html`<p><a href="/ui/admin">${t(ctx.lang, 'adm.back')}</a></p>`;
