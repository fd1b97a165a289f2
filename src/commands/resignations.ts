// The register of cadres and civil servants who ask to quit (issue 10 §4): requests, the counselling of
// each, and the outcome. Each write is one transaction; a request is in the scope of the party unit its
// agency belongs to.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { MAX_PAGE_SIZE } from '../db/repos/members.ts';
import { inTransaction } from '../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors.ts';
import { todayIso } from '../domain/dates.ts';
import { checkCounselling, checkResignation } from '../domain/recruitment/resignations.ts';
import { nameSortKey, normalizeText, searchKey } from '../text/vietnamese.ts';

export interface ResignationInput {
  fullName: string;
  memberId?: number | null;
  agency: string;
  position: string;
  level: string;
  unitId: number;
  requestedOn: string;
  reason: string;
  reasonNote?: string | null;
  outcome?: string | null;
  outcomeOn?: string | null;
  outcomeNote?: string | null;
}

export interface ResignationCounsellingRecord { id: number; metOn: string; metBy: string; outcomeNote: string }

export interface Resignation {
  id: number;
  fullName: string;
  memberId: number | null;
  agency: string;
  position: string;
  level: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  requestedOn: string;
  reason: string;
  reasonNote: string | null;
  outcome: string | null;
  outcomeOn: string | null;
  outcomeNote: string | null;
  rowVersion: number;
  counselling: ResignationCounsellingRecord[];
}

export interface ResignationFilter {
  unitId?: number;
  since?: string;
  until?: string;
  reason?: string;
  outcome?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

const clean = (v: string | null | undefined) => (v ? normalizeText(v) || null : null);

export class ResignationService {
  private readonly units: UnitRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.units = new UnitRepository(db, actor);
  }

  async list(filter: ResignationFilter): Promise<{ total: number; page: number; pageSize: number; items: Resignation[] }> {
    authorize(this.actor, 'member.read');
    const root = filter.unitId ? await this.units.requireInScope(filter.unitId) : { path: this.actor.scopePath };
    const page = filter.page ?? 1;
    const pageSize = Math.min(filter.pageSize ?? 50, MAX_PAGE_SIZE);
    let q = this.db.selectFrom('resignation_request as r').innerJoin('unit as u', 'u.id', 'r.unit_id').where(sql<boolean>`u.path <@ ${root.path}::ltree`);
    if (filter.since) q = q.where('r.requested_on', '>=', filter.since);
    if (filter.until) q = q.where('r.requested_on', '<=', filter.until);
    if (filter.reason) q = q.where('r.reason', '=', filter.reason);
    if (filter.outcome === 'pending') q = q.where('r.outcome', 'is', null);
    else if (filter.outcome) q = q.where('r.outcome', '=', filter.outcome);
    const text = filter.q?.trim();
    if (text) q = q.where((eb) => eb.or([eb('r.name_search', 'like', `%${searchKey(text)}%`), eb(sql`lower(r.agency)`, 'like', `%${text.toLowerCase()}%`)]));
    const { n } = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const ids = await q.select('r.id').orderBy('r.requested_on', 'desc').orderBy('r.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { total: n, page, pageSize, items: await this.load(ids.map((r) => r.id)) };
  }

  async get(id: number): Promise<Resignation> {
    authorize(this.actor, 'member.read');
    const [found] = await this.load([id], true);
    if (!found) throw new NotFoundError('đơn xin nghỉ việc');
    return found;
  }

  async create(input: ResignationInput): Promise<Resignation> {
    authorize(this.actor, 'member.write');
    const errors = await this.validate(input);
    if (errors.length) throw new ValidationError(errors);
    const id = await inTransaction(this.db, this.actor, async (tx) => (await tx.insertInto('resignation_request').values(this.columns(input)).returning('id').executeTakeFirstOrThrow()).id);
    return this.get(id);
  }

  /** Edits a request or records its outcome; `rowVersion` is the version the user saw. */
  async update(id: number, patch: Partial<ResignationInput>, rowVersion: number): Promise<Resignation> {
    authorize(this.actor, 'member.write');
    const current = await this.get(id);
    const merged: ResignationInput = { ...current, ...patch };
    const errors = await this.validate(merged, current);
    if (errors.length) throw new ValidationError(errors);
    if (current.counselling.some((c) => c.metOn < merged.requestedOn)) {
      throw new ValidationError([{ field: 'requestedOn', code: 'after_counselling', message: 'Ngày làm đơn không được sau ngày của một buổi gặp gỡ đã ghi' }]);
    }
    await inTransaction(this.db, this.actor, async (tx) => {
      const res = await tx.updateTable('resignation_request').set({ ...this.columns(merged), row_version: rowVersion + 1, updated_at: new Date() })
        .where('id', '=', id).where('row_version', '=', rowVersion).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('Đơn vừa được người khác cập nhật; hãy tải lại rồi sửa lại');
    });
    return this.get(id);
  }

  async addCounselling(id: number, input: { metOn: string; metBy: string; outcomeNote: string }): Promise<Resignation> {
    authorize(this.actor, 'member.write');
    const current = await this.get(id);
    const errors = checkCounselling(input, current.requestedOn, todayIso());
    if (errors.length) throw new ValidationError(errors);
    await inTransaction(this.db, this.actor, async (tx) => {
      await tx.insertInto('resignation_counselling').values({
        request_id: id, met_on: input.metOn, met_by: normalizeText(input.metBy), outcome_note: normalizeText(input.outcomeNote), recorded_by: this.actor.userId,
      }).execute();
    });
    return this.get(id);
  }

  private columns(r: ResignationInput) {
    const name = normalizeText(r.fullName);
    return {
      full_name: name, name_search: searchKey(name), name_sort: nameSortKey(name), member_id: r.memberId ?? null,
      agency: normalizeText(r.agency), position: normalizeText(r.position), level: r.level, unit_id: r.unitId, requested_on: r.requestedOn,
      reason: r.reason, reason_note: clean(r.reasonNote), outcome: r.outcome || null, outcome_on: r.outcomeOn || null, outcome_note: clean(r.outcomeNote),
    };
  }

  private async validate(r: ResignationInput, current?: Resignation): Promise<FieldError[]> {
    const errors = checkResignation(r, todayIso());
    if (r.unitId !== current?.unitId) {
      const ok = await this.units.requireInScope(r.unitId).then(() => true, () => false);
      if (!ok) errors.push({ field: 'unitId', code: 'not_found', message: 'Không tìm thấy đơn vị (tổ chức đảng của cơ quan)' });
    }
    if (r.memberId && r.memberId !== current?.memberId) {
      const m = await this.db.selectFrom('member as m').innerJoin('unit as u', 'u.id', 'm.unit_id').select('m.id')
        .where('m.id', '=', r.memberId).where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`).executeTakeFirst();
      if (!m) errors.push({ field: 'memberId', code: 'not_found', message: 'Không tìm thấy đảng viên này trong phạm vi của bạn' });
    }
    return errors;
  }

  private async load(ids: number[], anyOrder = false): Promise<Resignation[]> {
    if (!ids.length) return [];
    const rows = await this.db.selectFrom('resignation_request as r').innerJoin('unit as u', 'u.id', 'r.unit_id')
      .selectAll('r').select(['u.code as unit_code', 'u.name as unit_name'])
      .where('r.id', 'in', ids).where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`).execute();
    const meetings = await this.db.selectFrom('resignation_counselling').selectAll().where('request_id', 'in', ids).orderBy('met_on').orderBy('id').execute();
    const byId = new Map(rows.map((r) => [r.id, {
      id: r.id, fullName: r.full_name, memberId: r.member_id, agency: r.agency, position: r.position, level: r.level, unitId: r.unit_id,
      unitCode: r.unit_code, unitName: r.unit_name, requestedOn: r.requested_on, reason: r.reason, reasonNote: r.reason_note,
      outcome: r.outcome, outcomeOn: r.outcome_on, outcomeNote: r.outcome_note, rowVersion: r.row_version,
      counselling: meetings.filter((m) => m.request_id === r.id).map((m) => ({ id: m.id, metOn: m.met_on, metBy: m.met_by, outcomeNote: m.outcome_note })),
    } satisfies Resignation]));
    return (anyOrder ? [...byId.values()] : ids.map((id) => byId.get(id)!).filter(Boolean));
  }
}

