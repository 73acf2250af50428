/**
 * RFC 5545 content-line helpers: TEXT escaping (§3.3.11) and line folding (§3.1). Kept apart from the
 * calendar builder so each rule has one place and one spec.
 */

/** Escapes a TEXT value: backslash first, then `;` and `,`; every line break becomes the two characters `\n`. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const MAX_OCTETS = 75;

/**
 * Folds one content line into physical lines of at most 75 octets (the continuation's leading space
 * included), cutting only between characters so a multi-byte UTF-8 sequence is never split.
 */
export function foldIcsLine(line: string): string[] {
  // Most lines are short: no per-character work for them (reminders carry an event each, ~10⁴ a term).
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return [line];
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    // Continuation lines start with one space, which counts towards their 75 octets.
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out;
}

/** Joins content lines with CRLF, folding each, and ends with CRLF as the grammar requires. */
export function icsLines(lines: string[]): string {
  return lines.flatMap(foldIcsLine).join('\r\n') + '\r\n';
}

/** Octets of one code point in UTF-8. */
function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}
