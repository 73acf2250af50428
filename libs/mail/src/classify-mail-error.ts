import { MailDeliveryError, PermanentMailError, TransientMailError } from './mail-errors';

/** The fields nodemailer attaches to its errors that classification reads. */
interface NodemailerErrorFields {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

/**
 * Codes that mean the message or the configuration is wrong, not the network: sending the same thing
 * again cannot succeed. Anything else without an SMTP reply (ECONNECTION, ESOCKET, ETIMEDOUT, EDNS,
 * ETLS, unknown) is treated as transient so that a durable retry policy gets its chance.
 */
const PERMANENT_CODES = new Set([
  'EENVELOPE',
  'ECONFIG',
  'EMAXRECIPIENTS',
  'EFILEACCESS',
  'EURLACCESS',
  'ENOAUTH',
  'EAUTH',
]);

/**
 * RFC 5321: 5yz replies are permanent, 4yz transient. 503 (bad sequence of commands) is the exception
 * nodemailer also makes: it reports a confused session, and the same message goes through on a new one.
 */
export function isPermanentReplyCode(responseCode: number): boolean {
  return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
}

/** Server replies often echo the recipient; error messages end up in logs and workflow histories. */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s<>"'()[\],;:@]+@([A-Za-z0-9.-]+)/g, '***@$1');
}

/**
 * Maps whatever nodemailer threw onto the two errors callers handle. When every recipient is refused,
 * nodemailer reports a deferred (4xx) reply if there was one, otherwise a 5xx one, so the reply code
 * alone tells whether retrying can help.
 */
export function classifyMailError(err: unknown): MailDeliveryError {
  if (err instanceof MailDeliveryError) return err;
  const fields: NodemailerErrorFields = typeof err === 'object' && err !== null ? err : {};
  const code = typeof fields.code === 'string' ? fields.code : 'EUNKNOWN';
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const command = typeof fields.command === 'string' ? fields.command : undefined;
  const permanent =
    responseCode !== undefined ? isPermanentReplyCode(responseCode) : PERMANENT_CODES.has(code);

  const where = [code, responseCode, command && `at ${command}`].filter(Boolean).join(' ');
  const detail = redactAddresses(err instanceof Error ? err.message : String(err));
  const message = `SMTP delivery failed (${where}): ${detail}`;
  // The original error is deliberately not kept as `cause`: it carries recipient addresses, and
  // Temporal serialises the cause chain into workflow history.
  return permanent
    ? new PermanentMailError(message, code, responseCode)
    : new TransientMailError(message, code, responseCode);
}
