import { escapeHtml, isSafeHref } from './html-escape.util';
import type { Lang, RenderedMail } from './types';

export type NoticeTone = 'info' | 'warning' | 'danger';

/** One line of a list; its link, when given, is shown under it. */
export interface MailListItem {
  text: string;
  url?: string;
}

/** A heading over items, optionally followed by sub-headed groups (e.g. overdue work per unit). */
export interface MailSection {
  heading: string;
  items?: MailListItem[];
  groups?: { heading: string; items: MailListItem[] }[];
}

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
  /** Someone's own words (a collector's comments, a reason, a server's error), shown verbatim. */
  quote?: { intro: string; text: string };
  /** Label/value pairs shown as a table (HTML) or a list (text). */
  facts?: { label: string; value: string }[];
  /** Headed lists (digests, a plan's first obligations); empty ones are left out. */
  sections?: MailSection[];
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
  if (layout.quote) blocks.push(`${layout.quote.intro}\n${quoteLines(layout.quote.text)}`);
  if (layout.notice) blocks.push(layout.notice.text);
  if (layout.facts?.length) blocks.push(layout.facts.map((f) => `- ${f.label}: ${f.value}`).join('\n'));
  blocks.push(...nonEmptySections(layout.sections).map(textSection));
  if (layout.action) blocks.push(`${layout.action.intro}\n${layout.action.url}`);
  blocks.push(...(layout.closing ?? []));
  // "-- " (with the trailing space) is the conventional signature separator mail clients recognise.
  return `${blocks.join('\n\n')}\n\n-- \n${FOOTER[layout.lang]}\n`;
}

function renderHtml(layout: MailLayout, subject: string): string {
  const parts: string[] = [paragraph(layout.greeting), ...layout.paragraphs.map(paragraph)];
  if (layout.quote) parts.push(paragraph(layout.quote.intro), blockquote(layout.quote.text));
  if (layout.notice) parts.push(notice(layout.notice.text, layout.notice.tone));
  if (layout.facts?.length) parts.push(factsTable(layout.facts));
  parts.push(...nonEmptySections(layout.sections).map(htmlSection));
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

/** Mail-style quoting: every line of the original, line breaks kept, prefixed with "> ". */
function quoteLines(text: string): string {
  return splitLines(text)
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

function blockquote(text: string): string {
  // pre-wrap keeps the writer's line breaks without trusting them as markup.
  return `<blockquote style="margin:0 0 16px;padding:8px 14px;border-left:4px solid #a1a1aa;background:#fafafa;white-space:pre-wrap;">${escapeHtml(splitLines(text).join('\n'))}</blockquote>`;
}

/** A heading with nothing under it says nothing: drop empty groups, then empty sections. */
function nonEmptySections(sections: MailSection[] | undefined): MailSection[] {
  return (sections ?? [])
    .map((s) => ({ ...s, groups: (s.groups ?? []).filter((g) => g.items.length > 0) }))
    .filter((s) => (s.items?.length ?? 0) > 0 || s.groups.length > 0);
}

function textSection(section: MailSection): string {
  const lines = [`== ${section.heading} ==`, ...(section.items ?? []).map(textItem)];
  for (const group of section.groups ?? []) lines.push('', group.heading, ...group.items.map(textItem));
  return lines.join('\n');
}

function textItem(item: MailListItem): string {
  return item.url ? `- ${item.text}\n  ${item.url}` : `- ${item.text}`;
}

function htmlSection(section: MailSection): string {
  const parts = [`<h2 style="margin:24px 0 8px;font-size:17px;">${escapeHtml(section.heading)}</h2>`];
  if (section.items?.length) parts.push(htmlList(section.items));
  for (const group of section.groups ?? []) {
    parts.push(
      `<h3 style="margin:12px 0 6px;font-size:15px;">${escapeHtml(group.heading)}</h3>`,
      htmlList(group.items),
    );
  }
  return parts.join('\n');
}

function htmlList(items: MailListItem[]): string {
  const rows = items.map((item) => {
    if (!item.url) return `<li style="margin:0 0 8px;">${escapeHtml(item.text)}</li>`;
    const url = escapeHtml(item.url);
    const link = isSafeHref(item.url) ? `<a href="${url}" style="color:#1d4ed8;">${url}</a>` : url; // shown, never clickable, like the action link
    return `<li style="margin:0 0 8px;">${escapeHtml(item.text)}<br><span style="font-size:13px;word-break:break-all;">${link}</span></li>`;
  });
  return `<ul style="margin:0 0 16px;padding-left:20px;">\n${rows.join('\n')}\n</ul>`;
}
