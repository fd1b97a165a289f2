// Recording a dated decision on a member (issue 3): one transaction that checks the party's rules of the
// event's date, appends the event, and re-derives the member's periods from the whole event log.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { MemberRepository } from '../db/repos/members.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { inTransaction, pgErrorCode } from '../db/transaction.ts';
import { absenceMonths } from '../db/repos/meetings.ts';
import { AppError, ConflictError, NotFoundError, type FieldError } from '../domain/errors.ts';
import { isIsoDate, todayIso, formatVietnameseDate } from '../domain/dates.ts';
import {
  allowedDisciplineForms, allowedEvents, allowedRemovalReasons, checkRecognition, checkRemovalForAbsence, checkTransition, replay, stateOf,
  type EventKind, type LifecycleEvent, type ReplayOptions, type RuleMessage,
} from '../domain/lifecycle/index.ts';
import type { Grade, LifecycleStatus } from '../domain/lifecycle/events.ts';

/** Kind-specific fields, stored in member_event.details under the domain's names. */
const DETAIL_FIELDS = ['unitId', 'toUnitId', 'hostUnitId', 'until', 'purpose', 'reason', 'form', 'ground', 'letterNumber', 'letterDeadline', 'cellResolutionDate'] as const;

export interface EventInput {
  kind: EventKind;
  effectiveDate: string;
  decisionNumber?: string | null;
  decisionDate?: string | null;
  issuedBy?: string | null;
  note?: string | null;
  attachments?: string[];
  voidsEventId?: number | null;
  unitId?: number | null;
  toUnitId?: number | null;
  hostUnitId?: number | null;
  until?: string | null;
  purpose?: 'work' | 'study' | null;
  reason?: string | null;
  form?: string | null;
  ground?: 'age_health' | 'other' | null;
  letterNumber?: string | null;
  letterDeadline?: string | null;
  cellResolutionDate?: string | null;
}

export interface RecordedEvent extends EventInput {
  id: number;
  memberId: number;
  voidedBy: number | null;
  recordedAt: string;
  recordedBy: string | null;
}

export interface EventCheck {
  ok: boolean;
  errors: RuleMessage[];
  warnings: RuleMessage[];
  /** The member's status after the event, when it is allowed. */
  statusAfter: string | null;
}

/** Decision numbers as parties write them: "123-QĐ/HU", "05-QĐ/ĐU", "12/QĐ-UBKT". */
const DECISION_NUMBER = /^\d{1,5}[-/][\p{Lu}Đ]{1,6}([-/][\p{Lu}\p{N}Đ]{1,10}){1,2}$/u;

function fieldErrors(input: EventInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, label] of [['effectiveDate', 'Ngày hiệu lực'], ['decisionDate', 'Ngày quyết định'], ['until', 'Đến ngày'], ['letterDeadline', 'Hạn giấy giới thiệu'], ['cellResolutionDate', 'Ngày nghị quyết chi bộ']] as const) {
    const v = input[field];
    if (v == null || v === '') continue;
    if (!isIsoDate(v)) errors.push({ field, code: 'invalid_date', message: `${label} không phải ngày hợp lệ` });
  }
  if (isIsoDate(input.effectiveDate) && input.effectiveDate > today && input.kind !== 'transfer_out_temporary') {
    errors.push({ field: 'effectiveDate', code: 'future_date', message: 'Ngày hiệu lực không được sau ngày hôm nay' });
  }
  if (input.decisionDate && isIsoDate(input.decisionDate) && input.decisionDate > today) {
    errors.push({ field: 'decisionDate', code: 'future_date', message: 'Ngày quyết định không được sau ngày hôm nay' });
  }
  if (input.decisionNumber && !DECISION_NUMBER.test(input.decisionNumber.trim())) {
    errors.push({ field: 'decisionNumber', code: 'format', message: 'Số quyết định phải có dạng số-LOẠI/CƠ QUAN, ví dụ 123-QĐ/HU' });
  }
  if (input.kind !== 'void' && input.kind !== 'transfer_out_temporary' && !input.decisionNumber) {
    errors.push({ field: 'decisionNumber', code: 'required', message: 'Cần số quyết định' });
  }
  if (input.kind === 'reorganized') errors.push({ field: 'kind', code: 'restructuring_only', message: 'Chuyển theo sắp xếp tổ chức chỉ được ghi qua thao tác sắp xếp tổ chức của đơn vị' });
  if (input.kind === 'void' && !input.voidsEventId) errors.push({ field: 'voidsEventId', code: 'required', message: 'Cần chọn sự kiện bị hủy' });
  if ((input.kind === 'transfer_in' || input.kind === 'admission') && !input.unitId) errors.push({ field: 'unitId', code: 'required', message: 'Cần chi bộ tiếp nhận' });
  if (input.kind === 'removal' && !input.reason) errors.push({ field: 'reason', code: 'required', message: 'Cần lý do xóa tên' });
  if (input.kind === 'discipline' && !input.form) errors.push({ field: 'form', code: 'required', message: 'Cần hình thức kỷ luật' });
  return errors;
}

interface EventRow {
  id: number;
  member_id: number;
  kind: string;
  effective_date: string;
  decision_number: string | null;
  decision_date: string | null;
  issued_by: string | null;
  note: string | null;
  attachments: string[];
  details: Record<string, unknown>;
  voids_event_id: number | null;
  recorded_at: Date | string;
  recorded_by_name?: string | null;
}

/** A stored event as the lifecycle module sees it (ids as strings). */
export function toLifecycle(row: { id: number | string; kind: string; effective_date: string; decision_number: string | null; decision_date: string | null; issued_by: string | null; details: Record<string, unknown>; voids_event_id: number | null }): LifecycleEvent {
  return {
    ...(row.details as object),
    id: String(row.id),
    kind: row.kind as EventKind,
    date: row.effective_date,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    issuedBy: row.issued_by,
    ...(row.kind === 'void' ? { voids: String(row.voids_event_id) } : {}),
  } as LifecycleEvent;
}

function present(row: EventRow, voidedBy: number | null): RecordedEvent {
  return {
    ...(row.details as Partial<EventInput>),
    id: row.id, memberId: row.member_id, kind: row.kind as EventKind, effectiveDate: row.effective_date,
    decisionNumber: row.decision_number, decisionDate: row.decision_date, issuedBy: row.issued_by, note: row.note,
    attachments: row.attachments, voidsEventId: row.voids_event_id, voidedBy,
    recordedAt: new Date(row.recorded_at).toISOString(), recordedBy: row.recorded_by_name ?? null,
  };
}

export async function loadEvents(db: Kysely<Database> | Transaction<Database>, memberId: number): Promise<EventRow[]> {
  return db.selectFrom('member_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.member_id', 'e.kind', 'e.effective_date', 'e.decision_number', 'e.decision_date', 'e.issued_by', 'e.note', 'e.attachments', 'e.details', 'e.voids_event_id', 'e.recorded_at', 'u.full_name as recorded_by_name'])
    .where('e.member_id', '=', memberId)
    .orderBy('e.effective_date').orderBy('e.id')
    .execute() as Promise<EventRow[]>;
}

interface MemberHistoryRow {
  history_start_date: string | null;
  history_start_status: string | null;
  history_start_unit_id: number | null;
  official_date: string | null;
  admission_decision_date: string | null;
  admission_date: string | null;
}

/** Where the recorded history starts for a member entered with a status (no admission event). */
export function initialOf(m: MemberHistoryRow): ReplayOptions['initial'] {
  if (!m.history_start_date || !m.history_start_status) return undefined;
  const status = m.history_start_status as LifecycleStatus;
  const grade: Grade | null = status === 'probationary' ? 'probationary' : ['official', 'exempt'].includes(status) ? 'official'
    : status === 'transferring' ? (m.official_date && m.official_date <= m.history_start_date ? 'official' : 'probationary') : null;
  return {
    date: m.history_start_date,
    state: stateOf(status, grade, m.history_start_unit_id),
    admissionDecisionDate: m.admission_decision_date,
    officialDate: m.official_date,
  };
}

export class MemberEventService {
  private readonly members: MemberRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.members = new MemberRepository(db, actor);
  }

  async list(memberId: number): Promise<RecordedEvent[]> {
    await this.members.get(memberId);
    const rows = await loadEvents(this.db, memberId);
    const voidedBy = new Map(rows.filter((r) => r.voids_event_id).map((r) => [r.voids_event_id!, r.id]));
    return rows.map((r) => present(r, voidedBy.get(r.id) ?? null));
  }

  /** What can be recorded next for this member, from the state the event log gives. */
  async actions(memberId: number): Promise<{ status: string; grade: string | null; events: string[]; removalReasons: string[]; disciplineForms: string[]; lastDate: string | null }> {
    await this.members.get(memberId);
    const member = await this.db.selectFrom('member').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    const initial = initialOf(member);
    const result = replay((await loadEvents(this.db, memberId)).map(toLifecycle), { initial });
    const state = result.state;
    return {
      // 'reorganized' is written by a restructuring of the cell, never chosen for one member.
      status: state.status, grade: state.grade, events: allowedEvents(state).filter((k) => k !== 'reorganized'),
      removalReasons: [...allowedRemovalReasons(state)], disciplineForms: [...allowedDisciplineForms(state)],
      lastDate: result.applied.at(-1)?.date ?? initial?.date ?? null,
    };
  }

  /** The rule checks of an event, without storing it (for the dialog to show before submitting). */
  async check(memberId: number, input: EventInput): Promise<EventCheck> {
    authorize(this.actor, 'member.write');
    await this.members.get(memberId);
    return this.evaluate(this.db, memberId, input);
  }

  private async evaluate(db: Kysely<Database> | Transaction<Database>, memberId: number, input: EventInput): Promise<EventCheck> {
    const fields = fieldErrors(input, todayIso());
    const asRule = (f: FieldError): RuleMessage => ({ ruleId: `field.${f.code}`, source: 'dangvu', message: f.message, messageEn: f.message, field: f.field });
    // A missing value does not stop the rule checks (the dialog shows both while the user types); a malformed one does.
    if (fields.some((f) => f.code !== 'required')) return { ok: false, errors: fields.map(asRule), warnings: [], statusAfter: null };
    for (const field of ['unitId', 'toUnitId', 'hostUnitId'] as const) {
      const id = input[field];
      if (!id) continue;
      if (field === 'unitId') {
        // Through `db`: inside the recording transaction the pool's only PGlite connection is the transaction's.
        const ok = await new UnitRepository(db, this.actor).requireMemberHolder(id).then(() => true, () => false);
        if (!ok) return { ok: false, errors: [asRule({ field, code: 'not_a_cell', message: 'Chi bộ tiếp nhận không hợp lệ hoặc ngoài phạm vi' })], warnings: [], statusAfter: null };
      }
    }
    const member = await db.selectFrom('member').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    const rows = await loadEvents(db, memberId);
    const existing = rows.map(toLifecycle);
    const initial = initialOf(member);
    const before = replay(existing, { initial });
    const candidate = toLifecycle({
      id: 'new', kind: input.kind, effective_date: input.effectiveDate, decision_number: input.decisionNumber ?? null,
      decision_date: input.decisionDate ?? null, issued_by: input.issuedBy ?? null, details: detailsOf(input), voids_event_id: input.voidsEventId ?? null,
    });
    const errors: RuleMessage[] = fields.map(asRule);
    const warnings: RuleMessage[] = [];
    const lastDate = before.applied.at(-1)?.date ?? initial?.date ?? null;
    if (input.kind !== 'void' && lastDate && input.effectiveDate < lastDate) {
      errors.push({ ruleId: 'history.order', source: 'dangvu', field: 'effectiveDate', validFrom: lastDate,
        message: `Ngày hiệu lực phải từ ${formatVietnameseDate(lastDate)} (ngày của sự kiện gần nhất); sự kiện sai trước đó thì hủy rồi ghi lại`,
        messageEn: `The effective date must be on or after ${lastDate}, the latest event` });
    }
    if (input.kind === 'void') {
      const target = rows.find((r) => r.id === input.voidsEventId);
      if (!target) errors.push({ ruleId: 'void.target', source: 'dangvu', field: 'voidsEventId', message: 'Không tìm thấy sự kiện cần hủy của đảng viên này', messageEn: 'No such event of this member' });
      else if (target.kind === 'reorganized') errors.push({ ruleId: 'void.reorganized', source: 'dangvu', field: 'voidsEventId', message: 'Sự kiện chuyển theo sắp xếp tổ chức chỉ hủy được bằng cách hủy thao tác sắp xếp tổ chức đó', messageEn: 'Undo the restructuring instead' });
      else if (rows.some((r) => r.voids_event_id === target.id)) errors.push({ ruleId: 'void.once', source: 'dangvu', field: 'voidsEventId', message: 'Sự kiện này đã bị hủy', messageEn: 'This event is already voided' });
    } else {
      const transition = checkTransition(before.state, candidate as never);
      if (!transition.ok) errors.push(...transition.errors);
      warnings.push(...transition.warnings);
    }
    if (input.kind === 'recognition' && member.admission_date) {
      const r = checkRecognition({ admissionCeremonyDate: member.admission_date, decisionDate: input.decisionDate ?? input.effectiveDate, cellResolutionDate: input.cellResolutionDate ?? null });
      // Without a decision date the effective date stood in for it: point the message at the field the user typed.
      if (!r.ok) errors.push(...r.errors.map((e) => (!input.decisionDate && e.field === 'decisionDate' ? { ...e, field: 'effectiveDate' } : e)));
      warnings.push(...r.warnings);
    }
    if (input.kind === 'removal' && (input.reason === 'abandoned_activities' || input.reason === 'unpaid_dues')) {
      // The months come from the cell's meeting records of the decision's year.
      const year = Number(input.effectiveDate.slice(0, 4));
      const months = await absenceMonths(db as Kysely<Database>, memberId, year);
      const r = checkRemovalForAbsence({ monthsAbsentWithoutReason: months.absent, monthsDuesUnpaidWithoutReason: months.unpaid, year, reason: input.reason });
      if (!r.ok) errors.push(...r.errors);
      warnings.push(...r.warnings);
    }
    const after = replay([...existing, candidate], { initial });
    // The replay's own findings repeat the checks above; they add something only when nothing else was found.
    if (!errors.length) errors.push(...after.issues.filter((i) => i.eventId === 'new'));
    const unique = (list: RuleMessage[]) => list.filter((m, i) => list.findIndex((x) => x.message === m.message) === i);
    return { ok: errors.length === 0, errors: unique(errors), warnings: unique(warnings), statusAfter: errors.length ? null : after.state.status };
  }

  /**
   * Records an event. `rowVersion` is the member's version the user saw (a concurrent change wins and this
   * one is refused); `requestKey` makes a retried submission record once and return the first result.
   */
  async record(memberId: number, input: EventInput, rowVersion: number, requestKey?: string | null): Promise<{ event: RecordedEvent; warnings: RuleMessage[]; replayed: boolean }> {
    authorize(this.actor, 'member.write');
    await this.members.get(memberId);
    if (requestKey) {
      const earlier = await this.findByKey(memberId, requestKey);
      if (earlier) return { event: earlier, warnings: [], replayed: true };
    }
    try {
      return await inTransaction(this.db, this.actor, async (tx) => {
        const locked = await tx.selectFrom('member').select(['row_version']).where('id', '=', memberId).forUpdate().executeTakeFirstOrThrow();
        if (locked.row_version !== rowVersion) throw new ConflictError('Hồ sơ đảng viên vừa được người khác cập nhật; hãy tải lại rồi thực hiện lại');
        return this.recordIn(tx, memberId, input, rowVersion + 1, requestKey);
      });
    } catch (err) {
      if (requestKey && pgErrorCode(err) === '23505') {
        // The same submission won a race with itself: return what the first one recorded.
        const earlier = await this.findByKey(memberId, requestKey);
        if (earlier) return { event: earlier, warnings: [], replayed: true };
      }
      throw err;
    }
  }

  /**
   * Checks and appends an event inside a transaction the caller holds (the member locked or just created),
   * then re-derives the member's history. Used by record() and by the admission of a candidate, whose
   * ceremony creates the member and records its admission in the same transaction.
   */
  async recordIn(tx: Transaction<Database>, memberId: number, input: EventInput, newRowVersion: number, requestKey?: string | null): Promise<{ event: RecordedEvent; warnings: RuleMessage[]; replayed: false }> {
    authorize(this.actor, 'member.write');
    const check = await this.evaluate(tx, memberId, input);
    if (!check.ok) {
      throw new AppError('VALIDATION', check.errors.map((e) => e.message).join('; '), check.errors.map((e) => ({ field: e.field ?? 'kind', code: e.ruleId, message: e.message })));
    }
    const inserted = await tx.insertInto('member_event').values({
      member_id: memberId, kind: input.kind, effective_date: input.effectiveDate,
      decision_number: input.decisionNumber?.trim() || null, decision_date: input.decisionDate || null,
      issued_by: input.issuedBy?.trim() || null, note: input.note?.trim() || null, attachments: input.attachments ?? [],
      details: JSON.stringify(detailsOf(input)), voids_event_id: input.voidsEventId ?? null,
      request_key: requestKey ?? null, recorded_by: this.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await rebuildMemberHistory(tx, memberId, newRowVersion);
    const event = (await loadEvents(tx, memberId)).find((r) => r.id === inserted.id)!;
    return { event: present(event, null), warnings: check.warnings, replayed: false };
  }

  private async findByKey(memberId: number, requestKey: string): Promise<RecordedEvent | null> {
    const row = await this.db.selectFrom('member_event').select(['id', 'member_id']).where('request_key', '=', requestKey).executeTakeFirst();
    if (!row) return null;
    if (row.member_id !== memberId) throw new ConflictError('Khóa yêu cầu này đã được dùng cho một đảng viên khác');
    return (await this.list(memberId)).find((e) => e.id === row.id) ?? null;
  }
}

function detailsOf(input: EventInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of DETAIL_FIELDS) if (input[k] !== undefined && input[k] !== null && input[k] !== '') out[k] = input[k];
  return out;
}

/**
 * Re-derives member_period and the mirrored columns of one member from the event log. Runs inside the
 * recording transaction; `rowVersion` is the member's new version.
 */
export async function rebuildMemberHistory(tx: Transaction<Database>, memberId: number, rowVersion?: number): Promise<void> {
  const member = await tx.selectFrom('member').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
  const rows = await loadEvents(tx, memberId);
  const result = replay(rows.map(toLifecycle), { initial: initialOf(member) });
  if (!result.periods.length) throw new NotFoundError('quá trình sinh hoạt của đảng viên');
  await tx.deleteFrom('member_period').where('member_id', '=', memberId).execute();
  // Each period opens with the decision of the last event applied on its first day.
  const decisionOn = new Map(result.applied.filter((e) => e.decisionNumber).map((e) => [e.date, e.decisionNumber!]));
  await tx.insertInto('member_period').values(result.periods.map((p) => ({
    member_id: memberId, valid_from: p.validFrom, valid_to: p.validTo, status: p.status, unit_id: p.unitId, decision: decisionOn.get(p.validFrom) ?? null,
  }))).execute();
  const last = result.periods[result.periods.length - 1]!;
  const spell = result.spells[result.spells.length - 1];
  await tx.updateTable('member').set({
    status: last.status, unit_id: last.unitId,
    admission_date: spell?.admissionDate ?? member.admission_date,
    admission_decision_date: spell?.decisionDate ?? member.admission_decision_date,
    official_date: spell && spell.admissionDate ? spell.officialDate : (spell?.officialDate ?? member.official_date),
    row_version: rowVersion ?? member.row_version + 1, updated_at: new Date(),
  }).where('id', '=', memberId).execute();
}

