import type { MailAttachment, OutgoingMail } from './mailer';
import type { RenderedMail } from './templates';

/** A rendered mail as the outbox keeps it (JSON): attachments as base64. */
export interface StoredMail extends RenderedMail {
  attachments?: { filename: string; contentType: string; base64: string }[];
}

export function storeMail(mail: RenderedMail, attachments?: MailAttachment[]): StoredMail {
  return {
    ...mail,
    attachments: attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      base64: Buffer.from(a.content).toString('base64'),
    })),
  };
}

/** The stored mail, ready for the relay: the worker's postman and the admin's resend send it alike. */
export function outgoingFromStored(
  stored: StoredMail,
  envelope: Pick<OutgoingMail, 'messageId' | 'from' | 'to'>,
): OutgoingMail {
  return {
    ...envelope,
    subject: stored.subject,
    text: stored.text,
    html: stored.html,
    attachments: stored.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.base64, 'base64'),
    })),
  };
}
