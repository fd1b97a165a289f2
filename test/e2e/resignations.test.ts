// Browser test of the resignation register: district staff record a request, a counselling meeting and the
// outcome; an outcome dated before the request is refused in Vietnamese beside the field, and stored nowhere.
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
import { PASSWORD, seedFixture, seedUsers } from '../integration/fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-results');
const hasChromium = fs.existsSync(CHROMIUM);

describe.skipIf(!hasChromium)('resignation register in Chromium', () => {
  let database: DatabaseHandle;
  let app: App;
  let browser: Browser;
  let base = '';
  const pageErrors: string[] = [];
  const slow = { timeout: 15_000 };

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(SHOTS, { recursive: true });
    database = await openTestDatabase();
    await seedUsers(database, await seedFixture(database));
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
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  async function typeDate(scope: ReturnType<Page['getByRole']>, selector: string, value: string) {
    await scope.locator(selector).click();
    await scope.locator(selector).fill(value);
    await scope.locator(selector).press('Enter');
  }

  it('records a request, a counselling meeting and the outcome, refusing an outcome dated before the request', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Tên đăng nhập').fill('staff831');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('header-user').waitFor();
    await page.getByTestId('nav-resignations').click();
    await page.waitForURL(/\/resignations/);
    await expect.poll(() => page.getByTestId('resignations-total').textContent(), slow).toContain('0');

    // The request.
    await page.getByTestId('resignation-add').click();
    let dialog = page.getByRole('dialog');
    await dialog.locator('#fullName').fill('Phạm Thị Hồng');
    await dialog.locator('#position').fill('Chuyên viên');
    await dialog.locator('#agency').fill('Phòng Nội vụ huyện Châu Thành');
    await dialog.locator('#level').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Cấp huyện' }).click();
    await typeDate(dialog, '#resignation-requested', '02/03/2026');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const rows = page.getByTestId('resignations-list').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), slow).toBe(1);
    expect(await rows.first().getByTestId('resignation-row-name').textContent()).toBe('Phạm Thị Hồng');
    await expect.poll(() => page.getByTestId('resignations-outcome-pending').textContent(), slow).toContain('1');

    // A counselling meeting.
    await rows.first().getByTestId('resignation-add-counselling').click();
    dialog = page.getByRole('dialog');
    await typeDate(dialog, '#counselling-date', '10/03/2026');
    await dialog.locator('#metBy').fill('Trưởng Ban Tổ chức Huyện ủy');
    await dialog.locator('#outcomeNote').fill('Xin thêm thời gian suy nghĩ');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => rows.first().getByTestId('resignation-counselling-count').textContent(), slow).toBe('1');

    // The outcome: dated before the request, refused beside the field; then the right date.
    await rows.first().getByTestId('resignation-record-outcome').click();
    dialog = page.getByRole('dialog');
    await dialog.locator('#outcome').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Ở lại công tác' }).click();
    await typeDate(dialog, '#outcome-date', '01/03/2026');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const error = dialog.locator('.ant-form-item', { has: page.locator('#outcome-date') }).locator('.ant-form-item-explain-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('không được trước ngày làm đơn');
    await shot(page, '60-resignation-outcome-error');
    const stored = await database.db.selectFrom('resignation_request').select(['outcome', 'row_version']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ outcome: null, row_version: 1 });
    await typeDate(dialog, '#outcome-date', '20/03/2026');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => rows.first().getByTestId('resignation-outcome').textContent(), slow).toContain('Ở lại công tác');
    await expect.poll(() => page.getByTestId('resignations-outcome-stayed').textContent(), slow).toContain('1');
    await rows.first().locator('.ant-table-row-expand-icon').click();
    expect(await page.getByTestId('resignation-counselling').textContent()).toContain('Xin thêm thời gian suy nghĩ');
    await shot(page, '61-resignations');
    expect(pageErrors).toEqual([]);
  });

  it('shows the recruitment results and the enterprises, and adds an enterprise without a party organization', async () => {
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Tên đăng nhập').fill('staff831');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('header-user').waitFor();
    await page.getByTestId('nav-enterprises').click();
    await page.getByTestId('enterprise-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#name').fill('Công ty TNHH Dừa Xanh');
    await dialog.locator('#enterprise-unit').click();
    await dialog.locator('#enterprise-unit').fill('tien thuy');
    await page.locator('.ant-select-item-option', { hasText: 'Đảng bộ xã Tiên Thủy' }).click();
    await dialog.locator('#workers').fill('250');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const rows = page.getByTestId('enterprise-list').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), slow).toBe(1);
    expect(await rows.first().getByTestId('enterprise-no-party').count()).toBe(1);
    await expect.poll(() => page.getByTestId('without-party-summary').textContent(), slow).toContain('1 doanh nghiệp, 250 lao động');
    await page.getByTestId('nav-recruitment').click();
    await page.waitForURL(/\/reports\/recruitment/);
    await expect.poll(() => page.getByTestId('recruitment-funnel').locator('[data-testid="funnel-row"]').count(), slow).toBe(7);
    expect(await page.getByTestId('recruitment-enterprises').textContent()).toContain('1 doanh nghiệp');
    await shot(page, '62-recruitment');
    expect(pageErrors).toEqual([]);
  });
});
