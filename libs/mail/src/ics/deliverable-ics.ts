import { addDays, parseIsoDate } from '@dondoc/calendar';
import type { MailAttachment } from '../mailer';
import { escapeIcsText, icsLines } from './ics-text.util';

/**
 * PUBLISH for a new or moved due date, CANCEL when the deliverable is gone. Not REQUEST: that is a
 * meeting invitation which asks every recipient to reply (Accept/Decline) to an organizer, and our
 * mail comes from a no-reply address; PUBLISH just puts the due date into the calendar, and the same
 * UID with a higher SEQUENCE updates it in place.
 */
export type IcsMethod = 'PUBLISH' | 'CANCEL';

export interface DeliverableIcsOptions {
  /** From `icsUidFor(deliverableId)`: the same deliverable always has the same UID. */
  uid: string;
  /** Raise on every change (new due date, cancellation) so clients replace the older copy. */
  sequence: number;
  method: IcsMethod;
  /** The due date, `YYYY-MM-DD`: an all-day event on that day. */
  dueDate: string;
  summary: string;
  description: string;
  url: string;
  /** DTSTAMP; passed in so the output is deterministic (the outbox's creation time, say). */
  stamp: Date;
  /**
   * RFC 5546 asks PUBLISH and CANCEL to name an ORGANIZER; pass the From address (`noreply@…`) so
   * strict clients (Outlook) accept the object. Left out when not given.
   */
  organizer?: { email: string; name?: string };
}

export const ICS_FILENAME = 'nhac-viec.ics';

/** A deliverable's id in a form every calendar accepts as a UID, one-to-one (see icsUidFor). */
export function icsUidFor(deliverableId: string): string {
  // Letters, digits, dot and dash stay; every other byte (including ':' and '_') becomes _XX, so two
  // different ids never share a UID.
  const safe = Array.from(new TextEncoder().encode(deliverableId), (b) => {
    const ch = String.fromCharCode(b);
    return /[A-Za-z0-9.-]/.test(ch) ? ch : `_${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  return `${safe}@dondoc`;
}

/** `20210913T010203Z`: DATE-TIME in UTC, basic format. */
function icsUtc(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('stamp is not a valid Date');
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function icsDate(isoDate: string): string {
  parseIsoDate(isoDate); // throws on anything that is not a real YYYY-MM-DD
  return isoDate.replace(/-/g, '');
}

/** URI values are not TEXT (no backslash escapes), but a line break would end the property. */
function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, '');
}

/**
 * A calendar entry for a deliverable's due date, attached to reminders and receipts so the unit's
 * calendar shows the deadline; a later mail with the same UID and a higher SEQUENCE moves or cancels it.
 */
export function deliverableIcs(o: DeliverableIcsOptions): MailAttachment {
  if (!Number.isInteger(o.sequence) || o.sequence < 0) {
    throw new RangeError(`sequence must be a non-negative integer, got ${o.sequence}`);
  }
  const cancelled = o.method === 'CANCEL';
  const organizer = o.organizer
    ? [
        `ORGANIZER${o.organizer.name ? `;CN="${o.organizer.name.replace(/["\r\n]/g, '')}"` : ''}:mailto:${singleLine(o.organizer.email)}`,
      ]
    : [];
  // The alarm fires at 09:00 the day before (15 hours before the all-day event's midnight start),
  // as Apple Calendar's "1 day before" does; a cancelled event must not ring.
  const alarm = cancelled
    ? []
    : [
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeIcsText(o.summary)}`,
        'TRIGGER:-PT15H',
        'END:VALARM',
      ];
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//dondoc//VI',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${o.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(o.uid)}`,
    `SEQUENCE:${o.sequence}`,
    `DTSTAMP:${icsUtc(o.stamp)}`,
    `DTSTART;VALUE=DATE:${icsDate(o.dueDate)}`,
    // DTEND is exclusive: an all-day event on the due date ends at the start of the next day.
    `DTEND;VALUE=DATE:${icsDate(addDays(o.dueDate, 1))}`,
    `SUMMARY:${escapeIcsText(o.summary)}`,
    `DESCRIPTION:${escapeIcsText(o.description)}`,
    `URL:${singleLine(o.url)}`,
    ...organizer,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    // A deadline is not a meeting: it must not block the reader's free/busy time.
    'TRANSP:TRANSPARENT',
    ...alarm,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return {
    filename: ICS_FILENAME,
    content: icsLines(lines),
    contentType: `text/calendar; charset=utf-8; method=${o.method}`,
  };
}
