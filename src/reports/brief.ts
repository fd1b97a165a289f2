// The delegation's brief (báo cáo phục vụ đoàn công tác, issue 10 §6): for a unit, a day and a starting day,
// what each capability's own report says, side by side. Nothing is counted here: every section is the
// separate report called with the same unit and dates, so the brief can never disagree with them.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ValidationError, type FieldError } from '../domain/errors.ts';
import { isIsoDate } from '../domain/dates.ts';
import { disseminationReport, type DisseminationReport } from './dissemination.ts';
import { WeakUnitService, type WeakUnitsReport } from '../commands/weak-units.ts';
import { resignationReport, type ResignationReport } from './resignations.ts';
import { attritionReport, type AttritionReport } from './attrition.ts';
import { evaluationResults, type EvaluationResults } from './evaluation.ts';
import { recruitmentReport, type RecruitmentReport } from './recruitment.ts';
import { directivesReport, type DirectivesReport } from './directives.ts';

export interface BriefOptions {
  /** The day the brief speaks of (the delegation's visit). */
  asOf: string;
  /** Start of the window for resignations and attrition ("từ đầu năm 2016 đến nay"). */
  since: string;
  /** The resolution whose dissemination is reported; by default the latest one in force (see defaultBriefDocument). */
  documentId?: number | null;
  /** The year of the evaluation, weak units and recruitment; by default the last year ended by asOf. */
  year?: number;
}

export interface BriefUnit { id: number; code: string; name: string; kind: string; parentName: string | null; parentKind: string | null }

export interface DelegationBrief {
  unit: BriefUnit;
  asOf: string;
  since: string;
  year: number;
  dissemination: DisseminationReport | null;
  weakUnits: WeakUnitsReport;
  resignations: ResignationReport;
  attrition: AttritionReport;
  evaluation: EvaluationResults;
  recruitment: RecruitmentReport;
  directives: DirectivesReport;
}

/**
 * The year whose results a brief on `asOf` reports: the year's evaluation is decided at its end, so before
 * 31 December the last complete year is the one before (a visit on 05/05/2017 reviews 2016).
 */
export function briefYear(asOf: string): number {
  const year = Number(asOf.slice(0, 4));
  return asOf.slice(5) === '12-31' ? year : year - 1;
}

export function checkBriefOptions(o: BriefOptions): void {
  const errors: FieldError[] = [];
  if (!isIsoDate(o.asOf)) errors.push({ field: 'asOf', code: 'invalid_date', message: 'Ngày báo cáo không hợp lệ (YYYY-MM-DD)' });
  if (!isIsoDate(o.since)) errors.push({ field: 'since', code: 'invalid_date', message: 'Ngày bắt đầu không hợp lệ (YYYY-MM-DD)' });
  else if (isIsoDate(o.asOf) && o.since > o.asOf) errors.push({ field: 'since', code: 'after_as_of', message: 'Ngày bắt đầu phải trước hoặc bằng ngày báo cáo' });
  if (o.year !== undefined && (!Number.isInteger(o.year) || o.year < 2014 || o.year > 2100)) errors.push({ field: 'year', code: 'invalid', message: 'Năm đánh giá phải từ 2014' });
  if (errors.length) throw new ValidationError(errors, errors.map((e) => e.message).join('; '));
}

/**
 * The resolution a brief reports on when none is chosen: of the resolutions (NQ) issued by the unit or a
 * unit above it on or before asOf and still in force that day, the one with the most dissemination
 * sessions held in the unit's subtree by then, the latest issued on a tie. Null when there is none.
 */
export async function defaultBriefDocument(db: Kysely<Database>, unitId: number, asOf: string): Promise<number | null> {
  const { rows } = await sql<{ id: number }>`
    SELECT d.id FROM document d JOIN unit i ON i.id = d.issuing_unit_id, unit u
    WHERE u.id = ${unitId} AND u.path <@ i.path AND d.kind = 'NQ' AND d.issued_on <= ${asOf}::date
      AND (d.covers_to IS NULL OR d.covers_to >= ${asOf}::date)
    ORDER BY (SELECT count(*) FROM dissemination_session_document sd JOIN dissemination_session s ON s.id = sd.session_id
                JOIN unit su ON su.id = s.unit_id
               WHERE sd.document_id = d.id AND s.held_on <= ${asOf}::date AND su.path <@ u.path) DESC, d.issued_on DESC, d.id DESC
    LIMIT 1`.execute(db);
  return rows[0] ? Number(rows[0].id) : null;
}

/** The unit and the body above it as they stood on `asOf` (names change with restructurings). */
async function unitOn(db: Kysely<Database>, units: UnitRepository, unitId: number, asOf: string): Promise<BriefUnit> {
  const v = await units.versionOn(unitId, asOf);
  const { rows } = await sql<{ name: string; kind: string }>`
    SELECT pv.name, pv.kind FROM unit_version v JOIN unit_version pv ON pv.unit_id = v.parent_id
      AND pv.valid_from <= ${asOf}::date AND (pv.valid_to IS NULL OR pv.valid_to > ${asOf}::date)
    WHERE v.unit_id = ${unitId} AND v.valid_from <= ${asOf}::date AND (v.valid_to IS NULL OR v.valid_to > ${asOf}::date)`.execute(db);
  return { id: unitId, code: v.code, name: v.name, kind: v.kind, parentName: rows[0]?.name ?? null, parentKind: rows[0]?.kind ?? null };
}

export async function delegationBrief(db: Kysely<Database>, actor: Actor, unitId: number, options: BriefOptions): Promise<DelegationBrief> {
  authorize(actor, 'member.read');
  checkBriefOptions(options);
  const { asOf, since } = options;
  const units = new UnitRepository(db, actor);
  const unit = await unitOn(db, units, unitId, asOf);
  const year = options.year ?? briefYear(asOf);
  const documentId = options.documentId === undefined ? await defaultBriefDocument(db, unitId, asOf) : options.documentId;
  // One after the other: PGlite has a single connection, and the server's pool is better left to other users.
  const dissemination = documentId === null ? null : await disseminationReport(db, actor, documentId, unitId, { asOf });
  const weakUnits = await new WeakUnitService(db, actor).report(unitId, year);
  const resignations = await resignationReport(db, actor, unitId, since, asOf);
  const attrition = await attritionReport(db, actor, unitId, since, asOf);
  const evaluation = await evaluationResults(db, actor, unitId, year);
  const recruitment = await recruitmentReport(db, actor, unitId, year);
  const directives = await directivesReport(db, actor, unitId, { until: asOf, asOf });
  return { unit, asOf, since, year, dissemination, weakUnits, resignations, attrition, evaluation, recruitment, directives };
}
