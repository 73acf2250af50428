import type { OutboxEntity, OutboxLogRow } from '@dondoc/persistence';
import { MailDetailDto, MailLogItemDto } from './dto/mail.dto';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toMailLogItem(r: OutboxLogRow): MailLogItemDto {
  return {
    key: r.key,
    workflowId: r.workflowId,
    step: r.step,
    contactId: r.contactId,
    recipient: r.recipient,
    subject: r.subject,
    messageId: r.messageId,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: iso(r.createdAt)!,
    sentAt: iso(r.sentAt),
    kind: r.kind,
    deliverableId: r.deliverableId,
    unitId: r.unitId,
    planId: r.planId,
    notBefore: iso(r.notBefore),
    digestKey: r.digestKey,
    failedAt: iso(r.failedAt),
  };
}

/** The row with its rendered mail; attachment bytes stay in the database. */
export function toMailDetail(r: OutboxEntity): MailDetailDto {
  const { content, ...log } = r;
  return {
    ...toMailLogItem(log),
    content: content
      ? {
          subject: content.subject,
          text: content.text,
          html: content.html,
          attachments: (content.attachments ?? []).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
          })),
        }
      : null,
  };
}
