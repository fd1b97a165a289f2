// The history section of the unit page in Chromium (issue 8): after a dated merge applied from a change file,
// the receiving unit lists its predecessor with the resolution, and the absorbed one its successor with the
// note that says the successor is an assumption.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { openTestDatabase } from '../integration/helpers.ts';
import { PASSWORD, seedFixture, seedUsers, type Fixture } from '../integration/fixtures.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { applyChanges, CHANGE_COLUMNS, parseChanges } from '../../src/commands/apply-changes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

describe.skipIf(!hasChromium)('unit history section in Chromium', () => {
  let database: DatabaseHandle;
  let app: App;
  let fixture: Fixture;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
    database = await openTestDatabase();
    fixture = await seedFixture(database);
    await seedUsers(database, fixture);
    const rows = parseChanges([CHANGE_COLUMNS.join(','), '2024-12-01,1237/NQ-UBTVQH15,merge,28834,Thành Triệu,xã,831,,,,,no receiver in the sources'].join('\n'));
    await applyChanges(database.db, await systemActor(database.db), rows, {
      assume: new Map([['28834', { receiverCode: '28861', note: 'Giả định: nguồn không nêu đơn vị nhận xã Thành Triệu.' }]]),
    });
    ({ app } = await buildServer({ database, loginRateLimit: 1000 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('lists predecessors and successors with the resolution and the assumption', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(`${base}/units/${fixture.units['28861']}?tab=history`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Tên đăng nhập').fill('staff831');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const predecessors = page.getByTestId('lineage-predecessors');
    await predecessors.waitFor();
    expect(await predecessors.textContent()).toContain('Đảng bộ xã Thành Triệu');
    expect(await predecessors.textContent()).toContain('1237/NQ-UBTVQH15');
    expect(await predecessors.textContent()).toContain('01/12/2024');
    // The predecessor's page: ended, its successor, and the note that the successor is assumed.
    expect(await predecessors.getByRole('link', { name: 'Đảng bộ xã Thành Triệu' }).getAttribute('href')).toBe(`/units/${fixture.units['28834']}`);
    await page.goto(`${base}/units/${fixture.units['28834']}?tab=history`);
    const successors = page.getByTestId('lineage-successors');
    await successors.waitFor();
    expect(await successors.textContent()).toContain('Đảng bộ xã Tiên Thủy');
    expect(await page.getByTestId('lineage-note').first().textContent()).toContain('Giả định');
    expect(await page.getByTestId('unit-lineage').textContent()).toContain('Kết thúc ngày 01/12/2024');
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'unit-lineage.png'), fullPage: true }).catch(() => undefined);
    expect(errors).toEqual([]);
    await context.close();
  });
});
