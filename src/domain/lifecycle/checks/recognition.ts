// Probation and recognition as official (công nhận đảng viên chính thức), rules.md §2: 12 months from the
// ceremony (Charter Art. 5); the cell considers within 30 working days after; the member is official from
// the end of the 12 months even when the cell or the committee is late (a warning, not a refusal).
import { addDays, addMonths } from '../../dates.ts';
import { addWorkingDays } from '../calendar.ts';
import { ruleSetOn } from '../rule-sets.ts';
import { RULES } from '../rules.ts';
import { DEFAULT_SETTINGS, type LifecycleSettings } from '../settings.ts';
import { Findings, ruleMessage, type CheckResult } from '../types.ts';
import type { DeadlineOnDate } from './admission.ts';
import { optionalDate, requireDate, vn } from './common.ts';
import { checkCellVote, type CellVote } from './votes.ts';

export const PROBATION_MONTHS = 12;

/**
 * The end of probation: the same day and month a year after the ceremony (rules.md §2 "Exact calendar day";
 * 29/02 gives 28/02). It is the official date (ngày chính thức) whatever the day the decision comes.
 */
export function probationEndDate(admissionCeremonyDate: string): string {
  return addMonths(admissionCeremonyDate, PROBATION_MONTHS);
}

/** The official date of a recognized member: the end of probation (QĐ 29 §4.2.b; QĐ 294 §4.2.2). */
export const officialDateFor = probationEndDate;

/** First day the cell may consider recognition: the end of probation, or the day after (setting). */
export function earliestRecognitionDate(admissionCeremonyDate: string, settings: LifecycleSettings = DEFAULT_SETTINGS): string {
  const end = probationEndDate(admissionCeremonyDate);
  return settings.probationEndConvention === 'day_after' ? addDays(end, 1) : end;
}

/** Last day for the cell to consider recognition: 30 working days from the end of probation. */
export function recognitionConsiderationDeadline(admissionCeremonyDate: string, settings: LifecycleSettings = DEFAULT_SETTINGS): { due: string; source: string } {
  const end = probationEndDate(admissionCeremonyDate);
  const v = ruleSetOn(end, settings).values.recognitionConsideration;
  return { due: addWorkingDays(end, v.value, settings.calendar), source: v.source };
}

/** Time limit of the committee's recognition decision, from the cell's resolution. */
export function recognitionDecisionDeadline(cellResolutionDate: string, settings: LifecycleSettings = DEFAULT_SETTINGS): DeadlineOnDate {
  const d = ruleSetOn(cellResolutionDate, settings).values.recognitionDecision;
  const { workingDays, extensionWorkingDays } = d.value;
  return {
    due: addWorkingDays(cellResolutionDate, workingDays, settings.calendar),
    extendedDue: extensionWorkingDays === null ? null : addWorkingDays(cellResolutionDate, workingDays + extensionWorkingDays, settings.calendar),
    workingDays,
    extensionWorkingDays,
    source: d.source,
    confirmed: d.confirmed,
  };
}

export interface RecognitionInput {
  admissionCeremonyDate: string;
  /** The cell's resolution proposing recognition (or removal from the probationary list). */
  cellResolutionDate?: string | null;
  /** The competent committee's decision. */
  decisionDate?: string | null;
  votes?: CellVote;
  /** 'not_recognized': the same timing and vote, for removal from the probationary list (Charter Art. 5.2). */
  outcome?: 'recognized' | 'not_recognized';
}

export function checkRecognition(input: RecognitionInput, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  if (!requireDate(f, input.admissionCeremonyDate, 'admissionCeremonyDate', 'ngày lễ kết nạp', 'ceremony date')) return f.result();
  const resolutionOk = optionalDate(f, input.cellResolutionDate, 'cellResolutionDate', 'ngày nghị quyết của chi bộ', 'cell resolution date');
  const decisionOk = optionalDate(f, input.decisionDate, 'decisionDate', 'ngày quyết định', 'decision date');
  if (!resolutionOk && !decisionOk && !f.errors.length) {
    requireDate(f, input.decisionDate, 'decisionDate', 'ngày quyết định', 'decision date');
  }
  const end = probationEndDate(input.admissionCeremonyDate);
  const earliest = earliestRecognitionDate(input.admissionCeremonyDate, settings);
  const on = ruleSetOn(input.cellResolutionDate && resolutionOk ? input.cellResolutionDate : decisionOk ? input.decisionDate! : end, settings);
  f.warnings.push(...on.notes);
  const verb = input.outcome === 'not_recognized' ? 'xét' : 'xét công nhận';
  const rule = RULES.probationLength;
  const tooEarly = (date: string, field: string, label: string, labelEn: string) =>
    f.error(ruleMessage(
      rule.id,
      rule.source,
      `thời gian dự bị là 12 tháng kể từ ngày lễ kết nạp (${vn(input.admissionCeremonyDate)}); có thể ${verb} từ ngày ${vn(earliest)}, ${label} ngày ${vn(date)} là quá sớm`,
      `probation is 12 months from the ceremony (${input.admissionCeremonyDate}); the cell may consider from ${earliest}; ${labelEn} on ${date} is too early`,
      { field, validFrom: earliest },
    ));

  if (resolutionOk) {
    const r = input.cellResolutionDate!;
    if (r < earliest) tooEarly(r, 'cellResolutionDate', 'nghị quyết', 'the resolution');
    else {
      const w = recognitionConsiderationDeadline(input.admissionCeremonyDate, settings);
      if (r > w.due) {
        f.warn(ruleMessage(
          RULES.recognitionWindow.id,
          w.source,
          `chi bộ phải xét trong 30 ngày làm việc kể từ ngày hết 12 tháng dự bị (${vn(end)}), tức đến ${vn(w.due)}; xét ngày ${vn(r)} là muộn, cần báo cáo lý do${input.outcome === 'not_recognized' ? '' : `; đảng viên vẫn được công nhận chính thức từ ngày ${vn(end)}`}`,
          `the cell must consider within 30 working days of the end of probation (${end}), by ${w.due}; ${r} is late${input.outcome === 'not_recognized' ? '' : `; the member is still official from ${end}`}`,
          { field: 'cellResolutionDate' },
        ));
      }
    }
  }
  if (decisionOk) {
    const d = input.decisionDate!;
    if (d < earliest) tooEarly(d, 'decisionDate', 'quyết định', 'the decision');
    else if (resolutionOk && d < input.cellResolutionDate!) {
      const o = RULES.recognitionOrder;
      f.error(ruleMessage(o.id, o.source, `cấp ủy quyết định sau nghị quyết của chi bộ (${vn(input.cellResolutionDate!)})`, `the decision must follow the cell's resolution (${input.cellResolutionDate})`, { field: 'decisionDate', validFrom: input.cellResolutionDate! }));
    } else if (resolutionOk) {
      const dl = recognitionDecisionDeadline(input.cellResolutionDate!, settings);
      if (d > dl.due) {
        const withExt = dl.extendedDue !== null && d <= dl.extendedDue;
        f.warn(ruleMessage(
          RULES.recognitionDecisionDeadline.id,
          dl.source,
          `cấp ủy phải quyết định trong ${dl.workingDays} ngày làm việc kể từ nghị quyết của chi bộ, tức đến ${vn(dl.due)}${withExt ? `; ngày ${vn(d)} chỉ đúng hạn nếu được gia hạn (đến ${vn(dl.extendedDue!)})` : `; quyết định ngày ${vn(d)} quá cả thời hạn gia hạn`}${dl.confirmed ? '' : ' (thời hạn của văn bản này chưa được đối chiếu)'}; ngày chính thức vẫn là ${vn(end)}`,
          `the decision is due within ${dl.workingDays} working days of the resolution, by ${dl.due}; ${d} is ${withExt ? 'on time only with the extension' : 'past the extension too'}; the official date stays ${end}`,
          { field: 'decisionDate' },
        ));
      }
    }
  }
  if (input.votes) f.add(checkCellVote(input.votes, RULES.recognitionCellVote));
  return f.result();
}
