import * as fs from 'node:fs';
import * as path from 'node:path';
import { addDays, vnDateOf, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import { PlanDefinition } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { DeliverableEntity, OrgRepository, PlanEntity } from '@dondoc/persistence';
import { PLAN_22_FILE } from '@dondoc/testing';
import { addUnitUpdate, cancelPlanUpdate, removeUnitUpdate } from '@dondoc/workflows/src/plan/plan.messages';
import type { SimulationResult } from '../../apps/cli/src/simulate/simulation-engine';
import type { SimEventLine, SimFinalLine } from '../../apps/cli/src/simulate/simulation-output';
import { EXAMPLES_DIR, simulate22 } from './term/term-harness';
import { timelineProblems } from './term/timeline-check';

/**
 * Plan 22-KH/TU over the Bắc Ninh 2021 fixture through the `simulate` driver: the real workflows and
 * activities on the time-skipping server. The run with no behaviour covers the whole term
 * (13/08/2021 → 31/12/2025: ~54,000 steps, about a minute and a half); the scenario runs stop at the
 * end of November 2021, where their outcomes have all happened.
 */
const WHOLE_TERM = '2025-12-31';
const UNTIL = '2021-11-30';
const OUTCOMES = path.join(EXAMPLES_DIR, 'behaviour-outcomes.json');
const cal = new WorkingCalendar();
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
  jest.setTimeout(180_000);

  it('with no behaviour, over the whole term, every deliverable ends not done and overdue, every step on its working day at 08:00', async () => {
    const problems: string[] = [];
    const result = await simulate22({
      until: WHOLE_TERM,
      inspect: async (services) => {
        const rows = await services.dataSource.getRepository(DeliverableEntity).find();
        for (const d of rows) {
          // Its own trail, then the plan's weekly digests that named it (escalations to the last level).
          const mine = (await services.dataSource.query(
            `SELECT at, type FROM (
               SELECT at, type, version FROM deliverable_events WHERE deliverable_id = $1
               UNION ALL SELECT at, 'escalation', 2147483647 FROM deliverable_urgings WHERE deliverable_id = $1) e
             ORDER BY at, version`,
            [d.id],
          )) as { at: Date; type: string }[];
          const events = mine.map((e) => ({ at: new Date(e.at).toISOString(), type: e.type }));
          const openedAt = events.find((e) => e.type === 'opened')!.at;
          const steps = events
            .filter((e) => ['reminder', 'overdue', 'escalation'].includes(e.type))
            // The clock runs at real speed while an instant's work is processed: compare minutes.
            .map((e) => ({
              ...e,
              at: new Date(Date.parse(e.at) - (Date.parse(e.at) % 60_000)).toISOString(),
            }));
          const endAt = vnInstant(addDays(WHOLE_TERM, 1), 0);
          for (const p of timelineProblems(
            plan,
            { obligationId: d.obligationId, dueDate: d.dueDate, openedAt, endAt },
            steps,
            cal,
          ))
            problems.push(`${d.id}: ${p}`);
        }
      },
    });
    expect(problems).toEqual([]);
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
  }, 600_000);

  let outcomes: SimulationResult;

  it('reproduces a behaviour file: on time, late, returned and resubmitted, extended, and the cascade', async () => {
    outcomes = await simulate22({
      until: UNTIL,
      behaviourFile: OUTCOMES,
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
      },
    });
    const r = outcomes;
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
  });

  // Without a sticky cache: a worker that stops leaves no workflow tasks on its own sticky queue,
  // which the time-skipping server would otherwise keep waiting on.
  it('a worker restart mid-term changes nothing', async () => {
    // Two shorter runs, both without a worker cache (slower): one uninterrupted, one restarted.
    const noCache = { maxCachedWorkflows: 0 };
    const until = '2021-09-30';
    const uninterrupted = await simulate22({ until, workerOptions: noCache });
    expect(uninterrupted.events.length).toBeGreaterThan(50);
    const restarted = await simulate22({
      until,
      workerOptions: noCache,
      interventions: [
        {
          at: vnInstant('2021-09-10', 12),
          label: 'restart the worker',
          run: async (driver) => {
            await driver.services.stopWorker();
            await driver.services.startWorker();
          },
        },
      ],
    });
    expect(restarted.events).toEqual(uninterrupted.events);
    expect(restarted.finals).toEqual(uninterrupted.finals);
  }, 300_000);

  it('takes a unit removed and one added mid-term, then the plan cancelled', async () => {
    const removedAt = vnInstant('2021-10-15', 10);
    const cancelledAt = vnInstant('2021-11-01', 10);
    let removed = 0;
    let added = 0;
    const r = await simulate22({
      until: UNTIL,
      interventions: [
        {
          at: removedAt,
          label: 'remove HU-LUONG-TAI, add DU-KHOI-MOI',
          run: async (driver) => {
            const plan = driver.planHandle();
            removed =
              (
                await plan.executeUpdate(removeUnitUpdate, {
                  args: [{ unitId: 'HU-LUONG-TAI', reason: 'Sáp nhập (mô phỏng)' }],
                })
              ).cancelled ?? 0;
            // The unit must exist in the org before the plan can open its deliverables.
            await new OrgRepository(driver.services.dataSource).importTree(
              {
                units: [
                  {
                    id: 'DU-KHOI-MOI',
                    name: 'Đảng ủy Khối mới (mô phỏng)',
                    type: 'dang-uy-truc-thuoc',
                    parentId: 'TU-BAC-NINH',
                    validFrom: '2021-10-15',
                    validTo: null,
                    contacts: [
                      {
                        name: 'Văn phòng',
                        email: 'vanphong.khoimoi@bacninh.example',
                        role: 'head',
                        language: 'vi',
                        digest: false,
                      },
                    ],
                  },
                ],
                people: [],
              },
              'merge',
              { effectiveFrom: '2021-10-15', source: 'simulation test' },
            );
            added =
              (await plan.executeUpdate(addUnitUpdate, { args: [{ unitId: 'DU-KHOI-MOI' }] })).started ?? 0;
          },
        },
        {
          at: cancelledAt,
          label: 'cancel the plan',
          run: async (driver) => {
            await driver
              .planHandle()
              .executeUpdate(cancelPlanUpdate, { args: [{ reason: 'Hủy kế hoạch (mô phỏng)' }] });
          },
        },
      ],
      inspect: async (services) => {
        const luongTai = await services.dataSource
          .getRepository(DeliverableEntity)
          .findBy({ unitId: 'HU-LUONG-TAI' });
        expect(luongTai.length).toBeGreaterThan(0);
        expect(
          luongTai.every((d) => d.status === 'cancelled' && d.closedReason === 'Sáp nhập (mô phỏng)'),
        ).toBe(true);
        expect(
          (await services.dataSource.getRepository(PlanEntity).findOneByOrFail({ id: '22-KH-TU' })).status,
        ).toBe('cancelled');
      },
    });
    expect(removed).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(0);

    // Removal: each of the unit's deliverables ends cancelled at the amendment; nothing after it.
    const luongTai = r.events.filter((e) => e.unit === 'HU-LUONG-TAI');
    const cancelled = luongTai.filter((e) => e.type === 'cancelled');
    expect(cancelled).toHaveLength(removed);
    expect(cancelled.every((e) => e.at === removedAt)).toBe(true);
    expect(luongTai.filter((e) => e.at > removedAt)).toEqual([]);

    // Addition: the new unit's deliverables of periods already open, opened at the amendment.
    const khoiMoi = r.finals.filter((f) => f.unit === 'DU-KHOI-MOI');
    expect(khoiMoi.map((f) => `${f.obligation}/${f.period}`)).toEqual(
      expect.arrayContaining(['annual-report/2021', 'inspection-supervision/2021']),
    );
    expect(
      r.events
        .filter((e) => e.unit === 'DU-KHOI-MOI' && e.type === 'opened')
        .every((e) => e.at === removedAt),
    ).toBe(true);

    // Cancellation: everything still owed ends cancelled at once; then the term is silent.
    expect(r.events.filter((e) => e.at > cancelledAt)).toEqual([]);
    expect(r.finals.every((f) => f.status === 'cancelled' || f.status === 'accepted')).toBe(true);
    expect(r.finals.filter((f) => f.bucket !== 'cancelled')).toEqual([]);
  });
});
