// Transfers (chuyển sinh hoạt đảng), rules.md §3: the introduction letter within 30 working days (late means
// reporting reasons, not removal), the official transfer started within 60 working days of the move, the
// length of a temporary transfer, and removal after more than 3 months without submitting the file.
import { addDays, addMonths, fullMonthsBetween } from '../../dates.ts';
import { addWorkingDays } from '../calendar.ts';
import { CASEWORK, ruleSetOn } from '../rule-sets.ts';
import { RULES } from '../rules.ts';
import { DEFAULT_SETTINGS, type LifecycleSettings } from '../settings.ts';
import { Findings, ruleMessage, type CheckResult } from '../types.ts';
import { optionalDate, requireDate, vn } from './common.ts';

/** Last day to present the introduction letter: 30 working days from its issue (04/12/2017 → 15/01/2018). */
export function transferLetterDeadline(issueDate: string, settings: LifecycleSettings = DEFAULT_SETTINGS): string {
  const v = ruleSetOn(issueDate, settings).values.transferLetter;
  return addWorkingDays(issueDate, v.value, settings.calendar);
}

/** Last day to start an official transfer: 60 working days from the move's decision or change of residence. */
export function officialTransferStartDeadline(triggerDate: string, settings: LifecycleSettings = DEFAULT_SETTINGS): string {
  const v = ruleSetOn(triggerDate, settings).values.officialTransferStart;
  return addWorkingDays(triggerDate, v.value, settings.calendar);
}

export function checkTransferIn(input: { letterIssueDate: string; presentedDate: string }, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.letterIssueDate, 'letterIssueDate', 'ngày giới thiệu', 'letter issue date')) return f.result();
  if (!requireDate(f, input.presentedDate, 'presentedDate', 'ngày xuất trình giấy giới thiệu', 'date presented')) return f.result();
  const on = ruleSetOn(input.letterIssueDate, settings);
  f.warnings.push(...on.notes);
  const v = on.values.transferLetter;
  if (input.presentedDate < input.letterIssueDate) {
    return f.error(ruleMessage(RULES.transferLetterDeadline.id, v.source, `ngày xuất trình không thể trước ngày giới thiệu (${vn(input.letterIssueDate)})`, `presented before the letter was issued (${input.letterIssueDate})`, { field: 'presentedDate', validFrom: input.letterIssueDate })).result();
  }
  const due = addWorkingDays(input.letterIssueDate, v.value, settings.calendar);
  if (input.presentedDate > due) {
    f.warn(ruleMessage(
      RULES.transferLetterDeadline.id,
      v.source,
      `đảng viên phải xuất trình giấy giới thiệu trong ${v.value} ngày làm việc kể từ ngày giới thiệu (${vn(input.letterIssueDate)}), tức đến ${vn(due)}; xuất trình ngày ${vn(input.presentedDate)} là quá hạn: đảng viên hoặc tổ chức đảng vi phạm phải báo cáo lý do cụ thể để cấp ủy có thẩm quyền xem xét, xử lý`,
      `the letter was due within ${v.value} working days of issue (${input.letterIssueDate}), by ${due}; presented on ${input.presentedDate}: the member or organization at fault must report the reasons`,
      { field: 'presentedDate' },
    ));
  }
  return f.result();
}

export function checkOfficialTransferStart(input: { triggerDate: string; letterIssueDate: string }, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.triggerDate, 'triggerDate', 'ngày quyết định có hiệu lực hoặc thay đổi nơi cư trú', 'move date')) return f.result();
  if (!requireDate(f, input.letterIssueDate, 'letterIssueDate', 'ngày giới thiệu', 'letter issue date')) return f.result();
  const on = ruleSetOn(input.triggerDate, settings);
  f.warnings.push(...on.notes);
  const v = on.values.officialTransferStart;
  const due = addWorkingDays(input.triggerDate, v.value, settings.calendar);
  if (input.letterIssueDate > due) {
    f.warn(ruleMessage(
      RULES.transferOfficialStart.id,
      v.source,
      `phải làm thủ tục chuyển sinh hoạt đảng chính thức trong ${v.value} ngày làm việc kể từ ngày quyết định có hiệu lực hoặc thay đổi nơi cư trú (${vn(input.triggerDate)}), tức đến ${vn(due)}; giới thiệu ngày ${vn(input.letterIssueDate)} là muộn`,
      `the official transfer was due within ${v.value} working days of the move (${input.triggerDate}), by ${due}; the letter of ${input.letterIssueDate} is late`,
      { field: 'letterIssueDate' },
    ));
  }
  return f.result();
}

export interface TemporaryTransferInput {
  startDate: string;
  /** Planned end (return to the home cell). */
  endDate: string;
  /** 'study': full-time study at a domestic institution (up to 24 months). */
  purpose?: 'work' | 'study';
}

/** A temporary transfer covers 3 to under 12 months; full-time study 3 to 24 months (setting). Longer: official. */
export function checkTemporaryTransfer(input: TemporaryTransferInput, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.startDate, 'startDate', 'ngày bắt đầu', 'start date')) return f.result();
  if (!requireDate(f, input.endDate, 'endDate', 'ngày kết thúc', 'end date')) return f.result();
  const on = ruleSetOn(input.startDate, settings);
  f.warnings.push(...on.notes);
  const v = on.values.temporaryTransfer;
  const months = fullMonthsBetween(input.startDate, input.endDate);
  const study = input.purpose === 'study';
  const id = RULES.transferTemporaryDuration.id;
  if (months < v.value.minMonths) {
    f.error(ruleMessage(id, v.source, `sinh hoạt tạm thời từ ${v.value.minMonths} tháng trở lên; ${months} tháng thì không chuyển sinh hoạt tạm thời`, `a temporary transfer is for ${v.value.minMonths} months or more; ${months} months is not one`, { field: 'endDate' }));
  } else if (study ? months > settings.temporaryStudyMaxMonths : months >= v.value.maxMonthsExclusive) {
    const limit = study ? `đi học tập trung trong nước đến ${settings.temporaryStudyMaxMonths} tháng` : `dưới ${v.value.maxMonthsExclusive} tháng`;
    f.error(ruleMessage(
      id,
      v.source,
      `sinh hoạt tạm thời chỉ ${limit}; ${months} tháng thì phải chuyển sinh hoạt đảng chính thức`,
      `a temporary transfer is ${study ? `up to ${settings.temporaryStudyMaxMonths} months for study` : `under ${v.value.maxMonthsExclusive} months`}; ${months} months needs an official transfer`,
      { field: 'endDate' },
    ));
  }
  return f.result();
}

export interface TransferFileDates {
  /** The receiving grassroots committee receives the notification slip (phiếu báo). */
  slipReceivedDate?: string | null;
  /** The member receives the transfer file (hồ sơ). */
  dossierReceivedDate?: string | null;
}

/** The date the "quá 3 tháng" clock starts, per the setting transferRemovalClock; null when unknown. */
export function transferRemovalClockStart(dates: TransferFileDates, settings: LifecycleSettings = DEFAULT_SETTINGS): string | null {
  const { slipReceivedDate: slip, dossierReceivedDate: dossier } = dates;
  if (settings.transferRemovalClock === 'slip') return slip ?? null;
  if (settings.transferRemovalClock === 'dossier') return dossier ?? null;
  if (slip && dossier) return slip < dossier ? slip : dossier;
  return slip ?? dossier ?? null;
}

/** First day removal may be decided: after more than 3 months (slip 05/12/2017 → 06/03/2018). */
export function transferRemovalEarliestDate(dates: TransferFileDates, settings: LifecycleSettings = DEFAULT_SETTINGS): string | null {
  const start = transferRemovalClockStart(dates, settings);
  return start === null ? null : addDays(addMonths(start, 3), 1);
}

/** The casework guidance giving the rule on a date, with the article where rules.md read it. */
export function transferFileSource(date: string): { source: string; confirmed: boolean } {
  const g = CASEWORK.find((x) => (x.inForceFrom ?? '') <= date && (x.inForceTo === null || date <= x.inForceTo));
  if (!g || g.name.startsWith('Hướng dẫn 12-HD/BTCTW (17/5/2012)')) return { source: 'Hướng dẫn 12-HD/BTCTW (17/5/2012), §II.4.c', confirmed: true };
  if (g.name.startsWith('Hướng dẫn 38')) return { source: 'Hướng dẫn 38-HD/BTCTW, §II.4.3.1.d', confirmed: true };
  return { source: g.name, confirmed: false }; // HD 09/2017 and HD 12/2022: presumably the same rule.
}

export function checkRemovalForTransferFile(
  input: TransferFileDates & { decisionDate: string; goodReason?: boolean },
  settings: LifecycleSettings = DEFAULT_SETTINGS,
): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.decisionDate, 'decisionDate', 'ngày quyết định xóa tên', 'decision date')) return f.result();
  optionalDate(f, input.slipReceivedDate, 'slipReceivedDate', 'ngày nhận phiếu báo', 'slip date');
  optionalDate(f, input.dossierReceivedDate, 'dossierReceivedDate', 'ngày đảng viên nhận hồ sơ', 'dossier date');
  if (f.errors.length) return f.result();
  const { source, confirmed } = transferFileSource(input.decisionDate);
  const id = RULES.removalTransferFile.id;
  const note = confirmed ? '' : ' (văn bản này chưa được đối chiếu; áp dụng như Hướng dẫn 12-HD/BTCTW 2012 và 38-HD/BTCTW)';
  const earliest = transferRemovalEarliestDate(input, settings);
  if (earliest === null) {
    return f.error(ruleMessage(id, source, 'cần ngày tổ chức đảng nơi đến nhận phiếu báo hoặc ngày đảng viên nhận hồ sơ để tính 3 tháng', 'needs the slip or dossier date to count the 3 months', { field: 'slipReceivedDate' })).result();
  }
  if (input.goodReason) {
    f.error(ruleMessage(id, source, 'có lý do chính đáng thì không xóa tên vì không nộp hồ sơ chuyển sinh hoạt đảng', 'with a good reason there is no removal for the transfer file', { field: 'goodReason' }));
  }
  if (input.decisionDate < earliest) {
    f.error(ruleMessage(
      id,
      source,
      `chỉ xóa tên khi quá 3 tháng không nộp hồ sơ chuyển sinh hoạt đảng (từ ${vn(transferRemovalClockStart(input, settings)!)}); có thể quyết định từ ngày ${vn(earliest)}${note}`,
      `removal only after more than 3 months without submitting the file; possible from ${earliest}`,
      { field: 'decisionDate', validFrom: earliest },
    ));
  } else if (!confirmed) {
    f.warn(ruleMessage(id, source, `quy định của văn bản này chưa được đối chiếu; đã áp dụng thời hạn quá 3 tháng${note}`, 'this text was not checked; the 3-month rule of HD 12/2012 and HD 38 is applied'));
  }
  return f.result();
}
