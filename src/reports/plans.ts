// `report plans`: the adoption of implementation plans and the reporting per period of the direct
// sub-units of a unit for a document (issue 9 §7). A thin shape over followUp (implementation.ts), called
// once per period: adoption comes from any of the calls, reporting from each.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policies/index.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { todayIso } from '../domain/dates.ts';
import type { PlanState, ReportState } from '../domain/documents/follow-up.ts';
import { DocumentRepository } from '../db/repos/documents.ts';
import { followUp, type FollowUp } from './implementation.ts';
import { PLAN_STATE_VI, REPORT_STATE_VI } from './implementation.ts';
import { toXlsx } from './xlsx.ts';
import { formatVietnameseDate } from '../domain/dates.ts';

export interface PlansRow {
  unitId: number; code: string; name: string;
  planNumber: string | null; planAdoptedOn: string | null; plan: PlanState;
  /** Adopted after the plan due date, or not adopted once it has passed. */
  late: boolean;
  periods: Record<string, { report: ReportState; reportedTasks: number; tasks: number; lastReportOn: string | null; late: boolean }>;
}
export interface PlansReport {
  document: FollowUp['document'];
  unit: { id: number; code: string; name: string };
  asOf: string;
  periods: string[];
  totals: { units: number; adopted: number; adoptedLate: number; missing: number };
  units: PlansRow[];
}

/** The periods shown: every period some plan reported for, and every year of the term begun by asOf. */
async function periodsOf(db: Kysely<Database>, documentId: number, from: string, to: string | null, asOf: string): Promise<string[]> {
  const { rows } = await sql<{ period: string }>`
    WITH RECURSIVE impl (id) AS (
      SELECT ${documentId}::bigint
      UNION
      SELECT l.document_id FROM document_link l JOIN impl ON l.target_id = impl.id WHERE l.relation = 'implements'
    )
    SELECT DISTINCT r.period FROM progress_report r JOIN document_task t ON t.id = r.task_id JOIN impl ON impl.id = t.document_id
    WHERE r.period_start <= ${asOf}::date`.execute(db);
  const set = new Set(rows.map((r) => r.period));
  const last = Math.min(Number((to ?? asOf).slice(0, 4)), Number(asOf.slice(0, 4)));
  for (let y = Number(from.slice(0, 4)); y <= last; y++) set.add(String(y));
  return [...set].sort();
}

export async function plansReport(db: Kysely<Database>, actor: Actor, documentId: number, unitId: number, options: { asOf?: string } = {}): Promise<PlansReport> {
  const doc = await new DocumentRepository(db, actor).requireReadable(documentId);
  const asOf = options.asOf ?? todayIso();
  const unit = await db.selectFrom('unit').select(['id', 'code', 'name', 'path']).where('id', '=', unitId)
    .where(sql<boolean>`path <@ ${actor.scopePath}::ltree`).executeTakeFirst();
  if (!unit) throw new NotFoundError('đơn vị');
  const base = doc.unit_path.split('.').length;
  const depth = unit.path.split('.').length - base + 1;
  if ((unit.path !== doc.unit_path && !unit.path.startsWith(`${doc.unit_path}.`)) || depth < 1 || depth > 6) {
    throw new ValidationError([{ field: 'unitId', code: 'not_below', message: `Đơn vị phải thuộc ${doc.unit_name}, cấp ủy ban hành ${doc.number_text}` }]);
  }
  const periods = await periodsOf(db, documentId, doc.covers_from ?? doc.issued_on, doc.covers_to, asOf);
  const rows = new Map<number, PlansRow>();
  let head: FollowUp | null = null;
  for (const period of periods) {
    const f = await followUp(db, actor, documentId, { period, depth, unitId, asOf });
    head ??= f;
    for (const r of f.rows.filter((x) => x.level === depth)) {
      const row = rows.get(r.unitId) ?? {
        unitId: r.unitId, code: r.code, name: r.name, planNumber: r.planNumber, planAdoptedOn: r.planAdoptedOn, plan: r.plan,
        late: r.plan === 'adopted_late' || r.plan === 'late', periods: {},
      };
      row.periods[period] = { report: r.report, reportedTasks: r.reportedTasks, tasks: r.tasks, lastReportOn: r.lastReportOn, late: r.report === 'late' || r.report === 'reported_late' };
      rows.set(r.unitId, row);
    }
  }
  const units = [...rows.values()];
  return {
    document: head?.document ?? { id: doc.id, number: doc.number_text, title: doc.title, issuedOn: doc.issued_on, issuingUnitName: doc.unit_name, planDueDate: doc.plan_due_date, reportDueDays: doc.report_due_days },
    unit: { id: unit.id, code: unit.code, name: unit.name }, asOf, periods,
    totals: {
      units: units.length, adopted: units.filter((u) => u.planAdoptedOn).length,
      adoptedLate: units.filter((u) => u.plan === 'adopted_late').length, missing: units.filter((u) => !u.planAdoptedOn).length,
    },
    units,
  };
}

export function plansXlsx(r: PlansReport): Promise<Buffer> {
  return toXlsx([{
    name: 'Kế hoạch và báo cáo',
    columns: [
      { header: 'Mã', key: 'code', width: 10 }, { header: 'Đơn vị', key: 'name', width: 36 }, { header: 'Kế hoạch số', key: 'plan', width: 14 },
      { header: 'Ngày ban hành', key: 'on', width: 14 }, { header: 'Tình trạng kế hoạch', key: 'state', width: 26 },
      ...r.periods.map((p) => ({ header: `Báo cáo ${p}`, key: `p_${p}`, width: 22 })),
    ],
    rows: r.units.map((u) => ({
      code: u.code, name: u.name, plan: u.planNumber ?? '', on: u.planAdoptedOn ? formatVietnameseDate(u.planAdoptedOn) : '', state: PLAN_STATE_VI[u.plan],
      ...Object.fromEntries(r.periods.map((p) => [`p_${p}`, u.periods[p] ? REPORT_STATE_VI[u.periods[p]!.report] : ''])),
    })),
  }]);
}
