import {
  ApiTestStack,
  HttpAgent,
  importBacNinh2021,
  startApiTestStack,
  startCommitmentDeliverable,
  storePlan22,
} from '@dondoc/testing';

const PLAN = '22-KH-TU';
const OFFICER_UNIT = 'HU-TIEN-DU';
const GRASSROOTS = 'DBCS-TD-LIM';
const CELL = 'CB-TD-LIM-LUNG-GIANG';

/**
 * Each role's main flow over HTTP on the real stack (Temporal dev server, PostgreSQL, worker), signed
 * in as that role: what it sees is its scope, what it does goes through the same workflows.
 */
describe('role flows (e2e, signed in as each role)', () => {
  let stack: ApiTestStack;
  let officer: HttpAgent;
  let btg: HttpAgent;
  let btv: HttpAgent;
  let member: HttpAgent;
  const ids = { own: '', grass: '', other: '', cell: '' };

  const create = async (unitId: string, collectorUnitId: string, obligationId: string) =>
    (
      await stack.http
        .post('/deliverables')
        .send({
          planId: PLAN,
          obligationId,
          unitId,
          period: '2031',
          title: 'Báo cáo năm 2031',
          dueDate: '2031-12-15',
          collectorUnitId,
          requiredContents: ['decision-148'],
        })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    stack = await startApiTestStack({
      prepare: async (db) => {
        await importBacNinh2021(db.dataSource);
        await storePlan22(db.dataSource);
      },
    });
    officer = await stack.as('officer', OFFICER_UNIT);
    btg = await stack.as('btg', 'BTG-TU');
    btv = await stack.as('btv', 'BTV-TU');
    member = await stack.as('member', CELL, { personId: 'DV-0001' });
    ids.own = await create(OFFICER_UNIT, 'BTG-TU', 'annual-report');
    ids.grass = await create(GRASSROOTS, OFFICER_UNIT, 'annual-report');
    ids.other = await create('HU-YEN-PHONG', 'BTG-TU', 'annual-report');
  }, 180_000);

  afterAll(() => stack?.stop());

  /** The deliverable once its workflow has recorded the opening (the API's row starts at version 0). */
  const opened = async (agent: HttpAgent, id: string) => {
    for (let i = 0; ; i++) {
      const res = await agent.get(`/deliverables/${id}`).expect(200);
      if (res.body.version >= 1) return res;
      if (i > 100) throw new Error(`${id} never opened`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const listIds = async (agent: HttpAgent, query: Record<string, string> = {}) =>
    ((await agent.get('/deliverables').query(query).expect(200)).body.items as { id: string }[]).map(
      (d) => d.id,
    );

  it('an officer sees its unit and the units under it, submits its own report, and collects from its grassroots', async () => {
    expect((await listIds(officer)).sort()).toEqual([ids.grass, ids.own].sort());
    await officer.get(`/deliverables/${ids.other}`).expect(404);
    // A filter cannot widen the scope.
    expect(await listIds(officer, { unitId: 'HU-YEN-PHONG' })).toEqual([]);

    const seen = await opened(officer, ids.own);
    const submitted = await officer
      .post(`/deliverables/${ids.own}/submissions`)
      .set('If-Match', seen.headers.etag)
      .send({ unitId: OFFICER_UNIT, documentName: 'bao-cao-2031.pdf', coveredContents: ['decision-148'] })
      .expect(200);
    expect(submitted.body.status).toBe('submitted');
    // It may not review its own report as BTG, nor act for a unit outside it.
    const asBtg = await officer
      .post(`/deliverables/${ids.own}/review`)
      .send({ decision: 'accept', reviewerUnitId: 'BTG-TU' })
      .expect(403);
    expect(asBtg.body.errors).toEqual([
      { field: 'reviewerUnitId', reason: 'you may not act for unit BTG-TU' },
    ]);

    // As the collector of its grassroots unit's report, it grants an extension.
    const extended = await officer
      .post(`/deliverables/${ids.grass}/extension`)
      .send({ newDueDate: '2031-12-31', reason: 'Đại hội chi bộ', grantedByUnitId: OFFICER_UNIT })
      .expect(200);
    expect(extended.body.dueDate).toBe('2031-12-31');
  });

  it('BTG sees what it collects, reviews with If-Match, and a second stale review is refused with the current state', async () => {
    const visible = await listIds(btg);
    expect(visible).toEqual(expect.arrayContaining([ids.own, ids.other]));
    expect(visible).not.toContain(ids.grass);
    await btg.get(`/deliverables/${ids.grass}`).expect(404);

    const read = await btg.get(`/deliverables/${ids.own}`).expect(200);
    expect(read.body.status).toBe('submitted');
    const accepted = await btg
      .post(`/deliverables/${ids.own}/review`)
      .set('If-Match', read.headers.etag)
      .send({ decision: 'accept', reviewerUnitId: 'BTG-TU' })
      .expect(200);
    expect(accepted.body.status).toBe('accepted');
    const stale = await btg
      .post(`/deliverables/${ids.own}/review`)
      .set('If-Match', read.headers.etag)
      .send({ decision: 'return', reviewerUnitId: 'BTG-TU', comments: 'x', newDueDate: '2031-12-31' })
      .expect(409);
    expect(stale.body.current).toMatchObject({ status: 'accepted', version: accepted.body.version });
  });

  it('BTV sees plan summaries and only the issues escalated to it, and gives direction', async () => {
    const status = await btv.get(`/plans/${PLAN}/status`).expect(200);
    expect(status.body.total).toBeGreaterThanOrEqual(3);
    await btv.get('/deliverables').expect(403);

    const report = async (unit: string, agent: HttpAgent) =>
      (
        await agent
          .post('/issues')
          .send({
            planId: PLAN,
            reporterUnitId: unit,
            title: 'Thiếu tài liệu',
            description: 'Thiếu tài liệu học tập.',
          })
          .expect(201)
      ).body.id as string;
    const quiet = await report(OFFICER_UNIT, officer);
    const escalated = await report(OFFICER_UNIT, officer);
    await btg.post(`/issues/${escalated}/acknowledgement`).send({ byUnitId: 'BTG-TU' }).expect(200);
    await btg
      .post(`/issues/${escalated}/handler`)
      .send({ byUnitId: 'BTG-TU', handlerUnitId: 'BTG-TU' })
      .expect(200);
    await btg
      .post(`/issues/${escalated}/escalation`)
      .send({ byUnitId: 'BTG-TU', reason: 'Cần kinh phí' })
      .expect(200);

    await btv.get(`/issues/${quiet}`).expect(404);
    for (let i = 0; ; i++) {
      const items = (await btv.get('/issues').expect(200)).body.items as { id: string }[];
      if (items.some((x) => x.id === escalated)) {
        expect(items.map((x) => x.id)).not.toContain(quiet);
        break;
      }
      if (i > 100) throw new Error('the escalated issue never reached BTV');
      await new Promise((r) => setTimeout(r, 100));
    }
    const directed = await btv
      .post(`/issues/${escalated}/directions`)
      .send({
        byUnitId: 'BTV-TU',
        instructions: 'In bổ sung tài liệu',
        units: [OFFICER_UNIT],
        dueDate: '2099-01-15',
      })
      .expect(200);
    expect(directed.body.state).toBe('directed');
    // An officer reporting as another unit is refused naming the field.
    const foreign = await officer
      .post('/issues')
      .send({ planId: PLAN, reporterUnitId: 'HU-YEN-PHONG', title: 'x', description: 'y' })
      .expect(403);
    expect(foreign.body.errors[0].field).toBe('reporterUnitId');
  });

  it('a member sees its cell and registers its own commitment only', async () => {
    ids.cell = await startCommitmentDeliverable(stack.temporal.client, {
      unitId: CELL,
      collectorUnitId: GRASSROOTS,
      members: ['DV-0001', 'DV-0002'],
    });
    for (let i = 0; i < 100 && (await member.get(`/deliverables/${ids.cell}`)).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await listIds(member)).toEqual([ids.cell]);
    await member.get(`/deliverables/${ids.own}`).expect(404);
    const other = await member
      .post(`/deliverables/${ids.cell}/registrations`)
      .send({ personId: 'DV-0002' })
      .expect(403);
    expect(other.body.errors).toEqual([{ field: 'personId', reason: 'a member may only act for itself' }]);
    const own = await member
      .post(`/deliverables/${ids.cell}/registrations`)
      .send({ personId: 'DV-0001' })
      .expect(200);
    expect(own.body).toMatchObject({ registeredCount: 1, memberCount: 2 });
    await member.get('/issues').expect(403);
  });
});
