// The province demo lives through Bến Tre's history (issue 8): the tree of each date equals the shared data,
// codes resolve by date, counts of a past date do not move when a change is applied, Tân Mỹ's assumed
// successor is written down, and the lineage API tells a unit's story.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { createUser, systemActor } from '../../src/db/repos/users.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { memberCounts } from '../../src/reports/member-counts.ts';
import { RestructureService } from '../../src/commands/restructure.ts';
import { applyChanges, readChangesFile } from '../../src/commands/apply-changes.ts';
import { BENTRE_CHANGES_FILE, TAN_MY_ASSUMPTION } from '../../src/demo/bentre-history.ts';
import { findDataDir, parseCsv } from '../../src/demo/places.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import type { Actor } from '../../src/policies/index.ts';

let handle: DatabaseHandle;
let actor: Actor;
const dir = findDataDir();
const csv = (file: string) => parseCsv(fs.readFileSync(path.join(dir, file), 'utf8')).slice(1).filter((r) => r.length > 1);

/** Commune committees of province 83 on a date, by district: "code name" as the demo names them. */
async function communesOn(date: string): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ district: string; code: string; name: string }>`
    SELECT dv.code AS district, v.code, v.name
      FROM unit_version v
      JOIN unit_version dv ON dv.unit_id = v.parent_id AND dv.valid_from <= ${date}::date AND (dv.valid_to IS NULL OR dv.valid_to > ${date}::date)
      JOIN unit_version pv ON pv.unit_id = dv.parent_id AND pv.valid_from <= ${date}::date AND (pv.valid_to IS NULL OR pv.valid_to > ${date}::date)
     WHERE v.kind = 'grassroots_committee' AND v.code ~ '^[0-9]{5}$' AND pv.code = '83'
       AND v.valid_from <= ${date}::date AND (v.valid_to IS NULL OR v.valid_to > ${date}::date)
     ORDER BY dv.code, v.code`.execute(handle.db);
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.district, [...(out.get(r.district) ?? []), `${r.code} ${r.name}`]);
  return out;
}

/** The shared data's map: rows of units_pre2025 / bentre_2017 (province 83) as "code Đảng bộ type name". */
function expectedFrom(rows: string[][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows.filter((x) => x[0] === '83')) out.set(r[2]!, [...(out.get(r[2]!) ?? []), `${r[5]} Đảng bộ ${r[7]} ${r[6]}`]);
  for (const list of out.values()) list.sort();
  return out;
}

/** The README's rule: take the dates in order; remove every old code of a date, then add every new unit. */
function walk(until: string): Map<string, string[]> {
  const units = new Map(csv('bentre_2017.csv').map((r) => [r[5]!, { district: r[2]!, label: `${r[5]} Đảng bộ ${r[7]} ${r[6]}` }]));
  const changes = csv(BENTRE_CHANGES_FILE).filter((r) => r[0]! <= until);
  for (const date of [...new Set(changes.map((r) => r[0]!))].sort()) {
    const today = changes.filter((r) => r[0] === date);
    for (const r of today) units.delete(r[3]!);
    for (const r of today) if (r[7]) units.set(r[7], { district: r[10]!, label: `${r[7]} Đảng bộ ${r[9]} ${r[8]}` });
  }
  const out = new Map<string, string[]>();
  for (const u of units.values()) out.set(u.district, [...(out.get(u.district) ?? []), u.label]);
  for (const list of out.values()) list.sort();
  return out;
}

const SAMPLE_DATES = ['2017-05-05', '2020-01-31', '2021-06-30', '2023-04-09', '2024-11-30', '2025-06-30'];
/**
 * Totals of the province, its districts and every commune a change names, on dates before the code is first
 * changed (after that the code may name another unit); the province and districts on every date.
 */
async function sampleTotals(): Promise<Record<string, number>> {
  const units = new UnitRepository(handle.db, actor);
  const firstChange = new Map<string, string>();
  for (const r of csv(BENTRE_CHANGES_FILE)) for (const code of [r[3]!, r[7]!].filter(Boolean)) if (!firstChange.has(code)) firstChange.set(code, r[0]!);
  const codes = ['83', '829', '831', '832', '833', '834', '835', '836', '837', '838', ...firstChange.keys()];
  const out: Record<string, number> = {};
  for (const d of SAMPLE_DATES) {
    for (const code of codes) {
      if (d >= (firstChange.get(code) ?? '9999-12-31')) continue;
      out[`${code}@${d}`] = (await memberCounts(handle.db, actor, await units.resolveCode(code, d), d)).total;
    }
  }
  return out;
}

let totalsAfter: Record<string, number>;
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017 });
  actor = await systemActor(handle.db);
  totalsAfter = await sampleTotals();
}, 300_000);
afterAll(async () => handle?.close());

describe(`Bến Tre's history in the demo on ${backend}`, () => {
  it('has the communes of Châu Thành of 05/05/2017 (22), 30/06/2021 (21) and 30/06/2025 (16) as in the shared data', async () => {
    const may2017 = await communesOn('2017-05-05');
    expect(may2017.get('831')).toHaveLength(22);
    expect(may2017).toEqual(expectedFrom(csv('bentre_2017.csv')));
    const june2021 = await communesOn('2021-06-30');
    expect(june2021.get('831')).toHaveLength(21);
    expect(june2021).toEqual(walk('2021-06-30'));
    expect(june2021.get('831')).not.toContain('28816 Đảng bộ xã Giao Hòa');
    const april2023 = await communesOn('2023-04-10');
    expect(april2023.get('831')).toContain('28861 Đảng bộ thị trấn Tiên Thủy');
    expect(april2023.get('836')).toContain('29179 Đảng bộ thị trấn Tiệm Tôm');
    expect(await communesOn('2023-04-09')).toEqual(walk('2023-04-09'));
  });

  it('has on 30/06/2025 exactly the 148 commune committees of units_pre2025.csv', async () => {
    const june2025 = await communesOn('2025-06-30');
    const expected = expectedFrom(csv('units_pre2025.csv'));
    expect(june2025.get('831')).toHaveLength(16);
    expect([...june2025.values()].flat()).toHaveLength(148);
    expect(june2025).toEqual(expected);
    expect(june2025).toEqual(walk('2025-06-30'));
    // What an import of mapping_2025.csv effective 2025-07-01 reads: every old Bến Tre unit resolves the day before.
    const units = new UnitRepository(handle.db, actor);
    const unknown: string[] = [];
    for (const r of csv('mapping_2025.csv').filter((x) => x[3] === '83')) {
      const id = await units.resolveCode(r[0]!, '2025-06-30').catch(() => null);
      if (id === null || !(await units.versionOn(id, '2025-06-30')).name.endsWith(` ${r[1]}`)) unknown.push(`${r[0]} ${r[1]}`);
    }
    expect(unknown).toEqual([]);
  });

  it('resolves 28810 to xã An Khánh on 05/05/2017 and to thị trấn Châu Thành on 15/01/2025, and says who held 28801', async () => {
    const units = new UnitRepository(handle.db, actor);
    const anKhanh = await units.resolveCode('28810', '2017-05-05');
    const chauThanh = await units.resolveCode('28810', '2025-01-15');
    expect(anKhanh).not.toBe(chauThanh);
    expect(await units.versionOn(anKhanh, '2017-05-05')).toEqual({ code: '28810', name: 'Đảng bộ xã An Khánh', kind: 'grassroots_committee' });
    expect(await units.versionOn(chauThanh, '2025-01-15')).toEqual({ code: '28810', name: 'Đảng bộ thị trấn Châu Thành', kind: 'grassroots_committee' });
    // The thị trấn is the same unit as 28801 of 2017: one identity, two codes.
    expect(await units.resolveCode('28801', '2017-05-05')).toBe(chauThanh);
    await expect(units.resolveCode('28801', '2025-01-15')).rejects.toThrow('Ngày 15/01/2025 không có đơn vị nào mang mã 28801. Mã này thuộc: Đảng bộ thị trấn Châu Thành (');
    expect(await units.resolveCode('28855', '2024-11-30')).not.toBe(await units.resolveCode('28855', '2024-12-01'));
    const report = await memberCounts(handle.db, actor, chauThanh, '2025-01-15');
    expect(report.unit).toEqual({ code: '28810', name: 'Đảng bộ thị trấn Châu Thành', kind: 'grassroots_committee' });
    const before = await memberCounts(handle.db, actor, anKhanh, '2017-05-05');
    expect(before.unit).toEqual({ code: '28810', name: 'Đảng bộ xã An Khánh', kind: 'grassroots_committee' });
  });

  it("moves Tân Mỹ's cells to Mỹ Hòa and writes down that this successor is an assumption", async () => {
    const units = new UnitRepository(handle.db, actor);
    const tanMy = await units.resolveCode('29113', '2024-11-30');
    const myHoa = await units.resolveCode('29116', '2024-12-01');
    const link = await handle.db.selectFrom('unit_succession').selectAll().where('predecessor_id', '=', tanMy).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ successor_id: myHoa, effective_on: '2024-12-01', decision: '1237/NQ-UBTVQH15' });
    expect(link.note).toContain('Giả định');
    const records = await new RestructureService(handle.db, actor).list(tanMy);
    expect(records[0]!.note).toContain('Đơn vị kế tiếp này là giả định');
    const cells = await handle.db.selectFrom('unit').select('code').where('parent_id', '=', myHoa).where('code', 'like', '29113.%').execute();
    expect(cells.length).toBeGreaterThan(0);
  });

  it('keeps every total of a date before a change when the changes are undone and applied again', async () => {
    const service = new RestructureService(handle.db, actor);
    const records = await handle.db.selectFrom('restructuring').select('id').where('undone_by_id', 'is', null).where('kind', '!=', 'undo').orderBy('id', 'desc').execute();
    expect(records).toHaveLength(17);
    // The demo's resignation register (2025–2026) files requests under today's units, which a change created:
    // undo refuses to delete a unit with records attached and says which records they are.
    const createdUnits = handle.db.selectFrom('restructuring_unit').select('unit_id').where('role', '=', 'created');
    let refusal = '';
    for (const r of records) {
      try {
        await service.undo(Number(r.id));
      } catch (err) {
        if (refusal) throw err;
        refusal = (err as Error).message;
        await handle.db.deleteFrom('resignation_counselling').where('request_id', 'in', handle.db.selectFrom('resignation_request').select('id').where('unit_id', 'in', createdUnits)).execute();
        await handle.db.deleteFrom('resignation_request').where('unit_id', 'in', createdUnits).execute();
        await service.undo(Number(r.id));
      }
    }
    expect(refusal).toContain('đơn xin nghỉ việc của cán bộ, công chức');
    expect([...(await communesOn('2025-06-30')).values()].flat()).toHaveLength(164);
    const totalsBefore = await sampleTotals();
    expect(Object.keys(totalsBefore).length).toBeGreaterThan(90);
    expect(totalsBefore).toEqual(totalsAfter);

    const rows = readChangesFile(path.join(dir, BENTRE_CHANGES_FILE));
    const outcomes = await applyChanges(handle.db, actor, rows, { assume: TAN_MY_ASSUMPTION });
    expect(outcomes.map((o) => [o.date, o.status, o.records.length])).toEqual([['2020-02-01', 'applied', 6], ['2023-04-10', 'applied', 3], ['2024-12-01', 'applied', 8]]);
    expect(await sampleTotals()).toEqual(totalsAfter);
    expect(await communesOn('2025-06-30')).toEqual(expectedFrom(csv('units_pre2025.csv')));
    // Applying the file again changes nothing: each date is already there.
    expect((await applyChanges(handle.db, actor, rows, { assume: TAN_MY_ASSUMPTION })).map((o) => o.status)).toEqual(['skipped', 'skipped', 'skipped']);
  }, 300_000);

  it('serves the lineage of a unit: versions, predecessors and successors with resolutions and notes', async () => {
    const root = await handle.db.selectFrom('unit').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    await createUser(handle.db, actor, { username: 'lichsu', fullName: 'Lịch sử', password: 'matkhau-lich-su', role: 'read_only', scopeUnitId: root.id });
    const { app } = await buildServer({ database: handle, webRoot: '/nonexistent', loginRateLimit: 1000 });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lichsu', password: 'matkhau-lich-su' } });
      const cookie = `dangvu_session=${login.cookies.find((c) => c.name === 'dangvu_session')!.value}`;
      const get = (url: string) => (app as App).inject({ method: 'GET', url, headers: { cookie } });
      const resolved = (await get('/api/units/resolve?code=28810&date=2025-01-15')).json();
      expect(resolved.name).toBe('Đảng bộ thị trấn Châu Thành');
      const lineage = await get(`/api/units/${resolved.id}/lineage`);
      expect(lineage.statusCode).toBe(200);
      const body = lineage.json();
      expect(body.versions.map((v: { code: string; validFrom: string }) => v.code)).toEqual(expect.arrayContaining(['28801', '28810']));
      expect(body.versions.at(-1)).toMatchObject({ code: '28810', validFrom: '2024-12-01', validTo: null, decision: '1237/NQ-UBTVQH15' });
      expect(body.predecessors).toEqual([expect.objectContaining({ code: '28810', name: 'Đảng bộ xã An Khánh', effectiveOn: '2024-12-01', operation: 'merge', decision: '1237/NQ-UBTVQH15', restructuringId: expect.any(Number) })]);
      const anKhanh = body.predecessors[0].unitId;
      const successor = (await get(`/api/units/${anKhanh}/lineage`)).json();
      expect(successor.dissolvedOn).toBe('2024-12-01');
      expect(successor.successors).toEqual([expect.objectContaining({ unitId: resolved.id, code: '28810', name: 'Đảng bộ thị trấn Châu Thành', decision: '1237/NQ-UBTVQH15' })]);
      const tanMy = (await get('/api/units/resolve?code=29113&date=2024-11-30')).json();
      const tanMyLineage = (await get(`/api/units/${tanMy.id}/lineage`)).json();
      expect(tanMyLineage.successors[0]).toMatchObject({ code: '29116', name: 'Đảng bộ xã Mỹ Hòa' });
      expect(tanMyLineage.successors[0].note).toContain('giả định');
      // The tree at a date ("xem cơ cấu tại ngày") lists that date's communes under that date's names.
      const district = (await get('/api/units/resolve?code=831')).json().id;
      const communes = async (asOf?: string) => ((await get(`/api/units/${district}/children${asOf ? `?asOf=${asOf}` : ''}`)).json() as Array<{ code: string; name: string; kind: string }>)
        .filter((c) => c.kind === 'grassroots_committee' && /^\d{5}$/.test(c.code));
      expect(await communes('2017-05-05')).toHaveLength(22);
      expect((await communes('2017-05-05')).find((c) => c.code === '28810')?.name).toBe('Đảng bộ xã An Khánh');
      expect(await communes('2021-06-30')).toHaveLength(21);
      expect(await communes('2025-06-30')).toHaveLength(16);
      expect((await communes()).find((c) => c.code === '28810')?.name).toBe('Đảng bộ thị trấn Châu Thành');
      const gone = await get('/api/units/resolve?code=28801&date=2025-01-15');
      expect(gone.statusCode).toBe(404);
      expect(gone.json().message).toContain('Mã này thuộc: Đảng bộ thị trấn Châu Thành');
      expect((await get('/api/units/99999999/lineage')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
