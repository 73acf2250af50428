import type { HeaderValue, ParsedMail } from 'mailparser';
import type { SMTPServerEnvelope } from 'smtp-server';

/** One message as the sink received it, parsed, with the exact bytes kept for byte-level assertions. */
export interface ReceivedMail {
  messageId: string;
  /** The decoded From header, e.g. `"Hệ thống đôn đốc" <noreply@dondoc.local>`. */
  from: string;
  /** Envelope recipients (RCPT TO): who the message was actually delivered to, Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The Date header as an ISO instant, when present. */
  date?: string;
  /** ISO instant the sink got the message. */
  receivedAt: string;
  /** Decoded header values keyed by lower-case header name; repeated headers are joined with `, `. */
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  raw: string;
}

export function toReceivedMail(
  parsed: ParsedMail,
  envelope: SMTPServerEnvelope,
  raw: Buffer,
  receivedAt: Date,
): ReceivedMail {
  return {
    messageId: parsed.messageId ?? '',
    from: parsed.from?.text ?? (envelope.mailFrom ? envelope.mailFrom.address : ''),
    to: envelope.rcptTo.map((r) => r.address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html || '',
    date: parsed.date?.toISOString(),
    receivedAt: receivedAt.toISOString(),
    headers: headersToRecord(parsed.headers),
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      content: a.content,
    })),
    raw: raw.toString('utf8'),
  };
}

function headersToRecord(headers: Map<string, HeaderValue>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of headers) record[key] = headerValueToString(value);
  return record;
}

/** mailparser structures some headers (addresses, dates, content types); flatten them back to text. */
function headerValueToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(headerValueToString).join(', ');
  if (value && typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('value' in value && typeof value.value === 'string') {
      const params =
        'params' in value && value.params && typeof value.params === 'object' ? value.params : {};
      return [value.value, ...Object.entries(params).map(([k, v]) => `${k}=${String(v)}`)].join('; ');
    }
    // List-* headers and the like: keep them readable rather than lose them.
    return JSON.stringify(value);
  }
  return String(value);
}
