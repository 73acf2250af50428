import * as path from 'node:path';
import { vnInstant } from '@dondoc/calendar';
import { simulationIssueId } from '../../apps/cli/src/simulate/issue-driver';
import { SimIssueEventLine, simulationLines } from '../../apps/cli/src/simulate/issue-output';
import type { SimulationResult } from '../../apps/cli/src/simulate/simulation-engine';
import { EXAMPLES_DIR, simulate22 } from './term/term-harness';

/**
 * Reported issues in a behaviour file, through the `simulate` driver on the time-skipping server:
 * plans/examples/behaviour-issues.json has one deliverable entry and two issues — a normal one
 * (acknowledged late, escalated, directed to two units with a due date, done by them, closed) and an
 * urgent one that goes straight to BTV and waits there for direction.
 */
const FILE = path.join(EXAMPLES_DIR, 'behaviour-issues.json');
const BTV_MAIL = 'thuongtruc.tinhuy@bacninh.example';
const at9 = (d: string) => vnInstant(d, 9);
const at8 = (d: string) => vnInstant(d, 8);

describe('simulate: reported issues from the behaviour file, in the event stream (time-skipping)', () => {
  jest.setTimeout(180_000);
  let r: SimulationResult;
  let lines: Record<string, unknown>[];
  // The ids follow the entry (index 1 and 2) and the report instant: the same file, the same ids.
  const normal = simulationIssueId(at9('2021-08-16'), 1);
  const urgent = simulationIssueId(at9('2021-09-20'), 2);
  const issueLines = (id: string) =>
    r.issueEvents.filter((e) => e.issue === id).map((e) => [e.type, e.at] as [string, string]);

  beforeAll(async () => {
    r = await simulate22({ until: '2021-10-31', behaviourFile: FILE });
    lines = simulationLines(r) as unknown as Record<string, unknown>[];
  });

  it('plays the normal issue: a missed acknowledgement limit, then each step on its day at 09:00', () => {
    expect(issueLines(normal)).toEqual([
      ['issue-reported', at9('2021-08-16')],
      // Acknowledge within 2 working days (by 18/8): BTG is reminded at 08:00 the next working day.
      ['issue-limit-reminder', at8('2021-08-19')],
      ['issue-acknowledged', at9('2021-08-20')],
      ['issue-handler-assigned', at9('2021-08-20')],
      ['issue-escalated', at9('2021-08-24')],
      ['issue-directed', at9('2021-08-30')],
      ['issue-direction-deliverable-closed', at9('2021-09-10')],
      ['issue-direction-deliverable-closed', at9('2021-09-10')],
      ['issue-resolved', at9('2021-09-10')],
      ['issue-closed', at9('2021-09-13')],
    ]);
    const line = (type: string) => r.issueEvents.find((e) => e.issue === normal && e.type === type)!;
    expect(line('issue-reported')).toMatchObject({
      reported_by: 'HU-TIEN-DU',
      state: 'reported',
      by: 'HU-TIEN-DU',
    });
    expect(line('issue-limit-reminder')).toMatchObject({ state: 'reported', limit: 'acknowledge' });
    expect(line('issue-limit-reminder').to).toContain('truongban.btg@bacninh.example');
    expect(line('issue-escalated')).toMatchObject({ state: 'escalated', by: 'BTG-TU' });
    expect(line('issue-escalated').to).toContain(BTV_MAIL);
    expect(line('issue-directed')).toMatchObject({
      state: 'directed',
      by: 'BTV-TU',
      units: ['HU-TIEN-DU', 'HU-QUE-VO'],
      due: '2021-09-15',
    });
    // The directed units are told.
    expect(line('issue-directed').to).toEqual(
      expect.arrayContaining(['vanphong.quevo@bacninh.example', 'vanphong.tiendu@bacninh.example']),
    );
    expect(line('issue-resolved').state).toBe('resolved');
    expect(line('issue-closed')).toMatchObject({ state: 'closed', by: 'BTG-TU' });
  });

  it('sends the urgent issue straight to BTV, which is reminded and then weekly while it gives no direction', () => {
    expect(issueLines(urgent)).toEqual([
      ['issue-reported', at9('2021-09-20')],
      ['issue-escalated', at9('2021-09-20')],
      // Urgent direction limit: 5 working days (27/9); BTV has no level above: reminded, then weekly.
      ['issue-limit-reminder', at8('2021-09-28')],
      ['issue-limit-repeat', at8('2021-10-05')],
      ['issue-limit-repeat', at8('2021-10-12')],
      ['issue-limit-repeat', at8('2021-10-19')],
      ['issue-limit-repeat', at8('2021-10-26')],
    ]);
    const reminder = r.issueEvents.find((e) => e.issue === urgent && e.type === 'issue-limit-reminder')!;
    expect(reminder).toMatchObject({ state: 'escalated', limit: 'direction' });
    expect(reminder.to).toContain(BTV_MAIL);
  });

  it('opens the directed deliverables through the deliverable workflow; their events are in the stream', () => {
    for (const unit of ['HU-TIEN-DU', 'HU-QUE-VO']) {
      const mine = r.events.filter((e) => e.obligation === 'issue-direction' && e.unit === unit);
      expect(mine.every((e) => e.period === normal)).toBe(true);
      expect(mine.map((e) => e.type)).toEqual(['opened', 'reminder', 'reminder', 'submitted', 'accepted']);
      expect(mine[0].at).toBe(at9('2021-08-30'));
      expect(mine.slice(-2).map((e) => e.at)).toEqual([at9('2021-09-10'), at9('2021-09-10')]);
      expect(r.finals.find((f) => f.obligation === 'issue-direction' && f.unit === unit)).toMatchObject({
        period: normal,
        status: 'accepted',
        bucket: 'on-time',
      });
    }
    // The file's deliverable entry is played as before, among the issues.
    expect(
      r.finals.find((f) => f.obligation === 'implementation-plan' && f.unit === 'HU-TIEN-DU'),
    ).toMatchObject({ status: 'accepted', bucket: 'on-time' });
  });

  it('prints one stream: events by time (deliverables first within a minute), deliverable finals, then one final-issue line each', () => {
    const events = lines.filter((l) => typeof l.at === 'string');
    expect(lines.slice(0, events.length)).toEqual(events);
    expect(events.every((l, i) => i === 0 || (events[i - 1].at as string) <= (l.at as string))).toBe(true);
    expect(events).toHaveLength(r.events.length + r.issueEvents.length);
    // Interleaved, not appended: the issue's first line stands among the deliverables' of its day.
    const reported = events.findIndex((l) => l.type === 'issue-reported');
    expect(reported).toBeGreaterThan(0);
    expect(events.slice(reported + 1).some((l) => 'obligation' in l)).toBe(true);
    // At the direction's minute the deliverables it opened come first, then the issue's line.
    const direction = events.filter((l) => l.at === at9('2021-08-30')).map((l) => l.type);
    expect(direction).toEqual(['opened', 'opened', 'issue-directed']);

    const tail = lines.slice(events.length);
    expect(tail.slice(0, r.finals.length).every((l) => l.type === 'final')).toBe(true);
    expect(tail.slice(r.finals.length)).toEqual([
      {
        type: 'final-issue',
        issue: normal,
        reported_by: 'HU-TIEN-DU',
        severity: 'normal',
        state: 'closed',
        outcome: 'closed',
      },
      {
        type: 'final-issue',
        issue: urgent,
        reported_by: 'HU-GIA-BINH',
        severity: 'urgent',
        state: 'escalated',
        outcome: 'overdue',
      },
    ]);
    // Every issue line has the same keys in the same order as the README shows them.
    const shape = (l: SimIssueEventLine) => Object.keys(l).join(',');
    expect(shape(r.issueEvents.find((e) => e.type === 'issue-directed')!)).toBe(
      'at,type,issue,reported_by,state,by,units,due,to',
    );
  });
});
