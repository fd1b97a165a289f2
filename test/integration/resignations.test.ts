// The register of cadres who ask to quit, through the API: a request, counselling, an outcome; bad input
// is refused naming the field and stores nothing; the report counts equal a recount of its list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';

let t: TestApp;
let staff: string;
let batri: string;
let inspector: string;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.login('staff831');
  batri = await t.login('staff836');
  inspector = await t.login('inspector831');
});
afterAll(async () => t?.close());

const req = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, payload });
const count = async () => Number((await t.handle.db.selectFrom('resignation_request').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const meetings = async () => Number((await t.handle.db.selectFrom('resignation_counselling').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const base = () => ({
  fullName: 'Phạm Thị Hồng', agency: 'Ủy ban nhân dân xã Tiên Thủy', position: 'Công chức Địa chính - Xây dựng', level: 'commune',
  unitId: t.fixture.units['28861']!, requestedOn: '2026-03-02', reason: 'income',
});

describe(`resignation register on ${backend}`, () => {
  it('records a request, its counselling and its outcome, and the report counts them', async () => {
    const created = await req(staff, 'POST', '/api/resignations', { ...base(), memberId: t.fixture.members['Nguyễn Thị Thủy'] });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ fullName: 'Phạm Thị Hồng', unitCode: '28861', outcome: null, rowVersion: 1 });
    const c = await req(staff, 'POST', `/api/resignations/${r.id}/counselling`, { metOn: '2026-03-10', metBy: 'Phó Bí thư Thường trực Đảng ủy xã', outcomeNote: 'Xin thêm thời gian suy nghĩ' });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().counselling).toHaveLength(1);
    const done = await req(staff, 'PATCH', `/api/resignations/${r.id}`, { outcome: 'stayed', outcomeOn: '2026-03-20', outcomeNote: 'Ở lại', rowVersion: 1 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ outcome: 'stayed', outcomeOn: '2026-03-20', rowVersion: 2 });
    // A stale version is a conflict.
    expect((await req(staff, 'PATCH', `/api/resignations/${r.id}`, { outcomeNote: 'x', rowVersion: 1 })).statusCode).toBe(409);
    // Two more in Châu Thành (one pending, one at district level) and one in Ba Tri.
    expect((await req(staff, 'POST', '/api/resignations', { ...base(), fullName: 'Lê Văn Nam', reason: 'family', requestedOn: '2026-04-01' })).statusCode).toBe(201);
    expect((await req(staff, 'POST', '/api/resignations', { ...base(), fullName: 'Võ Minh Trí', level: 'district', agency: 'Phòng Nội vụ huyện Châu Thành', unitId: t.fixture.units['831'], reason: 'moving', requestedOn: '2025-12-31', outcome: 'resigned', outcomeOn: '2026-01-15' })).statusCode).toBe(201);
    expect((await req(batri, 'POST', '/api/resignations', { ...base(), fullName: 'Đặng Văn Đức', unitId: t.fixture.units['29161'], agency: 'Ủy ban nhân dân xã An Hiệp' })).statusCode).toBe(201);

    const report = (await req(staff, 'GET', `/api/reports/resignations?unitId=${t.fixture.units['831']}&since=2026-01-01&until=2026-11-25`)).json();
    expect(report.total).toBe(2);
    expect(report.byReason).toEqual({ income: 1, family: 1, moving: 0, health: 0, other: 0 });
    expect(report.byOutcome).toEqual({ stayed: 1, resigned: 0, moved: 0, pending: 1 });
    expect(report.members).toBe(1);
    expect(report.counselled).toBe(1);
    // An outcome after `until` is still pending on `until`.
    const early = (await req(staff, 'GET', `/api/reports/resignations?unitId=${t.fixture.units['831']}&since=2026-01-01&until=2026-03-15`)).json();
    expect(early.byOutcome).toMatchObject({ stayed: 0, pending: 1 });
    expect(early.people[0].counselling).toHaveLength(1);
    // The recount: every bucket equals the list.
    const all = (await req(staff, 'GET', `/api/reports/resignations?unitId=${t.fixture.units['831']}&since=2020-01-01&until=2026-11-25`)).json();
    expect(all.total).toBe(3);
    for (const [key, map] of [['reason', all.byReason], ['outcome', all.byOutcome], ['level', all.byLevel]] as const) {
      for (const [k, n] of Object.entries(map)) expect(all.people.filter((p: Record<string, string>) => p[key] === k).length).toBe(n);
    }
    // Ba Tri's staff see only their own; the list endpoint agrees with the report.
    expect((await req(batri, 'GET', '/api/resignations')).json().total).toBe(1);
    expect((await req(staff, 'GET', `/api/resignations?since=2026-01-01&outcome=pending`)).json().items.map((x: { fullName: string }) => x.fullName)).toEqual(['Lê Văn Nam']);
  });

  it('refuses an outcome dated before the request, naming the field, and stores nothing', async () => {
    const before = await count();
    const res = await req(staff, 'POST', '/api/resignations', { ...base(), outcome: 'resigned', outcomeOn: '2026-03-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([expect.objectContaining({ field: 'outcomeOn', code: 'before_request' })]);
    expect(res.json().fields[0].message).toContain('không được trước ngày làm đơn');
    // The same day is allowed (the boundary).
    const same = await req(staff, 'POST', '/api/resignations', { ...base(), outcome: 'resigned', outcomeOn: '2026-03-02' });
    expect(same.statusCode, same.body).toBe(201);
    expect(await count()).toBe(before + 1);
    // On a later edit too, and in the counselling.
    const id = same.json().id;
    const patch = await req(staff, 'PATCH', `/api/resignations/${id}`, { outcomeOn: '2026-02-28', rowVersion: 1 });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().fields[0].field).toBe('outcomeOn');
    const m0 = await meetings();
    const early = await req(staff, 'POST', `/api/resignations/${id}/counselling`, { metOn: '2026-03-01', metBy: 'Bí thư', outcomeNote: 'x' });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields[0].field).toBe('metOn');
    expect(await meetings()).toBe(m0);
    expect((await req(staff, 'GET', `/api/resignations/${id}`)).json()).toMatchObject({ outcomeOn: '2026-03-02', rowVersion: 1 });
    // Other faults, each with its field.
    const bad = await req(staff, 'POST', '/api/resignations', { ...base(), requestedOn: '2026-02-30', outcome: 'stayed' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['outcomeOn', 'requestedOn']);
    const outside = await req(staff, 'POST', '/api/resignations', { ...base(), unitId: t.fixture.units['29161'] });
    expect(outside.json().fields[0].field).toBe('unitId');
    expect((await req(inspector, 'POST', '/api/resignations', base())).statusCode).toBe(403);
    expect(await count()).toBe(before + 1);
  });

  it('exports the report as a spreadsheet', async () => {
    const res = await req(staff, 'GET', `/api/reports/resignations?unitId=${t.fixture.units['831']}&since=2026-01-01&until=2026-11-25&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = book.getWorksheet('Danh sách')!.getColumn(1).values.slice(2);
    expect(names).toEqual(expect.arrayContaining(['Phạm Thị Hồng', 'Lê Văn Nam']));
  });
});
