// Movements of members over a period for any subtree (Biểu 1): the roll at the start (A), increases (B),
// decreases (C) and the roll at the end (D = A + B − C), with the same period of the previous year, and the
// list of people behind each number. Computed from the dated history (member_period, member_event) over the
// tree of each date (unit_version): a restructuring inside the period shows as its own row, and a past period
// gives the same numbers whatever happened after it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ValidationError } from '../domain/errors.ts';
import { addDays, isIsoDate } from '../domain/dates.ts';
import { DECREASES, INCREASES, memberMovements, type Decrease, type Increase, type MovementKind, type PeriodLike } from '../domain/statistics/movements.ts';
import { unitOn } from './member-counts.ts';

export interface MovementTotals {
  from: string;
  to: string;
  /** A: on the roll at the end of the day before `from`. */
  opening: number;
  increases: Record<Increase, number>;
  decreases: Record<Decrease, number>;
  /** The form's "Trong đó: Đảng viên dự bị" under removals. */
  removedProbationary: number;
  totalIncrease: number;
  totalDecrease: number;
  /** D: on the roll at the end of `to`; always opening + totalIncrease − totalDecrease. */
  closing: number;
}

export interface MovementsReport extends MovementTotals {
  unit: { code: string; name: string; kind: string };
  /** The same dates one year earlier (null when the unit did not exist then). */
  previousYear: MovementTotals | null;
  people: Array<{ memberId: number; fullName: string; date: string; kind: MovementKind; wasProbationary: boolean }>;
}

type Version = { unit_id: number; parent_id: number | null; kind: string; valid_from: string; valid_to: string | null };
const covers = (r: { valid_from: string; valid_to: string | null }, d: string) => r.valid_from <= d && (r.valid_to === null || r.valid_to > d);

export async function movementsReport(db: Kysely<Database>, actor: Actor, unitId: number, from: string, to: string): Promise<MovementsReport> {
  authorize(actor, 'member.read');
  const problems = [];
  if (!isIsoDate(from)) problems.push({ field: 'from', code: 'invalid_date', message: 'Ngày bắt đầu không hợp lệ (YYYY-MM-DD)' });
  if (!isIsoDate(to)) problems.push({ field: 'to', code: 'invalid_date', message: 'Ngày kết thúc không hợp lệ (YYYY-MM-DD)' });
  if (!problems.length && from > to) problems.push({ field: 'to', code: 'before_start', message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi' });
  if (problems.length) throw new ValidationError(problems);
  await new UnitRepository(db, actor).requireInScope(unitId);
  const unit = await unitOn(db, unitId, to);
  const current = await computeMovements(db, unitId, from, to);
  const lastYear = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4) === '-02-29' ? '-02-28' : d.slice(4)}`;
  const previous = await unitOn(db, unitId, lastYear(to)).then(() => computeMovements(db, unitId, lastYear(from), lastYear(to)), () => null);
  return { unit, ...current.totals, previousYear: previous?.totals ?? null, people: current.people };
}

async function computeMovements(db: Kysely<Database>, unitId: number, from: string, to: string) {
  const start = addDays(from, -1);
  // Every unit that was inside the subtree at some time in the window (closure over versions overlapping it).
  const { rows: universe } = await sql<{ unit_id: number }>`
    WITH RECURSIVE u (unit_id) AS (
      SELECT ${unitId}::bigint
      UNION
      SELECT v.unit_id FROM u JOIN unit_version v ON v.parent_id = u.unit_id
      WHERE v.valid_from <= ${to}::date AND (v.valid_to IS NULL OR v.valid_to > ${start}::date)
    ) SELECT unit_id FROM u`.execute(db);
  const ids = universe.map((r) => Number(r.unit_id));
  const versions = await db.selectFrom('unit_version').select(['unit_id', 'parent_id', 'kind', 'valid_from', 'valid_to'])
    .where('unit_id', 'in', ids).where('valid_from', '<=', to).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', start)]))
    .execute() as Version[];
  const versionsOf = group(versions, (v) => v.unit_id);
  const inUniverse = new Set(ids);
  const inSubtree = (u: number, d: string): boolean => {
    for (let cur: number | null = u, guard = 0; cur !== null && guard < 64; guard++) {
      if (cur === unitId) return (versionsOf.get(cur) ?? []).some((v) => covers(v, d));
      if (!inUniverse.has(cur)) return false;
      const v: Version | undefined = versionsOf.get(cur)?.find((x) => covers(x, d));
      if (!v) return false;
      cur = v.parent_id;
    }
    return false;
  };
  const treeChangeDates = [...new Set(versions.flatMap((v) => [v.valid_from, v.valid_to]).filter((d): d is string => d !== null && d > start && d <= to))];

  // The members who were in one of those units during the window, with all their periods and events in it.
  const { rows: periods } = await sql<{ member_id: number; full_name: string; valid_from: string; valid_to: string | null; status: string; unit_id: number }>`
    SELECT p.member_id, m.full_name, p.valid_from, p.valid_to, p.status, p.unit_id
    FROM member_period p JOIN member m ON m.id = p.member_id
    WHERE p.member_id IN (
      SELECT DISTINCT member_id FROM member_period
      WHERE unit_id = ANY(${ids}::bigint[])
        AND valid_from <= ${to}::date AND (valid_to IS NULL OR valid_to > ${start}::date))
    AND p.valid_from <= ${to}::date AND (p.valid_to IS NULL OR p.valid_to >= ${start}::date)
    ORDER BY p.member_id, p.valid_from`.execute(db);
  const memberIds = [...new Set(periods.map((p) => Number(p.member_id)))];
  const { rows: events } = memberIds.length ? await sql<{ member_id: number; kind: string; effective_date: string }>`
    SELECT e.member_id, e.kind, e.effective_date FROM member_event e
    WHERE e.member_id = ANY(${memberIds}::bigint[]) AND e.effective_date > ${start}::date AND e.effective_date <= ${to}::date
      AND e.kind <> 'void' AND NOT EXISTS (SELECT 1 FROM member_event x WHERE x.voids_event_id = e.id)`.execute(db) : { rows: [] };
  const eventsOf = group(events, (e) => Number(e.member_id));

  // Province of the other side of transfers (units outside the universe), by walking up the tree of that date.
  const provinceCache = new Map<string, number | null>();
  const pairs: Array<{ unitId: number; date: string }> = [];
  const periodsOf = group(periods, (p) => Number(p.member_id));
  for (const ps of periodsOf.values()) {
    for (let i = 1; i < ps.length; i++) {
      const a = ps[i - 1]!, b = ps[i]!;
      if (a.unit_id !== b.unit_id) pairs.push({ unitId: Number(a.unit_id), date: addDays(b.valid_from, -1) }, { unitId: Number(b.unit_id), date: b.valid_from });
    }
  }
  await loadProvinces(db, pairs, provinceCache);
  const provinceOf = (x: { unitId: number; date: string }) => provinceCache.get(`${x.unitId}@${x.date}`) ?? null;

  const totals: MovementTotals = {
    from, to, opening: 0, closing: 0, removedProbationary: 0, totalIncrease: 0, totalDecrease: 0,
    increases: Object.fromEntries(INCREASES.map((k) => [k, 0])) as Record<Increase, number>, decreases: Object.fromEntries(DECREASES.map((k) => [k, 0])) as Record<Decrease, number>,
  };
  const people: MovementsReport['people'] = [];
  for (const [memberId, ps] of periodsOf) {
    const mine: PeriodLike[] = ps.map((p) => ({ validFrom: p.valid_from, validTo: p.valid_to, status: p.status, unitId: Number(p.unit_id) }));
    const kindsOn = group(eventsOf.get(memberId) ?? [], (e) => e.effective_date);
    const r = memberMovements(mine, {
      from, to, inSubtree, treeChangeDates,
      eventKindsOn: (d) => (kindsOn.get(d) ?? []).map((e) => e.kind),
      sameProvince: (a, b) => { const pa = provinceOf(a), pb = provinceOf(b); return pa === null || pb === null ? null : pa === pb; },
    });
    if (r.opening) totals.opening += 1;
    if (r.closing) totals.closing += 1;
    for (const m of r.movements) {
      if ((INCREASES as readonly string[]).includes(m.kind)) { totals.increases[m.kind as Increase] += 1; totals.totalIncrease += 1; }
      else { totals.decreases[m.kind as Decrease] += 1; totals.totalDecrease += 1; }
      if (m.kind === 'removed' && m.wasProbationary) totals.removedProbationary += 1;
      people.push({ memberId, fullName: ps[0]!.full_name, ...m });
    }
  }
  people.sort((a, b) => a.date.localeCompare(b.date) || a.memberId - b.memberId);
  return { totals, people };
}

/** Fills `cache` with the province committee above each unit on its date (null above none). */
async function loadProvinces(db: Kysely<Database>, pairs: Array<{ unitId: number; date: string }>, cache: Map<string, number | null>) {
  const todo = [...new Map(pairs.map((p) => [`${p.unitId}@${p.date}`, p])).values()].filter((p) => !cache.has(`${p.unitId}@${p.date}`));
  for (let i = 0; i < todo.length; i += 2000) {
    const chunk = todo.slice(i, i + 2000);
    const { rows } = await sql<{ k: number; province_id: number }>`
      WITH RECURSIVE up (k, unit_id, d, kind, depth) AS (
        SELECT q.k, v.unit_id, q.d, v.kind, 0 FROM unnest(${chunk.map((p) => p.unitId)}::bigint[], ${chunk.map((p) => p.date)}::date[]) WITH ORDINALITY AS q (unit_id, d, k)
        JOIN unit_version v ON v.unit_id = q.unit_id AND v.valid_from <= q.d AND (v.valid_to IS NULL OR v.valid_to > q.d)
        UNION ALL
        SELECT up.k, p.unit_id, up.d, p.kind, up.depth + 1 FROM up
        JOIN unit_version c ON c.unit_id = up.unit_id AND c.valid_from <= up.d AND (c.valid_to IS NULL OR c.valid_to > up.d)
        JOIN unit_version p ON p.unit_id = c.parent_id AND p.valid_from <= up.d AND (p.valid_to IS NULL OR p.valid_to > up.d)
        WHERE up.kind <> 'province_committee' AND up.depth < 16
      ) SELECT k::int AS k, unit_id AS province_id FROM up WHERE kind = 'province_committee'`.execute(db);
    const found = new Map(rows.map((r) => [Number(r.k), Number(r.province_id)]));
    chunk.forEach((p, j) => cache.set(`${p.unitId}@${p.date}`, found.get(j + 1) ?? null));
  }
}

function group<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) (map.get(key(r)) ?? map.set(key(r), []).get(key(r))!).push(r);
  return map;
}
