// Party age (tuổi đảng), rules.md §2: from the date the admission decision was signed (not the ceremony),
// less the time out of the Party, and only for members recognized as official. A readmitted member counts
// from the FIRST decision less the gaps, once recognized after readmission (QĐ 294 §4.5.2). The exact day
// convention is unconfirmed: here the start is moved later by each gap (whole months, then days), then full
// months are counted to the date.
import { addDays, addMonths, daysBetween, fullMonthsBetween } from '../../dates.ts';
import type { ReplayResult } from '../replay.ts';

export interface DateRange {
  from: string;
  /** Exclusive. */
  to: string;
}

export interface PartyAge {
  years: number;
  /** Months beyond the whole years. */
  months: number;
  totalMonths: number;
  /** The decision date moved later by the time out of the Party. */
  countedFrom: string;
  deductedDays: number;
}

export interface PartyAgeInput {
  /** The date the (first) admission decision was signed; the party card's date if no decision survives. */
  admissionDecisionDate: string;
  onDate: string;
  /** Recognized as official (after the latest admission). Otherwise there is no party age. */
  recognizedOfficial: boolean;
  /** Time out of the Party (removal, expulsion, leaving, lost contact), end exclusive. */
  gaps?: DateRange[];
}

/** Party age on a date, or null for a member never recognized as official. */
export function partyAge(input: PartyAgeInput): PartyAge | null {
  if (!input.recognizedOfficial || input.onDate < input.admissionDecisionDate) return null;
  let deductedDays = 0;
  let countedFrom = input.admissionDecisionDate;
  const gaps = [...(input.gaps ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1));
  for (const g of gaps) {
    const from = g.from > input.admissionDecisionDate ? g.from : input.admissionDecisionDate;
    const to = g.to < input.onDate ? g.to : input.onDate;
    if (to <= from) continue;
    // Move the start by the gap as whole months plus days, so a 2-year gap takes exactly 2 years off.
    const months = fullMonthsBetween(from, to);
    const days = daysBetween(addMonths(from, months), to);
    countedFrom = addDays(addMonths(countedFrom, months), days);
    deductedDays += daysBetween(from, to);
  }
  const totalMonths = Math.max(0, fullMonthsBetween(countedFrom, input.onDate));
  return { years: Math.floor(totalMonths / 12), months: totalMonths % 12, totalMonths, countedFrom, deductedDays };
}

/**
 * Party age from a replayed history: the first spell's decision date (the ceremony date when no decision
 * date was recorded), gaps between spells and after the last exit, recognition in the latest spell.
 */
export function partyAgeFromReplay(result: Pick<ReplayResult, 'spells'>, onDate: string): PartyAge | null {
  const spells = result.spells.filter((s) => (s.decisionDate ?? s.admissionDate) !== null && (s.decisionDate ?? s.admissionDate)! <= onDate);
  const first = spells[0];
  const latest = spells[spells.length - 1];
  if (!first || !latest) return null;
  const gaps: DateRange[] = [];
  for (let i = 1; i < spells.length; i++) {
    const exit = spells[i - 1]!.exitDate;
    if (exit) gaps.push({ from: exit, to: (spells[i]!.decisionDate ?? spells[i]!.admissionDate)! });
  }
  if (latest.exitDate && latest.exitDate < onDate) gaps.push({ from: latest.exitDate, to: onDate });
  return partyAge({
    admissionDecisionDate: (first.decisionDate ?? first.admissionDate)!,
    onDate,
    recognizedOfficial: latest.officialDate !== null && latest.officialDate <= onDate,
    gaps,
  });
}
