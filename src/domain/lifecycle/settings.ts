// The points the texts leave open (rules.md §10 and the **unconfirmed** marks), as named settings with the
// default each check uses. A committee or a test may override any of them; see withSettings().
import { DEFAULT_CALENDAR, type WorkingDayCalendar } from './calendar.ts';
import type { Deadline } from './types.ts';

export interface LifecycleSettings {
  /** Working days: weekend, holidays, whether the start day counts (rules.md Conventions). */
  calendar: WorkingDayCalendar;
  /**
   * Age "tính theo tháng" (rules.md §1 boundary 1): 'day' = full months to the day (18 on the 18th
   * birthday, not the day before); 'month' = calendar months only, so any day of the birthday month counts.
   */
  ageCounting: 'day' | 'month';
  /**
   * Earliest cell resolution on recognition (rules.md §2 boundary 2): 'same_day' = on the day 12 months
   * after the ceremony (12/05/2017 → 12/05/2018); 'day_after' = the Hanoi reading "từ sau ngày" (13/05/2018).
   * The official date is the end of the 12 months either way.
   */
  probationEndConvention: 'same_day' | 'day_after';
  /** "Ba tháng trong năm" (rules.md §5): the calendar year, or any 12 consecutive months. */
  absenceWindow: 'calendar_year' | 'rolling_12_months';
  /**
   * Whether months absent from cell meetings and months of unpaid dues are added together towards the 3.
   * The texts name them as two grounds ("bỏ sinh hoạt … hoặc không đóng đảng phí"), so the default counts
   * each on its own. Not in rules.md: a reading of this module.
   */
  absenceAndDuesCombined: boolean;
  /**
   * Whether two KHTNV ratings in a row are "hai năm liền vi phạm tư cách đảng viên" (rules.md §5
   * boundary 4): 'review' = allowed with a warning for the committee (default), 'counts', 'does_not_count'.
   */
  twoKhtnvYears: 'review' | 'counts' | 'does_not_count';
  /**
   * Start of the "quá 3 tháng" before removal of a member who does not submit the transfer file (rules.md
   * §3 boundary 2): the earlier of the slip reaching the receiving committee and the member receiving the
   * file (default), or only one of them.
   */
  transferRemovalClock: 'earlier' | 'slip' | 'dossier';
  /** Longest temporary transfer for full-time study, months inclusive (rules.md §3 boundary 4: 24). */
  temporaryStudyMaxMonths: number;
  /**
   * The 60-month validity of the awareness-course certificate before HD 06-HD/TW (rules.md §1, §10):
   * 'apply' as an error, 'warn' (default), or 'off'.
   */
  certificateRuleBeforeHd06: 'apply' | 'warn' | 'off';
  /**
   * Treat HD 06-HD/TW as in force from its signing (9/6/2025) during QĐ 232 (rules.md §0 note, default
   * true); false: from 1/7/2025 with QĐ 294.
   */
  hd06FromSigning: boolean;
  /** Deadlines the texts read do not give (rules.md §1 "Decision deadline", §10). */
  unconfirmedDeadlines: {
    /** Admission decision under QĐ 24-QĐ/TW: probably 60 wd + 30. */
    admissionDecisionQd24: Deadline;
    /** Admission decision under QĐ 232-QĐ/TW: 60 wd; extension unknown (default 30, as QĐ 29 and 24). */
    admissionDecisionQd232: Deadline;
    /** Recognition decision under QĐ 24-QĐ/TW: not read (default 30 wd + 30, as QĐ 29). */
    recognitionDecisionQd24: Deadline;
    /** Recognition decision under QĐ 232-QĐ/TW: not read (default 30 wd + 30, as QĐ 29). */
    recognitionDecisionQd232: Deadline;
  };
  /** When early warnings start (README §2 "early warnings"). */
  warnings: {
    /** Probation ends within this many calendar days. */
    probationEndWithinDays: number;
    /** Months absent, or behind with dues, this year that raise a warning (one more triggers review). */
    absenceMonths: number;
    /** The introduction letter's deadline is within this many working days. */
    letterDeadlineWithinWorkingDays: number;
  };
}

export const DEFAULT_SETTINGS: LifecycleSettings = Object.freeze({
  calendar: DEFAULT_CALENDAR,
  ageCounting: 'day',
  probationEndConvention: 'same_day',
  absenceWindow: 'calendar_year',
  absenceAndDuesCombined: false,
  twoKhtnvYears: 'review',
  transferRemovalClock: 'earlier',
  temporaryStudyMaxMonths: 24,
  certificateRuleBeforeHd06: 'warn',
  hd06FromSigning: true,
  unconfirmedDeadlines: Object.freeze({
    admissionDecisionQd24: { workingDays: 60, extensionWorkingDays: 30 },
    admissionDecisionQd232: { workingDays: 60, extensionWorkingDays: 30 },
    recognitionDecisionQd24: { workingDays: 30, extensionWorkingDays: 30 },
    recognitionDecisionQd232: { workingDays: 30, extensionWorkingDays: 30 },
  }),
  warnings: Object.freeze({ probationEndWithinDays: 30, absenceMonths: 2, letterDeadlineWithinWorkingDays: 5 }),
}) as LifecycleSettings;

/** Settings with some points overridden; nested groups are merged one level deep. */
export type SettingsOverride = Partial<Omit<LifecycleSettings, 'calendar' | 'unconfirmedDeadlines' | 'warnings'>> & {
  calendar?: Partial<WorkingDayCalendar>;
  unconfirmedDeadlines?: Partial<LifecycleSettings['unconfirmedDeadlines']>;
  warnings?: Partial<LifecycleSettings['warnings']>;
};

export function withSettings(override: SettingsOverride = {}, base: LifecycleSettings = DEFAULT_SETTINGS): LifecycleSettings {
  return {
    ...base,
    ...override,
    calendar: { ...base.calendar, ...override.calendar },
    unconfirmedDeadlines: { ...base.unconfirmedDeadlines, ...override.unconfirmedDeadlines },
    warnings: { ...base.warnings, ...override.warnings },
  };
}
