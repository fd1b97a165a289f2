import { describe, expect, it } from 'vitest';
import { Rng, Weighted, hash32, hashString, mulberry32, permute } from './random.ts';
import { addMonthsDay, birthdayDay, dayOf, fullYears, isoOf } from './calendar.ts';
import { addMonths, fullYearsBetween } from '../domain/dates.ts';

describe('mulberry32 and Rng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = mulberry32(2017);
    const b = mulberry32(2017);
    const c = mulberry32(2018);
    const sa = Array.from({ length: 100 }, () => a());
    const sb = Array.from({ length: 100 }, () => b());
    const sc = Array.from({ length: 100 }, () => c());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('is pinned to known values, so that a change of algorithm is noticed (it would change the demo)', () => {
    const r = mulberry32(1);
    expect([r(), r(), r()].map((x) => Math.floor(x * 1e9))).toEqual([627073940, 2735721, 527447039]);
    expect(hash32(1, 2, 3)).toBe(hash32(1, 2, 3));
    expect(hash32(1, 2, 3)).not.toBe(hash32(3, 2, 1));
    expect(hashString('Bến Tre')).toBe(hashString('Bến Tre'));
  });

  it('draws integers in the closed range and about uniformly', () => {
    const rng = new Rng(7);
    const counts = new Array(6).fill(0);
    let outside = 0;
    for (let i = 0; i < 60_000; i++) {
      const v = rng.int(1, 6);
      if (v < 1 || v > 6 || !Number.isInteger(v)) outside++;
      else counts[v - 1]++;
    }
    expect(outside).toBe(0);
    for (const c of counts) expect(c).toBeGreaterThan(9_000);
  });

  it('draws weighted values in proportion to their weights', () => {
    const table = new Weighted([['a', 1], ['b', 3], ['c', 0], ['d', 6]] as const);
    const rng = new Rng(11);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 100_000; i++) counts[rng.weighted(table)]!++;
    expect(counts.c).toBe(0);
    expect(counts.a! / 100_000).toBeCloseTo(0.1, 1);
    expect(counts.b! / 100_000).toBeCloseTo(0.3, 1);
    expect(counts.d! / 100_000).toBeCloseTo(0.6, 1);
    expect(() => new Weighted([])).toThrow();
  });
});

describe('permute', () => {
  it('is a bijection of [0, domain) for odd-sized domains too', () => {
    for (const domain of [1, 2, 10, 1000, 4097]) {
      const seen = new Set<number>();
      for (let i = 0; i < domain; i++) {
        const v = permute(i, domain, 42);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(domain);
        seen.add(v);
      }
      expect(seen.size).toBe(domain);
    }
  });

  it('depends on the key and refuses indexes outside the domain', () => {
    const a = Array.from({ length: 20 }, (_, i) => permute(i, 1_000_000, 1));
    const b = Array.from({ length: 20 }, (_, i) => permute(i, 1_000_000, 2));
    expect(a).not.toEqual(b);
    expect(() => permute(10, 10, 1)).toThrow(RangeError);
  });
});

describe('calendar days', () => {
  it('round-trips every day from 1900 to 2100 and agrees with the domain date functions', () => {
    const from = dayOf('1900-01-01');
    const to = dayOf('2100-12-31');
    const wrong: string[] = [];
    for (let d = from; d <= to; d++) if (dayOf(isoOf(d)) !== d) wrong.push(isoOf(d));
    expect(isoOf(0)).toBe('1970-01-01');
    expect(isoOf(from + 59)).toBe('1900-03-01'); // 1900 is not a leap year
    for (let d = dayOf('1999-12-01'); d <= dayOf('2004-03-31'); d += 1) {
      const iso = isoOf(d);
      for (const months of [-24, -12, 1, 12]) if (isoOf(addMonthsDay(d, months)) !== addMonths(iso, months)) wrong.push(`${iso} ${months}`);
      if (fullYears(dayOf('1980-02-29'), d) !== fullYearsBetween('1980-02-29', iso)) wrong.push(`age on ${iso}`);
    }
    expect(wrong).toEqual([]);
  });

  it('takes the 18th birthday of someone born on 29 February as 1 March in a common year', () => {
    expect(isoOf(birthdayDay(dayOf('2000-02-29'), 18))).toBe('2018-03-01');
    expect(isoOf(birthdayDay(dayOf('2000-02-29'), 20))).toBe('2020-02-29');
    expect(fullYearsBetween('2000-02-29', isoOf(birthdayDay(dayOf('2000-02-29'), 18)))).toBe(18);
    expect(isoOf(birthdayDay(dayOf('2026-11-25'), -20))).toBe('2006-11-25');
  });
});
