import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { vnDateOf } from '@dondoc/calendar';
import { messageIdFor } from '@dondoc/activities';
import { ApiTestStack, seedAccount, TEST_MAILBOXES, TEST_UNIT } from '@dondoc/testing';
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
 * BTG's pages in Chromium on the real stack (Temporal dev server, worker, PostgreSQL, SMTP sink, the
 * Nest app on a port): dashboard matrix, overdue list and the manual reminder (exactly once per
 * contact), the review queue (errors in place, a stale form), the issue board, extension requests,
 * CSV and XLSX exports. Chromium, accessibility checks and screenshots: browser-kit.ts.
 */
const PASSWORD = 'mat-khau-thu-nghiem-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('web UI in Chromium on the real stack: Ban Tuyên giáo', () => {
  let stack: ApiTestStack;
  let browser: Browser;
  let base: string;
  let btgUser: string;
  let officerUser: string;
  let issueId: string;
  const overdue = `22-KH-TU:annual-report:${TEST_UNIT.id}:2025`;
  const toReturn = `22-KH-TU:implementation-plan:${TEST_UNIT.id}:2031`;
  const toStale = `22-KH-TU:annual-report:${TEST_UNIT.id}:2031`;

  beforeAll(async () => {
    ({ stack, base } = await startUiStack());
    btgUser = (await seedAccount(stack.db.dataSource, { role: 'btg', unitId: 'BTG-TU', password: PASSWORD }))
      .account.username;
    officerUser = (
      await seedAccount(stack.db.dataSource, { role: 'officer', unitId: TEST_UNIT.id, password: PASSWORD })
    ).account.username;
    const owe = (obligationId: string, period: string, dueDate: string, title: string) =>
      stack.http
        .post('/deliverables')
        .send({
          planId: '22-KH-TU',
          obligationId,
          unitId: TEST_UNIT.id,
          period,
          title,
          dueDate,
          requiredContents: [],
        })
        .expect(201);
    await owe('annual-report', '2025', '2025-11-17', 'Báo cáo kết quả năm 2025');
    await owe('implementation-plan', '2031', '2031-09-15', 'Kế hoạch học tập Chuyên đề 2031');
    await owe('annual-report', '2031', '2031-11-17', 'Báo cáo kết quả năm 2031');
    for (const id of [overdue, toReturn, toStale])
      for (let i = 0; i < 100 && (await stack.http.get(`/deliverables/${id}`)).body.version < 1; i++)
        await sleep(100);
    for (const id of [toReturn, toStale])
      await stack.http
        .post(`/deliverables/${id}/submissions`)
        .send({ unitId: TEST_UNIT.id, documentName: 'van-ban.pdf', coveredContents: [] })
        .expect(200);
    issueId = (
      await stack.http
        .post('/issues')
        .send({
          planId: '22-KH-TU',
          reporterUnitId: TEST_UNIT.id,
          title: 'Xin gia hạn: Báo cáo kết quả năm 2025 (2025)',
          description: 'Đơn vị đang tổng hợp số liệu của các chi bộ.',
          severity: 'normal',
        })
        .expect(201)
    ).body.id;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  let context: BrowserContext;
  let page: Page;
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  async function signIn(user: string, next: string, p: Page = page): Promise<void> {
    await p.goto(`${base}${next}`);
    await p.getByLabel('Tên đăng nhập').fill(user);
    await p.getByLabel('Mật khẩu').fill(PASSWORD);
    await p.getByRole('button', { name: 'Đăng nhập' }).click();
    await p.waitForURL(`${base}${next}`);
  }

  it('lands BTG on the dashboard: totals per bucket, the unit × obligation matrix in symbols and words, rates', async () => {
    await page.goto(`${base}/ui/login`);
    await page.getByLabel('Tên đăng nhập').fill(btgUser);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/ui/btg`);
    expect(await page.locator('h1').textContent()).toBe('Bảng điều khiển Ban Tuyên giáo');
    await expectAccessible(page);
    // Every period: two submitted on time, one not done and overdue.
    await expect(page.locator('table.totals td[data-bucket="on-time"]').textContent()).resolves.toBe('2');
    await expect(page.locator('table.totals td[data-bucket="not-done-overdue"]').textContent()).resolves.toBe(
      '1',
    );
    await expect(page.locator('table.totals td[data-bucket="total"]').textContent()).resolves.toBe('3');
    const row = page.locator(`table.matrix tr[data-unit="${TEST_UNIT.id}"]`);
    await expect(row.locator('th').textContent()).resolves.toBe(TEST_UNIT.name);
    const cell = row.locator(`a[data-deliverable="${overdue}"]`);
    await expect(cell.locator('.badge').textContent()).resolves.toBe('Chưa hoàn thành quá hạn');
    await expect(cell.getAttribute('href')).resolves.toBe(`/ui/deliverables/${encodeURIComponent(overdue)}`);
    // The legend names each bucket; the rate bar is SVG sized by attributes (2 of 3 on time).
    await expect(page.locator('.legend li').count()).resolves.toBe(6);
    const rate = page.locator(`table.rates tr[data-unit="${TEST_UNIT.id}"]`);
    await expect(rate.locator('td').last().textContent()).resolves.toBe('2/3');
    await expect(rate.locator('rect.bar-fill').getAttribute('width')).resolves.toBe('134');
    // …laid out at its own size: no page rule of the same class name pads or reshapes it.
    const box = await rate.locator('svg.rate-bar').boundingBox();
    expect([box?.width, box?.height]).toEqual([200, 14]);
    await expect(page.locator('table.trend tr[data-period="2025"] td').first().textContent()).resolves.toBe(
      '0%',
    );
    await shot(page, 'btg-dashboard');

    // One period, and a unit filter that matches nobody.
    await page.getByLabel('Kỳ', { exact: true }).selectOption('2025');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.waitForURL(/period=2025/);
    await expect(page.locator('table.matrix a[data-deliverable]').count()).resolves.toBe(1);
    await page.getByLabel('Lọc theo đơn vị (mã hoặc tên)').fill('không có đơn vị này');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.waitForURL(/q=/);
    await expect(page.locator('table.matrix').count()).resolves.toBe(0);
    await expectAccessible(page);
  });

  it('shows exactly who would be reminded, then mails each contact once, even after a second click', async () => {
    await signIn(btgUser, '/ui/btg/overdue?plan=22-KH-TU');
    await expectAccessible(page);
    const rows = page.locator('table.overdue tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getAttribute('data-deliverable')).resolves.toBe(overdue);
    const contacts = await rows.first().locator('td.contacts').textContent();
    expect(contacts).toContain('Nguyễn Văn An');
    expect(contacts).toContain('Trần Thị Bình');
    expect(await page.locator('main').textContent()).not.toContain('@'); // names, never addresses
    await shot(page, 'btg-overdue');

    const workflowId = `deliverable:${overdue}`;
    const ids = (
      (await stack.db.dataSource.query('SELECT id FROM contacts WHERE unit_id = $1', [TEST_UNIT.id])) as {
        id: string;
      }[]
    ).map((c) => messageIdFor(`${workflowId}/manual-reminder:${vnDateOf(new Date())}/${c.id}`));
    const manual = () => stack.sink.messages().filter((m) => ids.includes(m.messageId));

    await page.getByRole('button', { name: 'Nhắc những đơn vị chưa nộp' }).click();
    await page.waitForURL(/\/ui\/btg\/overdue\?.*sent=2/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã gửi 2 thư nhắc');
    await expect(page.locator('td.contacts em').textContent()).resolves.toBe('Đã nhắc hôm nay');
    await page.getByRole('button', { name: 'Nhắc những đơn vị chưa nộp' }).click();
    await page.waitForURL(/sent=0&skipped=2/);
    await sleep(500);
    const mails = manual();
    expect(
      mails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual([TEST_MAILBOXES.unitOfficer, TEST_MAILBOXES.unitHead].sort());
    const vi = mails.find((m) => m.to.includes(TEST_MAILBOXES.unitHead))!;
    expect(vi.subject).toContain('[Nhắc việc]');
    expect(vi.text).toContain(`/ui/deliverables/${encodeURIComponent(overdue)}`);
  });

  it('reviews: a return without comments is refused in place; with them the officer sees it returned; a stale form says so', async () => {
    await signIn(btgUser, '/ui/btg/review');
    await expectAccessible(page);
    const card = page.locator(`li[data-deliverable="${toReturn}"]`);
    await card.getByLabel('Trả lại để hoàn thiện').check();
    await card.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.waitForLoadState();
    const again = page.locator(`li[data-deliverable="${toReturn}"]`);
    await expect(again.locator('.field-error').first().textContent()).resolves.toContain(
      'Vui lòng ghi ý kiến khi trả lại.',
    );
    await expect(
      again.getByLabel('Ý kiến (bắt buộc khi trả lại)').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await expectAccessible(page);
    await shot(page, 'btg-review-errors');
    expect((await stack.http.get(`/deliverables/${toReturn}`)).body.status).toBe('submitted');

    await again.getByLabel('Trả lại để hoàn thiện').check();
    await again.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill('Bổ sung phần liên hệ phong trào thi đua.');
    await again.getByLabel('Hạn nộp mới (khi trả lại)').fill('2031-10-30');
    await again.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.waitForURL(`${base}/ui/btg/review?done=1`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã ghi nhận ý kiến duyệt.');
    expect((await stack.http.get(`/deliverables/${toReturn}`)).body).toMatchObject({
      status: 'returned',
      dueDate: '2031-10-30',
    });

    // Someone else accepts while this form is open: the form's version is stale → 409 with the state now.
    await stack.http
      .post(`/deliverables/${toStale}/review`)
      .send({ decision: 'accept', reviewerUnitId: 'BTG-TU' })
      .expect(200);
    const stale = page.locator(`li[data-deliverable="${toStale}"]`);
    await stale.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.waitForLoadState();
    const shown = page.locator(`li[data-deliverable="${toStale}"]`);
    await expect(shown.getByRole('alert').textContent()).resolves.toContain(
      'đã thay đổi kể từ khi đồng chí mở trang',
    );
    await expect(shown.locator('.status').textContent()).resolves.toBe('Đã chấp nhận');
    await expectAccessible(page);

    // The officer's deliverable page says "returned".
    const officer = await browser.newContext();
    const op = await officer.newPage();
    await signIn(officerUser, `/ui/deliverables/${encodeURIComponent(toReturn)}`, op);
    await expect(op.locator('.status').first().textContent()).resolves.toBe('Bị trả lại');
    await officer.close();
  });

  it('shows the reported issue on the board with its countdown, then grants the extension it asks for', async () => {
    await signIn(btgUser, '/ui/btg/issues');
    await expectAccessible(page);
    const card = page.locator(`section[data-state="reported"] li[data-issue="${issueId}"]`);
    await expect(card.count()).resolves.toBe(1);
    // Counted to the clock's last working day (the limit), as the API reports it.
    const limitDate: string = (await stack.http.get(`/issues/${issueId}`)).body.clock.limitDate;
    const countdownText = await card.locator('.countdown').textContent();
    expect(countdownText).toMatch(/^(Còn \d+ ngày làm việc|Hết hạn hôm nay) \(/);
    expect(countdownText).toContain(`(${limitDate.split('-').reverse().join('/')})`);
    await shot(page, 'btg-issues');
    await card.getByRole('link').click();
    await page.waitForURL(`${base}/ui/issues/${issueId}`);
    await expectAccessible(page);

    await page.goto(`${base}/ui/btg/extensions`);
    await expectAccessible(page);
    const req = page.locator(`li[data-issue="${issueId}"]`);
    await expect(req.getByLabel('Văn bản được gia hạn').inputValue()).resolves.toBe(overdue);
    await shot(page, 'btg-extensions');
    await req.getByLabel('Hạn nộp mới').fill('2026-12-31');
    await req.getByLabel('Lý do gia hạn').fill('Chờ số liệu của các chi bộ.');
    await req.getByRole('button', { name: 'Gia hạn và giải quyết đề nghị' }).click();
    await page.waitForURL(`${base}/ui/btg/extensions?done=${issueId}`);
    expect((await stack.http.get(`/deliverables/${overdue}`)).body.dueDate).toBe('2026-12-31');
    expect((await stack.http.get(`/issues/${issueId}`)).body.state).toBe('resolved');
    await page.goto(`${base}/ui/btg/issues`);
    await expect(
      page.locator(`section[data-state="resolved"] li[data-issue="${issueId}"]`).count(),
    ).resolves.toBe(1);
  });

  it('exports the plan status matrix as CSV (UTF-8 with BOM) and XLSX with the same rows', async () => {
    await signIn(btgUser, '/ui/btg?plan=22-KH-TU&period=');
    const csv = await page.request.get(`${base}/ui/btg/export.csv?plan=22-KH-TU`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers()['content-disposition']).toBe('attachment; filename="tong-hop-22-KH-TU.csv"');
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8').slice(1)) as string[][];
    expect(rows[0]).toContain('Đơn vị');
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r[1] + '|' + r[3] + '|' + r[4])).toEqual(
      expect.arrayContaining([
        `${TEST_UNIT.id}|annual-report|2025`,
        `${TEST_UNIT.id}|implementation-plan|2031`,
      ]),
    );

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải Excel (XLSX)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('tong-hop-22-KH-TU.xlsx');
    const xlsx = await page.request.get(`${base}/ui/btg/export.xlsx?plan=22-KH-TU`);
    expect(xlsx.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const xrows: string[][] = [];
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      xrows.push(
        rows[0].map((_, i) => (values[i] === null || values[i] === undefined ? '' : String(values[i]))),
      );
    });
    expect(xrows).toEqual(rows);
  });

  it('fits a phone (375×812) without sideways scrolling, and speaks English on the switch', async () => {
    const phone = await phoneContext(browser);
    try {
      const p = await phone.newPage();
      await signIn(btgUser, '/ui/btg', p);
      const wide: string[] = [];
      for (const path of [
        '/ui/btg',
        '/ui/btg/overdue',
        '/ui/btg/review',
        '/ui/btg/extensions',
        '/ui/btg/issues',
      ]) {
        await p.goto(`${base}${path}`);
        if ((await pageWidth(p)) > PHONE.width) wide.push(path);
      }
      expect(wide).toEqual([]);
      await p.goto(`${base}/ui/btg`);
      await shot(p, 'btg-dashboard-phone');
      await p.getByRole('link', { name: 'Switch to English' }).click();
      await p.waitForURL(`${base}/ui/btg`);
      expect(await p.getAttribute('html', 'lang')).toBe('en');
      expect(await p.locator('h1').textContent()).toBe('Propaganda Department dashboard');
      await expect(p.locator('.legend li .bucket-not-done-overdue').textContent()).resolves.toBe(
        'Not done, overdue',
      );
      await expect(p.locator('h2#h-rate').textContent()).resolves.toBe('On-time rate per unit');
      await expectAccessible(p);
    } finally {
      await phone.close();
    }
  });

  it('is BTG’s and the admin’s only: an officer is refused with a page', async () => {
    await signIn(officerUser, '/ui/inbox');
    for (const path of [
      '/ui/btg',
      '/ui/btg/overdue',
      '/ui/btg/review',
      '/ui/btg/issues',
      '/ui/btg/export.csv?plan=22-KH-TU',
    ]) {
      const res = await page.goto(`${base}${path}`).catch(() => null);
      if (res) expect(res.status()).toBe(403);
    }
  });
});
