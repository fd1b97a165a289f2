// Early warnings for a member on a day (README §2): probation ending within 30 days or past its end without
// recognition; 2 months absent or behind with dues this year (one more triggers review); an introduction
// letter near or past its deadline, and the date removal for the transfer file becomes possible.
import { daysBetween } from '../dates.ts';
import { workingDaysBetween } from './calendar.ts';
import { countAbsence, REMOVAL_ABSENCE_MONTHS, type AbsenceInput } from './checks/removal.ts';
import { probationEndDate, recognitionConsiderationDeadline, earliestRecognitionDate } from './checks/recognition.ts';
import { transferLetterDeadline, transferRemovalClockStart, transferRemovalEarliestDate, type TransferFileDates } from './checks/transfer.ts';
import { ruleSetOn } from './rule-sets.ts';
import { RULES } from './rules.ts';
import { DEFAULT_SETTINGS, type LifecycleSettings } from './settings.ts';
import type { MemberState } from './state-machine.ts';
import { ruleMessage, type RuleMessage } from './types.ts';
import { vn } from './checks/common.ts';

export interface MemberSnapshot {
  state: MemberState;
  /** Ceremony of the current admission (start of probation). */
  admissionCeremonyDate?: string | null;
  /** 'YYYY-MM' months absent from cell meetings without good reason. */
  monthsAbsentWithoutReason?: string[];
  /** 'YYYY-MM' months of dues unpaid without good reason. */
  monthsDuesUnpaidWithoutReason?: string[];
  /** The open official transfer, while 'transferring'. */
  transfer?: (TransferFileDates & { letterIssueDate: string; presentedDate?: string | null }) | null;
}

export function warningsFor(member: MemberSnapshot, today: string, settings: LifecycleSettings = DEFAULT_SETTINGS): RuleMessage[] {
  const out: RuleMessage[] = [];
  const { state } = member;

  // Probation.
  if (state.grade === 'probationary' && member.admissionCeremonyDate) {
    const end = probationEndDate(member.admissionCeremonyDate);
    const earliest = earliestRecognitionDate(member.admissionCeremonyDate, settings);
    const window = recognitionConsiderationDeadline(member.admissionCeremonyDate, settings);
    if (end >= today && daysBetween(today, end) <= settings.warnings.probationEndWithinDays) {
      const r = RULES.warnProbationEnding;
      out.push(ruleMessage(
        r.id,
        r.source,
        `thời kỳ dự bị kết thúc ngày ${vn(end)} (còn ${daysBetween(today, end)} ngày); chi bộ xét công nhận chính thức từ ngày ${vn(earliest)} đến ${vn(window.due)}`,
        `probation ends on ${end} (${daysBetween(today, end)} days); the cell considers recognition from ${earliest} to ${window.due}`,
        { validFrom: earliest },
      ));
    } else if (end < today) {
      const late = today > window.due;
      out.push(ruleMessage(
        RULES.warnRecognitionDue.id,
        window.source,
        late
          ? `đã hết 12 tháng dự bị ngày ${vn(end)}; quá hạn xét công nhận chính thức (${vn(window.due)}): chi bộ cần xét ngay và báo cáo lý do chậm`
          : `đã hết 12 tháng dự bị ngày ${vn(end)}; chi bộ phải xét công nhận chính thức chậm nhất ngày ${vn(window.due)}`,
        late
          ? `probation ended on ${end}; recognition is overdue (was due by ${window.due})`
          : `probation ended on ${end}; the cell must consider recognition by ${window.due}`,
        { validFrom: earliest },
      ));
    }
  }

  // Absence and dues this year (or the rolling 12 months, per settings).
  const countsAbsence = state.status === 'probationary' || state.status === 'official';
  const countsDues = countsAbsence || state.status === 'exempt' || state.status === 'transferring';
  const period = settings.absenceWindow === 'calendar_year' ? `năm ${today.slice(0, 4)}` : '12 tháng gần nhất';
  const base = { monthsAbsentWithoutReason: countsAbsence ? member.monthsAbsentWithoutReason ?? [] : [], monthsDuesUnpaidWithoutReason: countsDues ? member.monthsDuesUnpaidWithoutReason ?? [] : [], asOf: today };
  const grounds: Array<[AbsenceInput['reason'], string, string]> = settings.absenceAndDuesCombined
    ? [[undefined, 'bỏ sinh hoạt chi bộ hoặc không đóng đảng phí', 'absent or behind with dues']]
    : [['abandoned_activities', 'bỏ sinh hoạt chi bộ', 'absent from cell meetings'], ['unpaid_dues', 'không đóng đảng phí', 'behind with dues']];
  for (const [reason, vi, en] of grounds) {
    const c = countAbsence(reason ? { ...base, reason } : base, settings);
    const r = RULES.warnAbsence;
    if (c.count >= REMOVAL_ABSENCE_MONTHS) {
      out.push(ruleMessage(r.id, r.source, `${period} đã ${c.count} tháng ${vi} không có lý do chính đáng: đủ căn cứ để chi bộ xem xét xóa tên`, `${c.count} months ${en} without good reason: the cell may consider removal`));
    } else if (c.count >= settings.warnings.absenceMonths) {
      out.push(ruleMessage(r.id, r.source, `${period} đã ${c.count} tháng ${vi} không có lý do chính đáng; thêm ${REMOVAL_ABSENCE_MONTHS - c.count} tháng nữa là đủ căn cứ xem xét xóa tên`, `${c.count} months ${en} this year; ${REMOVAL_ABSENCE_MONTHS - c.count} more triggers a removal review`));
    }
  }

  // The introduction letter.
  const t = member.transfer;
  if (state.status === 'transferring' && t && !t.presentedDate) {
    const due = transferLetterDeadline(t.letterIssueDate, settings);
    const source = ruleSetOn(t.letterIssueDate, settings).values.transferLetter.source;
    const id = RULES.warnLetter.id;
    if (today > due) {
      out.push(ruleMessage(id, source, `giấy giới thiệu ngày ${vn(t.letterIssueDate)} đã quá hạn xuất trình (${vn(due)}): đảng viên hoặc tổ chức đảng vi phạm phải báo cáo lý do cụ thể`, `the letter of ${t.letterIssueDate} is past its deadline (${due}): the party at fault must report the reasons`));
    } else {
      const left = workingDaysBetween(today, due, { ...settings.calendar, countStartDay: false });
      if (left <= settings.warnings.letterDeadlineWithinWorkingDays) {
        out.push(ruleMessage(id, source, `giấy giới thiệu ngày ${vn(t.letterIssueDate)} phải được xuất trình chậm nhất ngày ${vn(due)} (còn ${left} ngày làm việc)`, `the letter of ${t.letterIssueDate} must be presented by ${due} (${left} working days left)`));
      }
    }
    const removalFrom = transferRemovalEarliestDate(t, settings);
    if (removalFrom && today >= removalFrom) {
      const r = RULES.removalTransferFile;
      out.push(ruleMessage(r.id, r.source, `quá 3 tháng chưa nộp hồ sơ chuyển sinh hoạt đảng (tính từ ${vn(transferRemovalClockStart(t, settings)!)}): nếu không có lý do chính đáng, có thể xem xét xóa tên với lý do “tự ý bỏ sinh hoạt đảng”`, `over 3 months without submitting the transfer file: removal may be considered`, { validFrom: removalFrom }));
    }
  }
  return out;
}
