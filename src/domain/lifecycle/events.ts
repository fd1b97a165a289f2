// The events of a member's life (domain README §2) and the statuses they lead to.
import { MEMBER_STATUSES, type MemberStatus } from '../members.ts';

/** Statuses of the lifecycle: a candidate (quần chúng, cảm tình Đảng) before admission, then MEMBER_STATUSES. */
export const LIFECYCLE_STATUSES = ['candidate', ...MEMBER_STATUSES] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** Statuses that end membership (the person may be readmitted, except the deceased). */
export const EXIT_STATUSES: readonly MemberStatus[] = ['removed', 'left', 'expelled', 'deceased'];

/**
 * The member's grade (đảng viên dự bị / chính thức), kept apart from the status because 'transferring'
 * and 'exempt' hide it and the rules depend on it (discipline forms, recognition).
 */
export type Grade = 'probationary' | 'official';

export const EVENT_KINDS = [
  'admission', // kết nạp (or kết nạp lại): date = the ceremony, which starts probation
  'recognition', // công nhận đảng viên chính thức: date = the end of the 12 months (the official date)
  'non_recognition', // không công nhận: xóa tên trong danh sách đảng viên dự bị
  'transfer_out_official', // giới thiệu chuyển sinh hoạt đảng chính thức: date = the letter's issue
  'transfer_out_temporary', // giới thiệu sinh hoạt đảng tạm thời: status and home unit unchanged
  'transfer_in', // tiếp nhận sinh hoạt đảng chính thức at the new unit: date = the letter presented
  'exemption_start', // miễn công tác và sinh hoạt đảng
  'exemption_end', // trở lại sinh hoạt đảng
  'removal', // xóa tên
  'leave_on_request', // cho ra khỏi Đảng (xin ra khỏi Đảng)
  'discipline', // kỷ luật khiển trách, cảnh cáo, cách chức
  'expulsion', // kỷ luật khai trừ
  'death', // từ trần
  'void', // hủy bỏ an earlier event (a decision cancelled or entered by mistake)
  'reorganized', // chuyển theo sắp xếp tổ chức: the cell was merged, split or dissolved; status and grade kept
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const REMOVAL_REASONS = [
  'abandoned_activities', // bỏ sinh hoạt chi bộ 3 tháng trong năm không có lý do chính đáng
  'unpaid_dues', // không đóng đảng phí 3 tháng trong năm không có lý do chính đáng
  'not_recognized_after_probation', // không được công nhận chính thức (same effect as non_recognition)
  'transfer_letter_not_presented', // quá 3 tháng không nộp hồ sơ chuyển sinh hoạt: "tự ý bỏ sinh hoạt đảng"
  'no_improvement_after_education', // giảm sút ý chí, được giáo dục 12 tháng không tiến bộ
  'two_years_violation', // hai năm liền vi phạm tư cách đảng viên
  'card_surrendered', // tự ý trả thẻ đảng viên hoặc tự hủy thẻ
  'political_standard', // không bảo đảm tiêu chuẩn chính trị theo quy định của Bộ Chính trị
] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** Discipline forms that keep the member in the Party; expulsion (khai trừ) is its own event. */
export const DISCIPLINE_FORMS = [
  'reprimand', // khiển trách
  'warning', // cảnh cáo
  'dismissal_from_posts', // cách chức
] as const;
export type DisciplineForm = (typeof DISCIPLINE_FORMS)[number];

/** Who decided, with the decision's number and date (decisionDate may precede the effective date). */
export interface EventDecision {
  decisionNumber?: string | null;
  /** The date the decision was signed; for admission the start of party age. */
  decisionDate?: string | null;
  issuedBy?: string | null;
  note?: string | null;
}

interface Base<K extends EventKind> extends EventDecision {
  /** Stable id, referenced by a void. */
  id: string;
  kind: K;
  /** Effective date, ISO: the date the event changes the member's state. */
  date: string;
}

export type AdmissionEvent = Base<'admission'> & { unitId: number };
export type RecognitionEvent = Base<'recognition'>;
export type NonRecognitionEvent = Base<'non_recognition'>;
export type TransferOutOfficialEvent = Base<'transfer_out_official'> & { toUnitId?: number | null };
export type TransferOutTemporaryEvent = Base<'transfer_out_temporary'> & {
  hostUnitId?: number | null;
  until?: string | null;
  purpose?: 'work' | 'study';
};
export type TransferInEvent = Base<'transfer_in'> & { unitId: number };
export type ExemptionStartEvent = Base<'exemption_start'> & { ground?: 'age_health' | 'other' };
export type ExemptionEndEvent = Base<'exemption_end'>;
export type RemovalEvent = Base<'removal'> & { reason: RemovalReason };
export type LeaveOnRequestEvent = Base<'leave_on_request'>;
export type DisciplineEvent = Base<'discipline'> & { form: DisciplineForm };
export type ExpulsionEvent = Base<'expulsion'>;
export type DeathEvent = Base<'death'>;
export type VoidEvent = Base<'void'> & { voids: string };
/** Written only by a restructuring (src/commands/restructure.ts), never typed by a user. */
export type ReorganizedEvent = Base<'reorganized'> & { unitId: number; fromUnitId?: number | null; restructuringId?: number | null };

export type LifecycleEvent =
  | AdmissionEvent
  | RecognitionEvent
  | NonRecognitionEvent
  | TransferOutOfficialEvent
  | TransferOutTemporaryEvent
  | TransferInEvent
  | ExemptionStartEvent
  | ExemptionEndEvent
  | RemovalEvent
  | LeaveOnRequestEvent
  | DisciplineEvent
  | ExpulsionEvent
  | DeathEvent
  | VoidEvent
  | ReorganizedEvent;

/** An event without its id and date: what nextStatus needs. */
export type EventPayload = LifecycleEvent extends infer E ? (E extends LifecycleEvent ? Omit<E, 'id' | 'date'> : never) : never;
