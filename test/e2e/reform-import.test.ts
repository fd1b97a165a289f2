// The reform import dialog in Chromium: a file with a bad line is shown line by line and cannot be applied;
// the good file is previewed with its steps and applied, and the records appear on the unit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { createUser, systemActor } from '../../src/db/repos/users.ts';
import { openTestDatabase } from '../integration/helpers.ts';
import { PASSWORD, type Fixture } from '../integration/fixtures.ts';
import { REFORM_ROWS, reformCsv, seedReformFixture } from '../integration/reform-fixture.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-results');

describe.skipIf(!fs.existsSync(CHROMIUM))('reform import dialog in Chromium', () => {
  let database: DatabaseHandle;
  let app: App;
  let fixture: Fixture;
  let browser: Browser;
  let base = '';
  let dir = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(SHOTS, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-reform-ui-'));
    database = await openTestDatabase();
    fixture = await seedReformFixture(database);
    await createUser(database.db, await systemActor(database.db), { username: 'admintw', fullName: 'Quản trị Trung ương', password: PASSWORD, role: 'admin', scopeUnitId: fixture.units['TW']! });
    ({ app } = await buildServer({ database, loginRateLimit: 1000 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the problems by line, then previews and applies the good file', { timeout: 120_000 }, async () => {
    const bad = path.join(dir, 'bad.csv');
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(bad, reformCsv([...REFORM_ROWS, '28899,Không Có,831,83,28861,Tiên Thuỷ,86']));
    fs.writeFileSync(good, reformCsv());
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Tên đăng nhập').fill('admintw');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${base}/units/${fixture.units['83']}?tab=restructurings`);
    await page.getByTestId('reform-open').click();

    await page.getByTestId('reform-file').setInputFiles(bad);
    await page.getByTestId('reform-preview').click();
    const result = page.getByTestId('reform-preview-result');
    await result.waitFor();
    expect(await page.getByTestId('reform-status').textContent()).toContain('1 lỗi ở 1 dòng');
    const problems = await page.getByTestId('reform-problems').textContent();
    expect(problems).toContain('10');
    expect(problems).toContain('Không có đơn vị mã 28899');
    expect(await page.getByTestId('reform-apply').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, '60-reform-import-errors.png') });

    await page.getByTestId('reform-back').click();
    await page.getByTestId('reform-file').setInputFiles(good);
    await page.getByTestId('reform-decision').fill('1687/NQ-UBTVQH15');
    await page.getByTestId('reform-preview').click();
    await expect.poll(() => page.getByTestId('reform-status').textContent()).toContain('Không có lỗi');
    const steps = await page.getByTestId('reform-steps').textContent();
    expect(steps).toContain('Đảng bộ xã Tiên Thuỷ');
    expect(steps).toContain('Đảng bộ tỉnh Vĩnh Long');
    await page.screenshot({ path: path.join(SHOTS, '61-reform-import-preview.png') });
    await page.getByTestId('reform-apply').click();
    await expect.poll(() => page.getByTestId('restructurings').textContent()).toContain('1687/NQ-UBTVQH15');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
