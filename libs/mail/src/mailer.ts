/** A file attached to an outgoing mail. Reminders never attach plan documents; this is for receipts and digests. */
export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

/**
 * One message ready to hand to a transport. `messageId` is derived by the caller from the outbox key,
 * so a retried send carries the same id and receivers (and our tests) can de-duplicate.
 */
export interface OutgoingMail {
  /** Full RFC 5322 id including angle brackets, e.g. `<abc@dondoc>`. */
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  /**
   * The same message already composed (composeMail), e.g. staged ahead of a wave: sent as it is, to
   * `to` from `from`. Then only `subject` of the fields above describes it (text and html may be empty).
   */
  raw?: Buffer;
}

export interface SendResult {
  accepted: string[];
  rejected: string[];
  /** The relay's final reply, e.g. `250 OK: queued`. */
  response: string;
}

/**
 * The one port through which the engine sends mail. `send` throws `PermanentMailError` when retrying
 * cannot help and `TransientMailError` when it can; callers map these onto retry policy.
 */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}
