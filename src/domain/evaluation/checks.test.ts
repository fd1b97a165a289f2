import { describe, expect, it } from 'vitest';
import { capAllowed, capExcess, collectiveDisciplineLimit, level366, memberDisciplineLimit, notEvaluatedReason, weak2014Reasons } from './checks.ts';
import { ruleSetForPeriod } from './rule-sets.ts';
import { DEFAULT_EVALUATION_SETTINGS as S, withEvaluationSettings } from './settings.ts';

const at = (reviewDate: string) => ({ reviewDate, periodEnd: `${reviewDate.slice(0, 4)}-12-31` });

describe('the HTXSNV cap and its rounding (rules.md §6.2 boundary 4)', () => {
  it('floors by default: 10 → 2, 5 → 1, 4 → 0, 1 → 0, 6 → 1', () => {
    expect([10, 5, 4, 1, 6, 0].map((n) => capAllowed(n, 20, 'floor'))).toEqual([2, 1, 0, 0, 1, 0]);
  });
  it('25 % (QĐ 366 Điều 11.1.5): 10 → 2 (2.5 floored), 4 → 1', () => {
    expect(capAllowed(10, 25, 'floor')).toBe(2);
    expect(capAllowed(4, 25, 'floor')).toBe(1);
  });
  it('rounds half up behind the setting: 4 → 1 (0.8), 3 → 1 (0.6), 2 → 0 (0.4), 10 at 25 % → 3', () => {
    expect([4, 3, 2, 1].map((n) => capAllowed(n, 20, 'half_up'))).toEqual([1, 1, 0, 0]);
    expect(capAllowed(10, 25, 'half_up')).toBe(3);
  });
  it('counts how many HTXSNV must go down, each joining the HTTNV base', () => {
    // One member rated excellent alone: 0 allowed, lowering it leaves 0 excellent.
    expect(capExcess(1, 0, 20, S).mustLower).toBe(1);
    // 2 excellent on 4 good: lowering one gives 1 on 5, which 20 % allows.
    expect(capExcess(2, 4, 20, S)).toEqual({ allowed: 1, mustLower: 1 });
    // 1 excellent on 5 good stands.
    expect(capExcess(1, 5, 20, S).mustLower).toBe(0);
    // 1 excellent on 4 good must go (0.8 floored) …
    expect(capExcess(1, 4, 20, S).mustLower).toBe(1);
    // … unless rounding half up.
    expect(capExcess(1, 4, 20, withEvaluationSettings({ capRounding: 'half_up' })).mustLower).toBe(0);
    // 3 excellent on 10 good: 2 allowed at 20 %, lower 1 (then 2 on 11 → 2).
    expect(capExcess(3, 10, 20, S).mustLower).toBe(1);
    // 5 of 6 rated excellent with 1 good: 5 → 1 on … lowering 4 gives 1 on 5.
    expect(capExcess(5, 1, 20, S).mustLower).toBe(4);
  });
  it('with the base "HTTNV trở lên" the count of the base does not change as ratings go down', () => {
    const s = withEvaluationSettings({ capBase: 'good_or_above' });
    // 2 excellent + 4 good = 6 → 1 allowed.
    expect(capExcess(2, 4, 20, s)).toEqual({ allowed: 1, mustLower: 1 });
    expect(capExcess(1, 4, 20, s).mustLower).toBe(0);
  });
});

describe('who is evaluated (rules.md §6.2, boundaries 6 and 7)', () => {
  const m = (x: Partial<{ status: string; suspended: boolean; admissionDate: string; admissionDecisionDate: string }>) => ({ status: 'official', ...x });
  it('never evaluates exempt members', () => {
    expect(notEvaluatedReason(ruleSetForPeriod(2016), m({ status: 'exempt' }), at('2016-12-15'), S)?.ruleId).toBe('evaluation.not_evaluated.exempt');
    expect(notEvaluatedReason(ruleSetForPeriod(2025), m({ status: 'exempt' }), at('2025-12-15'), S)).not.toBeNull();
  });
  it('evaluates suspended members in 2018, not in 2019', () => {
    expect(notEvaluatedReason(ruleSetForPeriod(2018), m({ suspended: true }), at('2018-12-15'), S)).toBeNull();
    expect(notEvaluatedReason(ruleSetForPeriod(2019), m({ suspended: true }), at('2019-12-15'), S)?.ruleId).toBe('evaluation.not_evaluated.suspended');
  });
  it('excludes members admitted under 6 months from 4/10/2023: 20/07/2025 out, 10/06/2025 in (review 15/12/2025)', () => {
    const set = ruleSetForPeriod(2025);
    expect(notEvaluatedReason(set, m({ status: 'probationary', admissionDate: '2025-07-20' }), at('2025-12-15'), S)?.ruleId).toBe('evaluation.not_evaluated.new_member');
    expect(notEvaluatedReason(set, m({ status: 'probationary', admissionDate: '2025-06-10' }), at('2025-12-15'), S)).toBeNull();
    // Exactly 6 months on the review date is "đủ 6 tháng"; a day less is not.
    expect(notEvaluatedReason(set, m({ admissionDate: '2025-06-15' }), at('2025-12-15'), S)).toBeNull();
    expect(notEvaluatedReason(set, m({ admissionDate: '2025-06-16' }), at('2025-12-15'), S)).not.toBeNull();
  });
  it('evaluates the same new member in 2022 (no exclusion before QĐ 124)', () => {
    expect(notEvaluatedReason(ruleSetForPeriod(2022), m({ admissionDate: '2022-07-20' }), at('2022-12-15'), S)).toBeNull();
  });
  it('counts from the decision or to the period end behind settings', () => {
    const set = ruleSetForPeriod(2024);
    const x = m({ admissionDate: '2024-06-20', admissionDecisionDate: '2024-06-01' });
    expect(notEvaluatedReason(set, x, at('2024-12-15'), S)).not.toBeNull();
    expect(notEvaluatedReason(set, x, at('2024-12-15'), withEvaluationSettings({ newMemberFrom: 'decision' }))).toBeNull();
    expect(notEvaluatedReason(set, x, at('2024-12-15'), withEvaluationSettings({ newMemberUntil: 'period_end' }))).toBeNull();
  });
});

describe('a discipline in the year limits the member (rules.md §7, boundary 2)', () => {
  const reprimand = { date: '2021-03-15', form: 'reprimand' as const };
  it('2021 (HD 21): KHTNV', () => {
    const r = memberDisciplineLimit(ruleSetForPeriod(2021), [reprimand], S);
    expect(r.limit).toBe('failed');
    expect(r.finding?.source).toContain('21-HD/BTCTW');
    expect(r.finding?.message).toContain('15/03/2021');
  });
  it('2024 (QĐ 124): KHTNV unless self-detected and remedied', () => {
    const set = ruleSetForPeriod(2024);
    expect(memberDisciplineLimit(set, [{ date: '2024-03-15', form: 'reprimand' }], S).limit).toBe('failed');
    const self = memberDisciplineLimit(set, [{ date: '2024-03-15', form: 'reprimand', selfRemedied: true }], S);
    expect(self.limit).toBeNull();
    expect(self.warning).not.toBeNull();
  });
  it('HD 21 has no self-remedied exception', () => {
    expect(memberDisciplineLimit(ruleSetForPeriod(2021), [{ ...reprimand, selfRemedied: true }], S).limit).toBe('failed');
  });
  it('2016 (HD 27/2014): unconfirmed, a warning by default, a limit behind the setting', () => {
    const d = [{ date: '2016-05-01', form: 'warning' as const }];
    const def = memberDisciplineLimit(ruleSetForPeriod(2016), d, S);
    expect(def.limit).toBeNull();
    expect(def.warning?.ruleId).toBe('evaluation.discipline.member_2014');
    expect(memberDisciplineLimit(ruleSetForPeriod(2016), d, withEvaluationSettings({ discipline2014: 'failed' })).limit).toBe('failed');
    expect(memberDisciplineLimit(ruleSetForPeriod(2016), d, withEvaluationSettings({ discipline2014: 'off' })).warning).toBeNull();
  });
  it('no discipline, no limit', () => {
    expect(memberDisciplineLimit(ruleSetForPeriod(2024), [], S).limit).toBeNull();
  });
});

describe('collective limits from disciplines', () => {
  const o = { id: 1, name: 'Chi bộ', kind: 'cell', group: 'g', parentId: null };
  it('HD 21: a leadership member warned → KHTNV; reprimanded → no limit', () => {
    const set = ruleSetForPeriod(2021);
    expect(collectiveDisciplineLimit(set, { ...o, leadershipDisciplines: [{ date: '2021-04-01', form: 'warning' }] }).limit).toBe('failed');
    expect(collectiveDisciplineLimit(set, { ...o, leadershipDisciplines: [{ date: '2021-04-01', form: 'reprimand' }] }).limit).toBeNull();
  });
  it('QĐ 124: more than 20 % of subordinate units disciplined → KHTNV; 20 % exactly bars only HTXSNV', () => {
    const set = ruleSetForPeriod(2024);
    expect(collectiveDisciplineLimit(set, { ...o, subordinateUnits: 10, subordinateUnitsDisciplined: 3 }).limit).toBe('failed');
    expect(collectiveDisciplineLimit(set, { ...o, subordinateUnits: 10, subordinateUnitsDisciplined: 2 }).limit).toBe('good');
    expect(collectiveDisciplineLimit(set, { ...o, leadershipDisciplines: [{ date: '2024-04-01', form: 'reprimand', selfRemedied: true }] }).limit).toBe('good');
  });
  it('QĐ 366: a disciplined unit bars HTXSNV', () => {
    expect(collectiveDisciplineLimit(ruleSetForPeriod(2025), { ...o, subordinateUnits: 4, subordinateUnitsDisciplined: 1 }).limit).toBe('good');
  });
});

describe('QĐ 366 score bands and conditions (rules.md §6.2 boundaries 1–3)', () => {
  const tasks = (x: Partial<{ total: number; completed: number; late: number; exceeded: number }>) => ({ total: 10, completed: 10, late: 0, exceeded: 3, ...x });
  const lv = (score: number, t = tasks({})) => level366({ score, tasks: t, collective: false }).level;
  it('90.0 with all conditions is HTXSNV, 89.9 HTTNV, 90 with 29 % exceeded HTTNV', () => {
    expect(lv(90)).toBe('excellent');
    expect(lv(89.9)).toBe('good');
    expect(level366({ score: 90, tasks: { total: 100, completed: 100, late: 0, exceeded: 29 }, collective: false }).level).toBe('good');
  });
  it('70.0 on time is HTTNV; 69.9 with ≤ 20 % late HTNV; 50.0 with 2 of 10 late HTNV; 49.9 KHTNV', () => {
    expect(lv(70)).toBe('good');
    expect(lv(69.9)).toBe('completed');
    expect(lv(50, tasks({ late: 2 }))).toBe('completed');
    expect(lv(49.9)).toBe('failed');
  });
  it('60 points, all done, 3 of 10 late: no level (the gap is raised, not guessed)', () => {
    expect(lv(60, tasks({ late: 3 }))).toBeNull();
  });
  it('more than half of the tasks not done, or a discipline: KHTNV whatever the score', () => {
    expect(lv(95, tasks({ completed: 4 }))).toBe('failed');
    expect(level366({ score: 95, tasks: tasks({}), collective: false, disciplined: true }).level).toBe('failed');
  });
  it('shortcomings of the previous review not all remedied bar HTXSNV', () => {
    expect(level366({ score: 95, tasks: tasks({}), collective: false, remediedPrevious: false }).level).toBe('good');
  });
  it('without task figures the score bands alone decide', () => {
    expect(level366({ score: 75, collective: true }).level).toBe('good');
  });
});

describe('2014: an organization is Yếu kém (HD 27/2014)', () => {
  const o = { id: 1, name: 'Chi bộ ấp 1', kind: 'cell', group: 'g', parentId: 2 };
  const none = { membersRated: 0, membersFailing: 0, subUnits: 0, subUnitsWeak: 0 };
  it('below 50 points, not at 50', () => {
    expect(weak2014Reasons(o, 49.5, none)).toHaveLength(1);
    expect(weak2014Reasons(o, 50, none)).toHaveLength(0);
  });
  it('a cell with more than half of its members failing: 3 of 5 yes, 2 of 4 no', () => {
    expect(weak2014Reasons(o, 80, { ...none, membersRated: 5, membersFailing: 3 })[0]?.ruleId).toBe('evaluation.org_2014.cell_members');
    expect(weak2014Reasons(o, 80, { ...none, membersRated: 4, membersFailing: 2 })).toHaveLength(0);
  });
  it('a committee with more than a third of its sub-units Yếu kém: 2 of 5 yes, 1 of 3 no', () => {
    expect(weak2014Reasons(o, 80, { ...none, subUnits: 5, subUnitsWeak: 2 })[0]?.ruleId).toBe('evaluation.org_2014.sub_units');
    expect(weak2014Reasons(o, 80, { ...none, subUnits: 3, subUnitsWeak: 1 })).toHaveLength(0);
  });
  it('the listed faults, at any score', () => {
    expect(weak2014Reasons({ ...o, disunityConcluded: true }, 90, none)).toHaveLength(1);
    expect(weak2014Reasons({ ...o, faults2014: { massOrganizationsLowest: 2 } }, 90, none)).toHaveLength(1);
    expect(weak2014Reasons({ ...o, faults2014: { massOrganizationsLowest: 1 } }, 90, none)).toHaveLength(0);
  });
});
