/**
 * Shared set-up for the mail integration specs (postman, daily mail, deliverable mail): a migrated
 * PostgreSQL database with the test org, the in-process SMTP sink, a real SMTP mailer and a postman.
 * Test-only: imported by *.int-spec.ts files, never by production code.
 */
import { vnInstant } from '@dondoc/calendar';
import type { MailPolicyConfig } from '@dondoc/config';
import { createSmtpMailer, Mailer, ReceivedMail, SmtpSink } from '@dondoc/mail';
import {
  ContactEntity,
  DeliverableProjection,
  DeliverableProjectionRepository,
  OutboxEntity,
} from '@dondoc/persistence';
import {
  createTestDatabase,
  seedTestUnit,
  TEST_BTG,
  TEST_MAILBOXES,
  TEST_UNIT,
  TestDatabase,
} from '@dondoc/testing';
import { createPostman, Letter, Postman } from './postman';

export const PUBLIC_URL = 'https://dondoc.test';
export const MAIL_FROM = 'dondoc <no-reply@dondoc.test>';
export const ADMIN_EMAIL = 'quantri@dondoc.test';
/** 08:00–17:00 Vietnam time on working days, as in production. */
export const SEND_WINDOW = { fromMinute: 8 * 60, toMinute: 17 * 60 };

export interface MailRig {
  db: TestDatabase;
  sink: SmtpSink;
  mailer: Mailer;
  postman: Postman;
  /** Contacts of the test org by mailbox. */
  contacts: { unitHead: ContactEntity; unitOfficer: ContactEntity; btg: ContactEntity };
  /** Another postman over the same database and sink, e.g. with a different policy. */
  postmanWith(policy: Partial<MailPolicyConfig>): Postman;
  stop(): Promise<void>;
}

export async function startMailRig(policy: Partial<MailPolicyConfig> = {}): Promise<MailRig> {
  const db = await createTestDatabase();
  await seedTestUnit(db.dataSource);
  const sink = await SmtpSink.start();
  const mailer = createSmtpMailer(sink.smtpUrl);
  const postmanWith = (p: Partial<MailPolicyConfig>) =>
    createPostman({
      dataSource: db.dataSource,
      mailer,
      mailFrom: MAIL_FROM,
      publicUrl: PUBLIC_URL,
      policy: {
        sendWindow: SEND_WINDOW,
        maxAttempts: 12,
        ratePerSecond: 0,
        adminEmails: [ADMIN_EMAIL],
        ...p,
      },
    });
  const byEmail = async (email: string) =>
    db.dataSource.getRepository(ContactEntity).findOneByOrFail({ email });
  const contacts = {
    unitHead: await byEmail(TEST_MAILBOXES.unitHead),
    unitOfficer: await byEmail(TEST_MAILBOXES.unitOfficer),
    btg: await byEmail(TEST_MAILBOXES.btg),
  };
  return {
    db,
    sink,
    mailer,
    postman: postmanWith(policy),
    contacts,
    postmanWith,
    stop: async () => {
      await mailer.close();
      await sink.stop();
      await db.drop();
    },
  };
}

/** The row as PostgreSQL holds it (TypeORM entity). */
export async function outboxRow(rig: MailRig, key: string): Promise<OutboxEntity> {
  const row = await rig.postman.outbox.findByKey(key);
  if (!row) throw new Error(`no outbox row ${key}`);
  return row;
}

/** Monday 13/09/2021, 09:00 in Vietnam: inside the window on a working day. */
export const MONDAY_9 = vnInstant('2021-09-13', 9);
/** Friday 10/09/2021, 20:00 in Vietnam: after the window closed; it reopens Monday 13/09 at 08:00. */
export const FRIDAY_20 = vnInstant('2021-09-10', 20);
export const MONDAY_8 = vnInstant('2021-09-13', 8);

let letterCount = 0;

/** A plain reminder-like letter to the unit's officer; every call gets its own key unless given one. */
export function letter(rig: MailRig, overrides: Partial<Letter> = {}): Letter {
  letterCount++;
  const key =
    overrides.key ?? `deliverable:test-${letterCount}/reminder:2021-09-13:5/${rig.contacts.unitOfficer.id}`;
  const subject = `[Nhắc việc] Thư thử số ${letterCount}`;
  return {
    key,
    workflowId: key.split('/')[0],
    step: 'reminder:2021-09-13:5',
    kind: 'reminder',
    contactId: rig.contacts.unitOfficer.id,
    to: rig.contacts.unitOfficer.email,
    mail: { subject, text: `${subject}\n\nKính gửi đơn vị.`, html: `<p>${subject}</p>` },
    at: MONDAY_9,
    unitId: TEST_UNIT.id,
    ...overrides,
  };
}

export const PLAN_ID = '22-KH-TU';
export const PLAN_NUMBER = '22-KH/TU';

/** A read-model row (digests read their facts from it); defaults: an open term deliverable of the test unit. */
export function deliverableRow(overrides: Partial<DeliverableProjection> = {}): DeliverableProjection {
  const unitId = overrides.unitId ?? TEST_UNIT.id;
  const obligationId = overrides.obligationId ?? 'implementation-plan';
  const period = overrides.period ?? 'term';
  const id = overrides.id ?? `${PLAN_ID}:${obligationId}:${unitId}:${period}`;
  return {
    id,
    workflowId: `deliverable:${id}`,
    planId: PLAN_ID,
    obligationId,
    unitId,
    period,
    planNumber: PLAN_NUMBER,
    planTitle: 'Học tập, quán triệt Nghị quyết Đại hội XIII của Đảng',
    title: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
    clause: null,
    collectorUnitId: TEST_BTG.id,
    requiredContents: [],
    dueDate: '2021-09-13',
    deadlineAt: '2021-09-13T17:00:00.000Z',
    status: 'open',
    version: 1,
    remindersSent: 0,
    escalationsSent: 0,
    nextStepAt: null,
    nextStepKind: null,
    submittedAt: null,
    submission: null,
    lastReview: null,
    extensions: [],
    returns: 0,
    closedReason: null,
    ...overrides,
  };
}

export async function storeDeliverable(rig: MailRig, d: DeliverableProjection): Promise<void> {
  await new DeliverableProjectionRepository(rig.db.dataSource).upsert(d);
}

/** The calendar attachment of a mail, unfolded (RFC 5545 §3.1), as property lines. */
export function icsOf(m: ReceivedMail): { contentType: string; lines: string[] } | undefined {
  const a = m.attachments.find((x) => x.contentType.startsWith('text/calendar'));
  if (!a) return undefined;
  const text = a.content.toString('utf8').replace(/\r\n[ \t]/g, '');
  return { contentType: a.contentType, lines: text.split('\r\n').filter(Boolean) };
}

/** The value of one ics property (the first line starting with `name:` or `name;`). */
export function icsProp(lines: string[], name: string): string | undefined {
  const line = lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
}

/** Messages addressed to one mailbox, in arrival order. */
export function to(sink: SmtpSink, address: string): ReceivedMail[] {
  return sink.messages().filter((m) => m.to.includes(address));
}
