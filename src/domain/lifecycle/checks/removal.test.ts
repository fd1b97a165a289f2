import { describe, expect, it } from 'vitest';
import { withSettings } from '../settings.ts';
import type { CheckResult } from '../types.ts';
import { checkLeaveOnRequest, checkRemoval, checkRemovalForAbsence, checkRemovalForNoImprovement, checkRemovalForTwoYearsViolation } from './removal.ts';

const ids = (r: CheckResult) => (r.ok ? [] : r.errors.map((e) => e.ruleId));
const warns = (r: CheckResult) => r.warnings.map((w) => w.ruleId);

describe('removal for absence or dues: 3 months in a year, not necessarily consecutive (rules.md §5)', () => {
  it('Jan, Mar and Jun 2017 qualify; Jan and Mar do not (boundary 1)', () => {
    expect(checkRemovalForAbsence({ monthsAbsentWithoutReason: ['2017-01', '2017-03', '2017-06'], year: 2017 })).toEqual({ ok: true, warnings: [] });
    const two = checkRemovalForAbsence({ monthsAbsentWithoutReason: ['2017-01', '2017-03'], year: 2017 });
    expect(ids(two)).toEqual(['removal.absence']);
    if (!two.ok) {
      expect(two.errors[0]!.source).toBe('Điều lệ Đảng 2011, Điều 8, khoản 1; Quy định 29-QĐ/TW, §8.1');
      expect(two.errors[0]!.message).toContain('mới có 2 tháng bỏ sinh hoạt (01/2017, 03/2017)');
    }
  });
  it('Nov–Dec 2016 + Jan 2017: not in calendar years, yes in a rolling window (setting)', () => {
    const months = ['2016-11', '2016-12', '2017-01'];
    expect(checkRemovalForAbsence({ monthsAbsentWithoutReason: months, year: 2016 }).ok).toBe(false);
    expect(checkRemovalForAbsence({ monthsAbsentWithoutReason: months, year: 2017 }).ok).toBe(false);
    const rolling = withSettings({ absenceWindow: 'rolling_12_months' });
    expect(checkRemovalForAbsence({ monthsAbsentWithoutReason: months, asOf: '2017-01-20' }, rolling).ok).toBe(true);
    expect(checkRemovalForAbsence({ monthsAbsentWithoutReason: months, asOf: '2017-11-20' }, rolling).ok).toBe(false);
  });
  it('dues unpaid Feb, Apr and May 2017 qualify (boundary 2); months counted once each', () => {
    expect(checkRemoval({ reason: 'unpaid_dues', monthsDuesUnpaidWithoutReason: ['2017-02', '2017-04', '2017-05'], year: 2017 }).ok).toBe(true);
    expect(checkRemoval({ reason: 'unpaid_dues', monthsDuesUnpaidWithoutReason: ['2017-02', '2017-02', '2017-04'], year: 2017 }).ok).toBe(false);
  });
  it('counts each ground on its own unless the setting combines them', () => {
    const input = { monthsAbsentWithoutReason: ['2017-01', '2017-02'], monthsDuesUnpaidWithoutReason: ['2017-05'], year: 2017 };
    expect(checkRemovalForAbsence(input).ok).toBe(false);
    expect(checkRemovalForAbsence(input, withSettings({ absenceAndDuesCombined: true })).ok).toBe(true);
  });
  it('does not count months after the review date', () => {
    expect(checkRemovalForAbsence({ monthsAbsentWithoutReason: ['2017-01', '2017-03', '2017-06'], asOf: '2017-05-15' }).ok).toBe(false);
  });
  it('refuses malformed months', () => {
    expect(ids(checkRemovalForAbsence({ monthsAbsentWithoutReason: ['2017-13'], year: 2017 }))).toEqual(['input.invalid_month']);
  });
});

describe('other removal grounds', () => {
  it('no progress: 12 months after the education (boundary 3)', () => {
    expect(checkRemovalForNoImprovement({ educationDate: '2017-03-10', decisionDate: '2018-03-10' }).ok).toBe(true);
    const r = checkRemovalForNoImprovement({ educationDate: '2017-03-10', decisionDate: '2018-03-09' });
    expect(ids(r)).toEqual(['removal.no_improvement']);
    if (!r.ok) expect(r.errors[0]!.validFrom).toBe('2018-03-10');
  });
  it('two years violating: "vi phạm tư cách" 2016–2017 qualifies; KHTNV 2022–2023 per setting (boundary 4)', () => {
    expect(checkRemovalForTwoYearsViolation({ ratings: [{ year: 2016, rating: 'violation' }, { year: 2017, rating: 'violation' }], decisionDate: '2018-02-01' })).toEqual({ ok: true, warnings: [] });
    const khtnv = { ratings: [{ year: 2022, rating: 'khtnv' as const }, { year: 2023, rating: 'khtnv' as const }], decisionDate: '2024-02-01' };
    const review = checkRemovalForTwoYearsViolation(khtnv);
    expect(review.ok).toBe(true);
    expect(warns(review)).toEqual(['removal.two_years_violation']);
    expect(checkRemovalForTwoYearsViolation(khtnv, withSettings({ twoKhtnvYears: 'counts' }))).toEqual({ ok: true, warnings: [] });
    expect(checkRemovalForTwoYearsViolation(khtnv, withSettings({ twoKhtnvYears: 'does_not_count' })).ok).toBe(false);
    expect(checkRemovalForTwoYearsViolation({ ratings: [{ year: 2021, rating: 'violation' }, { year: 2023, rating: 'violation' }], decisionDate: '2024-02-01' }).ok).toBe(false);
    expect(checkRemovalForTwoYearsViolation({ ratings: [{ year: 2022, rating: 'violation' }, { year: 2023, rating: 'other' }], decisionDate: '2024-02-01' }).ok).toBe(false);
  });
  it('cites the regulation in force: QĐ 294 §8.1 from 1/7/2025', () => {
    const r = checkRemovalForNoImprovement({ educationDate: '2025-03-10', decisionDate: '2025-08-01' });
    expect(!r.ok && r.errors[0]!.source).toBe('Quy định 294-QĐ/TW, §8.1');
  });
  it('card surrendered and political standard need no dates', () => {
    expect(checkRemoval({ reason: 'card_surrendered' }).ok).toBe(true);
  });
  it('leaving on request only without violations', () => {
    expect(checkLeaveOnRequest({ hasViolation: false }).ok).toBe(true);
    expect(ids(checkLeaveOnRequest({ hasViolation: true }))).toEqual(['leave.no_violation']);
  });
});
