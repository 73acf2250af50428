import { deadlineTone, deliverableFacts, describeDeadline } from './deliverable-context';
import type { DeliverableMailContext } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnameseDate } from './vietnamese-date';

/**
 * `dueDate` and `workingDaysLeft` are the NEW ones the collector set for the resubmission: they are
 * what the unit must act on, so they fill the same facts every deliverable mail shows.
 */
export interface ReturnedMailContext extends DeliverableMailContext {
  /** The body that returned the submission. */
  collectorName: string;
  /** The collector's comments, quoted verbatim (the layout escapes them). */
  comments: string;
}

/** Tells the unit its submission was returned for rework: why, and by when to submit again. */
export function renderReturned(ctx: ReturnedMailContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const due = formatVietnameseDate(ctx.dueDate, lang);
  const deadline = describeDeadline(ctx.workingDaysLeft, lang);
  return renderLayout({
    lang,
    subject: vi
      ? `[Trả lại văn bản] Kế hoạch ${ctx.planNumber} – ${ctx.obligationTitle} – nộp lại trước hạn ${due}`
      : `[Returned] Plan ${ctx.planNumber} – ${ctx.obligationTitle} – resubmit by ${due}`,
    greeting: vi ? `Kính gửi: ${ctx.unitName},` : `To: ${ctx.unitName},`,
    paragraphs: [
      vi
        ? `${ctx.collectorName} đã trả lại văn bản của đơn vị cho nhiệm vụ dưới đây theo Kế hoạch số ${ctx.planNumber} (${ctx.planTitle}) để hoàn thiện và nộp lại.`
        : `${ctx.collectorName} has returned your unit's submission for the obligation below under Plan No. ${ctx.planNumber} (${ctx.planTitle}) for rework and resubmission.`,
    ],
    quote: {
      intro: vi ? `Ý kiến của ${ctx.collectorName}:` : `Comments from ${ctx.collectorName}:`,
      text: ctx.comments,
    },
    notice: {
      text: vi ? `Hạn nộp lại ${due}: ${deadline}.` : `Resubmit by ${due}: ${deadline}.`,
      tone: deadlineTone(ctx.workingDaysLeft),
    },
    facts: deliverableFacts(ctx, lang),
    action: {
      intro: vi ? 'Để nộp lại văn bản, vui lòng truy cập:' : 'To resubmit the document, please open:',
      label: vi ? 'Nộp lại văn bản trên dondoc' : 'Resubmit in dondoc',
      url: ctx.actUrl,
    },
  });
}
