import { BUCKETS } from '@dondoc/domain';
import { deliverableFacts } from './deliverable-context';
import type { DeliverableMailContext } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';

export interface WaivedMailContext extends DeliverableMailContext {
  reason: string;
  /** The body that waived it, when known. */
  waivedBy?: string;
}

/** Tells the unit it no longer owes this deliverable, and why; reminders for it stop. */
export function renderWaived(ctx: WaivedMailContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const by = ctx.waivedBy
    ? vi
      ? `${ctx.waivedBy} đã quyết định miễn cho đơn vị`
      : `${ctx.waivedBy} has waived`
    : null;
  const facts = deliverableFacts(ctx, lang, BUCKETS.waived[lang]);
  if (ctx.waivedBy) facts.push({ label: vi ? 'Cơ quan quyết định' : 'Waived by', value: ctx.waivedBy });
  return renderLayout({
    lang,
    subject: vi
      ? `[Miễn thực hiện] Kế hoạch ${ctx.planNumber} – ${ctx.obligationTitle} – kỳ ${ctx.period}`
      : `[Waived] Plan ${ctx.planNumber} – ${ctx.obligationTitle} – period ${ctx.period}`,
    greeting: vi ? `Kính gửi: ${ctx.unitName},` : `To: ${ctx.unitName},`,
    paragraphs: [
      vi
        ? `${by ?? 'Đơn vị được miễn'} thực hiện nhiệm vụ dưới đây theo Kế hoạch số ${ctx.planNumber} (${ctx.planTitle}). Đơn vị không cần nộp văn bản cho nhiệm vụ này và sẽ không nhận thêm thư nhắc việc.`
        : `${by ?? 'Your unit is excused from'} the obligation below under Plan No. ${ctx.planNumber} (${ctx.planTitle}). Your unit need not submit anything for it and will get no further reminders.`,
    ],
    quote: { intro: vi ? 'Lý do:' : 'Reason:', text: ctx.reason },
    notice: { text: vi ? 'Nhiệm vụ được miễn thực hiện.' : 'This obligation is waived.', tone: 'info' },
    facts,
    action: {
      intro: vi ? 'Xem chi tiết nhiệm vụ:' : 'See the obligation:',
      label: vi ? 'Mở nhiệm vụ trên dondoc' : 'Open the obligation in dondoc',
      url: ctx.actUrl,
    },
  });
}
