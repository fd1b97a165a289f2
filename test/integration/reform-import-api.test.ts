// The reform import over HTTP: the file as text or base64 bytes, the preview's report by line, 422 with the
// report when refused (nothing stored), 201 when applied, and the permissions of the restructure API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildServer, type App } from '../../src/http/server.ts';
import { openTestDatabase, backend } from './helpers.ts';
import { PASSWORD, seedUsers } from './fixtures.ts';
import { createUser, systemActor } from '../../src/db/repos/users.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { REFORM_ROWS, reformCsv, seedReformFixture } from './reform-fixture.ts';

let handle: DatabaseHandle;
let app: App;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  handle = await openTestDatabase();
  const f = await seedReformFixture(handle);
  await seedUsers(handle, f);
  // Creating the new province beside the old one needs a scope above both.
  await createUser(handle.db, await systemActor(handle.db), { username: 'admintw', fullName: 'admintw', password: PASSWORD, role: 'admin', scopeUnitId: f.units['TW']! });
  app = (await buildServer({ database: handle, webRoot: '/nonexistent', loginRateLimit: 1000 })).app;
  for (const username of ['admintw', 'admin83', 'viewer836']) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    cookies[username] = `dangvu_session=${res.cookies.find((c) => c.name === 'dangvu_session')!.value}`;
  }
});
afterAll(async () => { await app?.close(); await handle?.close(); });
const call = (url: string, payload: object, user = 'admintw') => app.inject({ method: 'POST', url, payload, headers: { cookie: cookies[user]! } });
const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM restructuring`.execute(handle.db)).rows[0]!.n;

describe(`reform import API on ${backend}`, () => {
  it('previews a bad file by line, refuses it with the report, then applies the good one', async () => {
    const bad = reformCsv([...REFORM_ROWS, '28899,Không Có,831,83,28861,Tiên Thuỷ,86']);
    const preview = await call('/api/restructurings/import/preview', { fileBase64: Buffer.from(bad, 'utf8').toString('base64'), effectiveDate: '2025-07-01' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ canApply: false, encoding: 'utf-8' });
    expect(preview.json().problems).toContainEqual(expect.objectContaining({ line: 10, code: 'unknown_unit', severity: 'error' }));
    const refused = await call('/api/restructurings/import', { csv: bad, effectiveDate: '2025-07-01' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().problems).toContainEqual(expect.objectContaining({ line: 10, code: 'unknown_unit' }));
    expect(await count()).toBe(0);
    expect((await call('/api/restructurings/import', { effectiveDate: '2025-07-01' })).statusCode).toBe(400);
    expect((await call('/api/restructurings/import/preview', { csv: bad, effectiveDate: '2025-07-01' }, 'viewer836')).statusCode).toBe(403);

    const narrow = await call('/api/restructurings/import/preview', { csv: reformCsv(), effectiveDate: '2025-07-01' }, 'admin83');
    expect(narrow.json().problems).toContainEqual(expect.objectContaining({ code: 'operation_refused', line: 2 }));
    const good = await call('/api/restructurings/import/preview', { csv: reformCsv(), effectiveDate: '2025-07-01' });
    expect(good.json().problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
    expect(good.json()).toMatchObject({ canApply: true, summary: { sourceUnits: 7, newUnits: 3 } });
    expect(good.json().steps[1]).toMatchObject({ kind: 'merge_units', code: '28861', name: 'Đảng bộ xã Tiên Thuỷ', parentName: 'Đảng bộ tỉnh Vĩnh Long' });
    expect(await count()).toBe(0);
    const applied = await call('/api/restructurings/import', { csv: reformCsv(), effectiveDate: '2025-07-01', decisionNumber: '1687/NQ-UBTVQH15' });
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toMatchObject({ applied: true });
    expect(await count()).toBe(7);
  });
});
