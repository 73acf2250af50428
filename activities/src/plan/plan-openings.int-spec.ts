import { Client } from '@temporalio/client';
import { createTestDatabase, importBacNinh2021, storePlan22, TestDatabase } from '@dondoc/testing';
import { createPlanActivities } from './plan.activities';

describe('plan openings of 22-KH/TU over the Bắc Ninh tree (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await importBacNinh2021(db.dataSource);
    await storePlan22(db.dataSource);
  });
  afterAll(() => db?.drop());

  it('opens each period at its start (never before issuance) and a summary when its reports fall due', async () => {
    // planOpenings reads only PostgreSQL; the client is for starting workflows.
    const acts = createPlanActivities({
      dataSource: db.dataSource,
      client: {} as Client,
      taskQueue: 'unused',
    });
    const { openings, endsAt } = await acts.planOpenings({ planId: '22-KH-TU' });
    const at = (key: string) => openings.find((o) => o.key === key)?.at;
    expect(at('term')).toBe('2021-08-13T00:00:00.000Z'); // 07:00 on the issue date
    expect(at('2021-Q3')).toBe('2021-08-13T00:00:00.000Z');
    expect(at('2022')).toBe('2022-01-01T00:00:00.000Z'); // 07:00 on 1/1/2022 in Vietnam
    expect(at('2022-Q2')).toBe('2022-04-01T00:00:00.000Z');
    expect(at('2021/provincial-summary')).toBe('2021-11-15T00:00:00.000Z'); // the annual reports' due date
    expect(openings.find((o) => o.key === '2021/provincial-summary')?.obligations).toEqual([
      'provincial-summary',
    ]);
    expect(endsAt).toBe('2025-12-31T17:00:00.000Z');
    expect(openings.map((o) => o.at)).toEqual([...openings.map((o) => o.at)].sort());
  });
});
