// Working days (ngày làm việc). No party text read defines them (rules.md, Conventions), so the calendar is
// a setting: which weekdays are off, which dates are public holidays or make-up working days, and whether
// the day that starts a time limit is itself counted.
import { addDays, isIsoDate, weekdayOf } from '../dates.ts';

export interface WorkingDayCalendar {
  /** Days off each week, 0 = Sunday … 6 = Saturday. Default Saturday and Sunday. */
  weekendDays: readonly number[];
  /** Public holidays and days off in lieu (ngày nghỉ lễ, nghỉ bù), 'YYYY-MM-DD'. Default none. */
  holidays: readonly string[];
  /** Weekend dates worked to make up for a bridge holiday (ngày làm bù), 'YYYY-MM-DD'. Default none. */
  extraWorkingDays: readonly string[];
  /** Whether the day the time limit starts from counts as its first day. Default false. */
  countStartDay: boolean;
}

/** rules.md Conventions: Monday–Friday, start day not counted, no holidays (all three unconfirmed). */
export const DEFAULT_CALENDAR: WorkingDayCalendar = Object.freeze({
  weekendDays: Object.freeze([0, 6]),
  holidays: Object.freeze([]),
  extraWorkingDays: Object.freeze([]),
  countStartDay: false,
});

function assertDate(iso: string, name: string): void {
  if (!isIsoDate(iso)) throw new RangeError(`${name} is not a date YYYY-MM-DD: ${iso}`);
}

export function isWorkingDay(iso: string, calendar: WorkingDayCalendar = DEFAULT_CALENDAR): boolean {
  if (calendar.extraWorkingDays.includes(iso)) return true;
  if (calendar.holidays.includes(iso)) return false;
  return !calendar.weekendDays.includes(weekdayOf(iso));
}

/**
 * The last day of a time limit of `n` working days starting from `date` ("trong thời hạn n ngày làm việc
 * kể từ ngày …"). Start day not counted: 04/12/2017 (Mon) + 30 = 15/01/2018. Counted (and a working day):
 * the start is day 1. `n` = 0 gives `date`.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingDayCalendar = DEFAULT_CALENDAR): string {
  assertDate(date, 'date');
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  if (n === 0) return date;
  let count = calendar.countStartDay && isWorkingDay(date, calendar) ? 1 : 0;
  let day = date;
  while (count < n) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) count += 1;
  }
  return day;
}

/**
 * Working days from `a` to `b`: those in (a, b], or [a, b] when the start day counts. Negative when `b`
 * is before `a`. Inverse of addWorkingDays: workingDaysBetween(a, addWorkingDays(a, n)) = n for n ≥ 1.
 */
export function workingDaysBetween(a: string, b: string, calendar: WorkingDayCalendar = DEFAULT_CALENDAR): number {
  assertDate(a, 'a');
  assertDate(b, 'b');
  if (b < a) return -workingDaysBetween(b, a, calendar);
  let count = calendar.countStartDay && isWorkingDay(a, calendar) ? 1 : 0;
  for (let day = addDays(a, 1); day <= b; day = addDays(day, 1)) {
    if (isWorkingDay(day, calendar)) count += 1;
  }
  return count;
}
