// Counts of members on any date, from the history over the tree of that date, against a brute-force
// recount in memory; for today, equal to the current-state view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { memberCounts } from '../../src/reports/member-counts.ts';
import { ACTIVE_STATUSES } from '../../src/domain/members.ts';
import { todayIso } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/policies/index.ts';

let handle: DatabaseHandle;
let actor: Actor;
let versions: Array<{ unit_id: number; parent_id: number | null; valid_from: string; valid_to: string | null }>;
let periods: Array<{ unit_id: number; status: string; valid_from: string; valid_to: string | null }>;
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017 });
  actor = await systemActor(handle.db);
  versions = await handle.db.selectFrom('unit_version').select(['unit_id', 'parent_id', 'valid_from', 'valid_to']).execute();
  periods = await handle.db.selectFrom('member_period').select(['unit_id', 'status', 'valid_from', 'valid_to']).execute();
});
afterAll(async () => handle?.close());

const covers = (r: { valid_from: string; valid_to: string | null }, d: string) => r.valid_from <= d && (r.valid_to === null || r.valid_to > d);

/** The brute-force answer: walk the tree of that date in memory and count the periods of that date. */
function recount(unitId: number, d: string): number {
  const kids = new Map<number, number[]>();
  for (const v of versions) if (covers(v, d) && v.parent_id !== null) (kids.get(v.parent_id) ?? kids.set(v.parent_id, []).get(v.parent_id)!).push(v.unit_id);
  const inTree = new Set<number>();
  const stack = [unitId];
  while (stack.length) { const u = stack.pop()!; inTree.add(u); stack.push(...(kids.get(u) ?? [])); }
  return periods.filter((p) => covers(p, d) && inTree.has(p.unit_id) && (ACTIVE_STATUSES as readonly string[]).includes(p.status)).length;
}

const id = async (code: string) => (await handle.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe(`member counts as of a date on ${backend}`, () => {
  it('equal a brute-force recount for the province, a district and a commune on several dates', async () => {
    for (const code of ['83', '831', '28861']) {
      const unitId = await id(code);
      for (const d of ['1990-01-01', '2016-01-01', '2017-05-05', '2021-06-30', todayIso()]) {
        const r = await memberCounts(handle.db, actor, unitId, d);
        expect(r.total, `${code} on ${d}`).toBe(recount(unitId, d));
        expect(r.children.reduce((n, c) => n + c.total, 0), `${code} children on ${d}`).toBeLessThanOrEqual(r.total);
      }
    }
  });

  it('for today, equal the current-state view of the counts table', async () => {
    const unit = await handle.db.selectFrom('unit').select(['id', 'path']).where('code', '=', '831').executeTakeFirstOrThrow();
    const { rows } = await sql<{ status: string; n: number }>`
      SELECT k.status, sum(k.n)::int AS n FROM unit d JOIN unit_member_count k ON k.unit_id = d.id
      WHERE d.path <@ ${unit.path}::ltree GROUP BY k.status`.execute(handle.db);
    const r = await memberCounts(handle.db, actor, unit.id, todayIso());
    for (const s of ACTIVE_STATUSES) expect(r.byStatus[s], s).toBe(rows.find((x) => x.status === s)?.n ?? 0);
    expect(r.unit).toEqual({ code: '831', name: 'Đảng bộ huyện Châu Thành', kind: 'district_committee' });
    expect(r.children.filter((c) => c.kind === 'grassroots_committee' && /^\d{5}$/.test(c.code))).toHaveLength(22);
  });

  it('refuses a date before the unit existed, naming when it did', async () => {
    await expect(memberCounts(handle.db, actor, await id('831'), '1900-01-01')).rejects.toThrow(/không tồn tại vào ngày 01\/01\/1900/);
  });
});
