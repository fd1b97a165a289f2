// Recruitment (phát triển đảng viên; issue 10 §2): a unit's yearly admission target, the admissions of the
// year in its subtree (from member_event, whatever path the member came by) with the new-member breakdowns
// of Biểu 2, the funnel of its candidates by stage and source, the enterprises without a party organization
// (issue 10 §5) and each sub-unit's progress. Setting a target is a write of the unit's staff.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { inTransaction, pgErrorCode } from '../db/transaction.ts';
import { ConflictError, ValidationError } from '../domain/errors.ts';
import { CANDIDATE_SOURCES, CANDIDATE_STAGES } from '../domain/admission/index.ts';
import { todayIso } from '../domain/dates.ts';
import {
  AGE_BANDS_FORM, GENERAL_EDUCATION_ROWS, PROFESSIONAL_ROWS, THEORY_ROWS, ageBandOf, generalEducationOf, professionalOf, theoryOf,
} from '../domain/statistics/breakdowns.ts';
import { enterprisesWithoutParty, type EnterprisesWithoutParty } from './enterprises.ts';

export interface FunnelRow {
  stage: string;
  total: number;
  /** Candidates at this stage by the body that presented them. */
  bySource: Record<string, number>;
}

/** The new-member breakdowns of Biểu 2 (forms.md), for the members admitted in the year. */
export interface NewMemberBreakdowns {
  total: number;
  /** Trong đó: Nữ · Dân tộc thiểu số · Đoàn viên Đoàn TNCS Hồ Chí Minh · Chủ doanh nghiệp tư nhân · Kết nạp lại. */
  female: number;
  ethnicMinority: number;
  youthUnion: number;
  privateBusinessOwner: number;
  readmitted: number;
  /** Age bands of Biểu 3, mục 2, by the year of admission minus the year of birth (AGE_BASIS). */
  byAgeBand: Record<string, number>;
  byGeneralEducation: Record<string, number>;
  byProfessional: Record<string, number>;
  byTheory: Record<string, number>;
  /** Section III: grassroots organizations that admitted members in the year. */
  grassrootsWithAdmissions: number;
  ageBasis: string;
}

export interface RecruitmentChild { unitId: number; code: string; name: string; kind: string; target: number | null; admitted: number; inProgress: number }

export interface RecruitmentReport {
  unitId: number;
  unitCode: string;
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
  /** The admissions by the body that presented them; `no_record` when no candidate record led to it. Sums to `admitted`. */
  bySource: Record<string, number>;
  /** Candidates not yet admitted, by current stage (in stage order). */
  byStage: Record<string, number>;
  /** The same, by stage and source. */
  funnel: FunnelRow[];
  inProgress: number;
  newMembers: NewMemberBreakdowns;
  /** Enterprises with workers but no party organization at the end of the year (or today), per park and unit. */
  enterprisesWithoutParty: EnterprisesWithoutParty;
  /** Each sub-unit: its target, its admissions and its candidates in progress. */
  children: RecruitmentChild[];
}

interface AdmissionRow {
  member_id: number; path: string; sex: string; birth_date: string; effective_date: string; ethnicity: string | null; education_general: string | null;
  education_professional: string | null; political_theory: string | null; source: string | null; youth_union_member: boolean | null;
  private_business_owner: boolean | null; readmitted: boolean; grassroots_id: number | null;
}

export async function recruitmentReport(db: Kysely<Database>, actor: Actor, unitId: number | undefined, year: number): Promise<RecruitmentReport> {
  authorize(actor, 'member.read');
  const units = new UnitRepository(db, actor);
  const unit = await units.requireInScope(unitId ?? actor.scopeUnitId);
  const inSubtree = sql<boolean>`u.path <@ ${unit.path}::ltree`;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const own = await db.selectFrom('admission_target').select(['target', 'row_version']).where('unit_id', '=', unit.id).where('year', '=', year).executeTakeFirst();
  const below = await db.selectFrom('admission_target as t').innerJoin('unit as u', 'u.id', 't.unit_id')
    .select(sql<number>`coalesce(sum(t.target), 0)::int`.as('n')).where('t.year', '=', year).where('u.id', '<>', unit.id).where(inSubtree).executeTakeFirstOrThrow();
  // One row per admission of the year whose cell (the event's unitId: the member may have moved since) is in
  // the subtree, voided ones left out, with what Biểu 2 breaks down and the candidate record it came from.
  const notVoided = (alias: string) => sql.raw(`NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = ${alias}.id)`);
  const { rows: admissions } = await sql<AdmissionRow>`
    SELECT e.member_id, u.path::text AS path, m.sex, m.birth_date, e.effective_date, m.ethnicity, m.education_general, m.education_professional, m.political_theory,
           c.source, c.youth_union_member, c.private_business_owner,
           EXISTS (SELECT 1 FROM member_event p WHERE p.member_id = e.member_id AND p.kind = 'admission' AND p.id <> e.id
                     AND p.effective_date < e.effective_date AND ${notVoided('p')}) AS readmitted,
           (SELECT g.id FROM unit g WHERE u.path <@ g.path AND g.kind IN ('grassroots_committee', 'grassroots_cell') ORDER BY g.depth DESC LIMIT 1) AS grassroots_id
      FROM member_event e JOIN unit u ON u.id = (e.details->>'unitId')::bigint JOIN member m ON m.id = e.member_id
      LEFT JOIN candidate c ON c.member_id = e.member_id
     WHERE e.kind = 'admission' AND e.effective_date >= ${from}::date AND e.effective_date <= ${to}::date AND ${inSubtree} AND ${notVoided('e')}`.execute(db);
  const { rows: funnel } = await sql<{ stage: string; source: string; n: number }>`
    SELECT c.stage, c.source, count(*)::int AS n FROM candidate c JOIN unit u ON u.id = c.unit_id
     WHERE c.member_id IS NULL AND ${inSubtree} GROUP BY c.stage, c.source`.execute(db);
  const rows: FunnelRow[] = CANDIDATE_STAGES.filter((s) => s !== 'ceremony').map((stage) => {
    const bySource = Object.fromEntries(CANDIDATE_SOURCES.map((s) => [s, funnel.find((f) => f.stage === stage && f.source === s)?.n ?? 0]));
    return { stage, total: Object.values(bySource).reduce((a, b) => a + b, 0), bySource };
  });
  const bySource = Object.fromEntries([...CANDIDATE_SOURCES, 'no_record'].map((s) => [s, admissions.filter((a) => (a.source ?? 'no_record') === s).length]));
  const admittedFromCandidates = Object.fromEntries(CANDIDATE_SOURCES.filter((s) => bySource[s]).map((s) => [s, bySource[s]!]));
  const today = todayIso();
  const { rows: kids } = await sql<{ id: number; code: string; name: string; kind: string; path: string; target: number | null; in_progress: number }>`
    SELECT ch.id, ch.code, ch.name, ch.kind, ch.path::text AS path, t.target,
           (SELECT count(*) FROM candidate c JOIN unit cu ON cu.id = c.unit_id WHERE c.member_id IS NULL AND cu.path <@ ch.path)::int AS in_progress
      FROM unit ch LEFT JOIN admission_target t ON t.unit_id = ch.id AND t.year = ${year}
     WHERE ch.parent_id = ${unit.id} AND (ch.dissolved_on IS NULL OR ch.dissolved_on > ${from}::date)
     ORDER BY ch.kind = 'cell', ch.code`.execute(db);
  return {
    unitId: unit.id, unitCode: unit.code, unitName: unit.name, year, target: own?.target ?? null, targetRowVersion: own?.row_version ?? null, targetsBelow: below.n,
    admitted: admissions.length, admittedFromCandidates, bySource,
    byStage: Object.fromEntries(rows.map((r) => [r.stage, r.total])), funnel: rows, inProgress: rows.reduce((a, r) => a + r.total, 0),
    newMembers: newMemberBreakdowns(admissions),
    enterprisesWithoutParty: await enterprisesWithoutParty(db, actor, unit.id, to < today ? to : today),
    children: kids.map((k) => ({
      unitId: k.id, code: k.code, name: k.name, kind: k.kind, target: k.target, inProgress: k.in_progress,
      admitted: admissions.filter((a) => a.path === k.path || a.path.startsWith(`${k.path}.`)).length,
    })),
  };
}

function newMemberBreakdowns(rows: AdmissionRow[]): NewMemberBreakdowns {
  const tally = (keys: readonly string[], of: (r: AdmissionRow) => string) => {
    const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const r of rows) {
      const k = of(r);
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };
  return {
    total: rows.length,
    female: rows.filter((r) => r.sex === 'female').length,
    ethnicMinority: rows.filter((r) => r.ethnicity !== null && r.ethnicity !== 'Kinh').length,
    youthUnion: rows.filter((r) => r.youth_union_member).length,
    privateBusinessOwner: rows.filter((r) => r.private_business_owner).length,
    readmitted: rows.filter((r) => r.readmitted).length,
    byAgeBand: tally(AGE_BANDS_FORM.map((b) => b.key), (r) => ageBandOf(Number(r.birth_date.slice(0, 4)), Number(r.effective_date.slice(0, 4)))),
    byGeneralEducation: tally(GENERAL_EDUCATION_ROWS.map((b) => b.key), (r) => generalEducationOf(r.education_general)),
    byProfessional: tally(PROFESSIONAL_ROWS.map((b) => b.key), (r) => professionalOf(r.education_professional)),
    byTheory: tally(THEORY_ROWS.map((b) => b.key), (r) => theoryOf(r.political_theory)),
    grassrootsWithAdmissions: new Set(rows.map((r) => r.grassroots_id).filter((g) => g !== null)).size,
    ageBasis: 'Tuổi đời tính bằng năm kết nạp trừ năm sinh',
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
