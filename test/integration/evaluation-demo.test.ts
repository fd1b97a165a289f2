// The evaluation demo on top of the province demo: the seed's weak units of Châu Thành for 2016 counted by
// kind (5 + 8 + 1), and decided ratings that pass the rules of their year when the service re-checks them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { loadEvaluationDemo, type EvaluationDemoSummary } from '../../src/demo/evaluation.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { WeakUnitService } from '../../src/commands/weak-units.ts';
import { EvaluationService } from '../../src/commands/evaluation.ts';
import { evaluationResults } from '../../src/reports/evaluation.ts';
import { consolidationOverview } from '../../src/reports/consolidation.ts';

let handle: DatabaseHandle;
let summary: EvaluationDemoSummary;
const TODAY = '2026-06-01';
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017, today: TODAY });
  summary = await loadEvaluationDemo(handle.db, { seed: 2017, today: TODAY });
}, 300_000);
afterAll(async () => handle?.close());

describe(`evaluation demo on ${backend}`, () => {
  it('reproduces the seed: 5 grassroots organizations, 8 cells under grassroots committees and 1 other cell in Châu Thành, 2016', async () => {
    expect(summary.campaigns).toBe(10);
    expect(summary.weakUnits).toBe(14);
    const actor = await systemActor(handle.db);
    const units = new UnitRepository(handle.db, actor);
    const r = await new WeakUnitService(handle.db, actor).report(await units.resolveCode('831', '2016-12-31'), 2016);
    expect(r.total).toBe(14);
    expect(r.byKind).toEqual({ grassroots: 5, cell_of_grassroots_committee: 8, cell_other: 1 });
    for (const u of r.units) {
      expect(u.categories.every((c) => ['slow_change', 'declining', 'disunited'].includes(c))).toBe(true);
      expect(u.measures && u.responsible && u.deadline).toBeTruthy();
    }
    // The other cell sits under a partial committee on 31/12/2016, not before 2015.
    const other = r.units.find((u) => u.weakKind === 'cell_other')!;
    const parents = (await sql<{ kind: string }>`SELECT p.kind FROM unit_version v JOIN unit_version p ON p.unit_id = v.parent_id AND p.valid_to IS NULL
      WHERE v.unit_id = ${other.unitId} ORDER BY v.valid_from`.execute(handle.db)).rows.map((x) => x.kind);
    expect(parents).toEqual(['grassroots_committee', 'partial_committee']);
    // The province counts only Châu Thành's, and no other year has any.
    expect((await new WeakUnitService(handle.db, actor).report(await units.resolveCode('83', '2016-12-31'), 2016)).total).toBe(14);
    expect((await new WeakUnitService(handle.db, actor).report(await units.resolveCode('83', '2017-12-31'), 2017)).total).toBe(0);
  });

  it('rates every evaluated member once a year, within the rules the service checks', async () => {
    const actor = await systemActor(handle.db);
    const svc = new EvaluationService(handle.db, actor);
    const campaigns = await svc.listCampaigns();
    // Every year from 2016 to the last review day before "today", each under the rule set of its year.
    expect(campaigns.map((c) => [c.year, c.ruleSetId]).reverse()).toEqual([
      [2016, 'hd27_2014'], [2017, 'hd27_2014'], [2018, 'qd132_hd16'], [2019, 'qd132_hd21'], [2020, 'qd132_hd21'], [2021, 'qd132_hd21'], [2022, 'qd132_hd21'],
      [2023, 'qd124'], [2024, 'qd124'], [2025, 'qd366'],
    ]);
    // Checked at the district, whose committee decides the communes' ratings: their cap groups are whole there
    // (a commune checked alone is a group of one organization).
    const chauThanh = await new UnitRepository(handle.db, actor).resolveCode('831', '2016-12-31');
    for (const c of campaigns) {
      const { roster, report } = await svc.check(c.id, chauThanh, 'decided', true);
      expect(roster.rows.filter((r) => r.subject === 'member' && !r.notEvaluated).every((r) => r.decidedLevel && r.locked)).toBe(true);
      expect(report.violations, `${c.year}`).toEqual([]);
    }
    // Members disciplined in 2024 are rated KHTNV (QĐ 124 Điều 12).
    const wrong = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM evaluation_rating r JOIN evaluation_campaign c ON c.id = r.campaign_id
      JOIN member_event e ON e.member_id = r.member_id AND e.kind = 'discipline' AND extract(year FROM e.effective_date) = c.year
      WHERE c.year IN (2024, 2025) AND r.decided_level <> 'failed'`.execute(handle.db);
    expect(wrong.rows[0]!.n).toBe(0);
    const results = await evaluationResults(handle.db, actor, await new UnitRepository(handle.db, actor).resolveCode('83', '2024-12-31'), 2025);
    expect(results.members.total).toBeGreaterThan(30_000);
    expect(results.members.excellent * 5).toBeLessThanOrEqual(results.members.good);
    expect(results.years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    for (const y of results.years) expect(y.members.total, `${y.year}`).toBeGreaterThan(30_000);
    expect(results.failing.members.length).toBe(results.members.failed);
  });
  it('counts the weak units by kind as a recount from the tree of the year does, and follows their plans to the overview', async () => {
    const actor = await systemActor(handle.db);
    const units = new UnitRepository(handle.db, actor);
    const district = await units.resolveCode('831', '2016-12-31');
    const r = await new WeakUnitService(handle.db, actor).report(district, 2016);
    // The recount: each flagged unit's kind and its parent's kind on 31/12/2016, bucketed as the seed does.
    const recount = await sql<{ bucket: string; n: number }>`
      SELECT CASE WHEN v.kind IN ('grassroots_committee', 'grassroots_cell') THEN 'grassroots'
                  WHEN pv.kind = 'grassroots_committee' THEN 'cell_of_grassroots_committee' ELSE 'cell_other' END AS bucket, count(*)::int AS n
      FROM weak_unit w JOIN unit u ON u.id = w.unit_id
      JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= '2016-12-31' AND (v.valid_to IS NULL OR v.valid_to > '2016-12-31')
      LEFT JOIN unit_version pv ON pv.unit_id = v.parent_id AND pv.valid_from <= '2016-12-31' AND (pv.valid_to IS NULL OR pv.valid_to > '2016-12-31')
      WHERE w.year = 2016 AND u.path <@ (SELECT path FROM unit WHERE id = ${district}) GROUP BY 1`.execute(handle.db);
    expect(Object.fromEntries(recount.rows.map((x) => [x.bucket, x.n]))).toEqual(r.byKind);

    expect(summary.tasks).toBeGreaterThan(14 * 2);
    const o = await consolidationOverview(handle.db, actor, district, 2016, TODAY);
    const consolidated = r.units.filter((u) => u.result === 'consolidated').length;
    expect(o.total).toMatchObject({ flagged: 14, plans: 14, tasks: summary.tasks, consolidated, carriedOver: 14 - consolidated, inProgress: 0 });
    // A consolidated plan has every task done; a carried-over one keeps its open tasks, overdue since 2017.
    const tasks = await sql<{ result: string; status: string; n: number }>`SELECT w.result, t.status, count(*)::int AS n FROM consolidation_task t
      JOIN weak_unit w ON w.id = t.weak_unit_id GROUP BY 1, 2`.execute(handle.db);
    expect(tasks.rows.filter((x) => x.result === 'consolidated' && x.status !== 'done')).toEqual([]);
    const open = tasks.rows.filter((x) => x.status !== 'done').reduce((a, x) => a + x.n, 0);
    expect(o.total.tasksOverdue).toBe(open);
    expect(o.total.tasksDone).toBe(summary.tasks - open);
    expect(o.byUnit.reduce((a, u) => a + u.flagged, 0)).toBe(14);
    expect(o.years.map((y) => y.year)).toEqual([2016]);
  });
});
