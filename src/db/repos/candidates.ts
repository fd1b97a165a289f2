// Candidates for admission (quần chúng ưu tú, cảm tình Đảng), read and written inside the actor's subtree:
// a candidate belongs to the cell that follows them, and the cell's path is joined to the scope.
import { sql, type Kysely } from 'kysely';
import type { CandidateTable, Database } from '../schema.ts';
import { authorize, type Actor } from '../../policies/index.ts';
import { validateMemberProfile } from '../../domain/members.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.ts';
import { isIsoDate, todayIso } from '../../domain/dates.ts';
import { allowedStages, CANDIDATE_SOURCES, CANDIDATE_STAGES, type CandidateStage } from '../../domain/admission/index.ts';
import { nameSortKey, normalizeText, searchKey } from '../../text/vietnamese.ts';
import { inTransaction, pgErrorCode, type Executor } from '../transaction.ts';
import { escapeLike, UnitRepository } from './units.ts';
import { MAX_PAGE_SIZE } from './members.ts';

/** The person, as on the member profile (form 2-HSĐV), so that admission copies it over. */
export interface CandidateProfile {
  fullName: string;
  otherNames?: string | null;
  sex: string;
  birthDate: string;
  birthProvinceCode?: string | null;
  birthPlace?: string | null;
  homeTown?: string | null;
  ethnicity?: string | null;
  religion?: string | null;
  citizenId?: string | null;
  educationGeneral?: string | null;
  educationProfessional?: string | null;
  occupation?: string | null;
  phone?: string | null;
  /** Đoàn viên Đoàn TNCS Hồ Chí Minh, and owner of a private enterprise: rows of the new-members form (Biểu 2). */
  youthUnionMember?: boolean | null;
  privateBusinessOwner?: boolean | null;
  source: string;
  sourceOrganization?: string | null;
  workplace?: string | null;
  workplaceUnitId?: number | null;
  /** The enterprise record of the workplace, when it is one (issue 10 §3). */
  enterpriseId?: number | null;
  note?: string | null;
}

export interface NewCandidate extends CandidateProfile {
  /** The cell that follows the candidate. */
  unitId: number;
  /** The day the cell put them on its list of cảm tình Đảng (the first stage); defaults to today. */
  identifiedOn?: string | null;
  documentNumber?: string | null;
}

export interface CandidateListFilter {
  unitId?: number;
  q?: string;
  stage?: string[];
  source?: string[];
  page?: number;
  pageSize?: number;
}

export interface CandidateListItem {
  id: number;
  fullName: string;
  sex: string;
  birthDate: string;
  source: string;
  sourceOrganization: string | null;
  workplace: string | null;
  unitId: number;
  unitName: string;
  stage: string;
  stageDate: string;
  memberId: number | null;
}

export interface CandidateStageRecord {
  id: number;
  stage: string;
  date: string;
  documentNumber: string | null;
  issuedBy: string | null;
  note: string | null;
  details: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string | null;
}

export type Candidate = { [K in keyof CandidateProfile]-?: Exclude<CandidateProfile[K], undefined> } & {
  id: number;
  unitId: number;
  unitName: string;
  unitCode: string;
  workplaceUnitName: string | null;
  stage: string;
  stageDate: string;
  memberId: number | null;
  rowVersion: number;
  updatedAt: string;
  stages: CandidateStageRecord[];
  /** Stages that may be recorded next. */
  nextStages: string[];
};

const COLUMNS = {
  fullName: 'full_name', otherNames: 'other_names', sex: 'sex', birthDate: 'birth_date', birthProvinceCode: 'birth_province_code',
  birthPlace: 'birth_place', homeTown: 'home_town', ethnicity: 'ethnicity', religion: 'religion', citizenId: 'citizen_id',
  educationGeneral: 'education_general', educationProfessional: 'education_professional', occupation: 'occupation', phone: 'phone',
  youthUnionMember: 'youth_union_member', privateBusinessOwner: 'private_business_owner', source: 'source', sourceOrganization: 'source_organization', workplace: 'workplace', workplaceUnitId: 'workplace_unit_id', enterpriseId: 'enterprise_id', note: 'note',
} as const satisfies Record<keyof CandidateProfile, keyof CandidateTable>;
export const CANDIDATE_PROFILE_FIELDS = Object.keys(COLUMNS) as Array<keyof CandidateProfile>;

export class CandidateRepository {
  private readonly units: UnitRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.units = new UnitRepository(db, actor);
  }

  async list(filter: CandidateListFilter): Promise<{ total: number; page: number; pageSize: number; items: CandidateListItem[] }> {
    authorize(this.actor, 'member.read');
    const errors: FieldError[] = [];
    const stages = filter.stage?.filter(Boolean) ?? [];
    const sources = filter.source?.filter(Boolean) ?? [];
    for (const s of stages) if (!(CANDIDATE_STAGES as readonly string[]).includes(s)) errors.push({ field: 'stage', code: 'invalid', message: `Bước không hợp lệ: ${s}` });
    for (const s of sources) if (!(CANDIDATE_SOURCES as readonly string[]).includes(s)) errors.push({ field: 'source', code: 'invalid', message: `Nguồn không hợp lệ: ${s}` });
    if (errors.length) throw new ValidationError(errors);
    const page = filter.page ?? 1;
    const pageSize = Math.min(filter.pageSize ?? 50, MAX_PAGE_SIZE);
    const root = filter.unitId ? await this.units.requireInScope(filter.unitId) : { path: this.actor.scopePath };
    let q = this.db.selectFrom('candidate as c').innerJoin('unit as u', 'u.id', 'c.unit_id').where(sql<boolean>`u.path <@ ${root.path}::ltree`);
    if (stages.length) q = q.where('c.stage', 'in', stages);
    if (sources.length) q = q.where('c.source', 'in', sources);
    const text = filter.q?.trim();
    if (text) {
      if (/^\d{6,12}$/.test(text)) q = q.where('c.citizen_id', 'like', `${text}%`);
      else {
        const key = searchKey(text);
        q = key.length >= 3
          ? q.where('c.name_search', 'like', `%${escapeLike(key)}%`)
          : q.where((eb) => eb.or([eb('c.name_search', 'like', `${escapeLike(key)}%`), eb('c.name_search', 'like', `% ${escapeLike(key)}%`)]));
      }
    }
    const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .select(['c.id', 'c.full_name', 'c.sex', 'c.birth_date', 'c.source', 'c.source_organization', 'c.workplace', 'c.unit_id', 'u.name as unit_name', 'c.stage', 'c.stage_date', 'c.member_id'])
      .orderBy('c.name_sort').orderBy('c.id').limit(pageSize).offset((page - 1) * pageSize).execute();
    return {
      total, page, pageSize,
      items: rows.map((r) => ({
        id: r.id, fullName: r.full_name, sex: r.sex, birthDate: r.birth_date, source: r.source, sourceOrganization: r.source_organization,
        workplace: r.workplace, unitId: r.unit_id, unitName: r.unit_name, stage: r.stage, stageDate: r.stage_date, memberId: r.member_id,
      })),
    };
  }

  async get(id: number, db: Executor = this.db): Promise<Candidate> {
    authorize(this.actor, 'member.read');
    const row = await db.selectFrom('candidate as c')
      .innerJoin('unit as u', 'u.id', 'c.unit_id')
      .leftJoin('unit as w', 'w.id', 'c.workplace_unit_id')
      .selectAll('c').select(['u.name as unit_name', 'u.code as unit_code', 'w.name as workplace_unit_name'])
      .where('c.id', '=', id).where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('quần chúng');
    const stages = await db.selectFrom('candidate_stage as s').leftJoin('app_user as a', 'a.id', 's.recorded_by')
      .select(['s.id', 's.stage', 's.stage_date', 's.document_number', 's.issued_by', 's.note', 's.details', 's.recorded_at', 'a.full_name as recorded_by'])
      .where('s.candidate_id', '=', id).orderBy('s.stage_date').orderBy('s.id').execute();
    const profile = Object.fromEntries(CANDIDATE_PROFILE_FIELDS.map((f) => [f, row[COLUMNS[f]] ?? null]));
    return {
      ...(profile as unknown as CandidateProfile as Candidate),
      id: row.id, unitId: row.unit_id, unitName: row.unit_name, unitCode: row.unit_code, workplaceUnitName: row.workplace_unit_name ?? null,
      stage: row.stage, stageDate: row.stage_date, memberId: row.member_id, rowVersion: row.row_version, updatedAt: new Date(row.updated_at).toISOString(),
      stages: stages.map((s) => ({
        id: s.id, stage: s.stage, date: s.stage_date, documentNumber: s.document_number, issuedBy: s.issued_by, note: s.note,
        details: s.details, recordedAt: new Date(s.recorded_at).toISOString(), recordedBy: s.recorded_by ?? null,
      })),
      nextStages: row.member_id ? [] : allowedStages(row.stage as CandidateStage),
    };
  }

  async create(input: NewCandidate): Promise<Candidate> {
    authorize(this.actor, 'member.write');
    const today = todayIso();
    const errors = await this.validate(input, today);
    const identifiedOn = input.identifiedOn || today;
    if (!isIsoDate(identifiedOn)) errors.push({ field: 'identifiedOn', code: 'invalid_date', message: 'Ngày đưa vào danh sách cảm tình Đảng không hợp lệ' });
    else if (identifiedOn > today) errors.push({ field: 'identifiedOn', code: 'future_date', message: 'Ngày đưa vào danh sách cảm tình Đảng không được sau ngày hôm nay' });
    const cell = await this.units.requireMemberHolder(input.unitId).catch((err: unknown) => {
      if (err instanceof ValidationError) errors.push(...err.fields.map((f) => ({ ...f, message: 'Quần chúng phải do một chi bộ theo dõi, giới thiệu' })));
      else errors.push({ field: 'unitId', code: 'not_found', message: 'Không tìm thấy chi bộ' });
      return null;
    });
    if (errors.length || !cell) throw new ValidationError(errors);
    const id = await this.write(async (tx) => {
      const row = await tx.insertInto('candidate').values({
        ...toColumns(input), unit_id: cell.id, stage: 'identified', stage_date: identifiedOn,
      } as never).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('candidate_stage').values({
        candidate_id: row.id, stage: 'identified', stage_date: identifiedOn, document_number: input.documentNumber?.trim() || null,
        details: JSON.stringify({}), recorded_by: this.actor.userId,
      }).execute();
      return row.id;
    });
    return this.get(id);
  }

  /** Edits the profile; `rowVersion` is the version the user saw (a later change by someone else wins). */
  async update(id: number, patch: Partial<CandidateProfile> & { unitId?: number }, rowVersion: number): Promise<Candidate> {
    authorize(this.actor, 'member.write');
    const current = await this.get(id);
    if (current.memberId) throw new ValidationError([{ field: 'stage', code: 'admitted', message: 'Quần chúng đã được kết nạp: sửa hồ sơ ở trang đảng viên' }]);
    const merged = { ...current, ...patch } as CandidateProfile;
    const errors = await this.validate(merged, todayIso());
    let unitId: number | undefined;
    if (patch.unitId !== undefined && patch.unitId !== current.unitId) {
      if (['cell_vote', 'decision'].includes(current.stage)) errors.push({ field: 'unitId', code: 'after_vote', message: 'Chi bộ đã xét kết nạp: không chuyển quần chúng sang chi bộ khác' });
      const cell = await this.units.requireMemberHolder(patch.unitId).catch(() => null);
      if (!cell) errors.push({ field: 'unitId', code: 'not_a_cell', message: 'Quần chúng phải do một chi bộ theo dõi, giới thiệu' });
      else unitId = cell.id;
    }
    if (errors.length) throw new ValidationError(errors);
    await this.write(async (tx) => {
      const res = await tx.updateTable('candidate')
        .set({ ...toColumns(patch), ...(unitId ? { unit_id: unitId } : {}), row_version: rowVersion + 1, updated_at: new Date() } as never)
        .where('id', '=', id).where('row_version', '=', rowVersion).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('Hồ sơ quần chúng vừa được người khác cập nhật; hãy tải lại rồi sửa lại');
    });
    return this.get(id);
  }

  private async validate(p: CandidateProfile, today: string): Promise<FieldError[]> {
    const errors = validateMemberProfile({ ...p, admissionDate: null, officialDate: null }, null, today);
    if (!(CANDIDATE_SOURCES as readonly string[]).includes(p.source)) errors.push({ field: 'source', code: 'invalid', message: 'Nguồn giới thiệu không hợp lệ (Đoàn, Công đoàn, Hội Phụ nữ, Hội Nông dân, Hội Cựu chiến binh, khác)' });
    if (p.workplaceUnitId) {
      const ok = await this.units.requireInScope(p.workplaceUnitId).then(() => true, () => false);
      if (!ok) errors.push({ field: 'workplaceUnitId', code: 'not_found', message: 'Không tìm thấy đơn vị nơi làm việc' });
    }
    if (p.enterpriseId) {
      const found = await this.db.selectFrom('enterprise as e').innerJoin('unit as u', 'u.id', 'e.unit_id').select('e.id')
        .where('e.id', '=', p.enterpriseId).where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`).executeTakeFirst();
      if (!found) errors.push({ field: 'enterpriseId', code: 'not_found', message: 'Không tìm thấy doanh nghiệp nơi làm việc' });
    }
    return errors;
  }

  private async write<T>(fn: Parameters<typeof inTransaction<T>>[2]): Promise<T> {
    try {
      return await inTransaction(this.db, this.actor, fn);
    } catch (err) {
      if (pgErrorCode(err) === '23505' && String((err as Error).message).includes('candidate_citizen_id')) {
        throw new ValidationError([{ field: 'citizenId', code: 'duplicate', message: 'Số CCCD này đã có trong danh sách quần chúng' }]);
      }
      throw err;
    }
  }
}

/** Profile fields → columns: NFC text, search and sort keys from the name. */
export function toColumns(p: Partial<CandidateProfile>): Partial<CandidateTable> {
  const out: Record<string, unknown> = {};
  for (const f of CANDIDATE_PROFILE_FIELDS) {
    if (!(f in p)) continue;
    const v = p[f];
    out[COLUMNS[f]] = typeof v === 'string' ? (normalizeText(v) || null) : typeof v === 'boolean' ? v : (v ?? null);
  }
  if (typeof p.fullName === 'string') {
    const name = normalizeText(p.fullName);
    out.full_name = name;
    out.name_search = searchKey(name);
    out.name_sort = nameSortKey(name);
  }
  if ('ethnicity' in p && !p.ethnicity) out.ethnicity = 'Kinh';
  for (const k of ['youth_union_member', 'private_business_owner'] as const) if (k in out && out[k] === null) out[k] = false;
  return out as Partial<CandidateTable>;
}
