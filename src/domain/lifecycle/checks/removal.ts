// Removal from the list (xóa tên), rules.md §5, and leaving on request. The five grounds are in QĐ 29 §8.1
// (2016) and unchanged in QĐ 24 and 294; the transfer-file ground is in transfer.ts.
import { addMonths, isIsoDate } from '../../dates.ts';
import { ruleSetOn } from '../rule-sets.ts';
import { RULES } from '../rules.ts';
import { DEFAULT_SETTINGS, type LifecycleSettings } from '../settings.ts';
import { Findings, OK, ruleMessage, type CheckResult } from '../types.ts';
import { requireDate, vn } from './common.ts';
import { checkRecognition, type RecognitionInput } from './recognition.ts';
import { checkRemovalForTransferFile, type TransferFileDates } from './transfer.ts';
import type { CellVote } from './votes.ts';

const CHARTER_8_1 = 'Điều lệ Đảng 2011, Điều 8, khoản 1';

/** The regulation's removal article in force on a date (QĐ 232's text was not read: named without article). */
export function removalGroundsSource(date: string, settings: LifecycleSettings = DEFAULT_SETTINGS): { source: string | null; confirmed: boolean } {
  switch (ruleSetOn(date, settings).set.id) {
    case 'pre2016': return { source: null, confirmed: true };
    case 'qd29': return { source: 'Quy định 29-QĐ/TW, §8.1', confirmed: true };
    case 'qd24': return { source: 'Quy định 24-QĐ/TW, §8.1', confirmed: true };
    case 'qd232': return { source: 'Quy định 232-QĐ/TW', confirmed: false };
    case 'qd294': return { source: 'Quy định 294-QĐ/TW, §8.1', confirmed: true };
  }
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The months of the window "trong năm": a calendar year, or the 12 months ending with `asOf`'s month. */
export function absenceWindow(input: { year?: number; asOf?: string }, settings: LifecycleSettings = DEFAULT_SETTINGS): { from: string; to: string } {
  const year = input.year ?? (input.asOf ? Number(input.asOf.slice(0, 4)) : NaN);
  if (settings.absenceWindow === 'calendar_year' || !input.asOf) {
    if (!Number.isInteger(year)) throw new RangeError('absence window needs a year or a date');
    const end = input.asOf && Number(input.asOf.slice(0, 4)) === year ? input.asOf.slice(0, 7) : `${year}-12`;
    return { from: `${year}-01`, to: end };
  }
  const to = input.asOf.slice(0, 7);
  return { from: addMonths(`${to}-01`, -11).slice(0, 7), to };
}

/** Distinct months within the window. */
export function monthsInWindow(months: readonly string[], window: { from: string; to: string }): string[] {
  return [...new Set(months)].filter((m) => m >= window.from && m <= window.to).sort();
}

export interface AbsenceInput {
  /** 'YYYY-MM' months the member skipped the cell meeting without good reason (not necessarily consecutive). */
  monthsAbsentWithoutReason?: string[];
  /** 'YYYY-MM' months of dues not paid without good reason (an approved exemption is a good reason). */
  monthsDuesUnpaidWithoutReason?: string[];
  /** The calendar year considered. */
  year?: number;
  /** The date of the review or decision: the end of a rolling window, and no later month counts. */
  asOf?: string;
  /** Which ground is proposed; both when omitted. */
  reason?: 'abandoned_activities' | 'unpaid_dues';
}

export interface AbsenceCount {
  window: { from: string; to: string };
  absent: string[];
  unpaid: string[];
  /** The count the rule compares with 3 (per ground, or together when absenceAndDuesCombined). */
  count: number;
}

export function countAbsence(input: AbsenceInput, settings: LifecycleSettings = DEFAULT_SETTINGS): AbsenceCount {
  const window = absenceWindow(input, settings);
  const absent = monthsInWindow(input.monthsAbsentWithoutReason ?? [], window);
  const unpaid = monthsInWindow(input.monthsDuesUnpaidWithoutReason ?? [], window);
  let count: number;
  if (settings.absenceAndDuesCombined) count = new Set([...absent, ...unpaid]).size;
  else if (input.reason === 'abandoned_activities') count = absent.length;
  else if (input.reason === 'unpaid_dues') count = unpaid.length;
  else count = Math.max(absent.length, unpaid.length);
  return { window, absent, unpaid, count };
}

export const REMOVAL_ABSENCE_MONTHS = 3;

const monthList = (ms: string[]) => ms.map((m) => `${m.slice(5)}/${m.slice(0, 4)}`).join(', ');

/** Removal for skipping cell meetings or dues: 3 months within the year without good reason (2 is not enough). */
export function checkRemovalForAbsence(input: AbsenceInput, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  const bad = [...(input.monthsAbsentWithoutReason ?? []), ...(input.monthsDuesUnpaidWithoutReason ?? [])].filter((m) => !MONTH.test(m));
  if (bad.length) {
    return f.error(ruleMessage('input.invalid_month', 'dangvu', `tháng không hợp lệ (cần YYYY-MM): ${bad.join(', ')}`, `invalid months (YYYY-MM): ${bad.join(', ')}`, { field: 'monthsAbsentWithoutReason' })).result();
  }
  if (input.asOf !== undefined && !isIsoDate(input.asOf)) {
    return f.error(ruleMessage('input.invalid_date', 'dangvu', `ngày không hợp lệ: ${input.asOf}`, `invalid date: ${input.asOf}`, { field: 'asOf' })).result();
  }
  if (input.year === undefined && input.asOf === undefined) {
    return f.error(ruleMessage('input.required', 'dangvu', 'cần năm xét hoặc ngày xét', 'a year or a date is required', { field: 'year' })).result();
  }
  const on = input.asOf ?? `${input.year}-12-31`;
  f.warnings.push(...ruleSetOn(on, settings).notes);
  const qd = removalGroundsSource(on, settings);
  const source = qd.source ? `${CHARTER_8_1}; ${qd.source}` : CHARTER_8_1;
  const c = countAbsence(input, settings);
  if (c.count < REMOVAL_ABSENCE_MONTHS) {
    const period = settings.absenceWindow === 'calendar_year' ? `năm ${c.window.from.slice(0, 4)}` : `12 tháng từ ${monthList([c.window.from])} đến ${monthList([c.window.to])}`;
    f.error(ruleMessage(
      RULES.removalAbsence.id,
      source,
      `xóa tên khi bỏ sinh hoạt chi bộ hoặc không đóng đảng phí ${REMOVAL_ABSENCE_MONTHS} tháng trong năm (không cần liên tiếp) mà không có lý do chính đáng; ${period} mới có ${c.absent.length} tháng bỏ sinh hoạt${c.absent.length ? ` (${monthList(c.absent)})` : ''} và ${c.unpaid.length} tháng không đóng đảng phí${c.unpaid.length ? ` (${monthList(c.unpaid)})` : ''}${settings.absenceAndDuesCombined ? ', tính gộp' : ''}`,
      `removal needs ${REMOVAL_ABSENCE_MONTHS} months in the year (not necessarily consecutive) of skipped meetings or unpaid dues without good reason; found ${c.absent.length} absent and ${c.unpaid.length} unpaid in ${c.window.from}..${c.window.to}`,
      { field: input.reason === 'unpaid_dues' ? 'monthsDuesUnpaidWithoutReason' : 'monthsAbsentWithoutReason' },
    ));
  }
  return f.result();
}

/** Removal for no progress: 12 months after the cell's education (10/03/2017 → from 10/03/2018). */
export function checkRemovalForNoImprovement(input: { educationDate: string; decisionDate: string }, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.educationDate, 'educationDate', 'ngày chi bộ giáo dục', 'education date')) return f.result();
  if (!requireDate(f, input.decisionDate, 'decisionDate', 'ngày xét xóa tên', 'decision date')) return f.result();
  f.warnings.push(...ruleSetOn(input.decisionDate, settings).notes);
  const qd = removalGroundsSource(input.decisionDate, settings);
  const source = qd.source ?? CHARTER_8_1;
  const from = addMonths(input.educationDate, 12);
  if (input.decisionDate < from) {
    f.error(ruleMessage(
      RULES.removalNoImprovement.id,
      source,
      `chỉ xóa tên khi đã được chi bộ giáo dục (${vn(input.educationDate)}) mà sau 12 tháng không tiến bộ; có thể xét từ ngày ${vn(from)}`,
      `removal only 12 months after the cell's education (${input.educationDate}) without progress; possible from ${from}`,
      { field: 'decisionDate', validFrom: from },
    ));
  }
  return f.result();
}

/** A year's rating for this rule: 'violation' = vi phạm tư cách (the 2014–2017 lowest level); 'khtnv' from 2018. */
export interface YearRating {
  year: number;
  rating: 'violation' | 'khtnv' | 'other';
}

/**
 * "Hai năm liền vi phạm tư cách đảng viên": the two latest rated years (up to the decision's year) are
 * consecutive and both violations. Two KHTNV years follow the setting twoKhtnvYears (default: allowed, with
 * a warning asking the committee to review, rules.md §5 boundary 4).
 */
export function checkRemovalForTwoYearsViolation(input: { ratings: YearRating[]; decisionDate: string }, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.decisionDate, 'decisionDate', 'ngày xét xóa tên', 'decision date')) return f.result();
  const qd = removalGroundsSource(input.decisionDate, settings);
  const source = qd.source ?? 'Quy định 29-QĐ/TW, §8.1';
  const id = RULES.removalTwoYears.id;
  const upTo = Number(input.decisionDate.slice(0, 4));
  const rated = [...input.ratings].filter((r) => r.year <= upTo).sort((a, b) => b.year - a.year);
  const [last, before] = rated;
  const counts = (r: YearRating | undefined) => !!r && (r.rating === 'violation' || (r.rating === 'khtnv' && settings.twoKhtnvYears !== 'does_not_count'));
  if (!last || !before || last.year !== before.year + 1 || !counts(last) || !counts(before)) {
    return f.error(ruleMessage(
      id,
      source,
      `xóa tên khi hai năm liền vi phạm tư cách đảng viên; hai năm gần nhất được xếp loại (${rated.slice(0, 2).map((r) => `${r.year}: ${r.rating}`).join(', ') || 'chưa có'}) không đủ${settings.twoKhtnvYears === 'does_not_count' ? ' (theo thiết lập, KHTNV không được coi là vi phạm tư cách)' : ''}`,
      `removal needs two consecutive years of violating the standards; the latest ratings do not show it`,
      { field: 'ratings' },
    )).result();
  }
  if ((last.rating === 'khtnv' || before.rating === 'khtnv') && settings.twoKhtnvYears === 'review') {
    f.warn(ruleMessage(
      id,
      source,
      `năm ${before.year} và ${last.year} xếp loại “không hoàn thành nhiệm vụ”; văn bản quy định “vi phạm tư cách đảng viên”, chưa xác định hai năm KHTNV có tương đương hay không: cấp ủy cần xem xét cụ thể, không tự động đề nghị xóa tên`,
      `${before.year} and ${last.year} were rated KHTNV; whether that equals "violating the standards" is unconfirmed: the committee should review rather than propose removal automatically`,
      { field: 'ratings' },
    ));
  }
  return f.result();
}

/** Leaving on request only for members without violations; a violator is disciplined first. */
export function checkLeaveOnRequest(input: { hasViolation: boolean }): CheckResult {
  if (!input.hasViolation) return OK;
  const r = RULES.leaveNoViolation;
  return new Findings().error(ruleMessage(
    r.id,
    r.source,
    'chỉ xem xét cho ra khỏi Đảng đối với đảng viên chưa vi phạm về tư cách; đảng viên có vi phạm phải được xem xét, xử lý kỷ luật trước',
    'leaving on request is only for members without violations; a violation is dealt with by discipline first',
    { field: 'hasViolation' },
  )).result();
}

/** Details each removal reason needs, for checkRemoval. */
export type RemovalInput =
  | ({ reason: 'abandoned_activities' | 'unpaid_dues' } & Omit<AbsenceInput, 'reason'>)
  | { reason: 'no_improvement_after_education'; educationDate: string; decisionDate: string }
  | { reason: 'two_years_violation'; ratings: YearRating[]; decisionDate: string }
  | ({ reason: 'transfer_letter_not_presented'; decisionDate: string; goodReason?: boolean } & TransferFileDates)
  | ({ reason: 'not_recognized_after_probation'; votes?: CellVote } & Omit<RecognitionInput, 'outcome'>)
  | { reason: 'card_surrendered' | 'political_standard' };

/** The check of a removal's ground, by reason (the status is checked by the state machine). */
export function checkRemoval(input: RemovalInput, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  switch (input.reason) {
    case 'abandoned_activities':
    case 'unpaid_dues':
      return checkRemovalForAbsence(input, settings);
    case 'no_improvement_after_education':
      return checkRemovalForNoImprovement(input, settings);
    case 'two_years_violation':
      return checkRemovalForTwoYearsViolation(input, settings);
    case 'transfer_letter_not_presented':
      return checkRemovalForTransferFile(input, settings);
    case 'not_recognized_after_probation':
      return checkRecognition({ ...input, outcome: 'not_recognized' }, settings);
    case 'card_surrendered':
    case 'political_standard':
      return OK;
  }
}
