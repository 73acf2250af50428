export type { Lang, RenderedMail } from './types';
export type { DeliverableMailContext } from './deliverable-context';
export { describeDeadline, deliverableFacts } from './deliverable-context';
export type { MailLayout, NoticeTone } from './layout';
export { renderLayout } from './layout';
export { escapeHtml } from './html-escape.util';
export { formatVietnameseDate } from './vietnamese-date';
export { renderReminder } from './reminder.template';
