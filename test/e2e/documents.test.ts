// Browser test of party documents: a district's staff find the province's resolution, adopt their
// implementation plan (a wrong number refused in Vietnamese beside the field), report progress, follow up
// the units below and draft a review. Screenshots go to test-results/.
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

describe.skipIf(!hasChromium)('party documents in Chromium', () => {
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

  it('district staff adopt a plan for the province resolution, report progress, follow up the communes and draft a review', async () => {
    const page = await newPage();
    await login(page, 'staff831');
    await page.getByTestId('nav-documents').click();
    await page.getByTestId('doc-search').locator('input').fill('nang cao nang luc');
    await page.getByTestId('doc-search').locator('input').press('Enter');
    await page.waitForURL(/q=nang/);
    await expect.poll(() => page.getByTestId('doc-list').locator('tbody tr.ant-table-row').count(), slow).toBe(1);
    await shot(page, '40-documents');
    await page.getByTestId('doc-link').filter({ hasText: '02-NQ/TU' }).click();
    await expect.poll(() => page.getByTestId('doc-heading').textContent(), slow).toBe('Nghị quyết số 02-NQ/TU');
    await expect.poll(() => page.getByTestId('doc-tasks').locator('tbody tr.ant-table-row').count(), slow).toBe(2);

    // The plan: tasks come linked to the resolution's; a malformed number is refused beside the field.
    await page.getByTestId('doc-create-plan').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('doc-task-row').count(), slow).toBe(2);
    await dialog.locator('#number').fill('15-KQ/HU');
    await dialog.locator('#issuedOn').click();
    await dialog.locator('#issuedOn').fill('20/05/2016');
    await dialog.locator('#issuedOn').press('Enter');
    await dialog.getByTestId('doc-save').click();
    const numberError = dialog.locator('.ant-form-item', { has: page.locator('#number') }).locator('.ant-form-item-explain-error');
    await numberError.waitFor();
    expect(await numberError.textContent()).toContain('Loại văn bản "KQ" không hợp lệ');
    await shot(page, '41-plan-number-error');
    await dialog.locator('#number').fill('15-KH/HU');
    await dialog.getByTestId('doc-save').click();
    await expect.poll(() => page.getByTestId('doc-heading').textContent(), slow).toBe('Kế hoạch số 15-KH/HU');
    const taskRows = page.getByTestId('doc-tasks').locator('tbody tr.ant-table-row');
    await expect.poll(() => taskRows.count(), slow).toBe(2);
    expect(await taskRows.nth(1).textContent()).toContain('2. Phát triển đảng viên');
    await shot(page, '42-plan');

    // A progress report for the first quarter of 2017.
    await page.getByRole('tab', { name: 'Báo cáo tiến độ' }).click();
    const form = page.getByTestId('report-form');
    await form.locator('#taskId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await form.locator('#period').click();
    await form.locator('#period').fill('2017-Q1');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2017-Q1' }).first().click();
    await form.locator('#body').fill('100% chi bộ sinh hoạt định kỳ; 12 chi bộ sinh hoạt chuyên đề.');
    await page.getByTestId('report-save').click();
    await expect.poll(() => page.getByTestId('report-table').locator('tbody tr.ant-table-row').count(), slow).toBe(1);
    expect(await page.getByTestId('report-table').textContent()).toContain('12 chi bộ sinh hoạt chuyên đề');
    await shot(page, '43-plan-progress');

    // Back to the resolution: the follow-up of the units below, to two levels, as of 05/05/2017.
    await page.goto(`${base}/documents/${nqId}?tab=follow-up&period=2017-Q1&asOf=2017-05-05&depth=2`);
    const rows = page.getByTestId('fu-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), slow).toBe(3);
    expect(await rows.nth(0).textContent()).toContain('Đảng bộ huyện Châu Thành');
    expect(await rows.nth(0).textContent()).toContain('15-KH/HU');
    expect(await rows.nth(0).getByTestId('fu-plan').textContent()).toBe('Đã ban hành');
    expect(await rows.nth(1).getByTestId('fu-plan').textContent()).toBe('Chưa ban hành, quá hạn');
    expect(await page.getByTestId('fu-totals').textContent()).toContain('3 đơn vị · 1 đã ban hành kế hoạch');
    expect(await page.getByTestId('fu-totals').textContent()).toContain('10/04/2017');
    await page.getByTestId('fu-filter').getByText('Chưa có kế hoạch').click();
    await expect.poll(() => rows.count(), slow).toBe(2);
    await shot(page, '44-follow-up');

    // The indicator "members admitted" is computed, never typed.
    await page.getByRole('tab', { name: 'Chỉ tiêu' }).click();
    await expect.poll(() => page.getByTestId('ind-table').locator('tbody tr.ant-table-row').count(), slow).toBe(2);
    expect(await page.getByTestId('ind-table').textContent()).toContain('Tính từ dữ liệu');

    // A mid-term review draft gathered from the reports.
    await page.getByRole('tab', { name: 'Sơ kết, tổng kết' }).click();
    await page.getByTestId('review-generate').click();
    const draft = page.getByTestId('review-draft').first();
    await draft.waitFor();
    expect(await draft.textContent()).toContain('DỰ THẢO BÁO CÁO SƠ KẾT');
    expect(await draft.textContent()).toContain('12 chi bộ sinh hoạt chuyên đề');
    await shot(page, '45-review-draft');
  });

  it('had no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
