// Industrial parks and enterprises (issue 10 §3): the firms where recruitment reaches workers, their kind of
// ownership as in Biểu 5, and whether they have a party organization. Reading needs unit.read, writing
// unit.write (the organization staff of the territory); every row is in the scope of its territorial unit.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { inTransaction, pgErrorCode } from '../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors.ts';
import { isOwnershipKind, OWNERSHIP_LABELS } from '../domain/recruitment/enterprises.ts';
import { normalizeText, searchKey } from '../text/vietnamese.ts';
import { todayIso } from '../domain/dates.ts';

export interface Park { id: number; name: string; unitId: number; unitName: string; establishedOn: string | null; enterprises: number; workers: number; withoutParty: number }

export interface EnterpriseInput {
  name: string;
  parkId?: number | null;
  unitId: number;
  ownership: string;
  workers?: number | null;
  hasTradeUnion?: boolean | null;
  partyUnitId?: number | null;
  note?: string | null;
}

export interface Enterprise {
  id: number;
  name: string;
  parkId: number | null;
  parkName: string | null;
  unitId: number;
  unitCode: string;
  unitName: string;
  ownership: string;
  workers: number;
  hasTradeUnion: boolean;
  partyUnitId: number | null;
  partyUnitName: string | null;
  note: string | null;
  rowVersion: number;
  /** Candidates (not yet admitted) who work there. */
  candidates: number;
}

export interface EnterpriseFilter { id?: number; unitId?: number; parkId?: number; ownership?: string; withoutParty?: boolean; q?: string }

/** An enterprise has a party organization when its unit exists and has not ended by `date`. */
const hasParty = (date: string) => sql<boolean>`(p.id IS NOT NULL AND (p.dissolved_on IS NULL OR p.dissolved_on > ${date}::date))`;

export class EnterpriseService {
  private readonly units: UnitRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.units = new UnitRepository(db, actor);
  }

  async parks(unitId?: number, date = todayIso()): Promise<Park[]> {
    authorize(this.actor, 'unit.read');
    const root = unitId ? await this.units.requireInScope(unitId) : { path: this.actor.scopePath };
    const { rows } = await sql<Park>`
      SELECT k.id, k.name, k.unit_id AS "unitId", u.name AS "unitName", k.established_on AS "establishedOn",
             count(e.id)::int AS enterprises, coalesce(sum(e.workers), 0)::int AS workers,
             count(e.id) FILTER (WHERE e.workers > 0 AND NOT ${hasParty(date)})::int AS "withoutParty"
        FROM industrial_park k JOIN unit u ON u.id = k.unit_id
        LEFT JOIN enterprise e ON e.park_id = k.id LEFT JOIN unit p ON p.id = e.party_unit_id
       WHERE u.path <@ ${root.path}::ltree
       GROUP BY k.id, u.name ORDER BY k.name`.execute(this.db);
    return rows;
  }

  async createPark(input: { name: string; unitId: number; establishedOn?: string | null; note?: string | null }): Promise<Park> {
    authorize(this.actor, 'unit.write');
    const errors: FieldError[] = [];
    if (!input.name?.trim()) errors.push({ field: 'name', code: 'required', message: 'Thiếu tên khu công nghiệp' });
    await this.units.requireInScope(input.unitId).catch(() => errors.push({ field: 'unitId', code: 'not_found', message: 'Không tìm thấy đơn vị' }));
    if (errors.length) throw new ValidationError(errors);
    const id = await inTransaction(this.db, this.actor, async (tx) => (await tx.insertInto('industrial_park')
      .values({ name: normalizeText(input.name), unit_id: input.unitId, established_on: input.establishedOn || null, note: input.note?.trim() || null })
      .returning('id').executeTakeFirstOrThrow()).id).catch((err: unknown) => {
      if (pgErrorCode(err) === '23505') throw new ValidationError([{ field: 'name', code: 'duplicate', message: 'Đơn vị đã có khu công nghiệp cùng tên' }]);
      throw err;
    });
    return (await this.parks(input.unitId)).find((p) => p.id === id)!;
  }

  async list(filter: EnterpriseFilter, date = todayIso()): Promise<Enterprise[]> {
    authorize(this.actor, 'unit.read');
    const root = filter.unitId ? await this.units.requireInScope(filter.unitId) : { path: this.actor.scopePath };
    const text = filter.q?.trim();
    const { rows } = await sql<Enterprise>`
      SELECT e.id, e.name, e.park_id AS "parkId", k.name AS "parkName", e.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
             e.ownership, e.workers, e.has_trade_union AS "hasTradeUnion", CASE WHEN ${hasParty(date)} THEN e.party_unit_id END AS "partyUnitId",
             CASE WHEN ${hasParty(date)} THEN p.name END AS "partyUnitName", e.note, e.row_version AS "rowVersion",
             (SELECT count(*) FROM candidate c WHERE c.enterprise_id = e.id AND c.member_id IS NULL)::int AS candidates
        FROM enterprise e JOIN unit u ON u.id = e.unit_id LEFT JOIN industrial_park k ON k.id = e.park_id LEFT JOIN unit p ON p.id = e.party_unit_id
       WHERE u.path <@ ${root.path}::ltree
         ${filter.id ? sql`AND e.id = ${filter.id}` : sql``}
         ${filter.parkId ? sql`AND e.park_id = ${filter.parkId}` : sql``}
         ${filter.ownership ? sql`AND e.ownership = ${filter.ownership}` : sql``}
         ${filter.withoutParty ? sql`AND NOT ${hasParty(date)}` : sql``}
         ${text ? sql`AND e.name_search LIKE ${`%${searchKey(text)}%`}` : sql``}
       ORDER BY k.name NULLS LAST, e.name, e.id`.execute(this.db);
    return rows;
  }

  async get(id: number): Promise<Enterprise> {
    const [found] = await this.list({ id });
    if (!found) throw new NotFoundError('doanh nghiệp');
    return found;
  }

  async create(input: EnterpriseInput): Promise<Enterprise> {
    authorize(this.actor, 'unit.write');
    await this.validate(input);
    const id = await this.write(async (tx) => (await tx.insertInto('enterprise').values(this.columns(input)).returning('id').executeTakeFirstOrThrow()).id);
    return this.get(id);
  }

  async update(id: number, patch: Partial<EnterpriseInput>, rowVersion: number): Promise<Enterprise> {
    authorize(this.actor, 'unit.write');
    const current = await this.get(id);
    const merged: EnterpriseInput = { ...current, ...patch };
    await this.validate(merged);
    await this.write(async (tx) => {
      const res = await tx.updateTable('enterprise').set({ ...this.columns(merged), row_version: rowVersion + 1, updated_at: new Date() })
        .where('id', '=', id).where('row_version', '=', rowVersion).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('Doanh nghiệp vừa được người khác cập nhật; hãy tải lại rồi sửa lại');
    });
    return this.get(id);
  }

  private columns(e: EnterpriseInput) {
    const name = normalizeText(e.name);
    return {
      name, name_search: searchKey(name), park_id: e.parkId ?? null, unit_id: e.unitId, ownership: e.ownership, workers: e.workers ?? 0,
      has_trade_union: e.hasTradeUnion ?? false, party_unit_id: e.partyUnitId ?? null, note: e.note?.trim() || null,
    };
  }

  private async validate(e: EnterpriseInput): Promise<void> {
    const errors: FieldError[] = [];
    if (!e.name?.trim()) errors.push({ field: 'name', code: 'required', message: 'Thiếu tên doanh nghiệp' });
    if (!isOwnershipKind(e.ownership)) {
      errors.push({ field: 'ownership', code: 'invalid', message: `Loại hình doanh nghiệp phải là một trong: ${Object.values(OWNERSHIP_LABELS).join('; ')}` });
    }
    if (e.workers !== null && e.workers !== undefined && (!Number.isInteger(e.workers) || e.workers < 0)) {
      errors.push({ field: 'workers', code: 'invalid', message: 'Số lao động phải là số nguyên không âm' });
    }
    const unit = await this.units.requireInScope(e.unitId).catch(() => null);
    if (!unit) errors.push({ field: 'unitId', code: 'not_found', message: 'Không tìm thấy đơn vị (địa bàn của doanh nghiệp)' });
    if (e.parkId) {
      const park = await this.db.selectFrom('industrial_park as k').innerJoin('unit as u', 'u.id', 'k.unit_id').select('k.id')
        .where('k.id', '=', e.parkId).where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`).executeTakeFirst();
      if (!park) errors.push({ field: 'parkId', code: 'not_found', message: 'Không tìm thấy khu công nghiệp' });
    }
    if (e.partyUnitId) {
      const party = await this.units.requireInScope(e.partyUnitId).catch(() => null);
      if (!party) errors.push({ field: 'partyUnitId', code: 'not_found', message: 'Không tìm thấy tổ chức đảng của doanh nghiệp' });
      else if (!['grassroots_committee', 'grassroots_cell', 'partial_committee', 'cell'].includes(party.kind)) {
        errors.push({ field: 'partyUnitId', code: 'not_a_base_unit', message: 'Tổ chức đảng của doanh nghiệp phải là đảng bộ cơ sở, chi bộ cơ sở, đảng bộ bộ phận hoặc chi bộ' });
      }
    }
    if (errors.length) throw new ValidationError(errors);
  }

  private async write<T>(fn: Parameters<typeof inTransaction<T>>[2]): Promise<T> {
    try {
      return await inTransaction(this.db, this.actor, fn);
    } catch (err) {
      if (pgErrorCode(err) === '23505') throw new ValidationError([{ field: 'partyUnitId', code: 'duplicate', message: 'Tổ chức đảng này đã gắn với một doanh nghiệp khác' }]);
      throw err;
    }
  }
}
