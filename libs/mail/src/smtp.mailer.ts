import nodemailer, { SendMailOptions, SentMessageInfo, Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { classifyMailError } from './classify-mail-error';
import type { Mailer, OutgoingMail, SendResult } from './mailer';

export { PermanentMailError, TransientMailError } from './mail-errors';

export interface SmtpMailerOptions {
  /** Keep connections open between sends (worth it for digests and reminder bursts). */
  pool?: boolean;
  /** Upper bound on parallel connections when pooling; relays often throttle above a few. */
  maxConnections?: number;
}

/**
 * Nodemailer's defaults (2 min to connect, 10 min idle) outlast any sensible activity timeout; a send
 * that hangs should fail as transient and be retried by the workflow instead.
 */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** A Mailer over any SMTP relay, e.g. `smtp://user:pass@relay:587` or the in-process sink's URL. */
export function createSmtpMailer(smtpUrl: string, options: SmtpMailerOptions = {}): Mailer {
  return transportMailer(
    nodemailer.createTransport({
      url: smtpUrl,
      pool: options.pool ?? false,
      maxConnections: options.maxConnections,
      ...TIMEOUTS,
    }),
  );
}

/** The message as nodemailer composes it; `date`: its Date header (default: now). */
function messageOptions(mail: OutgoingMail, date?: Date): SendMailOptions {
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    date,
    attachments: mail.attachments?.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
    // Attachments come from our own storage; never let a message body make us read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * The RFC 5322 message `send` would hand over, composed now (the same options), to be sent later as
 * `raw`: composing is the main CPU cost of a send, and a wave staged ahead should not pay it at its
 * instant. `date` is the Date header (the instant the mail is due, not when it was composed).
 */
export function composeMail(mail: OutgoingMail, date: Date): Promise<Buffer> {
  return new MailComposer(messageOptions(mail, date)).compile().build();
}

/** What a transport reports of a message it took: SMTP's reply, or `simulate`'s in-process one. */
export type TransportReply = SentMessageInfo & { accepted: string[]; rejected: string[]; response: string };

/**
 * A Mailer over any nodemailer transport: the message, its envelope and the error classification are
 * the same whatever carries it (SMTP in production; `simulate` hands it over in process).
 */
export function transportMailer(transport: Transporter<TransportReply>): Mailer {
  return {
    async send(mail: OutgoingMail): Promise<SendResult> {
      try {
        const info = await transport.sendMail(
          mail.raw ? { envelope: { from: mail.from, to: mail.to }, raw: mail.raw } : messageOptions(mail),
        );
        return {
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
          response: String(info.response),
        };
      } catch (err) {
        throw classifyMailError(err);
      }
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
