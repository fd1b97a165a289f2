import { describe, expect, it } from 'vitest';
import { capPercent, EVALUATION_RULE_SETS, levelLabel, periodOf, ruleSetForPeriod } from './rule-sets.ts';
import { EVALUATION_RULE_LIST } from './rules.ts';
import { withEvaluationSettings } from './settings.ts';

describe('evaluation rule sets by year (rules.md §6.1)', () => {
  it('picks the set in force at the end of the period', () => {
    expect(ruleSetForPeriod(2014).id).toBe('hd27_2014');
    expect(ruleSetForPeriod(2016).id).toBe('hd27_2014');
    expect(ruleSetForPeriod(2017).id).toBe('hd27_2014');
    expect(ruleSetForPeriod(2018).id).toBe('qd132_hd16');
    expect(ruleSetForPeriod(2019).id).toBe('qd132_hd21');
    expect(ruleSetForPeriod(2022).id).toBe('qd132_hd21');
    // QĐ 124 came into force on 4/10/2023, before the review of 2023.
    expect(ruleSetForPeriod(2023).id).toBe('qd124');
    expect(ruleSetForPeriod(2024).id).toBe('qd124');
    // QĐ 366 from 30/8/2025 applies to the year 2025.
    expect(ruleSetForPeriod(2025).id).toBe('qd366');
    expect(ruleSetForPeriod(2026).id).toBe('qd366');
  });
  it('refuses years before 2014 and quarters where the set has none', () => {
    expect(() => ruleSetForPeriod(2013)).toThrow(/2013/);
    expect(() => ruleSetForPeriod(2024, 2)).toThrow(/theo quý/);
    // Q2 2025 ends 30/6/2025 under QĐ 124: no quarterly review.
    expect(() => ruleSetForPeriod(2025, 2)).toThrow(/theo quý/);
    expect(ruleSetForPeriod(2025, 3).id).toBe('qd366');
    expect(() => ruleSetForPeriod(2026, 5)).toThrow(/Quý/);
  });
  it('gives the period of a year or a quarter', () => {
    expect(periodOf(2025)).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(periodOf(2024, 1)).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(periodOf(2025, 4)).toEqual({ start: '2025-10-01', end: '2025-12-31' });
  });
  it('leaves no gap between the sets\' dates in force', () => {
    for (let i = 1; i < EVALUATION_RULE_SETS.length; i++) {
      const d = new Date(`${EVALUATION_RULE_SETS[i - 1]!.inForceTo}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      expect(EVALUATION_RULE_SETS[i]!.inForceFrom).toBe(d.toISOString().slice(0, 10));
    }
  });
  it('names the 2014 levels the old way', () => {
    const s2016 = ruleSetForPeriod(2016);
    expect(levelLabel(s2016, 'organization', 'excellent').vi).toBe('Trong sạch, vững mạnh');
    expect(levelLabel(s2016, 'organization', 'failed').vi).toBe('Yếu kém');
    expect(levelLabel(s2016, 'member', 'failed').vi).toBe('Vi phạm tư cách hoặc không hoàn thành nhiệm vụ');
    expect(levelLabel(ruleSetForPeriod(2024), 'organization', 'failed').vi).toBe('Không hoàn thành nhiệm vụ');
  });
  it('has a 20 % cap from 2018, none in 2014 unless set, and 25 % only under QĐ 366', () => {
    expect(capPercent(ruleSetForPeriod(2016))).toBeNull();
    expect(capPercent(ruleSetForPeriod(2016), withEvaluationSettings({ cap2014: 0.2 }))).toBe(20);
    expect(capPercent(ruleSetForPeriod(2022))).toBe(20);
    expect(capPercent(ruleSetForPeriod(2025), undefined, true)).toBe(25);
    expect(() => capPercent(ruleSetForPeriod(2024), undefined, true)).toThrow(/25%|ngoại lệ/);
  });
  it('groups the cap per grassroots organization in 2019–2022 and per similar roles from 4/10/2023', () => {
    expect(ruleSetForPeriod(2022).cap?.group).toBe('grassroots');
    expect(ruleSetForPeriod(2024).cap?.group).toBe('similar_roles');
  });
  it('has a unique id and a source for every rule', () => {
    const ids = EVALUATION_RULE_LIST.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of EVALUATION_RULE_LIST) expect(r.source.length).toBeGreaterThan(5);
  });
});
