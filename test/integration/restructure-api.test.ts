// The restructuring API end to end: preview, apply, list, undo, the errors with their fields, and codes by date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin83');
});
afterAll(async () => t?.close());
const u = (code: string) => t.fixture.units[code]!;
const call = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie: admin } });

describe(`restructuring API on ${backend}`, () => {
  it('applies a dissolve with its members, lists it with its note, and undoes it once', async () => {
    const refused = await call('POST', '/api/restructurings', { kind: 'dissolve', unitId: u('28861.02'), effectiveDate: '2024-06-01', decisionNumber: '125-QĐ/HU' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual([expect.objectContaining({ field: 'membersTo', code: 'members_remain' })]);
    const missing = await call('POST', '/api/restructurings/preview', { kind: 'move', unitId: u('28861'), effectiveDate: '2024-06-01', decisionNumber: '125-QĐ/HU' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual([expect.objectContaining({ field: 'parentId', code: 'required' })]);

    const body = { kind: 'dissolve', unitId: u('28861.02'), membersTo: u('28861.01'), effectiveDate: '2024-06-01', decisionNumber: '125-QĐ/HU', note: 'Giả định: ấp sáp nhập theo nghị quyết HĐND' };
    const preview = await call('POST', '/api/restructurings/preview', body);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().members.count).toBe(1);
    const applied = await call('POST', '/api/restructurings', body);
    expect(applied.statusCode).toBe(201);
    const rec = applied.json();
    expect(rec).toMatchObject({ kind: 'dissolve', memberCount: 1, note: body.note, createdBy: 'admin83' });
    const list = await call('GET', `/api/restructurings?unitId=${u('28861.01')}`);
    expect(list.json().map((r: { id: number }) => r.id)).toEqual([rec.id]);
    const detail = await call('GET', `/api/units/${u('28861.02')}`);
    expect(detail.json().dissolvedOn).toBe('2024-06-01');

    const undo = await call('POST', `/api/restructurings/${rec.id}/undo`, { note: 'Nhập nhầm' });
    expect(undo.statusCode).toBe(201);
    expect(undo.json()).toMatchObject({ kind: 'undo', undoesId: rec.id, note: 'Nhập nhầm' });
    expect((await call('GET', `/api/units/${u('28861.02')}`)).json()).toMatchObject({ dissolvedOn: null, memberCount: 1 });
    const again = await call('POST', `/api/restructurings/${rec.id}/undo`, {});
    expect(again.statusCode).toBe(409);
    expect((await call('POST', '/api/restructurings/999999/undo', {})).statusCode).toBe(404);
    // The member's timeline shows the move and its void.
    const events = await call('GET', `/api/members/${t.fixture.members['Lê Văn Thuỷ']}/events`);
    expect(events.json().map((e: { kind: string }) => e.kind)).toEqual(['reorganized', 'void']);
    // Nobody records or voids a 'reorganized' event by hand.
    const byHand = await call('POST', `/api/members/${t.fixture.members['Lê Văn Thuỷ']}/events/check`, { kind: 'reorganized', effectiveDate: '2024-07-01', decisionNumber: '1-QĐ/HU', unitId: u('28861.01') });
    expect(byHand.json().errors.map((e: { field: string }) => e.field)).toContain('kind');
  });

  it('resolves codes by date and searches the tree of a date', async () => {
    await call('POST', '/api/restructurings', { kind: 'rename', unitId: u('28834'), code: '28810', name: 'Đảng bộ thị trấn Châu Thành', effectiveDate: '2024-12-01', decisionNumber: '130-QĐ/HU' });
    const now = await call('GET', '/api/units/resolve?code=28810&date=2024-12-01');
    expect(now.json()).toEqual({ id: u('28834'), code: '28810', name: 'Đảng bộ thị trấn Châu Thành', kind: 'grassroots_committee', date: '2024-12-01' });
    const before = await call('GET', '/api/units/resolve?code=28810&date=2024-11-30');
    expect(before.statusCode).toBe(404);
    expect(before.json()).toMatchObject({ code: 'NOT_FOUND', fields: [{ field: 'code', code: 'not_in_force' }] });
    expect(before.json().message).toBe('Ngày 30/11/2024 không có đơn vị nào mang mã 28810. Mã này thuộc: Đảng bộ thị trấn Châu Thành (từ 01/12/2024)');
    const old = await call('GET', '/api/units/resolve?code=28834&date=2024-11-30');
    expect(old.json().name).toBe('Đảng bộ xã Thành Triệu');
    const search = await call('GET', '/api/units/search?q=thanh%20trieu&date=2024-11-30');
    expect(search.json().map((r: { code: string }) => r.code)).toEqual(['28834', '28834.01']);
    const searchToday = await call('GET', '/api/units/search?q=thanh%20trieu');
    expect(searchToday.json().map((r: { code: string }) => r.code)).toEqual(['28834.01']);
  });
});
