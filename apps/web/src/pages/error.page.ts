import { html } from '../html';
import { t } from '../i18n';
import { layout } from '../layout';
import { PageContext } from '../page';

/** A refusal or failure as a page (the UI never answers problem+json). */
export function errorPage(ctx: PageContext, message: string): string {
  return layout(ctx, {
    title: t(ctx.lang, 'error.title'),
    body: html`<p class="alert alert-error" role="alert">${message}</p>
      <p><a href="/ui/">${t(ctx.lang, 'error.back')}</a></p>`,
  });
}
