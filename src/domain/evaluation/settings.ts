// The points the evaluation texts leave open (rules.md §6.2, §7, §10: **unconfirmed**), as named settings
// with the default each check uses. A committee or a test may override any of them with withEvaluationSettings.

export interface EvaluationSettings {
  /**
   * Rounding of the HTXSNV cap (rules.md §6.2 "Rounding", boundary 4). 'floor' reads "không vượt quá"
   * literally: 20 % of 4 = 0.8 allows 0. 'half_up' allows 1 from 2.5 HTTNV (0.5) up.
   */
  capRounding: 'floor' | 'half_up';
  /**
   * Base of the cap (rules.md §6.2 "Base of the cap"): 'good' = those rated HTTNV, as the texts say;
   * 'good_or_above' = HTTNV trở lên, as some local guidance reads it.
   */
  capBase: 'good' | 'good_or_above';
  /**
   * A cap for the 2014 set: no text read sets one (rules.md §6.2 "20 % cap, 2014–2017": not found),
   * so none by default (null). A committee may set a share such as 0.2.
   */
  cap2014: number | null;
  /**
   * Effect of a discipline in the year under the 2014 set (rules.md §7 "Limit … 2014–2017": unconfirmed):
   * 'warn' (default) raises it for the committee; 'failed' rates the member "Vi phạm tư cách…"; 'off'.
   */
  discipline2014: 'warn' | 'failed' | 'off';
  /** Where the 6 months of a newly admitted member start (rules.md §6.2 boundary 6): the ceremony or the decision. */
  newMemberFrom: 'ceremony' | 'decision';
  /** Up to which date the 6 months are counted: the campaign's review date (default) or the end of the period. */
  newMemberUntil: 'review_date' | 'period_end';
}

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = Object.freeze({
  capRounding: 'floor',
  capBase: 'good',
  cap2014: null,
  discipline2014: 'warn',
  newMemberFrom: 'ceremony',
  newMemberUntil: 'review_date',
}) as EvaluationSettings;

export function withEvaluationSettings(override: Partial<EvaluationSettings> = {}, base: EvaluationSettings = DEFAULT_EVALUATION_SETTINGS): EvaluationSettings {
  return { ...base, ...override };
}
