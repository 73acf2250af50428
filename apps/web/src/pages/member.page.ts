import type { DeliverableDto } from '../../../api/src/deliverables/dto/deliverable.dto';
import { html } from '../html';
import { t } from '../i18n';
import { layout } from '../layout';
import { csrfField, deliverableFacts, facts, PageContext } from '../page';

export interface MemberView {
  unitName: string;
  items: readonly DeliverableDto[];
  notice?: string;
  error?: string;
}

/** GET /ui/member: the cell's commitment registrations and a button to register one's own. */
export function memberPage(ctx: PageContext, v: MemberView): string {
  return layout(ctx, {
    title: t(ctx.lang, 'member.title'),
    notice: v.notice,
    body: html`<p>${t(ctx.lang, 'member.intro', { unit: v.unitName })}</p>
      ${v.error ? html`<p class="alert alert-error" role="alert">${v.error}</p>` : ''}
      ${v.items.length === 0 ? html`<p>${t(ctx.lang, 'member.none')}</p>` : ''}
      <ul class="items">
        ${v.items.map(
          (d) =>
            html`<li class="item">
              <p class="item-title">${d.title} (${d.period})</p>
              ${facts(deliverableFacts(ctx.lang, d))}
              <form method="post" action="/ui/member/deliverables/${encodeURIComponent(d.id)}/registration">
                ${csrfField(ctx)}
                <button type="submit" class="primary">${t(ctx.lang, 'member.register')}</button>
              </form>
            </li>`,
        )}
      </ul>`,
  });
}
