// Browser test of issue 9 seen unit by unit, on the demo's 02-NQ/TU and its plans: a commune's session
// recorded by list (an absence without a reason refused on the member's row, then saved and read back), the
// commune committee's breakthrough of the year with two measures and its plan, and the commune's page
// listing the documents it must implement with its plan and sessions. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullPageShot as shot, hasChromium, startBrowserApp, type BrowserApp } from './harness.ts';
import { loadDocumentsDemo } from '../../src/demo/documents.ts';

describe.skipIf(!hasChromium)('dissemination unit by unit in Chromium', () => {
  let b: BrowserApp;
  let nqId = 0;
  // The machine may be busy: wait up to 15 s for the page to catch up (expect.poll waits 1 s by default).
  const slow = { timeout: 15_000 };
  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).allTextContents()).join(' | ');

  beforeAll(async () => {
    b = await startBrowserApp();
    await loadDocumentsDemo(b.database.db, 2017);
    nqId = (await b.database.db.selectFrom('document').select('id').where('number_text', '=', '02-NQ/TU').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => b?.close());


  it('records a session by list with one member absent and a reason, and shows its figures and attendance', async () => {
    const page = await b.newPage();
    await b.login(page, 'staff831');
    await page.goto(`${b.base}/documents/${nqId}?tab=dissemination`);
    await page.getByTestId('dissemination-tab').waitFor();
    await page.getByTestId('dis-open').click();
    await page.locator('#dis-unit').click();
    await page.locator('#dis-unit').fill('Tiên Thủy');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Đảng bộ xã Tiên Thủy' }).first().click();
    await page.locator('#dis-held-on').click();
    await page.locator('#dis-held-on').fill('10/05/2016');
    await page.locator('#dis-held-on').press('Enter');
    await page.locator('.ant-radio-button-wrapper', { hasText: 'Theo danh sách' }).click();
    // The roll of Tiên Thủy on 10/05/2016: three members, all present to begin with.
    const roll = page.getByTestId('dis-roll').locator('tbody tr.ant-table-row');
    await expect.poll(() => roll.count(), slow).toBe(3);
    expect(await text(page, 'dis-roll-summary')).toContain('10/05/2016: 3/3 có mặt');
    await page.getByLabel('Có mặt: Nguyễn Thị Thủy', { exact: true }).uncheck();
    expect(await text(page, 'dis-roll-summary')).toContain('2/3 có mặt');
    // No reason: the API refuses attendance.i.absenceReason, shown on that member's row.
    await page.getByTestId('dis-save').click();
    const row = roll.filter({ hasText: 'Nguyễn Thị Thủy' });
    await expect.poll(async () => (await row.getByTestId('dis-row-error').allTextContents()).join(' '), slow).toContain('Cần lý do vắng mặt');
    expect(await page.getByTestId('dis-row-error').count()).toBe(1);
    await shot(page, '72-dissemination-list-error');
    await page.getByLabel('Lý do vắng: Nguyễn Thị Thủy', { exact: true }).fill('Đi công tác tỉnh Long An');
    await page.getByTestId('dis-save').click();
    const sessions = page.getByTestId('dis-sessions').locator('tbody tr.ant-table-row');
    await expect.poll(() => sessions.count(), slow).toBe(1);
    const first = await sessions.first().textContent();
    expect(first).toContain('10/05/2016');
    expect(first).toContain('2/3');
    expect(first).toContain('Nguyễn Thị Thủy (Đi công tác tỉnh Long An)');
    expect(first).toContain('Theo danh sách');
    await page.getByTestId('dis-view-attendance').click();
    const list = page.getByTestId('dis-att-list').locator('tbody tr.ant-table-row');
    await expect.poll(() => list.count(), slow).toBe(3);
    expect(await list.first().textContent()).toMatch(/Nguyễn Thị Thủy.*Vắng mặt.*Đi công tác tỉnh Long An/);
    expect(await text(page, 'dis-att-summary')).toContain('2/3');
    await shot(page, '73-dissemination-attendance');
    expect(b.pageErrors).toEqual([]);
  });

  it("lets the commune choose the year's breakthrough with two measures and its plan", async () => {
    const page = await b.newPage();
    await b.login(page, 'secretary28861');
    await page.goto(`${b.base}/units/${b.fixture.units['28861']}?tab=breakthroughs`);
    await page.getByTestId('bt-panel').waitFor();
    await page.getByTestId('bt-open').click();
    await page.locator('#bt-year').fill('2017');
    await page.locator('.ant-modal .ant-radio-button-wrapper', { hasText: 'Đoàn kết' }).click();
    await page.locator('#bt-measures').fill('Giải quyết dứt điểm đơn thư ở ấp Tiên Thủy 2\nMỗi quý cấp ủy đối thoại với đảng viên');
    await page.locator('#bt-plan').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '05-KH/ĐU' }).first().click();
    await shot(page, '74-breakthrough-dialog');
    await page.getByTestId('bt-save').click();
    const year = page.getByTestId('bt-year');
    await expect.poll(() => year.count(), slow).toBe(1);
    const shown = await year.first().textContent();
    expect(shown).toContain('Năm 2017');
    expect(shown).toContain('Đoàn kết');
    expect(shown).toContain('05-KH/ĐU');
    expect(await year.first().locator('li').allTextContents()).toEqual(['Giải quyết dứt điểm đơn thư ở ấp Tiên Thủy 2', 'Mỗi quý cấp ủy đối thoại với đảng viên']);
    await shot(page, '75-breakthroughs');
    expect(b.pageErrors).toEqual([]);
  });

  it("shows on the commune's page the documents it must implement with its plan and sessions", async () => {
    const page = await b.newPage();
    await b.login(page, 'secretary28861');
    await page.goto(`${b.base}/units/${b.fixture.units['28861']}?tab=documents`);
    await page.getByTestId('unit-documents').waitFor();
    await page.locator('#todo-as-of').click();
    await page.locator('#todo-as-of').fill('05/05/2017');
    await page.locator('#todo-as-of').press('Enter');
    const rows = page.getByTestId('todo-table').locator('tbody tr.ant-table-row');
    await expect.poll(async () => (await rows.allTextContents()).join(' | '), slow).toContain('05-NQ/TU');
    const all = await rows.allTextContents();
    // A row begins with its document's number (a plan's title names the resolution too).
    const nq = all.find((r) => r.startsWith('02-NQ/TU'))!;
    expect(nq).toMatch(/Đảng bộ tỉnh Bến Tre.*15\/06\/2016.*05-KH\/ĐU.*Đã ban hành.*Đã tổ chức.*1 hội nghị, 2\/3 lượt dự/);
    expect(all.find((r) => r.startsWith('15-KH/HU'))).toMatch(/Đảng bộ huyện Châu Thành.*05-KH\/ĐU/);
    // The previous term's resolution: no plan recorded, overdue, term ended.
    expect(all.find((r) => r.startsWith('05-NQ/TU'))).toMatch(/Hết thời kỳ.*Chưa có kế hoạch.*Quá hạn.*Chưa tổ chức/);
    await shot(page, '76-unit-documents');
    expect(b.pageErrors).toEqual([]);
  });
});
