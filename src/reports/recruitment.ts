// Recruitment (phát triển đảng viên; issue 10 §2): a unit's yearly admission target, the admissions of the
// year in its subtree (from member_event, whatever path the member came by), and the funnel of its
// candidates by stage and source. Setting a target is a write of the unit's staff.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { inTransaction, pgErrorCode } from '../db/transaction.ts';
import { ConflictError, ValidationError } from '../domain/errors.ts';
import { CANDIDATE_SOURCES, CANDIDATE_STAGES } from '../domain/admission/index.ts';

export interface FunnelRow {
  stage: string;
  total: number;
  /** Candidates at this stage by the body that presented them. */
  bySource: Record<string, number>;
}

export interface RecruitmentReport {
  unitId: number;
  unitName: string;
  year: number;
  /** The unit's own target for the year (null: none set). */
  target: number | null;
  targetRowVersion: number | null;
  /** Sum of the targets set for the units under it. */
  targetsBelow: number;
  /** Admissions (ceremonies) of the year in the subtree, from the member event log. */
  admitted: number;
  /** Of those, admitted through a candidate record, by source. */
  admittedFromCandidates: Record<string, number>;
  /** Candidates not yet admitted, by current stage (in stage order) and source. */
  funnel: FunnelRow[];
  inProgress: number;
}

export async function recruitmentReport(db: Kysely<Database>, actor: Actor, unitId: number | undefined, year: number): Promise<RecruitmentReport> {
  authorize(actor, 'member.read');
  const units = new UnitRepository(db, actor);
  const unit = await units.requireInScope(unitId ?? actor.scopeUnitId);
  const inSubtree = sql<boolean>`u.path <@ ${unit.path}::ltree`;
  const own = await db.selectFrom('admission_target').select(['target', 'row_version']).where('unit_id', '=', unit.id).where('year', '=', year).executeTakeFirst();
  const below = await db.selectFrom('admission_target as t').innerJoin('unit as u', 'u.id', 't.unit_id')
    .select(sql<number>`coalesce(sum(t.target), 0)::int`.as('n')).where('t.year', '=', year).where('u.id', '<>', unit.id).where(inSubtree).executeTakeFirstOrThrow();
  // The cell of the admission is the event's unitId (the member may have moved since).
  const { rows: [admitted] } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM member_event e JOIN unit u ON u.id = (e.details->>'unitId')::bigint
     WHERE e.kind = 'admission' AND e.effective_date >= ${`${year}-01-01`}::date AND e.effective_date <= ${`${year}-12-31`}::date AND ${inSubtree}
       AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = e.id)`.execute(db);
  const { rows: fromCandidates } = await sql<{ source: string; n: number }>`
    SELECT c.source, count(*)::int AS n FROM candidate c JOIN unit u ON u.id = c.unit_id
     WHERE c.member_id IS NOT NULL AND c.stage = 'ceremony' AND c.stage_date >= ${`${year}-01-01`}::date AND c.stage_date <= ${`${year}-12-31`}::date AND ${inSubtree}
     GROUP BY c.source`.execute(db);
  const { rows: funnel } = await sql<{ stage: string; source: string; n: number }>`
    SELECT c.stage, c.source, count(*)::int AS n FROM candidate c JOIN unit u ON u.id = c.unit_id
     WHERE c.member_id IS NULL AND ${inSubtree} GROUP BY c.stage, c.source`.execute(db);
  const rows: FunnelRow[] = CANDIDATE_STAGES.filter((s) => s !== 'ceremony').map((stage) => {
    const bySource = Object.fromEntries(CANDIDATE_SOURCES.map((s) => [s, funnel.find((f) => f.stage === stage && f.source === s)?.n ?? 0]));
    return { stage, total: Object.values(bySource).reduce((a, b) => a + b, 0), bySource };
  });
  return {
    unitId: unit.id, unitName: unit.name, year, target: own?.target ?? null, targetRowVersion: own?.row_version ?? null, targetsBelow: below.n,
    admitted: admitted?.n ?? 0, admittedFromCandidates: Object.fromEntries(fromCandidates.map((r) => [r.source, r.n])),
    funnel: rows, inProgress: rows.reduce((a, r) => a + r.total, 0),
  };
}

/** Sets a unit's target for a year; `rowVersion` is null for a first target, else the version read. */
export async function setAdmissionTarget(db: Kysely<Database>, actor: Actor, unitId: number, year: number, input: { target: number; decision?: string | null; note?: string | null; rowVersion?: number | null }): Promise<void> {
  authorize(actor, 'unit.write');
  await new UnitRepository(db, actor).requireInScope(unitId);
  if (!Number.isInteger(input.target) || input.target < 0 || input.target > 100000) {
    throw new ValidationError([{ field: 'target', code: 'invalid', message: 'Chỉ tiêu kết nạp phải là số nguyên không âm' }]);
  }
  await inTransaction(db, actor, async (tx) => {
    const current = await tx.selectFrom('admission_target').select('row_version').where('unit_id', '=', unitId).where('year', '=', year).forUpdate().executeTakeFirst();
    if ((current?.row_version ?? null) !== (input.rowVersion ?? null)) throw new ConflictError('Chỉ tiêu vừa được người khác cập nhật; hãy tải lại');
    const values = { target: input.target, decision: input.decision?.trim() || null, note: input.note?.trim() || null };
    if (current) await tx.updateTable('admission_target').set({ ...values, row_version: current.row_version + 1 }).where('unit_id', '=', unitId).where('year', '=', year).execute();
    else await tx.insertInto('admission_target').values({ unit_id: unitId, year, ...values }).execute();
  }).catch((err: unknown) => {
    // Two first targets at once: the second finds the row the first inserted.
    if (pgErrorCode(err) === '23505') throw new ConflictError('Chỉ tiêu vừa được người khác cập nhật; hãy tải lại');
    throw err;
  });
}
