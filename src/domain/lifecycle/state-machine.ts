// Which events each status allows and the state each leads to. The state carries the grade (dự bị or
// chính thức) and the unit, since 'transferring' and 'exempt' hide the grade and the rules depend on it.
//
// Transfers: an OFFICIAL transfer sets 'transferring' from the letter's issue, still in the old unit, until
// 'transfer_in' places the member in the new unit with the grade kept (an exemption does not carry over:
// the receiving cell decides anew, QĐ 294 §7.1). A TEMPORARY transfer changes nothing here: the member
// stays counted in the home unit with the same status (QĐ 294 §6.3.2.b).
import {
  DISCIPLINE_FORMS,
  REMOVAL_REASONS,
  type DisciplineForm,
  type EventKind,
  type EventPayload,
  type Grade,
  type LifecycleStatus,
  type RemovalReason,
} from './events.ts';
import { DISCIPLINE_FORM_LABELS, EVENT_LABELS, REMOVAL_REASON_LABELS, STATUS_LABELS } from './labels.ts';
import { RULES, type RuleRecord } from './rules.ts';
import { Findings, ruleMessage, type CheckResult, type RuleMessage } from './types.ts';

export interface MemberState {
  status: LifecycleStatus;
  /** Null for candidates and for people out of the Party. */
  grade: Grade | null;
  /** The cell the member belongs to (counted in); the last one after leaving. */
  unitId: number | null;
}

export const CANDIDATE_STATE: MemberState = Object.freeze({ status: 'candidate', grade: null, unitId: null });

const EVENTS_BY_STATUS: Record<LifecycleStatus, readonly EventKind[]> = {
  candidate: ['admission'],
  probationary: ['recognition', 'non_recognition', 'transfer_out_official', 'transfer_out_temporary', 'removal', 'leave_on_request', 'discipline', 'death', 'reorganized'],
  official: ['transfer_out_official', 'transfer_out_temporary', 'exemption_start', 'removal', 'leave_on_request', 'discipline', 'expulsion', 'death', 'reorganized'],
  exempt: ['exemption_end', 'transfer_out_official', 'removal', 'leave_on_request', 'discipline', 'expulsion', 'death', 'reorganized'],
  transferring: ['transfer_in', 'removal', 'discipline', 'expulsion', 'death', 'reorganized'],
  removed: ['admission'],
  left: ['admission'],
  expelled: ['admission'],
  deceased: [],
};

/** The grade a bare status implies (unknown for 'transferring'). */
function gradeOf(status: LifecycleStatus): Grade | null {
  if (status === 'probationary') return 'probationary';
  if (status === 'official' || status === 'exempt') return 'official';
  return null;
}

/** A state from a status; pass the grade for 'transferring'. */
export function stateOf(status: LifecycleStatus, grade: Grade | null = gradeOf(status), unitId: number | null = null): MemberState {
  return { status, grade, unitId };
}

const asState = (s: MemberState | LifecycleStatus): MemberState => (typeof s === 'string' ? stateOf(s) : s);

/**
 * Event kinds allowed in a state ('void' is not listed: it may cancel any earlier event, see replay).
 * Given a bare 'transferring' status the grade is unknown and expulsion is listed; nextStatus decides.
 */
export function allowedEvents(state: MemberState | LifecycleStatus): EventKind[] {
  const s = asState(state);
  const kinds = EVENTS_BY_STATUS[s.status];
  if (s.grade === 'probationary') return kinds.filter((k) => k !== 'expulsion');
  return [...kinds];
}

/** Discipline forms allowed for the grade: a probationary member only khiển trách or cảnh cáo (Charter Art. 35.2). */
export function allowedDisciplineForms(state: MemberState | LifecycleStatus): DisciplineForm[] {
  const s = asState(state);
  if (!allowedEvents(s).includes('discipline')) return [];
  return s.grade === 'probationary' ? ['reprimand', 'warning'] : [...DISCIPLINE_FORMS];
}

/** Removal reasons that fit the state. */
export function allowedRemovalReasons(state: MemberState | LifecycleStatus): RemovalReason[] {
  const s = asState(state);
  if (!allowedEvents(s).includes('removal')) return [];
  return REMOVAL_REASONS.filter((reason) => {
    switch (reason) {
      case 'not_recognized_after_probation':
        return s.status === 'probationary';
      case 'transfer_letter_not_presented':
        return s.status === 'transferring';
      case 'abandoned_activities':
        // Exempt members are excused from meetings; a member being transferred is removed for the file instead.
        return s.status === 'probationary' || s.status === 'official';
      default:
        return true;
    }
  });
}

function refusal(rule: RuleRecord, vi: string, en: string, field?: string): RuleMessage {
  return ruleMessage(rule.id, rule.source, vi, en, field === undefined ? {} : { field });
}

const noExpulsion = () => refusal(RULES.disciplineProbationary, 'không thể khai trừ đảng viên dự bị; chỉ khiển trách hoặc cảnh cáo (hoặc xóa tên trong danh sách đảng viên dự bị)', 'a probationary member cannot be expelled; only reprimand or warning (or removal from the probationary list)', 'kind');

function statusesAllowing(kind: EventKind): LifecycleStatus[] {
  return (Object.keys(EVENTS_BY_STATUS) as LifecycleStatus[]).filter((st) => EVENTS_BY_STATUS[st].includes(kind));
}

/** Whether the event may happen in the state, with the rule that refuses it. */
export function checkTransition(state: MemberState, event: EventPayload): CheckResult {
  const f = new Findings();
  const st = STATUS_LABELS[state.status];
  const ev = EVENT_LABELS[event.kind];
  if (event.kind === 'void') {
    return f.error(refusal(RULES.transition, '“hủy bỏ sự kiện” không đổi trạng thái; dùng replay để bỏ sự kiện bị hủy', 'a void changes no state; replay drops the voided event')).result();
  }
  if (!EVENTS_BY_STATUS[state.status].includes(event.kind)) {
    const where = statusesAllowing(event.kind);
    if (event.kind === 'expulsion' && state.grade === 'probationary') return f.error(noExpulsion()).result();
    if (event.kind === 'exemption_start' && state.status === 'probationary') {
      return f.error(refusal(RULES.exemptionOfficialOnly, 'chỉ đảng viên chính thức được miễn công tác và sinh hoạt đảng', 'only official members can be exempted')).result();
    }
    return f.error(refusal(
      RULES.transition,
      `không thể ${ev.vi} khi ${st.vi}; chỉ áp dụng cho: ${where.map((w) => STATUS_LABELS[w].vi).join(', ') || 'không trạng thái nào'}`,
      `cannot record ${ev.en} for a ${st.en}; allowed for: ${where.map((w) => STATUS_LABELS[w].en).join(', ') || 'none'}`,
      'kind',
    )).result();
  }
  // A probationary member being transferred: the status allows expulsion, the grade does not.
  if (event.kind === 'expulsion' && state.grade === 'probationary') f.error(noExpulsion());
  if (event.kind === 'discipline') {
    if (!DISCIPLINE_FORMS.includes(event.form)) {
      f.error(refusal(RULES.transition, `hình thức kỷ luật không hợp lệ: ${String(event.form)}`, `unknown discipline form: ${String(event.form)}`, 'form'));
    } else if (!allowedDisciplineForms(state).includes(event.form)) {
      f.error(refusal(
        RULES.disciplineProbationary,
        `đảng viên dự bị chỉ bị khiển trách hoặc cảnh cáo, không thể ${DISCIPLINE_FORM_LABELS[event.form].vi}`,
        `a probationary member can only be reprimanded or warned, not given ${DISCIPLINE_FORM_LABELS[event.form].en}`,
        'form',
      ));
    }
  }
  if (event.kind === 'removal') {
    if (!REMOVAL_REASONS.includes(event.reason)) {
      f.error(refusal(RULES.transition, `lý do xóa tên không hợp lệ: ${String(event.reason)}`, `unknown removal reason: ${String(event.reason)}`, 'reason'));
    } else if (!allowedRemovalReasons(state).includes(event.reason)) {
      const rule = event.reason === 'not_recognized_after_probation' ? RULES.removalNotRecognized : RULES.removalReasonFits;
      const fits = allowedRemovalReasons(state).map((x) => REMOVAL_REASON_LABELS[x].vi).join('; ');
      f.error(refusal(
        rule,
        `lý do “${REMOVAL_REASON_LABELS[event.reason].vi}” không áp dụng khi ${st.vi}; lý do phù hợp: ${fits}`,
        `reason “${REMOVAL_REASON_LABELS[event.reason].en}” does not apply to a ${st.en}`,
        'reason',
      ));
    }
  }
  if ((event.kind === 'admission' || event.kind === 'transfer_in' || event.kind === 'reorganized') && !Number.isInteger(event.unitId)) {
    f.error(refusal(RULES.transition, `${ev.vi} phải ghi chi bộ`, `${ev.en} needs the unit`, 'unitId'));
  }
  if (event.kind === 'transfer_in' && state.grade === null) {
    f.error(refusal(RULES.transition, 'không rõ đảng viên dự bị hay chính thức trước khi chuyển', 'the grade before the transfer is unknown', 'grade'));
  }
  return f.result();
}

export class LifecycleTransitionError extends Error {
  constructor(readonly errors: RuleMessage[]) {
    super(errors.map((e) => e.messageEn).join('; '));
    this.name = 'LifecycleTransitionError';
  }
}

/** The state after the event. Throws LifecycleTransitionError when checkTransition refuses it. */
export function nextStatus(state: MemberState, event: EventPayload): MemberState {
  const check = checkTransition(state, event);
  if (!check.ok) throw new LifecycleTransitionError(check.errors);
  const same = { ...state };
  switch (event.kind) {
    case 'admission':
      return { status: 'probationary', grade: 'probationary', unitId: event.unitId };
    case 'recognition':
      return { ...same, status: 'official', grade: 'official' };
    case 'non_recognition':
      return { ...same, status: 'removed', grade: null };
    case 'transfer_out_official':
      return { ...same, status: 'transferring' };
    case 'transfer_in':
      return { status: state.grade!, grade: state.grade, unitId: event.unitId };
    case 'reorganized':
      // The cell changed by a decision on the organization (Điều lệ Đảng 2011, Điều 10, khoản 3), not by a
      // transfer: no letter, no 'transferring' step; a member being transferred keeps that status.
      return { ...same, unitId: event.unitId };
    case 'exemption_start':
      return { ...same, status: 'exempt' };
    case 'exemption_end':
      return { ...same, status: 'official' };
    case 'removal':
      return { ...same, status: 'removed', grade: null };
    case 'leave_on_request':
      return { ...same, status: 'left', grade: null };
    case 'expulsion':
      return { ...same, status: 'expelled', grade: null };
    case 'death':
      return { ...same, status: 'deceased', grade: null };
    case 'transfer_out_temporary':
    case 'discipline':
    case 'void':
      return same;
  }
}
