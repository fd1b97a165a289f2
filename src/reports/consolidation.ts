// Consolidation of weak units as the province follows it (issue 4 §5): per sub-unit of the unit asked for
// and per year, the units flagged, their plans and tasks (done, open, overdue on the day asked), and how
// many were consolidated or carried over; every plan of the year with its progress. Also the follow-up
// source that puts overdue and soon-due plan tasks in the work queues.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policies/index.ts';
import { authorize } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { daysBetween, todayIso } from '../domain/dates.ts';
import type { FollowUpSource } from './follow-ups.ts';

export interface ConsolidationCounts {
  flagged: number;
  /** Plans with at least one task. */
  plans: number;
  tasks: number;
  tasksDone: number;
  tasksOverdue: number;
  consolidated: number;
  carriedOver: number;
  inProgress: number;
}

export interface ConsolidationOverview {
  unit: { id: number; code: string; name: string; kind: string };
  year: number;
  asOf: string;
  total: ConsolidationCounts;
  /** The sub-units of the year's tree (end of the year), each with its subtree's counts. */
  byUnit: Array<{ unitId: number; code: string; name: string; kind: string } & ConsolidationCounts>;
  /** The subtree's counts for every year with a flagged unit, up to the year asked. */
  years: Array<{ year: number } & ConsolidationCounts>;
  plans: Array<{
    id: number; unitId: number; code: string; name: string; year: number; categories: string[]; result: string;
    responsible: string | null; tasks: number; tasksDone: number; tasksOverdue: number; nextDeadline: string | null;
  }>;
}

const COUNTS = (asOf: string) => sql`
  count(DISTINCT w.id)::int AS flagged,
  count(DISTINCT w.id) FILTER (WHERE t.id IS NOT NULL)::int AS plans,
  count(t.id)::int AS tasks,
  count(t.id) FILTER (WHERE t.status = 'done')::int AS tasks_done,
  count(t.id) FILTER (WHERE t.status IN ('not_started', 'in_progress') AND t.deadline < ${asOf})::int AS tasks_overdue,
  count(DISTINCT w.id) FILTER (WHERE w.result = 'consolidated')::int AS consolidated,
  count(DISTINCT w.id) FILTER (WHERE w.result = 'carried_over')::int AS carried_over,
  count(DISTINCT w.id) FILTER (WHERE w.result = 'in_progress')::int AS in_progress`;

interface CountRow { flagged: number; plans: number; tasks: number; tasks_done: number; tasks_overdue: number; consolidated: number; carried_over: number; in_progress: number }
const counts = (r: CountRow | undefined): ConsolidationCounts => ({
  flagged: r?.flagged ?? 0, plans: r?.plans ?? 0, tasks: r?.tasks ?? 0, tasksDone: r?.tasks_done ?? 0, tasksOverdue: r?.tasks_overdue ?? 0,
  consolidated: r?.consolidated ?? 0, carriedOver: r?.carried_over ?? 0, inProgress: r?.in_progress ?? 0,
});

export async function consolidationOverview(db: Kysely<Database>, actor: Actor, unitId: number, year: number, asOf = todayIso()): Promise<ConsolidationOverview> {
  authorize(actor, 'member.read');
  const unit = await new UnitRepository(db, actor).requireInScope(unitId);
  const yearEnd = `${year}-12-31`;
  const scope = sql`u.path <@ ${unit.path}::ltree AND u.path <@ ${actor.scopePath}::ltree`;
  const total = await sql<CountRow>`SELECT ${COUNTS(asOf)} FROM weak_unit w JOIN unit u ON u.id = w.unit_id
    LEFT JOIN consolidation_task t ON t.weak_unit_id = w.id WHERE w.year = ${year} AND ${scope}`.execute(db);
  // Sub-units of the year's tree; their subtrees by today's paths (a unit keeps its place under its parent
  // unless restructured, and then its plans follow it).
  const byUnit = await sql<CountRow & { unit_id: number; code: string; name: string; kind: string }>`
    SELECT c.unit_id::int AS unit_id, c.code, c.name, c.kind, x.*
    FROM unit_version c JOIN unit cu ON cu.id = c.unit_id
    CROSS JOIN LATERAL (SELECT ${COUNTS(asOf)} FROM weak_unit w JOIN unit u ON u.id = w.unit_id
      LEFT JOIN consolidation_task t ON t.weak_unit_id = w.id
      WHERE w.year = ${year} AND u.path <@ cu.path AND u.path <@ ${actor.scopePath}::ltree) x
    WHERE c.parent_id = ${unit.id} AND c.valid_from <= ${yearEnd} AND (c.valid_to IS NULL OR c.valid_to > ${yearEnd})
    ORDER BY x.flagged DESC, c.code`.execute(db);
  const years = await sql<CountRow & { year: number }>`SELECT w.year, ${COUNTS(asOf)} FROM weak_unit w JOIN unit u ON u.id = w.unit_id
    LEFT JOIN consolidation_task t ON t.weak_unit_id = w.id WHERE w.year <= ${year} AND ${scope} GROUP BY w.year ORDER BY w.year`.execute(db);
  const plans = await sql<{ id: number; unit_id: number; code: string; name: string; year: number; categories: string[]; result: string; responsible: string | null; tasks: number; tasks_done: number; tasks_overdue: number; next_deadline: string | null }>`
    SELECT w.id::int AS id, u.id::int AS unit_id, u.code, u.name, w.year, w.categories, w.result, COALESCE(rm.full_name, w.responsible) AS responsible,
      count(t.id)::int AS tasks, count(t.id) FILTER (WHERE t.status = 'done')::int AS tasks_done,
      count(t.id) FILTER (WHERE t.status IN ('not_started', 'in_progress') AND t.deadline < ${asOf})::int AS tasks_overdue,
      min(t.deadline) FILTER (WHERE t.status IN ('not_started', 'in_progress')) AS next_deadline
    FROM weak_unit w JOIN unit u ON u.id = w.unit_id LEFT JOIN member rm ON rm.id = w.responsible_member_id
    LEFT JOIN consolidation_task t ON t.weak_unit_id = w.id
    WHERE w.year = ${year} AND ${scope}
    GROUP BY w.id, u.id, u.code, u.name, w.year, w.categories, w.result, rm.full_name, w.responsible, u.path
    ORDER BY u.path`.execute(db);
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind }, year, asOf,
    total: counts(total.rows[0]),
    byUnit: byUnit.rows.map((r) => ({ unitId: r.unit_id, code: r.code, name: r.name, kind: r.kind, ...counts(r) })),
    years: years.rows.map((r) => ({ year: r.year, ...counts(r) })),
    plans: plans.rows.map((r) => ({
      id: r.id, unitId: r.unit_id, code: r.code, name: r.name, year: r.year, categories: r.categories, result: r.result, responsible: r.responsible,
      tasks: r.tasks, tasksDone: r.tasks_done, tasksOverdue: r.tasks_overdue, nextDeadline: r.next_deadline,
    })),
  };
}

/**
 * Open plan tasks due by the day asked (overdue ones always), under the subtree either as the unit
 * responsible for the task or as the weak unit whose plan it belongs to.
 */
export const consolidationTaskFollowUps: FollowUpSource = async (db, actor, query) => {
  const { rows } = await sql<{ id: number; measure: string; deadline: string; weak_unit_id: number; weak_name: string; unit_id: number; unit_name: string; issuer_name: string | null }>`
    SELECT t.id::int AS id, t.measure, t.deadline, w.id::int AS weak_unit_id, wu.name AS weak_name,
      COALESCE(ou.id, wu.id)::int AS unit_id, COALESCE(ou.name, wu.name) AS unit_name, COALESCE(iu.name, pu.name) AS issuer_name
    FROM consolidation_task t JOIN weak_unit w ON w.id = t.weak_unit_id JOIN unit wu ON wu.id = w.unit_id
    LEFT JOIN unit ou ON ou.id = t.owner_unit_id
    LEFT JOIN unit iu ON iu.id = w.issuer_unit_id
    LEFT JOIN unit pu ON pu.id = wu.parent_id
    WHERE t.status IN ('not_started', 'in_progress') AND t.deadline <= ${query.dueBy}
      AND (wu.path <@ ${query.rootPath}::ltree OR ou.path <@ ${query.rootPath}::ltree)
      AND (wu.path <@ ${actor.scopePath}::ltree OR ou.path <@ ${actor.scopePath}::ltree)
    ORDER BY t.deadline, t.id LIMIT ${query.limit}`.execute(db);
  return rows.map((r) => ({
    kind: 'consolidation_task', id: r.id, title: `Củng cố ${r.weak_name}: ${r.measure}`, unitId: r.unit_id, unitName: r.unit_name,
    issuerUnitName: r.issuer_name, due: r.deadline, daysLeft: daysBetween(query.today, r.deadline), link: `/weak-units/${r.weak_unit_id}`,
  }));
};
