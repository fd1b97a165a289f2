import { describe, expect, it } from 'vitest';
import { RULE_SETS, ruleSetOn } from './rule-sets.ts';
import { RULE_LIST } from './rules.ts';
import { withSettings } from './settings.ts';

describe('rule sets by date (rules.md §0)', () => {
  it('switches sets on the dates of rules.md §0', () => {
    expect(ruleSetOn('2016-07-24').set.id).toBe('pre2016');
    expect(ruleSetOn('2016-07-25').set.id).toBe('qd29');
    expect(ruleSetOn('2021-07-29').set.id).toBe('qd29');
    expect(ruleSetOn('2021-07-30').set.id).toBe('qd24');
    expect(ruleSetOn('2025-01-19').set.id).toBe('qd24');
    expect(ruleSetOn('2025-01-20').set.id).toBe('qd232');
    expect(ruleSetOn('2025-06-30').set.id).toBe('qd232');
    expect(ruleSetOn('2025-07-01').set.id).toBe('qd294');
  });
  it('leaves no gap and no overlap between sets', () => {
    for (let i = 1; i < RULE_SETS.length; i++) {
      const prev = RULE_SETS[i - 1]!;
      const cur = RULE_SETS[i]!;
      const d = new Date(`${prev.inForceTo}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      expect(cur.inForceFrom).toBe(d.toISOString().slice(0, 10));
    }
  });
  it('gives the admission decision deadline of each set', () => {
    expect(ruleSetOn('2017-06-01').values.admissionDecision.value).toEqual({ workingDays: 60, extensionWorkingDays: 30 });
    expect(ruleSetOn('2025-10-01').values.admissionDecision.value).toEqual({ workingDays: 45, extensionWorkingDays: 15 });
    expect(ruleSetOn('2025-10-01').values.recognitionDecision.value).toEqual({ workingDays: 30, extensionWorkingDays: 15 });
    expect(ruleSetOn('2025-10-01').values.admissionDecision.source).toBe('Quy định 294-QĐ/TW, §4.3.1');
  });
  it('takes the unconfirmed QĐ 24 and QĐ 232 deadlines from the settings', () => {
    const on = ruleSetOn('2024-10-01');
    expect(on.values.admissionDecision.confirmed).toBe(false);
    expect(on.values.admissionDecision.value).toEqual({ workingDays: 60, extensionWorkingDays: 30 });
    const s = withSettings({ unconfirmedDeadlines: { admissionDecisionQd232: { workingDays: 60, extensionWorkingDays: 15 } } });
    expect(ruleSetOn('2025-03-01', s).values.admissionDecision.value).toEqual({ workingDays: 60, extensionWorkingDays: 15 });
  });
  it('uses QĐ 29 values before 25/7/2016, with a note', () => {
    const on = ruleSetOn('2015-03-01');
    expect(on.values.admissionDecision.value.workingDays).toBe(60);
    expect(on.values.admissionDecision.confirmed).toBe(false);
    expect(on.notes.map((n) => n.ruleId)).toEqual(['rule_set.before_2016']);
    expect(ruleSetOn('2016-07-25').notes).toEqual([]);
  });
  it('names the guidance and the casework in force', () => {
    expect(ruleSetOn('2016-08-01').guidance).toBeNull();
    expect(ruleSetOn('2016-09-20').guidance?.name).toBe('Hướng dẫn 01-HD/TW (20/9/2016)');
    expect(ruleSetOn('2017-06-04').casework?.name).toBe('Hướng dẫn 12-HD/BTCTW (17/5/2012)');
    expect(ruleSetOn('2017-06-05').casework?.name).toBe('Hướng dẫn 09-HD/BTCTW (5/6/2017)');
    expect(ruleSetOn('2022-01-18').casework?.name).toBe('Hướng dẫn 12-HD/BTCTW (18/1/2022)');
    expect(ruleSetOn('2025-09-28').casework?.name).toBe('Hướng dẫn 12-HD/BTCTW (18/1/2022)');
    expect(ruleSetOn('2025-09-29').casework?.name).toBe('Hướng dẫn 38-HD/BTCTW (29/9/2025)');
    // HD 06 from its signing during QĐ 232 (rules.md §0 note, unconfirmed), or from 1/7/2025.
    expect(ruleSetOn('2025-06-09').guidance?.name).toBe('Hướng dẫn 06-HD/TW (9/6/2025)');
    expect(ruleSetOn('2025-06-09', withSettings({ hd06FromSigning: false })).guidance?.name).toBe('Hướng dẫn 01-HD/TW (28/9/2021)');
    expect(ruleSetOn('2025-07-01', withSettings({ hd06FromSigning: false })).guidance?.name).toBe('Hướng dẫn 06-HD/TW (9/6/2025)');
  });
  it('has a unique id, a source and ordered dates for every rule record', () => {
    const ids = RULE_LIST.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULE_LIST) {
      expect(r.source.length).toBeGreaterThan(0);
      if (r.inForceFrom && r.inForceTo) expect(r.inForceFrom <= r.inForceTo).toBe(true);
    }
  });
});
