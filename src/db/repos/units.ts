// Units: the organization tree, read as of today or any past date, always inside the actor's subtree.
import { sql } from 'kysely';
import type { Actor } from '../../policies/index.ts';
import { authorize } from '../../policies/index.ts';
import { ACTIVE_STATUSES } from '../../domain/members.ts';
import { canPlaceUnder, holdsMembers, isUnitKind, UNIT_KIND_LABELS_VI, type UnitKind } from '../../domain/units.ts';
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.ts';
import { addDays, formatVietnameseDate, isIsoDate, todayIso } from '../../domain/dates.ts';
import { normalizeText, searchKey } from '../../text/vietnamese.ts';
import { inTransaction, pgErrorCode, type Executor } from '../transaction.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export interface UnitSummary {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  childCount: number;
  memberCount: number;
}

export interface UnitDetail extends UnitSummary {
  path: string;
  establishedOn: string;
  dissolvedOn: string | null;
  note: string | null;
  rowVersion: number;
  /** From the actor's scope root down to the parent. */
  ancestors: Array<{ id: number; code: string; name: string; kind: string }>;
  byStatus: Record<string, number>;
}

export interface UnitVersionRow {
  validFrom: string;
  validTo: string | null;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  parentName: string | null;
  decision: string | null;
}

export interface UnitInput {
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  effectiveDate: string;
  decision?: string | null;
  note?: string | null;
}

export interface UnitChange {
  name?: string;
  code?: string;
  kind?: string;
  parentId?: number;
  note?: string | null;
  effectiveDate: string;
  decision?: string | null;
  rowVersion: number;
}

const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));

export class UnitRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly actor: Actor,
  ) {}

  /** The actor's scope root, as the top of their tree. */
  async roots(asOf?: string): Promise<UnitSummary[]> {
    authorize(this.actor, 'unit.read');
    if (asOf && asOf < todayIso()) return this.summariesAsOf(sql`v.unit_id = ${this.actor.scopeUnitId}`, asOf);
    return this.summaries(sql`u.id = ${this.actor.scopeUnitId}`);
  }

  /** Direct sub-units today, or as of a past date (from the dated versions), with member counts. */
  async children(parentId: number, asOf?: string): Promise<UnitSummary[]> {
    authorize(this.actor, 'unit.read');
    await this.requireInScope(parentId);
    if (!asOf || asOf >= todayIso()) {
      return this.summaries(sql`u.parent_id = ${parentId} AND u.dissolved_on IS NULL`);
    }
    return this.summariesAsOf(sql`v.parent_id = ${parentId}`, asOf);
  }

  private async summaries(where: ReturnType<typeof sql>): Promise<UnitSummary[]> {
    const { rows } = await sql<UnitSummary>`
      SELECT u.id, u.code, u.name, u.kind, u.parent_id AS "parentId",
        (SELECT count(*) FROM unit c WHERE c.parent_id = u.id AND c.dissolved_on IS NULL)::int AS "childCount",
        -- Rolled-up units (0009) read their subtree's roll in a few rows; the smaller ones sum their cells.
        CASE WHEN stat_rollup_kind(u.kind) IS NOT NULL
          THEN COALESCE((SELECT sum(r.n) FROM stat_rollup r WHERE r.unit_id = u.id AND r.dim = 'all' AND r.status IN (${active})), 0)
          ELSE COALESCE((SELECT sum(k.n) FROM unit d JOIN unit_member_count k ON k.unit_id = d.id
                         WHERE d.path <@ u.path AND k.status IN (${active})), 0)
        END::int AS "memberCount"
      FROM unit u
      WHERE ${where} AND u.path <@ ${this.actor.scopePath}::ltree
      ORDER BY u.kind = 'cell', u.code, u.name`.execute(this.db);
    return rows;
  }

  /** Units matching `top` (over unit_version v) in the tree of a past date, with that date's member counts. */
  private async summariesAsOf(top: ReturnType<typeof sql>, asOf: string): Promise<UnitSummary[]> {
    // The tree of that date comes from unit_version; members from member_period of that date.
    const { rows } = await sql<UnitSummary>`
      WITH RECURSIVE kids AS (
        SELECT v.unit_id, v.code, v.name, v.kind, v.parent_id
        FROM unit_version v
        WHERE ${top} AND v.valid_from <= ${asOf} AND (v.valid_to IS NULL OR v.valid_to > ${asOf})
      ), sub (top_id, unit_id) AS (
        SELECT unit_id, unit_id FROM kids
        UNION ALL
        SELECT sub.top_id, v.unit_id FROM sub JOIN unit_version v ON v.parent_id = sub.unit_id
          AND v.valid_from <= ${asOf} AND (v.valid_to IS NULL OR v.valid_to > ${asOf})
      )
      SELECT k.unit_id AS id, k.code, k.name, k.kind, k.parent_id AS "parentId",
        (SELECT count(*) FROM unit_version c WHERE c.parent_id = k.unit_id AND c.valid_from <= ${asOf}
           AND (c.valid_to IS NULL OR c.valid_to > ${asOf}))::int AS "childCount",
        (SELECT count(*) FROM sub JOIN member_period p ON p.unit_id = sub.unit_id
           WHERE sub.top_id = k.unit_id AND p.valid_from <= ${asOf} AND (p.valid_to IS NULL OR p.valid_to > ${asOf})
             AND p.status IN (${active}))::int AS "memberCount"
      FROM kids k JOIN unit u ON u.id = k.unit_id
      WHERE u.path <@ ${this.actor.scopePath}::ltree
      ORDER BY k.kind = 'cell', k.code, k.name`.execute(this.db);
    return rows;
  }

  async get(id: number): Promise<UnitDetail> {
    authorize(this.actor, 'unit.read');
    const [summary] = await this.summaries(sql`u.id = ${id}`);
    if (!summary) throw new NotFoundError('đơn vị');
    const unit = await this.db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const ancestorIds = unit.path.split('.').slice(0, -1).map(Number);
    const ancestors = ancestorIds.length
      ? await this.db
          .selectFrom('unit')
          .select(['id', 'code', 'name', 'kind', 'depth'])
          .where('id', 'in', ancestorIds)
          .where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree`)
          .orderBy('depth')
          .execute()
      : [];
    // Members by status (those who left the roll included, at their last cell): from the roll-up for a
    // rolled-up unit, else summed over its cells.
    const { rows: counts } = await sql<{ status: string; n: number }>`
      SELECT status, sum(n)::int AS n FROM stat_rollup WHERE unit_id = ${id} AND dim = 'all' AND stat_rollup_kind(${unit.kind}) IS NOT NULL
      GROUP BY status
      UNION ALL
      SELECT k.status, sum(k.n)::int AS n FROM unit d JOIN unit_member_count k ON k.unit_id = d.id
      WHERE d.path <@ ${unit.path}::ltree AND stat_rollup_kind(${unit.kind}) IS NULL GROUP BY k.status`.execute(this.db);
    return {
      ...summary,
      path: unit.path,
      establishedOn: unit.established_on,
      dissolvedOn: unit.dissolved_on,
      note: unit.note,
      rowVersion: unit.row_version,
      ancestors: ancestors.map(({ id: aid, code, name, kind }) => ({ id: aid, code, name, kind })),
      byStatus: Object.fromEntries(counts.filter((c) => c.n > 0).map((c) => [c.status, c.n])),
    };
  }

  /**
   * Units in scope whose name (without diacritics) or code matches: today's units, or with `date` the units
   * of that date under their names and codes of that date (a reused code finds its holder of that day).
   */
  async search(query: string, limit = 20, date?: string): Promise<UnitSummary[]> {
    authorize(this.actor, 'unit.read');
    const key = searchKey(query);
    if (!key) return [];
    if (date && date !== todayIso()) {
      // Names of past versions have no stored search key; a tree of one date is a few thousand rows at most.
      const { rows: all } = await sql<{ id: number; code: string; name: string; kind: string; parent_id: number | null; depth: number }>`
        SELECT v.unit_id AS id, v.code, v.name, v.kind, v.parent_id, u.depth
        FROM unit_version v JOIN unit u ON u.id = v.unit_id
        WHERE u.path <@ ${this.actor.scopePath}::ltree AND v.valid_from <= ${date} AND (v.valid_to IS NULL OR v.valid_to > ${date})`.execute(this.db);
      const code = query.trim();
      const rows = all.filter((r) => r.code === code || searchKey(r.name).includes(key))
        .sort((a, b) => Number(b.code === code) - Number(a.code === code) || a.depth - b.depth || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .slice(0, limit);
      return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, childCount: 0, memberCount: 0 }));
    }
    const rows = await this.db
      .selectFrom('unit')
      .select(['id', 'code', 'name', 'kind', 'parent_id'])
      .where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree`)
      .where('dissolved_on', 'is', null)
      .where((eb) => eb.or([eb('name_search', 'like', `%${escapeLike(key)}%`), eb('code', '=', query.trim())]))
      .orderBy(sql`code = ${query.trim()}`, 'desc')
      .orderBy('depth')
      .orderBy('code')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, childCount: 0, memberCount: 0 }));
  }

  /**
   * The unit that held `code` on `date`: codes are reused (GSO handed 28810 from xã An Khánh to thị trấn
   * Châu Thành on 1/12/2024), so a code names a unit only with a date. When no unit held it that day, the
   * error says which units held it and when.
   */
  async resolveCode(code: string, date: string = todayIso()): Promise<number> {
    authorize(this.actor, 'unit.read');
    const holders = await this.codeHolders(code);
    const hit = holders.find((h) => h.validFrom <= date && (h.validTo === null || h.validTo > date));
    if (hit) return hit.unitId;
    const day = formatVietnameseDate(date);
    if (!holders.length) throw new AppError('NOT_FOUND', `Không tìm thấy đơn vị mã ${code}`, [{ field: 'code', code: 'not_found', message: `Không có đơn vị nào mang mã ${code}` }]);
    const spans = holders.map((h) => `${h.name} (${h.validTo ? `${formatVietnameseDate(h.validFrom)} – ${formatVietnameseDate(addDays(h.validTo, -1))}` : `từ ${formatVietnameseDate(h.validFrom)}`})`);
    const message = `Ngày ${day} không có đơn vị nào mang mã ${code}. Mã này thuộc: ${spans.join('; ')}`;
    throw new AppError('NOT_FOUND', message, [{ field: 'code', code: 'not_in_force', message }]);
  }

  /** Every period during which a unit in scope held `code`, oldest first (periods of one unit joined). */
  async codeHolders(code: string): Promise<Array<{ unitId: number; name: string; validFrom: string; validTo: string | null }>> {
    authorize(this.actor, 'unit.read');
    const rows = await this.db
      .selectFrom('unit_version as v')
      .innerJoin('unit as u', 'u.id', 'v.unit_id')
      .select(['v.unit_id', 'v.name', 'v.valid_from', 'v.valid_to'])
      .where('v.code', '=', code.trim())
      .where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`)
      .orderBy('v.valid_from')
      .execute();
    const out: Array<{ unitId: number; name: string; validFrom: string; validTo: string | null }> = [];
    for (const r of rows) {
      const last = out[out.length - 1];
      // A rename under the same code continues the same holding; the latest name stands for it.
      if (last && last.unitId === r.unit_id && last.validTo === r.valid_from) Object.assign(last, { validTo: r.valid_to, name: r.name });
      else out.push({ unitId: r.unit_id, name: r.name, validFrom: r.valid_from, validTo: r.valid_to });
    }
    return out;
  }

  /** The unit's name, code and kind in force on a date. */
  async versionOn(id: number, date: string): Promise<{ code: string; name: string; kind: string }> {
    await this.requireInScope(id);
    const v = await this.db.selectFrom('unit_version').select(['code', 'name', 'kind']).where('unit_id', '=', id)
      .where('valid_from', '<=', date).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)])).executeTakeFirst();
    if (!v) throw new NotFoundError(`đơn vị vào ngày ${formatVietnameseDate(date)}`);
    return v;
  }

  async versions(id: number): Promise<UnitVersionRow[]> {
    authorize(this.actor, 'unit.read');
    await this.requireInScope(id);
    const rows = await this.db
      .selectFrom('unit_version as v')
      .leftJoin('unit as p', 'p.id', 'v.parent_id')
      .select(['v.valid_from', 'v.valid_to', 'v.code', 'v.name', 'v.kind', 'v.parent_id', 'p.name as parent_name', 'v.decision'])
      .where('v.unit_id', '=', id)
      .orderBy('v.valid_from')
      .execute();
    return rows.map((r) => ({
      validFrom: r.valid_from, validTo: r.valid_to, code: r.code, name: r.name, kind: r.kind,
      parentId: r.parent_id, parentName: r.parent_name, decision: r.decision,
    }));
  }

  /** Throws NotFound (never Forbidden) for a unit outside the scope, so ids of other units leak nothing. */
  async requireInScope(id: number): Promise<{ id: number; path: string; kind: string; code: string; name: string }> {
    const row = await this.db
      .selectFrom('unit')
      .select(['id', 'path', 'kind', 'code', 'name'])
      .where('id', '=', id)
      .where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree`)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('đơn vị');
    return row;
  }

  async create(input: UnitInput): Promise<UnitDetail> {
    authorize(this.actor, 'unit.write');
    const errors = validateUnitFields(input, true);
    let parent: { id: number; path: string; kind: string } | undefined;
    if (input.parentId === null) {
      errors.push({ field: 'parentId', code: 'required', message: 'Đơn vị cấp trên là bắt buộc' });
    } else {
      parent = await this.requireInScope(input.parentId).catch(() => undefined);
      if (!parent) errors.push({ field: 'parentId', code: 'not_found', message: 'Không tìm thấy đơn vị cấp trên' });
      else if (isUnitKind(input.kind) && !canPlaceUnder(input.kind, parent.kind as UnitKind)) {
        errors.push({ field: 'kind', code: 'kind_not_allowed', message: `Không thể đặt ${UNIT_KIND_LABELS_VI[input.kind]} trực thuộc ${UNIT_KIND_LABELS_VI[parent.kind as UnitKind]}` });
      }
    }
    if (errors.length) throw new ValidationError(errors);
    const id = await inTransaction(this.db, this.actor, async (tx) => {
      await assertCodeFree(tx, input.code.trim(), null);
      const name = normalizeText(input.name);
      const inserted = await tx
        .insertInto('unit')
        .values({
          code: input.code.trim(), name, kind: input.kind, parent_id: parent!.id, path: '0', depth: 0,
          established_on: input.effectiveDate, name_search: searchKey(name), note: input.note ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.updateTable('unit').set({ path: `${parent!.path}.${inserted.id}`, depth: parent!.path.split('.').length }).where('id', '=', inserted.id).execute();
      await tx.insertInto('unit_version').values({
        unit_id: inserted.id, valid_from: input.effectiveDate, valid_to: null, code: input.code.trim(), name,
        kind: input.kind, parent_id: parent!.id, decision: input.decision ?? null,
      }).execute();
      return inserted.id;
    });
    return this.get(id);
  }

  /**
   * Renames, recodes, changes the kind of, or moves a unit from an effective date: the version in force
   * is closed on that date and a new one opened, so the tree of earlier dates is kept.
   */
  async update(id: number, change: UnitChange): Promise<UnitDetail> {
    authorize(this.actor, 'unit.write');
    const current = await this.requireInScope(id);
    const errors: FieldError[] = [];
    if (!isIsoDate(change.effectiveDate)) errors.push({ field: 'effectiveDate', code: 'invalid_date', message: 'Ngày hiệu lực không hợp lệ' });
    else if (change.effectiveDate > todayIso()) errors.push({ field: 'effectiveDate', code: 'future_date', message: 'Ngày hiệu lực không được sau ngày hôm nay' });
    if (change.name !== undefined && !normalizeText(change.name)) errors.push({ field: 'name', code: 'required', message: 'Tên đơn vị là bắt buộc' });
    if (change.code !== undefined && !/^[0-9A-Za-z._-]{1,20}$/.test(change.code.trim())) errors.push({ field: 'code', code: 'invalid', message: 'Mã đơn vị gồm 1–20 chữ số, chữ cái, dấu chấm, gạch' });
    if (change.kind !== undefined && !isUnitKind(change.kind)) errors.push({ field: 'kind', code: 'invalid', message: 'Loại đơn vị không hợp lệ' });
    let newParent: { id: number; path: string; kind: string } | undefined;
    if (change.parentId !== undefined) {
      newParent = await this.requireInScope(change.parentId).catch(() => undefined);
      if (!newParent) errors.push({ field: 'parentId', code: 'not_found', message: 'Không tìm thấy đơn vị cấp trên' });
      else if (newParent.path === current.path || newParent.path.startsWith(current.path + '.')) {
        errors.push({ field: 'parentId', code: 'cycle', message: 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó' });
      }
    }
    const kind = (change.kind ?? current.kind) as UnitKind;
    const parentKind = newParent?.kind ?? (await this.parentKind(id));
    if (isUnitKind(kind) && parentKind && !canPlaceUnder(kind, parentKind as UnitKind)) {
      errors.push({ field: change.parentId !== undefined ? 'parentId' : 'kind', code: 'kind_not_allowed', message: `Không thể đặt ${UNIT_KIND_LABELS_VI[kind]} trực thuộc ${UNIT_KIND_LABELS_VI[parentKind as UnitKind]}` });
    }
    if (errors.length) throw new ValidationError(errors);

    await inTransaction(this.db, this.actor, async (tx) => {
      const unit = await tx.selectFrom('unit').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      if (unit.row_version !== change.rowVersion) throw new ConflictError('Đơn vị vừa được người khác sửa; hãy tải lại trang rồi thử lại');
      const open = await tx.selectFrom('unit_version').selectAll().where('unit_id', '=', id).where('valid_to', 'is', null).executeTakeFirstOrThrow();
      if (change.effectiveDate < open.valid_from) {
        throw new ValidationError([{ field: 'effectiveDate', code: 'before_current', message: `Ngày hiệu lực phải từ ${open.valid_from.split('-').reverse().join('/')} (ngày của lần thay đổi trước)` }]);
      }
      const next = {
        code: change.code?.trim() ?? unit.code,
        name: change.name !== undefined ? normalizeText(change.name) : unit.name,
        kind,
        parent_id: newParent?.id ?? unit.parent_id,
      };
      if (next.code !== unit.code) await assertCodeFree(tx, next.code, id);
      if (change.effectiveDate === open.valid_from) {
        await tx.updateTable('unit_version').set({ ...next, decision: change.decision ?? open.decision })
          .where('unit_id', '=', id).where('valid_from', '=', open.valid_from).execute();
      } else {
        await tx.updateTable('unit_version').set({ valid_to: change.effectiveDate })
          .where('unit_id', '=', id).where('valid_from', '=', open.valid_from).execute();
        await tx.insertInto('unit_version').values({ unit_id: id, valid_from: change.effectiveDate, valid_to: null, ...next, decision: change.decision ?? null }).execute();
      }
      await tx.updateTable('unit').set({
        ...next, name_search: searchKey(next.name), note: change.note !== undefined ? change.note : unit.note,
        row_version: unit.row_version + 1,
      }).where('id', '=', id).execute();
      if (newParent && newParent.id !== unit.parent_id) {
        // Re-root the whole subtree under the new parent's path.
        const newPath = `${newParent.path}.${id}`;
        // subpath(p, n) with n = nlevel(p) is an error in PostgreSQL, so the moved unit itself gets the new path directly.
        await sql`UPDATE unit SET path = CASE WHEN path = ${unit.path}::ltree THEN ${newPath}::ltree
                                         ELSE ${newPath}::ltree || subpath(path, nlevel(${unit.path}::ltree)) END
                  WHERE path <@ ${unit.path}::ltree`.execute(tx);
        await sql`UPDATE unit SET depth = nlevel(path) - 1 WHERE path <@ ${newPath}::ltree`.execute(tx);
      }
    });
    return this.get(id);
  }

  private async parentKind(id: number): Promise<string | null> {
    const row = await this.db.selectFrom('unit as u').leftJoin('unit as p', 'p.id', 'u.parent_id').select('p.kind').where('u.id', '=', id).executeTakeFirst();
    return row?.kind ?? null;
  }

  /** Whether members can be placed in this unit (a cell or a grassroots cell). */
  async requireMemberHolder(id: number): Promise<{ id: number; path: string }> {
    const unit = await this.requireInScope(id);
    if (!isUnitKind(unit.kind) || !holdsMembers(unit.kind)) {
      throw new ValidationError([{ field: 'unitId', code: 'not_a_cell', message: 'Đảng viên phải sinh hoạt ở một chi bộ (chi bộ trực thuộc hoặc chi bộ cơ sở)' }]);
    }
    return unit;
  }
}

function validateUnitFields(input: UnitInput, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.code || !/^[0-9A-Za-z._-]{1,20}$/.test(input.code.trim())) errors.push({ field: 'code', code: 'invalid', message: 'Mã đơn vị gồm 1–20 chữ số, chữ cái, dấu chấm, gạch' });
  if (!input.name || !normalizeText(input.name)) errors.push({ field: 'name', code: 'required', message: 'Tên đơn vị là bắt buộc' });
  if (!isUnitKind(input.kind)) errors.push({ field: 'kind', code: 'invalid', message: 'Loại đơn vị không hợp lệ' });
  if (creating && !isIsoDate(input.effectiveDate)) errors.push({ field: 'effectiveDate', code: 'invalid_date', message: 'Ngày thành lập không hợp lệ' });
  else if (input.effectiveDate > todayIso()) errors.push({ field: 'effectiveDate', code: 'future_date', message: 'Ngày thành lập không được sau ngày hôm nay' });
  return errors;
}

/** A code is held by at most one living unit at a time (GSO reuses codes only after the holder is gone). */
async function assertCodeFree(tx: Executor, code: string, exceptId: number | null): Promise<void> {
  let q = tx.selectFrom('unit').select(['id', 'name']).where('code', '=', code).where('dissolved_on', 'is', null);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  const holder = await q.executeTakeFirst();
  if (holder) throw new ValidationError([{ field: 'code', code: 'duplicate', message: `Mã ${code} đang là mã của ${holder.name}` }]);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

export { pgErrorCode };
