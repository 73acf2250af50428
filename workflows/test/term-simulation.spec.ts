import * as fs from 'node:fs';
import * as path from 'node:path';
import { addDays, vnDateOf, vnInstant } from '@dondoc/calendar';
import { PlanDefinition } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { DeliverableEntity } from '@dondoc/persistence';
import { PLAN_22_FILE } from '@dondoc/testing';
import type { SimulationDriver, SimulationResult } from '../../apps/cli/src/simulate/simulation-engine';
import type { SimEventLine, SimFinalLine } from '../../apps/cli/src/simulate/simulation-output';
import { EXAMPLES_DIR, simulate22 } from './term/term-harness';
import { termTimelineProblems } from './term/term-timelines';

/**
 * Plan 22-KH/TU over the Bắc Ninh 2021 fixture through the `simulate` driver: the real workflows and
 * activities on the time-skipping server, each run over the whole term (13/08/2021 → 31/12/2025,
 * ~54,000 steps, about a minute each). Amendments and cancellation: term-amendments.spec.ts.
 */
const WHOLE_TERM = '2025-12-31';
const END_AT = vnInstant(addDays(WHOLE_TERM, 1), 0);
const TERM_BEHAVIOUR = path.join(EXAMPLES_DIR, 'behaviour-term.json');
const plan: PlanDefinition = parsePlan(fs.readFileSync(PLAN_22_FILE, 'utf8'), PLAN_22_FILE);

const final = (
  r: SimulationResult,
  obligation: string,
  unit: string,
  period: string,
): SimFinalLine | undefined =>
  r.finals.find((f) => f.obligation === obligation && f.unit === unit && f.period === period);
const eventsOf = (r: SimulationResult, obligation: string, unit: string, period = 'term'): SimEventLine[] =>
  r.events.filter((e) => e.obligation === obligation && e.unit === unit && e.period === period);
const typesOf = (events: SimEventLine[]) => events.map((e) => e.type);

describe('whole-term simulation of 22-KH/TU over the Bắc Ninh 2021 fixture (time-skipping)', () => {
  jest.setTimeout(600_000);

  it('with no behaviour, over the whole term, every deliverable ends not done and overdue, every step on its working day at 08:00', async () => {
    let timelines: Awaited<ReturnType<typeof termTimelineProblems>> | undefined;
    const result = await simulate22({
      until: WHOLE_TERM,
      inspect: async (services) => {
        timelines = await termTimelineProblems(services, plan, END_AT);
      },
    });
    expect(timelines!.problems).toEqual([]);
    expect(timelines!.checked).toBe(488);
    // Every period of the term opened: 21 level-1 units' final reviews, five yearly summaries, …
    expect(result.finals.length).toBe(488);
    expect(result.finals.filter((f) => f.obligation === 'final-review')).toHaveLength(21);
    expect(result.finals.filter((f) => f.obligation === 'provincial-summary')).toHaveLength(5);
    expect(result.finals.filter((f) => f.bucket !== 'not-done-overdue')).toEqual([]);
    expect(result.events.every((e, i, all) => i === 0 || all[i - 1].at <= e.at)).toBe(true);
    // Mails go to the owing unit for reminders, to the bodies above it for escalations.
    const reminder = result.events.find((e) => e.type === 'reminder' && e.unit === 'HU-TIEN-DU')!;
    expect(reminder.to.length).toBeGreaterThan(0);
    expect(result.events.filter((e) => e.type === 'opened').every((e) => e.to.length === 0)).toBe(true);
  });

  let outcomes: SimulationResult | undefined;

  it('reproduces a behaviour file over the whole term: on time, late, returned and resubmitted, extended, and the cascade', async () => {
    let timelines: Awaited<ReturnType<typeof termTimelineProblems>> | undefined;
    outcomes = await simulate22({
      until: WHOLE_TERM,
      behaviourFile: TERM_BEHAVIOUR,
      inspect: async (services) => {
        // The cascade: grassroots plans open when their level-1 unit's plan is accepted, due 30 days later.
        const grassroots = await services.dataSource
          .getRepository(DeliverableEntity)
          .findBy({ obligationId: 'grassroots-plan' });
        const due = Object.fromEntries(grassroots.map((d) => [d.unitId, d.dueDate]));
        expect(due).toEqual({
          'DBCS-TD-LIM': '2021-10-01',
          'DBCS-TD-PHAT-TICH': '2021-10-01',
          'CBCS-TD-THPT-TIEN-DU-1': '2021-10-01',
          'DBCS-BN-SUOI-HOA': '2021-10-22',
          'DBCS-BN-VU-NINH': '2021-10-22',
        });
        // Everything the file leaves alone keeps the plan's rhythm to the end of the term.
        timelines = await termTimelineProblems(services, plan, END_AT);
      },
    });
    expect(timelines!.problems).toEqual([]);
    expect(timelines!.checked).toBeGreaterThan(480);
    const r = outcomes!;
    const at9 = (d: string) => vnInstant(d, 9);
    expect(final(r, 'implementation-plan', 'HU-TIEN-DU', 'term')).toMatchObject({
      status: 'accepted',
      bucket: 'on-time',
    });
    expect(final(r, 'implementation-plan', 'HU-QUE-VO', 'term')).toMatchObject({
      status: 'accepted',
      bucket: 'late',
    });
    expect(final(r, 'annual-report', 'HU-GIA-BINH', '2021')).toMatchObject({
      status: 'accepted',
      bucket: 'late',
    });
    expect(final(r, 'grassroots-plan', 'DBCS-TD-LIM', 'term')).toMatchObject({
      status: 'accepted',
      bucket: 'on-time',
    });
    expect(final(r, 'grassroots-plan', 'DBCS-TD-PHAT-TICH', 'term')).toMatchObject({
      bucket: 'not-done-overdue',
    });

    // Returned on 8/9 with a new due date of 24/9, resubmitted on 22/9 and accepted: on time.
    const tp = eventsOf(r, 'implementation-plan', 'TU-TP-BAC-NINH');
    expect(typesOf(tp.filter((e) => e.at >= at9('2021-09-08')))).toEqual([
      'submitted',
      'returned',
      'reminder',
      'reminder',
      'reminder',
      'submitted',
      'accepted',
    ]);
    // The new due date's reminders still ahead: 10, 5 and 3 working days before 24/9 (then resubmitted).
    expect(
      tp.filter((e) => e.type === 'reminder' && e.at > at9('2021-09-08')).map((e) => vnDateOf(e.at)),
    ).toEqual(['2021-09-10', '2021-09-17', '2021-09-21']);
    expect(final(r, 'implementation-plan', 'TU-TP-BAC-NINH', 'term')).toMatchObject({
      status: 'accepted',
      bucket: 'on-time',
    });

    // Extended on the first working day after opening (16/8) to 30/9: reminders follow the new date,
    // nothing went overdue on the old one (13/9), and the submission on 24/9 is on time.
    const yp = eventsOf(r, 'implementation-plan', 'HU-YEN-PHONG');
    expect(yp.find((e) => e.type === 'extended')!.at).toBe(at9('2021-08-16'));
    expect(yp.filter((e) => e.type === 'overdue')).toEqual([]);
    expect(yp.filter((e) => e.type === 'reminder').map((e) => vnDateOf(e.at))).toEqual([
      '2021-09-16',
      '2021-09-23',
    ]);
    expect(final(r, 'implementation-plan', 'HU-YEN-PHONG', 'term')).toMatchObject({
      status: 'accepted',
      bucket: 'on-time',
    });

    // The cascade opened at the acceptance; nothing happens to an accepted deliverable afterwards.
    expect(eventsOf(r, 'grassroots-plan', 'DBCS-BN-VU-NINH')[0]).toMatchObject({
      type: 'opened',
      at: at9('2021-09-22'),
    });
    const tienDu = eventsOf(r, 'implementation-plan', 'HU-TIEN-DU');
    expect(typesOf(tienDu).slice(-2)).toEqual(['submitted', 'accepted']);

    // Later in the term. 2023: returned on 10/11 with a new due date of 24/11 (the plan's was 15/11),
    // resubmitted on 23/11: reminders before the new date, no overdue notice on the old one, on time.
    const ar = eventsOf(r, 'annual-report', 'HU-TIEN-DU', '2023');
    expect(typesOf(ar.filter((e) => e.at >= at9('2023-11-10')))).toEqual([
      'submitted',
      'returned',
      'reminder',
      'reminder',
      'reminder',
      'submitted',
      'accepted',
    ]);
    // 5, 3 and 1 working days before 24/11 (10 days before was the morning of the return itself).
    expect(
      ar.filter((e) => e.type === 'reminder' && e.at > at9('2023-11-10')).map((e) => vnDateOf(e.at)),
    ).toEqual(['2023-11-17', '2023-11-21', '2023-11-23']);
    expect(final(r, 'annual-report', 'HU-TIEN-DU', '2023')).toMatchObject({ bucket: 'on-time' });
    // 2024: the three-year review extended from 02/05 to 31/05 and submitted on 20/05: on time,
    // nothing overdue on the old date.
    const review = eventsOf(r, 'three-year-review', 'HU-QUE-VO');
    expect(review.filter((e) => ['overdue', 'escalation'].includes(e.type))).toEqual([]);
    expect(final(r, 'three-year-review', 'HU-QUE-VO', 'term')).toMatchObject({ bucket: 'on-time' });
    // BTG's own provincial summary, a cell's quarterly session, and the final reviews of 2025.
    expect(final(r, 'provincial-summary', 'BTG-TU', '2024')).toMatchObject({ bucket: 'on-time' });
    expect(final(r, 'propaganda-plan', 'BC-BAO-BAC-NINH', '2025')).toMatchObject({ bucket: 'late' });
    expect(final(r, 'thematic-session', 'CB-TD-LIM-DINH-CA', '2025-Q2')).toMatchObject({
      bucket: 'on-time',
    });
    expect(final(r, 'final-review', 'HU-TIEN-DU', 'term')).toMatchObject({ bucket: 'on-time' });
    expect(final(r, 'final-review', 'HU-GIA-BINH', 'term')).toMatchObject({ bucket: 'late' });
    // A late final review was escalated before it came in, and nothing followed its acceptance.
    const late = eventsOf(r, 'final-review', 'HU-GIA-BINH');
    expect(typesOf(late)).toEqual(expect.arrayContaining(['overdue', 'escalation']));
    expect(typesOf(late).slice(-2)).toEqual(['submitted', 'accepted']);
    // What the file does not name ends not done and overdue.
    const named = new Set(
      (
        JSON.parse(fs.readFileSync(TERM_BEHAVIOUR, 'utf8')) as {
          obligation: string;
          unit: string;
          period: string;
        }[]
      ).map((e) => `${e.obligation}/${e.unit}/${e.period}`),
    );
    const others = r.finals.filter((f) => !named.has(`${f.obligation}/${f.unit}/${f.period}`));
    expect(others.filter((f) => f.bucket !== 'not-done-overdue')).toEqual([]);
    expect(others.length).toBe(r.finals.length - named.size);
  });

  // Without a sticky cache: a worker that stops leaves no workflow tasks on its own sticky queue,
  // which the time-skipping server would otherwise keep waiting on.
  it('worker restarts across the term change nothing', async () => {
    expect(outcomes).toBeDefined(); // the uninterrupted run of the same behaviour (with a cache)
    const restart = (day: string) => ({
      at: vnInstant(day, 12),
      label: 'restart the worker',
      run: async (driver: SimulationDriver) => {
        await driver.services.stopWorker();
        await driver.services.startWorker();
      },
    });
    const restarted = await simulate22({
      until: WHOLE_TERM,
      behaviourFile: TERM_BEHAVIOUR,
      workerOptions: { maxCachedWorkflows: 0 },
      // Between a return and its resubmission, in the middle of a wave of escalations, and late on.
      interventions: ['2021-09-10', '2022-11-16', '2023-11-15', '2025-06-02'].map(restart),
    });
    expect(restarted.events).toEqual(outcomes!.events);
    expect(restarted.finals).toEqual(outcomes!.finals);
  });
});
