import { describeDeadline } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnameseDate } from './vietnamese-date';

/** One overdue deliverable named in a weekly digest. */
export interface DigestItem {
  unitName: string;
  obligationTitle: string;
  period: string;
  dueDate: string;
  /** Working days past the deadline (positive). */
  workingDaysOverdue: number;
}

export interface WeeklyDigestContext {
  planNumber: string;
  planTitle: string;
  /** The body told, e.g. "Ban Tuyên giáo Tỉnh ủy". */
  recipientName: string;
  /** The digest's day, `YYYY-MM-DD`. */
  date: string;
  items: DigestItem[];
  actUrl: string;
}

/**
 * The weekly urging after the escalation chain: one mail per recipient and week listing every
 * deliverable of the plan that is still not done, grouped by unit (issue 6: "escalations to BTG are
 * digested per unit"), instead of one mail per deliverable and week.
 */
export function renderWeeklyDigest(ctx: WeeklyDigestContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const units = [...new Set(ctx.items.map((i) => i.unitName))];
  const n = ctx.items.length;
  const day = formatVietnameseDate(ctx.date, lang);
  return renderLayout({
    lang,
    subject: vi
      ? `[Đôn đốc hằng tuần] ${n} nhiệm vụ quá hạn của ${units.length} đơn vị (Kế hoạch ${ctx.planNumber})`
      : `[Weekly follow-up] ${n} overdue obligations of ${units.length} units (Plan ${ctx.planNumber})`,
    greeting: vi ? `Kính gửi: ${ctx.recipientName},` : `To: ${ctx.recipientName},`,
    paragraphs: [
      vi
        ? `Đến ${day}, các đơn vị dưới đây vẫn chưa hoàn thành nhiệm vụ theo Kế hoạch số ${ctx.planNumber} – ${ctx.planTitle}, dù đã được nhắc và báo cáo theo từng cấp. Đề nghị đồng chí đôn đốc các đơn vị thực hiện.`
        : `As of ${day}, the units below have still not completed their obligations under Plan No. ${ctx.planNumber} – ${ctx.planTitle}, despite the reminders and escalations. Please urge them to act.`,
    ],
    notice: {
      text: vi ? `${n} nhiệm vụ chưa hoàn thành, quá hạn.` : `${n} obligations not done and overdue.`,
      tone: 'danger',
    },
    facts: units.flatMap((unit) =>
      ctx.items
        .filter((i) => i.unitName === unit)
        .map((i) => ({
          label: unit,
          value: vi
            ? `${i.obligationTitle} (kỳ ${i.period}), hạn ${formatVietnameseDate(i.dueDate, lang)}, ${describeDeadline(-i.workingDaysOverdue, lang)}`
            : `${i.obligationTitle} (period ${i.period}), due ${formatVietnameseDate(i.dueDate, lang)}, ${describeDeadline(-i.workingDaysOverdue, lang)}`,
        })),
    ),
    action: {
      intro: vi ? 'Xem tình hình thực hiện của toàn bộ kế hoạch:' : 'See where the whole plan stands:',
      label: vi ? 'Mở bảng theo dõi kế hoạch' : 'Open the plan status',
      url: ctx.actUrl,
    },
  });
}
