// The delegation's brief in Chromium (issue 10 §6): district staff pick the day and the starting day, read the
// paper with the figures of the separate reports (a weak cell and a cadre's request recorded just before),
// and download the PDF, whose Vietnamese text is the one on the screen.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, SHOTS, startBrowserApp, type BrowserApp } from './harness.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { WeakUnitService } from '../../src/commands/weak-units.ts';
import { ResignationService } from '../../src/commands/resignations.ts';

describe.skipIf(!hasChromium)('delegation brief in Chromium', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await startBrowserApp();
    const actor = await systemActor(b.database.db);
    const u = b.fixture.units;
    await new WeakUnitService(b.database.db, actor).save({ unitId: u['28861.01']!, year: 2016, categories: ['declining'], causes: 'Sinh hoạt chi bộ không đều', result: 'in_progress' });
    const resignations = new ResignationService(b.database.db, actor);
    for (const [name, on] of [['Nguyễn Văn Nghỉ', '2016-03-10'], ['Trần Thị Thôi', '2017-04-20'], ['Lê Văn Sau', '2017-06-01']] as const) {
      await resignations.create({ fullName: name, agency: 'UBND xã Tiên Thủy', position: 'Công chức địa chính', level: 'commune', unitId: u['28861']!, requestedOn: on, reason: 'income' });
    }
  }, 120_000);
  afterAll(async () => b?.close());

  it('shows the brief of a day as the paper it prints to, and downloads the same text as PDF', async () => {
    const page = await b.newPage();
    await b.login(page, 'staff831');
    await page.goto(`${b.base}/reports/brief?asOf=2017-05-05&since=2016-01-01`);
    const paper = page.getByTestId('brief-paper');
    await paper.waitFor({ timeout: 30_000 });
    await expect.poll(() => paper.textContent(), { timeout: 30_000 }).toContain('HUYỆN ỦY CHÂU THÀNH');
    const text = (await paper.textContent())!;
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('Châu Thành, ngày 05 tháng 5 năm 2017');
    // Two of the three requests fall in the window; the weak cell of 2016 is in the text and in the annex.
    expect(text).toContain('có 2 cán bộ, công chức, viên chức xin nghỉ việc');
    expect(text).toContain('Năm 2016 có 1 tổ chức đảng chuyển biến chậm, sa sút, mất đoàn kết nội bộ');
    expect(text).toContain('Chi bộ ấp Tiên Thủy 1');
    for (const heading of ['I. HỌC TẬP', 'II. TỔ CHỨC ĐẢNG CẦN CỦNG CỐ', 'VII. THỰC HIỆN Ý KIẾN CHỈ ĐẠO']) expect(text).toContain(heading);
    await expect.poll(() => page.getByTestId('brief-resignations').textContent()).toContain('2');
    await expect.poll(() => page.getByTestId('brief-weak').textContent()).toContain('1');

    // Moving the day past the third request counts it; the URL keeps the choice.
    await page.goto(`${b.base}/reports/brief?asOf=2017-06-30&since=2016-01-01`);
    await expect.poll(() => page.getByTestId('brief-paper').textContent(), { timeout: 30_000 }).toContain('có 3 cán bộ, công chức, viên chức xin nghỉ việc');
    await page.screenshot({ path: path.join(SHOTS, 'brief.png'), fullPage: true });

    const href = await page.getByTestId('brief-pdf').getAttribute('href');
    expect(href).toContain('format=pdf');
    const res = await page.request.get(`${b.base}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const { extractText, getDocumentProxy } = await import('unpdf');
    const pdfText = (await extractText(await getDocumentProxy(new Uint8Array(await res.body())), { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(pdfText).toContain('có 3 cán bộ, công chức, viên chức xin nghỉ việc');
    expect(pdfText).toContain('HUYỆN ỦY CHÂU THÀNH');
    const xlsx = await page.request.get(`${b.base}${await page.getByTestId('brief-xlsx').getAttribute('href')}`);
    expect(xlsx.status()).toBe(200);
    expect(b.pageErrors).toEqual([]);
  }, 120_000);
});
