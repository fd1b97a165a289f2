// Browser test of a working visit: province staff record the visit as done, its conclusion notice with two
// directives (a malformed number and a directive without a unit refused beside their fields), mark one
// directive done with evidence, and find the other, past its deadline, in the follow-up queue of the home
// page; the notice downloads as DOCX. Screenshots go to test-results/.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { openTestDatabase } from '../integration/helpers.ts';
import { PASSWORD, seedFixture, seedUsers, type Fixture } from '../integration/fixtures.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { VisitService } from '../../src/commands/visits.ts';
import { addDays, todayIso } from '../../src/domain/dates.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-results');
const hasChromium = fs.existsSync(CHROMIUM);
const vn = (iso: string) => iso.split('-').reverse().join('/');

describe.skipIf(!hasChromium)('working visits in Chromium', () => {
  let database: DatabaseHandle;
  let app: App;
  let fixture: Fixture;
  let browser: Browser;
  let base = '';
  let visitId = 0;
  const pageErrors: string[] = [];
  const slow = { timeout: 15_000 };
  const today = todayIso();

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(SHOTS, { recursive: true });
    database = await openTestDatabase();
    fixture = await seedFixture(database);
    await seedUsers(database, fixture);
    // Prepared six weeks ago; both directives will fall due before today.
    const visit = await new VisitService(database.db, await systemActor(database.db)).create({
      title: 'Đoàn công tác của Tỉnh ủy làm việc với Đảng ủy xã Tiên Thủy và Huyện ủy Châu Thành', kind: 'working_visit',
      issuingUnitId: fixture.units['83']!, startsOn: addDays(today, -42), endsOn: addDays(today, -42), topics: ['Thực hiện Nghị quyết 02-NQ/TU'],
      delegates: [
        { fullName: 'Trần Văn Hiếu', title: 'Phó Bí thư Thường trực Tỉnh ủy', homeBody: 'Tỉnh ủy Bến Tre', role: 'leader' },
        { fullName: 'Nguyễn Thanh Bình', title: 'Phó Vụ trưởng', homeBody: 'Vụ Địa phương III, Ban Tổ chức Trung ương', role: 'member' },
      ],
      units: [{ unitId: fixture.units['28861']!, visitedOn: addDays(today, -42) }, { unitId: fixture.units['831']!, visitedOn: addDays(today, -42) }],
    });
    visitId = visit.id;
    ({ app } = await buildServer({ database, loginRateLimit: 1000 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic'] });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/favicon|401 \(Unauthorized\)|Failed to load resource/.test(msg.text())) pageErrors.push(msg.text());
    });
    return page;
  }
  async function shot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }
  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('header-user').waitFor();
  }
  async function pick(page: Page, selector: string, option: string): Promise<void> {
    await page.locator(selector).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    // Wait for the list to close, so the next pick cannot hit an option of this one while it fades.
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), slow).toBe(0);
  }
  async function date(page: Page, selector: string, iso: string): Promise<void> {
    await page.locator(selector).click();
    await page.locator(selector).fill(vn(iso));
    await page.locator(selector).press('Enter');
  }

  it('records the conclusion with two directives, marks one done with evidence, and shows the other overdue in the queue', async () => {
    const page = await newPage();
    await login(page, 'admin83');
    await page.getByTestId('nav-visits').click();
    await expect.poll(() => page.getByTestId('visit-list').locator('tbody tr.ant-table-row').count(), slow).toBe(1);
    await page.getByTestId('visit-link').first().click();
    await expect.poll(() => page.getByTestId('visit-status').textContent(), slow).toBe('Chuẩn bị');
    expect(await page.textContent('body')).toContain('Vụ Địa phương III, Ban Tổ chức Trung ương');

    await page.getByTestId('visit-findings').fill('Đảng ủy xã đã ban hành kế hoạch thực hiện Nghị quyết; còn chi bộ chuyển biến chậm.');
    await page.getByTestId('visit-mark-visited').click();
    await expect.poll(() => page.getByTestId('visit-status').textContent(), slow).toBe('Đã làm việc');

    // The conclusion: a malformed number and a directive without a unit are refused beside their fields.
    const form = page.getByTestId('conclusion-form');
    await form.locator('#notice_number').fill('15/TB-TU');
    // The server's today: the browser runs on Vietnam's clock, which may already be tomorrow.
    await date(page, '#notice_issuedOn', today);
    await form.locator('#notice_place').fill('Bến Tre');
    await form.locator('#notice_signerTitle').fill('Phó Bí thư Thường trực');
    await form.locator('#notice_signerName').fill('Trần Văn Hiếu');
    await form.locator('#notice_body').fill('Đoàn ghi nhận kết quả thực hiện Nghị quyết 02-NQ/TU.\nĐề nghị các đơn vị tập trung thực hiện các nội dung sau.');
    await form.locator('#directives_0_text').fill('Rà soát, bổ sung kế hoạch thực hiện 7 nhiệm vụ, giải pháp');
    await date(page, '#directives_0_deadline', addDays(today, -20));
    await page.getByTestId('directive-add').click();
    await form.locator('#directives_1_text').fill('Xây dựng kế hoạch củng cố chi bộ yếu kém');
    await date(page, '#directives_1_deadline', addDays(today, -5));
    await page.getByTestId('conclusion-save').click();
    const errorOf = (id: string) => form.locator('.ant-form-item', { has: page.locator(id) }).locator('.ant-form-item-explain-error');
    await errorOf('#notice_number').waitFor();
    expect(await errorOf('#notice_number').textContent()).toContain('số-LOẠI/CƠ QUAN');
    expect(await errorOf('#directives_0_responsibleUnitId').textContent()).toContain('cần chọn đơn vị chịu trách nhiệm');
    await shot(page, '50-visit-conclusion-errors');
    await form.locator('#notice_number').fill('15-TB/TU');
    await pick(page, '#directives_0_responsibleUnitId', 'Đảng bộ xã Tiên Thủy');
    await pick(page, '#directives_1_responsibleUnitId', 'Đảng bộ huyện Châu Thành');
    await page.getByTestId('conclusion-save').click();
    await expect.poll(() => page.getByTestId('visit-status').textContent(), slow).toBe('Đã kết luận');
    const rows = page.getByTestId('directive-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), slow).toBe(2);
    expect(await rows.nth(0).getByTestId('directive-status').textContent()).toContain('Quá hạn');
    expect(await page.getByTestId('visit-notice').textContent()).toContain('15-TB/TU');

    // Done needs evidence: refused without, recorded with.
    await rows.nth(0).getByTestId('directive-follow').click();
    const dialog = page.getByRole('dialog');
    await pick(page, '#status', 'Hoàn thành');
    await date(page, '#doneOn', today);
    await dialog.locator('#note').fill('Đã bổ sung kế hoạch, gửi Huyện ủy');
    await page.getByTestId('followup-save').click();
    const evidenceError = dialog.locator('.ant-form-item', { has: page.locator('#evidence') }).locator('.ant-form-item-explain-error');
    await evidenceError.waitFor();
    expect(await evidenceError.textContent()).toContain('phải có minh chứng');
    await dialog.locator('#evidence').fill('Kế hoạch 07-KH/ĐU (bổ sung)');
    await dialog.locator('#evidence').press('Enter');
    await page.getByTestId('followup-save').click();
    await expect.poll(() => rows.nth(0).getByTestId('directive-status').textContent(), slow).toContain('Hoàn thành');
    expect(await rows.nth(0).textContent()).toContain('Kế hoạch 07-KH/ĐU (bổ sung)');
    expect(await rows.nth(1).getByTestId('directive-status').textContent()).toContain('Quá hạn');
    await shot(page, '51-visit-directives');

    // The notice as a Word file.
    const href = await page.getByTestId('notice-docx').getAttribute('href');
    const docx = await page.request.get(`${base}${href}`);
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

    // Home: the undone directive, past its deadline, is in the follow-up queue; the done one is not.
    await page.goto(`${base}/`);
    const queue = page.getByTestId('queue-follow-ups');
    await queue.waitFor();
    await expect.poll(() => queue.textContent(), slow).toContain('Xây dựng kế hoạch củng cố chi bộ yếu kém');
    expect(await queue.textContent()).toContain('Đảng bộ huyện Châu Thành');
    expect(await queue.textContent()).not.toContain('Rà soát, bổ sung kế hoạch');
    await shot(page, '52-home-overdue-directive');
    await queue.getByText('Xây dựng kế hoạch củng cố chi bộ yếu kém').click();
    await page.waitForURL(new RegExp(`/visits/${visitId}$`));
  });

  it('had no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
