// Dissemination sessions (học tập, quán triệt nghị quyết) and the motto's breakthrough (khâu đột phá).
// Pure rules: the service gathers the roll of the session date and the documents' issue dates.
//
// Who is expected: every member on the roll (probationary, official, exempt, transferring) of the
// organizing unit's subtree on the session date, plus the non-member cadres the unit invites — the issue's
// "expected attendees taken from the roll of that date" (issue 9 §4). A document cannot be disseminated
// before it is issued (it does not exist yet).
import { isIsoDate, formatVietnameseDate } from '../dates.ts';
import type { FieldError } from '../errors.ts';

export const SESSION_KINDS = ['hoc_tap', 'quan_triet'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS_VI: Record<SessionKind, string> = { hoc_tap: 'Học tập', quan_triet: 'Quán triệt' };

export interface SessionAttendanceEntry { memberId: number; present: boolean; absenceReason?: string | null }

export interface SessionCheckInput {
  heldOn: string;
  today: string;
  /** The documents disseminated, with their issue dates, in the order given (field `documentIds.i`). */
  documents: Array<{ number: string; issuedOn: string }>;
  /** Members on the roll of the organizing unit's subtree on heldOn. */
  roll: ReadonlySet<number>;
  expectedOthers: number;
  /** Attendance as counts … */
  attendedMembers?: number | null;
  attendedOthers?: number | null;
  /** … or as the list of members (present, or absent with a reason). */
  attendance?: SessionAttendanceEntry[] | null;
}

const count = (v: number | null | undefined) => v === null || v === undefined || (Number.isInteger(v) && v >= 0);

/** Every reason the session cannot be recorded, each naming its field; empty when it can. */
export function validateSession(input: SessionCheckInput): FieldError[] {
  const errors: FieldError[] = [];
  const dated = isIsoDate(input.heldOn);
  if (!dated) errors.push({ field: 'heldOn', code: 'invalid_date', message: 'Ngày tổ chức không hợp lệ (YYYY-MM-DD)' });
  else if (input.heldOn > input.today) errors.push({ field: 'heldOn', code: 'future', message: 'Ngày tổ chức không thể sau hôm nay' });
  if (!input.documents.length) errors.push({ field: 'documentIds', code: 'required', message: 'Cần ít nhất một văn bản được học tập, quán triệt' });
  input.documents.forEach((d, i) => {
    if (dated && input.heldOn < d.issuedOn) {
      errors.push({ field: `documentIds.${i}`, code: 'before_issue', message: `Không thể quán triệt ${d.number} trước ngày ban hành (${formatVietnameseDate(d.issuedOn)})` });
    }
  });
  const expectedMembers = input.roll.size;
  if (!count(input.expectedOthers)) errors.push({ field: 'expectedOthers', code: 'invalid', message: 'Số cán bộ ngoài Đảng được triệu tập phải là số nguyên không âm' });
  if (!count(input.attendedOthers)) errors.push({ field: 'attendedOthers', code: 'invalid', message: 'Số cán bộ ngoài Đảng dự phải là số nguyên không âm' });
  else if ((input.attendedOthers ?? 0) > input.expectedOthers) {
    errors.push({ field: 'attendedOthers', code: 'above_expected', message: `Số cán bộ ngoài Đảng dự (${input.attendedOthers}) vượt số được triệu tập (${input.expectedOthers})` });
  }
  const list = input.attendance;
  const counted = input.attendedMembers !== null && input.attendedMembers !== undefined;
  if (list && counted) errors.push({ field: 'attendance', code: 'both', message: 'Ghi số đảng viên dự hoặc danh sách dự, không cả hai' });
  else if (!list && !counted) errors.push({ field: 'attendedMembers', code: 'required', message: 'Cần số đảng viên dự hoặc danh sách dự' });
  if (counted && !count(input.attendedMembers)) errors.push({ field: 'attendedMembers', code: 'invalid', message: 'Số đảng viên dự phải là số nguyên không âm' });
  else if (counted && input.attendedMembers! > expectedMembers) {
    errors.push({ field: 'attendedMembers', code: 'above_expected', message: `Số đảng viên dự (${input.attendedMembers}) vượt số đảng viên phải dự theo danh sách ngày ${dated ? formatVietnameseDate(input.heldOn) : input.heldOn} (${expectedMembers})` });
  }
  if (list) {
    const seen = new Set<number>();
    list.forEach((a, i) => {
      if (seen.has(a.memberId)) errors.push({ field: `attendance.${i}.memberId`, code: 'duplicate', message: 'Đảng viên có hai lần trong danh sách' });
      seen.add(a.memberId);
      if (!input.roll.has(a.memberId)) {
        errors.push({ field: `attendance.${i}.memberId`, code: 'not_on_roll', message: `Đảng viên #${a.memberId} không có trong danh sách đảng viên của đơn vị ngày ${dated ? formatVietnameseDate(input.heldOn) : input.heldOn}` });
      }
      if (!a.present && !a.absenceReason?.trim()) errors.push({ field: `attendance.${i}.absenceReason`, code: 'required', message: 'Cần lý do vắng mặt' });
    });
  }
  return errors;
}

/** Members present by the list, or the count entered. */
export function attendedMembersOf(input: Pick<SessionCheckInput, 'attendedMembers' | 'attendance'>): number {
  return input.attendance ? input.attendance.filter((a) => a.present).length : input.attendedMembers ?? 0;
}

/**
 * Whether a direct sub-unit has been reached by a document's dissemination (coverage rule, documented in
 * docs/dissemination.md): it is covered when it, or a unit of its subtree, held a session for the document
 * on or before the day looked at — or when an ancestor's session included its members: a session recorded
 * as counts expects the whole subtree of its organizer, so it includes them; a session recorded by list
 * includes them when at least one member of the sub-unit's subtree is on the list.
 */
export type CoverageSource = 'own' | 'ancestor' | null;
export function coverageOf(own: number, ancestorCounts: number, ancestorListed: number): CoverageSource {
  if (own > 0) return 'own';
  if (ancestorCounts > 0 || ancestorListed > 0) return 'ancestor';
  return null;
}

// The motto of action "dân chủ, kỷ cương, đoàn kết, năng động, đổi mới": each committee chooses one of its
// five words as the year's breakthrough (khâu đột phá) with measures. Source: the action motto of the
// Bến Tre party organization's term 2015–2020 as the seed states it (issue 9 §5; **verify** the
// congress resolution that adopted it).
export const BREAKTHROUGHS = ['dan_chu', 'ky_cuong', 'doan_ket', 'nang_dong', 'doi_moi'] as const;
export type Breakthrough = (typeof BREAKTHROUGHS)[number];
export const BREAKTHROUGH_LABELS_VI: Record<Breakthrough, string> = {
  dan_chu: 'Dân chủ', ky_cuong: 'Kỷ cương', doan_ket: 'Đoàn kết', nang_dong: 'Năng động', doi_moi: 'Đổi mới',
};

export function validateBreakthrough(input: { year: number; breakthrough: string; measures: string[] }): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.year) || input.year < 1930 || input.year > 2100) errors.push({ field: 'year', code: 'invalid', message: 'Năm phải từ 1930 đến 2100' });
  if (!(BREAKTHROUGHS as readonly string[]).includes(input.breakthrough)) {
    errors.push({ field: 'breakthrough', code: 'invalid', message: `Khâu đột phá phải là một trong: ${Object.values(BREAKTHROUGH_LABELS_VI).join(', ')}` });
  }
  if (!input.measures.some((m) => m.trim())) errors.push({ field: 'measures', code: 'required', message: 'Cần ít nhất một giải pháp thực hiện khâu đột phá' });
  return errors;
}
