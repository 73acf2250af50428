import * as fs from 'node:fs';
import { addDays, vnInstant } from '@dondoc/calendar';
import { PlanDefinition } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { DeliverableEntity, OrgRepository, PlanEntity } from '@dondoc/persistence';
import { PLAN_22_FILE } from '@dondoc/testing';
import { addUnitUpdate, cancelPlanUpdate, removeUnitUpdate } from '@dondoc/workflows/src/plan/plan.messages';
import type { SimulationDriver } from '../../apps/cli/src/simulate/simulation-engine';
import { simulate22 } from './term/term-harness';
import { termTimelineProblems } from './term/term-timelines';

/**
 * Plan 22-KH/TU over the whole term with the org changing under it: a level-1 unit removed and a new
 * one added in mid-2023, then the plan cancelled in mid-2025, and the term played to its end.
 */
const WHOLE_TERM = '2025-12-31';
const plan: PlanDefinition = parsePlan(fs.readFileSync(PLAN_22_FILE, 'utf8'), PLAN_22_FILE);
const REMOVED_AT = vnInstant('2023-06-15', 10);
const CANCELLED_AT = vnInstant('2025-06-02', 10);

/** The new unit must exist in the org before the plan can open its deliverables. */
async function addKhoiMoiToOrg(driver: SimulationDriver): Promise<void> {
  await new OrgRepository(driver.services.dataSource).importTree(
    {
      units: [
        {
          id: 'DU-KHOI-MOI',
          name: 'Đảng ủy Khối mới (mô phỏng)',
          type: 'dang-uy-truc-thuoc',
          parentId: 'TU-BAC-NINH',
          validFrom: '2023-06-15',
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
    { effectiveFrom: '2023-06-15', source: 'simulation test' },
  );
}

describe('whole-term simulation with amendments (time-skipping)', () => {
  it('takes a unit removed and one added mid-term, then the plan cancelled; the rest of the term is silent', async () => {
    let removed = 0;
    let added = 0;
    let timelines: Awaited<ReturnType<typeof termTimelineProblems>> | undefined;
    const r = await simulate22({
      until: WHOLE_TERM,
      interventions: [
        {
          at: REMOVED_AT,
          label: 'remove HU-LUONG-TAI, add DU-KHOI-MOI',
          run: async (driver) => {
            const handle = driver.planHandle();
            removed =
              (
                await handle.executeUpdate(removeUnitUpdate, {
                  args: [{ unitId: 'HU-LUONG-TAI', reason: 'Sáp nhập (mô phỏng)' }],
                })
              ).cancelled ?? 0;
            await addKhoiMoiToOrg(driver);
            added =
              (await handle.executeUpdate(addUnitUpdate, { args: [{ unitId: 'DU-KHOI-MOI' }] })).started ?? 0;
          },
        },
        {
          at: CANCELLED_AT,
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
          .findBy({ unitId: 'HU-LUONG-TAI', status: 'cancelled' });
        expect(luongTai.length).toBeGreaterThan(0);
        expect(luongTai.map((d) => d.closedReason)).toEqual(luongTai.map(() => 'Sáp nhập (mô phỏng)'));
        expect(
          (await services.dataSource.getRepository(PlanEntity).findOneByOrFail({ id: '22-KH-TU' })).status,
        ).toBe('cancelled');
        // Every deliverable kept the plan's rhythm until it was cancelled (or the term ended).
        timelines = await termTimelineProblems(services, plan, vnInstant(addDays(WHOLE_TERM, 1), 0));
      },
    });
    expect(timelines!.problems).toEqual([]);
    expect(timelines!.checked).toBe(r.finals.length);
    expect(removed).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(0);

    // Removal: the unit's open deliverables end cancelled at the amendment; what it had finished
    // before stays as it was; nothing for it afterwards, not even the later periods' openings.
    const luongTai = r.events.filter((e) => e.unit === 'HU-LUONG-TAI');
    const cancelled = luongTai.filter((e) => e.type === 'cancelled');
    expect(cancelled).toHaveLength(removed);
    expect(cancelled.every((e) => e.at === REMOVED_AT)).toBe(true);
    expect(luongTai.filter((e) => e.at > REMOVED_AT)).toEqual([]);
    expect(r.finals.filter((f) => f.unit === 'HU-LUONG-TAI' && f.period === '2024')).toEqual([]);

    // Addition: the new unit's deliverables of periods already running open at the amendment; those of
    // later periods open with everyone else's.
    const khoiMoi = r.finals.filter((f) => f.unit === 'DU-KHOI-MOI');
    expect(khoiMoi.map((f) => `${f.obligation}/${f.period}`)).toEqual(
      expect.arrayContaining([
        'annual-report/2023',
        'inspection-supervision/2023',
        'annual-report/2024',
        'three-year-review/term',
      ]),
    );
    const openedAt = (unit: string, obligation: string, period: string) =>
      r.events.find(
        (e) => e.type === 'opened' && e.unit === unit && e.obligation === obligation && e.period === period,
      )?.at;
    expect(openedAt('DU-KHOI-MOI', 'annual-report', '2023')).toBe(REMOVED_AT);
    expect(openedAt('DU-KHOI-MOI', 'annual-report', '2024')).toBe(
      openedAt('HU-TIEN-DU', 'annual-report', '2024'),
    );
    expect(r.events.filter((e) => e.unit === 'DU-KHOI-MOI' && e.type === 'reminder').length).toBeGreaterThan(
      0,
    );

    // Cancellation: everything still owed ends cancelled at once (the final reviews too); then the
    // rest of the term is silent: no openings (BTG's 2025 summary never opens), no reminders, no digests.
    expect(r.events.filter((e) => e.at > CANCELLED_AT)).toEqual([]);
    expect(r.finals.filter((f) => f.obligation === 'final-review').length).toBeGreaterThan(0);
    expect(r.finals.filter((f) => f.obligation === 'provincial-summary' && f.period === '2025')).toEqual([]);
    expect(r.finals.filter((f) => f.bucket !== 'cancelled')).toEqual([]);
    expect(r.events.filter((e) => e.type === 'cancelled' && e.at === CANCELLED_AT).length).toBeGreaterThan(
      100,
    );
  }, 600_000);
});
