export type { MailAttachment, Mailer, OutgoingMail, SendResult } from './mailer';
export { MailDeliveryError, PermanentMailError, TransientMailError } from './mail-errors';
export { classifyMailError } from './classify-mail-error';
export { createSmtpMailer } from './smtp.mailer';
export type { SmtpMailerOptions } from './smtp.mailer';
export * from './templates';
export * from './ics';
export { SmtpSink } from './sink/smtp-sink';
export type { ReceivedMail, SmtpSinkOptions } from './sink/smtp-sink';
