import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { vnInstant } from '@dondoc/calendar';
import { TimelineStep } from '@dondoc/domain';
import { icsUidFor, ReceivedMail } from '@dondoc/mail';
import { TEST_BTG, TEST_MAILBOXES, TEST_UNIT } from '@dondoc/testing';
import type { DeliverableEvent, DeliverableView } from '@dondoc/workflows/src/deliverable/deliverable.types';
import { messageIdFor } from '../mail/message-id.util';
import {
  deliverableRow,
  FRIDAY_20,
  icsOf,
  icsProp,
  MailRig,
  PUBLIC_URL,
  startMailRig,
} from '../mail/mail-test-kit';
import { MailFacts, mailStep, mailTransitions } from './deliverable-mail';

/** Must never appear in any mail: a submission's note stands in for anything from the document. */
const SENTINEL = 'NỘI-DUNG-MẬT-7f3a9c';
const SHA256 = createHash('sha256').update('bao-cao-hoc-tap.pdf contents').digest('hex');
const TITLE = 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa';

function factsFor(id: string, overrides: Partial<MailFacts> = {}): MailFacts {
  const d = deliverableRow({ id, title: TITLE });
  return {
    id: d.id,
    planId: d.planId,
    planNumber: d.planNumber,
    planTitle: d.planTitle,
    title: d.title,
    clause: 'Mục III.1',
    period: d.period,
    unitId: d.unitId,
    collectorUnitId: d.collectorUnitId,
    dueDate: d.dueDate,
    dueDateChanges: 0,
    ...overrides,
  };
}

function viewFor(id: string, overrides: Partial<DeliverableView> = {}): DeliverableView {
  return {
    id,
    status: 'submitted',
    dueDate: '2021-09-13',
    deadlineAt: '2021-09-13T17:00:00.000Z',
    version: 4,
    remindersSent: 1,
    escalationsSent: 0,
    nextStepAt: null,
    nextStepKind: null,
    submission: {
      submittedAt: '2021-09-10T13:00:00.000Z', // Friday 20:00 in Vietnam
      submittedByUnit: TEST_UNIT.id,
      documentName: 'bao-cao-hoc-tap.pdf',
      documentSha256: SHA256,
      note: SENTINEL,
      coveredContents: [],
    },
    lastReview: null,
    extensions: [],
    returns: 0,
    closedReason: null,
    registered: [],
    memberCount: 0,
    ...overrides,
  };
}

const event = (
  version: number,
  type: DeliverableEvent['type'],
  at: string,
  extra: Partial<DeliverableEvent> = {},
) => ({
  version,
  type,
  at,
  ...extra,
});

/** Every part of a mail a reader (or a leak) could see. */
const everything = (m: ReceivedMail) =>
  [m.subject, m.text, m.html, m.raw, ...m.attachments.map((a) => a.content.toString('utf8'))].join('\n');

describe('deliverable mail: reminders, escalations and transitions (PostgreSQL, SMTP sink, parsed)', () => {
  let rig: MailRig;
  let deps: { dataSource: MailRig['db']['dataSource']; postman: MailRig['postman']; publicUrl: string };
  beforeAll(async () => {
    rig = await startMailRig();
    deps = { dataSource: rig.db.dataSource, postman: rig.postman, publicUrl: PUBLIC_URL };
  });
  afterAll(() => rig?.stop());
  /** Every mail of every test, for the leak check at the end. */
  const seen: ReceivedMail[] = [];
  beforeEach(() => {
    seen.push(...rig.sink.messages());
    rig.sink.clear();
  });

  const ID = '22-KH-TU:implementation-plan:HU-TIEN-DU:term';
  const WF = `deliverable:${ID}`;
  const LINK = `${PUBLIC_URL}/deliverables/${encodeURIComponent(ID)}`;
  const reminderStep: TimelineStep = {
    id: 'reminder:2021-09-06:5',
    kind: 'reminder',
    date: '2021-09-06',
    at: vnInstant('2021-09-06', 9), // Monday after the National Day holidays, in the window
    days: 5,
    notify: ['unit'],
  };
  let reminderSequence = -1;

  it('reminds the owing unit in each contact’s language, with the due date as a calendar event', async () => {
    const result = await mailStep(deps, factsFor(ID), { workflowId: WF, step: reminderStep });
    expect(result).toMatchObject({ sent: 2, failed: 0, deferred: 0, digested: 0 });
    const got = await rig.sink.waitForCount(2);
    expect(got).toHaveLength(2);

    const vi = got.find((m) => m.to.includes(TEST_MAILBOXES.unitHead))!;
    const parsed = await simpleParser(vi.raw);
    expect(parsed.messageId).toBe(messageIdFor(`${WF}/${reminderStep.id}/${rig.contacts.unitHead.id}`));
    expect(parsed.subject).toBe(`[Nhắc việc] Kế hoạch 22-KH/TU – ${TITLE} – hạn Thứ Hai, 13/09/2021`);
    expect(parsed.text).toBeTruthy();
    expect(parsed.html).toBeTruthy();
    for (const body of [parsed.text as string, parsed.html as string]) {
      expect(body).toContain('Thứ Hai, 13/09/2021');
      expect(body).toContain('còn 5 ngày làm việc');
      expect(body).toContain(LINK);
      expect(body).toContain('Huyện ủy Tiên Du');
    }
    expect(parsed.html).toContain(`href="${LINK}"`);

    const ics = icsOf(vi)!;
    expect(ics).toBeDefined();
    expect(ics.contentType).toBe('text/calendar');
    expect(vi.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
    expect(icsProp(ics.lines, 'METHOD')).toBe('PUBLISH');
    expect(icsProp(ics.lines, 'UID')).toBe(icsUidFor(ID));
    expect(ics.lines).toContain('DTSTART;VALUE=DATE:20210913');
    expect(ics.lines).toContain('DTEND;VALUE=DATE:20210914');
    expect(icsProp(ics.lines, 'STATUS')).toBe('CONFIRMED');
    expect(icsProp(ics.lines, 'URL')).toBe(LINK);
    reminderSequence = Number(icsProp(ics.lines, 'SEQUENCE'));
    expect(reminderSequence).toBe(0);

    const en = got.find((m) => m.to.includes(TEST_MAILBOXES.unitOfficer))!;
    expect(en.subject).toBe(`[Reminder] Plan 22-KH/TU – ${TITLE} – due Monday, 13 September 2021`);
    expect(en.text).toContain('5 working days left');
    expect(en.text).toContain(LINK);
    expect(en.text).not.toContain('Kính gửi');
    // The same deliverable, the same calendar event.
    expect(icsProp(icsOf(en)!.lines, 'UID')).toBe(icsUidFor(ID));

    // A retried activity sends nothing twice.
    expect(await mailStep(deps, factsFor(ID), { workflowId: WF, step: reminderStep })).toMatchObject({
      'already-sent': 2,
      sent: 0,
    });
    expect(rig.sink.messages()).toHaveLength(2);
  });

  it('escalates to BTG without a calendar event (the due date is not BTG’s)', async () => {
    const step: TimelineStep = {
      id: 'escalation:2021-09-22:7',
      kind: 'escalation',
      date: '2021-09-22',
      at: vnInstant('2021-09-22', 9),
      days: 7,
      notify: ['btg'],
    };
    expect(await mailStep(deps, factsFor(ID), { workflowId: WF, step })).toMatchObject({ sent: 1 });
    const [m] = await rig.sink.waitForCount(1);
    expect(rig.sink.messages()).toHaveLength(1);
    expect(m.to).toEqual([TEST_MAILBOXES.btg]);
    expect(m.subject).toBe(
      `[Quá hạn] Huyện ủy Tiên Du chưa nộp: ${TITLE} (Kế hoạch 22-KH/TU) – đã quá hạn 7 ngày làm việc`,
    );
    expect(m.text).toContain(`Kính gửi: ${TEST_BTG.name},`);
    expect(m.text).toContain(LINK);
    expect(m.attachments).toHaveLength(0);
    expect(icsOf(m)).toBeUndefined();
  });

  it('acknowledges a submission at once, even at 20:00 on a Friday: file name and short checksum', async () => {
    const view = viewFor(ID);
    const events = [event(4, 'submitted', FRIDAY_20, { actorUnitId: TEST_UNIT.id })];
    const result = await mailTransitions(deps, factsFor(ID), { workflowId: WF, view, events });
    expect(result).toMatchObject({ sent: 2, deferred: 0 });
    const got = await rig.sink.waitForCount(2);
    const vi = got.find((m) => m.to.includes(TEST_MAILBOXES.unitHead))!;
    expect(vi.subject).toBe(`[Đã nhận văn bản] Kế hoạch 22-KH/TU – ${TITLE} – kỳ term`);
    expect(vi.text).toContain('bao-cao-hoc-tap.pdf');
    expect(vi.text).toContain(SHA256.slice(0, 12));
    expect(vi.text).not.toContain(SHA256); // the short form only
    expect(vi.text).toContain('10/09/2021 20:00 (giờ Việt Nam)');
    expect(vi.html).toContain('bao-cao-hoc-tap.pdf');
    expect(vi.attachments).toHaveLength(0);
    const en = got.find((m) => m.to.includes(TEST_MAILBOXES.unitOfficer))!;
    expect(en.subject).toBe(`[Submission received] Plan 22-KH/TU – ${TITLE} – period term`);
    const row = await rig.postman.outbox.findByKey(`${WF}/event:4/${rig.contacts.unitHead.id}`);
    expect(row).toMatchObject({ status: 'sent', kind: 'receipt', notBefore: null, deliverableId: ID });
  });

  it('tells the unit its submission was returned: comments verbatim (escaped in HTML), new due date, moved event', async () => {
    const comments = 'Thiếu phần <đánh giá> & "kết quả" của 2 chi bộ.\nĐề nghị bổ sung số liệu.';
    const view = viewFor(ID, {
      status: 'returned',
      dueDate: '2021-09-20',
      deadlineAt: '2021-09-20T17:00:00.000Z',
      version: 5,
      returns: 1,
      lastReview: {
        decision: 'return',
        at: vnInstant('2021-09-14', 10),
        reviewerUnitId: TEST_BTG.id,
        comments,
        newDueDate: '2021-09-20',
      },
    });
    const facts = factsFor(ID, { dueDate: '2021-09-20', dueDateChanges: 1 });
    const events = [event(5, 'returned', vnInstant('2021-09-14', 10), { actorUnitId: TEST_BTG.id })];
    expect(await mailTransitions(deps, facts, { workflowId: WF, view, events })).toMatchObject({ sent: 2 });
    const got = await rig.sink.waitForCount(2);
    const m = got.find((x) => x.to.includes(TEST_MAILBOXES.unitHead))!;
    expect(m.subject).toBe(
      `[Trả lại văn bản] Kế hoạch 22-KH/TU – ${TITLE} – nộp lại trước hạn Thứ Hai, 20/09/2021`,
    );
    expect(m.text).toContain(`Ý kiến của ${TEST_BTG.name}:`);
    expect(m.text).toContain('> Thiếu phần <đánh giá> & "kết quả" của 2 chi bộ.\n> Đề nghị bổ sung số liệu.');
    expect(m.text).toContain('Hạn nộp lại Thứ Hai, 20/09/2021');
    expect(m.html).toContain('Thiếu phần &lt;đánh giá&gt; &amp; &quot;kết quả&quot; của 2 chi bộ.');
    expect(m.html).not.toContain('<đánh giá>');
    const ics = icsOf(m)!;
    expect(icsProp(ics.lines, 'METHOD')).toBe('PUBLISH');
    expect(icsProp(ics.lines, 'UID')).toBe(icsUidFor(ID));
    expect(ics.lines).toContain('DTSTART;VALUE=DATE:20210920');
    expect(Number(icsProp(ics.lines, 'SEQUENCE'))).toBe(1);
  });

  it('tells the unit of an extension: old → new date, the event moved with a higher SEQUENCE', async () => {
    const ext = {
      at: vnInstant('2021-09-16', 10),
      from: '2021-09-20',
      to: '2021-09-27',
      reason: 'Đơn vị tổ chức hội nghị học tập vào ngày 24/9',
      grantedByUnitId: TEST_BTG.id,
    };
    const view = viewFor(ID, {
      status: 'open',
      dueDate: '2021-09-27',
      deadlineAt: '2021-09-27T17:00:00.000Z',
      version: 6,
      returns: 1,
      extensions: [ext],
    });
    const facts = factsFor(ID, { dueDate: '2021-09-27', dueDateChanges: 2 });
    const events = [event(6, 'extended', ext.at, { actorUnitId: TEST_BTG.id, reason: ext.reason })];
    expect(await mailTransitions(deps, facts, { workflowId: WF, view, events })).toMatchObject({ sent: 2 });
    const got = await rig.sink.waitForCount(2);
    const m = got.find((x) => x.to.includes(TEST_MAILBOXES.unitHead))!;
    expect(m.subject).toBe(`[Gia hạn] Kế hoạch 22-KH/TU – ${TITLE} – hạn mới Thứ Hai, 27/09/2021`);
    expect(m.text).toContain(`${TEST_BTG.name} đồng ý gia hạn`);
    expect(m.text).toContain('từ Thứ Hai, 20/09/2021 đến Thứ Hai, 27/09/2021');
    expect(m.text).toContain(ext.reason);
    const ics = icsOf(m)!;
    expect(icsProp(ics.lines, 'METHOD')).toBe('PUBLISH');
    expect(icsProp(ics.lines, 'UID')).toBe(icsUidFor(ID));
    expect(ics.lines).toContain('DTSTART;VALUE=DATE:20210927');
    expect(Number(icsProp(ics.lines, 'SEQUENCE'))).toBeGreaterThan(reminderSequence);
    expect(Number(icsProp(ics.lines, 'SEQUENCE'))).toBe(2);
    const en = got.find((x) => x.to.includes(TEST_MAILBOXES.unitOfficer))!;
    expect(en.subject).toBe(
      `[Extension granted] Plan 22-KH/TU – ${TITLE} – new due date Monday, 27 September 2021`,
    );
  });

  it.each([
    ['accepted', '[Đã chấp nhận] Kế hoạch 22-KH/TU', 'accepted-obligation'],
    ['waived', '[Miễn thực hiện] Kế hoạch 22-KH/TU', 'waived-obligation'],
    ['cancelled', '[Hủy nhiệm vụ] Kế hoạch 22-KH/TU', 'cancelled-obligation'],
  ] as const)('%s: the calendar event is taken off (CANCEL, same UID)', async (type, subject, obligation) => {
    const id = `22-KH-TU:${obligation}:HU-TIEN-DU:2021`;
    const status = type === 'accepted' ? 'accepted' : type;
    const view = viewFor(id, { status, version: 5 });
    const at = vnInstant('2021-09-14', 10);
    const events = [event(5, type, at, { actorUnitId: TEST_BTG.id, reason: `Lý do ${type}` })];
    const workflowId = `deliverable:${id}`;
    expect(await mailTransitions(deps, factsFor(id), { workflowId, view, events })).toMatchObject({
      sent: 2,
    });
    const got = await rig.sink.waitForCount(2);
    for (const m of got) {
      const ics = icsOf(m)!;
      expect(ics).toBeDefined();
      expect(icsProp(ics.lines, 'METHOD')).toBe('CANCEL');
      expect(icsProp(ics.lines, 'STATUS')).toBe('CANCELLED');
      expect(icsProp(ics.lines, 'UID')).toBe(icsUidFor(id));
      expect(ics.lines).toContain('DTSTART;VALUE=DATE:20210913');
      expect(ics.lines.some((l) => l.startsWith('BEGIN:VALARM'))).toBe(false); // a cancelled event does not ring
    }
    const vi = got.find((m) => m.to.includes(TEST_MAILBOXES.unitHead))!;
    expect(vi.subject.startsWith(subject)).toBe(true);
    expect(vi.text).toContain(`${PUBLIC_URL}/deliverables/${encodeURIComponent(id)}`);
    if (type !== 'accepted') expect(vi.text).toContain(`> Lý do ${type}`);
    if (type === 'accepted') expect(vi.subject).toContain('đúng hạn'); // submitted before the deadline
  });

  it('no mail, sent or stored, carries anything from the submission beyond its name and checksum', async () => {
    // The submission's note is in the view every transition above was mailed with.
    expect(seen.length).toBeGreaterThanOrEqual(14);
    for (const m of seen) expect(everything(m)).not.toContain(SENTINEL);
    const [{ rows, leaks }] = (await rig.db.dataSource.query(
      `SELECT count(*)::int AS rows, count(*) FILTER (WHERE content::text LIKE $1 OR subject LIKE $1)::int AS leaks
         FROM outbox`,
      [`%${SENTINEL}%`],
    )) as { rows: number; leaks: number }[];
    expect(rows).toBe(seen.length);
    expect(leaks).toBe(0);
  });
});
