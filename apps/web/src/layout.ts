import type { Role } from '../../api/src/auth/principal';
import { html, HtmlValue, SafeHtml } from './html';
import { Lang, MessageKey, t } from './i18n';
import { csrfField, PageContext } from './page';

/**
 * The one page shell of the web UI. `layout(ctx, { title, body })` answers a whole HTML document:
 * `<html lang>` from ctx.lang, the header (app name, the role's navigation, the signed-in account,
 * the language switch, sign-out), a skip link, `<main id="main">` with the page's only `<h1>` (the
 * title), then `body`. Pages never write their own h1 or <head>. Static files: /ui/static/app.css
 * and /ui/static/app.js (apps/web/static/). To add a page for a role, add its link to NAV below.
 */
export interface LayoutOptions {
  /** The page's h1 and the document title. */
  title: string;
  body: HtmlValue;
  /** Shown above the h1 (a flash message after a redirect, say). */
  notice?: HtmlValue;
}

/** The navigation each role sees: [href, label]. */
export const NAV: Record<Role, ReadonlyArray<readonly [string, MessageKey]>> = {
  officer: [
    ['/ui/inbox', 'nav.inbox'],
    ['/ui/issues/new', 'nav.reportIssue'],
  ],
  btg: [
    ['/ui/btg', 'nav.btg'],
    ['/ui/btg/overdue', 'nav.btgOverdue'],
    ['/ui/btg/review', 'nav.btgReview'],
    ['/ui/btg/extensions', 'nav.btgExtensions'],
    ['/ui/btg/issues', 'nav.btgIssues'],
  ],
  btv: [['/ui/btv', 'nav.btv']],
  admin: [
    ['/ui/admin', 'nav.admin'],
    ['/ui/btv', 'nav.btv'],
  ],
  member: [['/ui/member', 'nav.member']],
};

/** Where a role lands after signing in. */
export const HOME: Record<Role, string> = {
  officer: '/ui/inbox',
  btg: '/ui/btg',
  btv: '/ui/btv',
  admin: '/ui/admin',
  member: '/ui/member',
};

function langSwitch(ctx: PageContext): SafeHtml {
  const other: Lang = ctx.lang === 'vi' ? 'en' : 'vi';
  const back = encodeURIComponent(ctx.path);
  return html`<a
    class="lang-switch"
    href="/ui/lang/${other}?next=${back}"
    hreflang="${other}"
    lang="${other}"
    aria-label="${t(ctx.lang, 'nav.switchLangLabel')}"
    >${t(ctx.lang, 'nav.switchLang')}</a
  >`;
}

function header(ctx: PageContext): SafeHtml {
  const p = ctx.principal;
  const links = p ? NAV[p.role] : [];
  const current = ctx.path.split('?')[0];
  return html`<header class="site-header">
    <div class="bar">
      <a class="brand" href="/ui/">${t(ctx.lang, 'app.name')}</a>
      <div class="account">
        ${p ? html`<span class="who">${t(ctx.lang, 'nav.signedInAs', { name: p.username })}</span>` : ''}
        ${langSwitch(ctx)}
        ${
          p
            ? html`<form method="post" action="/ui/logout" class="inline">
                ${csrfField(ctx)}<button type="submit" class="link-button">
                  ${t(ctx.lang, 'nav.logout')}
                </button>
              </form>`
            : ''
        }
      </div>
    </div>
    ${
      links.length
        ? html`<nav aria-label="${t(ctx.lang, 'nav.main')}">
            <ul>
              ${links.map(
                ([href, key]) =>
                  html`<li>
                    <a href="${href}" ${current === href ? html`aria-current="page"` : ''}
                      >${t(ctx.lang, key)}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>`
        : ''
    }
  </header>`;
}

export function layout(ctx: PageContext, o: LayoutOptions): string {
  return (
    '<!doctype html>\n' +
    html`<html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} · ${t(ctx.lang, 'app.name')}</title>
        <link rel="stylesheet" href="/ui/static/app.css" />
        <script src="/ui/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${t(ctx.lang, 'nav.skip')}</a>
        ${header(ctx)}
        <main id="main" tabindex="-1">
          ${o.notice ? html`<div class="alert alert-ok" role="status">${o.notice}</div>` : ''}
          <h1>${o.title}</h1>
          ${o.body}
        </main>
      </body>
    </html>`.value
  );
}
