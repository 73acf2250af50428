import * as path from 'node:path';
import { HISTORIES_DIR, readHistory } from '@dondoc/testing';
import { historyEventToJson } from './history-json.util';
import { explainWorkflowHistory, vnDateTime } from './workflow-timeline';

// A recorded run (workflows/test/histories, also replayed by workflows/test/replay.spec.ts): opened
// due 04/05/2037, extended to 18/05, reminded 1 working day before, overdue notice, then waived.
const WORKFLOW_ID = 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:P5';
const events =
  readHistory(path.join(HISTORIES_DIR, 'deliverable-extended-overdue-waived.history.b64')).events ?? [];

describe('explainWorkflowHistory over a stored deliverable history', () => {
  const timeline = explainWorkflowHistory({
    workflowId: WORKFLOW_ID,
    events,
    mails: [
      {
        key: `${WORKFLOW_ID}/reminder:2037-05-18:2037-05-15/c-1`,
        step: 'reminder:2037-05-18:2037-05-15',
        status: 'sent',
      },
      {
        key: `${WORKFLOW_ID}/reminder:2037-05-18:2037-05-15/c-2`,
        step: 'reminder:2037-05-18:2037-05-15',
        status: 'failed',
        lastError: '550 mailbox unavailable',
      },
    ],
  });

  it('tells the story in order: opened, extended, reminder, mail, overdue, mail, waived, closed', () => {
    expect(timeline.map((e) => e.kind)).toEqual([
      'opened',
      'update',
      'reminder',
      'mail',
      'overdue',
      'mail',
      'update',
      'closed',
    ]);
    expect(timeline.every((e) => e.vi && e.en && e.eventId > 0)).toBe(true);
  });

  it('explains the opening with the due date and the plan rule', () => {
    const opened = timeline[0];
    expect(opened.vi).toContain('hạn nộp 04/05/2037');
    expect(opened.en).toContain('due 04/05/2037');
    expect(opened.en).toContain('reminders 1 working day before at 08:00');
    expect(opened.en).toContain(
      "after the deadline (working days) +1: the unit's head; +3: the collecting body, the superior committee; +7: the Propaganda Department (BTG)",
    );
    expect(opened.details.key).toEqual({
      planId: '22-KH-TU',
      obligationId: 'implementation-plan',
      unitId: 'HU-TIEN-DU',
      period: 'P5',
    });
  });

  it('explains why the reminder went out: due date and offset in working days', () => {
    const reminder = timeline.find((e) => e.kind === 'reminder')!;
    expect(reminder.en).toBe(
      'Reminder sent at 15/05/2037 08:00 because due 18/05/2037 and the plan reminds 1 working day before.',
    );
    expect(reminder.vi).toBe(
      'Đã gửi nhắc việc lúc 15/05/2037 08:00 vì hạn nộp 18/05/2037 và quy tắc nhắc trước 1 ngày làm việc.',
    );
    expect(reminder.details).toMatchObject({ step: 'reminder:2037-05-18:2037-05-15', days: 1 });
  });

  it('explains the overdue notice: to whom and how many working days late', () => {
    const overdue = timeline.find((e) => e.kind === 'overdue')!;
    expect(overdue.en).toBe(
      "Overdue notice sent to the unit's head at 19/05/2037 08:00 because 1 working day overdue (due 18/05/2037).",
    );
    expect(overdue.vi).toContain('quá hạn 1 ngày làm việc');
  });

  it('names each mail by outbox key and links a failed one to the mail resend', () => {
    const mail = timeline.find((e) => e.kind === 'mail')!;
    expect(mail.details).toMatchObject({
      sent: 2,
      failed: 0,
      outboxKeyPrefix: `${WORKFLOW_ID}/reminder:2037-05-18:2037-05-15/`,
    });
    expect(mail.links).toEqual([
      {
        rel: 'mail',
        method: 'GET',
        href: `/mail/${encodeURIComponent(`${WORKFLOW_ID}/reminder:2037-05-18:2037-05-15/c-1`)}`,
      },
      {
        rel: 'resend-mail',
        method: 'POST',
        href: `/mail/${encodeURIComponent(`${WORKFLOW_ID}/reminder:2037-05-18:2037-05-15/c-2`)}/resend`,
      },
    ]);
  });

  it('explains the updates received: extension and waiver with who and why', () => {
    const [extend, waive] = timeline.filter((e) => e.kind === 'update');
    expect(extend.vi).toBe('Gia hạn đến 18/05/2037 (BTG-TU): “Đơn vị đang kiện toàn cấp ủy”.');
    expect(extend.details.name).toBe('extend');
    expect(waive.en).toBe('Waived (BTG-TU): “Đơn vị sáp nhập”.');
  });

  it('shows no pending timer once the run is closed', () => {
    expect(timeline.some((e) => e.kind === 'timer-pending')).toBe(false);
  });

  it('shows a pending timer with its fire time and what it is for, in a history read mid-run', () => {
    // The same history as it stood after the extension: waiting for the reminder of 15/05.
    const cut = events.findIndex((e) => String(e.eventId) === '29');
    const midRun = explainWorkflowHistory({ workflowId: WORKFLOW_ID, events: events.slice(0, cut) });
    const timer = midRun.find((e) => e.kind === 'timer-pending')!;
    // Started at the event's instant (with its milliseconds) for the time left until 08:00.
    expect(Math.abs(Date.parse(timer.at) - Date.parse('2037-05-15T01:00:00Z'))).toBeLessThan(1000);
    expect(vnDateTime(timer.at)).toBe('15/05/2037 08:00');
    expect(timer.details).toMatchObject({
      timerId: '1',
      for: 'reminder',
      days: 1,
      step: 'reminder:2037-05-18:2037-05-15',
    });
    expect(timer.en).toBe(
      'Pending timer, fires at 15/05/2037 08:00: Will send a reminder at 15/05/2037 08:00 because due 18/05/2037 and the plan reminds 1 working day before.',
    );
  });

  it('explains a pending overdue timer: to whom and after how many working days', () => {
    // The history as it stood after the reminder: waiting for the first level of the chain (+1, head).
    const midRun = explainWorkflowHistory({
      workflowId: WORKFLOW_ID,
      events: events.slice(
        0,
        events.findIndex((e) => String(e.eventId) === '41'),
      ),
    });
    const timer = midRun.find((e) => e.kind === 'timer-pending')!;
    expect(timer.details).toMatchObject({ for: 'overdue', days: 1, notify: ['head'] });
    expect(timer.vi).toContain('Sẽ gửi thông báo quá hạn tới người đứng đầu đơn vị lúc 19/05/2037 08:00');
  });
});

describe('historyEventToJson', () => {
  it('gives event id, time, type name and decoded payloads', () => {
    const first = historyEventToJson(events[0]);
    expect(first.eventId).toBe(1);
    expect(first.eventType).toBe('WorkflowExecutionStarted');
    expect(first.eventTime).toMatch(/^2037-04-03T01:01:00\.\d{3}Z$/);
    const input = first.attributes.input as unknown[];
    expect((input[0] as { key: { unitId: string } }).key.unitId).toBe('HU-TIEN-DU');
    const timer = historyEventToJson(events.find((e) => String(e.eventId) === '22')!);
    expect(timer.eventType).toBe('TimerStarted');
    expect(timer.attributes).toMatchObject({ timerId: '1', workflowTaskCompletedEventId: 20 });
  });
});
