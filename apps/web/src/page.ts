import type { Request, Response } from 'express';
import { parse } from 'cookie';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { HttpException } from '@nestjs/common';
import { DomainException, FieldProblem } from '@dondoc/domain';
import type { Principal } from '../../api/src/auth/principal';
import { CSRF_COOKIE } from '../../api/src/auth/auth-cookies';
import { html, HtmlValue, SafeHtml } from './html';
import type { DeliverableDto } from '../../api/src/deliverables/dto/deliverable.dto';
import { formatDate, Lang, langOf, t, tKey } from './i18n';

/**
 * Page helpers shared by every UI controller and page (BTG, admin … pages use the same):
 *
 * - `pageContext(req)` → { lang, principal, csrf, path }: what a page needs to render the layout.
 * - `sendPage(res, markup, status?)` answers HTML with no-store and a strict CSP (no inline script).
 * - `csrfField(ctx)` the hidden `_csrf` input every POST form carries (checked by the AuthGuard).
 * - `problemsOf(e)` the `{field, reason}` list of a refusal (DomainException, a workflow's refusal,
 *   an HttpException with `errors`), or null when `e` is not one (rethrow it then).
 * - `FieldErrors` + `field()` / `fieldError()` render a labelled input with its errors in place
 *   (`aria-invalid`, `aria-describedby`), and `errorSummary()` the list at the top of a form.
 * - `safeNext(v)` a same-site relative path for ?next= redirects, or undefined.
 * - `facts([[label, value, class?], …])` a labelled facts list (dl); `deliverableFacts(lang, d)` the
 *   due date, status, bucket (and registrations) every deliverable shows; `bucketBadge`, `statusText`.
 */
export interface PageContext {
  lang: Lang;
  principal?: Principal;
  /** The session's CSRF token (the readable `dondoc_csrf` cookie); '' when not signed in. */
  csrf: string;
  /** The request path with its query, for the language switch's return. */
  path: string;
}

export function pageContext(req: Request): PageContext {
  const cookies = req.headers.cookie ? parse(req.headers.cookie) : {};
  return {
    lang: langOf(req),
    principal: req.principal,
    csrf: req.principal?.via === 'cookie' ? (cookies[CSRF_COOKIE] ?? '') : '',
    path: req.originalUrl,
  };
}

const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function sendPage(res: Response, markup: string, status = 200): void {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    })
    .send(markup);
}

/** A PRG redirect (303: the browser follows with GET). */
export function redirect(res: Response, to: string): void {
  res.redirect(303, to);
}

export const csrfField = (ctx: PageContext): SafeHtml =>
  html`<input type="hidden" name="_csrf" value="${ctx.csrf}" />`;

/** Only a path on this site: `/ui/…`, never `//host` or `/\host` or a scheme. */
export function safeNext(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.startsWith('/ui') || v.startsWith('//') || /[\\\r\n]/.test(v))
    return undefined;
  return v;
}

export function problemsOf(e: unknown): FieldProblem[] | null {
  if (e instanceof DomainException) {
    if (e.code !== 'validation' && e.code !== 'conflict') return null;
    return e.problems.length ? e.problems : [{ field: '', reason: e.message }];
  }
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
    const problems = (e.cause.details?.[0] as FieldProblem[] | undefined) ?? [];
    return problems.length ? problems : [{ field: '', reason: e.cause.message }];
  }
  if (e instanceof HttpException) {
    const body = e.getResponse();
    const errors =
      typeof body === 'object' && body !== null ? (body as { errors?: FieldProblem[] }).errors : undefined;
    if (errors?.length) return errors;
    if (e.getStatus() < 500 && e.getStatus() !== 401 && e.getStatus() !== 403)
      return [{ field: '', reason: e.message }];
  }
  return null;
}

/** Problems by field ('' for the form as a whole). */
export type FieldErrors = ReadonlyMap<string, readonly string[]>;
export const NO_ERRORS: FieldErrors = new Map();

/** Groups problems by field, in the caller's language where a message exists (`field.<field>.<kind>`). */
export function fieldErrors(lang: Lang, problems: readonly FieldProblem[]): FieldErrors {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    const field = p.field.replace(/\[\d+\]$/, '');
    const list = out.get(field) ?? [];
    list.push(localiseReason(lang, field, p.reason));
    out.set(field, list);
  }
  return out;
}

function localiseReason(lang: Lang, field: string, reason: string): string {
  if (field === 'document' && /attach|no document|required/i.test(reason))
    return t(lang, 'field.document.missing');
  if (field === 'coveredContents' && /missing|cover/i.test(reason))
    return t(lang, 'field.coveredContents.missing');
  if (field === 'version') return t(lang, 'field.version.stale');
  if (field === 'status') return t(lang, 'field.status.conflict');
  if (field === 'personId' && /already registered/i.test(reason)) return t(lang, 'member.already');
  if (/should not be empty|must be longer|must not be empty/i.test(reason)) return t(lang, 'login.required');
  return reason;
}

export const errorId = (name: string): string => `err-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The errors of one field, in place, referenced by the input's aria-describedby. */
export function fieldError(errors: FieldErrors, name: string): SafeHtml {
  const list = errors.get(name);
  if (!list?.length) return html``;
  return html`<p class="field-error" id="${errorId(name)}">${list.join(' ')}</p>`;
}

/** The form-level summary: a count and the problems that belong to no field shown on the form. */
export function errorSummary(ctx: PageContext, errors: FieldErrors, shown: readonly string[]): SafeHtml {
  if (errors.size === 0) return html``;
  const other = [...errors.entries()].filter(([f]) => !shown.includes(f)).flatMap(([, r]) => r);
  return html`<div class="alert alert-error" role="alert">
    <p>${t(ctx.lang, 'form.errors')}</p>
    ${
      other.length
        ? html`<ul>
            ${other.map((r) => html`<li>${r}</li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'password' | 'email' | 'file' | 'textarea';
  required?: boolean;
  autocomplete?: string;
  accept?: string;
  hint?: HtmlValue;
}

/** A labelled input (or textarea) with its errors right under it. */
export function field(ctx: PageContext, errors: FieldErrors, o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const invalid = errors.has(o.name);
  const describedBy = invalid ? errorId(o.name) : undefined;
  const attrs = html`id="${id}" name="${o.name}" ${o.required ? html`required aria-required="true"` : ''}
  ${invalid ? html`aria-invalid="true" aria-describedby="${describedBy}"` : ''}
  ${o.autocomplete ? html`autocomplete="${o.autocomplete}"` : ''}`;
  const input =
    o.type === 'textarea'
      ? html`<textarea ${attrs} rows="5">${o.value ?? ''}</textarea>`
      : o.type === 'file'
        ? html`<input type="file" ${attrs} ${o.accept ? html`accept="${o.accept}"` : ''} />`
        : html`<input type="${o.type ?? 'text'}" ${attrs} value="${o.value ?? ''}" />`;
  return html`<div class="field${invalid ? ' field-invalid' : ''}">
    <label for="${id}"
      >${o.label}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label
    >
    ${o.hint ? html`<p class="hint">${o.hint}</p>` : ''} ${fieldError(errors, o.name)} ${input}
  </div>`;
}

/** A status and its official bucket: colour plus text, never colour alone. */
export function bucketBadge(lang: Lang, bucket: string): SafeHtml {
  return html`<span class="badge bucket-${bucket}">${tKey(lang, `bucket.${bucket}`)}</span>`;
}

export function statusText(lang: Lang, status: string): string {
  return tKey(lang, `status.${status}`);
}

/** One fact of a `facts` list: label, value, and a class for the value. */
export type Fact = readonly [label: string, value: HtmlValue, valueClass?: string];

/** A labelled facts list (`<dl class="facts">`); null and false entries are left out. */
export function facts(list: ReadonlyArray<Fact | null | false>, o: { wide?: boolean } = {}): SafeHtml {
  return html`<dl class="facts${o.wide ? ' wide' : ''}">
    ${list.map((f) =>
      f
        ? html`<div>
            <dt>${f[0]}</dt>
            <dd ${f[2] ? html`class="${f[2]}"` : ''}>${f[1]}</dd>
          </div>`
        : '',
    )}
  </dl>`;
}

/** What every deliverable shows: due date, status, official bucket, and registrations in members mode. */
export function deliverableFacts(lang: Lang, d: DeliverableDto): Fact[] {
  return [
    [t(lang, 'col.due'), formatDate(d.dueDate)],
    [t(lang, 'col.status'), statusText(lang, d.status), 'status'],
    [t(lang, 'col.bucket'), bucketBadge(lang, d.bucket)],
    ...(d.memberCount > 0
      ? [
          [
            t(lang, 'col.members'),
            t(lang, 'deliverable.members', { done: d.registeredCount, all: d.memberCount }),
          ] as const,
        ]
      : []),
  ];
}
