// Rule sets by date (rules.md §0): the regulation implementing the Charter (Quy định thi hành Điều lệ),
// its detailed guidance (Hướng dẫn … -HD/TW) and the casework guidance (nghiệp vụ, … -HD/BTCTW), each with
// the values that differ between sets. A check takes the date of its action and uses ruleSetOn(date).
import { addDays, formatVietnameseDate } from '../dates.ts';
import { DEFAULT_SETTINGS, type LifecycleSettings } from './settings.ts';
import { ruleMessage, type Cited, type Deadline, type RuleMessage } from './types.ts';

export type RuleSetId = 'pre2016' | 'qd29' | 'qd24' | 'qd232' | 'qd294';

/** A text with the dates it is in force (inclusive; null = open). */
export interface DocumentRef {
  name: string;
  inForceFrom: string | null;
  inForceTo: string | null;
}

export interface RuleSetValues {
  /** 18 full years at the cell's consideration, counted in months. */
  admissionMinAge: Cited<number>;
  /** Up to 60 full years; over 60 by the province-level committee. */
  admissionMaxAge: Cited<number>;
  /** Committee's admission decision, from the cell's resolution (wd). */
  admissionDecision: Cited<Deadline>;
  /** Ceremony, from receipt of the admission decision (wd). */
  ceremony: Cited<number>;
  /** Cell considers recognition, from the end of the 12 months (wd). */
  recognitionConsideration: Cited<number>;
  /** Committee's recognition decision, from the cell's resolution (wd). */
  recognitionDecision: Cited<Deadline>;
  /** Member presents the introduction letter, from its issue (wd). */
  transferLetter: Cited<number>;
  /** Official transfer procedure starts, from the move's decision or change of residence (wd). */
  officialTransferStart: Cited<number>;
  /** Temporary transfer: 3 to under 12 months; full-time study up to 24 months. */
  temporaryTransfer: Cited<{ minMonths: number; maxMonthsExclusive: number; studyMaxMonths: number }>;
}

export interface RuleSet {
  id: RuleSetId;
  /** The regulation implementing the Charter (Quy định thi hành Điều lệ Đảng). */
  regulation: string;
  inForceFrom: string | null;
  inForceTo: string | null;
  values: RuleSetValues;
}

const c = <T>(value: T, source: string, confirmed = true, note?: string): Cited<T> =>
  note === undefined ? { value, source, confirmed } : { value, source, confirmed, note };

const QD29 = 'Quy định 29-QĐ/TW';
const QD24 = 'Quy định 24-QĐ/TW';
const QD232 = 'Quy định 232-QĐ/TW';
const QD294 = 'Quy định 294-QĐ/TW';
const TEMPORARY = { minMonths: 3, maxMonthsExclusive: 12, studyMaxMonths: 24 };

const QD29_VALUES: RuleSetValues = {
  admissionMinAge: c(18, `${QD29}, §1.1.a`),
  admissionMaxAge: c(60, `${QD29}, §1.1.b`),
  admissionDecision: c({ workingDays: 60, extensionWorkingDays: 30 }, `${QD29}, §4.3.1`),
  ceremony: c(30, `${QD29}, §4.1`),
  recognitionConsideration: c(30, `${QD29}, §4.2.a`),
  recognitionDecision: c({ workingDays: 30, extensionWorkingDays: 30 }, `${QD29}, §4.3.1`),
  transferLetter: c(30, `${QD29}, §6.3.1.c`),
  officialTransferStart: c(60, `${QD29}, §6.3.1.a`),
  temporaryTransfer: c(TEMPORARY, `${QD29}, §6.3.2.a`),
};

/** The sets of rules.md §0, oldest first. The first covers the time before QĐ 29 with QĐ 29's values. */
export const RULE_SETS: readonly RuleSet[] = [
  {
    id: 'pre2016',
    regulation: 'Quy định 45-QĐ/TW (2011)',
    inForceFrom: null,
    inForceTo: '2016-07-24',
    // rules.md names QĐ 45/2011 (exemption) but gives none of its time limits: QĐ 29's values stand in.
    values: Object.fromEntries(
      Object.entries(QD29_VALUES).map(([k, v]) => [k, { ...v, confirmed: false, note: 'QĐ 29 values applied before 25/7/2016' }]),
    ) as unknown as RuleSetValues,
  },
  { id: 'qd29', regulation: `${QD29} (25/7/2016)`, inForceFrom: '2016-07-25', inForceTo: '2021-07-29', values: QD29_VALUES },
  {
    id: 'qd24',
    regulation: `${QD24} (30/7/2021)`,
    inForceFrom: '2021-07-30',
    inForceTo: '2025-01-19',
    values: {
      admissionMinAge: c(18, QD24),
      admissionMaxAge: c(60, QD24),
      // Filled from settings.unconfirmedDeadlines by ruleSetOn.
      admissionDecision: c({ workingDays: 60, extensionWorkingDays: 30 }, QD24, false, 'setting unconfirmedDeadlines.admissionDecisionQd24'),
      ceremony: c(30, `${QD24}, §4.1`),
      recognitionConsideration: c(30, `${QD24}, §4.2`),
      recognitionDecision: c({ workingDays: 30, extensionWorkingDays: 30 }, QD24, false, 'setting unconfirmedDeadlines.recognitionDecisionQd24'),
      transferLetter: c(30, `${QD24}, §6.3.1.c`),
      officialTransferStart: c(60, `${QD24}, §6.3.1.a`),
      temporaryTransfer: c(TEMPORARY, QD24),
    },
  },
  {
    id: 'qd232',
    regulation: `${QD232} (20/1/2025)`,
    inForceFrom: '2025-01-20',
    inForceTo: '2025-06-30',
    values: {
      admissionMinAge: c(18, QD232),
      admissionMaxAge: c(60, QD232),
      admissionDecision: c({ workingDays: 60, extensionWorkingDays: 30 }, `${QD232}, §4.3.1`, false, 'extension: setting unconfirmedDeadlines.admissionDecisionQd232'),
      ceremony: c(30, `${QD232}, §4.1`),
      recognitionConsideration: c(30, QD232),
      recognitionDecision: c({ workingDays: 30, extensionWorkingDays: 30 }, QD232, false, 'setting unconfirmedDeadlines.recognitionDecisionQd232'),
      transferLetter: c(30, QD232),
      officialTransferStart: c(60, QD232),
      temporaryTransfer: c(TEMPORARY, QD232),
    },
  },
  {
    id: 'qd294',
    regulation: `${QD294} (26/5/2025)`,
    inForceFrom: '2025-07-01',
    inForceTo: null,
    values: {
      admissionMinAge: c(18, `${QD294}, §1.1.1`),
      admissionMaxAge: c(60, `${QD294}, §1.1.2`),
      admissionDecision: c({ workingDays: 45, extensionWorkingDays: 15 }, `${QD294}, §4.3.1`),
      ceremony: c(30, `${QD294}, §4.1`),
      recognitionConsideration: c(30, `${QD294}, §4.2.1`),
      recognitionDecision: c({ workingDays: 30, extensionWorkingDays: 15 }, `${QD294}, §4.3.1`),
      transferLetter: c(30, `${QD294}, §6.3.1.c`),
      officialTransferStart: c(60, `${QD294}, §6.3.1.a`),
      temporaryTransfer: c(TEMPORARY, `${QD294}, §6.3.2.a`),
    },
  },
];

/** Detailed guidance to the regulation (Hướng dẫn … -HD/TW). HD 06's start depends on a setting. */
export const GUIDANCE: readonly DocumentRef[] = [
  { name: 'Hướng dẫn 01-HD/TW (20/9/2016)', inForceFrom: '2016-09-20', inForceTo: '2021-09-27' },
  { name: 'Hướng dẫn 01-HD/TW (28/9/2021)', inForceFrom: '2021-09-28', inForceTo: '2025-06-08' },
  { name: 'Hướng dẫn 06-HD/TW (9/6/2025)', inForceFrom: '2025-06-09', inForceTo: null },
];

/** Casework guidance of the Central Organization Commission (nghiệp vụ công tác đảng viên). */
export const CASEWORK: readonly DocumentRef[] = [
  { name: 'Hướng dẫn 12-HD/BTCTW (17/5/2012)', inForceFrom: '2012-05-17', inForceTo: '2017-06-04' },
  { name: 'Hướng dẫn 09-HD/BTCTW (5/6/2017)', inForceFrom: '2017-06-05', inForceTo: '2022-01-17' },
  { name: 'Hướng dẫn 12-HD/BTCTW (18/1/2022)', inForceFrom: '2022-01-18', inForceTo: '2025-09-28' },
  { name: 'Hướng dẫn 38-HD/BTCTW (29/9/2025)', inForceFrom: '2025-09-29', inForceTo: null },
];

/** First day HD 06-HD/TW applies: on signing, or with QĐ 294 (setting hd06FromSigning). */
export function hd06InForceFrom(settings: LifecycleSettings = DEFAULT_SETTINGS): string {
  return settings.hd06FromSigning ? '2025-06-09' : '2025-07-01';
}

/** GUIDANCE with HD 06's start (and HD 01/2021's end) as the settings say. */
export function guidanceList(settings: LifecycleSettings = DEFAULT_SETTINGS): DocumentRef[] {
  const hd06From = hd06InForceFrom(settings);
  return GUIDANCE.map((g) => {
    if (g.name.startsWith('Hướng dẫn 06')) return { ...g, inForceFrom: hd06From };
    if (g.inForceTo === '2025-06-08') return { ...g, inForceTo: addDays(hd06From, -1) };
    return g;
  });
}

const inForce = (d: { inForceFrom: string | null; inForceTo: string | null }, date: string) =>
  (d.inForceFrom === null || d.inForceFrom <= date) && (d.inForceTo === null || date <= d.inForceTo);

export interface RuleSetOnDate {
  date: string;
  set: RuleSet;
  /** The set's values, with unconfirmed deadlines taken from the settings. */
  values: RuleSetValues;
  guidance: DocumentRef | null;
  casework: DocumentRef | null;
  /** Notes a check adds to its warnings when it uses these values (e.g. the pre-2016 stand-in). */
  notes: RuleMessage[];
}

/** The rules in force on `date` (ISO). */
export function ruleSetOn(date: string, settings: LifecycleSettings = DEFAULT_SETTINGS): RuleSetOnDate {
  const set = RULE_SETS.find((s) => inForce(s, date));
  if (!set) throw new RangeError(`no rule set for ${date}`);
  const values = { ...set.values };
  const u = settings.unconfirmedDeadlines;
  if (set.id === 'qd24') {
    values.admissionDecision = { ...values.admissionDecision, value: u.admissionDecisionQd24 };
    values.recognitionDecision = { ...values.recognitionDecision, value: u.recognitionDecisionQd24 };
  } else if (set.id === 'qd232') {
    values.admissionDecision = { ...values.admissionDecision, value: u.admissionDecisionQd232 };
    values.recognitionDecision = { ...values.recognitionDecision, value: u.recognitionDecisionQd232 };
  }
  const guidance = guidanceList(settings).find((g) => inForce(g, date)) ?? null;
  const casework = CASEWORK.find((g) => inForce(g, date)) ?? null;
  const notes: RuleMessage[] = [];
  if (set.id === 'pre2016') {
    notes.push(ruleMessage(
      'rule_set.before_2016',
      set.regulation,
      `ngày ${formatVietnameseDate(date)} trước Quy định 29-QĐ/TW (25/7/2016); các thời hạn của quy định cũ chưa được đối chiếu nên áp dụng giá trị của Quy định 29-QĐ/TW`,
      `${date} is before QĐ 29-QĐ/TW (25/7/2016); the older time limits were not checked, so QĐ 29's values are used`,
    ));
  }
  return { date, set, values, guidance, casework, notes };
}
