import { html } from '../html';
import { MessageKey, t } from '../i18n';
import { layout } from '../layout';
import { PageContext } from '../page';

/** The BTG, BTV and admin landing pages until their own pages are built on this layout. */
export function placeholderPage(ctx: PageContext, titleKey: MessageKey): string {
  return layout(ctx, {
    title: t(ctx.lang, titleKey),
    body: html`<p>${t(ctx.lang, 'placeholder.soon')}</p>`,
  });
}
