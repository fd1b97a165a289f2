// The recruitment demo on top of the province demo: the seed's 75 cadres and civil servants of Châu Thành
// who asked to quit between 01/01/2016 and 05/05/2017, equal to a recount of the rows, and the CLI's report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { resignationReport } from '../../src/reports/resignations.ts';
import { recruitmentReport } from '../../src/reports/recruitment.ts';

let handle: DatabaseHandle;
const TODAY = '2026-06-01';
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017, today: TODAY });
}, 300_000);
afterAll(async () => handle?.close());

describe(`recruitment demo on ${backend}`, () => {
  it('has the seed\'s 75 requests in Châu Thành from 01/01/2016 to 05/05/2017, equal to a recount', async () => {
    const actor = await systemActor(handle.db);
    const units = new UnitRepository(handle.db, actor);
    const r = await resignationReport(handle.db, actor, await units.resolveCode('831', '2017-05-05'), '2016-01-01', '2017-05-05');
    expect(r.total).toBe(75);
    const { rows: [recount] } = await sql<{ n: number; units: number; levels: number; counselled: number }>`
      SELECT count(*)::int AS n, count(DISTINCT r.unit_id)::int AS units, count(DISTINCT r.level)::int AS levels,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM resignation_counselling c WHERE c.request_id = r.id))::int AS counselled
        FROM resignation_request r JOIN unit u ON u.id = r.unit_id JOIN unit d ON d.code = '831' AND d.kind = 'district_committee'
       WHERE u.path <@ d.path AND r.requested_on BETWEEN '2016-01-01' AND '2017-05-05'`.execute(handle.db);
    expect(recount!.n).toBe(75);
    // Spread over communes and district agencies, every one counselled.
    expect(recount!.units).toBeGreaterThan(10);
    expect(recount!.levels).toBe(2);
    expect(r.counselled).toBe(recount!.counselled);
    expect(r.counselled).toBe(75);
    for (const [key, map] of [['reason', r.byReason], ['outcome', r.byOutcome], ['level', r.byLevel]] as const) {
      expect(Object.values(map).reduce((a, b) => a + b, 0)).toBe(75);
      for (const [k, n] of Object.entries(map)) expect(r.people.filter((p) => p[key] === k).length).toBe(n);
    }
    // Other districts and years have their own; the window's edges hold (a day either side changes the count).
    const province = await resignationReport(handle.db, actor, await units.resolveCode('83', '2017-05-05'), '2016-01-01', '2017-05-05');
    expect(province.total).toBeGreaterThan(75);
    const wider = await resignationReport(handle.db, actor, await units.resolveCode('831', '2017-05-05'), '2015-01-01', '2017-12-31');
    expect(wider.total).toBeGreaterThan(75);
    const { rows: outside } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resignation_request WHERE requested_on < '2016-01-01' OR requested_on > '2017-05-05'`.execute(handle.db);
    expect(outside[0]!.n).toBeGreaterThan(100);
    const { rows: bad } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resignation_request WHERE outcome_on < requested_on OR requested_on > ${TODAY}::date`.execute(handle.db);
    expect(bad[0]!.n).toBe(0);
  });

  it('lists the park enterprises with workers but no party organization, equal to a recount, with their candidates', async () => {
    const actor = await systemActor(handle.db);
    const units = new UnitRepository(handle.db, actor);
    const r = await recruitmentReport(handle.db, actor, await units.resolveCode('831', TODAY), 2026);
    const e = r.enterprisesWithoutParty;
    const { rows: [recount] } = await sql<{ n: number; workers: number; with_party: number; parks: number }>`
      SELECT count(*) FILTER (WHERE e.workers > 0 AND (p.id IS NULL OR p.dissolved_on <= ${TODAY}::date))::int AS n,
             coalesce(sum(e.workers) FILTER (WHERE e.workers > 0 AND (p.id IS NULL OR p.dissolved_on <= ${TODAY}::date)), 0)::int AS workers,
             count(*) FILTER (WHERE p.id IS NOT NULL AND (p.dissolved_on IS NULL OR p.dissolved_on > ${TODAY}::date))::int AS with_party,
             count(DISTINCT e.park_id)::int AS parks
        FROM enterprise e JOIN unit u ON u.id = e.unit_id LEFT JOIN unit p ON p.id = e.party_unit_id
       WHERE u.path <@ (SELECT path FROM unit WHERE code = '831' AND kind = 'district_committee')`.execute(handle.db);
    expect(e.total).toBe(recount!.n);
    expect(e.workers).toBe(recount!.workers);
    expect(e.groups.reduce((a, g) => a + g.enterprises.length, 0)).toBe(e.total);
    // The seed's two parks; most firms without a cell, some with one.
    expect(recount!.parks).toBe(2);
    expect(new Set(e.groups.map((g) => g.parkName))).toEqual(new Set(['KCN Giao Long', 'KCN An Hiệp']));
    expect(recount!.with_party).toBeGreaterThanOrEqual(5);
    expect(e.total).toBeGreaterThan(recount!.with_party);
    // Candidates come from those firms, and every one listed works there.
    expect(e.candidates).toBeGreaterThan(0);
    const { rows: [cands] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM candidate c JOIN enterprise e ON e.id = c.enterprise_id
      WHERE e.party_unit_id IS NULL AND e.workers > 0 AND c.member_id IS NULL`.execute(handle.db);
    expect(e.candidates).toBe(cands!.n);
    // The province sees the same list.
    const province = await recruitmentReport(handle.db, actor, await units.resolveCode('83', TODAY), 2026);
    expect(province.enterprisesWithoutParty.total).toBe(e.total);
  });

  it("counts the year's admissions as a recount of the admission events, with Biểu 2's breakdowns summing to it", async () => {
    const actor = await systemActor(handle.db);
    const units = new UnitRepository(handle.db, actor);
    for (const [code, year] of [['831', 2016], ['83', 2016], ['831', 2025]] as const) {
      const r = await recruitmentReport(handle.db, actor, await units.resolveCode(code, `${year}-12-31`), year);
      const { rows: [recount] } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM member_event e JOIN unit u ON u.id = (e.details->>'unitId')::bigint
         WHERE e.kind = 'admission' AND extract(year FROM e.effective_date) = ${year}
           AND u.path <@ (SELECT path FROM unit WHERE code = ${code} AND kind IN ('district_committee', 'province_committee'))
           AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = e.id)`.execute(handle.db);
      expect(r.admitted, `${code} ${year}`).toBe(recount!.n);
      expect(r.admitted).toBeGreaterThan(0);
      expect(Object.values(r.bySource).reduce((a, b) => a + b, 0)).toBe(r.admitted);
      const n = r.newMembers;
      expect(n.total).toBe(r.admitted);
      for (const m of [n.byAgeBand, n.byGeneralEducation, n.byProfessional, n.byTheory]) expect(Object.values(m).reduce((a, b) => a + b, 0)).toBe(r.admitted);
      expect(n.female).toBeLessThanOrEqual(r.admitted);
      expect(n.grassrootsWithAdmissions).toBeGreaterThan(0);
      // The sub-units' admissions add up to the whole (every admission cell lies under one of them).
      expect(r.children.reduce((a, c) => a + c.admitted, 0)).toBe(r.admitted);
      expect(Object.values(r.byStage).reduce((a, b) => a + b, 0)).toBe(r.inProgress);
    }
  });
});
