// The member list through the subtree keys (0010): the same pages as a walk of the unit paths, totals from
// the roll-up or counted up to the cap, and keys that follow a moved unit without writing audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { COUNT_CAP, MemberRepository } from '../../src/db/repos/members.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { ACTIVE_STATUSES } from '../../src/domain/members.ts';
import { todayIso } from '../../src/domain/dates.ts';
import { checkCounts } from '../../src/commands/check-counts.ts';
import type { Actor } from '../../src/policies/index.ts';

let handle: DatabaseHandle;
let actor: Actor;
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017 });
  actor = await systemActor(handle.db);
  // The demo applies Bến Tre's mergers of 2020–2024 too: on a loaded machine the load needs more than the default.
}, 300_000);
afterAll(async () => handle?.close());

const unit = (code: string) => handle.db.selectFrom('unit').select(['id', 'path', 'depth']).where('code', '=', code).executeTakeFirstOrThrow();
const active = [...ACTIVE_STATUSES];

/** A search key matches where one of the name's first four words starts, built here from the words themselves. */
const wordStart = (key: string) => sql`AND EXISTS (SELECT 1 FROM generate_series(1, 4) w
  WHERE array_to_string((string_to_array(m.name_search, ' '))[w:], ' ') LIKE ${key + '%'})`;

/** The answer without the keys: the unit path, name order, then id. */
async function byPath(path: string, statuses: string[] | null, limit: number, key?: string) {
  const { rows } = await sql<{ id: number }>`
    SELECT m.id FROM member m JOIN unit u ON u.id = m.unit_id
    WHERE u.path <@ ${path}::ltree ${statuses ? sql`AND m.status IN (${sql.join(statuses)})` : sql``}
      ${key ? wordStart(key) : sql``}
    ORDER BY m.name_sort, m.id LIMIT ${limit}`.execute(handle.db);
  const { rows: [c] } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM member m JOIN unit u ON u.id = m.unit_id
    WHERE u.path <@ ${path}::ltree ${statuses ? sql`AND m.status IN (${sql.join(statuses)})` : sql``}
      ${key ? wordStart(key) : sql``}`.execute(handle.db);
  return { ids: rows.map((r) => Number(r.id)), total: c!.n };
}

describe(`member list at every depth on ${backend}`, () => {
  it('gives the pages and totals of a walk of the unit paths, for the province, a district, a commune and a cell', async () => {
    const repo = new MemberRepository(handle.db, actor);
    const cell = await handle.db.selectFrom('unit').select('code').where('kind', '=', 'cell').where('code', 'like', '28861.%').orderBy('code').executeTakeFirstOrThrow();
    for (const code of ['83', '831', '28861', cell.code]) {
      const u = await unit(code);
      for (const page of [1, 3]) {
        const list = await repo.list({ unitId: u.id, status: active, page, pageSize: 50 });
        const expected = await byPath(u.path, active, page * 50);
        expect(list.items.map((i) => i.id), `${code} page ${page}`).toEqual(expected.ids.slice((page - 1) * 50));
        expect(list.total, `${code} total`).toBe(expected.total);
        expect(list.totalCapped).toBe(false);
      }
      // A full-name prefix, a middle-and-given-name prefix, a given name, two letters, and Vietnamese input.
      for (const [q, key] of [['tran ngoc', 'tran ngoc'], ['van th', 'van th'], ['tâm', 'tam'], ['th', 'th'], ['Nguyễn Văn', 'nguyen van']]) {
        const search = await repo.list({ unitId: u.id, q, pageSize: 20 });
        const expected = await byPath(u.path, null, 20, key);
        expect(search.items.map((i) => i.id), `${code} search ${q}`).toEqual(expected.ids);
        expect(search.total, `${code} search ${q} total`).toBe(Math.min(expected.total, COUNT_CAP));
      }
    }
  });

  it('counts and pages a search in one pass: a later page, a page past the last and no match at all', async () => {
    const repo = new MemberRepository(handle.db, actor);
    const province = await unit('83');
    const expected = await byPath(province.path, null, 200, 'tran ngoc');
    expect(expected.total).toBeGreaterThan(60);
    const second = await repo.list({ unitId: province.id, q: 'tran ngoc', page: 2, pageSize: 30 });
    expect(second.items.map((i) => i.id)).toEqual(expected.ids.slice(30, 60));
    expect(second).toMatchObject({ total: expected.total, totalCapped: false });
    const past = await repo.list({ unitId: province.id, q: 'tran ngoc', page: 1000, pageSize: 30 });
    expect(past).toMatchObject({ total: expected.total, totalCapped: false, items: [] });
    const none = await repo.list({ unitId: province.id, q: 'zzzz khong co', pageSize: 30 });
    expect(none).toMatchObject({ total: 0, totalCapped: false, items: [] });
  });

  it('totals an unfiltered province exactly from the roll-up, and counts other filters up to the cap', async () => {
    const repo = new MemberRepository(handle.db, actor);
    const province = await unit('83');
    const all = await repo.list({ unitId: province.id, pageSize: 50 });
    expect(all).toMatchObject({ total: (await byPath(province.path, null, 1)).total, totalCapped: false });
    expect(all.total).toBeGreaterThan(COUNT_CAP);
    const gone = await repo.list({ unitId: province.id, status: ['removed', 'deceased'], pageSize: 50 });
    expect(gone.total).toBe((await byPath(province.path, ['removed', 'deceased'], 1)).total);
    const inCells = await repo.list({ unitId: province.id, unitKind: 'cell', pageSize: 50 });
    expect(inCells).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(inCells.items).toHaveLength(50);
  });

  it('moves the keys with a moved unit, without audit rows for them', { timeout: 180_000 }, async () => {
    const commune = await handle.db.selectFrom('unit').select(['id', 'row_version']).where('code', '=', '28861').executeTakeFirstOrThrow();
    const batri = await unit('836');
    const audits = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'member'`.execute(handle.db)).rows[0]!.n;
    const before = await audits();
    await new UnitRepository(handle.db, actor).update(commune.id, { parentId: batri.id, effectiveDate: todayIso(), rowVersion: commune.row_version });
    expect(await audits()).toBe(before);
    const list = await new MemberRepository(handle.db, actor).list({ unitId: batri.id, status: active, pageSize: 50 });
    const expected = await byPath((await unit('836')).path, active, 50);
    expect(list.items.map((i) => i.id)).toEqual(expected.ids);
    expect(list.total).toBe(expected.total);
    const { rows: [stale] } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM member m JOIN unit u ON u.id = m.unit_id
      WHERE m.depth1_unit_id IS DISTINCT FROM (string_to_array(ltree2text(u.path), '.')::bigint[])[2]
         OR m.depth2_unit_id IS DISTINCT FROM (string_to_array(ltree2text(u.path), '.')::bigint[])[3]
         OR m.depth3_unit_id IS DISTINCT FROM (string_to_array(ltree2text(u.path), '.')::bigint[])[4]`.execute(handle.db);
    expect(stale!.n).toBe(0);
    expect((await checkCounts(handle.db)).differences).toEqual([]);
    // The list keeps the depth of the units it listed as a hint: a unit moved to another depth since (the
    // commune from under a district to straight under the province, its cell from depth 4 to 3) still
    // lists exactly its members.
    const repo = new MemberRepository(handle.db, actor);
    const cell = await handle.db.selectFrom('unit').select('code').where('kind', '=', 'cell').where('code', 'like', '28861.%').orderBy('code').executeTakeFirstOrThrow();
    const listed = async (code: string) => {
      const u = await unit(code);
      const got = await repo.list({ unitId: u.id, status: active, pageSize: 50 });
      const expected = await byPath(u.path, active, 50);
      return { depth: u.depth, same: got.items.map((i) => i.id).join() === expected.ids.join() && got.total === expected.total, total: got.total };
    };
    expect(await listed('28861')).toMatchObject({ depth: 3, same: true });
    expect(await listed(cell.code)).toMatchObject({ depth: 4, same: true });
    const moved = await handle.db.selectFrom('unit').select(['id', 'row_version']).where('code', '=', '28861').executeTakeFirstOrThrow();
    await new UnitRepository(handle.db, actor).update(moved.id, { parentId: (await unit('83')).id, effectiveDate: todayIso(), rowVersion: moved.row_version });
    const afterMove = await listed('28861');
    expect(afterMove).toMatchObject({ depth: 2, same: true });
    expect(afterMove.total).toBeGreaterThan(0);
    expect(await listed(cell.code)).toMatchObject({ depth: 3, same: true });

    await sql`UPDATE member SET depth2_unit_id = NULL WHERE id = (SELECT min(id) FROM member)`.execute(handle.db);
    expect((await checkCounts(handle.db)).differences).toEqual([expect.objectContaining({ source: 'member subtree keys', kept: 1 })]);
  });
});
