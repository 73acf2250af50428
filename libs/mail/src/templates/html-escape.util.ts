const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Only http(s) links become clickable; anything else (javascript:, data:) is shown as text. */
export function isSafeHref(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}
