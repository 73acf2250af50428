import type { DeliverableDto, DeliverableEventDto } from '../../../api/src/deliverables/dto/deliverable.dto';
import type { DocumentDto } from '../../../api/src/deliverables/dto/document.dto';
import { html, SafeHtml } from '../html';
import type { ContentLabels } from '../web-data.service';
import { formatDate, formatDateTime, t, tKey } from '../i18n';
import { layout } from '../layout';
import {
  csrfField,
  deliverableFacts,
  errorSummary,
  facts,
  field,
  fieldError,
  FieldErrors,
  PageContext,
} from '../page';

export interface DeliverableView {
  deliverable: DeliverableDto;
  events: readonly DeliverableEventDto[];
  documents: readonly DocumentDto[];
  unitNames: ReadonlyMap<string, string>;
  /** Labels of the required contents by id (from the plan); the id itself where there is none. */
  contentLabels: ContentLabels;
  /** The caller may submit for the owing unit (an officer or admin). */
  maySubmit: boolean;
  errors: FieldErrors;
  /** What the failed form had ticked, to tick it again. */
  covered?: readonly string[];
  note?: string;
  notice?: string;
}

const SUBMITTABLE = new Set(['open', 'returned', 'overdue', 'escalated']);
const ACCEPT = '.pdf,.doc,.docx,.odt,.xls,.xlsx,.jpg,.jpeg,.png';

const contentLabel = (ctx: PageContext, v: DeliverableView, id: string): string =>
  v.contentLabels.get(id)?.[ctx.lang] ?? id;

function summary(ctx: PageContext, v: DeliverableView): SafeHtml {
  const d = v.deliverable;
  const name = (id: string | null) => (id ? (v.unitNames.get(id) ?? id) : '—');
  return facts(
    [
      [
        t(ctx.lang, 'deliverable.plan'),
        html`${d.planNumber ?? d.planId}${d.planTitle ? html` — ${d.planTitle}` : ''}`,
      ],
      [t(ctx.lang, 'deliverable.unit'), name(d.unitId)],
      [t(ctx.lang, 'deliverable.collector'), name(d.collectorUnitId)],
      [t(ctx.lang, 'deliverable.period'), d.period],
      ...deliverableFacts(ctx.lang, d),
    ],
    { wide: true },
  );
}

function history(ctx: PageContext, v: DeliverableView): SafeHtml {
  return html`<section aria-labelledby="h-history">
    <h2 id="h-history">${t(ctx.lang, 'deliverable.history')}</h2>
    <ol class="history">
      ${v.events.map(
        (e) =>
          html`<li data-event="${e.type}">
            <time datetime="${e.at}">${formatDateTime(e.at)}</time>
            <strong>${tKey(ctx.lang, `event.${e.type}`)}</strong>
            ${e.actorUnitId ? html`<span class="muted">${v.unitNames.get(e.actorUnitId) ?? e.actorUnitId}</span>` : ''}
            ${e.reason ? html`<span>${e.reason}</span>` : ''}
          </li>`,
      )}
    </ol>
  </section>`;
}

function documents(ctx: PageContext, v: DeliverableView): SafeHtml {
  const d = v.deliverable;
  return html`<section aria-labelledby="h-docs">
    <h2 id="h-docs">${t(ctx.lang, 'deliverable.documents')}</h2>
    ${
      v.documents.length === 0
        ? html`<p>${t(ctx.lang, 'deliverable.noDocuments')}</p>`
        : html`<ul class="documents">
            ${v.documents.map(
              (doc) =>
                html`<li>
                  <a href="/deliverables/${encodeURIComponent(d.id)}/documents/${doc.id}" download
                    >${doc.filename}</a
                  >
                  <span class="muted"
                    >${formatDateTime(doc.uploadedAt)} · ${Math.ceil(doc.size / 1024)} kB · SHA-256
                    ${doc.sha256.slice(0, 12)}…</span
                  >
                </li>`,
            )}
          </ul>`
    }
    ${
      d.lastReview
        ? html`<p>
            <strong>${t(ctx.lang, 'deliverable.review')}:</strong>
            ${tKey(ctx.lang, d.lastReview.decision === 'accept' ? 'event.accepted' : 'event.returned')}
            ${d.lastReview.comments ?? ''}
          </p>`
        : ''
    }
    ${d.extensions.map(
      (x) =>
        html`<p>
          ${t(ctx.lang, 'deliverable.extended', { from: formatDate(x.from), to: formatDate(x.to), reason: x.reason })}
        </p>`,
    )}
  </section>`;
}

function submitForm(ctx: PageContext, v: DeliverableView): SafeHtml {
  const d = v.deliverable;
  if (!SUBMITTABLE.has(d.status) || d.memberCount > 0 || !v.maySubmit)
    return html`<p class="muted">${SUBMITTABLE.has(d.status) ? '' : t(ctx.lang, 'deliverable.notOwed')}</p>`;
  const covered = new Set(v.covered ?? []);
  const coveredInvalid = v.errors.has('coveredContents');
  return html`<section aria-labelledby="h-submit" class="card">
    <h2 id="h-submit">${t(ctx.lang, 'deliverable.submit')}</h2>
    <form
      method="post"
      action="/ui/deliverables/${encodeURIComponent(d.id)}/submit"
      enctype="multipart/form-data"
      novalidate
    >
      ${csrfField(ctx)}
      <input type="hidden" name="unitId" value="${d.unitId}" />
      <input type="hidden" name="version" value="${d.version}" />
      ${errorSummary(ctx, v.errors, ['document', 'coveredContents', 'note'])}
      ${field(ctx, v.errors, { name: 'document', label: t(ctx.lang, 'deliverable.file'), type: 'file', required: true, accept: ACCEPT })}
      ${
        d.requiredContents.length === 0 && !coveredInvalid
          ? ''
          : html`<fieldset
              class="checklist${coveredInvalid ? ' field-invalid' : ''}"
              ${coveredInvalid ? html`aria-describedby="err-coveredContents"` : ''}
            >
              <legend>${t(ctx.lang, 'deliverable.covers')}</legend>
              ${fieldError(v.errors, 'coveredContents')}
              ${d.requiredContents.map(
                (c, i) =>
                  html`<div class="check">
                    <input
                      type="checkbox"
                      id="c-${i}"
                      name="coveredContents"
                      value="${c}"
                      ${covered.has(c) ? html`checked` : ''}
                    />
                    <label for="c-${i}">${contentLabel(ctx, v, c)}</label>
                  </div>`,
              )}
            </fieldset>`
      }
      ${field(ctx, v.errors, { name: 'note', label: t(ctx.lang, 'deliverable.note'), type: 'textarea', value: v.note })}
      <button type="submit" class="primary">${t(ctx.lang, 'deliverable.send')}</button>
    </form>
  </section>`;
}

/** GET /ui/deliverables/:id: clause, checklist, history, documents, the submit form, ask for an extension. */
export function deliverablePage(ctx: PageContext, v: DeliverableView): string {
  const d = v.deliverable;
  return layout(ctx, {
    title: d.title,
    notice: v.notice,
    body: html`${summary(ctx, v)}
      ${
        d.clause
          ? html`<section aria-labelledby="h-clause">
              <h2 id="h-clause">${t(ctx.lang, 'deliverable.clause')}</h2>
              <blockquote class="clause">${d.clause}</blockquote>
            </section>`
          : ''
      }
      <section aria-labelledby="h-required">
        <h2 id="h-required">${t(ctx.lang, 'deliverable.required')}</h2>
        ${
          d.requiredContents.length
            ? html`<ul class="required">
                ${d.requiredContents.map((c) => html`<li data-content="${c}">${contentLabel(ctx, v, c)}</li>`)}
              </ul>`
            : html`<p>${t(ctx.lang, 'deliverable.noRequired')}</p>`
        }
      </section>
      ${submitForm(ctx, v)} ${documents(ctx, v)} ${history(ctx, v)}
      ${
        v.maySubmit && SUBMITTABLE.has(d.status)
          ? html`<section aria-labelledby="h-ext">
              <h2 id="h-ext">${t(ctx.lang, 'deliverable.extension')}</h2>
              <p>${t(ctx.lang, 'deliverable.extensionHelp')}</p>
              <p>
                <a class="button" href="/ui/issues/new?deliverable=${encodeURIComponent(d.id)}"
                  >${t(ctx.lang, 'deliverable.extension')}</a
                >
              </p>
            </section>`
          : ''
      }`,
  });
}
