/**
 * The `html` tagged template: every interpolation is escaped unless it is already SafeHtml (the result
 * of another `html` call, or `raw()` for trusted markup you wrote yourself). Arrays are joined;
 * null, undefined and false render as nothing. So `html\`<p>${userText}</p>\`` is XSS-safe by default.
 *
 *   html`<li>${item.title}</li>`                      // escaped text
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` // nested templates stay markup
 *   raw('<br>')                                        // trusted, never user input
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return new SafeHtml(out);
}

/** Markup you wrote yourself (never user input). */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);
