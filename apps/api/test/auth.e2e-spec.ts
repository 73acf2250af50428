import request from 'supertest';
import { sha256Hex } from '@dondoc/persistence';
import { ApiTestStack, HttpAgent, seedTestUnit, startApiTestStack } from '@dondoc/testing';

type Res = request.Response;

const PROBLEM = /^application\/problem\+json/;
const cookieOf = (res: Res, name: string): string | undefined => {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return raw?.find((c) => c.startsWith(`${name}=`));
};
const cookieValue = (res: Res, name: string) => cookieOf(res, name)?.split(';')[0].split('=')[1];

/** Sign-in, sessions, CSRF, the rate limit and admin account management, over HTTP on real PostgreSQL. */
describe('auth API (e2e)', () => {
  let stack: ApiTestStack;
  let admin: HttpAgent;
  let anonymous: HttpAgent;
  const login = (username: string, password: string) =>
    anonymous.post('/auth/login').send({ username, password });
  const bearer = (token: string) =>
    request.agent(stack.app.getHttpServer()).set('Authorization', `Bearer ${token}`);
  /** An officer of HU-TIEN-DU made through the API; answers its id, username and password. */
  let n = 0;
  const newOfficer = async (password = 'mật-khẩu-đủ-dài') => {
    const username = `can-bo-${++n}.tien-du`;
    const res = await admin
      .post('/accounts')
      .send({ username, displayName: `Cán bộ ${n}`, role: 'officer', unitId: 'HU-TIEN-DU', password })
      .expect(201);
    return { id: res.body.id as string, username, password, version: res.body.version as number };
  };

  beforeAll(async () => {
    stack = await startApiTestStack({ worker: false, prepare: (db) => seedTestUnit(db.dataSource) });
    admin = stack.http;
    anonymous = stack.anonymous;
  }, 120_000);

  afterAll(() => stack?.stop());

  it('leaves health, the API docs and login open; everything else needs a session (401 + WWW-Authenticate)', async () => {
    const doc = await anonymous.get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.components.securitySchemes).sort()).toEqual(['bearer', 'cookie']);
    expect((await anonymous.get('/health')).status).not.toBe(401);
    for (const res of [
      await anonymous.get('/auth/me'),
      await anonymous.get('/accounts'),
      await anonymous.get('/units'),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    const forged = await anonymous
      .get('/auth/me')
      .set('Authorization', `Bearer ${'x'.repeat(43)}`)
      .expect(401);
    expect(forged.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    await anonymous.get('/auth/me').set('Authorization', 'Bearer short').expect(401);
  });

  it('refuses to disable or demote the last enabled admin', async () => {
    const me = await admin.get('/auth/me').expect(200);
    const res = await admin
      .patch(`/accounts/${me.body.account.id}`)
      .send({ disabled: true, version: 1 })
      .expect(409);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('signs in: a token that works, the session and CSRF cookies, the account', async () => {
    const officer = await newOfficer();
    const res = await login(`  ${officer.username.toUpperCase()} `, officer.password).expect(200);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      account: {
        id: officer.id,
        username: officer.username,
        displayName: 'Cán bộ 1',
        role: 'officer',
        unitId: 'HU-TIEN-DU',
        personId: null,
      },
    });
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const session = cookieOf(res, 'dondoc_session')!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/); // COOKIE_SECURE=false in the test config
    expect(cookieOf(res, 'dondoc_csrf')).not.toMatch(/HttpOnly/);
    const me = await bearer(res.body.token).get('/auth/me').expect(200);
    expect(me.body).toMatchObject({ account: { id: officer.id, role: 'officer' }, via: 'bearer' });
    // the token itself is not stored, only its hash
    const rows = await stack.db.dataSource.query(`SELECT via FROM sessions WHERE id = $1`, [
      sha256Hex(res.body.token),
    ]);
    expect(rows).toEqual([{ via: 'bearer' }]);
  });

  it('answers a wrong password and an unknown user alike: 401 problem+json', async () => {
    const officer = await newOfficer();
    const wrong = await login(officer.username, 'not the password').expect(401);
    const unknown = await login('khong-co-ai', 'not the password').expect(401);
    for (const res of [wrong, unknown]) {
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(cookieOf(res, 'dondoc_session')).toBeUndefined();
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const missing = await anonymous.post('/auth/login').send({ username: officer.username }).expect(400);
    expect(new Set(missing.body.errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['password']),
    );
  });

  it('refuses the 6th failure in 15 minutes for one username with 429 and Retry-After, even with the right password', async () => {
    const officer = await newOfficer();
    for (let i = 0; i < 5; i++) await login(officer.username, `wrong password ${i}`).expect(401);
    const refused = await login(officer.username, 'wrong password 6').expect(429);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    await login(officer.username, officer.password).expect(429);
    // the window passes: the failures are 16 minutes old
    await stack.db.dataSource.query(
      `UPDATE login_attempts SET at = at - interval '16 minutes' WHERE username = $1`,
      [officer.username],
    );
    await login(officer.username, officer.password).expect(200);
  });

  it('logout revokes the session and clears the cookies', async () => {
    const officer = await newOfficer();
    const { body } = await login(officer.username, officer.password).expect(200);
    const agent = bearer(body.token);
    const out = await agent.post('/auth/logout').expect(204);
    expect(cookieOf(out, 'dondoc_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
    await agent.get('/auth/me').expect(401);
  });

  it('ends a session past its absolute expiry or idle too long', async () => {
    const officer = await newOfficer();
    const [a, b] = [
      (await login(officer.username, officer.password).expect(200)).body.token,
      (await login(officer.username, officer.password).expect(200)).body.token,
    ];
    await stack.db.dataSource.query(
      `UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [sha256Hex(a)],
    );
    const expired = await bearer(a).get('/auth/me').expect(401);
    expect(expired.headers['content-type']).toMatch(PROBLEM);
    await bearer(b).get('/auth/me').expect(200);
    await stack.db.dataSource.query(
      `UPDATE sessions SET last_seen_at = now() - interval '121 minutes' WHERE id = $1`,
      [sha256Hex(b)],
    );
    await bearer(b).get('/auth/me').expect(401);
  });

  it('takes the session cookie alone on GET, and on unsafe methods only with X-CSRF-Token', async () => {
    const browser = request.agent(stack.app.getHttpServer());
    const res = await browser
      .post('/auth/login')
      .send({ username: stack.admin.account.username, password: stack.admin.password })
      .expect(200);
    const csrf = cookieValue(res, 'dondoc_csrf')!;
    expect((await browser.get('/auth/me').expect(200)).body.via).toBe('cookie');
    const account = {
      username: 'qua-cookie',
      displayName: 'Qua cookie',
      role: 'btg',
      unitId: 'BTG-TU',
      password: 'mười ký tự trở lên',
    };
    const refused = await browser.post('/accounts').send(account).expect(403);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    await browser.post('/accounts').set('X-CSRF-Token', 'not-it').send(account).expect(403);
    await browser.post('/accounts').set('X-CSRF-Token', csrf).send(account).expect(201);
    // a bearer token needs no CSRF header
    await bearer(res.body.token).post('/auth/logout').expect(204);
  });

  it('changes a password by the policy and ends the other sessions', async () => {
    const officer = await newOfficer();
    const here = bearer((await login(officer.username, officer.password).expect(200)).body.token);
    const elsewhere = bearer((await login(officer.username, officer.password).expect(200)).body.token);
    const change = (currentPassword: string, newPassword: string) =>
      here.post('/auth/password').send({ currentPassword, newPassword });
    for (const weak of ['ngắn quá', officer.username.toUpperCase()]) {
      const res = await change(officer.password, weak);
      expect([400, 422]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);
    }
    const wrong = await change('not the current one', 'một mật khẩu mới dài').expect(422);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['currentPassword']);
    await change(officer.password, 'một mật khẩu mới dài').expect(204);
    await elsewhere.get('/auth/me').expect(401);
    await here.get('/auth/me').expect(200);
    await login(officer.username, officer.password).expect(401);
    await login(officer.username, 'một mật khẩu mới dài').expect(200);
  });

  it('a disabled account cannot sign in and its sessions end (same 401 as a wrong password)', async () => {
    const officer = await newOfficer();
    const session = bearer((await login(officer.username, officer.password).expect(200)).body.token);
    await admin
      .patch(`/accounts/${officer.id}`)
      .set('If-Match', `"${officer.version}"`)
      .send({ disabled: true })
      .expect(200);
    await session.get('/auth/me').expect(401);
    const refused = await login(officer.username, officer.password).expect(401);
    expect(refused.body.detail).toBe('wrong username or password');
  });

  it('admin creates accounts whose role, unit and person agree, and refuses duplicates with 409', async () => {
    const fields = async (body: object) => {
      const res = await admin.post('/accounts').send(body);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      return res.body.errors.map((e: { field: string }) => e.field).sort();
    };
    const base = { username: 'moi-tao', displayName: 'Mới tạo', password: 'mười ký tự trở lên' };
    expect(await fields({ ...base, role: 'officer' })).toEqual(['unitId']);
    expect(await fields({ ...base, role: 'admin', unitId: 'HU-TIEN-DU' })).toEqual(['unitId']);
    expect(await fields({ ...base, role: 'officer', unitId: 'HU-KHONG-CO' })).toEqual(['unitId']);
    expect(await fields({ ...base, role: 'member', unitId: 'DU-XA-LAC-VE' })).toEqual(['personId']);
    expect(await fields({ ...base, role: 'btv', unitId: 'HU-TIEN-DU', personId: 'DV-0001' })).toEqual([
      'personId',
    ]);
    expect(await fields({ ...base, role: 'officer', unitId: 'HU-TIEN-DU', password: 'ngắn' })).toEqual([
      'password',
    ]);
    expect(await fields({ ...base, username: 'có dấu cách', role: 'admin' })).toEqual(['username']);
    const bad = await admin
      .post('/accounts')
      .send({ ...base, role: 'root' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);

    const created = await admin
      .post('/accounts')
      .send({ ...base, role: 'admin' })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ username: 'moi-tao', role: 'admin', unitId: null, disabled: false });
    expect(created.body.passwordHash).toBeUndefined();
    const dup = await admin
      .post('/accounts')
      .send({ ...base, username: 'MOI-TAO', role: 'btg', unitId: 'BTG-TU' })
      .expect(409);
    expect(dup.headers['content-type']).toMatch(PROBLEM);
    expect(dup.body.errors).toEqual([{ field: 'username', reason: 'is already taken' }]);
  });

  it('lists accounts paged, filtered by role and unit', async () => {
    const page = await admin.get('/accounts?role=officer&unitId=HU-TIEN-DU&pageSize=2&page=1').expect(200);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items.every((a: { role: string }) => a.role === 'officer')).toBe(true);
    const admins = await admin.get('/accounts?role=admin').expect(200);
    expect(admins.body.items.map((a: { username: string }) => a.username)).toContain('test-admin');
    const bad = await admin.get('/accounts?role=root&pageSize=0').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pageSize', 'role']);
  });

  it('PATCH /accounts/:id needs the version: 428 without, 409 with the current state when stale', async () => {
    const officer = await newOfficer();
    const url = `/accounts/${officer.id}`;
    const none = await admin.patch(url).send({ displayName: 'Không có phiên bản' }).expect(428);
    expect(none.headers['content-type']).toMatch(PROBLEM);
    const moved = await admin
      .patch(url)
      .set('If-Match', '"1"')
      .send({ displayName: 'Đổi tên', role: 'btv', unitId: 'BTG-TU' })
      .expect(200);
    expect(moved.headers.etag).toBe('"2"');
    expect(moved.body).toMatchObject({ displayName: 'Đổi tên', role: 'btv', unitId: 'BTG-TU', version: 2 });
    const stale = await admin.patch(url).set('If-Match', '"1"').send({ displayName: 'Muộn' }).expect(409);
    expect(stale.headers['content-type']).toMatch(PROBLEM);
    expect(stale.headers.etag).toBe('"2"');
    expect(stale.body.current).toMatchObject({ id: officer.id, displayName: 'Đổi tên', version: 2 });
    await admin.patch(url).send({ displayName: 'Qua body', version: 2 }).expect(200);
    const toAdmin = await admin.patch(url).send({ role: 'admin', version: 3 }).expect(422);
    expect(toAdmin.body.errors.map((e: { field: string }) => e.field)).toEqual(['unitId']);
    await admin.patch(url).send({ role: 'admin', unitId: null, version: 3 }).expect(200);
    await admin.get(url).expect(200).expect('ETag', '"4"');
    await admin.patch('/accounts/00000000-0000-4000-8000-000000000000').send({ version: 1 }).expect(404);
  });

  it('admin sets a password: the policy applies and every session of the account ends', async () => {
    const officer = await newOfficer();
    const session = bearer((await login(officer.username, officer.password).expect(200)).body.token);
    const weak = await admin.post(`/accounts/${officer.id}/password`).send({ password: officer.username });
    expect(weak.status).toBe(422);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    await admin
      .post(`/accounts/${officer.id}/password`)
      .send({ password: 'do quản trị đặt lại' })
      .expect(204);
    await session.get('/auth/me').expect(401);
    await login(officer.username, 'do quản trị đặt lại').expect(200);
  });

  it('stack.as signs in with a role; a non-admin gets 403 on /accounts', async () => {
    const btg = await stack.as('btg', 'BTG-TU');
    expect(await stack.as('btg', 'BTG-TU')).toBe(btg);
    expect((await btg.get('/auth/me').expect(200)).body.account).toMatchObject({
      role: 'btg',
      unitId: 'BTG-TU',
    });
    const member = await stack.as('member', 'DU-XA-LAC-VE');
    const me = (await member.get('/auth/me').expect(200)).body.account;
    expect(me).toMatchObject({ role: 'member', unitId: 'DU-XA-LAC-VE', personId: expect.any(String) });
    for (const agent of [btg, member, await stack.as('officer', 'HU-TIEN-DU')]) {
      const res = await agent.get('/accounts');
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      await agent.post('/accounts').send({}).expect(403);
    }
  });
});
