import type { IssueDetailDto } from '../../../api/src/issues/dto/issue.dto';
import { html, SafeHtml } from '../html';
import { formatDate, formatDateTime, t, tKey } from '../i18n';
import { layout } from '../layout';
import {
  csrfField,
  errorSummary,
  facts,
  field,
  FieldErrors,
  fieldError,
  errorId,
  PageContext,
} from '../page';
import { issueStateText } from './btv.page';

/** The direction form BTV (or an admin on its behalf) fills in on an escalated issue. */
export interface DirectionForm {
  byUnitId: string;
  units: ReadonlyArray<{ id: string; name: string }>;
  values: { units?: readonly string[]; dueDate?: string; instructions?: string };
  errors: FieldErrors;
}

export interface IssueView {
  issue: IssueDetailDto;
  unitNames: ReadonlyMap<string, string>;
  direction?: DirectionForm;
  notice?: string;
}

function directionForm(ctx: PageContext, f: DirectionForm, names: ReadonlyMap<string, string>): SafeHtml {
  const chosen = new Set(f.values.units ?? []);
  const invalid = f.errors.has('units');
  return html`<section aria-labelledby="h-direct">
    <h2 id="h-direct">${t(ctx.lang, 'iss.direct')}</h2>
    <p>${t(ctx.lang, 'iss.directHelp')}</p>
    <p>${t(ctx.lang, 'iss.actingAs', { unit: names.get(f.byUnitId) ?? f.byUnitId })}</p>
    ${errorSummary(ctx, f.errors, ['units', 'dueDate', 'instructions'])}
    <form method="post" action="directions" class="form" novalidate>
      ${csrfField(ctx)}
      <input type="hidden" name="byUnitId" value="${f.byUnitId}" />
      <div class="field${invalid ? ' field-invalid' : ''}">
        <label for="f-units">${t(ctx.lang, 'iss.units')}</label>
        <p class="hint" id="hint-units">${t(ctx.lang, 'iss.unitsHint')}</p>
        ${fieldError(f.errors, 'units')}
        <select
          id="f-units"
          name="units"
          multiple
          size="8"
          aria-describedby="hint-units${invalid ? ` ${errorId('units')}` : ''}"
          ${invalid ? html`aria-invalid="true"` : ''}
        >
          ${f.units.map(
            (u) => html`<option value="${u.id}" ${chosen.has(u.id) ? html`selected` : ''}>${u.name}</option>`,
          )}
        </select>
      </div>
      ${field(ctx, f.errors, { name: 'dueDate', label: t(ctx.lang, 'iss.dueDate'), value: f.values.dueDate })}
      ${field(ctx, f.errors, {
        name: 'instructions',
        label: t(ctx.lang, 'iss.instructions'),
        type: 'textarea',
        required: true,
        value: f.values.instructions,
      })}
      <button type="submit">${t(ctx.lang, 'iss.send')}</button>
    </form>
  </section>`;
}

/** GET /ui/issues/:id — one reported issue: facts, description, directions, timeline; BTV's direction form. */
export function issuePage(ctx: PageContext, v: IssueView): string {
  const i = v.issue;
  const name = (id: string | null | undefined) => (id ? (v.unitNames.get(id) ?? id) : '');
  return layout(ctx, {
    title: t(ctx.lang, 'iss.title', { title: i.title }),
    notice: v.notice,
    body: html`${facts([
        [t(ctx.lang, 'iss.id'), i.id],
        [t(ctx.lang, 'btv.col.reporter'), name(i.reporterUnitId)],
        [t(ctx.lang, 'btv.col.state'), issueStateText(ctx.lang, i.state), 'status'],
        [t(ctx.lang, 'iss.severity'), tKey(ctx.lang, `issue.${i.severity}`)],
        [t(ctx.lang, 'iss.reportedAt'), formatDateTime(i.reportedAt)],
        i.handlerUnitId ? [t(ctx.lang, 'iss.handler'), name(i.handlerUnitId)] : null,
        i.limitAt
          ? [
              t(ctx.lang, 'iss.limitAt'),
              html`${formatDate(i.limitAt)}
              ${i.overdue ? html`<strong>(${t(ctx.lang, 'iss.overdue')})</strong>` : ''}`,
            ]
          : null,
      ])}
      <section aria-labelledby="h-desc">
        <h2 id="h-desc">${t(ctx.lang, 'iss.description')}</h2>
        <p class="prewrap">${i.description}</p>
      </section>
      ${
        i.directions.length
          ? html`<section aria-labelledby="h-dirs">
              <h2 id="h-dirs">${t(ctx.lang, 'iss.directions')}</h2>
              <ul>
                ${i.directions.map(
                  (d) =>
                    html`<li>
                      ${t(ctx.lang, 'iss.direction', {
                        no: d.no,
                        date: formatDate(d.at),
                        instructions: d.instructions,
                      })}
                    </li>`,
                )}
              </ul>
            </section>`
          : ''
      }
      ${v.direction ? directionForm(ctx, v.direction, v.unitNames) : ''}
      <section aria-labelledby="h-timeline">
        <h2 id="h-timeline">${t(ctx.lang, 'iss.timeline')}</h2>
        <ol class="timeline">
          ${i.timeline.map(
            (e) =>
              html`<li>
                <time datetime="${e.at}">${formatDateTime(e.at)}</time> —
                ${tKey(ctx.lang, `issueEvent.${e.type}`)}${e.actorUnitId ? html` (${name(e.actorUnitId)})` : ''}${
                  e.reason ? html`: ${e.reason}` : ''
                }
              </li>`,
          )}
        </ol>
      </section>`,
  });
}
