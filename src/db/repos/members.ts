// The member registry, always read and written inside the actor's subtree.
import { sql, type Kysely } from 'kysely';
import type { Database, MemberTable } from '../schema.ts';
import { authorize, type Actor } from '../../policies/index.ts';
import {
  ageBandRange, AGE_BANDS, MEMBER_STATUSES, validateMemberProfile,
  type AgeBand, type MemberProfile,
} from '../../domain/members.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.ts';
import { isIsoDate, todayIso } from '../../domain/dates.ts';
import { nameSortKey, normalizeText, searchKey } from '../../text/vietnamese.ts';
import { inTransaction, pgErrorCode } from '../transaction.ts';
import { escapeLike, UnitRepository } from './units.ts';

export interface MemberListFilter {
  unitId?: number;
  q?: string;
  status?: string[];
  sex?: string;
  ageBand?: string;
  unitKind?: string;
  page?: number;
  pageSize?: number;
}

export interface MemberListItem {
  id: number;
  fullName: string;
  sex: string;
  birthDate: string;
  status: string;
  admissionDate: string | null;
  unitId: number;
  unitName: string;
  unitCode: string;
}

export type Member = { [K in keyof MemberProfile]-?: Exclude<MemberProfile[K], undefined> } & MemberState;
interface MemberState {
  id: number;
  status: string;
  unitId: number;
  unitName: string;
  unitCode: string;
  rowVersion: number;
  updatedAt: string;
}

export interface NewMember extends MemberProfile {
  unitId: number;
  status: string;
  /** Date from which this status and cell hold (defaults to the admission or official date). */
  since?: string;
}

export interface MemberPeriod {
  validFrom: string;
  validTo: string | null;
  status: string;
  unitId: number;
  unitName: string;
  decision: string | null;
}

/** Profile fields (API names) and their columns. */
const PROFILE_COLUMNS = {
  fullName: 'full_name',
  otherNames: 'other_names',
  sex: 'sex',
  birthDate: 'birth_date',
  birthProvinceCode: 'birth_province_code',
  birthPlace: 'birth_place',
  homeTown: 'home_town',
  ethnicity: 'ethnicity',
  religion: 'religion',
  citizenId: 'citizen_id',
  cardNumber: 'card_number',
  educationGeneral: 'education_general',
  educationProfessional: 'education_professional',
  politicalTheory: 'political_theory',
  occupation: 'occupation',
  phone: 'phone',
  admissionDate: 'admission_date',
  officialDate: 'official_date',
  note: 'note',
} as const satisfies Record<keyof MemberProfile, keyof MemberTable>;
export const PROFILE_FIELDS = Object.keys(PROFILE_COLUMNS) as Array<keyof MemberProfile>;

export const MAX_PAGE_SIZE = 200;
/** Above this many matches the list says "more than" instead of counting a whole province. */
export const COUNT_CAP = 10_000;
/** A count of up to COUNT_CAP + 1 rows as the list reports it. */
const capCount = (n: number) => (n > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: n, capped: false });
/** The depth and kind of the units lately listed (hints the list's statement checks; see listInOneStatement). */
const rootHints = new Map<number, { depth: number; rolled: boolean }>();
const ROOT_HINT_CACHE_SIZE = 100_000;
const PAGE_COLUMNS = ['m.id', 'm.full_name', 'm.sex', 'm.birth_date', 'm.status', 'm.admission_date', 'm.unit_id', 'u.name as unit_name', 'u.code as unit_code'] as const;
/** With the sort key, for a page sorted outside the statement that selects it. */
const LIST_COLUMNS = [...PAGE_COLUMNS, 'm.name_sort'] as const;
interface ListRow { id: number; full_name: string; sex: string; birth_date: string; status: string; admission_date: string | null; unit_id: number; unit_name: string; unit_code: string }
const toListItem = (r: ListRow): MemberListItem => ({
  id: r.id, fullName: r.full_name, sex: r.sex, birthDate: r.birth_date, status: r.status,
  admissionDate: r.admission_date, unitId: r.unit_id, unitName: r.unit_name, unitCode: r.unit_code,
});

export class MemberRepository {
  private readonly units: UnitRepository;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly actor: Actor,
  ) {
    this.units = new UnitRepository(db, actor);
  }

  async list(filter: MemberListFilter): Promise<{ total: number; totalCapped: boolean; page: number; pageSize: number; items: MemberListItem[] }> {
    authorize(this.actor, 'member.read');
    const errors: FieldError[] = [];
    const page = filter.page ?? 1;
    const pageSize = Math.min(filter.pageSize ?? 50, MAX_PAGE_SIZE);
    const statuses = filter.status?.filter(Boolean) ?? [];
    for (const s of statuses) {
      if (!(MEMBER_STATUSES as readonly string[]).includes(s)) errors.push({ field: 'status', code: 'invalid', message: `Trạng thái không hợp lệ: ${s}` });
    }
    if (filter.ageBand && !(AGE_BANDS as readonly string[]).includes(filter.ageBand)) errors.push({ field: 'ageBand', code: 'invalid', message: 'Nhóm tuổi không hợp lệ' });
    if (filter.sex && filter.sex !== 'male' && filter.sex !== 'female') errors.push({ field: 'sex', code: 'invalid', message: 'Giới tính không hợp lệ' });
    if (errors.length) throw new ValidationError(errors);

    const text = filter.q?.trim();
    // A list without a search runs as one statement (scope check, page and count together): the member list
    // is the most frequent request, and at country size each round trip costs the server's one thread.
    if (!text) return this.listInOneStatement(filter, statuses, page, pageSize);
    const root = filter.unitId ? await this.units.requireInScope(filter.unitId) : { id: this.actor.scopeUnitId, path: this.actor.scopePath };
    const depth = root.path.split('.').length - 1;
    let q = this.filtered(this.inSubtree(root.id, depth, sql`${root.path}::ltree`), statuses, filter);
    if (/^\d{6,12}$/.test(text)) {
      q = q.where((eb) => eb.or([eb('m.citizen_id', 'like', `${text}%`), eb('m.card_number', '=', text)]));
    } else {
      // The key matches where a word of the name starts ("tam", "ngoc tam", "tran ngoc t" all find
      // "Trần Ngọc Tâm"). Inside a province each of the first four word starts is a range of an index
      // of that province (0017_member_word_prefix.sql); over the whole country the trigram index serves.
      const prefix = `${escapeLike(searchKey(text))}%`;
      const province = depth >= 1 ? Number(root.path.split('.')[1]) : null;
      q = province !== null
        ? q.where('m.depth1_unit_id', '=', province).where((eb) => eb.or([
          eb('m.name_search', 'like', prefix),
          ...[2, 3, 4].map((n) => eb(sql`name_from_word(m.name_search, ${sql.lit(n)})`, 'like', prefix)),
        ]))
        : q.where((eb) => eb.or([eb('m.name_search', 'like', prefix), eb('m.name_search', 'like', `% ${prefix}`)]));
    }
    const offset = (page - 1) * pageSize;
    // A search reads its matches once, up to the count cap, and counts and sorts them in the same statement:
    // the LIMIT fences the matches, so the planner does not walk the subtree in name order for the page, which
    // it prefers for a LIMIT but which reads most of a province when the matches sort late ("nguyen van th":
    // given names in Th…; 1.4 s in Hà Nội at country size).
    const fenced = await this.db.selectFrom(q.select(LIST_COLUMNS).limit(COUNT_CAP + 1).as('m')).selectAll()
      .select(sql<number>`count(*) OVER ()`.as('matches'))
      .orderBy('m.name_sort').orderBy('m.id').limit(pageSize).offset(offset).execute();
    // An empty page (no match, or past the last page) is counted apart; past the cap the fenced matches are
    // not all of them, and the page is walked in name order.
    const { total, capped } = fenced.length ? capCount(Number(fenced[0]!.matches)) : await this.cappedCount(q);
    const rows = capped ? await this.inNameOrder(q, pageSize, offset).execute() : fenced;
    return { total, totalCapped: capped, page, pageSize, items: rows.map(toListItem) };
  }

  /**
   * The list without a text search in one statement: the root unit checked against the scope, the page in
   * name order, and the total — from the statistics roll-up of today when the root keeps one and the filter
   * is by status and sex only (dim 'all' counts every status; a few rows), else counted up to COUNT_CAP so
   * that a page of a large subtree never counts the whole subtree (`capped`). Which index serves the page
   * depends on the root's depth, and which count on its kind: both come from a small cache of hints that
   * the statement itself checks — a unit moved or changed since is asked again with what it is now. (One
   * statement holding both counts, under a CASE, cost more to plan than the page took to run.)
   */
  private async listInOneStatement(filter: MemberListFilter, statuses: string[], page: number, pageSize: number) {
    const rootId = filter.unitId ?? this.actor.scopeUnitId;
    const rollable = !filter.ageBand && !filter.unitKind;
    const hint = filter.unitId ? rootHints.get(rootId) : undefined;
    let depth = hint?.depth ?? (filter.unitId ? 1 : this.actor.scopePath.split('.').length - 1);
    let rolled = hint?.rolled ?? true;
    for (let attempt = 0; ; attempt++) {
      const q = this.filtered(this.inSubtree(rootId, depth, sql`(SELECT r.path FROM unit r WHERE r.id = ${rootId})`), statuses, filter);
      const fromRollup = rollable && rolled;
      const total = fromRollup
        ? sql<number>`(${this.db.selectFrom('stat_rollup as r').select(sql<number>`COALESCE(sum(r.n), 0)::int`.as('n'))
          .where('r.unit_id', '=', rootId).where('r.dim', '=', 'all')
          .$if(statuses.length > 0, (b) => b.where('r.status', 'in', statuses))
          .$if(!!filter.sex, (b) => b.where('r.sex', '=', filter.sex!))})`
        : sql<number>`(SELECT count(*)::int FROM (${q.select(sql.lit(1).as('one')).limit(COUNT_CAP + 1)}) c)`;
      const rows = await this.db
        // Materialized: the total is computed once, not once per row of the page.
        .with((cte) => cte('root').materialized(), (db) => db.selectFrom('unit')
          .select([sql<number>`nlevel(path) - 1`.as('root_depth'), sql<boolean>`stat_rollup_kind(kind) IS NOT NULL`.as('rolled'), total.as('total')])
          .where('id', '=', rootId).where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree`))
        .selectFrom('root')
        .leftJoinLateral(this.inNameOrder(q, pageSize, (page - 1) * pageSize).as('p'), (j) => j.onTrue())
        .select(['root.root_depth', 'root.rolled', 'root.total'])
        .selectAll('p')
        .execute();
      const first = rows[0];
      if (!first) throw new NotFoundError('đơn vị');
      if (filter.unitId && (hint?.depth !== first.root_depth || hint?.rolled !== first.rolled)) {
        if (rootHints.size >= ROOT_HINT_CACHE_SIZE) rootHints.clear();
        rootHints.set(rootId, { depth: first.root_depth, rolled: first.rolled });
      }
      // A page by a depth key is right only at that depth (by the path it is right at any depth), and a total
      // from the roll-up only for a unit that keeps one: else asked again with what the unit is now — or by
      // the path, should it have moved once more meanwhile.
      const wrongDepth = depth >= 1 && depth <= 3 && first.root_depth !== depth;
      const wrongCount = rollable && rolled && !first.rolled;
      if (wrongDepth || wrongCount) {
        depth = wrongDepth ? (attempt === 0 ? first.root_depth : 0) : depth;
        rolled = attempt === 0 && first.rolled; // a count is right whatever the unit became
        continue;
      }
      const { total: n, capped } = fromRollup ? { total: first.total, capped: false } : capCount(first.total);
      return { total: n, totalCapped: capped, page, pageSize, items: rows.filter((r) => r.id !== null).map((r) => toListItem(r as ListRow)) };
    }
  }

  /** The members of a subtree: at depth 1–3 one key of an index in name order (0010_member_subtree_keys.sql); others by the unit path. */
  private inSubtree(rootId: number, depth: number, rootPath: ReturnType<typeof sql>) {
    const q = this.baseQuery();
    if (depth === 1) return q.where('m.depth1_unit_id', '=', rootId);
    if (depth === 2) return q.where('m.depth2_unit_id', '=', rootId);
    if (depth === 3) return q.where('m.depth3_unit_id', '=', rootId);
    return q.where(sql<boolean>`u.path <@ ${rootPath}`);
  }

  /** The list's filters other than the text. */
  private filtered(q: ReturnType<MemberRepository['baseQuery']>, statuses: string[], filter: MemberListFilter) {
    if (statuses.length) q = q.where('m.status', 'in', statuses);
    if (filter.sex) q = q.where('m.sex', '=', filter.sex);
    if (filter.unitKind) q = q.where('u.kind', '=', filter.unitKind);
    if (filter.ageBand) {
      const [minAge, maxAge] = ageBandRange(filter.ageBand as AgeBand);
      const today = todayIso();
      const year = Number(today.slice(0, 4));
      // age ≥ minAge ⇔ born on or before today minus minAge years; age ≤ maxAge ⇔ born after today minus (maxAge+1) years.
      q = q.where('m.birth_date', '<=', `${year - minAge}${today.slice(4)}`).where('m.birth_date', '>', `${year - maxAge - 1}${today.slice(4)}`);
    }
    return q;
  }

  private inNameOrder(q: ReturnType<MemberRepository['baseQuery']>, pageSize: number, offset: number) {
    return q.select(PAGE_COLUMNS).orderBy('m.name_sort').orderBy('m.id').limit(pageSize).offset(offset);
  }

  /** Matches counted up to COUNT_CAP + 1. */
  private async cappedCount(q: ReturnType<MemberRepository['baseQuery']>): Promise<{ total: number; capped: boolean }> {
    const { rows: [counted] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${q.select(sql.lit(1).as('one')).limit(COUNT_CAP + 1)}) c`.execute(this.db);
    return capCount(counted?.n ?? 0);
  }

  async get(id: number): Promise<Member> {
    authorize(this.actor, 'member.read');
    const row = await this.db
      .selectFrom('member as m')
      .innerJoin('unit as u', 'u.id', 'm.unit_id')
      .selectAll('m')
      .select(['u.name as unit_name', 'u.code as unit_code'])
      .where('m.id', '=', id)
      .where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('đảng viên');
    const profile = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, row[PROFILE_COLUMNS[f]] ?? null]));
    return {
      ...(profile as unknown as Omit<Member, keyof MemberState>),
      id: row.id, status: row.status, unitId: row.unit_id, unitName: row.unit_name, unitCode: row.unit_code,
      rowVersion: row.row_version, updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  async periods(id: number): Promise<MemberPeriod[]> {
    await this.get(id);
    const rows = await this.db
      .selectFrom('member_period as p')
      .innerJoin('unit as u', 'u.id', 'p.unit_id')
      .select(['p.valid_from', 'p.valid_to', 'p.status', 'p.unit_id', 'u.name', 'p.decision'])
      .where('p.member_id', '=', id)
      .orderBy('p.valid_from')
      .execute();
    return rows.map((r) => ({ validFrom: r.valid_from, validTo: r.valid_to, status: r.status, unitId: r.unit_id, unitName: r.name, decision: r.decision }));
  }

  private baseQuery() {
    return this.db.selectFrom('member as m').innerJoin('unit as u', 'u.id', 'm.unit_id');
  }

  /** The member's status and cell on a date, with the cell's code and name of that date (null before the record starts). */
  async stateOn(id: number, date: string): Promise<{ date: string; status: string | null; unitId: number | null; unitCode: string | null; unitName: string | null }> {
    await this.get(id);
    const row = await this.db
      .selectFrom('member_period as p')
      .leftJoin('unit_version as v', (j) => j.onRef('v.unit_id', '=', 'p.unit_id')
        .on('v.valid_from', '<=', date).on((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)])))
      .select(['p.status', 'p.unit_id', 'v.code', 'v.name'])
      .where('p.member_id', '=', id).where('p.valid_from', '<=', date)
      .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>', date)]))
      .executeTakeFirst();
    return { date, status: row?.status ?? null, unitId: row?.unit_id ?? null, unitCode: row?.code ?? null, unitName: row?.name ?? null };
  }

  async create(input: NewMember): Promise<Member> {
    authorize(this.actor, 'member.write');
    const errors = validateMemberProfile(input, input.status, todayIso());
    if (!(MEMBER_STATUSES as readonly string[]).includes(input.status)) errors.push({ field: 'status', code: 'invalid', message: 'Trạng thái không hợp lệ' });
    const since = input.since ?? (input.status === 'probationary' ? input.admissionDate : input.officialDate ?? input.admissionDate) ?? null;
    if (!since || !isIsoDate(since)) errors.push({ field: 'since', code: 'required', message: 'Cần ngày bắt đầu sinh hoạt tại chi bộ' });
    const cell = await this.units.requireMemberHolder(input.unitId).catch((err: unknown) => {
      if (err instanceof ValidationError) errors.push(...err.fields);
      else errors.push({ field: 'unitId', code: 'not_found', message: 'Không tìm thấy chi bộ' });
      return null;
    });
    if (errors.length || !cell) throw new ValidationError(errors);
    const id = await this.write(async (tx) => {
      // Entered with a status (a record carried over): the recorded history starts from that state.
      const row = await tx.insertInto('member').values({
        ...toColumns(input), status: input.status, unit_id: cell.id,
        history_start_date: since!, history_start_status: input.status, history_start_unit_id: cell.id,
      } as never).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('member_period').values({ member_id: row.id, valid_from: since!, valid_to: null, status: input.status, unit_id: cell.id, decision: null }).execute();
      return row.id;
    });
    return this.get(id);
  }

  /** Edits profile fields. `rowVersion` is the version the user saw: a later change by someone else wins and this one is refused. */
  async update(id: number, patch: Partial<MemberProfile>, rowVersion: number): Promise<Member> {
    authorize(this.actor, 'member.write');
    const current = await this.get(id);
    const merged: MemberProfile = { ...(current as unknown as MemberProfile), ...patch };
    const errors = validateMemberProfile(merged, current.status, todayIso());
    // Report only problems of the fields being changed, plus any that make the record inconsistent.
    if (errors.length) throw new ValidationError(errors);
    await this.write(async (tx) => {
      const res = await tx.updateTable('member')
        .set({ ...toColumns(patch), row_version: rowVersion + 1, updated_at: new Date() } as never)
        .where('id', '=', id)
        .where('row_version', '=', rowVersion)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        throw new ConflictError('Hồ sơ vừa được người khác cập nhật; hãy tải lại để xem thay đổi rồi sửa lại');
      }
    });
    return this.get(id);
  }

  private async write<T>(fn: Parameters<typeof inTransaction<T>>[2]): Promise<T> {
    try {
      return await inTransaction(this.db, this.actor, fn);
    } catch (err) {
      if (pgErrorCode(err) === '23505' && String((err as Error).message).includes('member_citizen_id')) {
        throw new ValidationError([{ field: 'citizenId', code: 'duplicate', message: 'Số CCCD này đã có trong danh sách đảng viên' }]);
      }
      throw err;
    }
  }
}

/** Profile fields → columns, with names stored NFC and the search and sort keys derived from the name. */
function toColumns(p: Partial<MemberProfile>): Partial<MemberTable> {
  const out: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    if (!(field in p)) continue;
    const value = p[field];
    out[PROFILE_COLUMNS[field]] = typeof value === 'string' ? (normalizeText(value) || null) : (value ?? null);
  }
  if (typeof p.fullName === 'string') {
    const name = normalizeText(p.fullName);
    out.full_name = name;
    out.name_search = searchKey(name);
    out.name_sort = nameSortKey(name);
  }
  if ('ethnicity' in p && !p.ethnicity) out.ethnicity = 'Kinh';
  return out as Partial<MemberTable>;
}
