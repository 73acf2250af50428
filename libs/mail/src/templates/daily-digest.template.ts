import { describeDeadline } from './deliverable-context';
import { renderLayout } from './layout';
import type { MailListItem, MailSection } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnameseDate, formatVietnamTime } from './vietnamese-date';

/** One deliverable named in a daily digest. */
export interface DailyDigestItem {
  planNumber: string;
  obligationTitle: string;
  unitName: string;
  period: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  /** >0 working days remain, 0 due today, <0 overdue by that many. */
  workingDaysLeft: number;
  url: string;
}

/** A submission waiting for the recipient's review (accept or return). */
export interface DailyDigestReviewItem {
  planNumber: string;
  obligationTitle: string;
  unitName: string;
  period: string;
  dueDate: string;
  /** ISO-8601 instant of the submission. */
  submittedAt: string;
  url: string;
}

export interface DailyDigestContext {
  /** The contact who chose a daily digest instead of one mail per event. */
  recipientName: string;
  /** The digest's working day, `YYYY-MM-DD`. */
  date: string;
  /** Deliverables the recipient follows: ≥0 days left go under "due soon", <0 under "overdue". */
  deliverables: DailyDigestItem[];
  awaitingReview: DailyDigestReviewItem[];
  /** One-line summaries of every other event of the day, already in the recipient's language. */
  otherNotices: string[];
  /** The recipient's overview page. */
  actUrl: string;
}

/**
 * One mail per working day for a contact who asked for digests: what falls due soon, what is overdue
 * (grouped per unit: escalations to BTG are digested per unit), what waits for the contact's review,
 * and anything else that happened. Empty sections are left out; the subject carries the counts.
 */
export function renderDailyDigest(ctx: DailyDigestContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const day = formatVietnameseDate(ctx.date, lang);
  const dueSoon = ctx.deliverables.filter((i) => i.workingDaysLeft >= 0);
  const overdue = ctx.deliverables.filter((i) => i.workingDaysLeft < 0);
  const counts = summary(
    dueSoon.length,
    overdue.length,
    ctx.awaitingReview.length,
    ctx.otherNotices.length,
    lang,
  );
  const sections: MailSection[] = [
    { heading: vi ? 'Sắp đến hạn' : 'Due soon', items: dueSoon.map((i) => deliverableItem(i, lang, true)) },
    { heading: vi ? 'Quá hạn' : 'Overdue', groups: byUnit(overdue, lang) },
    {
      heading: vi ? 'Chờ đơn vị xử lý' : 'Awaiting you',
      items: ctx.awaitingReview.map((i) => reviewItem(i, lang)),
    },
    { heading: vi ? 'Thông báo khác' : 'Other notices', items: ctx.otherNotices.map((text) => ({ text })) },
  ];
  return renderLayout({
    lang,
    subject: vi ? `[Tổng hợp ngày] ${day} – ${counts}` : `[Daily digest] ${day} – ${counts}`,
    greeting: vi ? `Kính gửi: ${ctx.recipientName},` : `To: ${ctx.recipientName},`,
    paragraphs: [
      vi
        ? `Hệ thống dondoc gửi đồng chí bản tổng hợp công việc ngày ${day}.`
        : `Here is your dondoc summary for ${day}.`,
    ],
    notice: overdue.length
      ? { text: vi ? `${overdue.length} việc quá hạn.` : `${overdue.length} overdue.`, tone: 'danger' }
      : undefined,
    sections,
    action: {
      intro: vi ? 'Xem toàn bộ công việc của đồng chí:' : 'See everything you follow:',
      label: vi ? 'Mở dondoc' : 'Open dondoc',
      url: ctx.actUrl,
    },
  });
}

function summary(dueSoon: number, overdue: number, awaiting: number, other: number, lang: Lang): string {
  const vi = lang === 'vi';
  const parts = [
    dueSoon ? (vi ? `${dueSoon} việc sắp đến hạn` : `${dueSoon} due soon`) : '',
    overdue ? (vi ? `${overdue} việc quá hạn` : `${overdue} overdue`) : '',
    awaiting ? (vi ? `${awaiting} việc chờ xử lý` : `${awaiting} awaiting you`) : '',
    other ? (vi ? `${other} thông báo khác` : `${other} other ${other === 1 ? 'notice' : 'notices'}`) : '',
  ].filter(Boolean);
  if (parts.length) return parts.join(', ');
  return vi ? 'không có việc mới' : 'nothing new';
}

/** Units in the order their first item arrives, so the caller decides (e.g. most overdue first). */
function byUnit(items: DailyDigestItem[], lang: Lang): { heading: string; items: MailListItem[] }[] {
  const units = [...new Set(items.map((i) => i.unitName))];
  return units.map((unit) => ({
    heading: unit,
    items: items.filter((i) => i.unitName === unit).map((i) => deliverableItem(i, lang, false)),
  }));
}

function deliverableItem(i: DailyDigestItem, lang: Lang, withUnit: boolean): MailListItem {
  const vi = lang === 'vi';
  const due = formatVietnameseDate(i.dueDate, lang);
  const unit = withUnit ? ` – ${i.unitName}` : '';
  const text = vi
    ? `${i.obligationTitle}${unit} (Kế hoạch ${i.planNumber}, kỳ ${i.period}) – hạn ${due}, ${describeDeadline(i.workingDaysLeft, lang)}`
    : `${i.obligationTitle}${unit} (Plan ${i.planNumber}, period ${i.period}) – due ${due}, ${describeDeadline(i.workingDaysLeft, lang)}`;
  return { text, url: i.url };
}

function reviewItem(i: DailyDigestReviewItem, lang: Lang): MailListItem {
  const vi = lang === 'vi';
  const due = formatVietnameseDate(i.dueDate, lang);
  const at = formatVietnamTime(i.submittedAt);
  const text = vi
    ? `${i.obligationTitle} – ${i.unitName} (Kế hoạch ${i.planNumber}, kỳ ${i.period}) – hạn ${due}, nộp lúc ${at}`
    : `${i.obligationTitle} – ${i.unitName} (Plan ${i.planNumber}, period ${i.period}) – due ${due}, submitted ${at}`;
  return { text, url: i.url };
}
