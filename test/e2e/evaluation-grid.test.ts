// Browser test of the keyboard rating grid: a small campaign (Đảng bộ xã Tiên Thủy, 2024) from the members'
// self-assessment typed by the cell secretary, through the committee's decisions — the 20 % cap breach
// appearing as it is typed and clearing when corrected — to the locked result. Screenshots: test-results/.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, SHOTS, startBrowserApp, type BrowserApp } from './harness.ts';

interface Row { subject: 'member' | 'organization'; id: number; name: string; selfLevel: string | null; proposedLevel: string | null; decidedLevel: string | null; locked: boolean }

describe.skipIf(!hasChromium)('keyboard rating grid in Chromium', () => {
  let h: BrowserApp;
  let campaignId = 0;
  const slow = { timeout: 15_000 };
  beforeAll(async () => { h = await startBrowserApp(); });
  afterAll(async () => h?.close());
  const unit = () => h.fixture.units['28861']!;
  async function rows(): Promise<Row[]> {
    const res = await h.app.inject({ method: 'GET', url: `/api/evaluation/campaigns/${campaignId}/units/${unit()}`, headers: { cookie: await h.cookieOf('staff831') } });
    return (res.json() as { rows: Row[] }).rows;
  }
  const cell = (page: Page, r: Row, field: string) => page.getByTestId(`grid-cell-${r.subject}-${r.id}-${field}`);
  /** Waits until every listed row shows "saved" (the grid saves each row on its own). */
  async function allSaved(page: Page, list: Row[]) {
    for (const r of list) await expect.poll(() => page.getByTestId(`grid-status-${r.subject}-${r.id}`).getByLabel('Đã lưu').count(), slow).toBe(1);
  }

  it('the cell secretary types the self-assessments and proposals with the keyboard, each row saved at once', async () => {
    const staff = await h.cookieOf('staff831');
    const c = await h.app.inject({ method: 'POST', url: '/api/evaluation/campaigns', headers: { cookie: staff }, payload: { year: 2024, rootUnitId: unit(), reviewDate: '2024-12-15' } });
    expect(c.statusCode).toBe(201);
    campaignId = c.json().id;
    const list = await rows();
    expect(list.map((r) => r.subject)).toEqual(['member', 'member', 'member', 'organization', 'organization', 'organization']);

    const page = await h.newPage();
    await h.login(page, 'secretary28861');
    await page.goto(`${h.base}/evaluation?campaign=${campaignId}&unitId=${unit()}&tab=grid`);
    const grid = page.getByTestId('rating-grid');
    await grid.waitFor();
    // The secretary does not decide: two columns only.
    expect(await grid.locator('thead th').allTextContents()).toEqual(['#', 'Đảng viên', 'Tự nhận mức', 'Chi bộ / cấp ủy đề xuất', '']);
    await cell(page, list[0]!, 'selfLevel').click();
    // Digits and initials both work; each level moves to the next row.
    for (const key of ['1', '2', 't', 'h', '2', '2']) await page.keyboard.press(key);
    await allSaved(page, list);
    expect(await cell(page, list[0]!, 'selfLevel').getAttribute('data-level')).toBe('excellent');
    // Right to the proposals, back up to the first row with the arrows, then Enter moves without rating.
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
    for (const key of ['2', 'Enter', '2', '2', '2', '2']) await page.keyboard.press(key);
    await expect.poll(async () => (await rows()).map((r) => `${r.selfLevel}/${r.proposedLevel}`), slow)
      .toEqual(['excellent/good', 'good/null', 'good/good', 'completed/good', 'good/good', 'good/good']);
    // Fills the one skipped with a click and a key; Delete clears, and the level comes back.
    await cell(page, list[1]!, 'proposedLevel').click();
    await page.keyboard.press('Delete');
    await page.keyboard.press('2');
    await expect.poll(async () => (await rows())[1]!.proposedLevel, slow).toBe('good');
    await page.screenshot({ path: path.join(SHOTS, '46-rating-grid-secretary.png'), fullPage: true });
  });

  it('the committee decides in the grid, sees the 20 % cap breach appear and clear as it types, and locks the result', async () => {
    const list = await rows();
    const page = await h.newPage();
    await h.login(page, 'staff831');
    await page.goto(`${h.base}/evaluation?campaign=${campaignId}&unitId=${unit()}&tab=grid`);
    await page.getByTestId('rating-grid').waitFor();
    await cell(page, list[0]!, 'decidedLevel').click();
    // One HTXSNV among three members: 20 % of 3 floored is 0.
    for (const key of ['x', '2', '2', '2', '2', '2']) await page.keyboard.press(key);
    await allSaved(page, list);
    await page.getByTestId('evaluation-violations').waitFor();
    expect(await page.getByTestId('evaluation-change').first().textContent()).toBe(`${list[0]!.name}: Hoàn thành xuất sắc nhiệm vụ → Hoàn thành tốt nhiệm vụ`);
    await expect.poll(() => page.getByTestId(`grid-row-member-${list[0]!.id}`).getAttribute('class'), slow).toBe('row-violation');
    await page.screenshot({ path: path.join(SHOTS, '47-rating-grid-breach.png'), fullPage: true });
    // Corrected from the keyboard: the checks clear without a reload of the page.
    await cell(page, list[0]!, 'decidedLevel').click();
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId('evaluation-status').getAttribute('data-ok'), slow).toBe('true');
    expect(await page.getByTestId('evaluation-violations').count()).toBe(0);

    await page.getByTestId('evaluation-decide').click();
    await expect.poll(() => page.getByTestId('rating-grid').getByLabel('Đã quyết định, không sửa được').count(), slow).toBe(6);
    expect((await rows()).every((r) => r.locked && r.decidedLevel === 'good')).toBe(true);
    // A key on a locked row changes nothing and says why.
    await cell(page, list[2]!, 'decidedLevel').click();
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId(`grid-status-member-${list[2]!.id}`).textContent(), slow).toContain('Đã quyết định');
    expect((await rows())[2]!.decidedLevel).toBe('good');
    await page.screenshot({ path: path.join(SHOTS, '48-rating-grid-locked.png'), fullPage: true });
  });

  it('staff open a weak unit\'s plan, add a task (refused without an owner), and see it overdue in the overview and the work queue', async () => {
    const staff = await h.cookieOf('staff831');
    const flag = await h.app.inject({ method: 'PUT', url: '/api/weak-units', headers: { cookie: staff }, payload: { unitId: h.fixture.units['28861.01'], year: 2024, categories: ['slow_change'], causes: 'Sinh hoạt chi bộ chưa đều' } });
    expect(flag.statusCode).toBe(200);
    const page = await h.newPage();
    await h.login(page, 'staff831');
    await page.goto(`${h.base}/reports/weak-units?unitId=${h.fixture.units['831']}&year=2024`);
    await page.getByTestId('weak-plan-28861.01').click();
    await page.waitForURL(/\/weak-units\/\d+$/);
    await page.getByTestId('task-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('task-measure').fill('Đổi mới nội dung sinh hoạt chi bộ');
    await dialog.locator('#deadline').click();
    await dialog.locator('#deadline').fill('31/03/2025');
    await dialog.locator('#deadline').press('Enter');
    await page.getByTestId('task-save').click();
    await expect.poll(() => page.getByTestId('task-error').textContent(), slow).toBe('Nhiệm vụ phải có người hoặc đơn vị chịu trách nhiệm thực hiện');
    await dialog.locator('#task-owner-unit').click();
    await dialog.locator('#task-owner-unit').fill('tien thuy 1');
    await page.locator('.ant-select-item-option', { hasText: 'Chi bộ ấp Tiên Thủy 1' }).first().click();
    await dialog.getByTestId('task-evidence').locator('input').fill('Nghị quyết chi bộ tháng 1');
    await dialog.getByTestId('task-evidence').locator('input').press('Enter');
    await page.getByTestId('task-save').click();
    await expect.poll(() => page.getByTestId('plan-tasks').locator('tbody tr.ant-table-row').count(), slow).toBe(1);
    const row = await page.getByTestId('plan-tasks').locator('tbody tr.ant-table-row').first().textContent();
    expect(row).toContain('Chi bộ ấp Tiên Thủy 1');
    expect(row).toMatch(/Quá hạn \d+ ngày/);
    expect(row).toContain('Nghị quyết chi bộ tháng 1');
    await page.screenshot({ path: path.join(SHOTS, '49-consolidation-plan.png'), fullPage: true });

    await page.goto(`${h.base}/reports/consolidation?unitId=${h.fixture.units['831']}&year=2024`);
    await expect.poll(() => page.getByTestId('consolidation-flagged').locator('.ant-statistic-content-value').textContent().catch(() => ''), slow).toBe('1');
    expect(await page.getByTestId('consolidation-tasksOverdue').locator('.ant-statistic-content-value').textContent()).toBe('1');
    expect(await page.getByTestId('consolidation-plans').textContent()).toContain('Chi bộ ấp Tiên Thủy 1');
    await page.screenshot({ path: path.join(SHOTS, '50-consolidation-overview.png'), fullPage: true });
    await page.goto(`${h.base}/`);
    await expect.poll(() => page.getByTestId('queue-follow-ups').textContent().catch(() => ''), slow).toContain('Củng cố Chi bộ ấp Tiên Thủy 1: Đổi mới nội dung sinh hoạt chi bộ');
    expect(await page.getByTestId('queue-follow-ups').textContent()).toContain('Nhiệm vụ củng cố');
  });

  it('had no errors in the browser console', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
