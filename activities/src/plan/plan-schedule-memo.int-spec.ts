import { WorkingCalendar } from '@dondoc/calendar';
import { OrgRepository, PlanEntity } from '@dondoc/persistence';
import { createTestDatabase, importBacNinh2021, storePlan22, TestDatabase } from '@dondoc/testing';
import { PlanScheduleMemo } from './plan-schedule-memo';

describe('the plan schedule kept between activities (real PostgreSQL)', () => {
  let db: TestDatabase;
  let orgs: OrgRepository;
  let memo: PlanScheduleMemo;
  const calendar = new WorkingCalendar();
  const plan = () => db.dataSource.getRepository(PlanEntity).findOneByOrFail({ id: '22-KH-TU' });
  const rowsOf = async (assignee: string) =>
    (await memo.schedule(await plan())).filter((r) => r.assignee === assignee);

  beforeAll(async () => {
    db = await createTestDatabase();
    await importBacNinh2021(db.dataSource);
    await storePlan22(db.dataSource);
    orgs = new OrgRepository(db.dataSource);
  });
  beforeEach(() => (memo = new PlanScheduleMemo(orgs, calendar)));
  afterEach(() => memo.clear());
  afterAll(() => db?.drop());

  it('computes once while neither the plan nor the org changes', async () => {
    const first = await memo.schedule(await plan());
    expect(await memo.schedule(await plan())).toBe(first);
    expect(memo.computed).toBe(1);
  });

  it('sees a unit added between two calls (an add-unit amendment opens with the new org)', async () => {
    expect(await rowsOf('HU-MOI')).toEqual([]);
    await orgs.createUnit(
      {
        id: 'HU-MOI',
        name: 'Huyện ủy mới',
        type: 'huyen-uy',
        parentId: 'TU-BAC-NINH',
        validFrom: '2021-01-01',
        validTo: null,
      },
      'test',
    );
    const rows = await rowsOf('HU-MOI');
    expect(rows.map((r) => r.obligationId)).toContain('implementation-plan');
    expect(memo.computed).toBe(2);
  });

  it('sees a membership ended between two calls (memberships and people carry no row version)', async () => {
    const before = await rowsOf('DV-0002');
    expect(before.map((r) => r.period)).toContain('2023');
    await db.dataSource.query(`UPDATE memberships SET valid_to = '2022-12-31' WHERE person_id = 'DV-0002'`);
    const after = await rowsOf('DV-0002');
    expect(after.map((r) => r.period)).not.toContain('2023');
    expect(after.length).toBeLessThan(before.length);
    expect(memo.computed).toBe(2);
  });

  it('keeps the schedule while an org change is uncommitted, and drops it once it commits', async () => {
    const first = await memo.schedule(await plan());
    const writer = db.dataSource.createQueryRunner();
    await writer.connect();
    try {
      await writer.startTransaction();
      await writer.query(`UPDATE memberships SET valid_to = '2021-12-31' WHERE person_id = 'DV-0001'`);
      // Not committed: the stored org is unchanged, and so is the schedule.
      expect(await memo.schedule(await plan())).toBe(first);
      await writer.commitTransaction();
    } finally {
      await writer.release();
    }
    const after = await rowsOf('DV-0001');
    expect(after.map((r) => r.period)).not.toContain('2022');
    expect(memo.computed).toBe(2);
  });

  it('recomputes when the plan definition changes (a due-rule amendment)', async () => {
    const stored = await plan();
    await memo.schedule(stored);
    const amended = structuredClone(stored);
    const report = amended.definition.obligations.find((o) => o.id === 'annual-report')!;
    report.due = { kind: 'yearly-date', month: 10, day: 31 };
    const rows = (await memo.schedule(amended)).filter((r) => r.obligationId === 'annual-report');
    expect(rows.find((r) => r.period === '2022')?.dueDate).toBe('2022-10-31');
    expect(memo.computed).toBe(2);
  });

  it('lets go of the schedule once unused for its keeping time', async () => {
    memo = new PlanScheduleMemo(orgs, calendar, 50);
    await memo.schedule(await plan());
    await new Promise((r) => setTimeout(r, 120));
    await memo.schedule(await plan());
    expect(memo.computed).toBe(2);
  });
});
