import type { IssueEventType } from '@dondoc/domain';
import { renderLayout, NoticeTone } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnameseDate } from './vietnamese-date';

/** Event types of a reported issue that a mail can be about: every one the issue records. */
export type IssueMailEvent = IssueEventType;

export interface IssueMailContext {
  issueId: string;
  title: string;
  planNumber: string;
  reporterUnitName: string;
  /** The body this mail is addressed to. */
  recipientName: string;
  /** The reporting unit gets a notice; others (BTG, BTV, directed units) are asked to act. */
  toReporter: boolean;
  event: IssueMailEvent;
  severity: 'normal' | 'urgent';
  /** Last working day of the running limit, `YYYY-MM-DD`, when one runs. */
  limitDate?: string;
  /** A direction's due date. */
  dueDate?: string;
  /** The question, answer, reason, instructions or resolution the event carries. */
  text?: string;
  actUrl: string;
}

type Words = { vi: string; en: string };

// What happened, as a short phrase ("Ban Tuyên giáo đã tiếp nhận").
const HAPPENED: Record<IssueMailEvent, Words> = {
  reported: { vi: 'Có vấn đề phát sinh mới được báo cáo', en: 'A new issue has been reported' },
  acknowledged: {
    vi: 'Ban Tuyên giáo đã tiếp nhận vấn đề',
    en: 'The Propaganda Department has acknowledged the issue',
  },
  'handler-assigned': {
    vi: 'Đã phân công người xử lý vấn đề',
    en: 'A handler has been assigned to the issue',
  },
  'info-requested': {
    vi: 'Đề nghị đơn vị bổ sung thông tin',
    en: 'More information is requested from the reporting unit',
  },
  'info-answered': { vi: 'Đơn vị đã bổ sung thông tin', en: 'The reporting unit has answered' },
  escalated: {
    vi: 'Vấn đề được báo cáo Ban Thường vụ cho ý kiến chỉ đạo',
    en: 'The issue has been referred to the Standing Committee for direction',
  },
  directed: { vi: 'Ban Thường vụ đã có ý kiến chỉ đạo', en: 'The Standing Committee has given direction' },
  'direction-deliverable-closed': {
    vi: 'Một đơn vị đã hoàn thành nhiệm vụ theo chỉ đạo',
    en: 'A unit has completed its directed task',
  },
  resolved: { vi: 'Vấn đề đã được giải quyết', en: 'The issue has been resolved' },
  closed: { vi: 'Vấn đề đã được đóng', en: 'The issue has been closed' },
  reopened: { vi: 'Vấn đề được mở lại để xử lý tiếp', en: 'The issue has been reopened' },
  'limit-reminder': { vi: 'Đã quá thời hạn xử lý vấn đề', en: 'The time limit for this issue has passed' },
  'limit-escalation': {
    vi: 'Vấn đề quá hạn được báo cáo lên cấp trên',
    en: 'The overdue issue is reported one level up',
  },
  'limit-repeat': { vi: 'Vấn đề vẫn quá hạn xử lý', en: 'The issue is still overdue' },
};

const TONE: Partial<Record<IssueMailEvent, NoticeTone>> = {
  'limit-reminder': 'warning',
  'limit-escalation': 'danger',
  'limit-repeat': 'danger',
  'info-requested': 'warning',
};

/**
 * One mail per step of a reported issue, Vietnamese first (English for contacts who asked for it).
 * The reporting unit is told of every step; the body holding the issue is asked to act.
 */
export function renderIssueNotice(ctx: IssueMailContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const what = HAPPENED[ctx.event][lang];
  const urgent = ctx.severity === 'urgent' ? (vi ? '[Khẩn] ' : '[Urgent] ') : '';
  const facts = [
    { label: vi ? 'Vấn đề' : 'Issue', value: `${ctx.title} (${ctx.issueId})` },
    { label: vi ? 'Đơn vị báo cáo' : 'Reported by', value: ctx.reporterUnitName },
    { label: vi ? 'Kế hoạch' : 'Plan', value: ctx.planNumber },
  ];
  if (ctx.dueDate)
    facts.push({
      label: vi ? 'Hạn thực hiện chỉ đạo' : 'Direction due',
      value: formatVietnameseDate(ctx.dueDate, lang),
    });
  if (ctx.limitDate)
    facts.push({
      label: vi ? 'Thời hạn hiện tại' : 'Current time limit',
      value: formatVietnameseDate(ctx.limitDate, lang),
    });
  const ask = vi
    ? 'Đề nghị đồng chí xem và xử lý theo thẩm quyền.'
    : 'Please review it and act within your remit.';
  const tell = vi ? 'Thông báo để đơn vị được biết.' : 'This is for your information.';
  return renderLayout({
    lang,
    subject: `${urgent}${vi ? 'Vấn đề phát sinh' : 'Reported issue'} ${ctx.issueId}: ${what}`,
    greeting: vi ? `Kính gửi: ${ctx.recipientName},` : `To: ${ctx.recipientName},`,
    paragraphs: [`${what}: “${ctx.title}”.`, ...(ctx.text ? [ctx.text] : []), ctx.toReporter ? tell : ask],
    notice: TONE[ctx.event] ? { text: what, tone: TONE[ctx.event]! } : undefined,
    facts,
    action: {
      intro: vi ? 'Xem chi tiết và toàn bộ diễn biến:' : 'See the details and the full timeline:',
      label: vi ? 'Mở vấn đề trên dondoc' : 'Open the issue in dondoc',
      url: ctx.actUrl,
    },
  });
}
