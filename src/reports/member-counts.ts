// Members of a unit's subtree on any date (issue 3 item 6; issues 5, 6, 8 build on it): computed from the
// dated history (member_period) over the tree of that date (unit_version), so a past date gives that date's
// numbers whatever was restructured since. For today it equals the current-state view (tested).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ACTIVE_STATUSES, SEXES } from '../domain/members.ts';
import {
  ADMISSION_ERAS, AGE_BANDS_FORM, AGE_BASIS, GENERAL_EDUCATION_ROWS, LAST_ERA_START, PARTY_AGE_BANDS, PROFESSIONAL_ROWS, THEORY_ROWS,
  admissionEraOf, ageBandOf, generalEducationOf, partyAgeBandOf, professionalOf, theoryOf,
} from '../domain/statistics/breakdowns.ts';
import { AppError, ValidationError } from '../domain/errors.ts';
import { formatVietnameseDate, isIsoDate, todayIso } from '../domain/dates.ts';

export interface ChildCounts {
  /** The sub-unit's stable id, so a screen can open the same report for it (drill-down). */
  unitId: number;
  code: string; name: string; kind: string;
  total: number;
  byStatus: Record<string, number>;
  female: number;
  /** Status × sex (the dashboard's and the benchmark's "by province × status × sex"). */
  byStatusAndSex: Record<string, Record<string, number>>;
}

/**
 * The roll of a unit's subtree on a date, with the breakdowns of the official roll form (Biểu 3). Profile
 * attributes (ethnicity, schooling, theory …) are the member's current ones: the profile is not dated.
 */
export interface MemberCounts {
  unit: { code: string; name: string; kind: string };
  asOf: string;
  /** How ages are counted (forms.md leaves it open): see src/domain/statistics/breakdowns.ts. */
  ageBasis: string;
  /** Everyone who is a member on that date: probationary, official, exempt, transferring. */
  total: number;
  byStatus: Record<string, number>;
  bySex: Record<string, number>;
  byAgeBand: Record<string, number>;
  averageAge: number | null;
  byAdmissionEra: Record<string, number>;
  byPartyAgeBand: Record<string, number>;
  byEthnicity: Record<string, number>;
  byReligion: Record<string, number>;
  byGeneralEducation: Record<string, number>;
  byProfessional: Record<string, number>;
  byTheory: Record<string, number>;
  children: ChildCounts[];
}

/** The unit's name and code on a date, or a clear error saying when it existed. */
export async function unitOn(db: Kysely<Database>, unitId: number, date: string): Promise<{ code: string; name: string; kind: string }> {
  const version = await db.selectFrom('unit_version as v').select(['v.code', 'v.name', 'v.kind'])
    .where('v.unit_id', '=', unitId).where(sql<boolean>`${inForce('v', date)}`).executeTakeFirst();
  if (version) return version;
  const span = await db.selectFrom('unit_version').select([sql<string>`min(valid_from)`.as('from'), sql<string | null>`max(valid_to)`.as('to')])
    .where('unit_id', '=', unitId).executeTakeFirst();
  throw new AppError('VALIDATION', `Đơn vị không tồn tại vào ngày ${formatVietnameseDate(date)} (tồn tại từ ${span?.from ? formatVietnameseDate(span.from) : '?'}${span?.to ? ` đến trước ${formatVietnameseDate(span.to)}` : ''})`,
    [{ field: 'asOf', code: 'unit_not_in_force', message: 'Đơn vị không tồn tại vào ngày này' }]);
}

export const inForce = (alias: string, date: string) => sql.raw(`${alias}.valid_from <= '${date}' AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > '${date}')`);

/**
 * Where the numbers come from: 'auto' reads the kept roll-up (0009_statistics.sql) for today at a reporting
 * level and the history otherwise; 'history' always recounts from member_period (tests and benchmarks
 * compare the two).
 */
export type CountSource = 'auto' | 'history';

export async function memberCounts(db: Kysely<Database>, actor: Actor, unitId: number, asOf: string = todayIso(), source: CountSource = 'auto'): Promise<MemberCounts> {
  authorize(actor, 'member.read');
  if (!isIsoDate(asOf)) throw new ValidationError([{ field: 'asOf', code: 'invalid_date', message: 'Ngày không hợp lệ (YYYY-MM-DD)' }]);
  await new UnitRepository(db, actor).requireInScope(unitId);
  // asOf is a validated ISO date, so it is safe inside the raw fragments below.
  const version = await unitOn(db, unitId, asOf);
  const fromRollup = source === 'auto' && asOf === todayIso() && STAT_FULL_KINDS.has(version.kind);
  // Read from the roll-up, each sub-unit brings its status × sex rows along: one index probe per child (a
  // province has up to ~1,000), where a list of the children's ids made the planner scan the whole table.
  // The unit's own rows do not depend on its children: on a server both statements run at once.
  const [{ rows: kids }, own] = await Promise.all([sql<Kid>`
    SELECT v.unit_id, v.code, v.name, v.kind${fromRollup ? sql`,
      (SELECT COALESCE(json_agg(json_build_array(r.status, r.sex, r.n)), '[]') FROM stat_rollup r
        WHERE r.unit_id = v.unit_id AND r.dim = 'all' AND r.status IN (${onRoll})) AS roll` : sql``}
    FROM unit_version v
    WHERE v.parent_id = ${unitId} AND ${inForce('v', asOf)} ORDER BY v.code`.execute(db),
  fromRollup ? rolledUpRoll(db, unitId) : null]);
  // A child that keeps no roll-up (a kind of unit the roll-up does not cover) sends the whole report to the history.
  // The history's rows carry the children too: their rolls are then left out.
  const rolledUp = own !== null && kids.every((k) => STAT_FULL_KINDS.has(k.kind) || STAT_TOTAL_KINDS.has(k.kind));
  const rows = rolledUp ? own : await groupedRoll(db, unitId, asOf);
  return { unit: { code: version.code, name: version.name, kind: version.kind }, asOf, ...assemble(rows, kids, rolledUp, Number(asOf.slice(0, 4))) };
}

/** One row of the grouping sets: exactly one of the attribute columns is set, or child + status + sex. */
interface GroupedRow {
  top_id: number | null; status: string | null; sex: string | null; birth_year: number | null;
  ethnicity: string | null; religion: string | null; education_general: string | null; education_professional: string | null;
  political_theory: string | null; admission_year: number | null; admission_era_date: string | null;
  /** Which grouping set the row belongs to (see GROUPING SETS below). */
  set: string; n: number;
}

/**
 * All breakdowns in one pass over the members of the subtree on that date, as GROUPING SETS over the raw
 * attributes; the classification into the form's rows happens in the pure functions of domain/statistics,
 * so the SQL holds no rule. Admission dates from 01/05/1975 all fall in the last era and are grouped as one
 * value to keep the result small.
 */
async function groupedRoll(db: Kysely<Database>, unitId: number, asOf: string): Promise<GroupedRow[]> {
  const { rows } = await sql<GroupedRow>`
    WITH RECURSIVE sub (unit_id, top_id) AS (
      SELECT ${unitId}::bigint, NULL::bigint
      UNION ALL
      SELECT v.unit_id, COALESCE(sub.top_id, v.unit_id) FROM sub
      JOIN unit_version v ON v.parent_id = sub.unit_id AND ${inForce('v', asOf)}
    ), roll AS (
      SELECT sub.top_id, p.status, m.sex, extract(year FROM m.birth_date)::int AS birth_year,
        m.ethnicity, COALESCE(m.religion, '') AS religion, COALESCE(m.education_general, '') AS education_general,
        COALESCE(m.education_professional, '') AS education_professional, COALESCE(m.political_theory, 'none') AS political_theory,
        extract(year FROM COALESCE(m.admission_decision_date, m.admission_date))::int AS admission_year,
        CASE WHEN COALESCE(m.admission_decision_date, m.admission_date) >= ${LAST_ERA_START}::date THEN ${LAST_ERA_START}::date
             ELSE COALESCE(m.admission_decision_date, m.admission_date) END::text AS admission_era_date
      FROM sub JOIN member_period p ON p.unit_id = sub.unit_id AND ${inForce('p', asOf)}
      JOIN member m ON m.id = p.member_id
      WHERE p.status IN (${onRoll})
    )
    SELECT top_id, status, sex, birth_year, ethnicity, religion, education_general, education_professional,
      political_theory, admission_year, admission_era_date,
      CASE
        WHEN GROUPING(top_id) = 0 THEN 'child'
        WHEN GROUPING(status) = 0 THEN 'status'
        WHEN GROUPING(sex) = 0 THEN 'sex'
        WHEN GROUPING(birth_year) = 0 THEN 'birth_year'
        WHEN GROUPING(ethnicity) = 0 THEN 'ethnicity'
        WHEN GROUPING(religion) = 0 THEN 'religion'
        WHEN GROUPING(education_general) = 0 THEN 'education_general'
        WHEN GROUPING(education_professional) = 0 THEN 'education_professional'
        WHEN GROUPING(political_theory) = 0 THEN 'political_theory'
        WHEN GROUPING(admission_year) = 0 THEN 'admission_year'
        ELSE 'admission_era' END AS set,
      count(*)::int AS n
    FROM roll
    GROUP BY GROUPING SETS ((top_id, status, sex), (status), (sex), (birth_year), (ethnicity), (religion),
      (education_general), (education_professional), (political_theory), (admission_year), (admission_era_date))`.execute(db);
  return rows;
}

/** The statuses of the roll, as SQL literals. */
const onRoll = sql.join(ACTIVE_STATUSES.map((st) => sql.lit(st)));

/** Kinds whose roll-up rows carry every breakdown; grassroots organizations carry status and sex only. */
const STAT_FULL_KINDS = new Set(['central', 'province_committee', 'district_committee']);
const STAT_TOTAL_KINDS = new Set(['grassroots_committee', 'grassroots_cell']);
const ROLLUP_DIMS: Record<string, keyof GroupedRow | null> = {
  birth_year: 'birth_year', ethnicity: 'ethnicity', religion: 'religion', education_general: 'education_general',
  education_professional: 'education_professional', political_theory: 'political_theory', admission_year: 'admission_year', admission_era: 'admission_era_date',
};

/**
 * Today's roll of a reporting-level unit from the kept roll-up, in the shape of the grouped rows of the
 * history query, so both go through the same classification; its children's rows come with the children.
 */
interface Kid { unit_id: number; code: string; name: string; kind: string; roll?: Array<[status: string, sex: string, n: number]> }

async function rolledUpRoll(db: Kysely<Database>, unitId: number): Promise<GroupedRow[]> {
  // Status × sex only matters for dim 'all'; the other breakdowns are summed over it, and admission dates
  // are brought to the start of their era (the table of the form, so the classification stays in
  // domain/statistics), which keeps a province's answer to a few thousand rows instead of ~20,000.
  const eraStart = sql.join(ADMISSION_ERAS.filter((e) => e.from !== null).reverse()
    .map((e) => sql`WHEN value >= ${e.from} THEN ${e.from}`), sql` `);
  const { rows: own } = await sql<{ status: string; sex: string; dim: string; value: string; n: number }>`
    SELECT status, sex, dim, value, n FROM stat_rollup WHERE unit_id = ${unitId} AND dim = 'all' AND status IN (${onRoll})
    UNION ALL
    SELECT '' AS status, '' AS sex, dim, v AS value, sum(n)::int AS n FROM (
      SELECT dim, CASE WHEN dim = 'admission_era' AND value <> '' THEN CASE ${eraStart} ELSE value END ELSE value END AS v, n
      FROM stat_rollup WHERE unit_id = ${unitId} AND dim <> 'all') x
    GROUP BY dim, v`.execute(db);
  const empty: Omit<GroupedRow, 'set' | 'n'> = {
    top_id: null, status: null, sex: null, birth_year: null, ethnicity: null, religion: null, education_general: null,
    education_professional: null, political_theory: null, admission_year: null, admission_era_date: null,
  };
  const rows: GroupedRow[] = [];
  for (const r of own) {
    if (r.dim === 'all') {
      rows.push({ ...empty, set: 'status', status: r.status, n: r.n }, { ...empty, set: 'sex', sex: r.sex, n: r.n });
      continue;
    }
    const column = ROLLUP_DIMS[r.dim];
    if (!column) continue;
    const numeric = column === 'birth_year' || column === 'admission_year';
    const value = numeric ? (r.value === '' ? null : Number(r.value)) : column === 'admission_era_date' && r.value === '' ? null : r.value;
    rows.push({ ...empty, set: r.dim, [column]: value, n: r.n } as GroupedRow);
  }
  return rows;
}

const zeros = (keys: readonly { key: string }[] | readonly string[]) =>
  Object.fromEntries(keys.map((k) => [typeof k === 'string' ? k : k.key, 0])) as Record<string, number>;
const add = (into: Record<string, number>, key: string, n: number) => { into[key] = (into[key] ?? 0) + n; };

const emptyChild = (): ChildCounts => ({
  unitId: 0, code: '', name: '', kind: '', total: 0, byStatus: zeros(ACTIVE_STATUSES), female: 0,
  byStatusAndSex: Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, zeros(SEXES)])),
});

/** From the grouped rows to the report: every breakdown sums to the total (tested). */
function assemble(rows: GroupedRow[], kids: readonly Kid[], childRolls: boolean, reportYear: number) {
  const byStatus = zeros(ACTIVE_STATUSES);
  const bySex = zeros(SEXES);
  const byAgeBand = zeros(AGE_BANDS_FORM);
  const byAdmissionEra = zeros(ADMISSION_ERAS);
  const byPartyAgeBand = zeros(PARTY_AGE_BANDS);
  const byEthnicity: Record<string, number> = {};
  const byReligion: Record<string, number> = {};
  const byGeneralEducation = zeros(GENERAL_EDUCATION_ROWS);
  const byProfessional = zeros(PROFESSIONAL_ROWS);
  const byTheory = zeros(THEORY_ROWS);
  const perChild = new Map<number, ChildCounts>();
  let ageSum = 0;
  const addChild = (childId: number, status: string, sex: string, n: number) => {
    const c = perChild.get(childId) ?? emptyChild();
    c.total += n;
    add(c.byStatus, status, n);
    add(c.byStatusAndSex[status] ??= zeros(SEXES), sex, n);
    if (sex === 'female') c.female += n;
    perChild.set(childId, c);
  };
  if (childRolls) for (const k of kids) for (const [status, sex, n] of k.roll ?? []) addChild(Number(k.unit_id), status, sex, n);
  for (const r of rows) {
    switch (r.set) {
      case 'child': {
        if (r.top_id !== null) addChild(r.top_id, r.status!, r.sex!, r.n); // else members of the unit itself
        break;
      }
      case 'status': add(byStatus, r.status!, r.n); break;
      case 'sex': add(bySex, r.sex!, r.n); break;
      case 'birth_year': add(byAgeBand, ageBandOf(r.birth_year!, reportYear), r.n); ageSum += (reportYear - r.birth_year!) * r.n; break;
      case 'ethnicity': add(byEthnicity, r.ethnicity!, r.n); break;
      case 'religion': add(byReligion, r.religion || 'none', r.n); break;
      case 'education_general': add(byGeneralEducation, generalEducationOf(r.education_general || null), r.n); break;
      case 'education_professional': add(byProfessional, professionalOf(r.education_professional || null), r.n); break;
      case 'political_theory': add(byTheory, theoryOf(r.political_theory), r.n); break;
      case 'admission_year': add(byPartyAgeBand, partyAgeBandOf(r.admission_year, reportYear), r.n); break;
      case 'admission_era': add(byAdmissionEra, admissionEraOf(r.admission_era_date), r.n); break;
    }
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    ageBasis: AGE_BASIS.vi, total, byStatus, bySex, byAgeBand,
    averageAge: total ? Math.round((ageSum / total) * 10) / 10 : null,
    byAdmissionEra, byPartyAgeBand, byEthnicity, byReligion, byGeneralEducation, byProfessional, byTheory,
    children: kids.map((k) => ({ ...(perChild.get(k.unit_id) ?? emptyChild()), unitId: Number(k.unit_id), code: k.code, name: k.name, kind: k.kind })),
  };
}
