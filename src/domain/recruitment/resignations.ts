// Cadres, civil servants and public employees who ask to quit (cán bộ, công chức, viên chức xin nghỉ việc;
// domain README §6, issue 10 §4). Not a party rule: the committee follows each request, counsels the person
// (động viên) and records how it ended. The checks here keep a record that can be counted: an outcome has
// its date, and neither it nor a counselling meeting can come before the request.
import type { FieldError } from '../errors.ts';
import { isIsoDate } from '../dates.ts';

/** Thu nhập · Gia đình · Chuyển nơi ở · Sức khỏe · Khác. */
export const RESIGNATION_REASONS = ['income', 'family', 'moving', 'health', 'other'] as const;
/** Ở lại công tác · Nghỉ việc · Chuyển công tác khác. */
export const RESIGNATION_OUTCOMES = ['stayed', 'resigned', 'moved'] as const;
/** Cấp xã · Cấp huyện · Cấp tỉnh: the level of the agency. */
export const RESIGNATION_LEVELS = ['commune', 'district', 'province'] as const;

export type ResignationReason = (typeof RESIGNATION_REASONS)[number];
export type ResignationOutcome = (typeof RESIGNATION_OUTCOMES)[number];
export type ResignationLevel = (typeof RESIGNATION_LEVELS)[number];

export const REASON_LABELS: Record<ResignationReason, string> = {
  income: 'Thu nhập thấp', family: 'Hoàn cảnh gia đình', moving: 'Chuyển nơi ở', health: 'Sức khỏe', other: 'Lý do khác',
};
export const OUTCOME_LABELS: Record<ResignationOutcome, string> = {
  stayed: 'Ở lại công tác', resigned: 'Nghỉ việc', moved: 'Chuyển công tác khác',
};
export const LEVEL_LABELS: Record<ResignationLevel, string> = { commune: 'Cấp xã', district: 'Cấp huyện', province: 'Cấp tỉnh' };

export interface ResignationFacts {
  fullName?: string | null;
  agency?: string | null;
  position?: string | null;
  level?: string | null;
  requestedOn?: string | null;
  reason?: string | null;
  outcome?: string | null;
  outcomeOn?: string | null;
}

const isOneOf = <T extends readonly string[]>(values: T, v: unknown): v is T[number] => typeof v === 'string' && values.includes(v);

/** Every fault of a request as a whole, one per field, in Vietnamese; `today` bounds the dates. */
export function checkResignation(r: ResignationFacts, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: keyof ResignationFacts, label: string) => {
    if (!r[field]?.toString().trim()) errors.push({ field, code: 'required', message: `Thiếu ${label}` });
  };
  need('fullName', 'họ và tên');
  need('agency', 'cơ quan, đơn vị công tác');
  need('position', 'chức vụ, chức danh');
  if (!isOneOf(RESIGNATION_LEVELS, r.level)) errors.push({ field: 'level', code: 'invalid', message: 'Cấp của cơ quan phải là xã, huyện hoặc tỉnh' });
  if (!isOneOf(RESIGNATION_REASONS, r.reason)) errors.push({ field: 'reason', code: 'invalid', message: 'Lý do phải là: thu nhập, gia đình, chuyển nơi ở, sức khỏe hoặc khác' });
  const requestedOk = !!r.requestedOn && isIsoDate(r.requestedOn);
  if (!requestedOk) errors.push({ field: 'requestedOn', code: 'invalid_date', message: 'Ngày làm đơn xin nghỉ việc không hợp lệ' });
  else if (r.requestedOn! > today) errors.push({ field: 'requestedOn', code: 'future_date', message: 'Ngày làm đơn không được sau ngày hôm nay' });
  const hasOutcome = r.outcome !== null && r.outcome !== undefined && r.outcome !== '';
  const hasOutcomeDate = r.outcomeOn !== null && r.outcomeOn !== undefined && r.outcomeOn !== '';
  if (hasOutcome && !isOneOf(RESIGNATION_OUTCOMES, r.outcome)) errors.push({ field: 'outcome', code: 'invalid', message: 'Kết quả phải là: ở lại công tác, nghỉ việc hoặc chuyển công tác khác' });
  if (hasOutcome && !hasOutcomeDate) errors.push({ field: 'outcomeOn', code: 'required', message: 'Kết quả giải quyết cần có ngày' });
  if (!hasOutcome && hasOutcomeDate) errors.push({ field: 'outcome', code: 'required', message: 'Có ngày giải quyết thì phải có kết quả' });
  if (hasOutcomeDate) {
    if (!isIsoDate(r.outcomeOn!)) errors.push({ field: 'outcomeOn', code: 'invalid_date', message: 'Ngày có kết quả không hợp lệ' });
    else if (requestedOk && r.outcomeOn! < r.requestedOn!) {
      errors.push({ field: 'outcomeOn', code: 'before_request', message: `Ngày có kết quả (${r.outcomeOn}) không được trước ngày làm đơn (${r.requestedOn})` });
    } else if (r.outcomeOn! > today) errors.push({ field: 'outcomeOn', code: 'future_date', message: 'Ngày có kết quả không được sau ngày hôm nay' });
  }
  return errors;
}

/** A counselling meeting belongs between the request and today. */
export function checkCounselling(m: { metOn?: string | null; metBy?: string | null; outcomeNote?: string | null }, requestedOn: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!m.metOn || !isIsoDate(m.metOn)) errors.push({ field: 'metOn', code: 'invalid_date', message: 'Ngày gặp gỡ, động viên không hợp lệ' });
  else if (m.metOn < requestedOn) errors.push({ field: 'metOn', code: 'before_request', message: `Ngày gặp gỡ (${m.metOn}) không được trước ngày làm đơn (${requestedOn})` });
  else if (m.metOn > today) errors.push({ field: 'metOn', code: 'future_date', message: 'Ngày gặp gỡ không được sau ngày hôm nay' });
  if (!m.metBy?.trim()) errors.push({ field: 'metBy', code: 'required', message: 'Thiếu người gặp gỡ, động viên' });
  if (!m.outcomeNote?.trim()) errors.push({ field: 'outcomeNote', code: 'required', message: 'Thiếu kết quả buổi gặp' });
  return errors;
}
