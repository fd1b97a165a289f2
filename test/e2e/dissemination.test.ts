// Browser test of the dissemination tab: a district's staff record their commune's session of the
// province resolution (attendance above the roll of the day refused beside the field), then see it in the
// list and the coverage of their district. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullPageShot as shot, hasChromium, startBrowserApp, type BrowserApp } from './harness.ts';
import { DocumentRepository } from '../../src/db/repos/documents.ts';
import { systemActor } from '../../src/db/repos/users.ts';

describe.skipIf(!hasChromium)('dissemination in Chromium', () => {
  let b: BrowserApp;
  let base = '';
  let nqId = 0;
  // The machine may be busy: wait up to 15 s for the page to catch up (expect.poll waits 1 s by default).
  const slow = { timeout: 15_000 };

  beforeAll(async () => {
    b = await startBrowserApp();
    base = b.base;
    const nq = await new DocumentRepository(b.database.db, await systemActor(b.database.db)).create({
      number: '02-NQ/TU', issuingUnitId: b.fixture.units['83']!, issuedOn: '2016-04-15', coversFrom: '2016-01-01', coversTo: '2020-12-31',
      title: 'Nghị quyết về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng',
    });
    nqId = nq.id;
  });
  afterAll(async () => b?.close());


  it('district staff record a session by counts and see the coverage of their communes', async () => {
    const page = await b.newPage();
    await b.login(page, 'staff831');
    await page.goto(`${base}/documents/${nqId}?tab=dissemination`);
    await page.getByTestId('dissemination-tab').waitFor();
    await expect.poll(() => page.getByTestId('dis-coverage').locator('tbody tr.ant-table-row').count(), slow).toBe(2);
    expect((await page.getByTestId('dis-coverage').locator('tbody').allTextContents()).join(' ')).not.toContain('Đã tổ chức');
    await page.getByTestId('dis-open').click();
    await page.locator('#dis-unit').click();
    await page.locator('#dis-unit').fill('Tiên Thủy');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Đảng bộ xã Tiên Thủy' }).first().click();
    // Tiên Thủy had three members on the roll that day: five present is refused beside the field.
    await page.locator('#dis-attended').fill('5');
    await page.locator('#dis-held-on').click();
    await page.locator('#dis-held-on').fill('10/05/2016');
    await page.locator('#dis-held-on').press('Enter');
    await page.getByTestId('dis-save').click();
    const error = page.locator('.ant-form-item', { has: page.locator('#dis-attended') }).locator('.ant-form-item-explain-error');
    await expect.poll(async () => (await error.allTextContents()).join(' '), slow).toContain('vượt số đảng viên phải dự');
    await shot(page, '70-dissemination-error');
    await page.locator('#dis-attended').fill('3');
    await page.getByTestId('dis-save').click();
    await expect.poll(() => page.getByTestId('dis-sessions').locator('tbody tr.ant-table-row').count(), slow).toBe(1);
    expect(await page.getByTestId('dis-sessions').textContent()).toContain('3/3');
    const rows = page.getByTestId('dis-coverage').locator('tbody tr.ant-table-row');
    await expect.poll(async () => (await rows.allTextContents()).join(' | '), slow).toMatch(/Thành Triệu.*Chưa tổ chức.*\|.*Tiên Thủy.*Đã tổ chức/);
    await shot(page, '71-dissemination');
    expect(b.pageErrors).toEqual([]);
  });
});
