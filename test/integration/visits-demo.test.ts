// The demo's visit of 05/05/2017 on the test tree (83, 831, Tiên Thủy 28861), followed up to a given day,
// and `dangvu report directives` as an operator runs it on it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDatabase } from './helpers.ts';
import { cliDatabase, dangvu } from './cli-harness.ts';
import { seedFixture, seedUsers, type Fixture } from './fixtures.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDocumentsDemo } from '../../src/demo/documents.ts';
import { DEMO_VISIT, loadVisitsDemo } from '../../src/demo/visits.ts';
import { actorForUser, systemActor } from '../../src/db/repos/users.ts';
import { VisitService } from '../../src/commands/visits.ts';
import { directivesReport } from '../../src/reports/directives.ts';
import { followUps } from '../../src/reports/follow-ups.ts';

let handle: DatabaseHandle;
let fixture: Fixture;
beforeAll(async () => {
  handle = await openTestDatabase();
  fixture = await seedFixture(handle);
  await seedUsers(handle, fixture);
  await loadDocumentsDemo(handle.db, 2017);
});
afterAll(async () => handle?.close());

describe(`demo visit on ${backend}`, () => {
  it('loads the visit to Tiên Thủy and Châu Thành with six directives, each in a realistic state today', async () => {
    expect(await loadVisitsDemo(handle.db, '2026-12-01')).toMatchObject({ visits: 1, directives: 6 });
    const service = new VisitService(handle.db, await systemActor(handle.db), '2026-12-01');
    const [item] = await service.list();
    const v = await service.get(item!.id);
    expect(v).toMatchObject({ startsOn: DEMO_VISIT.date, status: 'concluded', noticeNumber: '85-TB/TU', issuingUnitName: 'Đảng bộ tỉnh Bến Tre' });
    expect(v.units.map((u) => u.code).sort()).toEqual(['28861', '831']);
    expect(v.delegates.find((d) => d.role === 'leader')!.title).toMatch(/Phó Bí thư/);
    expect(v.delegates.some((d) => d.homeBody === 'Vụ Địa phương III, Ban Tổ chức Trung ương')).toBe(true);
    expect(v.documents.map((d) => d.number)).toContain('02-NQ/TU');
    const states = v.directiveList.map((d) => (d.overdue ? 'overdue' : d.status));
    expect(states).toEqual(['done', 'in_progress', 'done', 'in_progress', 'done', 'overdue']);
    for (const d of v.directiveList.filter((x) => x.status === 'done')) expect(d.evidence.length, d.text).toBeGreaterThan(0);
    expect(v.directiveList.every((d) => d.progress.length === 2)).toBe(true);
    // Tiên Thủy's secretary sees its two directives; the overdue one is in Châu Thành's queue and the province's.
    const row = await handle.db.selectFrom('app_user').select('id').where('username', '=', 'secretary28861').executeTakeFirstOrThrow();
    const commune = new VisitService(handle.db, (await actorForUser(handle.db, row.id))!, '2026-12-01');
    expect((await commune.get(v.id)).directiveList.map((d) => d.ordinal)).toEqual([1, 4]);
    const sys = await systemActor(handle.db);
    for (const code of ['831', '83']) {
      const root = await handle.db.selectFrom('unit').select('path').where('id', '=', fixture.units[code]!).executeTakeFirstOrThrow();
      const items = await followUps(handle.db, sys, { rootPath: root.path, today: '2026-12-01', dueBy: '2026-12-16', limit: 50 });
      expect(items.filter((i) => i.kind === 'directive').map((i) => i.id), code).toEqual([v.directiveList[5]!.id]);
    }
    const report = await directivesReport(handle.db, sys, fixture.units['831']!, { asOf: '2026-12-01' });
    expect(report).toMatchObject({ total: 6, byStatus: { open: 0, in_progress: 3, done: 3, cancelled: 0 }, overdue: 1 });
  });
});

describe(`dangvu report directives (${backend})`, () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    // Followed up to 01/08/2017: directive 1 done, the others begun or not yet.
    ({ env, cleanup } = await cliDatabase(async (h) => { await seedFixture(h); await loadDocumentsDemo(h.db, 2017); await loadVisitsDemo(h.db, '2017-08-01'); }));
  }, 120_000);
  afterAll(async () => cleanup?.());

  it('prints total, byStatus, overdue and the items as JSON, and writes XLSX', () => {
    const r = dangvu(['report', 'directives', '--unit', '28861', '--since', '2017-01-01', '--until', '2017-12-31'], env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ total: 2, byStatus: { open: 0, in_progress: 1, done: 1, cancelled: 0 } });
    expect(json.items[0]).toMatchObject({ visit: { noticeNumber: '85-TB/TU' }, responsibleUnit: { code: '28861' }, deadline: '2017-06-30', status: 'done' });
    const all = JSON.parse(dangvu(['report', 'directives', '--unit', '831'], env).out);
    expect(all.total).toBe(6);
    expect(all.overdue).toBe(all.items.filter((i: { overdue: boolean }) => i.overdue).length);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-dir-')), 'd.xlsx');
    const x = dangvu(['report', 'directives', '--unit', '831', '--format', 'xlsx', '--out', out], env);
    expect(x.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a bad date or an unknown unit with exit code 2', () => {
    const bad = dangvu(['report', 'directives', '--unit', '831', '--since', '2017-13-01'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--since/);
    expect(dangvu(['report', 'directives', '--unit', '99999'], env).code).toBe(2);
  });
});
