// Working visits, inspections and supervisions (đoàn công tác; kiểm tra, giám sát) and the directives
// (ý kiến chỉ đạo) of their conclusion notice. Pure: the service gathers rows, these rules accept or name
// each fault in Vietnamese with its field.
//
// Sources: Điều lệ Đảng (2011), Điều 30 (inspection and supervision are leadership functions of every
// committee) and Quy định 30-QĐ/TW (26/7/2016), which have the inspecting or supervising body notify its
// conclusion to the organization concerned and follow its implementation; the notice is a party document
// numbered like any other (Hướng dẫn 36-HD/VPTW, 3/4/2018; before it 11-HD/VPTW, 2004), kind TB (thông
// báo) or KL (kết luận). In force for the visits dangvu records: 2016–. The evidence required to close a
// directive is dangvu's rule, not a party rule: a directive is closed on the record of what was done.
import { isIsoDate, formatVietnameseDate } from '../dates.ts';
import type { FieldError } from '../errors.ts';
import { parseDocumentNumber, type DocumentNumber } from '../documents/numbers.ts';
import { normalizeText } from '../../text/vietnamese.ts';

export const VISIT_KINDS = ['working_visit', 'inspection', 'supervision'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_LABELS_VI: Record<VisitKind, string> = { working_visit: 'Đoàn công tác', inspection: 'Kiểm tra', supervision: 'Giám sát' };

/** preparation → visited → concluded (the conclusion notice is recorded). */
export const VISIT_STATUSES = ['preparation', 'visited', 'concluded'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const DELEGATE_ROLES = ['leader', 'member'] as const;
export type DelegateRole = (typeof DELEGATE_ROLES)[number];

export const DIRECTIVE_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];
export const DIRECTIVE_STATUS_LABELS_VI: Record<DirectiveStatus, string> = { open: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Hoàn thành', cancelled: 'Hủy bỏ' };

/** Kinds a conclusion notice may carry: thông báo (kết luận) or kết luận. */
export const NOTICE_KINDS = ['TB', 'KL'] as const;

export const isVisitKind = (v: string): v is VisitKind => (VISIT_KINDS as readonly string[]).includes(v);
export const isDirectiveStatus = (v: string): v is DirectiveStatus => (DIRECTIVE_STATUSES as readonly string[]).includes(v);
export const isDelegateRole = (v: string): v is DelegateRole => (DELEGATE_ROLES as readonly string[]).includes(v);

/**
 * Which status changes a directive may take. Done may be reopened (the issuer finds the evidence short);
 * a cancelled directive stays cancelled: a new one is issued instead, so the record of the cancellation stands.
 */
const DIRECTIVE_MOVES: Record<DirectiveStatus, readonly DirectiveStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: ['in_progress'],
  cancelled: [],
};

export function canMoveDirective(from: DirectiveStatus, to: DirectiveStatus): boolean {
  return from === to || DIRECTIVE_MOVES[from].includes(to);
}

/** Overdue the day after its deadline while neither done nor cancelled; a standing directive (no deadline) never is. */
export function isDirectiveOverdue(status: DirectiveStatus, deadline: string | null, asOf: string): boolean {
  return (status === 'open' || status === 'in_progress') && deadline !== null && asOf > deadline;
}

export interface VisitInput {
  title: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  delegates: Array<{ fullName: string; title: string; homeBody: string; role: string }>;
  units: Array<{ unitId: number; visitedOn: string }>;
}

export function validateVisit(v: VisitInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!normalizeText(v.title ?? '')) errors.push({ field: 'title', code: 'required', message: 'Tên đợt công tác là bắt buộc' });
  if (!isVisitKind(v.kind)) errors.push({ field: 'kind', code: 'invalid', message: 'Loại phải là đoàn công tác, kiểm tra hoặc giám sát' });
  const datesOk = isIsoDate(v.startsOn) && isIsoDate(v.endsOn);
  if (!isIsoDate(v.startsOn)) errors.push({ field: 'startsOn', code: 'invalid_date', message: 'Ngày bắt đầu không hợp lệ (YYYY-MM-DD)' });
  if (!isIsoDate(v.endsOn)) errors.push({ field: 'endsOn', code: 'invalid_date', message: 'Ngày kết thúc không hợp lệ (YYYY-MM-DD)' });
  if (datesOk && v.endsOn < v.startsOn) errors.push({ field: 'endsOn', code: 'before_start', message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi' });
  let leaders = 0;
  v.delegates.forEach((d, i) => {
    const n = i + 1;
    if (!normalizeText(d.fullName ?? '')) errors.push({ field: `delegates.${i}.fullName`, code: 'required', message: `Thành viên đoàn ${n}: cần ghi họ và tên` });
    if (!normalizeText(d.title ?? '')) errors.push({ field: `delegates.${i}.title`, code: 'required', message: `Thành viên đoàn ${n}: cần ghi chức vụ` });
    if (!normalizeText(d.homeBody ?? '')) errors.push({ field: `delegates.${i}.homeBody`, code: 'required', message: `Thành viên đoàn ${n}: cần ghi cơ quan, đơn vị công tác` });
    if (!isDelegateRole(d.role)) errors.push({ field: `delegates.${i}.role`, code: 'invalid', message: `Thành viên đoàn ${n}: vai trò phải là trưởng đoàn hoặc thành viên` });
    if (d.role === 'leader') leaders++;
  });
  if (v.delegates.length && leaders !== 1) errors.push({ field: 'delegates', code: 'leader', message: `Đoàn phải có đúng một trưởng đoàn (đang có ${leaders})` });
  const seen = new Set<number>();
  v.units.forEach((u, i) => {
    if (seen.has(u.unitId)) errors.push({ field: `units.${i}.unitId`, code: 'duplicate', message: `Đơn vị được làm việc thứ ${i + 1} bị ghi hai lần` });
    seen.add(u.unitId);
    if (!isIsoDate(u.visitedOn)) errors.push({ field: `units.${i}.visitedOn`, code: 'invalid_date', message: `Đơn vị được làm việc thứ ${i + 1}: ngày làm việc không hợp lệ` });
    else if (datesOk && (u.visitedOn < v.startsOn || u.visitedOn > v.endsOn)) {
      errors.push({ field: `units.${i}.visitedOn`, code: 'outside_visit', message: `Đơn vị được làm việc thứ ${i + 1}: ngày làm việc ${formatVietnameseDate(u.visitedOn)} phải trong thời gian của đợt (${formatVietnameseDate(v.startsOn)} – ${formatVietnameseDate(v.endsOn)})` });
    }
  });
  return errors;
}

export interface DirectiveInput {
  text: string;
  responsibleUnitId?: number | null;
  owner?: string | null;
  deadline?: string | null;
}

/** A directive as issued: its text, a responsible unit, and a deadline not before the visit began. */
export function validateDirective(d: DirectiveInput, visitStartsOn: string, field = 'directive', label = 'Ý kiến chỉ đạo'): FieldError[] {
  const errors: FieldError[] = [];
  if (!normalizeText(d.text ?? '')) errors.push({ field: `${field}.text`, code: 'required', message: `${label}: cần ghi nội dung` });
  if (d.responsibleUnitId == null) errors.push({ field: `${field}.responsibleUnitId`, code: 'required', message: `${label}: cần chọn đơn vị chịu trách nhiệm thực hiện` });
  if (d.deadline != null) {
    if (!isIsoDate(d.deadline)) errors.push({ field: `${field}.deadline`, code: 'invalid_date', message: `${label}: thời hạn không hợp lệ (YYYY-MM-DD)` });
    else if (d.deadline < visitStartsOn) errors.push({ field: `${field}.deadline`, code: 'before_visit', message: `${label}: thời hạn ${formatVietnameseDate(d.deadline)} trước ngày làm việc của đoàn (${formatVietnameseDate(visitStartsOn)})` });
  }
  return errors;
}

export interface DirectiveChange {
  from: DirectiveStatus;
  to: DirectiveStatus;
  doneOn?: string | null;
  /** Evidence after the change (what is kept plus what is added). */
  evidence: string[];
  visitStartsOn: string;
  today: string;
}

/** A status change: allowed by DIRECTIVE_MOVES; done needs the day it was done and at least one piece of evidence. */
export function validateDirectiveChange(c: DirectiveChange): FieldError[] {
  const errors: FieldError[] = [];
  if (!canMoveDirective(c.from, c.to)) {
    errors.push({ field: 'status', code: 'transition', message: `Không thể chuyển ý kiến chỉ đạo từ "${DIRECTIVE_STATUS_LABELS_VI[c.from]}" sang "${DIRECTIVE_STATUS_LABELS_VI[c.to]}"` });
  }
  if (c.to === 'done') {
    if (!c.evidence.some((e) => normalizeText(e))) errors.push({ field: 'evidence', code: 'required', message: 'Ý kiến chỉ đạo hoàn thành phải có minh chứng (văn bản, biên bản, báo cáo kết quả)' });
    if (!c.doneOn) errors.push({ field: 'doneOn', code: 'required', message: 'Cần ghi ngày hoàn thành' });
    else if (!isIsoDate(c.doneOn)) errors.push({ field: 'doneOn', code: 'invalid_date', message: 'Ngày hoàn thành không hợp lệ (YYYY-MM-DD)' });
    else if (c.doneOn < c.visitStartsOn) errors.push({ field: 'doneOn', code: 'before_visit', message: `Ngày hoàn thành không được trước ngày làm việc của đoàn (${formatVietnameseDate(c.visitStartsOn)})` });
    else if (c.doneOn > c.today) errors.push({ field: 'doneOn', code: 'future_date', message: 'Ngày hoàn thành không được sau ngày hôm nay' });
  }
  return errors;
}

export type NoticeNumberResult = { ok: true; value: DocumentNumber } | { ok: false; errors: FieldError[] };

/** The notice's number, in the party's form, of kind TB or KL, issued on or after the last day of the visit. */
export function validateNotice(n: { number: string; issuedOn: string; signerName: string; signerTitle: string; place: string; body: string }, visitEndsOn: string, today: string): { number: NoticeNumberResult; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const parsed = parseDocumentNumber(n.number, 'notice.number');
  if (!parsed.ok) errors.push(...parsed.errors);
  else if (!(NOTICE_KINDS as readonly string[]).includes(parsed.value.kind)) {
    errors.push({ field: 'notice.number', code: 'kind', message: `Thông báo kết luận mang ký hiệu TB hoặc KL (ví dụ 15-TB/TU), không phải ${parsed.value.kind}` });
  }
  if (!isIsoDate(n.issuedOn)) errors.push({ field: 'notice.issuedOn', code: 'invalid_date', message: 'Ngày thông báo không hợp lệ (YYYY-MM-DD)' });
  else if (n.issuedOn < visitEndsOn) errors.push({ field: 'notice.issuedOn', code: 'before_visit', message: `Thông báo kết luận không thể trước ngày cuối của đợt làm việc (${formatVietnameseDate(visitEndsOn)})` });
  else if (n.issuedOn > today) errors.push({ field: 'notice.issuedOn', code: 'future_date', message: 'Ngày thông báo không được sau ngày hôm nay' });
  if (!normalizeText(n.signerName ?? '')) errors.push({ field: 'notice.signerName', code: 'required', message: 'Cần ghi người ký thông báo' });
  if (!normalizeText(n.signerTitle ?? '')) errors.push({ field: 'notice.signerTitle', code: 'required', message: 'Cần ghi chức vụ người ký (ví dụ PHÓ BÍ THƯ)' });
  if (!normalizeText(n.place ?? '')) errors.push({ field: 'notice.place', code: 'required', message: 'Cần ghi địa danh (ví dụ Bến Tre)' });
  if (!normalizeText(n.body ?? '')) errors.push({ field: 'notice.body', code: 'required', message: 'Cần ghi nội dung kết luận' });
  return { number: parsed.ok && !errors.some((e) => e.field === 'notice.number') ? parsed : { ok: false, errors }, errors };
}
