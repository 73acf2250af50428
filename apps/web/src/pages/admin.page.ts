import type { AuditEntryDto } from '../../../api/src/audit/dto/audit.dto';
import type { MailLogItemDto } from '../../../api/src/mail/dto/mail.dto';
import { html, SafeHtml } from '../html';
import { formatDateTime, MessageKey, t } from '../i18n';
import { layout } from '../layout';
import { csrfField, errorSummary, field, FieldErrors, PageContext } from '../page';
import { adminBack, dateField, LocatedProblem, paging, problemTable, selectField } from './admin-ui';

/** The administration pages, each linked from the landing page. */
export const ADMIN_LINKS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['/ui/admin/org', 'adm.org'],
  ['/ui/admin/org/import', 'adm.import'],
  ['/ui/admin/plans', 'adm.plans'],
  ['/ui/admin/mail', 'adm.mail'],
  ['/ui/admin/inbox', 'adm.inbox'],
  ['/ui/admin/audit', 'adm.audit'],
  ['/ui/admin/workflows', 'adm.workflows'],
];

/** GET /ui/admin: links to every administration page. */
export function adminPage(
  ctx: PageContext,
  extra: ReadonlyArray<readonly [string, MessageKey]> = [],
): string {
  return layout(ctx, {
    title: t(ctx.lang, 'adm.title'),
    body: html`<p>${t(ctx.lang, 'adm.intro')}</p>
      <ul class="admin-links">
        ${[...ADMIN_LINKS, ...extra].map(([href, key]) => html`<li><a href="${href}">${t(ctx.lang, key)}</a></li>`)}
      </ul>`,
  });
}

/** GET /ui/admin/org/import: upload an org file; every problem in place with where it is. */
export function orgImportPage(
  ctx: PageContext,
  v: {
    values: { mode?: string; effectiveFrom?: string };
    errors: FieldErrors;
    problems: readonly LocatedProblem[];
    notice?: string;
  },
): string {
  return layout(ctx, {
    title: t(ctx.lang, 'adm.import'),
    notice: v.notice,
    body: html`${adminBack(ctx)}
      <form method="post" action="/ui/admin/org/import" enctype="multipart/form-data" class="card" novalidate>
        <p>${t(ctx.lang, 'adm.import.help')}</p>
        ${csrfField(ctx)} ${errorSummary(ctx, v.errors, ['document', 'mode', 'effectiveFrom'])}
        ${problemTable(ctx, v.problems)}
        ${field(ctx, v.errors, { name: 'document', label: t(ctx.lang, 'adm.file'), type: 'file', accept: '.json', required: true })}
        ${selectField(v.errors, {
          name: 'mode',
          label: t(ctx.lang, 'adm.import.mode'),
          options: [
            { value: 'merge', label: t(ctx.lang, 'adm.import.merge') },
            { value: 'replace', label: t(ctx.lang, 'adm.import.replace') },
          ],
          value: v.values.mode ?? 'merge',
        })}
        ${dateField(v.errors, { name: 'effectiveFrom', label: t(ctx.lang, 'adm.import.effectiveFrom'), value: v.values.effectiveFrom })}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.import.send')}</button>
      </form>`,
  });
}

function mailTable(ctx: PageContext, items: readonly MailLogItemDto[], resend: boolean): SafeHtml {
  return html`<div class="table-wrap">
    <table class="mail">
      <thead>
        <tr>
          <th scope="col">${t(ctx.lang, 'adm.col.time')}</th>
          <th scope="col">${t(ctx.lang, 'adm.col.recipient')}</th>
          <th scope="col">${t(ctx.lang, 'adm.col.subject')}</th>
          <th scope="col">${t(ctx.lang, 'adm.col.kind')}</th>
          ${resend ? html`<th scope="col">${t(ctx.lang, 'adm.col.error')}</th>` : ''}
          ${resend ? html`<th scope="col">${t(ctx.lang, 'adm.col.actions')}</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (m) =>
            html`<tr data-mail="${m.key}">
              <td>${formatDateTime(m.failedAt ?? m.sentAt ?? m.createdAt)}</td>
              <td>${m.recipient}</td>
              <td>${m.subject}</td>
              <td>${m.kind}</td>
              ${resend ? html`<td>${m.lastError ?? ''}</td>` : ''}
              ${
                resend
                  ? html`<td>
                      <form method="post" action="/ui/admin/mail/resend" class="inline">
                        ${csrfField(ctx)}
                        <input type="hidden" name="key" value="${m.key}" />
                        <button
                          type="submit"
                          aria-label="${t(ctx.lang, 'adm.mail.resendLabel', { subject: m.subject })}"
                        >
                          ${t(ctx.lang, 'adm.mail.resend')}
                        </button>
                      </form>
                    </td>`
                  : ''
              }
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** GET /ui/admin/mail: failed mail, newest first, each with a resend button. */
export function failedMailPage(
  ctx: PageContext,
  v: {
    items: readonly MailLogItemDto[];
    page: number;
    pageSize: number;
    total: number;
    notice?: string;
    error?: string;
  },
): string {
  return layout(ctx, {
    title: t(ctx.lang, 'adm.mail'),
    notice: v.notice,
    body: html`${adminBack(ctx)}
      <p>${t(ctx.lang, 'adm.mail.intro')}</p>
      ${v.error ? html`<div class="alert alert-error" role="alert">${v.error}</div>` : ''}
      ${
        v.items.length
          ? html`${mailTable(ctx, v.items, true)}
            ${paging(ctx, { ...v, href: (p) => `/ui/admin/mail?page=${p}` })}`
          : html`<p>${t(ctx.lang, 'adm.mail.none')}</p>`
      }`,
  });
}

export interface SinkMessage {
  index: number;
  subject: string;
  to: readonly string[];
  receivedAt: string;
}

/**
 * GET /ui/admin/inbox: in embedded mode (MAIL_INBOX_URL) what the SMTP sink received, read from its
 * own /api/messages; otherwise the log of mail sent (the outbox).
 */
export function inboxPage(
  ctx: PageContext,
  v:
    | { source: 'sink'; url: string; messages: readonly SinkMessage[] }
    | { source: 'outbox'; reason?: string; items: readonly MailLogItemDto[] },
): string {
  const body =
    v.source === 'sink'
      ? html`<p>${t(ctx.lang, 'adm.inbox.sink', { url: v.url })}</p>
          ${
            v.messages.length
              ? html`<div class="table-wrap">
                  <table class="inbox">
                    <thead>
                      <tr>
                        <th scope="col">${t(ctx.lang, 'adm.col.time')}</th>
                        <th scope="col">${t(ctx.lang, 'adm.col.recipient')}</th>
                        <th scope="col">${t(ctx.lang, 'adm.col.subject')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${v.messages.map(
                        (m) =>
                          html`<tr>
                            <td>${formatDateTime(m.receivedAt)}</td>
                            <td>${m.to.join(', ')}</td>
                            <td><a href="${v.url}/messages/${m.index}">${m.subject}</a></td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
              : html`<p>${t(ctx.lang, 'adm.inbox.none')}</p>`
          }`
      : html`<p>
            ${v.reason ? t(ctx.lang, 'adm.inbox.unreachable', { reason: v.reason }) : t(ctx.lang, 'adm.inbox.outbox')}
          </p>
          ${v.items.length ? mailTable(ctx, v.items, false) : html`<p>${t(ctx.lang, 'adm.inbox.none')}</p>`}`;
  return layout(ctx, { title: t(ctx.lang, 'adm.inbox'), body: html`${adminBack(ctx)} ${body}` });
}

export interface AuditFilterValues {
  username?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/** GET /ui/admin/audit: filters (a GET form), the page of entries, paging, the CSV link (same filters). */
export function auditPage(
  ctx: PageContext,
  v: {
    values: AuditFilterValues;
    errors: FieldErrors;
    items: readonly AuditEntryDto[];
    page: number;
    pageSize: number;
    total: number;
    /** These filters as this page's query (no page), for the paging links. */
    uiQuery: string;
    /** The same filters as the API's query, for the CSV export. */
    apiQuery: string;
  },
): string {
  const x = v.values;
  const q = v.uiQuery ? `${v.uiQuery}&` : '';
  return layout(ctx, {
    title: t(ctx.lang, 'adm.audit'),
    body: html`${adminBack(ctx)}
      <p>${t(ctx.lang, 'adm.audit.intro')}</p>
      <form method="get" action="/ui/admin/audit" class="card filters" novalidate>
        ${errorSummary(ctx, v.errors, ['username', 'action', 'outcome', 'from', 'to'])}
        ${field(ctx, v.errors, { name: 'username', label: t(ctx.lang, 'adm.audit.username'), value: x.username })}
        ${field(ctx, v.errors, { name: 'action', label: t(ctx.lang, 'adm.audit.action'), value: x.action })}
        ${selectField(v.errors, {
          name: 'outcome',
          label: t(ctx.lang, 'adm.audit.outcome'),
          options: [
            { value: '', label: t(ctx.lang, 'adm.audit.any') },
            { value: 'ok', label: 'ok' },
            { value: 'refused', label: 'refused' },
            { value: 'error', label: 'error' },
          ],
          value: x.outcome ?? '',
        })}
        ${dateField(v.errors, { name: 'from', label: t(ctx.lang, 'adm.audit.from'), value: x.from })}
        ${dateField(v.errors, { name: 'to', label: t(ctx.lang, 'adm.audit.to'), value: x.to })}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.audit.filter')}</button>
      </form>
      <p>
        <a class="csv" href="/audit/export.csv${v.apiQuery ? `?${v.apiQuery}` : ''}" download
          >${t(ctx.lang, 'adm.audit.csv')}</a
        >
      </p>
      ${
        v.items.length
          ? html`<div class="table-wrap">
                <table class="audit">
                  <thead>
                    <tr>
                      <th scope="col">${t(ctx.lang, 'adm.col.time')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.audit.username')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.audit.action')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.audit.target')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.audit.status')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.audit.outcome')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${v.items.map(
                      (e) =>
                        html`<tr data-action="${e.action}">
                          <td>${formatDateTime(e.at)}</td>
                          <td>${e.username ?? '—'}</td>
                          <td><code>${e.action}</code> <span class="muted">${e.method} ${e.path}</span></td>
                          <td>${e.target ?? ''}</td>
                          <td>${e.status}</td>
                          <td>
                            ${e.outcome}${e.problemTitle ? html` <span class="muted">${e.problemTitle}</span>` : ''}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              ${paging(ctx, { ...v, href: (p) => `/ui/admin/audit?${q}page=${p}` })}`
          : html`<p>${t(ctx.lang, 'adm.audit.none')}</p>`
      }`,
  });
}
