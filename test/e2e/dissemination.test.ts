// Browser test of the dissemination tab: a district's staff record their commune's session of the
// province resolution (attendance above the roll of the day refused beside the field), then see it in the
// list and the coverage of their district. Screenshots go to test-results/.
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
import { DocumentRepository } from '../../src/db/repos/documents.ts';
import { systemActor } from '../../src/db/repos/users.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-results');
const hasChromium = fs.existsSync(CHROMIUM);

describe.skipIf(!hasChromium)('dissemination in Chromium', () => {
  let database: DatabaseHandle;
  let app: App;
  let fixture: Fixture;
  let browser: Browser;
  let base = '';
  let nqId = 0;
  const pageErrors: string[] = [];
  // The machine may be busy: wait up to 15 s for the page to catch up (expect.poll waits 1 s by default).
  const slow = { timeout: 15_000 };

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(SHOTS, { recursive: true });
    database = await openTestDatabase();
    fixture = await seedFixture(database);
    await seedUsers(database, fixture);
    const repo = new DocumentRepository(database.db, await systemActor(database.db));
    const nq = await repo.create({
      number: '02-NQ/TU', issuingUnitId: fixture.units['83']!, issuedOn: '2016-04-15', planDueDate: '2016-06-15', reportDueDays: 10,
      title: 'Nghị quyết về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng', coversFrom: '2016-01-01', coversTo: '2020-12-31',
      attachments: ['02-NQ-TU.pdf'],
      tasks: [
        { title: 'Nâng cao chất lượng sinh hoạt chi bộ', indicators: [{ name: 'Chi bộ sinh hoạt định kỳ', unitOfMeasure: '%', measurement: 'reported' }] },
        { title: 'Phát triển đảng viên', indicators: [{ name: 'Đảng viên mới kết nạp', unitOfMeasure: 'đảng viên', measurement: 'members_admitted' }] },
      ],
    });
    nqId = nq.id;
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

  it('district staff record a session by counts and see the coverage of their communes', async () => {
    const page = await newPage();
    await login(page, 'staff831');
    await page.goto(`${base}/documents/${nqId}?tab=dissemination`);
    await page.getByTestId('dissemination-tab').waitFor();
    await expect.poll(() => page.getByTestId('dis-coverage').locator('tbody tr.ant-table-row').count(), slow).toBe(2);
    expect((await page.getByTestId('dis-coverage').locator('tbody').allTextContents()).join(' ')).not.toContain('Đã tổ chức');
    await page.getByTestId('dis-open').click();
    await page.locator('#dis-unit').click();
    await page.locator('#dis-unit').fill('Tiên Thủy');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Đảng bộ xã Tiên Thủy' }).first().click();
    await page.locator('#dis-held-on').click();
    await page.locator('#dis-held-on').fill('10/05/2016');
    await page.locator('#dis-held-on').press('Enter');
    // Tiên Thủy had three members on the roll that day: five present is refused beside the field.
    await page.locator('#dis-attended').fill('5');
    await page.getByTestId('dis-save').click();
    const error = page.locator('.ant-form-item', { has: page.locator('#dis-attended') }).locator('.ant-form-item-explain-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('vượt số đảng viên phải dự');
    await shot(page, '70-dissemination-error');
    await page.locator('#dis-attended').fill('3');
    await page.getByTestId('dis-save').click();
    await expect.poll(() => page.getByTestId('dis-sessions').locator('tbody tr.ant-table-row').count(), slow).toBe(1);
    expect(await page.getByTestId('dis-sessions').textContent()).toContain('3/3');
    const rows = page.getByTestId('dis-coverage').locator('tbody tr.ant-table-row');
    await expect.poll(async () => (await rows.allTextContents()).join(' | '), slow).toMatch(/Thành Triệu.*Chưa tổ chức.*\|.*Tiên Thủy.*Đã tổ chức/);
    await shot(page, '71-dissemination');
    expect(pageErrors).toEqual([]);
  });
});
