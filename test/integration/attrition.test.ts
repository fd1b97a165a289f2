// Attrition follow-up: counselling records and settlements counted by reason and outcome, equal to the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';

let t: TestApp;
let staff: string;
let batri: string;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.login('staff831');
  batri = await t.login('staff836');
});
afterAll(async () => t?.close());

const req = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, payload });
const URL = () => `/api/reports/attrition?unitId=${t.fixture.units['831']}&since=2026-01-01&until=2026-11-25`;

describe(`attrition report on ${backend}`, () => {
  it('counts settled and counselled cases by reason and outcome', async () => {
    const thuy = t.fixture.members['Nguyễn Thị Thủy']!;
    const thuy2 = t.fixture.members['Lê Văn Thuỷ']!;
    const c1 = await req(staff, 'POST', `/api/members/${thuy}/counselling`, { metOn: '2026-02-10', metBy: 'Võ Văn Tiên, Bí thư chi bộ', topic: 'asked_to_leave', outcome: 'persists' });
    expect(c1.statusCode, c1.body).toBe(201);
    const m = (await req(staff, 'GET', `/api/members/${thuy}`)).json();
    const leave = await req(staff, 'POST', `/api/members/${thuy}/events`, { kind: 'leave_on_request', effectiveDate: '2026-03-02', decisionNumber: '30-QĐ/HU', rowVersion: m.rowVersion });
    expect(leave.statusCode, leave.body).toBe(201);
    expect((await req(staff, 'POST', `/api/members/${thuy2}/counselling`, { metOn: '2026-04-01', metBy: 'Đảng ủy xã', topic: 'abandoned_activities', outcome: 'returned' })).statusCode).toBe(201);
    // A Ba Tri case is not Châu Thành's.
    const duc = t.fixture.members['Đặng Văn Đức']!;
    const dm = (await req(batri, 'GET', `/api/members/${duc}`)).json();
    expect((await req(batri, 'POST', `/api/members/${duc}/events`, { kind: 'leave_on_request', effectiveDate: '2026-03-05', decisionNumber: '31-QĐ/HU', rowVersion: dm.rowVersion })).statusCode).toBe(201);

    const report = (await req(staff, 'GET', URL())).json();
    expect(report.unit).toMatchObject({ code: '831' });
    expect(report.total).toBe(2);
    expect(report.byReason).toEqual({ abandoned_activities: 1, unpaid_dues: 0, asked_to_leave: 1 });
    expect(report.byOutcome).toEqual({ removed: 0, left: 1, returned: 1, pending: 0 });
    const left = report.people.find((p: { memberId: number }) => p.memberId === thuy);
    expect(left).toMatchObject({ outcome: 'left', settledOn: '2026-03-02', decisionNumber: '30-QĐ/HU', unitCode: '28861.01' });
    expect(left.counselling).toEqual([{ metOn: '2026-02-10', metBy: 'Võ Văn Tiên, Bí thư chi bộ', outcome: 'persists', note: null }]);
    // Every count equals a recount of the list.
    for (const key of ['reason', 'outcome'] as const) {
      const map = key === 'reason' ? report.byReason : report.byOutcome;
      for (const [k, n] of Object.entries(map)) expect(report.people.filter((p: Record<string, string>) => p[key] === k).length).toBe(n);
    }
  });

  it('exports the same report as a spreadsheet', async () => {
    const res = await req(staff, 'GET', URL() + '&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const list = book.getWorksheet('Danh sách')!;
    const names = list.getColumn(1).values.slice(2);
    expect(names).toEqual(expect.arrayContaining(['Nguyễn Thị Thủy', 'Lê Văn Thuỷ']));
    expect(list.rowCount).toBe(3);
  });

  it('refuses a period that ends before it starts, and a counselling record without who met', async () => {
    const bad = await req(staff, 'GET', `/api/reports/attrition?unitId=${t.fixture.units['831']}&since=2026-05-01&until=2026-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('until');
    const noOne = await req(staff, 'POST', `/api/members/${t.fixture.members['Trần Ngọc Tâm']}/counselling`, { metOn: '2026-02-10', metBy: '  ', topic: 'unpaid_dues', outcome: 'persists' });
    expect(noOne.statusCode).toBe(400);
    expect(noOne.json().fields[0].field).toBe('metBy');
  });
});
