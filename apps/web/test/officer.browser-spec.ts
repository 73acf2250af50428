/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ApiTestStack,
  seedAccount,
  startCommitmentDeliverable,
  TEST_GRASSROOTS,
  TEST_UNIT,
} from '@dondoc/testing';
import { SAMPLE_DOCUMENTS } from '../../api/src/deliverables/documents/document-test-helpers';
import {
  expectAccessible,
  launchChromium,
  pageWidth,
  PHONE,
  phoneContext,
  shot,
  startUiStack,
} from './browser-kit';

/**
 * The web UI in a real browser (Debian's Chromium driven by playwright-core) against the real stack:
 * Temporal dev server, worker, PostgreSQL, SMTP sink and the Nest app listening on a port.
 * Chromium, the accessibility checks and screenshots come from browser-kit.ts.
 */
const PASSWORD = 'mat-khau-thu-nghiem-1';

describe('web UI in Chromium on the real stack: the unit officer, a member, BTG', () => {
  let stack: ApiTestStack;
  let browser: Browser;
  let base: string;
  let officer: string;
  const plan = `22-KH-TU:implementation-plan:${TEST_UNIT.id}:2031`;
  const overdue = `22-KH-TU:annual-report:${TEST_UNIT.id}:2025`;
  const grassroots = `22-KH-TU:grassroots-plan:${TEST_GRASSROOTS.id}:2031`;

  beforeAll(async () => {
    ({ stack, base } = await startUiStack());
    officer = (
      await seedAccount(stack.db.dataSource, {
        role: 'officer',
        unitId: TEST_UNIT.id,
        username: 'vp-tiendu',
        password: PASSWORD,
      })
    ).account.username;
    const owe = (
      obligationId: string,
      unitId: string,
      period: string,
      dueDate: string,
      requiredContents: string[],
    ) =>
      stack.http
        .post('/deliverables')
        .send({
          planId: '22-KH-TU',
          obligationId,
          unitId,
          period,
          title: `${obligationId === 'annual-report' ? 'Báo cáo kết quả năm' : 'Kế hoạch học tập Chuyên đề'} ${period}`,
          dueDate,
          requiredContents,
        })
        .expect(201);
    await owe('implementation-plan', TEST_UNIT.id, '2031', '2031-09-15', ['decision-148', 'pressing-issues']);
    await owe('annual-report', TEST_UNIT.id, '2025', '2025-11-17', []);
    await owe('grassroots-plan', TEST_GRASSROOTS.id, '2031', '2031-10-15', []);
    for (const id of [plan, overdue, grassroots])
      for (let i = 0; i < 100 && (await stack.http.get(`/deliverables/${id}`)).body.version < 1; i++)
        await new Promise((r) => setTimeout(r, 100));
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

  async function signIn(p: Page = page, next = '/ui/inbox'): Promise<void> {
    await p.goto(`${base}${next}`);
    await p.getByLabel('Tên đăng nhập').fill(officer);
    await p.getByLabel('Mật khẩu').fill(PASSWORD);
    await p.getByRole('button', { name: 'Đăng nhập' }).click();
    await p.waitForURL(`${base}${next}`);
  }

  it('sends a visitor who is not signed in to the login page, keeping where they were going; / leads to /ui/', async () => {
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    await page.goto(`${base}/ui/deliverables/${encodeURIComponent(plan)}`);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/ui/login');
    expect(url.searchParams.get('next')).toBe(`/ui/deliverables/${encodeURIComponent(plan)}`);
    await expectAccessible(page);
    await shot(page, 'login');
    // An off-site next is ignored after sign-in.
    await page.goto(`${base}/ui/login?next=${encodeURIComponent('//evil.example/x')}`);
    await page.getByLabel('Tên đăng nhập').fill(officer);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/ui/inbox`);
  });

  it('signs in with the keyboard alone (Tab to the fields, Enter to send)', async () => {
    await page.goto(`${base}/ui/login`);
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'f-username'; i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-username');
    await page.keyboard.type(officer);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/ui/inbox`);
    expect(await page.locator('h1').textContent()).toBe('Việc đơn vị cần nộp');
  });

  it('refuses a wrong password on the form itself', async () => {
    await page.goto(`${base}/ui/login`);
    await page.getByLabel('Tên đăng nhập').fill(officer);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe(officer);
  });

  it("the officer's main flow: inbox with buckets → the deliverable → a refused submission → upload with the checklist → submitted, in history", async () => {
    await signIn();
    await expectAccessible(page);
    // Overdue first, each with its status and bucket as text (not colour alone).
    const groups = await page.locator('main section.group h2').allTextContents();
    expect(groups[0]).toBe('Quá hạn');
    const overdueItem = page.locator(`li[data-deliverable="${overdue}"]`);
    await expect(overdueItem.locator('.badge').textContent()).resolves.toBe('Chưa hoàn thành quá hạn');
    const item = page.locator(`li[data-deliverable="${plan}"]`);
    await expect(item.locator('.badge').textContent()).resolves.toBe('Chưa hoàn thành trong hạn');
    await expect(item.locator('.status').textContent()).resolves.toBe('Đang thực hiện');
    expect(await item.textContent()).toContain('15/09/2031');
    // The level-1 unit sees its grassroots unit's row.
    const subRow = page.locator('table.sub-units tbody tr', { hasText: TEST_GRASSROOTS.name });
    await expect(subRow.count()).resolves.toBe(1);
    await shot(page, 'inbox');

    await item.locator('a.item-title').click();
    await page.waitForURL(`${base}/ui/deliverables/${encodeURIComponent(plan)}`);
    await expectAccessible(page);
    await shot(page, 'deliverable');

    // Nothing attached, one required content unticked: both errors in place, nothing submitted.
    await page.locator('input[name=coveredContents][value=decision-148]').check();
    await page.getByRole('button', { name: 'Nộp', exact: true }).click();
    await page.waitForLoadState();
    const fileInput = page.locator('#f-document');
    await expect(fileInput.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#err-document').textContent()).resolves.toContain('Chọn tệp văn bản cần nộp');
    await expect(page.locator('#err-coveredContents').textContent()).resolves.toContain(
      'Văn bản phải có đủ các nội dung bắt buộc',
    );
    expect(await page.locator('input[name=coveredContents][value=decision-148]').isChecked()).toBe(true); // kept
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-document'); // app.js
    await expectAccessible(page);
    await shot(page, 'deliverable-errors');
    expect((await stack.http.get(`/deliverables/${plan}`)).body.status).toBe('open');

    await page.locator('input[name=coveredContents][value=pressing-issues]').check();
    await fileInput.setInputFiles({
      name: 'Kế hoạch 15-KH-HU.pdf',
      mimeType: 'application/pdf',
      buffer: SAMPLE_DOCUMENTS.pdf(),
    });
    await page.getByRole('button', { name: 'Nộp', exact: true }).click();
    await page.waitForURL(`${base}/ui/deliverables/${encodeURIComponent(plan)}?done=submitted`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã nộp văn bản');
    await expect(page.locator('.status').first().textContent()).resolves.toBe('Đã nộp');
    await expect(page.locator('.documents a').textContent()).resolves.toBe('Kế hoạch 15-KH-HU.pdf');
    await expect(page.locator('.history li[data-event="submitted"]').count()).resolves.toBe(1);
    await expectAccessible(page);
    await shot(page, 'deliverable-submitted');
    const api = (await stack.http.get(`/deliverables/${plan}`)).body;
    expect(api).toMatchObject({
      status: 'submitted',
      submission: { coveredContents: ['decision-148', 'pressing-issues'] },
    });
  });

  it('asks for an extension by reporting a problem from the deliverable, with the title filled in', async () => {
    await signIn(page, `/ui/deliverables/${encodeURIComponent(overdue)}`);
    await page.getByRole('link', { name: 'Báo cáo vướng mắc / xin gia hạn' }).click();
    await page.waitForURL(/\/ui\/issues\/new\?deliverable=/);
    await expectAccessible(page);
    expect(await page.getByLabel('Tiêu đề').inputValue()).toBe(
      'Xin gia hạn: Báo cáo kết quả năm 2025 (2025)',
    );
    // Empty description: refused in place.
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect(page.locator('#err-description').count()).resolves.toBe(1);
    await shot(page, 'issue-new-errors');
    await page
      .locator('#f-description')
      .fill('Đơn vị đề nghị gia hạn đến 30/12 do chờ số liệu của các chi bộ.');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.waitForURL(/\/ui\/deliverables\/.*\?issue=/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã gửi báo cáo vấn đề');
    const issues = (await stack.http.get('/issues').query({ unitId: TEST_UNIT.id })).body.items;
    expect(issues.map((i: { title: string }) => i.title)).toContain(
      'Xin gia hạn: Báo cáo kết quả năm 2025 (2025)',
    );
  });

  it('refuses a form post without the CSRF field (the session cookie alone is not enough), or acting for another unit', async () => {
    await signIn();
    const res = await page.request.post(`${base}/ui/issues`, {
      form: { planId: '22-KH-TU', reporterUnitId: TEST_UNIT.id, title: 'x', description: 'y' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('Phiên làm việc của biểu mẫu đã hết hạn');
    // A form naming a unit the officer may not act for is refused like the API refuses it.
    const csrf = (await context.cookies()).find((c) => c.name === 'dondoc_csrf')?.value ?? '';
    const other = await page.request.post(`${base}/ui/deliverables/${encodeURIComponent(overdue)}/submit`, {
      multipart: {
        _csrf: csrf,
        unitId: 'BTG-TU',
        document: { name: 'x.pdf', mimeType: 'application/pdf', buffer: SAMPLE_DOCUMENTS.pdf() },
      },
      maxRedirects: 0,
    });
    expect(other.status()).toBe(403);
    expect(await other.text()).toContain('Đồng chí không có quyền thực hiện việc này');
    expect((await stack.http.get(`/deliverables/${overdue}`)).body.status).not.toBe('submitted');
    // Signing in is protected too (login forgery): the form's own token must come with it.
    const forged = await browser.newContext();
    try {
      const login = await forged.request.post(`${base}/ui/login`, {
        form: { username: officer, password: PASSWORD },
        maxRedirects: 0,
      });
      expect(login.status()).toBe(403);
      expect(login.headers()['set-cookie'] ?? '').not.toContain('dondoc_session');
    } finally {
      await forged.close();
    }
  });

  it('switches to English and back; dates stay dd/mm/yyyy', async () => {
    await signIn();
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.waitForURL(`${base}/ui/inbox`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('What the unit owes');
    await expect(page.locator(`li[data-deliverable="${overdue}"] .badge`).textContent()).resolves.toBe(
      'Not done, overdue',
    );
    expect(await page.locator(`li[data-deliverable="${overdue}"]`).textContent()).toContain('17/11/2025');
    await expectAccessible(page);
    await shot(page, 'inbox-en');
    await page.getByRole('link', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.waitForURL(`${base}/ui/inbox`);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('fits a phone (375×812): no sideways scrolling', async () => {
    const phone = await phoneContext(browser);
    try {
      const p = await phone.newPage();
      await signIn(p);
      expect(await pageWidth(p)).toBeLessThanOrEqual(PHONE.width);
      await shot(p, 'inbox-phone');
      await p.goto(`${base}/ui/deliverables/${encodeURIComponent(overdue)}`);
      expect(await pageWidth(p)).toBeLessThanOrEqual(PHONE.width);
      await shot(p, 'deliverable-phone');
    } finally {
      await phone.close();
    }
  });

  it('lets a member register their own commitment at the cell, once', async () => {
    const member = await seedAccount(stack.db.dataSource, {
      role: 'member',
      unitId: TEST_GRASSROOTS.id,
      password: PASSWORD,
    });
    const id = await startCommitmentDeliverable(stack.temporal.client, {
      unitId: TEST_GRASSROOTS.id,
      collectorUnitId: TEST_GRASSROOTS.id,
      members: [member.account.personId as string, 'DV-OTHER'],
    });
    for (let i = 0; i < 100 && (await stack.http.get(`/deliverables/${id}`)).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 100));
    await page.goto(`${base}/ui/login`);
    await page.getByLabel('Tên đăng nhập').fill(member.account.username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/ui/member`);
    expect(await page.locator('main').textContent()).toContain('Đảng viên đã đăng ký: 0/2');
    await expectAccessible(page);
    await shot(page, 'member');
    await page.getByRole('button', { name: 'Đăng ký của tôi' }).click();
    await page.waitForURL(`${base}/ui/member?done=1`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã ghi nhận đăng ký');
    expect(await page.locator('main').textContent()).toContain('Đảng viên đã đăng ký: 1/2');
    // A second time is refused on the page, not as JSON.
    await page.getByRole('button', { name: 'Đăng ký của tôi' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Đồng chí đã đăng ký rồi');
  });

  it('lands BTG on its dashboard, and signs out', async () => {
    const unknown = await page.goto(`${base}/ui/no-such-page`);
    expect(unknown?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Có lỗi');
    const btg = await seedAccount(stack.db.dataSource, { role: 'btg', unitId: 'BTG-TU', password: PASSWORD });
    await page.goto(`${base}/ui/login`);
    await page.getByLabel('Tên đăng nhập').fill(btg.account.username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/ui/btg`);
    expect(await page.locator('h1').textContent()).toBe('Bảng điều khiển Ban Tuyên giáo');
    await expectAccessible(page);
    await shot(page, 'btg');
    // An officer page is not BTG's: refused as a page, not JSON.
    const res = await page.goto(`${base}/ui/inbox`);
    expect(res?.status()).toBe(403);
    await page.goto(`${base}/ui/btg`);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${base}/ui/login`);
    await page.goto(`${base}/ui/btg`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
  });
});
