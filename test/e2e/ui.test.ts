// Browser tests of the web UI: the real server (in-process, fixture database) driven by Chromium.
// Screenshots of each main screen go to test-results/ for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { openTestDatabase } from '../integration/helpers.ts';
import { INCREASES } from '../../src/domain/statistics/movements.ts';
import { todayIso } from '../../src/domain/dates.ts';
import { PASSWORD, seedFixture, seedUsers, type Fixture } from '../integration/fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-results');
const hasChromium = fs.existsSync(CHROMIUM);

if (!hasChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: the browser tests cannot run in CI without Chromium (apt-get install chromium)`);
}
if (!hasChromium) {
  console.warn(`[e2e] skipped: ${CHROMIUM} not found (install Debian's chromium to run the browser tests)`);
}

/** The local calendar day, YYYY-MM-DD (the server counts days the same way). */

/** `months` later (earlier when negative) on the same day of the month, the last day when the month is shorter; then `days`. */
function shiftIso(iso: string, months: number, days = 0): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last) + days)).toISOString().slice(0, 10);
}

const dmy = (iso: string) => iso.split('-').reverse().join('/');

describe.skipIf(!hasChromium)('web UI in Chromium', () => {
  let database: DatabaseHandle;
  let app: App;
  let fixture: Fixture;
  let browser: Browser;
  let base = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
      execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    database = await openTestDatabase();
    fixture = await seedFixture(database);
    await seedUsers(database, fixture);
    ({ app } = await buildServer({ database, loginRateLimit: 1000 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/favicon|401 \(Unauthorized\)|Failed to load resource/.test(msg.text())) pageErrors.push(msg.text());
    });
    return page;
  }

  /** A full-page screenshot, or with `viewport` what the user sees where the page is scrolled to. */
  async function shot(page: Page, name: string, viewport = false): Promise<void> {
    if (!viewport) await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300); // let antd animations settle
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: !viewport });
  }

  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('header-user').waitFor();
  }

  /** A session cookie for calls to the API from the test itself. */
  async function apiLogin(username: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.headers['set-cookie'];
    return (Array.isArray(cookie) ? cookie : [String(cookie)]).map((c) => c.split(';')[0]).join('; ');
  }

  it('shows an error on a wrong password', async () => {
    const page = await newPage();
    await page.goto(`${base}/members`);
    await page.waitForURL(/\/login\?next=%2Fmembers/);
    await page.getByLabel('Tên đăng nhập').fill('staff831');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/\S/);
    await shot(page, '01-login-error');
    // The right password goes on to the page first asked for.
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/members$/);
    await page.getByTestId('member-list').waitFor();
  });

  it('staff of Châu Thành browse the tree, find a member without diacritics, edit and see the history', async () => {
    const page = await newPage();
    await login(page, 'staff831');

    // Home: the scope unit with its totals.
    await expect.poll(() => page.getByTestId('scope-unit').textContent()).toBe('Đảng bộ huyện Châu Thành');
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Cán bộ tổ chức');
    await shot(page, '02-home');

    // Tree: Châu Thành is open; open Tiên Thủy and see its cells and member count.
    await page.getByRole('link', { name: 'Cơ cấu tổ chức', exact: true }).first().click();
    await page.waitForURL(/\/tree/);
    await page.getByTestId('tree-node-28861').waitFor();
    expect(await page.getByTestId('tree-count-831').textContent()).toBe('4 ĐV');
    expect(await page.getByTestId('tree-count-28861').textContent()).toBe('3 ĐV');
    await page.locator('.ant-tree-treenode', { has: page.getByTestId('tree-node-28861') }).locator('.ant-tree-switcher').click();
    await page.getByTestId('tree-node-28861.01').waitFor();
    expect(await page.getByTestId('tree-count-28861.01').textContent()).toBe('2 ĐV');
    await shot(page, '03-tree');

    // Unit search jumps to the unit page.
    await page.getByTestId('unit-search').fill('thanh trieu');
    await page.getByTestId('unit-search-option').first().click();
    await page.waitForURL(/\/units\/\d+/);
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Đảng bộ xã Thành Triệu');

    // Unit page of Tiên Thủy, from the tree.
    await page.goto(`${base}/units/${fixture.units['28861']}`);
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Đảng bộ xã Tiên Thủy');
    await page.getByTestId('children-table').getByText('Chi bộ ấp Tiên Thủy 1').waitFor();
    await shot(page, '04-unit');
    await page.getByRole('tab', { name: 'Đảng viên' }).click();
    await page.getByTestId('member-list').getByText('Lê Văn Thuỷ').waitFor();
    expect(page.url()).toContain('tab=members');
    await shot(page, '05-unit-members');
    await page.getByRole('tab', { name: 'Lịch sử' }).click();
    await page.getByTestId('unit-versions').getByText('01/01/2010').waitFor();
    await shot(page, '06-unit-history');

    // Member list: search without diacritics.
    await page.getByRole('link', { name: 'Đảng viên', exact: true }).first().click();
    await page.waitForURL(/\/members$/);
    await page.getByTestId('member-list').getByText('Nguyễn Thị Thủy').waitFor();
    await shot(page, '07-members');
    await page.getByTestId('member-search').locator('input').fill('tran ngoc tam');
    await page.getByTestId('member-search').locator('input').press('Enter');
    await page.waitForURL(/q=tran\+ngoc\+tam/);
    await expect.poll(() => page.getByTestId('member-list').locator('tbody tr.ant-table-row').count()).toBe(1);
    const row = page.getByTestId('member-list').getByRole('link', { name: 'Trần Ngọc Tâm' });
    await row.waitFor();
    // The filter survives a reload (it lives in the URL).
    await page.reload();
    await page.getByTestId('member-list').getByRole('link', { name: 'Trần Ngọc Tâm' }).waitFor();
    expect(await page.getByTestId('member-search').locator('input').inputValue()).toBe('tran ngoc tam');
    await shot(page, '08-members-search');

    // Profile.
    await page.getByTestId('member-list').getByRole('link', { name: 'Trần Ngọc Tâm' }).click();
    await page.waitForURL(/\/members\/\d+$/);
    await expect.poll(() => page.getByTestId('member-name').textContent()).toBe('Trần Ngọc Tâm');
    expect(await page.getByTestId('value-birthDate').textContent()).toContain('12/03/1970');
    expect(await page.getByTestId('member-cell').textContent()).toBe('Chi bộ ấp Tiên Thủy 1');
    await shot(page, '09-member');
    await page.getByRole('tab', { name: 'Quá trình sinh hoạt' }).click();
    await page.getByTestId('periods').getByText('Chi bộ ấp Tiên Thủy 1').waitFor();
    await shot(page, '10-member-periods');

    // Edit one field and save: only that field changes, and the history shows it with the user.
    await page.getByTestId('member-edit').click();
    await page.locator('#occupation').fill('Giáo viên');
    await shot(page, '11-member-edit', true);
    await page.getByTestId('member-save').click();
    await expect.poll(() => page.getByTestId('value-occupation').textContent()).toBe('Giáo viên');
    await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click();
    const change = page.getByTestId('audit-trail').getByTestId('change-occupation').first();
    await change.waitFor();
    expect(await change.textContent()).toContain('Nghề nghiệp');
    expect(await change.textContent()).toContain('Giáo viên');
    expect(await page.getByTestId('audit-trail').locator('tbody tr.ant-table-row').first().textContent()).toContain('staff831');
    await shot(page, '12-member-history');
  });

  it('shows the API field error in Vietnamese beside the field', async () => {
    const page = await newPage();
    await login(page, 'staff831');
    await page.goto(`${base}/members/${fixture.members['Trần Ngọc Tâm']}`);
    await page.getByTestId('member-edit').click();
    // 4th digit 1 = a woman born in the 1900s; Trần Ngọc Tâm is a man.
    await page.locator('#citizenId').fill('083170001234');
    await page.getByTestId('member-save').click();
    const error = page.getByTestId('field-citizenId').locator('.ant-form-item-explain-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('không khớp giới tính nam');
    await page.getByTestId('form-error').waitFor();
    await page.waitForTimeout(600); // the smooth scroll to the field
    await shot(page, '13-member-field-error', true);
    // Nothing was saved.
    await page.getByRole('button', { name: 'Hủy' }).click();
    expect(await page.getByTestId('value-citizenId').textContent()).toBe('083070001234');
  });

  it('keeps the input and offers a reload on a conflict', async () => {
    const page = await newPage();
    await login(page, 'staff831');
    const id = fixture.members['Nguyễn Thị Thủy']!;
    await page.goto(`${base}/members/${id}`);
    await page.getByTestId('member-edit').click();
    await page.locator('#phone').fill('0912 345 678');
    // Someone else saves first.
    const other = await newPage();
    await login(other, 'secretary28861');
    const current = await other.evaluate(async (mid) => (await fetch(`/api/members/${mid}`)).json(), id) as { rowVersion: number };
    const res = await other.evaluate(async ([mid, rv]) => (await fetch(`/api/members/${mid}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ occupation: 'Nông dân', rowVersion: rv }) })).status, [id, current.rowVersion] as const);
    expect(res).toBe(200);
    await page.getByTestId('member-save').click();
    await page.getByTestId('conflict-alert').waitFor();
    expect(await page.locator('#phone').inputValue()).toBe('0912 345 678');
    await page.waitForTimeout(600);
    await shot(page, '14-member-conflict', true);
    await page.getByTestId('conflict-reload').click();
    await expect.poll(() => page.locator('#occupation').inputValue()).toBe('Nông dân');
    expect(await page.locator('#phone').inputValue()).toBe('0912 345 678');
    await page.getByTestId('member-save').click();
    await expect.poll(() => page.getByTestId('value-phone').textContent()).toBe('0912 345 678');
    expect(await page.getByTestId('value-occupation').textContent()).toBe('Nông dân');
  });

  it('staff establish a cell, rename it from a date with a decision, and see the tree of a past date', async () => {
    const page = await newPage();
    await login(page, 'staff831');
    await page.goto(`${base}/units/${fixture.units['28834']}`);
    await page.getByTestId('unit-add-child').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#code').fill('28834.01'); // taken by Chi bộ ấp Thành Triệu
    await dialog.locator('#name').fill('Chi bộ ấp Thành Triệu B');
    await dialog.locator('#effectiveDate').click();
    await dialog.locator('#effectiveDate').fill('01/01/2020');
    await dialog.locator('#effectiveDate').press('Enter');
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    const codeError = dialog.locator('.ant-form-item', { has: page.locator('#code') }).locator('.ant-form-item-explain-error');
    await codeError.waitFor();
    expect(await codeError.textContent()).toContain('Chi bộ ấp Thành Triệu');
    await shot(page, '18-unit-add-error', true);
    await dialog.locator('#code').fill('28834.02');
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    await page.getByTestId('children-table').getByRole('link', { name: 'Chi bộ ấp Thành Triệu B' }).click();
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Chi bộ ấp Thành Triệu B');

    await page.getByTestId('unit-change').click();
    const change = page.getByRole('dialog');
    await change.locator('#name').fill('Chi bộ ấp Thành Triệu Bắc');
    await change.locator('#decision').fill('15-QĐ/ĐU');
    await change.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Chi bộ ấp Thành Triệu Bắc');
    await page.getByRole('tab', { name: 'Lịch sử' }).click();
    const versions = page.getByTestId('unit-versions').locator('tbody tr.ant-table-row');
    await expect.poll(() => versions.count()).toBe(2);
    expect(await versions.nth(0).textContent()).toContain('Chi bộ ấp Thành Triệu B');
    expect(await versions.nth(0).textContent()).toContain('01/01/2020');
    expect(await versions.nth(1).textContent()).toContain('15-QĐ/ĐU');
    await shot(page, '19-unit-versions');

    // The tree of 1/6/2015: the new cell did not exist yet.
    await page.goto(`${base}/tree`);
    await page.getByTestId('tree-node-28834').waitFor();
    await page.locator('.ant-tree-treenode', { has: page.getByTestId('tree-node-28834') }).locator('.ant-tree-switcher').click();
    await page.getByTestId('tree-node-28834.02').waitFor();
    const picker = page.locator('#tree-asof');
    await picker.click();
    await picker.fill('01/06/2015');
    await picker.press('Enter');
    await page.waitForURL(/asOf=2015-06-01/);
    await page.getByText('Đang xem cơ cấu tại ngày 01/06/2015').waitFor();
    await page.locator('[data-testid="tree-container"][data-as-of="2015-06-01"]').waitFor();
    await page.getByTestId('tree-node-28834.01').waitFor();
    expect(await page.getByTestId('tree-node-28834.02').count()).toBe(0);
    expect(await page.getByTestId('tree-count-28861').textContent()).toBe('3 ĐV');
    await shot(page, '20-tree-past');
  });

  // Skipped: PATCH /api/units/:id with a new parentId answers 500 ("invalid positions": the re-rooting
  // UPDATE in src/db/repos/units.ts calls subpath(path, nlevel(old path)) also on the moved unit itself,
  // whose path has exactly that many labels). Enable once the API moves units.
  it('staff move a unit under another committee', async () => {
    const page = await newPage();
    await login(page, 'staff831');
    await page.goto(`${base}/tree`);
    await page.getByTestId('unit-search').fill('thanh trieu bac');
    await page.getByTestId('unit-search-option').first().click();
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Chi bộ ấp Thành Triệu Bắc');
    await page.getByRole('tab', { name: 'Lịch sử' }).click();
    // Move it under Tiên Thủy: the breadcrumb follows.
    await page.getByTestId('unit-change').click();
    const move = page.getByRole('dialog');
    await move.locator('#parentId').click();
    await move.locator('#parentId').fill('tien thuy');
    await page.locator('.ant-select-item-option', { hasText: 'Đảng bộ xã Tiên Thủy' }).click();
    await move.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.locator('.page-breadcrumb').textContent()).toContain('Đảng bộ xã Tiên Thủy');
    await page.getByTestId('unit-versions').getByRole('link', { name: 'Đảng bộ xã Tiên Thủy' }).waitFor();

  });

  it('staff of Ba Tri do not see Châu Thành or its members', async () => {
    const page = await newPage();
    await login(page, 'staff836');
    await expect.poll(() => page.getByTestId('scope-unit').textContent()).toBe('Đảng bộ huyện Ba Tri');
    await page.goto(`${base}/members`);
    await page.getByTestId('member-list').getByText('Đặng Văn Đức').waitFor();
    const names = await page.getByTestId('member-list').locator('tbody tr.ant-table-row td:nth-child(2)').allTextContents();
    expect(names.sort()).toEqual(['Võ Thị Ánh', 'Đặng Văn Đức'].sort());
    await page.getByTestId('member-search').locator('input').fill('tran ngoc tam');
    await page.getByTestId('member-search').locator('input').press('Enter');
    await page.getByText('Không có đảng viên nào khớp điều kiện tìm kiếm').waitFor();
    await shot(page, '15-scope-empty-search');
    // A direct link to a member of Châu Thành finds nothing.
    await page.goto(`${base}/members/${fixture.members['Trần Ngọc Tâm']}`);
    await page.getByText('Không tìm thấy').first().waitFor();
    await page.goto(`${base}/tree`);
    await page.getByTestId('tree-node-836').waitFor();
    expect(await page.getByTestId('tree-node-831').count()).toBe(0);
  });

  it('admins manage users; the language switch is kept', async () => {
    const page = await newPage();
    await login(page, 'admin83');
    await page.getByRole('link', { name: 'Người dùng', exact: true }).first().click();
    await page.waitForURL(/\/users$/);
    await page.getByRole('cell', { name: 'secretary28861', exact: true }).waitFor();
    await page.getByTestId('user-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#username').fill('canbo28861');
    await dialog.locator('#fullName').fill('Huỳnh Văn Minh');
    await dialog.locator('#password').fill('mat-khau-dai-du');
    await dialog.locator('#role').click();
    await page.locator('.ant-select-item-option', { hasText: 'Bí thư chi bộ' }).click();
    await dialog.locator('#scopeUnitId').click();
    await dialog.locator('#scopeUnitId').fill('tien thuy');
    await page.locator('.ant-select-item-option', { hasText: 'Đảng bộ xã Tiên Thủy' }).click();
    await shot(page, '16-user-create', true);
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    await page.getByRole('cell', { name: 'Huỳnh Văn Minh', exact: true }).waitFor();
    await shot(page, '16-users');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByRole('link', { name: 'Members', exact: true }).first().waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Members', exact: true }).first().click();
    await page.getByText('Full name').first().waitFor();
    await shot(page, '17-members-en');
    await page.getByTestId('lang-switch').getByText('VI').click();
    await page.getByRole('link', { name: 'Đảng viên', exact: true }).first().waitFor();
  });

  it('staff recognize a probationary member as official, the party rules checked live, and void a mistaken decision', async () => {
    // Setup through the API: a probationary member whose admission ceremony was exactly 13 months ago.
    const today = todayIso();
    const admission = shiftIso(today, -13);
    const due = shiftIso(admission, 12); // the end of the 12 months of probation (Điều lệ Đảng, Điều 5)
    const dayEarly = shiftIso(due, 0, -1);
    const staff = await apiLogin('staff831');
    const created = await app.inject({
      method: 'POST', url: '/api/members', headers: { cookie: staff },
      payload: {
        fullName: 'Huỳnh Thị Mai', sex: 'female', birthDate: '1996-08-15', citizenId: '083196000777', birthProvinceCode: '83',
        status: 'probationary', admissionDate: admission, unitId: fixture.units['28861.01'],
      },
    });
    expect(created.statusCode).toBe(201);
    const memberId = (created.json() as { id: number }).id;
    const eventsOf = async () => (await app.inject({ method: 'GET', url: `/api/members/${memberId}/events`, headers: { cookie: staff } })).json() as Array<{ kind: string; voidedBy: number | null }>;

    const page = await newPage();
    await login(page, 'staff831');
    await page.goto(`${base}/members/${memberId}`);
    await expect.poll(() => page.getByTestId('member-name').textContent()).toBe('Huỳnh Thị Mai');
    const headerStatus = page.locator('.page-header [data-status]');
    expect(await headerStatus.textContent()).toBe('Dự bị');

    // Thao tác lists what a probationary member allows.
    await page.getByTestId('member-actions').click();
    const recognize = page.getByRole('menuitem', { name: 'Công nhận chính thức', exact: true });
    await recognize.waitFor();
    expect(await page.getByRole('menuitem', { name: 'Miễn công tác và sinh hoạt' }).count()).toBe(0);
    await shot(page, '21-member-actions', true);
    await recognize.click();
    const dialog = page.getByTestId('event-dialog');
    await dialog.getByTestId('event-dialog-title').waitFor();
    expect(await dialog.getByTestId('event-dialog-title').textContent()).toBe('Công nhận đảng viên chính thức');
    expect(await dialog.locator('#decisionNumber').getAttribute('placeholder')).toBe('123-QĐ/HU');
    const checks = dialog.getByTestId('rule-checks');
    const submit = dialog.getByTestId('event-submit');

    // One day short of 12 months: Điều 5 refuses, and the decision cannot be submitted.
    await dialog.locator('#effectiveDate').click();
    await dialog.locator('#effectiveDate').fill(dmy(dayEarly));
    await dialog.locator('#effectiveDate').press('Enter');
    await dialog.locator('#decisionNumber').fill('45-QĐ/HU');
    const ruleError = checks.getByTestId('rule-error').first();
    await ruleError.waitFor();
    expect(await ruleError.textContent()).toContain('Điều 5');
    expect(await ruleError.textContent()).toContain(dmy(due));
    expect(await submit.isDisabled()).toBe(true);
    await shot(page, '22-event-rule-error', true);

    // Exactly 12 months: valid, and official afterwards.
    await dialog.locator('#effectiveDate').click();
    await dialog.locator('#effectiveDate').fill(dmy(due));
    await dialog.locator('#effectiveDate').press('Enter');
    await dialog.locator('#issuedBy').fill('Ban Thường vụ Huyện ủy Châu Thành');
    await expect.poll(() => checks.getByTestId('rule-ok').textContent().catch(() => '')).toBe('Hợp lệ — trạng thái sau: Chính thức');
    expect(await checks.getByTestId('rule-error').count()).toBe(0);
    expect(await submit.isDisabled()).toBe(false);
    await shot(page, '23-event-valid', true);

    // A double click records once (one request key per opening of the dialog).
    await submit.dblclick();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => headerStatus.textContent()).toBe('Chính thức');
    expect(page.url()).toContain('tab=events');
    const timeline = page.getByTestId('events');
    const recognition = timeline.locator('[data-testid="event-item"][data-kind="recognition"]');
    await recognition.waitFor();
    expect(await recognition.textContent()).toContain('Công nhận đảng viên chính thức');
    expect(await recognition.textContent()).toContain('Quyết định số 45-QĐ/HU của Ban Thường vụ Huyện ủy Châu Thành');
    expect(await recognition.textContent()).toContain('Ghi bởi staff831');
    expect(await timeline.textContent()).toContain(dmy(due));
    expect(await eventsOf()).toHaveLength(1);
    await shot(page, '24-member-events');
    await page.getByRole('tab', { name: 'Quá trình sinh hoạt' }).click();
    await page.getByTestId('periods').getByText('Chính thức').waitFor();

    // The recognition was entered by mistake: void it. Meanwhile someone edits the profile (409), the user reloads.
    await page.getByTestId('member-actions').click();
    await page.getByRole('menuitem', { name: 'Hủy một quyết định đã ghi' }).click();
    const voidDialog = page.getByTestId('event-dialog');
    await voidDialog.locator('#voidsEventId').click();
    await page.locator('.ant-select-item-option', { hasText: '45-QĐ/HU' }).click();
    await voidDialog.locator('#effectiveDate').click();
    await voidDialog.locator('#effectiveDate').fill(dmy(today));
    await voidDialog.locator('#effectiveDate').press('Enter');
    await voidDialog.locator('#note').fill('Nhập nhầm: chi bộ chưa họp xét');
    await expect.poll(() => voidDialog.getByTestId('rule-ok').textContent().catch(() => '')).toBe('Hợp lệ — trạng thái sau: Dự bị');
    const current = (await app.inject({ method: 'GET', url: `/api/members/${memberId}`, headers: { cookie: staff } })).json() as { rowVersion: number };
    const edited = await app.inject({ method: 'PATCH', url: `/api/members/${memberId}`, headers: { cookie: staff }, payload: { occupation: 'Giáo viên', rowVersion: current.rowVersion } });
    expect(edited.statusCode).toBe(200);
    await voidDialog.getByTestId('event-submit').click();
    await voidDialog.getByTestId('event-conflict').waitFor();
    expect(await voidDialog.locator('#note').inputValue()).toBe('Nhập nhầm: chi bộ chưa họp xét');
    await shot(page, '25-event-conflict', true);
    await voidDialog.getByTestId('event-conflict-reload').click();
    await voidDialog.getByTestId('event-conflict').waitFor({ state: 'detached' });
    await expect.poll(() => voidDialog.getByTestId('rule-ok').textContent().catch(() => '')).toBe('Hợp lệ — trạng thái sau: Dự bị');
    await voidDialog.getByTestId('event-submit').click();
    await voidDialog.waitFor({ state: 'detached' });
    await expect.poll(() => headerStatus.textContent()).toBe('Dự bị');
    const voided = timeline.locator('[data-testid="event-item"][data-kind="recognition"]');
    await expect.poll(() => voided.getAttribute('data-voided')).toBe('true');
    expect(await voided.getByTestId('event-voided-tag').textContent()).toBe('Đã hủy');
    expect(await voided.textContent()).toContain('Bị hủy ngày');
    expect(await voided.locator('.event-kind').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    expect(await timeline.locator('[data-testid="event-item"][data-kind="void"]').textContent()).toContain('Nhập nhầm');
    const events = await eventsOf();
    expect(events.map((e) => e.kind)).toEqual(['recognition', 'void']);
    await shot(page, '26-member-events-voided');
    await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click();
    await page.getByTestId('audit-trail').getByText('Ghi quyết định').first().waitFor();
    await shot(page, '27-member-history-events');
  });

  it('staff see the work queues, record a cell meeting with an absence, and open the attrition report', async () => {
    const today = todayIso();
    const staff = await apiLogin('staff831');
    const cellId = fixture.units['28861.01']!;
    // A probationary member whose 12 months end in 10 days, and a counselled member.
    const created = await app.inject({
      method: 'POST', url: '/api/members', headers: { cookie: staff },
      payload: {
        fullName: 'Trương Văn Bình', sex: 'male', birthDate: '1994-02-10', citizenId: '083094000888', birthProvinceCode: '83',
        status: 'probationary', admissionDate: shiftIso(today, -12, 10), unitId: cellId,
      },
    });
    expect(created.statusCode).toBe(201);
    const binhId = (created.json() as { id: number }).id;
    const thuyId = fixture.members['Nguyễn Thị Thủy']!;
    const counselled = await app.inject({
      method: 'POST', url: `/api/members/${thuyId}/counselling`, headers: { cookie: staff },
      payload: { metOn: today, metBy: 'Trần Ngọc Tâm', topic: 'abandoned_activities', outcome: 'persists', note: 'Hứa sẽ đi họp lại' },
    });
    expect(counselled.statusCode).toBe(201);

    // Home: "Việc cần làm"; the row opens the member with the recognition dialog ready.
    const page = await newPage();
    await login(page, 'staff831');
    const probation = page.getByTestId('queue-probation');
    const binhRow = probation.getByTestId('queue-row').filter({ hasText: 'Trương Văn Bình' });
    await binhRow.waitFor();
    expect(await binhRow.textContent()).toContain('Còn 10 ngày');
    await shot(page, '30-home-queues');
    await binhRow.getByTestId('queue-link').click();
    await page.waitForURL(new RegExp(`/members/${binhId}`));
    const dialog = page.getByTestId('event-dialog');
    await expect.poll(() => dialog.getByTestId('event-dialog-title').textContent().catch(() => '')).toBe('Công nhận đảng viên chính thức');
    expect(page.url()).not.toContain('action=');
    await shot(page, '31-queue-opens-dialog', true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The cell's meetings: a past month, everyone present but one absent without a reason.
    const month = shiftIso(today, -1).slice(0, 7);
    const heldOn = `${month}-15`;
    await page.goto(`${base}/units/${cellId}`);
    await page.getByRole('tab', { name: 'Sinh hoạt chi bộ' }).click();
    await page.getByTestId('cell-meetings').waitFor();
    if (month.slice(0, 4) !== today.slice(0, 4)) {
      await page.locator('#meeting-year').click();
      await page.locator('.ant-select-item-option', { hasText: month.slice(0, 4) }).click();
    }
    await page.getByTestId(`meeting-month-${month}`).click();
    const editor = page.getByTestId('meeting-editor');
    await editor.waitFor();
    const table = editor.getByTestId('meeting-table');
    const thuy = table.locator('tr', { hasText: 'Nguyễn Thị Thủy' });
    await thuy.waitFor();
    await editor.getByTestId('meeting-all-present').click();
    await thuy.getByLabel('Có mặt: Nguyễn Thị Thủy').click();
    expect(await thuy.getByLabel('Có mặt: Nguyễn Thị Thủy').isChecked()).toBe(false);
    expect(await thuy.getByLabel('Lý do vắng: Nguyễn Thị Thủy').isDisabled()).toBe(false);
    expect(await table.locator('tr', { hasText: 'Trần Ngọc Tâm' }).getByLabel('Lý do vắng: Trần Ngọc Tâm').isDisabled()).toBe(true);
    await page.locator('#meeting-heldOn').click();
    await page.locator('#meeting-heldOn').fill(dmy(heldOn));
    await page.locator('#meeting-heldOn').press('Enter');
    await page.locator('#meeting-note').fill('Sinh hoạt thường kỳ');
    // "Lý do chính đáng" without a reason: the API's error shows on the row.
    await thuy.getByLabel('Lý do chính đáng: Nguyễn Thị Thủy').click();
    await editor.getByTestId('meeting-save').click();
    await thuy.getByTestId('row-error').waitFor();
    expect(await thuy.getByTestId('row-error').textContent()).toBe('Vắng có lý do chính đáng thì phải ghi lý do');
    await table.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, '32-meeting-row-error', true);
    await thuy.getByLabel('Lý do chính đáng: Nguyễn Thị Thủy').click();
    await editor.getByTestId('meeting-save').click();
    await editor.getByTestId('meeting-recorded').waitFor();
    await expect.poll(() => page.getByTestId(`meeting-month-${month}`).getAttribute('data-held')).toBe('true');

    // Kept after a reload.
    await page.reload();
    const thuyAgain = page.getByTestId('meeting-table').locator('tr', { hasText: 'Nguyễn Thị Thủy' });
    await thuyAgain.waitFor();
    expect(await thuyAgain.getByLabel('Có mặt: Nguyễn Thị Thủy').isChecked()).toBe(false);
    expect(await page.getByTestId('meeting-table').locator('tr', { hasText: 'Trần Ngọc Tâm' }).getByLabel('Có mặt: Trần Ngọc Tâm').isChecked()).toBe(true);
    expect(await page.locator('#meeting-heldOn').inputValue()).toBe(dmy(heldOn));
    expect(await page.getByTestId(`meeting-month-${month}`).textContent()).toContain('Vắng 1');
    await page.getByTestId('meeting-table').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, '33-meeting-saved', true);
    const saved = (await app.inject({ method: 'GET', url: `/api/units/${cellId}/meetings/${month}`, headers: { cookie: staff } })).json() as { heldOn: string; rows: Array<{ memberId: number; attended: boolean | null; absenceReason: string | null }> };
    expect(saved.heldOn).toBe(heldOn);
    expect(saved.rows.find((r) => r.memberId === thuyId)).toMatchObject({ attended: false, absenceReason: null });

    // The attrition report of Châu Thành: totals by reason and outcome, the counselled member, the spreadsheet link.
    await page.getByTestId('nav-attrition').click();
    await page.waitForURL(/\/reports\/attrition/);
    await expect.poll(() => page.getByTestId('attrition-total').locator('.ant-statistic-content').textContent().catch(() => '')).toBe('1');
    expect(await page.getByTestId('attrition-reason-abandoned_activities').locator('.ant-statistic-content').textContent()).toBe('1');
    expect(await page.getByTestId('attrition-outcome-pending').locator('.ant-statistic-content').textContent()).toBe('1');
    const person = page.getByTestId('attrition-people').locator('tr', { hasText: 'Nguyễn Thị Thủy' });
    expect(await person.textContent()).toContain('Đang giải quyết');
    await person.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('attrition-counselling').waitFor();
    expect(await page.getByTestId('attrition-counselling').textContent()).toContain('Hứa sẽ đi họp lại');
    const href = await page.getByTestId('attrition-xlsx').getAttribute('href');
    expect(href).toContain('format=xlsx');
    const xlsx = await app.inject({ method: 'GET', url: href!, headers: { cookie: staff } });
    expect(xlsx.statusCode).toBe(200);
    await shot(page, '34-attrition');

    // The member page lists the counselling.
    await page.goto(`${base}/members/${thuyId}`);
    await page.getByTestId('counselling-table').getByText('Hứa sẽ đi họp lại').waitFor();
    await page.getByTestId('counselling').scrollIntoViewIfNeeded();
    await shot(page, '35-member-counselling', true);
  });

  it('a district user reads the statistics of any date, drills down and back up, and sees D = A + B − C', async () => {
    const staff = await apiLogin('staff831');
    const api = async <T,>(url: string): Promise<T> => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: staff } });
      expect(res.statusCode, url).toBe(200);
      return res.json() as T;
    };
    type Counts = { total: number; children: Array<{ unitId: number; code: string; total: number }> };
    const district = fixture.units['831']!;
    const commune = fixture.units['28861']!;
    const today = todayIso();
    // Read as people read it: Vietnamese thousands separators.
    const num = (s: string | null) => Number((s ?? '').replace(/\./g, '').trim());
    const shownTotal = () => page.getByTestId('stats-total').locator('.ant-statistic-content-value').textContent().catch(() => '');

    // A member admitted two months ago in Tiên Thủy 2: on the roll from that day on.
    const admittedOn = shiftIso(today, -2);
    const created = await app.inject({
      method: 'POST', url: '/api/members', headers: { cookie: staff },
      payload: {
        fullName: 'Huỳnh Thị Kim Ngân', sex: 'female', birthDate: '1998-04-02', citizenId: '083198000777', birthProvinceCode: '83',
        status: 'probationary', admissionDate: admittedOn, unitId: fixture.units['28861.02']!,
      },
    });
    expect(created.statusCode).toBe(201);
    const nganId = (created.json() as { id: number }).id;

    const page = await newPage();
    await login(page, 'staff831');
    await page.getByTestId('nav-statistics').click();
    // The defaults are written into the URL: a link copied today still shows today's numbers tomorrow.
    await page.waitForURL((u) => u.pathname === '/statistics' && u.searchParams.get('unit') === String(district) && u.searchParams.get('asOf') === today);
    const districtNow = await api<Counts>(`/api/reports/members?unitId=${district}&asOf=${today}`);
    expect(districtNow.total).toBeGreaterThan(0);
    await expect.poll(shownTotal).toBe(String(districtNow.total));
    expect(await page.getByTestId('age-basis').textContent()).toMatch(/năm báo cáo trừ năm sinh/);
    expect(await page.locator('#stats-asof').inputValue()).toBe(dmy(today));
    // The age chart counts everyone once.
    const ages = await page.getByTestId('bd-age').getByTestId('bar-count').allTextContents();
    expect(ages.reduce((a, x) => a + num(x), 0)).toBe(districtNow.total);
    await shot(page, '40-statistics');

    // Drill down into Tiên Thủy: the page of that unit at the same date, the URL says which.
    const child = districtNow.children.find((c) => c.code === '28861')!;
    expect(child.unitId).toBe(commune);
    expect(num(await page.getByTestId('child-row-28861').getByTestId('child-total').textContent())).toBe(child.total);
    await page.getByTestId('child-row-28861').click();
    await page.waitForURL(new RegExp(`[?&]unit=${commune}`));
    await expect.poll(shownTotal).toBe(String(child.total));
    await page.getByTestId('child-row-28861.01').waitFor();

    // The day before her admission: one fewer, and the number of that day.
    const before = shiftIso(admittedOn, 0, -1);
    const communeBefore = await api<Counts>(`/api/reports/members?unitId=${commune}&asOf=${before}`);
    expect(communeBefore.total).toBe(child.total - 1);
    await page.locator('#stats-asof').click();
    await page.locator('#stats-asof').fill(dmy(before));
    await page.locator('#stats-asof').press('Enter');
    await page.waitForURL(new RegExp(`asOf=${before}`));
    await expect.poll(shownTotal).toBe(String(communeBefore.total));
    expect(await page.locator('.page-subtitle').textContent()).toContain(dmy(before));
    // The link reproduces the view.
    await page.reload();
    await expect.poll(shownTotal).toBe(String(communeBefore.total));
    expect(await page.locator('#stats-asof').inputValue()).toBe(dmy(before));
    await shot(page, '41-statistics-past-date');

    // The breadcrumb goes back up to the district, the date kept.
    await page.locator('.page-breadcrumb').getByRole('link', { name: 'Đảng bộ huyện Châu Thành' }).click();
    await page.waitForURL((u) => u.searchParams.get('unit') === String(district) && u.searchParams.get('asOf') === before);
    const districtBefore = await api<Counts>(`/api/reports/members?unitId=${district}&asOf=${before}`);
    await expect.poll(shownTotal).toBe(String(districtBefore.total));

    // Tăng, giảm over the last six months: the form's identity in the table, the numbers of the API, the people behind a row.
    await page.getByRole('tab', { name: 'Tăng, giảm' }).click();
    await page.getByTestId('mv-table').waitFor();
    await page.getByRole('button', { name: '6 tháng gần đây' }).click();
    const from = shiftIso(today, -6, 1);
    await page.waitForURL((u) => u.searchParams.get('from') === from && u.searchParams.get('tab') === 'movements');
    const moves = await api<{ opening: number; totalIncrease: number; totalDecrease: number; closing: number; people: Array<{ memberId: number; kind: string }> }>(
      `/api/reports/movements?unitId=${district}&from=${from}&to=${today}`);
    expect(moves.people.some((p) => p.memberId === nganId)).toBe(true);
    const cell = async (row: string) => num(await page.getByTestId(`mv-row-${row}`).getByTestId('mv-current').textContent());
    await expect.poll(() => cell('B')).toBe(moves.totalIncrease);
    const [a, b, c, d] = [await cell('A'), await cell('B'), await cell('C'), await cell('D')];
    expect(b).toBeGreaterThan(0);
    expect(d).toBe(a + b - c);
    expect([a, b, c, d]).toEqual([moves.opening, moves.totalIncrease, moves.totalDecrease, moves.closing]);
    await page.getByTestId('mv-row-B').click();
    await page.waitForURL(/row=B/);
    const people = page.getByTestId('mv-people');
    await expect.poll(() => people.locator('tbody tr.ant-table-row').count()).toBe(moves.people.filter((p) => (INCREASES as readonly string[]).includes(p.kind)).length);
    const ngan = people.getByRole('link', { name: 'Huỳnh Thị Kim Ngân' });
    expect(await ngan.getAttribute('href')).toBe(`/members/${nganId}`);
    expect(await page.getByTestId('stats-xlsx').getAttribute('href')).toContain('/api/reports/movements?');
    const csv = await app.inject({ method: 'GET', url: (await page.getByTestId('stats-csv').getAttribute('href'))!, headers: { cookie: staff } });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('D. Đảng viên trong danh sách cuối kỳ báo cáo');
    await shot(page, '42-statistics-movements');
  });

  it('walks a candidate through the admission ceremony, with the rules checked live, and opens the new member', async () => {
    const staff = await apiLogin('staff831');
    const call = async (url: string, payload: object) => {
      const res = await app.inject({ method: 'POST', url, headers: { cookie: staff }, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as { id: number; rowVersion: number; candidate: { rowVersion: number } };
    };
    const created = await call('/api/candidates', {
      fullName: 'Lâm Thị Ngọc Hân', sex: 'female', birthDate: '2001-09-02', source: 'trade_union', sourceOrganization: 'Công đoàn Công ty TNHH May Giao Long',
      workplace: 'Công ty TNHH May Giao Long (KCN Giao Long)', unitId: fixture.units['28861.01'], identifiedOn: '2025-08-01',
    });
    const [tam, thuy] = [fixture.members['Trần Ngọc Tâm']!, fixture.members['Nguyễn Thị Thủy']!];
    let version = created.rowVersion;
    for (const stage of [
      { stage: 'course', date: '2025-09-05', documentNumber: 'GCN 0991', issuedBy: 'Trung tâm chính trị huyện Châu Thành' },
      { stage: 'application', date: '2025-10-01' },
      { stage: 'history_verified', date: '2025-10-20' },
      { stage: 'sponsored', date: '2025-11-03', sponsors: [{ memberId: tam, since: '2024-01-01' }, { memberId: thuy, since: '2024-03-01' }] },
      { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 2 },
      { stage: 'decision', date: '2025-12-10', documentNumber: '21-QĐ/ĐU', issuedBy: 'Đảng ủy xã Tiên Thủy', decisionReceivedDate: '2025-12-12' },
    ]) {
      version = (await call(`/api/candidates/${created.id}/stages`, { ...stage, rowVersion: version })).candidate.rowVersion;
    }

    const page = await newPage();
    await login(page, 'staff831');
    await page.getByTestId('nav-candidates').click();
    await page.waitForURL(/\/candidates/);
    await page.getByTestId('candidate-search').locator('input').fill('ngoc han');
    const row = page.getByTestId('candidate-list').locator('tr', { hasText: 'Lâm Thị Ngọc Hân' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Quyết định kết nạp');
    await shot(page, '40-candidates');
    await row.getByRole('link', { name: 'Lâm Thị Ngọc Hân' }).click();
    // Under CI's load (both database suites run beside the browser) the record's chunk and rule checks
    // can take longer than the default poll: wait for the navigation, then for the record.
    await page.waitForURL(/\/candidates\/\d+/, { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('candidate-name').textContent(), { timeout: 30_000 }).toBe('Lâm Thị Ngọc Hân');
    expect(await page.getByTestId('candidate-stages').locator('[data-testid="stage-item"]').count()).toBe(7);
    await shot(page, '41-candidate');

    await page.getByTestId('record-ceremony').click();
    const dialog = page.getByTestId('stage-dialog');
    await dialog.getByTestId('stage-dialog-title').waitFor();
    const checks = dialog.getByTestId('rule-checks');
    const submit = dialog.getByTestId('stage-submit');
    // 12/12/2025 + 30 working days = 23/01/2026: a ceremony on 26/01/2026 needs the superior committee's agreement.
    await dialog.locator('#date').click();
    await dialog.locator('#date').fill('26/01/2026');
    await dialog.locator('#date').press('Enter');
    const ruleError = checks.getByTestId('rule-error').first();
    await ruleError.waitFor();
    expect(await ruleError.textContent()).toContain('Quy định 294-QĐ/TW, §4.1');
    expect(await ruleError.textContent()).toContain('23/01/2026');
    expect(await submit.isDisabled()).toBe(true);
    await shot(page, '42-ceremony-late', true);

    await dialog.locator('#date').click();
    await dialog.locator('#date').fill('05/01/2026');
    await dialog.locator('#date').press('Enter');
    await expect.poll(() => checks.getByTestId('rule-ok').textContent().catch(() => '')).toBe('Hợp lệ theo quy định tại ngày 05/01/2026');
    await submit.dblclick();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('candidate-admitted').waitFor();
    expect(await page.getByTestId('candidate-admitted').textContent()).toContain('05/01/2026');
    await shot(page, '43-candidate-admitted');
    const stages = (await app.inject({ method: 'GET', url: `/api/candidates/${created.id}`, headers: { cookie: staff } })).json() as { stages: Array<{ stage: string }> };
    expect(stages.stages.filter((s) => s.stage === 'ceremony')).toHaveLength(1);

    await page.getByTestId('candidate-member-link').click();
    await page.waitForURL(/\/members\/\d+/);
    await expect.poll(() => page.getByTestId('member-name').textContent()).toBe('Lâm Thị Ngọc Hân');
    expect(await page.locator('.page-header [data-status]').textContent()).toBe('Dự bị');
    await shot(page, '44-admitted-member');

    // The plan of the year for Châu Thành: set the admission target from the candidates page.
    await page.getByTestId('nav-candidates').click();
    await page.getByTestId('recruitment-funnel').locator('tbody tr.ant-table-row').first().waitFor();
    await page.locator('input[data-testid="recruitment-target-input"], [data-testid="recruitment-target-input"] input').first().fill('25');
    await page.getByTestId('recruitment').getByRole('button', { name: 'Đặt chỉ tiêu' }).click();
    await expect.poll(() => page.getByTestId('recruitment-target').locator('.ant-statistic-content').textContent()).toBe('25');
    await shot(page, '45-recruitment');
  });

  it('staff rate a grassroots organization, see what breaks the 20 % cap, fix it, decide, and read the results and weak units', async () => {
    const staff = await apiLogin('staff831');
    const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, headers: { cookie: staff }, payload });
    const unit = fixture.units['28861']!;
    const campaign = (await inject('POST', '/api/evaluation/campaigns', { year: 2024, rootUnitId: fixture.units['831'], reviewDate: '2024-12-15' })).json() as { id: number };
    const roster = (await inject('GET', `/api/evaluation/campaigns/${campaign.id}/units/${unit}`)).json() as { rows: Array<{ subject: string; id: number; name: string; notEvaluated: string | null }> };
    // The committee's draft: one HTXSNV among a handful of HTTNV, which 20 % (floored) does not allow.
    const ratings = roster.rows.filter((r) => !r.notEvaluated).map((r) => ({ subject: r.subject, id: r.id, decidedLevel: r.name === 'Trần Ngọc Tâm' ? 'excellent' : 'good' }));
    expect((await inject('PUT', `/api/evaluation/campaigns/${campaign.id}/units/${unit}/ratings`, { ratings })).statusCode).toBe(200);

    const page = await newPage();
    await login(page, 'staff831');
    await page.getByTestId('nav-evaluation').click();
    await page.waitForURL(/\/evaluation/);
    await page.goto(`${base}/evaluation?campaign=${campaign.id}&unitId=${unit}`);
    const violations = page.getByTestId('evaluation-violations');
    await violations.waitFor();
    expect(await violations.textContent()).toContain('Quy định 124-QĐ/TW');
    expect(await page.getByTestId('evaluation-change').first().textContent()).toBe('Trần Ngọc Tâm: Hoàn thành xuất sắc nhiệm vụ → Hoàn thành tốt nhiệm vụ');
    await shot(page, '40-evaluation-violations');
    // Deciding now is refused with the rating to change.
    await page.getByTestId('evaluation-decide').click();
    await page.getByTestId('evaluation-refused').waitFor();
    expect(await page.getByTestId('evaluation-refused').textContent()).toContain('Trần Ngọc Tâm');
    await page.getByTestId('evaluation-apply').click();
    await page.getByTestId('evaluation-save').click();
    await expect.poll(() => page.getByTestId('evaluation-status').getAttribute('data-ok')).toBe('true');
    expect(await violations.count()).toBe(0);
    await page.getByTestId('evaluation-decide').click();
    await page.getByTestId('evaluation-reopen').waitFor();
    await expect.poll(() => page.getByTestId('evaluation-members').locator('.anticon-lock').count()).toBe(ratings.filter((r) => r.subject === 'member').length);
    await shot(page, '41-evaluation-decided');

    // Results of Châu Thành for 2024.
    await page.getByTestId('nav-results').click();
    await page.goto(`${base}/reports/evaluation?unitId=${fixture.units['831']}&year=2024`);
    await expect.poll(() => page.getByTestId('results-member-good').textContent().catch(() => '')).toBe(String(ratings.filter((r) => r.subject === 'member').length));
    expect(await page.getByTestId('results-member-excellent').textContent()).toBe('0');
    await shot(page, '42-evaluation-results');

    // Weak units: one cell flagged for 2024 with a plan, counted under cells of grassroots committees.
    expect((await inject('PUT', '/api/weak-units', { unitId: fixture.units['28861.02'], year: 2024, categories: ['slow_change'], measures: 'Phân công cấp ủy viên dự sinh hoạt', responsible: 'Đồng chí Bí thư', deadline: '2025-06-30' })).statusCode).toBe(200);
    await page.goto(`${base}/reports/weak-units?unitId=${fixture.units['831']}&year=2024`);
    await expect.poll(() => page.getByTestId('weak-total').locator('.ant-statistic-content').textContent().catch(() => '')).toBe('1');
    expect(await page.getByTestId('weak-kind-cell_of_grassroots_committee').locator('.ant-statistic-content').textContent()).toBe('1');
    expect(await page.getByTestId('weak-units').textContent()).toContain('Chuyển biến chậm');
    await shot(page, '43-weak-units');
  });

  it('staff merge a commune into another with a preview first, and see the record with its note', async () => {
    const page = await newPage();
    await login(page, 'staff831');
    await page.goto(`${base}/units/${fixture.units['28834']}`);
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Đảng bộ xã Thành Triệu');
    await page.getByTestId('unit-restructure').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#restructure-target').click();
    await dialog.locator('#restructure-target').fill('tien thuy');
    await page.locator('.ant-select-item-option', { hasText: 'Đảng bộ xã Tiên Thủy' }).click();
    // A malformed decision number comes back from the server beside its field.
    await page.getByTestId('restructure-decision').fill('số 130');
    await page.getByTestId('restructure-preview').click();
    await dialog.getByText('Số quyết định phải có dạng số-LOẠI/CƠ QUAN').waitFor();
    await page.getByTestId('restructure-decision').fill('130-QĐ/HU');
    await page.getByTestId('restructure-note').fill('Giả định: các chi bộ ấp giữ nguyên tên');
    await page.getByTestId('restructure-preview').click();
    const preview = page.getByTestId('restructure-preview-result');
    await preview.getByText('Đảng bộ xã Thành Triệu (28834)').waitFor();
    await preview.getByText(/Chi bộ ấp Thành Triệu \(28834\.01\) → Đảng bộ xã Tiên Thủy/).waitFor();
    const withUnits = Number(await page.getByTestId('preview-members-with-units').textContent());
    expect(withUnits).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('preview-members').textContent()).toBe('0');
    await shot(page, '40-restructure-preview', true);
    // Nothing is stored until confirmed.
    const staff = await apiLogin('staff831');
    const before = await app.inject({ method: 'GET', url: `/api/restructurings?unitId=${fixture.units['28834']}`, headers: { cookie: staff } });
    expect(before.json()).toEqual([]);
    await page.getByTestId('restructure-confirm').click();
    await page.getByTestId('restructurings').getByText('Giả định: các chi bộ ấp giữ nguyên tên').waitFor();
    await page.getByText('Ngày giải thể').first().waitFor();
    await shot(page, '41-restructure-record');
    // The cells now sit under Tiên Thủy, with their members.
    await page.getByTestId('restructurings').getByRole('link', { name: 'Đảng bộ xã Tiên Thủy' }).first().click();
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Đảng bộ xã Tiên Thủy');
    await page.getByTestId('children-table').getByRole('link', { name: 'Chi bộ ấp Thành Triệu', exact: true }).waitFor();
    const check = await app.inject({ method: 'GET', url: `/api/units/resolve?code=28834`, headers: { cookie: staff } });
    expect(check.statusCode).toBe(404);
    expect(check.json().message).toContain('Mã này thuộc: Đảng bộ xã Thành Triệu');
  });

  it('had no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
