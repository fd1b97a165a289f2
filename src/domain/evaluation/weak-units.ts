// Weak organizations (README §4): a grassroots organization or cell flagged for a year with one or more
// categories, each with a consolidation plan; candidates suggested from the data; counted by unit kind as
// the seed counts them ("5 tổ chức cơ sở đảng, 8 chi bộ trực thuộc đảng bộ cơ sở và 1 chi bộ trực thuộc").
import type { Label } from '../lifecycle/labels.ts';
import { levelRank, type Level } from './levels.ts';

export const WEAK_CATEGORIES = ['slow_change', 'declining', 'disunited', 'rated_failed'] as const;
export type WeakCategory = (typeof WEAK_CATEGORIES)[number];

export const WEAK_CATEGORY_LABELS: Record<WeakCategory, Label> = {
  slow_change: { vi: 'Chuyển biến chậm', en: 'Slow to change' },
  declining: { vi: 'Sa sút', en: 'Declining' },
  disunited: { vi: 'Mất đoàn kết nội bộ', en: 'Internally disunited' },
  rated_failed: { vi: 'Xếp loại không hoàn thành nhiệm vụ / yếu kém', en: 'Rated failing / weak' },
};

export const PLAN_RESULTS = ['in_progress', 'consolidated', 'carried_over'] as const;
export type PlanResult = (typeof PLAN_RESULTS)[number];
export const PLAN_RESULT_LABELS: Record<PlanResult, Label> = {
  in_progress: { vi: 'Đang củng cố', en: 'In progress' },
  consolidated: { vi: 'Đã củng cố xong', en: 'Consolidated' },
  carried_over: { vi: 'Chuyển sang năm sau', en: 'Carried over' },
};

/** The seed's three buckets. */
export const WEAK_KINDS = ['grassroots', 'cell_of_grassroots_committee', 'cell_other'] as const;
export type WeakKind = (typeof WEAK_KINDS)[number];
export const WEAK_KIND_LABELS: Record<WeakKind, Label> = {
  grassroots: { vi: 'Tổ chức cơ sở đảng', en: 'Grassroots organizations' },
  cell_of_grassroots_committee: { vi: 'Chi bộ trực thuộc đảng bộ cơ sở', en: 'Cells under grassroots committees' },
  cell_other: { vi: 'Chi bộ trực thuộc (đảng bộ bộ phận)', en: 'Other cells (under partial committees)' },
};

/**
 * The bucket of a unit, from its kind and its parent's kind on the year's date; null for units that
 * cannot be flagged (committees above the grassroots, partial committees).
 */
export function weakKindOf(kind: string, parentKind: string | null): WeakKind | null {
  if (kind === 'grassroots_committee' || kind === 'grassroots_cell') return 'grassroots';
  if (kind === 'cell') return parentKind === 'grassroots_committee' ? 'cell_of_grassroots_committee' : 'cell_other';
  return null;
}

export interface WeakCandidateInput {
  unitId: number;
  level: Level | null;
  previousLevel: Level | null;
  /** Members of the unit (its subtree) and how many were absent without good reason 3+ months in the year. */
  members: number;
  membersOftenAbsent: number;
}

export interface WeakSuggestion {
  unitId: number;
  reasons: Array<{ code: 'rated_failed' | 'fell_two_levels' | 'many_absent'; vi: string; en: string }>;
  /** The category the reasons point to. */
  category: WeakCategory;
}

/** Share of members often absent from which a unit is suggested (a reading of this module, not a text). */
export const MANY_ABSENT_SHARE = 0.2;

/** Candidates from the data: rated KHTNV / Yếu kém; fell two levels from the year before; many members absent. */
export function suggestWeak(x: WeakCandidateInput, manyAbsentShare = MANY_ABSENT_SHARE): WeakSuggestion | null {
  const reasons: WeakSuggestion['reasons'] = [];
  if (x.level === 'failed') reasons.push({ code: 'rated_failed', vi: 'xếp loại không hoàn thành nhiệm vụ (yếu kém)', en: 'rated failing (weak)' });
  if (x.level && x.previousLevel && levelRank(x.previousLevel) - levelRank(x.level) >= 2) {
    reasons.push({ code: 'fell_two_levels', vi: 'xếp loại giảm hai mức so với năm trước', en: 'fell two levels from the year before' });
  }
  if (x.members > 0 && x.membersOftenAbsent / x.members >= manyAbsentShare) {
    reasons.push({ code: 'many_absent', vi: `${x.membersOftenAbsent}/${x.members} đảng viên bỏ sinh hoạt từ 3 tháng trong năm`, en: `${x.membersOftenAbsent} of ${x.members} members absent 3+ months` });
  }
  if (!reasons.length) return null;
  const category: WeakCategory = reasons[0]!.code === 'rated_failed' ? 'rated_failed' : reasons.some((r) => r.code === 'fell_two_levels') ? 'declining' : 'slow_change';
  return { unitId: x.unitId, reasons, category };
}
