import { MockActivityEnvironment } from '@temporalio/testing';
import { simpleParser } from 'mailparser';
import { ContactEntity } from '@dondoc/persistence';
import { TEST_GRASSROOTS, TEST_MAILBOXES, TEST_UNIT } from '@dondoc/testing';
import { createMailActivities, MailActivities } from './daily-mail.activities';
import { messageIdFor } from './message-id.util';
import {
  deliverableRow,
  FRIDAY_20,
  letter,
  MailRig,
  MONDAY_8,
  outboxRow,
  PUBLIC_URL,
  startMailRig,
  storeDeliverable,
} from './mail-test-kit';

const DAY = '2021-09-13'; // Monday
const DIGEST_SUBJECT = '[Tổng hợp ngày] Thứ Hai, 13/09/2021';

/** mail:daily over real PostgreSQL and the SMTP sink, run in a mock activity context (it heartbeats). */
describe('daily mail: deferred mail and the daily digest (PostgreSQL, SMTP sink)', () => {
  let rig: MailRig;
  let acts: MailActivities;
  const run = (at: string, date: string): ReturnType<MailActivities['runDailyMail']> =>
    new MockActivityEnvironment().run(acts.runDailyMail, { at, date });

  const owed = deliverableRow(); // the test unit owes it, due Monday 13/09/2021
  const toReview = deliverableRow({
    unitId: TEST_GRASSROOTS.id,
    collectorUnitId: TEST_UNIT.id, // the test unit reviews its grassroots unit's submission
    obligationId: 'grassroots-report',
    title: 'Báo cáo kết quả học tập chuyên đề',
    status: 'submitted',
    version: 3,
    submittedAt: '2021-09-10T03:30:00.000Z', // 10:30 Friday in Vietnam
    submission: {
      submittedAt: '2021-09-10T03:30:00.000Z',
      submittedByUnit: TEST_GRASSROOTS.id,
      documentName: 'bao-cao.pdf',
      coveredContents: [],
    },
  });

  beforeAll(async () => {
    rig = await startMailRig();
    acts = createMailActivities({
      dataSource: rig.db.dataSource,
      postman: rig.postman,
      publicUrl: PUBLIC_URL,
    });
    // The unit's head chose one mail a day.
    await rig.db.dataSource
      .getRepository(ContactEntity)
      .update({ id: rig.contacts.unitHead.id }, { digest: true });
    await storeDeliverable(rig, owed);
  });
  afterAll(() => rig?.stop());

  it('does nothing on a day nothing waits', async () => {
    expect(await run(MONDAY_8, DAY)).toEqual({ deferred: 0, digests: 0, more: false });
    expect(rig.sink.messages()).toHaveLength(0);
  });

  it('folds a digest contact’s mail into one digest a day, sends deferred mail, and is idempotent', async () => {
    const head = rig.contacts.unitHead;
    const reminder = letter(rig, {
      key: `deliverable:${owed.id}/reminder:${DAY}:0/${head.id}`,
      workflowId: `deliverable:${owed.id}`,
      contactId: head.id,
      to: head.email,
      deliverableId: owed.id,
      planId: owed.planId,
      digest: true,
      at: FRIDAY_20,
    });
    const otherSubject = '[Đã chấp nhận] Kế hoạch 22-KH/TU – một việc khác';
    const accepted = letter(rig, {
      key: `deliverable:other/event:7/${head.id}`,
      workflowId: 'deliverable:other',
      kind: 'accepted',
      contactId: head.id,
      to: head.email,
      mail: { subject: otherSubject, text: otherSubject, html: `<p>${otherSubject}</p>` },
      digest: true,
      at: FRIDAY_20,
    });
    // The officer does not take digests: a mail to them outside the window waits for the opening.
    const deferred = letter(rig, { at: FRIDAY_20 });
    // A submission of the grassroots unit now waits for the test unit's review.
    await storeDeliverable(rig, toReview);

    expect(await rig.postman.deliver(reminder)).toBe('digested');
    expect(await rig.postman.deliver(accepted)).toBe('digested');
    expect(await rig.postman.deliver(deferred)).toBe('deferred');
    expect(rig.sink.messages()).toHaveLength(0);

    const first = await run(MONDAY_8, DAY);
    expect(first).toEqual({ deferred: 1, digests: 1, more: true }); // the submission still waits for review

    const got = await rig.sink.waitForCount(2);
    expect(got).toHaveLength(2);
    const officerMail = got.find((m) => m.to.includes(TEST_MAILBOXES.unitOfficer))!;
    expect(officerMail.messageId).toBe(messageIdFor(deferred.key));
    expect((await outboxRow(rig, deferred.key)).status).toBe('sent');

    const digests = got.filter((m) => m.to.includes(TEST_MAILBOXES.unitHead));
    expect(digests).toHaveLength(1);
    const digest = digests[0];
    expect(digest.subject.startsWith(DIGEST_SUBJECT)).toBe(true);
    expect(digest.subject).toContain('1 việc chờ xử lý');
    const digestKey = `mail:daily/digest:${DAY}/${head.id}`;
    expect(digest.messageId).toBe(messageIdFor(digestKey));
    // Parsed again from the raw bytes, as a mail client would.
    const parsed = await simpleParser(digest.raw);
    const text = parsed.text ?? '';
    expect(parsed.html).toBeTruthy();
    // The owed deliverable, with its Vietnamese due date and link.
    expect(text).toContain(
      `${owed.title} – Huyện ủy Tiên Du (Kế hoạch 22-KH/TU, kỳ term) – hạn Thứ Hai, 13/09/2021`,
    );
    expect(text).toContain(`${PUBLIC_URL}/deliverables/${encodeURIComponent(owed.id)}`);
    // The submission awaiting the head's unit, under its own heading, with the submission time.
    const awaitingAt = text.indexOf('Chờ đơn vị xử lý');
    expect(awaitingAt).toBeGreaterThan(-1);
    const awaiting = text.slice(awaitingAt);
    expect(awaiting).toContain(`${toReview.title} – Đảng ủy xã Lạc Vệ`);
    expect(awaiting).toContain('nộp lúc 10/09/2021 10:30');
    expect(awaiting).toContain(`${PUBLIC_URL}/deliverables/${encodeURIComponent(toReview.id)}`);
    // Other digested mail is named by its subject.
    expect(text).toContain('Thông báo khác');
    expect(text).toContain(otherSubject);
    expect(parsed.html).toContain('Chờ đơn vị xử lý');

    // The rows the digest carried name it; they were never sent on their own.
    for (const key of [reminder.key, accepted.key]) {
      const row = await outboxRow(rig, key);
      expect(row.status).toBe('digested');
      expect(row.digestKey).toBe(digestKey);
      expect(row.sentAt).toBeNull();
    }
    expect(got.some((m) => m.messageId === messageIdFor(reminder.key))).toBe(false);

    // A second run the same day (a retried activity): nothing new.
    const again = await run(MONDAY_8, DAY);
    expect(again).toEqual({ deferred: 0, digests: 0, more: true });
    expect(rig.sink.messages()).toHaveLength(2);
    expect((await outboxRow(rig, reminder.key)).digestKey).toBe(digestKey);
  });

  it('the next day’s digest lists only what is new, plus what still awaits review', async () => {
    rig.sink.clear();
    const tuesday = '2021-09-14';
    const result = await run(MONDAY_8.replace('2021-09-13', '2021-09-14'), tuesday);
    expect(result.digests).toBe(1);
    const [digest] = await rig.sink.waitForCount(1);
    expect(digest.to).toEqual([TEST_MAILBOXES.unitHead]);
    expect(digest.subject).toBe('[Tổng hợp ngày] Thứ Ba, 14/09/2021 – 1 việc chờ xử lý');
    expect(digest.text).not.toContain(owed.title);
    expect(digest.text).toContain(toReview.title);
  });
});
