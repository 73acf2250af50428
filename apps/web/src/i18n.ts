import type { Request } from 'express';
import { parse } from 'cookie';
import { vnDateOf, VN_OFFSET_MINUTES } from '@dondoc/calendar';
import { BTG_MESSAGES } from './i18n.btg';
import { ADMIN_MESSAGES } from './i18n.admin';

/**
 * Every string of the web UI, as `{ vi, en }` pairs: Vietnamese by default, English when the `lang`
 * cookie says so (set by /ui/lang/en and /ui/lang/vi). Pages call `t(lang, 'key', { name: … })`;
 * `{name}` placeholders are filled from the params. Add keys here, never strings in a page.
 * Dates are shown as dd/mm/yyyy in Asia/Ho_Chi_Minh (formatDate, formatDateTime).
 */
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const LANG_COOKIE = 'lang';

const M = {
  ...BTG_MESSAGES,
  ...ADMIN_MESSAGES,
  'app.name': { vi: 'Đôn đốc', en: 'Đôn đốc' },
  'app.tagline': { vi: 'Theo dõi thời hạn thực hiện kế hoạch', en: 'Plan deadlines and submissions' },
  'nav.skip': { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to main content' },
  'nav.main': { vi: 'Điều hướng chính', en: 'Main navigation' },
  'nav.inbox': { vi: 'Việc cần nộp', en: 'What we owe' },
  'nav.reportIssue': { vi: 'Báo cáo vấn đề', en: 'Report a problem' },
  'nav.btg': { vi: 'Bảng điều khiển', en: 'Dashboard' },
  'nav.btv': { vi: 'Ban Thường vụ', en: 'Standing Committee' },
  'nav.admin': { vi: 'Quản trị', en: 'Administration' },
  'nav.member': { vi: 'Đăng ký của tôi', en: 'My registration' },
  'nav.signedInAs': { vi: 'Đăng nhập: {name}', en: 'Signed in: {name}' },
  'nav.logout': { vi: 'Đăng xuất', en: 'Sign out' },
  'nav.switchLang': { vi: 'English', en: 'Tiếng Việt' },
  'nav.switchLangLabel': { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  'login.title': { vi: 'Đăng nhập', en: 'Sign in' },
  'login.username': { vi: 'Tên đăng nhập', en: 'Username' },
  'login.password': { vi: 'Mật khẩu', en: 'Password' },
  'login.submit': { vi: 'Đăng nhập', en: 'Sign in' },
  'login.bad': { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  'login.throttled': {
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
    en: 'Too many failed attempts. Try again in {seconds} seconds.',
  },
  'login.required': { vi: 'Vui lòng nhập.', en: 'Please fill this in.' },
  'inbox.title': { vi: 'Việc đơn vị cần nộp', en: 'What the unit owes' },
  'inbox.intro': {
    vi: 'Các văn bản đơn vị {unit} (và các đơn vị trực thuộc) phải nộp, theo hạn nộp; quá hạn xếp trước.',
    en: 'Documents {unit} (and the units under it) must hand in, by due date; overdue first.',
  },
  'inbox.empty': { vi: 'Không có việc nào cần nộp.', en: 'Nothing is owed.' },
  'inbox.overdue': { vi: 'Quá hạn', en: 'Overdue' },
  'inbox.due': { vi: 'Hạn nộp {date}', en: 'Due {date}' },
  'inbox.done': { vi: 'Đã nộp hoặc đã xong', en: 'Submitted or finished' },
  'col.unit': { vi: 'Đơn vị', en: 'Unit' },
  'col.title': { vi: 'Nội dung', en: 'What' },
  'col.period': { vi: 'Kỳ', en: 'Period' },
  'col.due': { vi: 'Hạn nộp', en: 'Due date' },
  'col.status': { vi: 'Trạng thái', en: 'Status' },
  'col.bucket': { vi: 'Đánh giá', en: 'Assessment' },
  'col.total': { vi: 'Tổng', en: 'Total' },
  'col.members': { vi: 'Đăng ký', en: 'Registrations' },
  'sub.title': { vi: 'Tình hình các đơn vị trực thuộc', en: 'Units under us' },
  'deliverable.plan': { vi: 'Kế hoạch', en: 'Plan' },
  'deliverable.clause': { vi: 'Nội dung kế hoạch', en: 'Plan clause' },
  'deliverable.unit': { vi: 'Đơn vị thực hiện', en: 'Owing unit' },
  'deliverable.collector': { vi: 'Nơi nhận', en: 'Collected by' },
  'deliverable.period': { vi: 'Kỳ', en: 'Period' },
  'deliverable.due': { vi: 'Hạn nộp', en: 'Due date' },
  'deliverable.required': { vi: 'Nội dung bắt buộc', en: 'Required contents' },
  'deliverable.noRequired': { vi: 'Không có nội dung bắt buộc.', en: 'No required contents.' },
  'deliverable.history': { vi: 'Lịch sử', en: 'History' },
  'deliverable.documents': { vi: 'Văn bản đã nộp', en: 'Submitted documents' },
  'deliverable.noDocuments': { vi: 'Chưa có văn bản.', en: 'No document yet.' },
  'deliverable.submit': { vi: 'Nộp văn bản', en: 'Submit the document' },
  'deliverable.file': {
    vi: 'Tệp văn bản (PDF, DOC, DOCX, ODT, XLS, XLSX, JPG, PNG)',
    en: 'Document file (PDF, DOC, DOCX, ODT, XLS, XLSX, JPG, PNG)',
  },
  'deliverable.covers': { vi: 'Văn bản có các nội dung', en: 'The document covers' },
  'deliverable.note': { vi: 'Ghi chú (không bắt buộc)', en: 'Note (optional)' },
  'deliverable.send': { vi: 'Nộp', en: 'Submit' },
  'deliverable.submitted': { vi: 'Đã nộp văn bản.', en: 'The document was submitted.' },
  'deliverable.notOwed': { vi: 'Không còn phải nộp.', en: 'Nothing more to hand in.' },
  'deliverable.extension': {
    vi: 'Báo cáo vướng mắc / xin gia hạn',
    en: 'Report a problem / ask for an extension',
  },
  'deliverable.extensionHelp': {
    vi: 'Chỉ nơi nhận (Ban Tuyên giáo hoặc cấp trên) mới gia hạn được: đề nghị của đồng chí được gửi thành một vấn đề phát sinh.',
    en: 'Only the collector (BTG or the level above) can extend: your request is filed as a reported issue.',
  },
  'deliverable.members': { vi: 'Đảng viên đã đăng ký: {done}/{all}', en: 'Members registered: {done}/{all}' },
  'deliverable.extended': {
    vi: 'Gia hạn từ {from} đến {to}: {reason}',
    en: 'Extended from {from} to {to}: {reason}',
  },
  'deliverable.review': { vi: 'Kết quả xem xét', en: 'Review' },
  'issue.title': { vi: 'Báo cáo vấn đề phát sinh', en: 'Report a problem' },
  'issue.intro': {
    vi: 'Vấn đề được gửi tới Ban Tuyên giáo Tỉnh ủy; đồng chí được thông báo ở mỗi bước xử lý.',
    en: 'The problem goes to the Propaganda Department (BTG); you are told of every step.',
  },
  'issue.plan': { vi: 'Kế hoạch', en: 'Plan' },
  'issue.unit': { vi: 'Đơn vị báo cáo', en: 'Reporting unit' },
  'issue.subject': { vi: 'Tiêu đề', en: 'Title' },
  'issue.description': { vi: 'Nội dung', en: 'Description' },
  'issue.severity': { vi: 'Mức độ', en: 'Severity' },
  'issue.normal': { vi: 'Bình thường', en: 'Normal' },
  'issue.urgent': { vi: 'Khẩn', en: 'Urgent' },
  'issue.name': { vi: 'Người báo cáo (không bắt buộc)', en: 'Your name (optional)' },
  'issue.email': { vi: 'Thư điện tử (không bắt buộc)', en: 'E-mail (optional)' },
  'issue.send': { vi: 'Gửi báo cáo', en: 'Send the report' },
  'issue.sent': { vi: 'Đã gửi báo cáo vấn đề (mã {id}).', en: 'The problem was reported (id {id}).' },
  'issue.extensionTitle': {
    vi: 'Xin gia hạn: {title} ({period})',
    en: 'Extension request: {title} ({period})',
  },
  'issue.noPlan': { vi: 'Chưa có kế hoạch nào.', en: 'No plan yet.' },
  'member.title': { vi: 'Đăng ký học tập và làm theo', en: 'Commitment registration' },
  'member.intro': {
    vi: 'Đăng ký hằng năm của đảng viên tại chi bộ {unit}.',
    en: "The yearly commitment registration of the cell {unit}'s members.",
  },
  'member.none': { vi: 'Chi bộ chưa có đợt đăng ký nào.', en: 'Your cell has no registration open.' },
  'member.register': { vi: 'Đăng ký của tôi', en: 'Register my commitment' },
  'member.already': { vi: 'Đồng chí đã đăng ký rồi.', en: 'You have already registered.' },
  'member.registered': { vi: 'Đã ghi nhận đăng ký của đồng chí.', en: 'Your registration is recorded.' },
  'error.title': { vi: 'Có lỗi', en: 'Something went wrong' },
  'error.notFound': {
    vi: 'Không tìm thấy trang hoặc dữ liệu này.',
    en: 'This page or record was not found.',
  },
  'error.forbidden': { vi: 'Đồng chí không có quyền thực hiện việc này.', en: 'You may not do this.' },
  'error.csrf': {
    vi: 'Phiên làm việc của biểu mẫu đã hết hạn. Vui lòng tải lại trang và thử lại.',
    en: 'The form expired. Reload the page and try again.',
  },
  'error.internal': { vi: 'Lỗi hệ thống; đã được ghi lại.', en: 'An internal error; it was logged.' },
  'error.back': { vi: 'Về trang chính', en: 'Back to the start' },
  'form.errors': { vi: 'Vui lòng sửa các lỗi dưới đây.', en: 'Please correct the errors below.' },
  'form.required': { vi: 'Bắt buộc', en: 'Required' },
  'field.document.missing': { vi: 'Chọn tệp văn bản cần nộp.', en: 'Choose the document file.' },
  'field.coveredContents.missing': {
    vi: 'Văn bản phải có đủ các nội dung bắt buộc.',
    en: 'The document must cover every required content.',
  },
  'field.version.stale': {
    vi: 'Hồ sơ đã thay đổi từ khi đồng chí mở trang. Vui lòng xem lại rồi nộp lại.',
    en: 'This changed since you opened the page. Check it and submit again.',
  },
  'field.status.conflict': {
    vi: 'Không thể thực hiện ở trạng thái hiện tại của hồ sơ.',
    en: 'Not possible in the current state.',
  },
  'status.scheduled': { vi: 'Chưa mở', en: 'Scheduled' },
  'status.open': { vi: 'Đang thực hiện', en: 'Open' },
  'status.submitted': { vi: 'Đã nộp', en: 'Submitted' },
  'status.accepted': { vi: 'Đã chấp nhận', en: 'Accepted' },
  'status.returned': { vi: 'Bị trả lại', en: 'Returned' },
  'status.overdue': { vi: 'Quá hạn', en: 'Overdue' },
  'status.escalated': { vi: 'Quá hạn, đã báo cấp trên', en: 'Overdue, escalated' },
  'status.waived': { vi: 'Được miễn', en: 'Waived' },
  'status.cancelled': { vi: 'Đã hủy', en: 'Cancelled' },
  'status.closed': { vi: 'Đã đóng', en: 'Closed' },
  'bucket.on-time': { vi: 'Đúng hạn', en: 'On time' },
  'bucket.late': { vi: 'Trễ hạn', en: 'Late' },
  'bucket.not-done-within-deadline': { vi: 'Chưa hoàn thành trong hạn', en: 'Not done, within deadline' },
  'bucket.not-done-overdue': { vi: 'Chưa hoàn thành quá hạn', en: 'Not done, overdue' },
  'bucket.waived': { vi: 'Được miễn', en: 'Waived' },
  'bucket.cancelled': { vi: 'Đã hủy', en: 'Cancelled' },
  'event.opened': { vi: 'Bắt đầu', en: 'Opened' },
  'event.reminder': { vi: 'Nhắc hạn', en: 'Reminder' },
  'event.overdue': { vi: 'Thông báo quá hạn', en: 'Overdue notice' },
  'event.escalation': { vi: 'Báo cáo cấp trên', en: 'Escalation' },
  'event.submitted': { vi: 'Đã nộp', en: 'Submitted' },
  'event.accepted': { vi: 'Chấp nhận', en: 'Accepted' },
  'event.returned': { vi: 'Trả lại', en: 'Returned' },
  'event.extended': { vi: 'Gia hạn', en: 'Extended' },
  'event.waived': { vi: 'Miễn', en: 'Waived' },
  'event.cancelled': { vi: 'Hủy', en: 'Cancelled' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof M;
export type Params = Record<string, string | number>;

export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(M, key);

/** The message in `lang`, its `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return M[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** `t` for keys built at run time (`status.${s}`): the key itself when unknown, so nothing is blank. */
export function tKey(lang: Lang, key: string, params?: Params): string {
  return hasMessage(key) ? t(lang, key, params) : key;
}

export const isLang = (v: unknown): v is Lang => v === 'vi' || v === 'en';

/** The language of a request: the `lang` cookie, else Vietnamese. */
export function langOf(req: Request): Lang {
  const v = req.headers.cookie ? parse(req.headers.cookie)[LANG_COOKIE] : undefined;
  return isLang(v) ? v : 'vi';
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** dd/mm/yyyy: a calendar date (YYYY-MM-DD) as it is, an instant as its day in Vietnam. */
export function formatDate(value: string | Date): string {
  const iso = typeof value === 'string' && DATE_ONLY.test(value) ? value : vnDateOf(value);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** dd/mm/yyyy HH:mm in Vietnam (UTC+7 all year: no daylight saving). */
export function formatDateTime(value: string | Date): string {
  const wall = new Date(new Date(value).getTime() + VN_OFFSET_MINUTES * 60_000).toISOString();
  return `${formatDate(wall.slice(0, 10))} ${wall.slice(11, 16)}`;
}
