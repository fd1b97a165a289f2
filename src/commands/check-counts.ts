// `dangvu check counts`: every count the application keeps (today: the per-unit counts table maintained by a
// trigger) recounted from the base tables, and the history's view of today recounted against the current
// state. Any difference is a bug, a missed trigger or a hand edit; the test suite runs this after random
// operations on both databases.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ACTIVE_STATUSES } from '../domain/members.ts';
import { todayIso } from '../domain/dates.ts';

export interface CountDifference {
  /** Which kept count disagrees: 'unit_member_count', 'stat_rollup <dim>' or 'member_period'. */
  source: string;
  unitId: number;
  status: string;
  kept: number;
  recounted: number;
}

export async function checkCounts(db: Kysely<Database>, today: string = todayIso()): Promise<{ checkedUnits: number; differences: CountDifference[] }> {
  // The counts table against a GROUP BY over the members (FULL JOIN: a missing row is a difference too).
  const { rows: table } = await sql<{ unit_id: number; status: string; kept: number; recounted: number }>`
    SELECT COALESCE(k.unit_id, r.unit_id) AS unit_id, COALESCE(k.status, r.status) AS status,
      COALESCE(k.n, 0)::int AS kept, COALESCE(r.n, 0)::int AS recounted
    FROM unit_member_count k
    FULL JOIN (SELECT unit_id, status, count(*)::int AS n FROM member GROUP BY unit_id, status) r
      ON r.unit_id = k.unit_id AND r.status = k.status
    WHERE COALESCE(k.n, 0) <> COALESCE(r.n, 0)`.execute(db);
  // The history's picture of today (the periods in force) against the current state, per unit and status.
  const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));
  const { rows: history } = await sql<{ unit_id: number; status: string; kept: number; recounted: number }>`
    WITH p AS (SELECT unit_id, status, count(*)::int AS n FROM member_period
               WHERE valid_from <= ${today}::date AND (valid_to IS NULL OR valid_to > ${today}::date) AND status IN (${active})
               GROUP BY unit_id, status),
         m AS (SELECT unit_id, status, count(*)::int AS n FROM member WHERE status IN (${active}) GROUP BY unit_id, status)
    SELECT COALESCE(p.unit_id, m.unit_id) AS unit_id, COALESCE(p.status, m.status) AS status,
      COALESCE(p.n, 0) AS kept, COALESCE(m.n, 0) AS recounted
    FROM p FULL JOIN m ON m.unit_id = p.unit_id AND m.status = p.status
    WHERE COALESCE(p.n, 0) <> COALESCE(m.n, 0)`.execute(db);
  // The statistics roll-up (0009) against its recount, row by row.
  const { rows: rollup } = await sql<{ unit_id: number; status: string; kept: number; recounted: number; dim: string; value: string }>`
    SELECT COALESCE(k.unit_id, r.unit_id) AS unit_id, COALESCE(k.status, r.status) AS status,
      COALESCE(k.dim, r.dim) AS dim, COALESCE(k.value, r.value) AS value, COALESCE(k.n, 0) AS kept, COALESCE(r.n, 0) AS recounted
    FROM (SELECT * FROM stat_rollup WHERE n <> 0) k
    FULL JOIN stat_recount(NULL) r ON r.unit_id = k.unit_id AND r.status = k.status AND r.sex = k.sex AND r.dim = k.dim AND r.value = k.value
    WHERE COALESCE(k.n, 0) <> COALESCE(r.n, 0)`.execute(db);
  // The subtree keys of the member list (0010) against the paths of the members' units.
  const { rows: keys } = await sql<{ unit_id: number; n: number }>`
    SELECT m.unit_id, count(*)::int AS n FROM member m JOIN unit u ON u.id = m.unit_id
    CROSS JOIN LATERAL (SELECT string_to_array(ltree2text(u.path), '.')::bigint[] AS ids) p
    WHERE m.depth1_unit_id IS DISTINCT FROM p.ids[2] OR m.depth2_unit_id IS DISTINCT FROM p.ids[3] OR m.depth3_unit_id IS DISTINCT FROM p.ids[4]
    GROUP BY m.unit_id`.execute(db);
  const { rows: [units] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit`.execute(db);
  return {
    checkedUnits: units?.n ?? 0,
    differences: [
      ...table.map((r) => ({ source: 'unit_member_count', unitId: Number(r.unit_id), status: r.status, kept: r.kept, recounted: r.recounted })),
      ...rollup.map((r) => ({ source: `stat_rollup ${r.dim}${r.value ? `=${r.value}` : ''}`, unitId: Number(r.unit_id), status: r.status, kept: r.kept, recounted: r.recounted })),
      ...keys.map((r) => ({ source: 'member subtree keys', unitId: Number(r.unit_id), status: '*', kept: r.n, recounted: 0 })),
      ...history.map((r) => ({ source: 'member_period', unitId: Number(r.unit_id), status: r.status, kept: r.kept, recounted: r.recounted })),
    ],
  };
}
