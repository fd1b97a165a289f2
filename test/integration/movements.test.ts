// Biểu 1 from the history: the identity D = A + B − C at every level, A and D equal to the roll of those
// dates, and the rows against the events they come from (demo province, both databases).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { memberCounts } from '../../src/reports/member-counts.ts';
import { movementsReport } from '../../src/reports/movements.ts';
import { movementsCsv } from '../../src/reports/movements-export.ts';
import { addDays } from '../../src/domain/dates.ts';
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

const id = async (code: string) => (await handle.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe(`movements (Biểu 1) on ${backend}`, () => {
  it('keeps D = A + B − C, with A and D equal to the roll of those dates, for a province, a district and a commune', async () => {
    for (const code of ['83', '831', '28861']) {
      const unitId = await id(code);
      for (const [from, to] of [['2016-01-01', '2017-05-05'], ['2020-01-01', '2020-12-31']] as const) {
        const r = await movementsReport(handle.db, actor, unitId, from, to);
        expect(r.closing, `${code} ${from}`).toBe(r.opening + r.totalIncrease - r.totalDecrease);
        expect(r.opening, `${code} A`).toBe((await memberCounts(handle.db, actor, unitId, addDays(from, -1))).total);
        expect(r.closing, `${code} D`).toBe((await memberCounts(handle.db, actor, unitId, to)).total);
        expect(Object.values(r.increases).reduce((a, b) => a + b, 0)).toBe(r.totalIncrease);
        expect(r.people).toHaveLength(r.totalIncrease + r.totalDecrease);
        if (r.previousYear) expect(r.previousYear.closing).toBe(r.previousYear.opening + r.previousYear.totalIncrease - r.previousYear.totalDecrease);
      }
    }
  });

  it('counts admissions and exits of Châu Thành as the events of the period say, and moves inside it not at all', async () => {
    const unit = await handle.db.selectFrom('unit').select(['id', 'path']).where('code', '=', '831').executeTakeFirstOrThrow();
    const r = await movementsReport(handle.db, actor, unit.id, '2016-01-01', '2017-05-05');
    const { rows } = await sql<{ kind: string; n: number }>`
      SELECT e.kind, count(*)::int AS n FROM member_event e
      JOIN member_period p ON p.member_id = e.member_id AND p.valid_from <= e.effective_date AND (p.valid_to IS NULL OR p.valid_to > e.effective_date)
      JOIN unit u ON u.id = p.unit_id
      WHERE u.path <@ ${unit.path}::ltree AND e.effective_date BETWEEN '2016-01-01' AND '2017-05-05'
        AND e.kind IN ('admission', 'death', 'leave_on_request', 'expulsion')
        AND NOT EXISTS (SELECT 1 FROM member_event x WHERE x.voids_event_id = e.id)
      GROUP BY e.kind`.execute(handle.db);
    const n = (k: string) => rows.find((x) => x.kind === k)?.n ?? 0;
    expect(n('admission')).toBeGreaterThan(0);
    expect(r.increases.admitted).toBe(n('admission'));
    expect(r.decreases.deceased).toBe(n('death'));
    expect(r.decreases.left).toBe(n('leave_on_request'));
    // The seed's story: 39 removals for abandoned activities and 14 leavings settled in this window.
    expect(r.decreases.removed).toBeGreaterThanOrEqual(39);
    expect(r.decreases.left).toBeGreaterThanOrEqual(14);
    // Over a long period people move in and out of the district; a move between its own cells is not counted.
    const long = await movementsReport(handle.db, actor, unit.id, '2000-01-01', '2017-05-05');
    expect(long.increases.transferred_in_same_province + long.increases.transferred_in_other_province).toBeGreaterThan(0);
    // Exactly the changes of cell that cross the district's border (the demo has no restructuring, so today's
    // paths are those of every date); a move between two of its own cells is not counted.
    const crossings = async (direction: 'in' | 'out') => {
      const { rows: [c] } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM member_period a JOIN member_period b ON b.member_id = a.member_id AND b.valid_from = a.valid_to
        JOIN unit ua ON ua.id = a.unit_id JOIN unit ub ON ub.id = b.unit_id
        WHERE a.unit_id <> b.unit_id AND (ua.path <@ ${unit.path}::ltree) = ${direction === 'out'} AND (ub.path <@ ${unit.path}::ltree) = ${direction === 'in'}
          AND a.status IN ('official', 'probationary', 'transferring', 'exempt') AND b.status IN ('official', 'probationary', 'transferring', 'exempt')
          AND b.valid_from BETWEEN '2000-01-01' AND '2017-05-05'`.execute(handle.db);
      return c!.n;
    };
    expect(long.increases.transferred_in_same_province + long.increases.transferred_in_other_province).toBe(await crossings('in'));
    expect(long.decreases.transferred_out_same_province + long.decreases.transferred_out_other_province).toBe(await crossings('out'));
  });

  it('exports the form with the previous year and refuses an inverted period', async () => {
    const unitId = await id('831');
    const r = await movementsReport(handle.db, actor, unitId, '2017-01-01', '2017-03-31');
    const csv = movementsCsv(r);
    expect(csv).toContain(`A. Tổng số đảng viên cuối kỳ trước chuyển sang,${r.opening},${r.previousYear!.opening}`);
    expect(csv).toContain(`D. Đảng viên trong danh sách cuối kỳ báo cáo,${r.closing}`);
    await expect(movementsReport(handle.db, actor, unitId, '2017-03-31', '2017-01-01')).rejects.toMatchObject({ fields: [{ field: 'to' }] });
  });
});
