import { createHash } from 'node:crypto';

/**
 * Message-ID derived from the outbox key: the same step always produces the same id, so even the
 * one duplicate SMTP cannot rule out (see README, "exactly once") is recognisable by the receiver.
 */
export function messageIdFor(outboxKey: string, domain = 'dondoc'): string {
  return `<${createHash('sha256').update(outboxKey).digest('hex').slice(0, 40)}@${domain}>`;
}
