import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ContactEntity, OutboxRepository } from '@dondoc/persistence';
import {
  ApiTestStack,
  importBacNinh2021,
  seedAccount,
  seedSession,
  startApiTestStack,
  storePlan22,
} from '@dondoc/testing';
import type { Role } from '../src/auth/principal';
import { ACCESS_ROUTES, Fixture, Kind, ROLE_UNITS, RouteCase, SCOPE_FIXTURE } from './authorization-routes';

type Agent = ReturnType<typeof request.agent>;
interface OpenApiOperation {
  summary?: string;
  security?: unknown[];
  responses?: Record<
    string,
    { content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> }
  >;
}

/**
 * The authorisation matrix: every endpoint of the OpenAPI document × every role × a resource inside
 * and outside the caller's scope, against the real stack. Allowed means neither 401/403 nor the
 * access guard's 404 (any answer of the route itself — 200, 409, 422 — is the route's business);
 * denied means 403 for a role the route does not take, 404 for a resource outside the scope, 401
 * without credentials. The expectations are written out in authorization-routes.ts, not read from
 * the @Access rules, so a wrong rule fails here.
 */
describe('authorisation matrix (e2e: every endpoint × role × scope)', () => {
  let stack: ApiTestStack;
  const agents = {} as Record<Role, Agent>;
  let fx: Fixture;

  beforeAll(async () => {
    stack = await startApiTestStack({
      prepare: async (db) => {
        await importBacNinh2021(db.dataSource);
        await storePlan22(db.dataSource);
      },
    });
    agents.admin = stack.http as unknown as Agent;
    for (const role of ['btg', 'btv', 'officer', 'member'] as const) {
      const { unitId, personId } = ROLE_UNITS[role];
      agents[role] = (await stack.as(role, unitId, { personId })) as unknown as Agent;
    }
    fx = await seedFixture(stack);
  }, 180_000);

  afterAll(() => stack?.stop());

  it('has an expectation for every operation of the OpenAPI document, and no stale ones', async () => {
    const doc = await stack.http.get('/docs/openapi.json').expect(200);
    const operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = ACCESS_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(covered.filter((c) => !operations.includes(c))).toEqual([]);
    expect(operations.filter((o) => !covered.includes(o))).toEqual([]);
  });

  it('documents every operation completely: summary, success schema, security, and a problem example per error', async () => {
    const doc = await stack.http.get('/docs/openapi.json').expect(200);
    const publicOps = ACCESS_ROUTES.filter((r) => r.roles === 'public').map(
      (r) => `${r.method.toUpperCase()} ${r.path}`,
    );
    const gaps: string[] = [];
    for (const [path, ops] of Object.entries(
      doc.body.paths as Record<string, Record<string, OpenApiOperation>>,
    ))
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.summary) gaps.push(`${name}: no summary`);
        const codes = Object.keys(op.responses ?? {});
        if (!codes.some((c) => c.startsWith('2'))) gaps.push(`${name}: no success response`);
        if (!publicOps.includes(name)) {
          if (!op.security?.length) gaps.push(`${name}: no security requirement`);
          for (const c of ['401', '403']) if (!codes.includes(c)) gaps.push(`${name}: ${c} not documented`);
        }
        for (const [code, response] of Object.entries(op.responses ?? {})) {
          // The health check answers its own body with 503 (for load balancers), not a problem.
          if (Number(code) < 400 || `${name} ${code}` === 'GET /health 503') continue;
          const problem = response.content?.['application/problem+json'];
          if (!problem?.schema) gaps.push(`${name} ${code}: not a problem+json schema`);
          else if (!problem.example && !problem.examples) gaps.push(`${name} ${code}: no example`);
        }
      }
    expect(gaps).toEqual([]);
  });

  const nonPublic = ACCESS_ROUTES.filter((r) => r.roles !== 'public');

  it.each(nonPublic.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s: 401 without credentials',
    async (_name, route) => {
      const res = await call(stack.anonymous as unknown as Agent, route, 'admin', 'in');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    },
  );

  const roles: Role[] = ['admin', 'btg', 'btv', 'officer', 'member'];
  const cases = nonPublic.flatMap((r) =>
    roles.map((role) => [`${r.method.toUpperCase()} ${r.path}`, role, r] as const),
  );

  it.each(cases)('%s as %s', async (_name, role, route) => {
    const allowed = (route.roles as readonly Role[]).includes(role);
    const agent = route.freshSession ? await freshAgent(role) : agents[role];
    const inside = await call(agent, route, role, 'in');
    if (!allowed) {
      expect({ status: inside.status, body: inside.body }).toMatchObject({ status: 403 });
      expect(inside.headers['content-type']).toMatch(/^application\/problem\+json/);
      return;
    }
    expect(deniedBy(inside, route, role, 'in')).toBe(false);
    const outsider = route.scope && SCOPE_FIXTURE[route.scope][role]?.out;
    if (!outsider) return;
    const outside = await call(agents[role], route, role, 'out');
    expect({ status: outside.status, detail: outside.body.detail }).toEqual({
      status: 404,
      detail: `no ${route.scope} ${fx.ids[outsider]}`,
    });
  });

  /** Another account of the role with a session of its own (for sign-out). */
  async function freshAgent(role: Role): Promise<Agent> {
    const { unitId, personId } = ROLE_UNITS[role];
    const { account } = await seedAccount(stack.db.dataSource, { role, unitId, personId });
    const { token } = await seedSession(stack.db.dataSource, account.id);
    return request.agent(stack.app.getHttpServer()).set('Authorization', `Bearer ${token}`);
  }

  /** The guard's refusals: 401, 403, or its 404 for the route's scoped resource. */
  function deniedBy(res: request.Response, route: RouteCase, role: Role, side: 'in' | 'out'): boolean {
    if (res.status === 401 || res.status === 403) return true;
    if (res.status !== 404 || !route.scope) return false;
    const name = SCOPE_FIXTURE[route.scope][role]?.[side];
    return name !== undefined && res.body.detail === `no ${route.scope} ${fx.ids[name]}`;
  }

  function call(agent: Agent, route: RouteCase, role: Role, side: 'in' | 'out'): Promise<request.Response> {
    const name = route.scope
      ? (SCOPE_FIXTURE[route.scope][role]?.[side] ?? SCOPE_FIXTURE[route.scope].admin!.in)
      : undefined;
    const path = route.path.replace(/\{(\w+)\}/g, (_m, p: string) =>
      encodeURIComponent(
        p === route.scopeParam && name ? fx.ids[name] : (route.params?.[p] ?? fx.params[p] ?? 'x'),
      ),
    );
    const unit = ROLE_UNITS[role].unitId ?? 'BTG-TU';
    const body = route.body?.(unit, fx, ROLE_UNITS[role].personId);
    const req = agent[route.method](path);
    return body === undefined ? req : req.send(body);
  }
});

/** Resources inside and outside each role's scope, created through the API as admin where a workflow backs them. */
async function seedFixture(stack: ApiTestStack): Promise<Fixture> {
  const ds = stack.db.dataSource;
  const http = stack.http;
  const deliverable = async (unitId: string, collectorUnitId: string, obligationId: string) => {
    const res = await http
      .post('/deliverables')
      .send({
        planId: '22-KH-TU',
        obligationId,
        unitId,
        period: '2031',
        title: 'Báo cáo kiểm tra phân quyền',
        dueDate: '2031-12-15',
        collectorUnitId,
      })
      .expect(201);
    return res.body.id as string;
  };
  const issue = async (reporterUnitId: string) => {
    const res = await http
      .post('/issues')
      .send({
        planId: '22-KH-TU',
        reporterUnitId,
        title: 'Vấn đề kiểm tra phân quyền',
        description: 'Một vấn đề phát sinh để kiểm tra phạm vi.',
      })
      .expect(201);
    return res.body.id as string;
  };
  const contactOf = async (unitId: string) =>
    (await ds.getRepository(ContactEntity).findOneByOrFail({ unitId })).id;
  const outbox = new OutboxRepository(ds);
  const mail = async (unitId: string) => {
    const contact = await ds.getRepository(ContactEntity).findOneByOrFail({ unitId });
    const key = `deliverable:authz/${randomUUID()}/${contact.id}`;
    await outbox.claim({
      key,
      workflowId: 'deliverable:authz',
      step: 'authz',
      contactId: contact.id,
      recipient: contact.email,
      subject: 'authz',
      messageId: `<${randomUUID()}@dondoc>`,
      kind: 'reminder',
      deliverableId: null,
      unitId,
      planId: '22-KH-TU',
      content: { subject: 'authz', text: 'authz', html: '<p>authz</p>' },
      initialStatus: 'pending',
    });
    await outbox.markSent(key);
    return key;
  };
  const ids: Record<Kind, string> = {
    D_OWN: await deliverable('HU-TIEN-DU', 'BTG-TU', 'annual-report'),
    D_GRASS: await deliverable('DBCS-TD-LIM', 'HU-TIEN-DU', 'grassroots-plan'),
    D_OUT: await deliverable('HU-YEN-PHONG', 'BTG-TU', 'annual-report'),
    D_CELL: await deliverable('CB-TD-LIM-LUNG-GIANG', 'DBCS-TD-LIM', 'cell-session'),
    I_OWN: await issue('HU-TIEN-DU'),
    I_OUT: await issue('HU-YEN-PHONG'),
    U_SUB: 'DBCS-TD-LIM',
    U_OUT: 'HU-YEN-PHONG',
    U_CELL: 'CB-TD-LIM-LUNG-GIANG',
    U_OWN: 'HU-TIEN-DU',
    C_OWN: await contactOf('HU-TIEN-DU'),
    C_OUT: await contactOf('HU-YEN-PHONG'),
    M_OWN: await mail('HU-TIEN-DU'),
    M_OUT: await mail('HU-YEN-PHONG'),
  };
  // BTV sees the issues escalated to it: BTG acknowledges one and escalates it, as the rules go.
  await http.post(`/issues/${ids.I_OUT}/acknowledgement`).send({ byUnitId: 'BTG-TU' }).expect(200);
  await http
    .post(`/issues/${ids.I_OUT}/handler`)
    .send({ byUnitId: 'BTG-TU', handlerUnitId: 'BTG-TU' })
    .expect(200);
  await http
    .post(`/issues/${ids.I_OUT}/escalation`)
    .send({ byUnitId: 'BTG-TU', reason: 'Vượt thẩm quyền Ban Tuyên giáo' })
    .expect(200);
  for (let i = 0; ; i++) {
    const [row] = await ds.query(`SELECT escalated_at FROM reported_issues WHERE id = $1`, [ids.I_OUT]);
    if (row?.escalated_at) break;
    if (i > 100) throw new Error(`issue ${ids.I_OUT} never showed as escalated in the read model`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    ids,
    params: {
      planId: '22-KH-TU',
      documentId: randomUUID(),
      attachmentId: randomUUID(),
      key: ids.M_OWN,
      workflowId: `deliverable:${ids.D_OWN}`,
    },
  };
}
