import { escapeHtml } from '../templates/html-escape.util';
import type { ReceivedMail } from './received-mail';

// Pure renderers for the sink's HTML inbox. Labels are Vietnamese first, English second.

const STYLE = `
body{font-family:Arial,Helvetica,sans-serif;margin:24px;color:#18181b;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}
.muted{color:#71717a;font-size:13px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e4e4e7;padding:8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f4f4f5;font-weight:600}
pre{white-space:pre-wrap;background:#fff;border:1px solid #e4e4e7;padding:12px;font-size:13px}
iframe{width:100%;height:640px;border:1px solid #e4e4e7;background:#fff}
a{color:#1d4ed8}
`;

function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="vi">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`,
    `<body>\n${body}\n</body></html>`,
    '',
  ].join('\n');
}

/** Wall-clock time in Vietnam (UTC+7, no DST) without depending on the process time zone. */
export function formatVnTime(isoInstant: string): string {
  const t = new Date(new Date(isoInstant).getTime() + 7 * 3_600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 19)}`;
}

export function renderInboxPage(messages: readonly ReceivedMail[]): string {
  const rows = messages
    .map((mail, index) => ({ mail, index }))
    .reverse()
    .map(
      ({ mail, index }) =>
        `<tr><td>${index}</td>` +
        `<td><a href="/messages/${index}">${escapeHtml(mail.subject || '(không có tiêu đề / no subject)')}</a></td>` +
        `<td>${escapeHtml(mail.to.join(', '))}</td>` +
        `<td title="${escapeHtml(mail.receivedAt)}">${formatVnTime(mail.receivedAt)}</td></tr>`,
    );
  const table = rows.length
    ? '<table><thead><tr><th>#</th><th>Tiêu đề / Subject</th><th>Người nhận / To</th>' +
      `<th>Thời điểm nhận / Received (GMT+7)</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`
    : '<p>Chưa có thư nào / No messages yet.</p>';
  return page(
    'Hộp thư thử nghiệm / Test inbox',
    `<h1>Hộp thư thử nghiệm / Test inbox</h1>\n` +
      `<p class="muted">${messages.length} thư, mới nhất trước / ${messages.length} messages, newest first</p>\n${table}`,
  );
}

export function renderMessagePage(mail: ReceivedMail, index: number): string {
  const field = (label: string, value: string) => `<tr><th>${label}</th><td>${escapeHtml(value)}</td></tr>`;
  const fields = [
    field('Tiêu đề / Subject', mail.subject),
    field('Người gửi / From', mail.from),
    field('Người nhận / To', mail.to.join(', ')),
    field('Message-ID', mail.messageId),
    field('Ngày gửi / Date', mail.date ?? ''),
    field('Thời điểm nhận / Received', `${formatVnTime(mail.receivedAt)} (GMT+7) – ${mail.receivedAt}`),
  ];
  const attachments = mail.attachments.length
    ? `<ul>${mail.attachments
        .map(
          (a) =>
            `<li>${escapeHtml(a.filename)} (${escapeHtml(a.contentType)}, ${a.content.length} bytes)</li>`,
        )
        .join('')}</ul>`
    : '<p class="muted">Không có / None</p>';
  const headers = Object.entries(mail.headers)
    .map(([k, v]) => field(escapeHtml(k), v))
    .join('\n');
  const htmlPart = mail.html
    ? // sandbox with no allowances: the part cannot run scripts, submit forms or navigate this page.
      `<iframe sandbox src="/messages/${index}/html" title="HTML"></iframe>`
    : '<p class="muted">Không có phần HTML / No HTML part</p>';
  return page(
    mail.subject || 'Thư / Message',
    [
      '<p><a href="/">← Hộp thư / Inbox</a></p>',
      `<h1>${escapeHtml(mail.subject || '(không có tiêu đề / no subject)')}</h1>`,
      `<table>${fields.join('\n')}</table>`,
      `<h2>Tệp đính kèm / Attachments</h2>${attachments}`,
      `<h2>Nội dung văn bản / Plain text</h2><pre>${escapeHtml(mail.text)}</pre>`,
      `<h2>Nội dung HTML / HTML part</h2>${htmlPart}`,
      `<details><summary>Tiêu đề thư / Headers</summary><table>${headers}</table></details>`,
    ].join('\n'),
  );
}

export function renderNotFoundPage(): string {
  return page(
    'Không tìm thấy / Not found',
    '<h1>Không tìm thấy / Not found</h1><p><a href="/">← Hộp thư / Inbox</a></p>',
  );
}
