import type {
  TimelineDto,
  WorkflowDescriptionDto,
  WorkflowPageDto,
} from '../../../api/src/admin/dto/admin-workflow.dto';
import { html } from '../html';
import { formatDateTime, t } from '../i18n';
import { layout } from '../layout';
import { errorSummary, facts, field, FieldErrors, PageContext } from '../page';
import { adminBack, selectField } from './admin-ui';

export const WORKFLOW_FILTERS = ['plan', 'obligation', 'unit', 'period', 'status', 'type'] as const;
export type WorkflowFilters = Partial<Record<(typeof WORKFLOW_FILTERS)[number], string>>;

const wfLink = (id: string) => `/ui/admin/workflows/${encodeURIComponent(id)}`;

/** GET /ui/admin/workflows: search by the search attributes (AdminWorkflowsService.list, as GET /admin/workflows). */
export function workflowSearchPage(
  ctx: PageContext,
  v: {
    values: WorkflowFilters;
    types: readonly string[];
    errors: FieldErrors;
    result?: WorkflowPageDto;
    /** This page's query without the page token, for the next-page link. */
    uiQuery: string;
  },
): string {
  const x = v.values;
  const r = v.result;
  return layout(ctx, {
    title: t(ctx.lang, 'adm.workflows'),
    body: html`${adminBack(ctx)}
      <p>${t(ctx.lang, 'adm.wf.intro')}</p>
      <form method="get" action="/ui/admin/workflows" class="card filters" novalidate>
        ${errorSummary(ctx, v.errors, [...WORKFLOW_FILTERS])}
        ${field(ctx, v.errors, { name: 'plan', label: t(ctx.lang, 'adm.wf.plan'), value: x.plan })}
        ${field(ctx, v.errors, { name: 'obligation', label: t(ctx.lang, 'adm.wf.obligation'), value: x.obligation })}
        ${field(ctx, v.errors, { name: 'unit', label: t(ctx.lang, 'adm.wf.unit'), value: x.unit })}
        ${field(ctx, v.errors, { name: 'period', label: t(ctx.lang, 'adm.wf.period'), value: x.period })}
        ${field(ctx, v.errors, { name: 'status', label: t(ctx.lang, 'adm.wf.status'), value: x.status })}
        ${selectField(v.errors, {
          name: 'type',
          label: t(ctx.lang, 'adm.wf.type'),
          options: [
            { value: '', label: t(ctx.lang, 'adm.audit.any') },
            ...v.types.map((y) => ({ value: y, label: y })),
          ],
          value: x.type ?? '',
        })}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.wf.search')}</button>
      </form>
      ${
        r
          ? html`<p class="muted">${t(ctx.lang, 'adm.wf.query', { query: r.query || '—' })}</p>
              ${
                r.items.length
                  ? html`<div class="table-wrap">
                        <table class="workflows">
                          <thead>
                            <tr>
                              <th scope="col">${t(ctx.lang, 'adm.wf.id')}</th>
                              <th scope="col">${t(ctx.lang, 'adm.wf.type')}</th>
                              <th scope="col">${t(ctx.lang, 'adm.wf.status')}</th>
                              <th scope="col">${t(ctx.lang, 'adm.wf.execution')}</th>
                              <th scope="col">${t(ctx.lang, 'adm.wf.started')}</th>
                            </tr>
                          </thead>
                          <tbody>
                            ${r.items.map(
                              (w) =>
                                html`<tr data-workflow="${w.workflowId}">
                                  <td><a href="${wfLink(w.workflowId)}">${w.workflowId}</a></td>
                                  <td>${w.type}</td>
                                  <td>${String(w.searchAttributes.DondocStatus ?? '')}</td>
                                  <td>${w.status}</td>
                                  <td>${formatDateTime(w.startTime)}</td>
                                </tr>`,
                            )}
                          </tbody>
                        </table>
                      </div>
                      ${
                        r.nextPageToken
                          ? html`<p>
                              <a
                                href="/ui/admin/workflows?${v.uiQuery ? `${v.uiQuery}&` : ''}nextPageToken=${encodeURIComponent(r.nextPageToken)}"
                                rel="next"
                                >${t(ctx.lang, 'adm.wf.more')}</a
                              >
                            </p>`
                          : ''
                      }`
                  : html`<p>${t(ctx.lang, 'adm.wf.none')}</p>`
              }`
          : ''
      }`,
  });
}

/**
 * GET /ui/admin/workflows/:id: what the workflow is (describe), its pending timers with their fire
 * time and pending activities, and the explained timeline of its history (AdminWorkflowsService).
 */
export function workflowPage(
  ctx: PageContext,
  v: { d: WorkflowDescriptionDto; timeline: TimelineDto },
): string {
  const d = v.d;
  return layout(ctx, {
    title: t(ctx.lang, 'adm.wf.title', { id: d.workflowId }),
    body: html`<p><a href="/ui/admin/workflows">← ${t(ctx.lang, 'adm.workflows')}</a></p>
      ${facts(
        [
          [t(ctx.lang, 'adm.wf.type'), d.type],
          [t(ctx.lang, 'adm.wf.execution'), d.status, 'execution'],
          [t(ctx.lang, 'adm.wf.status'), String(d.searchAttributes.DondocStatus ?? '—')],
          [t(ctx.lang, 'adm.wf.started'), formatDateTime(d.startTime)],
          !!d.closeTime && [t(ctx.lang, 'adm.wf.closed'), formatDateTime(d.closeTime)],
          [t(ctx.lang, 'adm.wf.events'), String(d.historyLength)],
          [t(ctx.lang, 'adm.wf.queue'), d.taskQueue],
        ],
        { wide: true },
      )}
      <p>
        <a href="/admin/workflows/${encodeURIComponent(d.workflowId)}/history"
          >${t(ctx.lang, 'adm.wf.rawHistory')}</a
        >
      </p>
      <section aria-labelledby="h-timers">
        <h2 id="h-timers">${t(ctx.lang, 'adm.wf.timers')}</h2>
        ${
          d.pendingTimers.length
            ? html`<div class="table-wrap">
                <table class="timers">
                  <thead>
                    <tr>
                      <th scope="col">${t(ctx.lang, 'adm.wf.timer')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.wf.firesAt')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.wf.started')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${d.pendingTimers.map(
                      (x) =>
                        html`<tr data-timer="${x.timerId}">
                          <td>${x.timerId}</td>
                          <td><time datetime="${x.firesAt}">${formatDateTime(x.firesAt)}</time></td>
                          <td>${formatDateTime(x.startedAt)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p>${t(ctx.lang, 'adm.wf.noTimers')}</p>`
        }
      </section>
      ${
        d.pendingActivities.length
          ? html`<section aria-labelledby="h-activities">
              <h2 id="h-activities">${t(ctx.lang, 'adm.wf.activities')}</h2>
              <ul>
                ${d.pendingActivities.map(
                  (a) =>
                    html`<li>
                      ${a.activityType} · ${a.state} · ${t(ctx.lang, 'adm.wf.attempt')} ${a.attempt}
                      ${a.lastFailure ? html`<span class="muted">${a.lastFailure}</span>` : ''}
                    </li>`,
                )}
              </ul>
            </section>`
          : ''
      }
      <section aria-labelledby="h-wf-timeline">
        <h2 id="h-wf-timeline">${t(ctx.lang, 'adm.wf.timeline')}</h2>
        <ol class="history wf-timeline">
          ${v.timeline.entries.map(
            (e) =>
              html`<li data-kind="${e.kind}">
                <time datetime="${e.at}">${formatDateTime(e.at)}</time>
                <span>${ctx.lang === 'en' ? e.en : e.vi}</span>
              </li>`,
          )}
        </ol>
      </section>`,
  });
}
