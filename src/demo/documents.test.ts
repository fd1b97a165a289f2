import { describe, expect, it } from 'vitest';
import { DEMO_TASKS, unitFate } from './documents.ts';

describe('demo documents', () => {
  it('has the seed\'s 7 tasks and solutions, with the computed indicators where dangvu holds the data', () => {
    expect(DEMO_TASKS).toHaveLength(7);
    expect(DEMO_TASKS.map((t) => t.indicator.measurement).filter((m) => m !== 'reported').sort()).toEqual(['grassroots_rated_good', 'members_admitted', 'weak_consolidated']);
  });

  it('draws each unit\'s fate from the seed and its code only: mostly on time, a few late or missing', () => {
    expect(unitFate(2017, '28861')).toEqual(unitFate(2017, '28861'));
    const fates = Array.from({ length: 2000 }, (_, i) => unitFate(2017, String(28000 + i)));
    const share = (f: (x: ReturnType<typeof unitFate>) => boolean) => fates.filter(f).length / fates.length;
    expect(share((f) => f.adoptDay !== null && !f.lateAdoption)).toBeGreaterThan(0.8);
    expect(share((f) => f.lateAdoption)).toBeGreaterThan(0.04);
    expect(share((f) => f.adoptDay === null)).toBeGreaterThan(0.04);
    expect(share((f) => f.adoptDay === null)).toBeLessThan(0.12);
    // On time means within 25 days of the parent's issue, late 62 days or more after it.
    expect(Math.max(...fates.filter((f) => !f.lateAdoption && f.adoptDay !== null).map((f) => f.adoptDay!))).toBe(25);
    expect(Math.min(...fates.filter((f) => f.lateAdoption).map((f) => f.adoptDay!))).toBe(62);
    expect(share((f) => f.q1 === 'on_time')).toBeGreaterThan(0.7);
  });
});
