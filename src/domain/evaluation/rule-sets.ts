// Evaluation rule sets by year (rules.md §6.1): the campaign's period picks the set in force on its last day,
// since the review happens at the end of the period (year 2023 → Quy định 124-QĐ/TW, in force 4/10/2023;
// year 2025 → Quy định 366-QĐ/TW, in force 30/8/2025).
import { AppError, ValidationError } from '../errors.ts';
import type { Label } from '../lifecycle/labels.ts';
import { LEVEL_LABELS, LEVEL_LABELS_2014_MEMBER, LEVEL_LABELS_2014_ORGANIZATION, LEVEL_CODES, LEVEL_CODES_2014_ORGANIZATION, type Level, type Subject } from './levels.ts';
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings } from './settings.ts';

export const EVALUATION_RULE_SET_IDS = ['hd27_2014', 'qd132_hd16', 'qd132_hd21', 'qd124', 'qd366'] as const;
export type EvaluationRuleSetId = (typeof EVALUATION_RULE_SET_IDS)[number];

export interface CapRule {
  /** Share of the base, in percent (20). */
  percent: number;
  /** The higher share some deciding units may use (QĐ 366 Điều 11.1.5: 25 %), or null. */
  exceptionPercent: number | null;
  /** What a group is: each grassroots organization (HD 21) or each group of similar roles (QĐ 124, 366). */
  group: 'grassroots' | 'similar_roles';
  source: string;
  confirmed: boolean;
}

export interface EvaluationRuleSet {
  id: EvaluationRuleSetId;
  name: string;
  /** The texts, newest guidance last. */
  sources: string[];
  inForceFrom: string;
  inForceTo: string | null;
  /** Years whose classification uses this set (the first and last, inclusive; null = open). */
  fromYear: number;
  toYear: number | null;
  /** Whether campaigns by quarter are allowed (QĐ 366: "theo quý, theo năm, nhiệm kỳ"). */
  quarterly: boolean;
  /** Who gets a 100-point score. */
  scored: Subject[];
  cap: CapRule | null;
  notEvaluated: { exempt: true; suspended: boolean; newMemberMonths: number | null; source: string };
  /** A discipline in the year: the member's highest level, and whether a self-detected, remedied violation is excepted. */
  discipline: { limit: Level | 'setting'; selfRemediedException: boolean; source: string };
  /** Collective limits from disciplines in the year (null: none confirmed for this set). */
  collectiveDiscipline: null | {
    /** A leadership member disciplined at this form or above makes the collective KHTNV. */
    leadershipFailsFrom: 'reprimand' | 'warning' | null;
    /** Share of subordinate units disciplined above which the collective is KHTNV. */
    subordinateShareFails: number | null;
    /** Any disciplined leadership member or subordinate unit bars HTXSNV. */
    barsExcellent: boolean;
    source: string;
  };
  /** The 2014 organization rules (Yếu kém). */
  weak2014: boolean;
}

const HD27 = 'Hướng dẫn 27-HD/BTCTW (25/9/2014)';
const QD132 = 'Quy định 132-QĐ/TW (8/3/2018)';
const HD16 = 'Hướng dẫn 16-HD/BTCTW (24/9/2018)';
const HD21 = 'Hướng dẫn 21-HD/BTCTW (18/10/2019)';
const QD124 = 'Quy định 124-QĐ/TW (4/10/2023)';
const QD366 = 'Quy định 366-QĐ/TW (30/8/2025)';
const HD43 = 'Hướng dẫn 43-HD/BTCTW (31/10/2025)';

export const EVALUATION_RULE_SETS: readonly EvaluationRuleSet[] = [
  {
    id: 'hd27_2014', name: HD27, sources: [HD27, 'Công văn 1825-CV/BTCTW (18/11/2016)'],
    inForceFrom: '2014-09-25', inForceTo: '2018-03-07', fromYear: 2014, toYear: 2017, quarterly: false,
    scored: ['organization'], cap: null,
    notEvaluated: { exempt: true, suspended: false, newMemberMonths: null, source: HD27 },
    discipline: { limit: 'setting', selfRemediedException: false, source: HD27 },
    collectiveDiscipline: null, weak2014: true,
  },
  {
    id: 'qd132_hd16', name: `${QD132}; ${HD16}`, sources: [QD132, HD16],
    inForceFrom: '2018-03-08', inForceTo: '2019-10-17', fromYear: 2018, toYear: 2018, quarterly: false,
    scored: [],
    cap: { percent: 20, exceptionPercent: null, group: 'grassroots', source: `${QD132}; ${HD16}`, confirmed: false },
    notEvaluated: { exempt: true, suspended: false, newMemberMonths: null, source: HD16 },
    discipline: { limit: 'failed', selfRemediedException: false, source: HD16 },
    collectiveDiscipline: null, weak2014: false,
  },
  {
    id: 'qd132_hd21', name: `${QD132}; ${HD21}`, sources: [QD132, HD21],
    inForceFrom: '2019-10-18', inForceTo: '2023-10-03', fromYear: 2019, toYear: 2022, quarterly: false,
    scored: [],
    cap: { percent: 20, exceptionPercent: null, group: 'grassroots', source: `${HD21}, §2.3`, confirmed: true },
    notEvaluated: { exempt: true, suspended: true, newMemberMonths: null, source: HD21 },
    discipline: { limit: 'failed', selfRemediedException: false, source: HD21 },
    collectiveDiscipline: { leadershipFailsFrom: 'warning', subordinateShareFails: null, barsExcellent: false, source: `${HD21}, §II.B` },
    weak2014: false,
  },
  {
    id: 'qd124', name: QD124, sources: [QD124, 'Hướng dẫn 25-HD/BTCTW (2023)'],
    inForceFrom: '2023-10-04', inForceTo: '2025-08-29', fromYear: 2023, toYear: 2024, quarterly: false,
    scored: [],
    cap: { percent: 20, exceptionPercent: null, group: 'similar_roles', source: `${QD124}, Điều 12`, confirmed: true },
    notEvaluated: { exempt: true, suspended: true, newMemberMonths: 6, source: QD124 },
    discipline: { limit: 'failed', selfRemediedException: true, source: `${QD124}, Điều 12` },
    collectiveDiscipline: { leadershipFailsFrom: 'reprimand', subordinateShareFails: 0.2, barsExcellent: true, source: `${QD124}, Điều 12` },
    weak2014: false,
  },
  {
    id: 'qd366', name: QD366, sources: [QD366, HD43],
    inForceFrom: '2025-08-30', inForceTo: null, fromYear: 2025, toYear: null, quarterly: true,
    scored: ['member', 'organization'],
    cap: { percent: 20, exceptionPercent: 25, group: 'similar_roles', source: `${QD366}, Điều 11.1.5`, confirmed: true },
    notEvaluated: { exempt: true, suspended: true, newMemberMonths: 6, source: `${QD366}, Điều 5.2.1` },
    discipline: { limit: 'failed', selfRemediedException: true, source: `${QD366}, Điều 11.4.2–11.4.3` },
    collectiveDiscipline: { leadershipFailsFrom: null, subordinateShareFails: null, barsExcellent: true, source: `${QD366}, Điều 11.1.1` },
    weak2014: false,
  },
];

function bad(field: string, code: string, message: string): ValidationError {
  return new ValidationError([{ field, code, message }], message);
}

export function evaluationRuleSet(id: string): EvaluationRuleSet {
  const set = EVALUATION_RULE_SETS.find((s) => s.id === id);
  if (!set) throw bad('ruleSetId', 'unknown', `Không có bộ quy định xếp loại "${id}"`);
  return set;
}

/** First and last day of a campaign's period. */
export function periodOf(year: number, quarter?: number | null): { start: string; end: string } {
  if (!quarter) return { start: `${year}-01-01`, end: `${year}-12-31` };
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { start: `${year}-${String(first).padStart(2, '0')}-01`, end: `${year}-${String(last).padStart(2, '0')}-${lastDay}` };
}

/**
 * The set for a campaign: the one in force on the last day of its period. A quarter is refused unless
 * that set allows quarterly reviews; years before 2014 have no set here.
 */
export function ruleSetForPeriod(year: number, quarter?: number | null): EvaluationRuleSet {
  if (!Number.isInteger(year) || year < 2014 || year > 2100) {
    throw bad('year', 'no_rule_set', `Chưa có bộ quy định xếp loại cho năm ${year} (từ năm 2014, Hướng dẫn 27-HD/BTCTW)`);
  }
  if (quarter != null && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) {
    throw bad('quarter', 'invalid', 'Quý phải từ 1 đến 4');
  }
  const { end } = periodOf(year, quarter);
  const set = EVALUATION_RULE_SETS.find((s) => s.inForceFrom <= end && (s.inForceTo === null || end <= s.inForceTo))
    // Year 2014's review falls after HD 27 came into force; earlier days of 2014 still use it.
    ?? EVALUATION_RULE_SETS[0]!;
  if (quarter != null && !set.quarterly) {
    throw bad('quarter', 'not_quarterly', `${set.name} không quy định đánh giá, xếp loại theo quý; chỉ theo năm`);
  }
  return set;
}

/** The level's name as the set writes it for members or organizations. */
export function levelLabel(set: Pick<EvaluationRuleSet, 'id'>, subject: Subject, level: Level): Label {
  if (set.id === 'hd27_2014') return (subject === 'member' ? LEVEL_LABELS_2014_MEMBER : LEVEL_LABELS_2014_ORGANIZATION)[level];
  return LEVEL_LABELS[level];
}

export function levelCode(set: Pick<EvaluationRuleSet, 'id'>, subject: Subject, level: Level): string {
  return set.id === 'hd27_2014' && subject === 'organization' ? LEVEL_CODES_2014_ORGANIZATION[level] : LEVEL_CODES[level];
}

/** The cap's share in percent for a deciding unit, or null when the set (or the 2014 setting) has none. */
export function capPercent(set: EvaluationRuleSet, settings: EvaluationSettings = DEFAULT_EVALUATION_SETTINGS, exception = false): number | null {
  if (set.id === 'hd27_2014') return settings.cap2014 === null ? null : Math.round(settings.cap2014 * 100);
  if (!set.cap) return null;
  if (exception) {
    if (set.cap.exceptionPercent === null) throw new AppError('VALIDATION', `${set.name} không có ngoại lệ nâng tỷ lệ "Hoàn thành xuất sắc nhiệm vụ"`, [{ field: 'capException', code: 'not_allowed', message: 'Chỉ Quy định 366-QĐ/TW (Điều 11.1.5) cho phép tối đa 25%' }]);
    return set.cap.exceptionPercent;
  }
  return set.cap.percent;
}
