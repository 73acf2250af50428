import { escapeHtml, isSafeHref } from './html-escape.util';
import type { Lang, RenderedMail } from './types';

export type NoticeTone = 'info' | 'warning' | 'danger';

/**
 * The content model every template fills in. Templates decide the words; this module alone decides how
 * they look, so all mails share one HTML shell, one text footer and one escaping path.
 */
export interface MailLayout {
  lang: Lang;
  subject: string;
  /** Salutation line, e.g. `Kính gửi: Huyện ủy Gia Bình,`. */
  greeting: string;
  /** Paragraphs before the facts. */
  paragraphs: string[];
  /** One highlighted sentence, e.g. the deadline state. */
  notice?: { text: string; tone: NoticeTone };
  /** Label/value pairs shown as a table (HTML) or a list (text). */
  facts?: { label: string; value: string }[];
  /** The one thing the reader should do, with a sentence introducing it. */
  action?: { intro: string; label: string; url: string };
  /** Paragraphs after the action. */
  closing?: string[];
}

const FOOTER: Record<Lang, string> = {
  vi: 'Đây là thư tự động của hệ thống đôn đốc dondoc. Vui lòng không trả lời thư này.',
  en: 'This is an automatic message from dondoc, the plan follow-up system. Please do not reply to this email.',
};

const TONE_COLOURS: Record<NoticeTone, { background: string; border: string }> = {
  info: { background: '#eff6ff', border: '#2563eb' },
  warning: { background: '#fffbeb', border: '#d97706' },
  danger: { background: '#fef2f2', border: '#b91c1c' },
};

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#18181b;';

/** Subjects are header values: no line breaks, no runs of whitespace. */
function singleLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function renderLayout(layout: MailLayout): RenderedMail {
  const subject = singleLine(layout.subject);
  return { subject, text: renderText(layout), html: renderHtml(layout, subject) };
}

function renderText(layout: MailLayout): string {
  const blocks: string[] = [layout.greeting, ...layout.paragraphs];
  if (layout.notice) blocks.push(layout.notice.text);
  if (layout.facts?.length) blocks.push(layout.facts.map((f) => `- ${f.label}: ${f.value}`).join('\n'));
  if (layout.action) blocks.push(`${layout.action.intro}\n${layout.action.url}`);
  blocks.push(...(layout.closing ?? []));
  // "-- " (with the trailing space) is the conventional signature separator mail clients recognise.
  return `${blocks.join('\n\n')}\n\n-- \n${FOOTER[layout.lang]}\n`;
}

function renderHtml(layout: MailLayout, subject: string): string {
  const parts: string[] = [paragraph(layout.greeting), ...layout.paragraphs.map(paragraph)];
  if (layout.notice) parts.push(notice(layout.notice.text, layout.notice.tone));
  if (layout.facts?.length) parts.push(factsTable(layout.facts));
  if (layout.action) parts.push(action(layout.action));
  parts.push(...(layout.closing ?? []).map(paragraph));

  return [
    '<!DOCTYPE html>',
    `<html lang="${layout.lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f4f5;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;">',
    '<tr><td align="center" style="padding:24px 12px;">',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border:1px solid #e4e4e7;border-radius:6px;${FONT}">`,
    '<tr><td style="padding:14px 24px;background:#b91c1c;color:#ffffff;font-weight:bold;border-radius:6px 6px 0 0;">dondoc</td></tr>',
    `<tr><td style="padding:24px;">\n${parts.join('\n')}\n</td></tr>`,
    `<tr><td style="padding:16px 24px;border-top:1px solid #e4e4e7;font-size:12px;color:#71717a;">${escapeHtml(FOOTER[layout.lang])}</td></tr>`,
    '</table>',
    '</td></tr></table>',
    '</body></html>',
    '',
  ].join('\n');
}

function paragraph(text: string): string {
  return `<p style="margin:0 0 16px;">${escapeHtml(text)}</p>`;
}

function notice(text: string, tone: NoticeTone): string {
  const c = TONE_COLOURS[tone];
  return `<p style="margin:0 0 16px;padding:10px 14px;background:${c.background};border-left:4px solid ${c.border};font-weight:bold;">${escapeHtml(text)}</p>`;
}

function factsTable(facts: { label: string; value: string }[]): string {
  const rows = facts.map(
    (f) =>
      `<tr><th align="left" valign="top" style="padding:6px 12px 6px 0;color:#52525b;font-weight:normal;white-space:nowrap;">${escapeHtml(f.label)}</th>` +
      `<td style="padding:6px 0;">${escapeHtml(f.value)}</td></tr>`,
  );
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse;${FONT}">\n${rows.join('\n')}\n</table>`;
}

function action(a: { intro: string; label: string; url: string }): string {
  const url = escapeHtml(a.url);
  if (!isSafeHref(a.url)) {
    // Not an http(s) link: show it, never make it clickable.
    return `${paragraph(a.intro)}\n<p style="margin:0 0 16px;word-break:break-all;">${url}</p>`;
  }
  return [
    paragraph(a.intro),
    `<p style="margin:0 0 8px;"><a href="${url}" style="display:inline-block;padding:10px 18px;background:#b91c1c;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;">${escapeHtml(a.label)}</a></p>`,
    `<p style="margin:0 0 16px;font-size:13px;color:#52525b;word-break:break-all;"><a href="${url}" style="color:#1d4ed8;">${url}</a></p>`,
  ].join('\n');
}
