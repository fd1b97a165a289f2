// The four levels of the yearly classification (xếp loại chất lượng) and their names in each rule set.
// The code uses one ordered scale; the 2014 set (Hướng dẫn 27-HD/BTCTW, 25/9/2014) names the levels
// differently, and for organizations its lowest level is "Yếu kém" rather than "Không hoàn thành nhiệm vụ".
import type { Label } from '../lifecycle/labels.ts';

export const LEVELS = ['excellent', 'good', 'completed', 'failed'] as const;
/** excellent = HTXSNV, good = HTTNV, completed = HTNV, failed = KHTNV (or Yếu kém / Vi phạm tư cách in 2014). */
export type Level = (typeof LEVELS)[number];

export type Subject = 'member' | 'organization';

const RANK: Record<Level, number> = { failed: 0, completed: 1, good: 2, excellent: 3 };

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export function levelRank(level: Level): number {
  return RANK[level];
}

/** True when `a` is above `b` on the scale. */
export function above(a: Level, b: Level): boolean {
  return RANK[a] > RANK[b];
}

/** The lower of two levels. */
export function minLevel(a: Level, b: Level): Level {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The level one step below (failed stays failed). */
export function levelBelow(level: Level): Level {
  return LEVELS[Math.min(LEVELS.indexOf(level) + 1, LEVELS.length - 1)]!;
}

/** Short codes used in documents and reports. */
export const LEVEL_CODES: Record<Level, string> = { excellent: 'HTXSNV', good: 'HTTNV', completed: 'HTNV', failed: 'KHTNV' };

/** Names from Quy định 132-QĐ/TW (2018) on: the same for members and organizations. */
export const LEVEL_LABELS: Record<Level, Label> = {
  excellent: { vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Excellent completion of tasks' },
  good: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good completion of tasks' },
  completed: { vi: 'Hoàn thành nhiệm vụ', en: 'Completion of tasks' },
  failed: { vi: 'Không hoàn thành nhiệm vụ', en: 'Failure to complete tasks' },
};

/** Hướng dẫn 27-HD/BTCTW (25/9/2014): members. */
export const LEVEL_LABELS_2014_MEMBER: Record<Level, Label> = {
  excellent: { vi: 'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ', en: 'Qualified, excellent completion of tasks' },
  good: { vi: 'Đủ tư cách, hoàn thành tốt nhiệm vụ', en: 'Qualified, good completion of tasks' },
  completed: { vi: 'Đủ tư cách, hoàn thành nhiệm vụ', en: 'Qualified, completion of tasks' },
  failed: { vi: 'Vi phạm tư cách hoặc không hoàn thành nhiệm vụ', en: 'Violated the standards or failed the tasks' },
};

/** Hướng dẫn 27-HD/BTCTW (25/9/2014): party organizations. */
export const LEVEL_LABELS_2014_ORGANIZATION: Record<Level, Label> = {
  excellent: { vi: 'Trong sạch, vững mạnh', en: 'Clean and strong' },
  good: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good completion of tasks' },
  completed: { vi: 'Hoàn thành nhiệm vụ', en: 'Completion of tasks' },
  failed: { vi: 'Yếu kém', en: 'Weak' },
};

export const LEVEL_CODES_2014_ORGANIZATION: Record<Level, string> = { excellent: 'TSVM', good: 'HTTNV', completed: 'HTNV', failed: 'YK' };
