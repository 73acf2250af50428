import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnameseDate } from './vietnamese-date';

/** One thing the unit owes in the plan's first period. */
export interface PlanIssuedItem {
  obligationTitle: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  clause?: string;
}

export interface PlanIssuedMailContext {
  planNumber: string;
  planTitle: string;
  /** The issuing body, e.g. "Tỉnh ủy Bắc Ninh". */
  issuerName: string;
  /** `YYYY-MM-DD`. */
  issuedDate: string;
  unitName: string;
  /** The first period's label, e.g. "2021". */
  firstPeriod: string;
  firstPeriodItems: PlanIssuedItem[];
  /** Where the unit acknowledges receipt (and reads the plan). */
  ackUrl: string;
}

/**
 * Sent to each unit a new plan concerns: what the plan is, what the unit owes first and by when, and
 * a link to acknowledge receipt, so the collector knows the plan reached every unit.
 */
export function renderPlanIssued(ctx: PlanIssuedMailContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const issued = formatVietnameseDate(ctx.issuedDate, lang);
  const items = ctx.firstPeriodItems.map((i) => {
    const due = formatVietnameseDate(i.dueDate, lang);
    const clause = i.clause ? ` (${vi ? 'căn cứ' : 'clause'} ${i.clause})` : '';
    return {
      text: vi ? `${i.obligationTitle}${clause} – hạn ${due}` : `${i.obligationTitle}${clause} – due ${due}`,
    };
  });
  return renderLayout({
    lang,
    subject: vi
      ? `[Kế hoạch mới] Kế hoạch ${ctx.planNumber} – ${ctx.planTitle} – ban hành ${issued}`
      : `[New plan] Plan ${ctx.planNumber} – ${ctx.planTitle} – issued ${issued}`,
    greeting: vi ? `Kính gửi: ${ctx.unitName},` : `To: ${ctx.unitName},`,
    paragraphs: [
      vi
        ? `${ctx.issuerName} đã ban hành Kế hoạch số ${ctx.planNumber} (${ctx.planTitle}) ngày ${issued}. Đơn vị có trách nhiệm thực hiện các nhiệm vụ theo kế hoạch.`
        : `${ctx.issuerName} issued Plan No. ${ctx.planNumber} (${ctx.planTitle}) on ${issued}. Your unit has obligations under this plan.`,
    ],
    facts: [
      { label: vi ? 'Kế hoạch' : 'Plan', value: `${ctx.planNumber} – ${ctx.planTitle}` },
      { label: vi ? 'Cơ quan ban hành' : 'Issued by', value: ctx.issuerName },
      { label: vi ? 'Ngày ban hành' : 'Issued on', value: issued },
    ],
    sections: [
      {
        heading: vi
          ? `Nhiệm vụ của đơn vị trong kỳ đầu (kỳ ${ctx.firstPeriod})`
          : `Your unit's obligations in the first period (${ctx.firstPeriod})`,
        items,
      },
    ],
    action: {
      intro: vi
        ? 'Đề nghị đơn vị xem toàn văn kế hoạch và xác nhận đã nhận:'
        : 'Please read the full plan and acknowledge receipt:',
      label: vi ? 'Xác nhận đã nhận kế hoạch' : 'Acknowledge receipt of the plan',
      url: ctx.ackUrl,
    },
    closing: [
      vi
        ? 'Hệ thống sẽ nhắc đơn vị trước mỗi hạn hoàn thành.'
        : 'dondoc will remind your unit before each due date.',
    ],
  });
}
