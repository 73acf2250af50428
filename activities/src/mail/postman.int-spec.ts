import { vnInstant } from '@dondoc/calendar';
import { TEST_MAILBOXES } from '@dondoc/testing';
import { messageIdFor } from './message-id.util';
import { MailInFlightError } from './postman';
import {
  ADMIN_EMAIL,
  FRIDAY_20,
  letter,
  MailRig,
  MONDAY_8,
  MONDAY_9,
  outboxRow,
  startMailRig,
} from './mail-test-kit';

/** The postman over real PostgreSQL and a real SMTP relay (the in-process sink). */
describe('postman (PostgreSQL outbox, SMTP sink)', () => {
  let rig: MailRig;
  beforeAll(async () => {
    rig = await startMailRig();
  });
  afterAll(() => rig?.stop());
  beforeEach(() => rig.sink.clear());

  it('sends inside the window exactly once, with the Message-ID derived from the key', async () => {
    const l = letter(rig);
    expect(await rig.postman.deliver(l)).toBe('sent');
    const [m] = await rig.sink.waitForCount(1);
    expect(m.messageId).toBe(messageIdFor(l.key));
    expect(m.to).toEqual([TEST_MAILBOXES.unitOfficer]);
    expect(m.subject).toBe(l.mail.subject);

    // A retried activity finds the row sent and does nothing.
    expect(await rig.postman.deliver(l)).toBe('already-sent');
    expect(rig.sink.messages()).toHaveLength(1);
    const row = await outboxRow(rig, l.key);
    expect(row.status).toBe('sent');
    expect(row.messageId).toBe(messageIdFor(l.key));
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.notBefore).toBeNull();
    // Mail sent at the first try keeps no content (only mail that waits or fails does).
    expect(row.content).toBeNull();
  });

  it('defers mail arising outside the window to the next opening and sends it then, once', async () => {
    const l = letter(rig, { at: FRIDAY_20 });
    expect(await rig.postman.deliver(l)).toBe('deferred');
    let row = await outboxRow(rig, l.key);
    expect(row.status).toBe('pending');
    expect(row.notBefore?.toISOString()).toBe(MONDAY_8); // Monday 13/09/2021 08:00 in Vietnam
    expect(row.content?.subject).toBe(l.mail.subject); // kept for the daily run
    expect(rig.sink.messages()).toHaveLength(0);

    // Not yet due on Saturday, due at the opening.
    expect(
      (await rig.postman.outbox.dueDeferred(vnInstant('2021-09-11', 10), 10)).map((r) => r.key),
    ).not.toContain(l.key);
    const due = await rig.postman.outbox.dueDeferred(MONDAY_8, 10);
    expect(due.map((r) => r.key)).toContain(l.key);
    const waiting = due.find((r) => r.key === l.key)!;

    expect(await rig.postman.sendDeferred(waiting, MONDAY_8)).toBe('sent');
    const [m] = await rig.sink.waitForCount(1);
    expect(m.messageId).toBe(messageIdFor(l.key));
    expect(m.subject).toBe(l.mail.subject);
    row = await outboxRow(rig, l.key);
    expect(row.status).toBe('sent');
    expect(row.notBefore).toBeNull();

    expect(await rig.postman.sendDeferred(waiting, MONDAY_8)).toBe('already-sent');
    // A late retry of the original activity does not send it again either.
    expect(await rig.postman.deliver(l)).toBe('already-sent');
    expect(rig.sink.messages()).toHaveLength(1);
  });

  it('records a transient 4xx, rethrows it, and the retry sends the mail exactly once', async () => {
    const l = letter(rig);
    rig.sink.failNext(1, 451, 'Greylisted, try again later');
    await expect(rig.postman.deliver(l)).rejects.toThrow(/Greylisted/);
    let row = await outboxRow(rig, l.key);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('Greylisted');
    expect(row.failedAt).toBeNull();
    expect(rig.sink.messages()).toHaveLength(0);

    expect(await rig.postman.deliver(l)).toBe('sent');
    row = await outboxRow(rig, l.key);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(row.lastError).toBeNull();
    expect(await rig.postman.deliver(l)).toBe('already-sent');
    const got = rig.sink.messages();
    expect(got).toHaveLength(1);
    expect(got[0].messageId).toBe(messageIdFor(l.key));
  });

  it('records a permanent 5xx as failed, tells the unit head and the admins, and never retries it', async () => {
    const l = letter(rig); // to the unit's officer
    rig.sink.failNext(1, 550, 'Mailbox unavailable: no such user');
    expect(await rig.postman.deliver(l)).toBe('failed');
    const row = await outboxRow(rig, l.key);
    expect(row.status).toBe('failed');
    expect(row.failedAt).toBeInstanceOf(Date);
    expect(row.lastError).toContain('no such user');
    expect(row.content?.subject).toBe(l.mail.subject); // an admin resends exactly this

    // The refused mail never arrived; the two notices did (the head of the unit, the admin).
    const got = await rig.sink.waitForCount(2);
    expect(got).toHaveLength(2);
    expect(got.some((m) => m.messageId === messageIdFor(l.key))).toBe(false);
    expect(got.flatMap((m) => m.to).sort()).toEqual([ADMIN_EMAIL, TEST_MAILBOXES.unitHead].sort());
    for (const m of got) {
      expect(m.subject.startsWith('[Lỗi gửi thư]')).toBe(true);
      expect(m.subject).toContain(TEST_MAILBOXES.unitOfficer);
      expect(m.subject).toContain('Huyện ủy Tiên Du');
      expect(m.text).toContain(TEST_MAILBOXES.unitOfficer);
      expect(m.text).toContain(l.mail.subject);
      expect(m.text).toContain('no such user');
      expect(m.text).toContain('https://dondoc.test/admin/mail?status=failed');
    }
    // The notices go through the outbox too, each exactly once, as delivery-failed rows.
    const notices = (
      await rig.postman.outbox.list({ kind: 'delivery-failed', page: 1, pageSize: 50 })
    ).items.filter((r) => r.key.startsWith(`${l.key}/failed-notice/`));
    expect(notices.map((r) => [r.recipient, r.status]).sort()).toEqual(
      [
        [ADMIN_EMAIL, 'sent'],
        [TEST_MAILBOXES.unitHead, 'sent'],
      ].sort(),
    );
    expect(notices.find((r) => r.recipient === TEST_MAILBOXES.unitHead)?.contactId).toBe(
      rig.contacts.unitHead.id,
    );

    // A later deliver of the same key (a retried activity) neither sends nor tells again.
    rig.sink.clear();
    expect(await rig.postman.deliver(l)).toBe('failed');
    expect((await outboxRow(rig, l.key)).attempts).toBe(row.attempts);
    expect(rig.sink.messages()).toHaveLength(0);
  });

  it('does not tell a head of the failure of mail to the head itself (only the admins)', async () => {
    const l = letter(rig, {
      key: `deliverable:test-head/reminder:2021-09-13:5/${rig.contacts.unitHead.id}`,
      contactId: rig.contacts.unitHead.id,
      to: rig.contacts.unitHead.email,
    });
    rig.sink.failNext(1, 550, 'Mailbox unavailable');
    expect(await rig.postman.deliver(l)).toBe('failed');
    const [m] = await rig.sink.waitForCount(1);
    expect(rig.sink.messages()).toHaveLength(1);
    expect(m.to).toEqual([ADMIN_EMAIL]);
    expect(m.subject).toContain(TEST_MAILBOXES.unitHead);
  });

  it('gives up after maxAttempts transient failures: the third attempt with maxAttempts 2 fails without SMTP', async () => {
    const postman = rig.postmanWith({ maxAttempts: 2 });
    const l = letter(rig);
    rig.sink.failNext(2, 421, 'Service not available, closing channel');
    await expect(postman.deliver(l)).rejects.toThrow(/Service not available/);
    await expect(postman.deliver(l)).rejects.toThrow(/Service not available/);
    expect((await outboxRow(rig, l.key)).attempts).toBe(2);
    expect(rig.sink.messages()).toHaveLength(0);

    expect(await postman.deliver(l)).toBe('failed');
    const row = await outboxRow(rig, l.key);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(3);
    expect(row.lastError).toBe('gave up after 2 attempts');
    expect(row.failedAt).toBeInstanceOf(Date);
    // No third SMTP attempt of the mail itself; the head and the admin are told.
    const got = await rig.sink.waitForCount(2);
    expect(got).toHaveLength(2);
    expect(got.some((m) => m.messageId === messageIdFor(l.key))).toBe(false);
    expect(got.every((m) => m.subject.startsWith('[Lỗi gửi thư]'))).toBe(true);
    expect(got.every((m) => m.text.includes('gave up after 2 attempts'))).toBe(true);
    expect(await postman.deliver(l)).toBe('failed');
    expect(rig.sink.messages()).toHaveLength(2);
  });

  it('a digest contact’s digestible mail waits for the digest; immediate mail ignores the window', async () => {
    const digested = letter(rig, { digest: true, at: FRIDAY_20 });
    expect(await rig.postman.deliver(digested)).toBe('digested');
    const row = await outboxRow(rig, digested.key);
    expect(row.status).toBe('digested');
    expect(row.digestKey).toBeNull();
    expect(row.notBefore).toBeNull();
    expect(row.attempts).toBe(0);

    // A receipt is not digestible and answers the sender's own action: it goes at once, Friday 20:00.
    const receipt = letter(rig, { kind: 'receipt', digest: true, immediate: true, at: FRIDAY_20 });
    expect(await rig.postman.deliver(receipt)).toBe('sent');
    const got = await rig.sink.waitForCount(1);
    expect(got.map((m) => m.messageId)).toEqual([messageIdFor(receipt.key)]);
  });

  /**
   * Five concurrent deliveries of one key (e.g. an activity retried while its first attempt still
   * runs): the first claim takes the lease, the others are refused while it holds it (a transient
   * error, so their activity retries later and finds the mail sent). Exactly one SMTP delivery.
   */
  it('concurrent delivers of the same key: exactly one SMTP delivery, the others refused as in flight', async () => {
    const l = letter(rig, { at: MONDAY_9 });
    const settled = await Promise.allSettled([1, 2, 3, 4, 5].map(() => rig.postman.deliver(l)));
    const sent = rig.sink.messages().filter((m) => m.messageId === messageIdFor(l.key));
    expect(sent).toHaveLength(1);
    const outcomes = settled.map((s) => (s.status === 'fulfilled' ? s.value : 'in-flight'));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(MailInFlightError);
    expect(outcomes.every((o) => ['sent', 'already-sent', 'in-flight'].includes(o))).toBe(true);
    expect((await outboxRow(rig, l.key)).status).toBe('sent');
    // A retry afterwards finds it sent.
    expect(await rig.postman.deliver(l)).toBe('already-sent');
    expect(rig.sink.messages().filter((m) => m.messageId === messageIdFor(l.key))).toHaveLength(1);
  });
});
