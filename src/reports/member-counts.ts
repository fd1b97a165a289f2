// Members of a unit's subtree on any date (issue 3 item 6; issues 5, 6, 8 build on it): computed from the
// dated history (member_period) over the tree of that date (unit_version), so a past date gives that date's
// numbers whatever was restructured since. For today it equals the current-state view (tested).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ACTIVE_STATUSES } from '../domain/members.ts';
import { AppError, ValidationError } from '../domain/errors.ts';
import { formatVietnameseDate, isIsoDate, todayIso } from '../domain/dates.ts';

export interface MemberCounts {
  unit: { code: string; name: string; kind: string };
  asOf: string;
  /** Everyone who is a member on that date: probationary, official, exempt, transferring. */
  total: number;
  byStatus: Record<string, number>;
  children: Array<{ code: string; name: string; kind: string; total: number }>;
}

const inForce = (alias: string, date: string) => sql.raw(`${alias}.valid_from <= '${date}' AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > '${date}')`);

export async function memberCounts(db: Kysely<Database>, actor: Actor, unitId: number, asOf: string = todayIso()): Promise<MemberCounts> {
  authorize(actor, 'member.read');
  if (!isIsoDate(asOf)) throw new ValidationError([{ field: 'asOf', code: 'invalid_date', message: 'Ngày không hợp lệ (YYYY-MM-DD)' }]);
  await new UnitRepository(db, actor).requireInScope(unitId);
  // asOf is a validated ISO date, so it is safe inside the raw fragments below.
  const version = await db.selectFrom('unit_version as v').select(['v.code', 'v.name', 'v.kind'])
    .where('v.unit_id', '=', unitId).where(sql<boolean>`${inForce('v', asOf)}`).executeTakeFirst();
  if (!version) {
    const span = await db.selectFrom('unit_version').select([sql<string>`min(valid_from)`.as('from'), sql<string | null>`max(valid_to)`.as('to')])
      .where('unit_id', '=', unitId).executeTakeFirst();
    throw new AppError('VALIDATION', `Đơn vị không tồn tại vào ngày ${formatVietnameseDate(asOf)} (tồn tại từ ${span?.from ? formatVietnameseDate(span.from) : '?'}${span?.to ? ` đến trước ${formatVietnameseDate(span.to)}` : ''})`,
      [{ field: 'asOf', code: 'unit_not_in_force', message: 'Đơn vị không tồn tại vào ngày này' }]);
  }
  const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));
  const { rows } = await sql<{ top_id: number | null; status: string; n: number }>`
    WITH RECURSIVE sub (unit_id, top_id) AS (
      SELECT ${unitId}::bigint, NULL::bigint
      UNION ALL
      SELECT v.unit_id, COALESCE(sub.top_id, v.unit_id) FROM sub
      JOIN unit_version v ON v.parent_id = sub.unit_id AND ${inForce('v', asOf)}
    )
    SELECT sub.top_id, p.status, count(*)::int AS n
    FROM sub JOIN member_period p ON p.unit_id = sub.unit_id AND ${inForce('p', asOf)}
    WHERE p.status IN (${active})
    GROUP BY sub.top_id, p.status`.execute(db);
  const { rows: kids } = await sql<{ unit_id: number; code: string; name: string; kind: string }>`
    SELECT v.unit_id, v.code, v.name, v.kind FROM unit_version v
    WHERE v.parent_id = ${unitId} AND ${inForce('v', asOf)} ORDER BY v.code`.execute(db);
  const byStatus: Record<string, number> = Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, 0]));
  const perChild = new Map<number, number>();
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    if (r.top_id !== null) perChild.set(r.top_id, (perChild.get(r.top_id) ?? 0) + r.n);
  }
  return {
    unit: { code: version.code, name: version.name, kind: version.kind }, asOf,
    total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus,
    children: kids.map((k) => ({ code: k.code, name: k.name, kind: k.kind, total: perChild.get(k.unit_id) ?? 0 })),
  };
}
