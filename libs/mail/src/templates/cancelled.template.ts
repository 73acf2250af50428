import { BUCKETS } from '@dondoc/domain';
import { deliverableFacts } from './deliverable-context';
import type { DeliverableMailContext } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';

export interface CancelledMailContext extends DeliverableMailContext {
  /** Why, e.g. the plan was cancelled or the unit reorganised. */
  reason: string;
}

/** Tells the unit a deliverable it owed no longer exists, so it stops work on it. */
export function renderCancelled(ctx: CancelledMailContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  return renderLayout({
    lang,
    subject: vi
      ? `[Hủy nhiệm vụ] Kế hoạch ${ctx.planNumber} – ${ctx.obligationTitle} – kỳ ${ctx.period}`
      : `[Cancelled] Plan ${ctx.planNumber} – ${ctx.obligationTitle} – period ${ctx.period}`,
    greeting: vi ? `Kính gửi: ${ctx.unitName},` : `To: ${ctx.unitName},`,
    paragraphs: [
      vi
        ? `Nhiệm vụ dưới đây theo Kế hoạch số ${ctx.planNumber} (${ctx.planTitle}) đã được hủy. Đơn vị không cần nộp văn bản cho nhiệm vụ này và sẽ không nhận thêm thư nhắc việc.`
        : `The obligation below under Plan No. ${ctx.planNumber} (${ctx.planTitle}) has been cancelled. Your unit need not submit anything for it and will get no further reminders.`,
    ],
    quote: { intro: vi ? 'Lý do:' : 'Reason:', text: ctx.reason },
    notice: { text: vi ? 'Nhiệm vụ đã được hủy.' : 'This obligation is cancelled.', tone: 'info' },
    facts: deliverableFacts(ctx, lang, BUCKETS.cancelled[lang]),
    action: {
      intro: vi ? 'Xem chi tiết nhiệm vụ:' : 'See the obligation:',
      label: vi ? 'Mở nhiệm vụ trên dondoc' : 'Open the obligation in dondoc',
      url: ctx.actUrl,
    },
  });
}
