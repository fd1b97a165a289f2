import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { SESSION_CACHE_MS } from '../../src/db/repos/users.ts';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { fullYearsBetween, todayIso } from '../../src/domain/dates.ts';

let t: TestApp;
let admin: string;
let staff: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin83');
  staff = await t.login('staff831');
});
afterAll(async () => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const send = (method: 'POST' | 'PATCH', url: string, cookie: string, payload: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as object });

describe(`HTTP API on ${backend}`, () => {
  it('health says which database is in use, without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().database).toBe(backend);
  });

  it('refuses a wrong password and requests without a session', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin83', password: 'sai-mat-khau' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('UNAUTHENTICATED');
    expect((await t.app.inject({ method: 'GET', url: '/api/units/roots' })).statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite cookie and logs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer836', password: 'matkhau-thu-nghiem' } });
    const cookie = res.cookies.find((c) => c.name === 'dangvu_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('strict');
    const header = `dangvu_session=${cookie.value}`;
    expect((await get('/api/auth/me', header)).json().role).toBe('read_only');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: header } });
    expect((await get('/api/auth/me', header)).statusCode).toBe(401);
  });

  it('ends the session of a user disabled from elsewhere within the session cache time', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer836', password: 'matkhau-thu-nghiem' } });
    const header = `dangvu_session=${res.cookies.find((c) => c.name === 'dangvu_session')!.value}`;
    expect((await get('/api/auth/me', header)).statusCode).toBe(200);
    // As the command line would, in another process: this server only learns it when its cached entry lapses.
    await sql`UPDATE app_user SET active = false WHERE username = 'viewer836'`.execute(t.handle.db);
    try {
      expect((await get('/api/auth/me', header)).statusCode).toBe(200);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + SESSION_CACHE_MS + 1);
      expect((await get('/api/auth/me', header)).statusCode).toBe(401);
    } finally {
      vi.useRealTimers();
      await sql`UPDATE app_user SET active = true WHERE username = 'viewer836'`.execute(t.handle.db);
    }
  });

  it('serves the OpenAPI document with every route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const r of t.routes.filter((x) => x.url !== '/api/openapi.json')) {
      const p = r.url.replace(/^\/api/, '').replace(/:(\w+)/g, '{$1}');
      expect(doc.paths['/api' + p] ?? doc.paths[p], `${r.method} ${r.url}`).toBeDefined();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('shows the tree with member counts from the scope root down', async () => {
    const roots = (await get('/api/units/roots', staff)).json();
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ code: '831', memberCount: 4 });
    const kids = (await get(`/api/units/${t.fixture.units['831']}/children`, staff)).json();
    expect(kids.map((k: { code: string }) => k.code).sort()).toEqual(['28834', '28861']);
    expect(kids.find((k: { code: string }) => k.code === '28861').memberCount).toBe(3);
    const unit = (await get(`/api/units/${t.fixture.units['28861']}`, staff)).json();
    expect(unit.ancestors.map((a: { code: string }) => a.code)).toEqual(['831']);
    expect(unit.byStatus).toEqual({ official: 3 });
  });

  it('finds units and members without diacritics, whatever the tone placement', async () => {
    const units = (await get('/api/units/search?q=tien%20thuy', staff)).json();
    expect(units[0].code).toBe('28861');
    const tam = (await get('/api/members?q=tran%20ngoc%20tam', staff)).json();
    expect(tam.items.map((m: { fullName: string }) => m.fullName)).toEqual(['Trần Ngọc Tâm']);
    const thuy = (await get('/api/members?q=thuy', admin)).json();
    expect(thuy.items.map((m: { fullName: string }) => m.fullName).sort()).toEqual(['Lê Văn Thuỷ', 'Nguyễn Thị Thủy']);
  });

  it('lists members in Vietnamese order of given name, with filters and paging', async () => {
    const all = (await get('/api/members?pageSize=50', admin)).json();
    expect(all.total).toBe(6);
    // Ánh < Đức < Hòa < Tâm < Thủy/Thuỷ
    expect(all.items.map((m: { fullName: string }) => m.fullName.split(' ').pop())).toEqual(['Ánh', 'Đức', 'Hòa', 'Tâm', 'Thủy', 'Thuỷ'].sort(new Intl.Collator('vi').compare));
    const women = (await get('/api/members?sex=female', admin)).json();
    expect(women.total).toBe(3);
    const page2 = (await get('/api/members?pageSize=4&page=2', admin)).json();
    expect(page2.items).toHaveLength(2);
    const band = (await get('/api/members?ageBand=61to70', admin)).json();
    // The expectation is recomputed from the birth dates, so the test holds on any day it runs.
    const everyone = (await get('/api/members?pageSize=50', admin)).json().items as Array<{ fullName: string; birthDate: string }>;
    const expected = everyone.filter((m) => { const age = fullYearsBetween(m.birthDate, todayIso()); return age >= 61 && age <= 70; }).map((m) => m.fullName).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(band.items.map((m: { fullName: string }) => m.fullName).sort()).toEqual(expected);
    const inCell = (await get(`/api/members?unitId=${t.fixture.units['28861.02']}`, admin)).json();
    expect(inCell.total).toBe(1);
  });

  it('rejects bad query parameters with the field named', async () => {
    const res = await get('/api/members?sex=x&pageSize=1000', admin);
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('sex');
    expect(fields).toContain('pageSize');
  });

  it('edits a member, records the change in the history, and refuses a stale edit', async () => {
    const id = t.fixture.members['Trần Ngọc Tâm'];
    const before = (await get(`/api/members/${id}`, staff)).json();
    const ok = await send('PATCH', `/api/members/${id}`, staff, { occupation: 'Nông dân', rowVersion: before.rowVersion });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().occupation).toBe('Nông dân');
    const stale = await send('PATCH', `/api/members/${id}`, staff, { occupation: 'Giáo viên', rowVersion: before.rowVersion });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    expect((await get(`/api/members/${id}`, staff)).json().occupation).toBe('Nông dân');
    const history = (await get(`/api/members/${id}/history`, staff)).json();
    const edit = history.find((h: { changed: string[] }) => h.changed.includes('occupation'));
    expect(edit).toMatchObject({ actorName: 'staff831', action: 'update' });
    expect(edit.before.occupation).toBeNull();
    expect(edit.after.occupation).toBe('Nông dân');
  });

  it('validates a profile field by field and stores nothing', async () => {
    const id = t.fixture.members['Nguyễn Thị Thủy'];
    const m = (await get(`/api/members/${id}`, staff)).json();
    const res = await send('PATCH', `/api/members/${id}`, staff, { citizenId: '083070001111', officialDate: '2010-06-01', rowVersion: m.rowVersion });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields;
    expect(fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['citizenId', 'officialDate']));
    expect(fields.find((f: { code: string }) => f.code === 'citizen_id_sex').message).toMatch(/giới tính/);
    const after = (await get(`/api/members/${id}`, staff)).json();
    expect(after.citizenId).toBe(m.citizenId);
    expect(after.rowVersion).toBe(m.rowVersion);
  });

  it('adds a member to a cell, refuses a duplicate citizen ID and a non-cell unit', async () => {
    const base = { fullName: 'Huỳnh Văn Mới', sex: 'male', birthDate: '1995-02-02', status: 'probationary', admissionDate: '2026-03-02', citizenId: '083095001010' };
    const created = await send('POST', '/api/members', staff, { ...base, unitId: t.fixture.units['28834.01'] });
    expect(created.statusCode).toBe(201);
    expect(created.json().fullName).toBe('Huỳnh Văn Mới');
    const periods = (await get(`/api/members/${created.json().id}/periods`, staff)).json();
    expect(periods).toMatchObject([{ validFrom: '2026-03-02', validTo: null, status: 'probationary' }]);
    const dup = await send('POST', '/api/members', staff, { ...base, unitId: t.fixture.units['28834.01'] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields[0].field).toBe('citizenId');
    const notCell = await send('POST', '/api/members', staff, { ...base, citizenId: '083095001011', unitId: t.fixture.units['28834'] });
    expect(notCell.statusCode).toBe(400);
    expect(notCell.json().fields[0].field).toBe('unitId');
    const count = (await get('/api/members?q=huynh%20van%20moi', staff)).json();
    expect(count.total).toBe(1);
  });

  it('renames a unit from a date and keeps the old name for earlier dates', async () => {
    const id = t.fixture.units['28834.01'];
    const u = (await get(`/api/units/${id}`, staff)).json();
    const res = await send('PATCH', `/api/units/${id}`, staff, { name: 'Chi bộ ấp Thành Hòa', effectiveDate: '2020-02-01', decision: '12-QĐ/HU', rowVersion: u.rowVersion });
    expect(res.statusCode).toBe(200);
    const parent = t.fixture.units['28834'];
    const now = (await get(`/api/units/${parent}/children`, staff)).json();
    expect(now[0].name).toBe('Chi bộ ấp Thành Hòa');
    const then = (await get(`/api/units/${parent}/children?asOf=2017-05-05`, staff)).json();
    expect(then[0].name).toBe('Chi bộ ấp Thành Triệu');
    expect(then[0].memberCount).toBe(1);
    const versions = (await get(`/api/units/${id}/versions`, staff)).json();
    expect(versions).toMatchObject([{ validTo: '2020-02-01', name: 'Chi bộ ấp Thành Triệu' }, { validFrom: '2020-02-01', validTo: null, decision: '12-QĐ/HU' }]);
    const history = (await get(`/api/units/${id}/history`, staff)).json();
    expect(history.some((h: { entity: string; actorName: string }) => h.entity === 'unit' && h.actorName === 'staff831')).toBe(true);
  });

  it('creates a unit under an allowed parent and refuses a wrong kind', async () => {
    const ok = await send('POST', '/api/units', staff, { code: '28861.03', name: 'Chi bộ ấp Tiên Thủy 3', kind: 'cell', parentId: t.fixture.units['28861'], effectiveDate: '2025-01-01' });
    expect(ok.statusCode).toBe(201);
    const resolved = (await get('/api/units/resolve?code=28861.03', staff)).json();
    expect(resolved.id).toBe(ok.json().id);
    const bad = await send('POST', '/api/units', staff, { code: '28861.04', name: 'Sai loại', kind: 'province_committee', parentId: t.fixture.units['28861'], effectiveDate: '2025-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('kind');
    const dup = await send('POST', '/api/units', staff, { code: '28861.03', name: 'Trùng mã', kind: 'cell', parentId: t.fixture.units['28861'], effectiveDate: '2025-01-01' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields[0].field).toBe('code');
  });

  it('lets an administrator create users in scope only', async () => {
    const ok = await send('POST', '/api/users', admin, { username: 'moi831', fullName: 'Người Mới', password: 'mat-khau-dai', role: 'read_only', scopeUnitId: t.fixture.units['831'] });
    expect(ok.statusCode).toBe(201);
    const outside = await send('POST', '/api/users', admin, { username: 'ngoai', fullName: 'Ngoài', password: 'mat-khau-dai', role: 'admin', scopeUnitId: t.fixture.units['TW'] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields[0].field).toBe('scopeUnitId');
    expect((await get('/api/users', staff)).statusCode).toBe(403);
  });

  it('moves a unit with its subtree from a date, keeping the old parent for earlier dates', async () => {
    const id = t.fixture.units['28834']!;
    const [from, to] = [t.fixture.units['831']!, t.fixture.units['836']!];
    const countOf = async (unitId: number) => (await get(`/api/units/${unitId}`, admin)).json().memberCount as number;
    const [fromBefore, toBefore, moved] = [await countOf(from), await countOf(to), await countOf(id)];
    expect(moved).toBeGreaterThan(0);
    const u = (await get(`/api/units/${id}`, admin)).json();
    const res = await send('PATCH', `/api/units/${id}`, admin, { parentId: to, effectiveDate: '2025-01-01', decision: '45-QĐ/TU', rowVersion: u.rowVersion });
    expect(res.statusCode).toBe(200);
    expect(res.json().ancestors.map((a: { code: string }) => a.code)).toEqual(['83', '836']);
    expect(await countOf(from)).toBe(fromBefore - moved);
    expect(await countOf(to)).toBe(toBefore + moved);
    // The cell below moved too: its path is under Ba Tri now.
    const cell = (await get(`/api/units/${t.fixture.units['28834.01']}`, admin)).json();
    expect(cell.ancestors.map((a: { code: string }) => a.code)).toEqual(['83', '836', '28834']);
    // Châu Thành's staff no longer see it today; the tree of 2017 still has it under Châu Thành.
    expect((await get(`/api/units/${id}`, staff)).statusCode).toBe(404);
    const then = (await get(`/api/units/${from}/children?asOf=2017-05-05`, admin)).json();
    expect(then.map((k: { code: string }) => k.code).sort()).toEqual(['28834', '28861']);
    // Moving a unit under its own descendant is refused.
    const cycle = await send('PATCH', `/api/units/${to}`, admin, { parentId: id, effectiveDate: '2025-02-01', rowVersion: 1 });
    expect(cycle.statusCode).toBe(400);
  });
});
