// Recording a stage of a candidate's way to admission (issue 10 §1): one transaction that locks the record
// (optimistic concurrency on row_version), checks the stage by the rules of its date, appends it, and — for
// the ceremony — creates the member from the candidate's profile and records the 'admission' member event
// through MemberEventService in the same transaction, so either all of it is stored or nothing.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { CandidateRepository, type Candidate } from '../db/repos/candidates.ts';
import { inTransaction, pgErrorCode, type Executor } from '../db/transaction.ts';
import { AppError, ConflictError, ValidationError } from '../domain/errors.ts';
import { todayIso } from '../domain/dates.ts';
import { checkStage, type CandidateFacts, type Over60Input, type SponsorOnDate, type StageInput } from '../domain/admission/index.ts';
import type { CandidateStage } from '../domain/admission/index.ts';
import type { RuleMessage } from '../domain/lifecycle/index.ts';
import { nameSortKey, searchKey } from '../text/vietnamese.ts';
import { MemberEventService } from './member-events.ts';

export interface StageCheck {
  ok: boolean;
  errors: RuleMessage[];
  warnings: RuleMessage[];
}

/** The stage-specific fields kept in candidate_stage.details. */
const DETAIL_FIELDS = ['sponsors', 'sponsorBody', 'votesInFavour', 'officialMembers', 'over60', 'decisionReceivedDate', 'lateCeremonyAgreed'] as const;

export class CandidateStageService {
  private readonly candidates: CandidateRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.candidates = new CandidateRepository(db, actor);
  }

  /** The checks of a stage without storing it (the dialog shows them while the user types). */
  async check(candidateId: number, input: StageInput): Promise<StageCheck> {
    authorize(this.actor, 'member.write');
    const c = await this.candidates.get(candidateId);
    return (await this.evaluate(this.db, c, input)).check;
  }

  async record(candidateId: number, input: StageInput, rowVersion: number, requestKey?: string | null): Promise<{ candidate: Candidate; warnings: RuleMessage[]; replayed: boolean }> {
    authorize(this.actor, 'member.write');
    await this.candidates.get(candidateId);
    if (requestKey) {
      const earlier = await this.findByKey(candidateId, requestKey);
      if (earlier) return earlier;
    }
    try {
      const warnings = await inTransaction(this.db, this.actor, async (tx) => {
        const locked = await tx.selectFrom('candidate').select(['row_version']).where('id', '=', candidateId).forUpdate().executeTakeFirstOrThrow();
        if (locked.row_version !== rowVersion) throw new ConflictError('Hồ sơ quần chúng vừa được người khác cập nhật; hãy tải lại rồi thực hiện lại');
        const c = await this.candidates.get(candidateId, tx);
        const { check, facts, sponsors } = await this.evaluate(tx, c, input);
        if (!check.ok) {
          throw new AppError('VALIDATION', check.errors.map((e) => e.message).join('; '), check.errors.map((e) => ({ field: e.field ?? 'stage', code: e.ruleId, message: e.message })));
        }
        const details: Record<string, unknown> = {};
        for (const k of DETAIL_FIELDS) if (input[k] !== undefined && input[k] !== null) details[k] = input[k];
        // What the check saw, kept with the stage: the sponsors' names and the cell's roll on the vote date.
        if (input.stage === 'sponsored' && input.sponsors) {
          details.sponsors = input.sponsors.map((x) => ({ ...x, fullName: sponsors.find((y) => y.memberId === x.memberId)?.fullName ?? null }));
        }
        if (input.stage === 'cell_vote') details.officialMembersOnRoll = facts.cellOfficialMembers;
        if (input.stage === 'ceremony') {
          const admitted = await this.admit(tx, c, input);
          details.memberId = admitted.memberId;
          check.warnings.push(...admitted.warnings);
        }
        await tx.insertInto('candidate_stage').values({
          candidate_id: candidateId, stage: input.stage, stage_date: input.date, document_number: input.documentNumber?.trim() || null,
          issued_by: input.issuedBy?.trim() || null, note: input.note?.trim() || null, details: JSON.stringify(details),
          request_key: requestKey ?? null, recorded_by: this.actor.userId,
        }).execute();
        await tx.updateTable('candidate').set({
          stage: input.stage, stage_date: input.date, row_version: rowVersion + 1, updated_at: new Date(),
          ...(details.memberId ? { member_id: details.memberId as number } : {}),
        }).where('id', '=', candidateId).execute();
        return check.warnings;
      });
      return { candidate: await this.candidates.get(candidateId), warnings, replayed: false };
    } catch (err) {
      if (pgErrorCode(err) === '23505') {
        const message = String((err as Error).message);
        if (requestKey && message.includes('candidate_stage_request_key')) {
          const earlier = await this.findByKey(candidateId, requestKey);
          if (earlier) return earlier;
        }
        if (message.includes('member_citizen_id')) {
          throw new ValidationError([{ field: 'citizenId', code: 'duplicate', message: 'Số CCCD của quần chúng đã có trong danh sách đảng viên: kiểm tra lại hồ sơ trước khi kết nạp' }]);
        }
      }
      throw err;
    }
  }

  /** The ceremony: the member, from the candidate's profile, and the admission event of the lifecycle. */
  private async admit(tx: Transaction<Database>, c: Candidate, input: StageInput): Promise<{ memberId: number; warnings: RuleMessage[] }> {
    const decision = [...c.stages].reverse().find((s) => s.stage === 'decision')!;
    const member = await tx.insertInto('member').values({
      full_name: c.fullName, other_names: c.otherNames, sex: c.sex, birth_date: c.birthDate, birth_province_code: c.birthProvinceCode,
      birth_place: c.birthPlace, home_town: c.homeTown, ethnicity: c.ethnicity ?? 'Kinh', religion: c.religion, citizen_id: c.citizenId,
      education_general: c.educationGeneral, education_professional: c.educationProfessional, occupation: c.occupation, phone: c.phone,
      // The status and cell are those of the admission event: rebuildMemberHistory replays it into both.
      status: 'probationary', unit_id: c.unitId, name_search: searchKey(c.fullName), name_sort: nameSortKey(c.fullName),
      note: `Kết nạp từ hồ sơ quần chúng số ${c.id}`,
    }).returning('id').executeTakeFirstOrThrow();
    const recorded = await new MemberEventService(this.db, this.actor).recordIn(tx, member.id, {
      kind: 'admission', effectiveDate: input.date, decisionNumber: decision.documentNumber, decisionDate: decision.date,
      issuedBy: decision.issuedBy, unitId: c.unitId, note: input.note ?? null,
    }, 1);
    return { memberId: member.id, warnings: recorded.warnings };
  }

  private async evaluate(db: Executor, c: Candidate, input: StageInput): Promise<{ check: StageCheck; facts: CandidateFacts; sponsors: SponsorOnDate[] }> {
    const last = (stage: CandidateStage) => [...c.stages].reverse().find((s) => s.stage === stage) ?? null;
    const vote = last('cell_vote');
    const decision = last('decision');
    const voteDate = input.stage === 'cell_vote' ? input.date : vote?.date ?? null;
    const facts: CandidateFacts = {
      birthDate: c.birthDate,
      current: c.stage as CandidateStage,
      lastDate: c.stages.at(-1)?.date ?? null,
      certificateDate: last('course')?.date ?? null,
      applicationDate: last('application')?.date ?? null,
      sponsoredDate: last('sponsored')?.date ?? null,
      cellVoteDate: vote?.date ?? null,
      over60: (vote?.details.over60 as Over60Input | undefined) ?? null,
      decisionDate: decision?.date ?? null,
      decisionReceivedDate: (decision?.details.decisionReceivedDate as string | undefined) ?? null,
      cellOfficialMembers: voteDate && /^\d{4}-\d{2}-\d{2}$/.test(voteDate) ? await officialMembersOn(db, c.unitId, voteDate) : null,
      today: todayIso(),
    };
    const sponsors = input.stage === 'sponsored' && input.sponsors?.length && /^\d{4}-\d{2}-\d{2}$/.test(input.date)
      ? await this.sponsorsOn(db, input.sponsors.map((s) => s.memberId), input.date) : [];
    if (c.memberId) {
      const admitted: RuleMessage = { ruleId: 'candidate.admitted', source: 'dangvu', field: 'stage', message: 'Quần chúng đã được kết nạp; các quyết định tiếp theo ghi ở trang đảng viên', messageEn: 'already admitted' };
      return { check: { ok: false, errors: [admitted], warnings: [] }, facts, sponsors };
    }
    const r = checkStage(facts, input, sponsors);
    return { check: { ok: r.ok, errors: r.ok ? [] : r.errors, warnings: r.warnings }, facts, sponsors };
  }

  /** Each sponsor's status on the date, from member_period; members outside the actor's scope are not found. */
  private async sponsorsOn(db: Executor, memberIds: number[], date: string): Promise<SponsorOnDate[]> {
    const ids = [...new Set(memberIds.filter((x) => Number.isInteger(x) && x > 0))];
    if (!ids.length) return [];
    const rows = await db.selectFrom('member as m')
      .innerJoin('unit as u', 'u.id', 'm.unit_id')
      .leftJoin('member_period as p', (j) => j.onRef('p.member_id', '=', 'm.id').on('p.valid_from', '<=', date).on((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>', date)])))
      .select(['m.id', 'm.full_name', 'p.status'])
      .select(sql<string | null>`(SELECT min(q.valid_from)::text FROM member_period q WHERE q.member_id = m.id AND q.status = 'official' AND q.valid_from > ${date}::date)`.as('official_from'))
      .where('m.id', 'in', ids)
      .where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`)
      .execute();
    return rows.map((r) => ({ memberId: r.id, fullName: r.full_name, status: r.status ?? null, officialFrom: r.official_from }));
  }

  private async findByKey(candidateId: number, requestKey: string): Promise<{ candidate: Candidate; warnings: RuleMessage[]; replayed: true } | null> {
    const row = await this.db.selectFrom('candidate_stage').select(['candidate_id']).where('request_key', '=', requestKey).executeTakeFirst();
    if (!row) return null;
    if (row.candidate_id !== candidateId) throw new ConflictError('Khóa yêu cầu này đã được dùng cho một hồ sơ khác');
    return { candidate: await this.candidates.get(candidateId), warnings: [], replayed: true };
  }
}

/** Official members of a cell on a date, from the member periods (the denominator of the cell's vote). */
export async function officialMembersOn(db: Executor, unitId: number, date: string): Promise<number> {
  const { n } = await db.selectFrom('member_period').select(sql<number>`count(*)::int`.as('n'))
    .where('unit_id', '=', unitId).where('status', '=', 'official').where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .executeTakeFirstOrThrow();
  return n;
}
