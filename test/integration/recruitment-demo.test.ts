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
});
