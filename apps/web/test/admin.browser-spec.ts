/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, vnDateOf } from '@dondoc/calendar';
import { parseOrgJson } from '@dondoc/domain';
import { ContactEntity, OrgRepository, OutboxRepository } from '@dondoc/persistence';
import { ApiTestStack, seedAccount, startApiTestStack, storePlan22 } from '@dondoc/testing';
import { expectAccessible as expectAccessibleKit, launchChromium, shot } from './browser-kit';

/**
 * The administrator's and the Standing Committee's pages in Chromium on the real stack (Temporal dev
 * server, worker, PostgreSQL holding the Bắc Ninh 2021 tree, SMTP sink, the Nest app on a port),
 * structured like officer.browser-spec.ts. Screenshots go to test-artifacts/screenshots/.
 */
const ROOT = join(__dirname, '..', '..', '..');
const PASSWORD = 'mat-khau-thu-nghiem-1';
const ORG_FILE = join(ROOT, 'plans', 'org', 'bac-ninh-2021.json');

/** browser-kit's checks, and no id twice (the admin pages put several forms on one page). */
async function expectAccessible(page: Page): Promise<void> {
  await expectAccessibleKit(page);
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((el) => el.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
}

describe('web UI in Chromium on the real stack: the administrator and the Standing Committee', () => {
  let stack: ApiTestStack;
  let browser: Browser;
  let base: string;
  let admin: string;
  let btv: string;
  let failedKey: string;
  const failedSubject = 'Nhắc hạn: Kế hoạch học tập Chuyên đề (thư gửi lỗi)';

  beforeAll(async () => {
    stack = await startApiTestStack({
      prepare: async (db) => {
        await new OrgRepository(db.dataSource).importTree(
          parseOrgJson(readFileSync(ORG_FILE, 'utf8'), ORG_FILE),
          'replace',
        );
        await storePlan22(db.dataSource);
      },
    });
    await stack.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
    admin = (await seedAccount(stack.db.dataSource, { role: 'admin', password: PASSWORD })).account.username;
    btv = (await seedAccount(stack.db.dataSource, { role: 'btv', unitId: 'BTV-TU', password: PASSWORD }))
      .account.username;
    // A mail refused for good, as the worker leaves it (claim, then a permanent error), like mail.e2e-spec.
    const contact = await stack.db.dataSource
      .getRepository(ContactEntity)
      .findOneByOrFail({ unitId: 'HU-TIEN-DU', role: 'head' });
    const workflowId = 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:term';
    failedKey = `${workflowId}/reminder-1/${contact.id}`;
    const outbox = new OutboxRepository(stack.db.dataSource);
    await outbox.claim({
      key: failedKey,
      workflowId,
      step: 'reminder-1',
      contactId: contact.id,
      recipient: contact.email,
      subject: failedSubject,
      messageId: '<browser-failed.reminder-1@dondoc>',
      kind: 'reminder',
      deliverableId: null,
      unitId: contact.unitId,
      planId: '22-KH-TU',
      content: {
        subject: failedSubject,
        text: `${failedSubject}\n\nKính gửi đồng chí.`,
        html: `<p>${failedSubject}</p>`,
      },
      initialStatus: 'pending',
    });
    await outbox.recordError(failedKey, '550 5.1.1 mailbox unavailable', true);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  let context: BrowserContext;
  let page: Page;
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  async function signIn(username: string, lands: string): Promise<void> {
    await page.goto(`${base}/ui/login`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}${lands}`);
  }

  it("the administrator's flow: org tree → a contact (a bad e-mail refused in place) → plan upload → preview → failed mail resent → audit log", async () => {
    await signIn(admin, '/ui/admin');
    expect(await page.locator('h1').textContent()).toBe('Quản trị hệ thống');
    await expectAccessible(page);
    await shot(page, 'admin');

    // Org tree: every unit in force, nested, with contacts.
    await page.getByRole('link', { name: 'Cây tổ chức', exact: true }).click();
    await page.waitForURL(`${base}/ui/admin/org`);
    const tienDu = page.locator('li[data-unit="HU-TIEN-DU"]');
    await expect(tienDu.count()).resolves.toBe(1);
    expect(await page.locator('li[data-unit="TU-BAC-NINH"] li[data-unit="HU-TIEN-DU"]').count()).toBe(1);
    await expectAccessible(page);
    await shot(page, 'admin-org');

    // A contact with a bad e-mail is refused next to the field; nothing stored; then added.
    await tienDu.getByRole('link', { name: 'Huyện ủy Tiên Du' }).first().click();
    await page.waitForURL(`${base}/ui/admin/units/HU-TIEN-DU`);
    await expectAccessible(page);
    await page.getByLabel('Họ tên').fill('Nguyễn Thị Hoa');
    await page.getByLabel('Thư điện tử').fill('hoa-tiendu@');
    await page.getByRole('button', { name: 'Thêm người nhận thư' }).click();
    await page.waitForLoadState();
    await expect(page.locator('#f-email').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#err-email').textContent()).resolves.toContain(
      'Địa chỉ thư điện tử không hợp lệ',
    );
    expect(await page.getByLabel('Họ tên').inputValue()).toBe('Nguyễn Thị Hoa'); // kept
    await expectAccessible(page);
    await shot(page, 'admin-unit-contact-error');
    const before = (await stack.http.get('/units/HU-TIEN-DU/contacts').expect(200)).body as {
      email: string;
    }[];
    expect(before.map((c) => c.email)).not.toContain('hoa-tiendu@');
    await page.getByLabel('Thư điện tử').fill('hoa.tiendu@bacninh.example');
    await page.getByRole('button', { name: 'Thêm người nhận thư' }).click();
    await page.waitForURL(`${base}/ui/admin/units/HU-TIEN-DU?done=added`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã thêm người nhận thư');
    await expect(page.locator('tr[data-contact="hoa.tiendu@bacninh.example"]').count()).resolves.toBe(1);
    const added = (
      (await stack.http.get('/units/HU-TIEN-DU/contacts').expect(200)).body as {
        id: string;
        email: string;
        version: number;
      }[]
    ).find((c) => c.email === 'hoa.tiendu@bacninh.example');
    expect(added).toMatchObject({ version: 1 });

    // Changed with its version; a stale form afterwards is refused in the caller's words.
    await page
      .locator('tr[data-contact="hoa.tiendu@bacninh.example"]')
      .getByRole('link', { name: 'Sửa' })
      .click();
    await page.waitForURL(/\/ui\/admin\/units\/HU-TIEN-DU\/contacts\//);
    const editUrl = page.url();
    await expectAccessible(page);
    await page.getByLabel('Vai trò').selectOption('head');
    await page.getByRole('button', { name: 'Lưu người nhận' }).click();
    await page.waitForURL(`${base}/ui/admin/units/HU-TIEN-DU?done=saved`);
    const csrf = (await context.cookies()).find((c) => c.name === 'dondoc_csrf')?.value ?? '';
    const stale = await page.request.post(editUrl, {
      form: {
        _csrf: csrf,
        name: 'Nguyễn Thị Hoa',
        email: 'hoa.tiendu@bacninh.example',
        role: 'officer',
        version: '1',
      },
      maxRedirects: 0,
    });
    expect(stale.status()).toBe(422);
    expect(await stale.text()).toContain('Hồ sơ đã thay đổi từ khi đồng chí mở trang');
    expect((await stack.http.get('/units/HU-TIEN-DU/contacts').expect(200)).body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'hoa.tiendu@bacninh.example', role: 'head', version: 2 }),
      ]),
    );

    // Org import: a broken file lists its problems with where they are; nothing changes.
    await page.goto(`${base}/ui/admin/org/import`);
    await page.locator('#f-document').setInputFiles({
      name: 'to-chuc.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'dondoc-org/1', units: [{ id: 'X', name: '' }] })),
    });
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.waitForLoadState();
    expect(await page.locator('.file-problems tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await shot(page, 'admin-org-import-errors');

    // Plan upload: an invalid file shows every problem in place, located by file and JSON pointer.
    await page.goto(`${base}/ui/admin/plans`);
    await expectAccessible(page);
    await page.locator('#f-document').setInputFiles(join(ROOT, 'plans', 'examples', 'malformed-plan.yaml'));
    await page.getByRole('button', { name: 'Kiểm tra và xem trước' }).click();
    await page.waitForLoadState();
    const problems = page.locator('.file-problems tbody tr');
    expect(await problems.count()).toBeGreaterThan(1);
    expect(await problems.first().textContent()).toContain('malformed-plan.yaml:/');
    await expectAccessible(page);
    await shot(page, 'admin-plan-errors');

    // A valid plan: the whole term's schedule over the stored tree, before issuing.
    await page.locator('#f-document').setInputFiles(join(ROOT, 'plans', '22-KH-TU.yaml'));
    await page.getByLabel('Ngày ban hành (để trống: theo tệp)').fill('2021-08-13');
    await page.getByRole('button', { name: 'Kiểm tra và xem trước' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Xem trước kế hoạch 22-KH/TU');
    expect(await page.locator('table.by-obligation tbody tr').count()).toBe(11);
    const tienDuPlan = page.locator('table.schedule tbody tr', { hasText: 'HU-TIEN-DU' }).filter({
      hasText: 'implementation-plan',
    });
    expect(await tienDuPlan.first().textContent()).toContain('13/09/2021');
    await expect(page.getByRole('button', { name: 'Ban hành kế hoạch' }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await shot(page, 'admin-plan-preview');

    // Failed mail: the row with its error; resent with the keyboard (Tab to the button, Enter).
    await page.goto(`${base}/ui/admin/mail`);
    const row = page.locator(`tr[data-mail="${failedKey}"]`);
    expect(await row.textContent()).toContain('550 5.1.1 mailbox unavailable');
    await expectAccessible(page);
    await shot(page, 'admin-mail-failed');
    const label = `Gửi lại thư “${failedSubject}”`;
    for (
      let i = 0;
      i < 40 &&
      (await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')) !== label;
      i++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/ui/admin/mail?resent=1`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã gửi lại thư');
    await expect(page.locator(`tr[data-mail="${failedKey}"]`).count()).resolves.toBe(0);
    const resent = await stack.http.get(`/mail/${encodeURIComponent(failedKey)}`).expect(200);
    expect(resent.body.status).toBe('sent');
    expect(stack.sink.messages().map((m) => m.subject)).toContain(failedSubject);

    // The inbox: no embedded sink URL in the tests, so the sent log (with the resent mail).
    await page.goto(`${base}/ui/admin/inbox`);
    expect(await page.locator('main').textContent()).toContain(failedSubject);
    await expectAccessible(page);

    // The audit log shows the admin's actions, filtered by account; the CSV export link keeps the filter.
    await page.goto(`${base}/ui/admin/audit`);
    await page.getByLabel('Tài khoản').fill(admin);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/\/ui\/admin\/audit\?username=/);
    const audit = await page.locator('table.audit tbody').textContent();
    expect(audit).toContain('/ui/admin/units/HU-TIEN-DU/contacts');
    expect(audit).toContain('/ui/admin/mail/resend');
    await expectAccessible(page);
    await shot(page, 'admin-audit');
    const csvHref = await page.locator('a.csv').getAttribute('href');
    expect(csvHref).toBe(`/audit/export.csv?username=${admin}`);
    const csv = await page.request.get(`${base}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('/ui/admin/mail/resend');
  });

  it('issues a plan from its preview: stored, its workflow running, listed with a notice', async () => {
    // A copy of 22-KH/TU under another id, issued "now" (the dev server runs on the real clock; a
    // period opens at 07:00 Vietnam time, so before then it is dated yesterday) and open 45 days.
    const now = new Date();
    const issued = (now.getUTCHours() + 7) % 24 >= 7 ? vnDateOf(now) : addDays(vnDateOf(now), -1);
    const year = Number(issued.slice(0, 4));
    const text = readFileSync(join(ROOT, 'plans', '22-KH-TU.yaml'), 'utf8')
      .replace(/^id: 22-KH-TU$/m, 'id: UI-KH-TU')
      .replace(/^number: 22-KH\/TU$/m, 'number: 99-KH/TU')
      .replace(/^issueDate: .*$/m, `issueDate: ${issued}`)
      .replace(/^ {2}start: 2021-02-01$/m, `  start: ${year}-01-01`)
      .replace(/^ {2}end: 2025-12-31$/m, `  end: ${year + 4}-12-31`);
    await signIn(admin, '/ui/admin');
    await page.goto(`${base}/ui/admin/plans`);
    await page.locator('#f-document').setInputFiles({
      name: 'ke-hoach-99.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(text),
    });
    await page.getByLabel('Mở đến ngày (không bắt buộc)').fill(addDays(issued, 45));
    await page.getByRole('button', { name: 'Kiểm tra và xem trước' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Xem trước kế hoạch 99-KH/TU');
    await page.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
    await page.waitForURL(`${base}/ui/admin/plans?issued=UI-KH-TU`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã ban hành kế hoạch UI-KH-TU');
    await expect(page.locator('table.plans tr[data-plan="UI-KH-TU"]').count()).resolves.toBe(1);
    await expectAccessible(page);
    await shot(page, 'admin-plan-issued');
    const stored = (await stack.http.get('/plans/UI-KH-TU').expect(200)).body;
    expect(stored).toMatchObject({
      number: '99-KH/TU',
      status: 'issued',
      issuedOn: issued,
      until: addDays(issued, 45),
    });
    const wf = await stack.temporal.client.workflow.getHandle('plan:UI-KH-TU').describe();
    expect(wf.status.name).toBe('RUNNING');
  });

  it('refuses the admin pages to another role (a page, not JSON) and a form without _csrf', async () => {
    await signIn(btv, '/ui/btv');
    const res = await page.goto(`${base}/ui/admin/org`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Có lỗi');
    const post = await page.request.post(`${base}/ui/admin/mail/resend`, {
      form: { key: 'x' },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
  });

  it("the Standing Committee's flow: plan summaries → an issue BTG escalated → a direction (errors in place) → directed", async () => {
    const officer = await stack.as('officer', 'HU-TIEN-DU');
    const btg = await stack.as('btg', 'BTG-TU');
    const btvApi = await stack.as('btv', 'BTV-TU');
    const id = (
      await officer
        .post('/issues')
        .send({
          planId: '22-KH-TU',
          reporterUnitId: 'HU-TIEN-DU',
          title: 'Thiếu kinh phí in tài liệu học tập',
          description: 'Các chi bộ chưa có đủ tài liệu học tập Chuyên đề.',
        })
        .expect(201)
    ).body.id as string;
    await btg.post(`/issues/${id}/acknowledgement`).send({ byUnitId: 'BTG-TU' }).expect(200);
    await btg.post(`/issues/${id}/handler`).send({ byUnitId: 'BTG-TU', handlerUnitId: 'BTG-TU' }).expect(200);
    await btg
      .post(`/issues/${id}/escalation`)
      .send({ byUnitId: 'BTG-TU', reason: 'Cần kinh phí' })
      .expect(200);
    for (
      let i = 0;
      !((await btvApi.get('/issues').expect(200)).body.items as { id: string }[]).some((x) => x.id === id);
      i++
    ) {
      if (i > 100) throw new Error('the escalated issue never reached BTV');
      await new Promise((r) => setTimeout(r, 100));
    }

    await signIn(btv, '/ui/btv');
    expect(await page.locator('h1').textContent()).toBe('Ban Thường vụ Tỉnh ủy');
    await expect(page.locator('table.plan-summaries tr[data-plan="22-KH-TU"]').count()).resolves.toBe(1);
    const issueRow = page.locator(`tr[data-issue="${id}"]`);
    await expect(issueRow.locator('.state').textContent()).resolves.toBe('Trình Ban Thường vụ');
    await expectAccessible(page);
    await shot(page, 'btv');

    await issueRow.getByRole('link').click();
    await page.waitForURL(`${base}/ui/issues/${id}`);
    await expect(page.locator('.history li[data-event="escalated"]').count()).resolves.toBe(1);
    // Checked before the screenshot: a full-page screenshot leaves style="" on the form's inputs.
    await expectAccessible(page);
    await shot(page, 'btv-issue');

    // No instructions: refused next to the field, the units chosen kept; nothing recorded.
    await page.getByLabel('Đơn vị thực hiện').selectOption(['HU-TIEN-DU']);
    await page.getByLabel('Hạn hoàn thành').fill('2099-01-15');
    await page.getByRole('button', { name: 'Ghi nhận chỉ đạo' }).click();
    await page.waitForLoadState();
    await expect(page.locator('#f-instructions').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#err-instructions').count()).resolves.toBe(1);
    expect(
      await page
        .locator('#f-units option[value="HU-TIEN-DU"]')
        .evaluate((o) => (o as HTMLOptionElement).selected),
    ).toBe(true);
    await expectAccessible(page);
    await shot(page, 'btv-direction-errors');
    expect((await btvApi.get(`/issues/${id}`).expect(200)).body.state).toBe('escalated');

    await page.getByLabel('Nội dung chỉ đạo').fill('Văn phòng Tỉnh ủy bố trí kinh phí in bổ sung tài liệu.');
    await page.getByRole('button', { name: 'Ghi nhận chỉ đạo' }).click();
    await page.waitForURL(`${base}/ui/issues/${id}?done=directed`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã ghi nhận chỉ đạo');
    await expect(page.locator('.issue-state').textContent()).resolves.toBe('Đã có chỉ đạo');
    expect(await page.locator('.directions').textContent()).toContain('Huyện ủy Tiên Du');
    await expect(page.locator('.history li[data-event="directed"]').count()).resolves.toBe(1);
    await expectAccessible(page);
    await shot(page, 'btv-issue-directed');
    const api = (await btvApi.get(`/issues/${id}`).expect(200)).body;
    expect(api).toMatchObject({
      state: 'directed',
      directions: [{ units: ['HU-TIEN-DU'], dueDate: '2099-01-15' }],
    });
  });

  it('finds a workflow by its search attributes and shows its timeline and pending timers with their fire time', async () => {
    // The direction of the BTV flow opened a deliverable for Tiên Du: reminders wait on timers.
    await signIn(admin, '/ui/admin');
    await page.getByRole('link', { name: 'Quy trình (workflow)' }).click();
    await page.waitForURL(`${base}/ui/admin/workflows`);
    await expectAccessible(page);
    await page.getByLabel('Nhiệm vụ').fill('issue-direction');
    await page.getByLabel('Đơn vị').fill('HU-TIEN-DU');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/\/ui\/admin\/workflows\?/);
    const found = page.locator('table.workflows tbody tr');
    // Visibility is eventually consistent: search again until the row is listed.
    for (let i = 0; (await found.count()) === 0; i++) {
      if (i > 50) throw new Error('the direction deliverable never showed in the workflow search');
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
    }
    expect(await found.first().textContent()).toContain('deliverable:22-KH-TU:issue-direction:HU-TIEN-DU:');
    await expectAccessible(page);
    await shot(page, 'admin-workflows');

    await found.first().getByRole('link').click();
    await page.waitForURL(/\/ui\/admin\/workflows\/deliverable/);
    expect(await page.locator('.execution').textContent()).toBe('RUNNING');
    const timers = page.locator('table.timers tbody tr');
    expect(await timers.count()).toBeGreaterThan(0);
    expect(await timers.first().locator('time').getAttribute('datetime')).toMatch(/^20\d\d-/);
    expect(await page.locator('.wf-timeline li[data-kind="opened"]').count()).toBe(1);
    expect(await page.locator('.wf-timeline li[data-kind="timer-pending"]').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await shot(page, 'admin-workflow');
    // An unknown workflow is the UI's 404 page.
    const missing = await page.goto(`${base}/ui/admin/workflows/${encodeURIComponent('deliverable:none')}`);
    expect(missing?.status()).toBe(404);
  });

  it('fits a phone (375×812) and speaks English on the switch', async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      page = await phone.newPage();
      await signIn(admin, '/ui/admin');
      const widths: Record<string, number> = {};
      for (const path of [
        '/ui/admin',
        '/ui/admin/org',
        '/ui/admin/units/HU-TIEN-DU',
        '/ui/admin/mail',
        '/ui/admin/audit',
        '/ui/btv',
      ]) {
        await page.goto(`${base}${path}`);
        widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
      }
      expect(Object.entries(widths).filter(([, w]) => w > 375)).toEqual([]);
      await shot(page, 'btv-phone');
      await page.goto(`${base}/ui/admin`);
      await page.getByRole('link', { name: 'Switch to English' }).click();
      await page.waitForURL(`${base}/ui/admin`);
      expect(await page.locator('h1').textContent()).toBe('Administration');
      await page.goto(`${base}/ui/admin/plans`);
      expect(await page.locator('h1').textContent()).toBe('Plans: check, preview, issue');
      await expectAccessible(page);
    } finally {
      await phone.close();
    }
  });
});
