// Weak organizations and their consolidation plans (README §4): flag a grassroots organization or cell for
// a year with categories, keep the plan (causes, measures, responsible member, deadline, progress, result),
// suggest candidates from the data, and count them by the seed's kinds.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { inTransaction } from '../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors.ts';
import { isIsoDate } from '../domain/dates.ts';
import {
  checkPlanResult, PLAN_RESULTS, suggestWeak, WEAK_CATEGORIES, WEAK_KINDS, weakKindOf, type Level, type PlanResult, type TaskStatus, type WeakCategory, type WeakKind, type WeakSuggestion,
} from '../domain/evaluation/index.ts';

export interface WeakUnitInput {
  unitId: number;
  year: number;
  categories: WeakCategory[];
  causes?: string | null;
  measures?: string | null;
  responsible?: string | null;
  deadline?: string | null;
  progress?: string | null;
  result?: PlanResult;
  rowVersion?: number | null;
}

export interface WeakUnit {
  id: number;
  unitId: number;
  code: string;
  name: string;
  kind: string;
  parentName: string | null;
  weakKind: WeakKind;
  year: number;
  categories: WeakCategory[];
  causes: string | null;
  measures: string | null;
  responsible: string | null;
  deadline: string | null;
  progress: string | null;
  result: PlanResult;
  rowVersion: number;
}

export interface WeakUnitsReport {
  unit: { code: string; name: string; kind: string };
  year: number;
  total: number;
  byKind: Record<WeakKind, number>;
  byCategory: Record<WeakCategory, number>;
  units: WeakUnit[];
}

/** Kind and parent of a unit as they were at the end of the year (the tree of that date). */
const versionAtYearEnd = (year: number) => sql`
  JOIN LATERAL (SELECT v.code, v.name, v.kind, v.parent_id FROM unit_version v
                WHERE v.unit_id = u.id AND v.valid_from <= ${`${year}-12-31`}
                ORDER BY v.valid_from DESC LIMIT 1) uv ON true
  LEFT JOIN LATERAL (SELECT pv.name, pv.kind FROM unit_version pv
                WHERE pv.unit_id = uv.parent_id AND pv.valid_from <= ${`${year}-12-31`}
                ORDER BY pv.valid_from DESC LIMIT 1) pv ON true`;

export class WeakUnitService {
  private readonly units: UnitRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.units = new UnitRepository(db, actor);
  }

  async list(unitId: number, year: number): Promise<WeakUnit[]> {
    authorize(this.actor, 'member.read');
    const unit = await this.units.requireInScope(unitId);
    const { rows } = await sql<{ id: number; unit_id: number; code: string; name: string; kind: string; parent_name: string | null; parent_kind: string | null; year: number; categories: string[]; causes: string | null; measures: string | null; responsible: string | null; deadline: string | null; progress: string | null; result: string; row_version: number }>`
      SELECT w.id, w.unit_id, uv.code, uv.name, uv.kind, pv.name AS parent_name, pv.kind AS parent_kind, w.year, w.categories,
        w.causes, w.measures, w.responsible, w.deadline, w.progress, w.result, w.row_version
      FROM weak_unit w JOIN unit u ON u.id = w.unit_id ${versionAtYearEnd(year)}
      WHERE w.year = ${year} AND u.path <@ ${unit.path}::ltree AND u.path <@ ${this.actor.scopePath}::ltree
      ORDER BY u.path`.execute(this.db);
    return rows.map((r) => ({
      id: Number(r.id), unitId: Number(r.unit_id), code: r.code, name: r.name, kind: r.kind, parentName: r.parent_name,
      weakKind: weakKindOf(r.kind, r.parent_kind) ?? 'cell_other', year: r.year, categories: r.categories as WeakCategory[],
      causes: r.causes, measures: r.measures, responsible: r.responsible, deadline: r.deadline, progress: r.progress,
      result: r.result as PlanResult, rowVersion: r.row_version,
    }));
  }

  async report(unitId: number, year: number): Promise<WeakUnitsReport> {
    const unit = await this.units.requireInScope(unitId);
    const units = await this.list(unitId, year);
    const byKind = Object.fromEntries(WEAK_KINDS.map((k) => [k, units.filter((u) => u.weakKind === k).length])) as Record<WeakKind, number>;
    const byCategory = Object.fromEntries(WEAK_CATEGORIES.map((c) => [c, units.filter((u) => u.categories.includes(c)).length])) as Record<WeakCategory, number>;
    return { unit: { code: unit.code, name: unit.name, kind: unit.kind }, year, total: units.length, byKind, byCategory, units };
  }

  /** Flags a unit for a year, or updates its flag and plan (one row per unit and year). */
  async save(input: WeakUnitInput): Promise<WeakUnit> {
    authorize(this.actor, 'evaluation.decide');
    const unit = await this.units.requireInScope(input.unitId);
    const errors: FieldError[] = [];
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) errors.push({ field: 'year', code: 'invalid', message: 'Năm không hợp lệ' });
    if (!input.categories?.length) errors.push({ field: 'categories', code: 'required', message: 'Chọn ít nhất một loại: chuyển biến chậm, sa sút, mất đoàn kết nội bộ, xếp loại yếu kém' });
    for (const c of input.categories ?? []) if (!(WEAK_CATEGORIES as readonly string[]).includes(c)) errors.push({ field: 'categories', code: 'invalid', message: `Loại không hợp lệ: ${c}` });
    if (input.deadline != null && !isIsoDate(input.deadline)) errors.push({ field: 'deadline', code: 'invalid_date', message: 'Thời hạn không hợp lệ' });
    if (input.result !== undefined && !(PLAN_RESULTS as readonly string[]).includes(input.result)) errors.push({ field: 'result', code: 'invalid', message: 'Kết quả không hợp lệ' });
    const kinds = await sql<{ kind: string; parent_kind: string | null }>`SELECT uv.kind, pv.kind AS parent_kind FROM unit u ${versionAtYearEnd(input.year)} WHERE u.id = ${unit.id}`.execute(this.db);
    const k = kinds.rows[0];
    if (!k || weakKindOf(k.kind, k.parent_kind) === null) errors.push({ field: 'unitId', code: 'not_flaggable', message: 'Chỉ tổ chức cơ sở đảng hoặc chi bộ mới được đánh giá là yếu kém' });
    if (errors.length) throw new ValidationError(errors, errors[0]!.message);
    const values = {
      categories: [...new Set(input.categories)], causes: input.causes?.trim() || null, measures: input.measures?.trim() || null,
      responsible: input.responsible?.trim() || null, deadline: input.deadline ?? null, progress: input.progress?.trim() || null, result: input.result ?? 'in_progress',
    };
    await inTransaction(this.db, this.actor, async (tx) => {
      const existing = await tx.selectFrom('weak_unit').select(['id', 'row_version']).where('unit_id', '=', unit.id).where('year', '=', input.year).forUpdate().executeTakeFirst();
      if (!existing) {
        await tx.insertInto('weak_unit').values({ unit_id: unit.id, year: input.year, ...values }).execute();
        return;
      }
      if (input.rowVersion != null && input.rowVersion !== existing.row_version) throw new ConflictError('Kế hoạch củng cố vừa được người khác cập nhật; hãy tải lại');
      const tasks = await tx.selectFrom('consolidation_task').select(['ordinal', 'status']).where('weak_unit_id', '=', existing.id).execute();
      const open = checkPlanResult(values.result as PlanResult, tasks.map((t) => ({ ordinal: t.ordinal, status: t.status as TaskStatus })));
      if (open.length) throw new ValidationError(open, open[0]!.message);
      await tx.updateTable('weak_unit').set({ ...values, row_version: existing.row_version + 1 }).where('id', '=', existing.id).execute();
    });
    const saved = (await this.list(unit.id, input.year)).find((w) => w.unitId === unit.id);
    if (!saved) throw new NotFoundError('đơn vị yếu kém');
    return saved;
  }

  /**
   * Candidates from the data for a year: grassroots organizations and cells of the subtree rated KHTNV /
   * Yếu kém, fallen two levels from the year before, or with many members absent 3+ months without a good
   * reason; units already flagged are left out.
   */
  async suggestions(unitId: number, year: number): Promise<Array<WeakSuggestion & { code: string; name: string; kind: string; level: Level | null; previousLevel: Level | null }>> {
    authorize(this.actor, 'member.read');
    const unit = await this.units.requireInScope(unitId);
    const { rows } = await sql<{ id: number; code: string; name: string; kind: string; level: string | null; previous: string | null; members: number; absent: number }>`
      WITH lvl AS (
        SELECT DISTINCT ON (c.year, r.unit_id) c.year, r.unit_id, r.decided_level
        FROM evaluation_rating r JOIN evaluation_campaign c ON c.id = r.campaign_id
        WHERE r.subject = 'organization' AND r.locked AND c.quarter IS NULL AND c.year IN (${year}, ${year - 1})
        ORDER BY c.year, r.unit_id, c.id DESC
      ), absent AS (
        SELECT c.unit_id, a.member_id FROM meeting_attendance a JOIN cell_meeting c ON c.id = a.meeting_id
        WHERE c.month BETWEEN ${`${year}-01-01`} AND ${`${year}-12-01`} AND NOT a.attended AND NOT a.reason_accepted
        GROUP BY c.unit_id, a.member_id HAVING count(*) >= 3
      )
      SELECT u.id, u.code, u.name, u.kind,
        (SELECT decided_level FROM lvl WHERE lvl.unit_id = u.id AND lvl.year = ${year}) AS level,
        (SELECT decided_level FROM lvl WHERE lvl.unit_id = u.id AND lvl.year = ${year - 1}) AS previous,
        (SELECT count(*)::int FROM member_period p JOIN unit pu ON pu.id = p.unit_id
           WHERE pu.path <@ u.path AND p.valid_from <= ${`${year}-12-31`} AND (p.valid_to IS NULL OR p.valid_to > ${`${year}-12-31`})
             AND p.status IN ('probationary', 'official')) AS members,
        (SELECT count(*)::int FROM absent JOIN unit au ON au.id = absent.unit_id WHERE au.path <@ u.path) AS absent
      FROM unit u
      WHERE u.path <@ ${unit.path}::ltree AND u.path <@ ${this.actor.scopePath}::ltree
        AND u.kind IN ('grassroots_committee', 'grassroots_cell', 'cell')
        AND NOT EXISTS (SELECT 1 FROM weak_unit w WHERE w.unit_id = u.id AND w.year = ${year})
        AND (EXISTS (SELECT 1 FROM lvl WHERE lvl.unit_id = u.id) OR EXISTS (SELECT 1 FROM absent JOIN unit au ON au.id = absent.unit_id WHERE au.path <@ u.path))
      ORDER BY u.path`.execute(this.db);
    const out = [];
    for (const r of rows) {
      const s = suggestWeak({ unitId: Number(r.id), level: r.level as Level | null, previousLevel: r.previous as Level | null, members: r.members, membersOftenAbsent: r.absent });
      if (s) out.push({ ...s, code: r.code, name: r.name, kind: r.kind, level: r.level as Level | null, previousLevel: r.previous as Level | null });
    }
    return out;
  }
}
