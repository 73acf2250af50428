import { deliverableFacts } from './deliverable-context';
import type { DeliverableMailContext } from './deliverable-context';
import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnamTime } from './vietnamese-date';

export interface SubmissionReceiptContext extends DeliverableMailContext {
  /** ISO-8601 instant the submission was recorded. */
  submittedAt: string;
  /** The document's file name as uploaded; its contents never go into a mail. */
  fileName: string;
  /** SHA-256 of the document, hex (as stored beside it). */
  sha256: string;
}

/** 12 hex digits are enough for a person to compare with what they uploaded, short enough to read out. */
export function shortChecksum(sha256: string): string {
  return sha256.trim().toLowerCase().slice(0, 12);
}

/**
 * Tells the submitting unit its document arrived: when, under which name and with which checksum, so a
 * unit that doubts the upload can check it without calling the collector.
 */
export function renderSubmissionReceipt(ctx: SubmissionReceiptContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const at = formatVietnamTime(ctx.submittedAt);
  const facts = [
    ...deliverableFacts(ctx, lang),
    {
      label: vi ? 'Thời điểm nộp' : 'Submitted at',
      value: vi ? `${at} (giờ Việt Nam)` : `${at} (Vietnam time)`,
    },
    { label: vi ? 'Tệp văn bản' : 'Document file', value: ctx.fileName },
    { label: vi ? 'Mã kiểm tra (SHA-256)' : 'Checksum (SHA-256)', value: shortChecksum(ctx.sha256) },
  ];
  return renderLayout({
    lang,
    subject: vi
      ? `[Đã nhận văn bản] Kế hoạch ${ctx.planNumber} – ${ctx.obligationTitle} – kỳ ${ctx.period}`
      : `[Submission received] Plan ${ctx.planNumber} – ${ctx.obligationTitle} – period ${ctx.period}`,
    greeting: vi ? `Kính gửi: ${ctx.unitName},` : `To: ${ctx.unitName},`,
    paragraphs: [
      vi
        ? `Hệ thống dondoc đã nhận văn bản của đơn vị cho nhiệm vụ dưới đây theo Kế hoạch số ${ctx.planNumber} (${ctx.planTitle}).`
        : `dondoc has received your unit's document for the obligation below under Plan No. ${ctx.planNumber} (${ctx.planTitle}).`,
    ],
    notice: { text: vi ? `Đã nhận lúc ${at}.` : `Received at ${at}.`, tone: 'info' },
    facts,
    action: {
      intro: vi ? 'Xem văn bản đã nộp và tình trạng xử lý:' : 'See the submitted document and its review:',
      label: vi ? 'Mở nhiệm vụ trên dondoc' : 'Open the obligation in dondoc',
      url: ctx.actUrl,
    },
    closing: [
      vi
        ? 'Cơ quan tiếp nhận sẽ xem xét văn bản; đơn vị sẽ nhận được thông báo khi văn bản được chấp nhận hoặc trả lại.'
        : 'The collecting body will review the document; your unit will be told when it is accepted or returned.',
    ],
  });
}
