import { WorkingCalendar } from '@dondoc/calendar';
import { DEFAULT_ESCALATION, DeliverableTerms } from './deliverable-terms';
import { deadlineInstant, deliverableTimeline } from './deliverable-timeline';

const cal = new WorkingCalendar();
const terms = (over: Partial<DeliverableTerms> = {}): DeliverableTerms => ({
  dueDate: '2021-09-13',
  reminderOffsets: [10, 5, 3, 1, 0],
  reminderDayKind: 'working',
  escalation: DEFAULT_ESCALATION,
  ...over,
});

describe('deliverableTimeline', () => {
  it('lays out reminders, the escalation chain and weekly repeats for 13/09/2021', () => {
    const steps = deliverableTimeline(terms(), cal, '2021-10-15T00:00:00.000Z');
    expect(steps.map((s) => [s.kind, s.date, s.days])).toEqual([
      // 2/9 (Thu) and 3/9 (Fri) 2021 were the National Day holiday.
      ['reminder', '2021-08-26', 10],
      ['reminder', '2021-09-06', 5],
      ['reminder', '2021-09-08', 3],
      ['reminder', '2021-09-10', 1],
      ['reminder', '2021-09-13', 0],
      ['overdue', '2021-09-14', 1],
      ['escalation', '2021-09-16', 3],
      ['escalation', '2021-09-22', 7],
      ['escalation', '2021-09-29', 12],
      ['escalation', '2021-10-06', 17],
      ['escalation', '2021-10-13', 22],
    ]);
    expect(steps[0].at).toBe('2021-08-26T01:00:00.000Z');
    expect(steps[7].notify).toEqual(['btg']);
  });

  it('never places a step on a day off, whatever the due date', () => {
    for (const due of ['2024-02-10', '2024-04-30', '2025-09-02', '2023-01-01']) {
      for (const s of deliverableTimeline(terms({ dueDate: due }), cal, '2026-12-31T00:00:00.000Z')) {
        expect(cal.isWorkingDay(s.date)).toBe(true);
      }
    }
  });

  it('keys steps by the deadline, so a moved due date gets fresh steps', () => {
    const a = deliverableTimeline(terms(), cal, '2021-12-31T00:00:00.000Z').map((s) => s.id);
    const b = deliverableTimeline(terms({ dueDate: '2021-09-20' }), cal, '2021-12-31T00:00:00.000Z').map(
      (s) => s.id,
    );
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  it('counts calendar-day offsets back to a working day', () => {
    const steps = deliverableTimeline(
      terms({
        reminderOffsets: [7],
        reminderDayKind: 'calendar',
        escalation: { levels: [], repeatEveryDays: null },
      }),
      cal,
      '2022-01-01T00:00:00.000Z',
    );
    expect(steps.map((s) => s.date)).toEqual(['2021-09-06']); // 13/9 − 7 = Mon 6/9
  });

  it('puts the deadline at the end of the next working day when the due date is a day off', () => {
    expect(deadlineInstant('2021-09-11', cal)).toBe('2021-09-13T17:00:00.000Z');
  });
});
