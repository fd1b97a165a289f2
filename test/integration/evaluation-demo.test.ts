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
    expect(summary.campaigns).toBe(3);
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
    expect(campaigns.map((c) => [c.year, c.ruleSetId])).toEqual([[2025, 'qd366'], [2024, 'qd124'], [2016, 'hd27_2014']]);
    const tienThuy = await new UnitRepository(handle.db, actor).resolveCode('28861', '2016-12-31');
    for (const c of campaigns) {
      const { roster, report } = await svc.check(c.id, tienThuy, 'decided', true);
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
    expect(results.years.find((y) => y.year === 2024)!.members.total).toBeGreaterThan(30_000);
    expect(results.failing.members.length).toBe(results.members.failed);
  });
});
