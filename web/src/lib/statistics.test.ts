import { describe, expect, it } from 'vitest';
import { AGE_BANDS_FORM } from '../../../src/domain/statistics/breakdowns.ts';
import { fmt, formBars, pct, recentQuarters, sixMonthsBack, topBars } from './statistics.ts';

describe('statistics page helpers', () => {
  it('write numbers the Vietnamese way', () => {
    expect(fmt(0)).toBe('0');
    expect(fmt(999)).toBe('999');
    expect(fmt(1234)).toBe('1.234');
    expect(fmt(1234567)).toBe('1.234.567');
    expect(pct(1, 8)).toBe('12,5%');
    expect(pct(2, 3)).toBe('66,7%');
    expect(pct(5, 5)).toBe('100,0%');
    expect(pct(3, 0)).toBe('—');
  });

  it('list the form rows in order with zeros, and put what no row holds under unknown', () => {
    const bars = formBars(AGE_BANDS_FORM, { '31-35': 4, over60: 2, unknown: 1 }, 'vi', 'Chưa rõ');
    expect(bars.map((b) => b.key)).toEqual([...AGE_BANDS_FORM.map((r) => r.key), 'unknown']);
    expect(bars.reduce((a, b) => a + b.n, 0)).toBe(7);
    expect(bars[0]).toEqual({ key: '18-30', label: 'Từ 18 - 30', n: 0 });
    expect(formBars(AGE_BANDS_FORM, { '18-30': 1 }, 'en', '?').some((b) => b.key === 'unknown')).toBe(false);
    // An extra row shows only when it has members.
    const rows = [{ key: 'so_cap', vi: 'Sơ cấp', en: 'Elementary' }];
    expect(formBars(rows, { so_cap: 1, none: 0 }, 'vi', '?', { none: 'Chưa học' }).map((b) => b.key)).toEqual(['so_cap']);
    expect(formBars(rows, { so_cap: 1, none: 2 }, 'vi', '?', { none: 'Chưa học' }).map((b) => b.key)).toEqual(['so_cap', 'none']);
  });

  it('keep the largest free-text rows, fold the rest into one, unknown last, nothing lost', () => {
    const counts = { Kinh: 90, Khmer: 5, Hoa: 5, Tày: 1, Chăm: 2, null: 3 };
    const bars = topBars(counts, 3, { others: 'Khác', unknown: 'Chưa rõ' });
    expect(bars.map((b) => [b.key, b.n])).toEqual([['Kinh', 90], ['Hoa', 5], ['Khmer', 5], ['__others', 3], ['unknown', 3]]);
    expect(bars.reduce((a, b) => a + b.n, 0)).toBe(106);
    // Exactly `top` rows: no "others" row.
    expect(topBars({ a: 1, b: 2 }, 2, { others: 'x', unknown: 'y' }).map((b) => b.key)).toEqual(['b', 'a']);
  });

  it('offer the quarters begun so far, the current one up to today, across the new year', () => {
    const qs = recentQuarters('2026-02-10', 3);
    expect(qs).toEqual([
      { from: '2026-01-01', to: '2026-02-10', q: 1, year: 2026 },
      { from: '2025-10-01', to: '2025-12-31', q: 4, year: 2025 },
      { from: '2025-07-01', to: '2025-09-30', q: 3, year: 2025 },
    ]);
    expect(recentQuarters('2026-06-30', 2)).toEqual([
      { from: '2026-04-01', to: '2026-06-30', q: 2, year: 2026 },
      { from: '2026-01-01', to: '2026-03-31', q: 1, year: 2026 },
    ]);
    expect(recentQuarters('2026-07-01', 1)[0]).toEqual({ from: '2026-07-01', to: '2026-07-01', q: 3, year: 2026 });
  });

  it('count six months back to the day after the same date, clamped at a shorter month', () => {
    expect(sixMonthsBack('2026-11-25')).toBe('2026-05-26');
    expect(sixMonthsBack('2026-08-31')).toBe('2026-03-01'); // 28/02 + 1
    expect(sixMonthsBack('2028-08-31')).toBe('2028-03-01'); // 29/02 + 1 (leap year)
    expect(sixMonthsBack('2026-03-15')).toBe('2025-09-16');
    expect(sixMonthsBack('2026-01-01')).toBe('2025-07-02');
  });
});
