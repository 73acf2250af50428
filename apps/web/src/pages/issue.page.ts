import type { IssueDetailDto } from '../../../api/src/issues/dto/issue.dto';
import { html } from '../html';
import { formatDate, formatDateTime, t, tKey } from '../i18n';
import { layout } from '../layout';
import { csrfField, errorSummary, facts, field, FieldErrors, PageContext } from '../page';
import { dateField, selectField } from './admin-ui';
import { issueLastDay, issueStateText } from './btv.page';

/** The direction form BTV (or an admin on its behalf) fills in on an escalated issue. */
export interface DirectionForm {
  /** The unit the direction is recorded for (the session's BTV unit; for an admin, the BTV unit). */
  byUnitId: string;
  units: ReadonlyArray<{ id: string; name: string }>;
  values: { units?: readonly string[]; dueDate?: string; instructions?: string };
  errors: FieldErrors;
}

export interface IssueView {
  issue: IssueDetailDto;
  unitNames: ReadonlyMap<string, string>;
  /** Shown to BTV (and an admin) while a direction may be recorded. */
  direction?: DirectionForm;
  notice?: string;
}

/**
 * GET /ui/issues/:id: a reported issue as the caller's scope shows it: facts, description, BTV's
 * directions, the timeline (`.history li[data-event]`); for BTV the form that records a direction
 * (`IssuesService`, as POST /issues/:id/directions).
 */
export function issuePage(ctx: PageContext, v: IssueView): string {
  const i = v.issue;
  const name = (id: string | null | undefined) => (id ? (v.unitNames.get(id) ?? id) : '');
  const d = v.direction;
  return layout(ctx, {
    title: t(ctx.lang, 'iss.title', { title: i.title }),
    notice: v.notice,
    body: html`${facts(
        [
          [t(ctx.lang, 'iss.id'), i.id],
          [t(ctx.lang, 'btv.col.reporter'), name(i.reporterUnitId)],
          [t(ctx.lang, 'btv.col.state'), issueStateText(ctx.lang, i.state), 'issue-state'],
          [t(ctx.lang, 'iss.severity'), tKey(ctx.lang, `issue.${i.severity}`)],
          [t(ctx.lang, 'iss.reportedAt'), formatDateTime(i.reportedAt)],
          !!i.handlerUnitId && [t(ctx.lang, 'iss.handler'), name(i.handlerUnitId)],
          !!i.limitAt && [
            t(ctx.lang, 'iss.limitAt'),
            html`${formatDate(issueLastDay(i)!)}${i.overdue ? html` <strong>(${t(ctx.lang, 'iss.overdue')})</strong>` : ''}`,
          ],
        ],
        { wide: true },
      )}
      <section aria-labelledby="h-desc">
        <h2 id="h-desc">${t(ctx.lang, 'iss.description')}</h2>
        <p class="description">${i.description}</p>
      </section>
      ${
        i.directions.length
          ? html`<section aria-labelledby="h-directions">
              <h2 id="h-directions">${t(ctx.lang, 'iss.directions')}</h2>
              <ul class="directions">
                ${i.directions.map(
                  (x) =>
                    html`<li>
                      <p>
                        ${t(ctx.lang, 'iss.direction', {
                          no: x.no,
                          date: formatDate(x.at),
                          instructions: x.instructions,
                        })}
                      </p>
                      ${
                        x.units.length
                          ? html`<p class="muted">
                              ${t(ctx.lang, 'iss.directionUnits', {
                                units: x.units.map(name).join(', '),
                                due: x.dueDate ? formatDate(x.dueDate) : '',
                              })}
                            </p>`
                          : ''
                      }
                    </li>`,
                )}
              </ul>
            </section>`
          : ''
      }
      ${
        d
          ? html`<form
              method="post"
              action="/ui/issues/${encodeURIComponent(i.id)}/directions"
              class="card"
              novalidate
            >
              <h2>${t(ctx.lang, 'iss.direct')}</h2>
              <p>${t(ctx.lang, 'iss.directHelp')}</p>
              <p class="muted">${t(ctx.lang, 'iss.actingAs', { unit: name(d.byUnitId) })}</p>
              ${csrfField(ctx)}
              <input type="hidden" name="byUnitId" value="${d.byUnitId}" />
              ${errorSummary(ctx, d.errors, ['units', 'dueDate', 'instructions'])}
              ${selectField(d.errors, {
                name: 'units',
                label: t(ctx.lang, 'iss.units'),
                options: d.units.map((u) => ({ value: u.id, label: u.name })),
                value: d.values.units,
                multiple: true,
                hint: t(ctx.lang, 'iss.unitsHint'),
              })}
              ${dateField(d.errors, { name: 'dueDate', label: t(ctx.lang, 'iss.dueDate'), value: d.values.dueDate })}
              ${field(ctx, d.errors, {
                name: 'instructions',
                label: t(ctx.lang, 'iss.instructions'),
                value: d.values.instructions,
                type: 'textarea',
                required: true,
              })}
              <button type="submit" class="primary">${t(ctx.lang, 'iss.send')}</button>
            </form>`
          : ''
      }
      <section aria-labelledby="h-timeline">
        <h2 id="h-timeline">${t(ctx.lang, 'iss.timeline')}</h2>
        <ol class="history">
          ${i.timeline.map(
            (e) =>
              html`<li data-event="${e.type}">
                <time datetime="${e.at}">${formatDateTime(e.at)}</time>
                <span>${tKey(ctx.lang, `issueEvent.${e.type}`)}</span>
                ${e.actorUnitId ? html`<span class="muted">${name(e.actorUnitId)}</span>` : ''}
                ${e.reason ? html`<span>${e.reason}</span>` : ''}
              </li>`,
          )}
        </ol>
      </section>`,
  });
}
