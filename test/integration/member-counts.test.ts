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
import { admissionEraOf, ageBandOf, professionalOf } from '../../src/domain/statistics/breakdowns.ts';
import { startTestApp } from './app.ts';
import { checkCounts } from '../../src/commands/check-counts.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';

let handle: DatabaseHandle;
let actor: Actor;
let versions: Array<{ unit_id: number; parent_id: number | null; valid_from: string; valid_to: string | null }>;
let periods: Array<{ unit_id: number; status: string; valid_from: string; valid_to: string | null }>;
let periodsWithMember: Array<{ member_id: number; unit_id: number; status: string; valid_from: string; valid_to: string | null }>;
let members: Array<{ id: number; sex: string; birth_date: string; ethnicity: string; education_professional: string | null; admission_date: string | null; admission_decision_date: string | null }>;
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017 });
  actor = await systemActor(handle.db);
  versions = await handle.db.selectFrom('unit_version').select(['unit_id', 'parent_id', 'valid_from', 'valid_to']).execute();
  periodsWithMember = await handle.db.selectFrom('member_period').select(['member_id', 'unit_id', 'status', 'valid_from', 'valid_to']).execute();
  periods = periodsWithMember;
  members = await handle.db.selectFrom('member').select(['id', 'sex', 'birth_date', 'ethnicity', 'education_professional', 'admission_date', 'admission_decision_date']).execute();
});
afterAll(async () => handle?.close());

const covers = (r: { valid_from: string; valid_to: string | null }, d: string) => r.valid_from <= d && (r.valid_to === null || r.valid_to > d);

/** The brute-force answer: walk the tree of that date in memory and count the periods of that date. */
function subtree(unitId: number, d: string): Set<number> {
  const kids = new Map<number, number[]>();
  for (const v of versions) if (covers(v, d) && v.parent_id !== null) (kids.get(v.parent_id) ?? kids.set(v.parent_id, []).get(v.parent_id)!).push(v.unit_id);
  const inTree = new Set<number>();
  const stack = [unitId];
  while (stack.length) { const u = stack.pop()!; inTree.add(u); stack.push(...(kids.get(u) ?? [])); }
  return inTree;
}

function recount(unitId: number, d: string): number {
  const inTree = subtree(unitId, d);
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
    // The 16 communes of Châu Thành after the mergers of 2020 and 2024 (22 in May 2017).
    expect(r.children.filter((c) => c.kind === 'grassroots_committee' && /^\d{5}$/.test(c.code))).toHaveLength(16);
  });

  it('gives every breakdown of Biểu 3 summing to the total, each equal to a classification of the members in memory', async () => {
    const d = '2017-05-05';
    const unitId = await id('831');
    const r = await memberCounts(handle.db, actor, unitId, d);
    expect(r.total).toBeGreaterThan(1000);
    for (const key of ['byStatus', 'bySex', 'byAgeBand', 'byAdmissionEra', 'byPartyAgeBand', 'byEthnicity', 'byReligion', 'byGeneralEducation', 'byProfessional', 'byTheory'] as const) {
      expect(Object.values(r[key]).reduce((a, b) => a + b, 0), key).toBe(r.total);
    }
    // The brute force: members whose period of that date is active in the subtree of that date.
    const inTree = subtree(unitId, d);
    const ids = new Set(periodsWithMember.filter((p) => covers(p, d) && inTree.has(p.unit_id) && (ACTIVE_STATUSES as readonly string[]).includes(p.status)).map((p) => p.member_id));
    const people = members.filter((m) => ids.has(m.id));
    const tally = (f: (m: (typeof members)[number]) => string) => people.reduce<Record<string, number>>((acc, m) => { acc[f(m)] = (acc[f(m)] ?? 0) + 1; return acc; }, {});
    const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n > 0));
    expect(nonZero(r.byAgeBand)).toEqual(tally((m) => ageBandOf(Number(m.birth_date.slice(0, 4)), 2017)));
    expect(nonZero(r.byAdmissionEra)).toEqual(tally((m) => admissionEraOf(m.admission_decision_date ?? m.admission_date)));
    expect(nonZero(r.byEthnicity)).toEqual(tally((m) => m.ethnicity));
    expect(nonZero(r.byProfessional)).toEqual(tally((m) => professionalOf(m.education_professional)));
    expect(nonZero(r.bySex)).toEqual(tally((m) => m.sex));
    expect(r.averageAge).toBeCloseTo(people.reduce((a, m) => a + 2017 - Number(m.birth_date.slice(0, 4)), 0) / people.length, 1);
    // Each district committee's row: its own recount, with status and women.
    for (const c of r.children.slice(0, 5)) {
      // Codes are read on the report's date (28801 was thị trấn Châu Thành's code in 2017).
      const childId = await new UnitRepository(handle.db, actor).resolveCode(c.code, d);
      expect(c.unitId, `${c.code} id (drill-down)`).toBe(childId);
      expect(c.total, c.code).toBe(recount(childId, d));
      expect(Object.values(c.byStatus).reduce((a, b) => a + b, 0)).toBe(c.total);
      expect(c.female).toBeLessThanOrEqual(c.total);
    }
    expect(r.ageBasis).toMatch(/năm báo cáo trừ năm sinh/);
  });

  it('reads today from the kept roll-up, equal to the recount from the history, before and after a commune moves', async () => {
    const same = async (code: string) => {
      const unitId = await id(code);
      expect(await memberCounts(handle.db, actor, unitId, todayIso(), 'auto'), code).toEqual(await memberCounts(handle.db, actor, unitId, todayIso(), 'history'));
    };
    for (const code of ['TW', '83', '831']) await same(code);
    expect((await checkCounts(handle.db)).differences).toEqual([]);
    // A commune committee moves from Châu Thành to Ba Tri: the roll-ups above both places are recounted.
    const commune = await handle.db.selectFrom('unit').select(['id', 'row_version']).where('code', '=', '28861').executeTakeFirstOrThrow();
    const before = (await memberCounts(handle.db, actor, await id('831'))).total;
    const moving = (await memberCounts(handle.db, actor, commune.id)).total;
    expect(moving).toBeGreaterThan(0);
    await new UnitRepository(handle.db, actor).update(commune.id, { parentId: await id('836'), effectiveDate: todayIso(), rowVersion: commune.row_version });
    expect((await memberCounts(handle.db, actor, await id('831'))).total).toBe(before - moving);
    for (const code of ['83', '831', '836']) await same(code);
    expect((await checkCounts(handle.db)).differences).toEqual([]);
    // A hand edit of the roll-up is caught.
    await sql`UPDATE stat_rollup SET n = n + 1 WHERE unit_id = ${await id('836')} AND dim = 'ethnicity' AND value = 'Kinh' AND status = 'official' AND sex = 'male'`.execute(handle.db);
    expect((await checkCounts(handle.db)).differences).toEqual([expect.objectContaining({ source: 'stat_rollup ethnicity=Kinh', status: 'official' })]);
    await sql`SELECT stat_refresh(NULL)`.execute(handle.db);
    // Three full recounts of the demo: on a busy 2-core machine PGlite needs more than the default minute.
  }, 180_000);

  it('refuses a date before the unit existed, naming when it did', async () => {
    await expect(memberCounts(handle.db, actor, await id('831'), '1900-01-01')).rejects.toThrow(/không tồn tại vào ngày 01\/01\/1900/);
  });
});

describe(`the roll report through the API on ${backend}`, () => {
  it('exports the rows of Biểu 3 as CSV and XLSX, equal to the JSON', async () => {
    const app = await startTestApp();
    try {
      const cookie = await app.login('admin83');
      const unitId = app.fixture.units['831'];
      const url = `/api/reports/members?unitId=${unitId}&asOf=${todayIso()}`;
      const json = (await app.app.inject({ method: 'GET', url, headers: { cookie } })).json();
      expect(json.total).toBeGreaterThan(0);
      expect(json.byAgeBand).toBeDefined();
      const csv = await app.app.inject({ method: 'GET', url: `${url}&format=csv`, headers: { cookie } });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body).toContain(`Tổng số,${json.total}`);
      expect(csv.body).toContain(`Trong đó: Nữ,${json.bySex.female}`);
      expect(csv.body).toContain('Từ 01/5/1975 đến nay');
      const xlsx = await app.app.inject({ method: 'GET', url: `${url}&format=xlsx`, headers: { cookie } });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    } finally { await app.close(); }
  });
});
