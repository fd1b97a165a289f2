// Helpers shared by the checks.
import { addDays, addMonths, formatVietnameseDate, fullMonthsBetween, isIsoDate } from '../../dates.ts';
import type { LifecycleSettings } from '../settings.ts';
import { ruleMessage, type Findings } from '../types.ts';

/** dd/mm/yyyy. */
export const vn = formatVietnameseDate;

/** Refuses a malformed date; true when the value is a date. */
export function requireDate(f: Findings, value: string | null | undefined, field: string, label: string, labelEn: string): value is string {
  if (value == null || value === '') {
    f.error(ruleMessage('input.required', 'dangvu', `thiếu ${label}`, `${labelEn} is required`, { field }));
    return false;
  }
  if (!isIsoDate(value)) {
    f.error(ruleMessage('input.invalid_date', 'dangvu', `${label} không phải ngày hợp lệ (${value})`, `${labelEn} is not a date (${value})`, { field }));
    return false;
  }
  return true;
}

/** Optional date: true when present and valid; a malformed one is refused. */
export function optionalDate(f: Findings, value: string | null | undefined, field: string, label: string, labelEn: string): value is string {
  if (value == null || value === '') return false;
  return requireDate(f, value, field, label, labelEn);
}

/**
 * Age in whole months on a date (tuổi tính theo tháng). 'day': full months to the day (215 the day before
 * the 18th birthday, 216 on it). 'month': calendar months, the day ignored.
 */
export function ageInMonths(birthDate: string, onDate: string, counting: LifecycleSettings['ageCounting']): number {
  if (counting === 'month') {
    const [by, bm] = birthDate.split('-').map(Number) as [number, number];
    const [y, m] = onDate.split('-').map(Number) as [number, number];
    return (y - by) * 12 + (m - bm);
  }
  return fullMonthsBetween(birthDate, onDate);
}

/** The first date on which ageInMonths reaches `months`. */
export function dateReachingMonths(birthDate: string, months: number, counting: LifecycleSettings['ageCounting']): string {
  if (counting === 'month') return `${addMonths(birthDate, months).slice(0, 7)}-01`;
  let d = addMonths(birthDate, months);
  while (fullMonthsBetween(birthDate, d) < months) d = addDays(d, 1); // 29/02 birthdays: 01/03
  return d;
}

/** At least two thirds in favour, in integers: 3 × yes ≥ 2 × total (6 of 9 passes, 6 of 10 fails). */
export function hasTwoThirds(inFavour: number, total: number): boolean {
  return total > 0 && 3 * inFavour >= 2 * total;
}

/** Smallest number of votes that reaches two thirds. */
export function twoThirdsOf(total: number): number {
  return Math.ceil((2 * total) / 3);
}
