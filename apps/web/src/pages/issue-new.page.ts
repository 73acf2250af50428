import { ISSUE_SEVERITIES } from '@dondoc/domain';
import { html } from '../html';
import { t } from '../i18n';
import { layout } from '../layout';
import { csrfField, errorSummary, field, fieldError, FieldErrors, PageContext } from '../page';

export interface IssueFormValues {
  planId?: string;
  reporterUnitId?: string;
  title?: string;
  description?: string;
  severity?: string;
  reporterName?: string;
  reporterEmail?: string;
  /** Set when the form was opened from a deliverable (an extension request): back there afterwards. */
  deliverableId?: string;
}

export interface IssueFormView {
  plans: ReadonlyArray<{ id: string; label: string }>;
  units: ReadonlyArray<{ id: string; name: string }>;
  values: IssueFormValues;
  errors: FieldErrors;
}

function select(
  ctx: PageContext,
  errors: FieldErrors,
  name: string,
  label: string,
  options: ReadonlyArray<{ id: string; label: string }>,
  value?: string,
) {
  const invalid = errors.has(name);
  return html`<div class="field${invalid ? ' field-invalid' : ''}">
    <label for="f-${name}">${label} <span class="req" aria-hidden="true">*</span></label>
    ${fieldError(errors, name)}
    <select
      id="f-${name}"
      name="${name}"
      required
      aria-required="true"
      ${invalid ? html`aria-invalid="true" aria-describedby="err-${name}"` : ''}
    >
      ${options.map((o) => html`<option value="${o.id}" ${o.id === value ? html`selected` : ''}>${o.label}</option>`)}
    </select>
  </div>`;
}

/** GET /ui/issues/new: report a problem (also how an officer asks for an extension). */
export function issueNewPage(ctx: PageContext, v: IssueFormView): string {
  const x = v.values;
  const severity = x.severity === 'urgent' ? 'urgent' : 'normal';
  return layout(ctx, {
    title: t(ctx.lang, 'issue.title'),
    body: html`<p>${t(ctx.lang, 'issue.intro')}</p>
      <form method="post" action="/ui/issues" class="card" novalidate>
        ${csrfField(ctx)}
        ${x.deliverableId ? html`<input type="hidden" name="deliverable" value="${x.deliverableId}" />` : ''}
        ${errorSummary(ctx, v.errors, ['planId', 'reporterUnitId', 'title', 'description', 'severity', 'reporterName', 'reporterEmail'])}
        ${
          v.plans.length
            ? select(ctx, v.errors, 'planId', t(ctx.lang, 'issue.plan'), v.plans, x.planId)
            : html`<p class="alert alert-error">${t(ctx.lang, 'issue.noPlan')}</p>`
        }
        ${select(
          ctx,
          v.errors,
          'reporterUnitId',
          t(ctx.lang, 'issue.unit'),
          v.units.map((u) => ({ id: u.id, label: u.name })),
          x.reporterUnitId,
        )}
        ${field(ctx, v.errors, { name: 'title', label: t(ctx.lang, 'issue.subject'), value: x.title, required: true })}
        ${field(ctx, v.errors, { name: 'description', label: t(ctx.lang, 'issue.description'), value: x.description, type: 'textarea', required: true })}
        <fieldset>
          <legend>${t(ctx.lang, 'issue.severity')}</legend>
          ${fieldError(v.errors, 'severity')}
          ${ISSUE_SEVERITIES.map(
            (s) =>
              html`<div class="check">
                <input
                  type="radio"
                  id="sev-${s}"
                  name="severity"
                  value="${s}"
                  ${severity === s ? html`checked` : ''}
                />
                <label for="sev-${s}">${t(ctx.lang, `issue.${s}`)}</label>
              </div>`,
          )}
        </fieldset>
        ${field(ctx, v.errors, { name: 'reporterName', label: t(ctx.lang, 'issue.name'), value: x.reporterName, autocomplete: 'name' })}
        ${field(ctx, v.errors, { name: 'reporterEmail', label: t(ctx.lang, 'issue.email'), value: x.reporterEmail, type: 'email', autocomplete: 'email' })}
        <button type="submit" class="primary">${t(ctx.lang, 'issue.send')}</button>
      </form>`,
  });
}
