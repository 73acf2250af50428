import { renderLayout } from './layout';
import type { Lang, RenderedMail } from './types';
import { formatVietnamTime } from './vietnamese-date';

export interface DeliveryFailedMailContext {
  /** Whom this mail is for: the unit's head or an administrator. */
  recipientName: string;
  /** The unit whose contact could not be reached. */
  unitName: string;
  /** The address that refused the mail. */
  address: string;
  /** The failed mail's subject. */
  mailSubject: string;
  /** The permanent error as the receiving server gave it (or the last transient one, on giving up). */
  error: string;
  /** dondoc gave up after its attempts (transient errors every time), rather than a permanent refusal. */
  gaveUp?: boolean;
  /** ISO-8601 instant the delivery was given up, when known. */
  failedAt?: string;
  /** The admin outbox page for this mail. */
  outboxUrl: string;
}

const MAX_ERROR_CHARS = 300;

/**
 * A server's error text can be a whole transcript; 300 characters hold the status and the reason.
 * Counted in code points so a cut never splits a character.
 */
export function truncateError(error: string, max = MAX_ERROR_CHARS): string {
  const chars = Array.from(error.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Tells a unit's heads (and the administrators) that mail to one of its addresses bounces for good:
 * otherwise the unit silently stops getting reminders and is escalated for deadlines it never saw.
 */
export function renderDeliveryFailed(ctx: DeliveryFailedMailContext, lang: Lang): RenderedMail {
  const vi = lang === 'vi';
  const facts = [
    { label: vi ? 'Đơn vị' : 'Unit', value: ctx.unitName },
    { label: vi ? 'Địa chỉ nhận' : 'Address', value: ctx.address },
    { label: vi ? 'Tiêu đề thư' : 'Subject', value: ctx.mailSubject },
  ];
  if (ctx.failedAt) {
    const at = formatVietnamTime(ctx.failedAt);
    facts.push({
      label: vi ? 'Thời điểm' : 'When',
      value: vi ? `${at} (giờ Việt Nam)` : `${at} (Vietnam time)`,
    });
  }
  return renderLayout({
    lang,
    subject: vi
      ? `[Lỗi gửi thư] Không gửi được thư đến ${ctx.address} (${ctx.unitName})`
      : `[Delivery failed] Mail to ${ctx.address} could not be delivered (${ctx.unitName})`,
    greeting: vi ? `Kính gửi: ${ctx.recipientName},` : `To: ${ctx.recipientName},`,
    paragraphs: [
      vi
        ? `Thư “${ctx.mailSubject}” gửi đến địa chỉ ${ctx.address} của ${ctx.unitName} không thể chuyển đến người nhận. ${ctx.gaveUp ? 'Hệ thống đã thử gửi nhiều lần không thành công nên dừng gửi lại.' : 'Máy chủ nhận thư đã từ chối vĩnh viễn nên hệ thống sẽ không gửi lại.'}`
        : `The mail “${ctx.mailSubject}” to ${ctx.address} of ${ctx.unitName} could not be delivered. ${ctx.gaveUp ? 'dondoc tried many times without success and stopped retrying.' : 'The receiving server refused it permanently, so dondoc will not retry.'}`,
    ],
    quote: { intro: vi ? 'Thông báo lỗi của máy chủ:' : 'The server said:', text: truncateError(ctx.error) },
    notice: {
      text: vi
        ? 'Đơn vị có thể không nhận được thư nhắc việc cho đến khi địa chỉ được sửa.'
        : 'The unit may miss reminders until the address is corrected.',
      tone: 'danger',
    },
    facts,
    action: {
      intro: vi
        ? 'Đề nghị kiểm tra, cập nhật địa chỉ thư điện tử của đơn vị và xem thư chưa gửi được:'
        : "Please check and correct the unit's address, and see the undelivered mail:",
      label: vi ? 'Mở hộp thư đi' : 'Open the outbox',
      url: ctx.outboxUrl,
    },
  });
}
