import { deliverableFacts, describeDeadline } from './deliverable-context';
import type { DeliverableMailContext } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';

export interface EscalationMailContext extends DeliverableMailContext {
  /** The body told: the unit's superior, the collecting body, BTG or BTV. */
  recipientName: string;
}

/**
 * Tells a body above the owing unit that a deliverable is overdue, so it can urge the unit itself.
 * Sent along the plan's escalation chain (+3 working days to the collector and superior, +7 to BTG,
 * weekly after that).
 */
export function renderEscalation(ctx: EscalationMailContext, lang: Lang): RenderedMail {
  const late = describeDeadline(ctx.workingDaysLeft, lang);
  const vi = lang === 'vi';
  return renderLayout({
    lang,
    subject: vi
      ? `[Quá hạn] ${ctx.unitName} chưa nộp: ${ctx.obligationTitle} (Kế hoạch ${ctx.planNumber}) – ${late}`
      : `[Overdue] ${ctx.unitName} has not submitted: ${ctx.obligationTitle} (Plan ${ctx.planNumber}) – ${late}`,
    greeting: vi ? `Kính gửi: ${ctx.recipientName},` : `To: ${ctx.recipientName},`,
    paragraphs: [
      vi
        ? `${ctx.unitName} chưa hoàn thành nhiệm vụ dưới đây theo Kế hoạch số ${ctx.planNumber} và ${late}. Đề nghị đồng chí đôn đốc đơn vị thực hiện.`
        : `${ctx.unitName} has not completed the obligation below under Plan No. ${ctx.planNumber} and is ${late}. Please urge the unit to act.`,
    ],
    notice: {
      text: vi ? `Tình trạng: chưa hoàn thành, ${late}.` : `Status: not done, ${late}.`,
      tone: 'danger',
    },
    facts: deliverableFacts(ctx, lang),
    action: {
      intro: vi ? 'Xem chi tiết và lịch sử nhắc việc:' : 'See the details and the reminder history:',
      label: vi ? 'Mở nhiệm vụ trên dondoc' : 'Open the obligation in dondoc',
      url: ctx.actUrl,
    },
  });
}
