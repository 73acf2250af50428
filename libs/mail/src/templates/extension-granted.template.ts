import { deadlineTone, deliverableFacts, describeDeadline } from './deliverable-context';
import type { DeliverableMailContext } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnameseDate } from './vietnamese-date';

/** `dueDate` and `workingDaysLeft` are the new, extended ones. */
export interface ExtensionGrantedMailContext extends DeliverableMailContext {
  /** The due date before the extension, `YYYY-MM-DD`. */
  previousDueDate: string;
  reason: string;
  /** The body that granted it, e.g. "Ban Tuyên giáo Tỉnh ủy". */
  grantedBy: string;
}

/** Tells the unit its deadline moved: from when, to when, why and on whose authority. */
export function renderExtensionGranted(ctx: ExtensionGrantedMailContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const from = formatVietnameseDate(ctx.previousDueDate, lang);
  const to = formatVietnameseDate(ctx.dueDate, lang);
  const deadline = describeDeadline(ctx.workingDaysLeft, lang);
  return renderLayout({
    lang,
    subject: vi
      ? `[Gia hạn] Kế hoạch ${ctx.planNumber} – ${ctx.obligationTitle} – hạn mới ${to}`
      : `[Extension granted] Plan ${ctx.planNumber} – ${ctx.obligationTitle} – new due date ${to}`,
    greeting: vi ? `Kính gửi: ${ctx.unitName},` : `To: ${ctx.unitName},`,
    paragraphs: [
      vi
        ? `${ctx.grantedBy} đồng ý gia hạn nhiệm vụ dưới đây theo Kế hoạch số ${ctx.planNumber} (${ctx.planTitle}) từ ${from} đến ${to}.`
        : `${ctx.grantedBy} has extended the obligation below under Plan No. ${ctx.planNumber} (${ctx.planTitle}) from ${from} to ${to}.`,
    ],
    quote: { intro: vi ? 'Lý do gia hạn:' : 'Reason:', text: ctx.reason },
    notice: {
      text: vi ? `Hạn mới ${to}: ${deadline}.` : `New due date ${to}: ${deadline}.`,
      tone: deadlineTone(ctx.workingDaysLeft),
    },
    facts: [
      ...deliverableFacts(ctx, lang),
      { label: vi ? 'Hạn cũ' : 'Previous due date', value: from },
      { label: vi ? 'Cơ quan gia hạn' : 'Granted by', value: ctx.grantedBy },
    ],
    action: {
      intro: vi ? 'Xem nhiệm vụ và nộp văn bản:' : 'See the obligation and submit:',
      label: vi ? 'Mở nhiệm vụ trên dondoc' : 'Open the obligation in dondoc',
      url: ctx.actUrl,
    },
  });
}
