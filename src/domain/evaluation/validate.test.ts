import { describe, expect, it } from 'vitest';
import type { MemberFacts, OrganizationFacts, RatingInput } from './facts.ts';
import type { Level } from './levels.ts';
import { periodOf, ruleSetForPeriod } from './rule-sets.ts';
import { withEvaluationSettings } from './settings.ts';
import { validateDecisionSet } from './validate.ts';

const member = (id: number, x: Partial<MemberFacts> = {}): MemberFacts => ({ id, name: `Đảng viên ${String(id).padStart(2, '0')}`, unitId: 100, group: 'ĐB xã A', status: 'official', disciplines: [], ...x });
const rate = (id: number, level: Level | null, x: Partial<RatingInput> = {}): RatingInput => ({ subject: 'member', id, level, ...x });

function run(year: number, members: MemberFacts[], ratings: RatingInput[], x: { organizations?: OrganizationFacts[]; capException?: boolean; requireAll?: boolean; settings?: ReturnType<typeof withEvaluationSettings> } = {}) {
  return validateDecisionSet({ set: ruleSetForPeriod(year), period: periodOf(year), reviewDate: `${year}-12-15`, members, organizations: x.organizations ?? [], ratings, capException: x.capException, requireAll: x.requireAll, settings: x.settings });
}

describe('validateDecisionSet: the cap lists exactly which ratings to change', () => {
  it('a group of 6 with 2 HTXSNV and 4 HTTNV: lower 1, the one with the fewest merits', () => {
    const ms = [1, 2, 3, 4, 5, 6].map((i) => member(i));
    const r = run(2024, ms, [rate(1, 'excellent', { proposed: 'excellent' }), rate(2, 'excellent', { proposed: 'good' }), rate(3, 'good'), rate(4, 'good'), rate(5, 'good'), rate(6, 'good')]);
    expect(r.ok).toBe(false);
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0]!;
    expect(v.ruleId).toBe('evaluation.cap');
    expect(v.source).toBe('Quy định 124-QĐ/TW (4/10/2023), Điều 12');
    expect(v.mustChange).toBe(1);
    // Member 2 was proposed HTTNV by the cell and raised by the committee: it goes first.
    expect(v.changes).toEqual([{ subject: 'member', id: 2, name: 'Đảng viên 02', from: 'excellent', to: 'good' }]);
    expect(v.candidates).toEqual([1, 2]);
    expect(v.message).toContain('phải hạ 1 trong 2');
    expect(r.corrected.find((c) => c.id === 2)?.level).toBe('good');
  });
  it('a group of 1 rated HTXSNV must go down; 5 HTTNV + 1 HTXSNV stands; 4 + 1 does not', () => {
    expect(run(2022, [member(1)], [rate(1, 'excellent')]).violations[0]?.changes.map((c) => c.id)).toEqual([1]);
    const six = [1, 2, 3, 4, 5, 6].map((i) => member(i));
    expect(run(2022, six, [rate(1, 'excellent'), ...[2, 3, 4, 5, 6].map((i) => rate(i, 'good'))]).ok).toBe(true);
    const five = six.slice(0, 5);
    expect(run(2022, five, [rate(1, 'excellent'), ...[2, 3, 4, 5].map((i) => rate(i, 'good'))]).ok).toBe(false);
    // Rounding half up lets 4 + 1 stand.
    expect(run(2022, five, [rate(1, 'excellent'), ...[2, 3, 4, 5].map((i) => rate(i, 'good'))], { settings: withEvaluationSettings({ capRounding: 'half_up' }) }).ok).toBe(true);
  });
  it('a group of 10: 2 HTXSNV on 8 HTTNV breaks 20 % (floor 1.6), lowering 1 meets it', () => {
    const ms = Array.from({ length: 10 }, (_, i) => member(i + 1));
    const r = run(2024, ms, ms.map((m) => rate(m.id, m.id <= 2 ? 'excellent' : 'good')));
    expect(r.violations[0]?.mustChange).toBe(1);
  });
  it('picks the lowest score first under QĐ 366, and the 25 % exception allows 2 on 8', () => {
    const t = { total: 10, completed: 10, late: 0, exceeded: 4 };
    const ms = Array.from({ length: 10 }, (_, i) => member(i + 1, { tasks: t }));
    const rs = ms.map((m) => (m.id === 1 ? rate(1, 'excellent', { score: 95 }) : m.id === 2 ? rate(2, 'excellent', { score: 92 }) : rate(m.id, 'good', { score: 80 })));
    const cap = run(2025, ms, rs).violations.find((v) => v.ruleId === 'evaluation.cap')!;
    expect(cap.changes.map((c) => c.id)).toEqual([2]);
    expect(cap.source).toBe('Quy định 366-QĐ/TW (30/8/2025), Điều 11.1.5');
    expect(run(2025, ms, rs, { capException: true }).ok).toBe(true);
  });
  it('groups separately: two grassroots organizations each meet their own cap', () => {
    const ms = [...[1, 2, 3, 4, 5, 6].map((i) => member(i, { group: 'A' })), ...[7, 8, 9, 10, 11, 12].map((i) => member(i, { group: 'B' }))];
    const rs = ms.map((m) => rate(m.id, m.id === 1 || m.id === 7 ? 'excellent' : 'good'));
    expect(run(2021, ms, rs).ok).toBe(true);
    // The same twelve in one group: 2 on 10 still fine; 3 on 9 is not.
    const one = ms.map((m) => ({ ...m, group: 'A' }));
    expect(run(2021, one, rs).ok).toBe(true);
    expect(run(2021, one, ms.map((m) => rate(m.id, m.id <= 3 ? 'excellent' : 'good'))).violations[0]?.mustChange).toBe(1);
  });
  it('no cap in 2016 by default', () => {
    expect(run(2016, [member(1)], [rate(1, 'excellent')]).ok).toBe(true);
  });
});

describe('validateDecisionSet: per-member rules', () => {
  it('a member disciplined in 2021 rated HTTNV must become KHTNV, citing HD 21', () => {
    const r = run(2021, [member(1, { disciplines: [{ date: '2021-03-15', form: 'reprimand' }] })], [rate(1, 'good')]);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ ruleId: 'evaluation.discipline.member', changes: [{ id: 1, from: 'good', to: 'failed' }] });
    expect(r.violations[0]!.source).toContain('21-HD/BTCTW');
  });
  it('an exempt member rated must be left unrated; a new member under 6 months too (2025)', () => {
    const r = run(2025, [member(1, { status: 'exempt' }), member(2, { status: 'probationary', admissionDate: '2025-07-20' })], [rate(1, 'good'), rate(2, 'good', { score: 80 })]);
    expect(r.violations.map((v) => v.changes[0]!.to)).toEqual([null, null]);
    expect(r.notEvaluated.map((n) => n.id)).toEqual([1, 2]);
  });
  it('requires a level for every evaluated member on decision, not for the excluded', () => {
    const r = run(2024, [member(1), member(2, { status: 'exempt' })], [], { requireAll: true });
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]!.changes[0]).toMatchObject({ id: 1, missing: true });
  });
  it('QĐ 366: a rating above what the score gives is lowered; a missing score is asked for; the gap is a warning', () => {
    const t = { total: 10, completed: 10, late: 0, exceeded: 3 };
    const r = run(2025, [member(1, { tasks: t }), member(2), member(3, { tasks: { ...t, late: 3 } })], [rate(1, 'excellent', { score: 89.9 }), rate(2, 'good'), rate(3, 'completed', { score: 60 })]);
    expect(r.violations.find((v) => v.changes[0]!.id === 1)).toMatchObject({ ruleId: 'evaluation.score_366', changes: [{ from: 'excellent', to: 'good' }] });
    expect(r.violations.find((v) => v.changes[0]!.id === 2)).toMatchObject({ ruleId: 'evaluation.score_required' });
    expect(r.warnings.find((w) => w.id === 3)?.ruleId).toBe('evaluation.score_366.gap');
  });
  it('a discipline after the cap: the disciplined member\'s HTXSNV goes to KHTNV and no longer counts in the cap', () => {
    const ms = [member(1, { disciplines: [{ date: '2024-05-01', form: 'warning' }] }), member(2), member(3), member(4), member(5), member(6), member(7)];
    const r = run(2024, ms, [rate(1, 'excellent'), rate(2, 'excellent'), ...[3, 4, 5, 6, 7].map((i) => rate(i, 'good'))]);
    expect(r.violations.map((v) => v.ruleId)).toEqual(['evaluation.discipline.member']);
  });
});

describe('validateDecisionSet: organizations', () => {
  const org = (id: number, x: Partial<OrganizationFacts> = {}): OrganizationFacts => ({ id, name: `Chi bộ ${id}`, kind: 'cell', group: 'cells', parentId: 1000, ...x });
  it('2016: a cell with 3 of 5 members failing cannot be rated above Yếu kém, and its committee follows the one-third rule', () => {
    const ms = [1, 2, 3, 4, 5].map((i) => member(i, { unitId: 100 }));
    const orgs = [org(100), org(101), org(102), { ...org(1000, { kind: 'grassroots_committee', parentId: null, group: 'gr' }), name: 'Đảng bộ xã A' }];
    const ratings: RatingInput[] = [
      ...ms.map((m) => rate(m.id, m.id <= 3 ? 'failed' : 'good')),
      { subject: 'organization', id: 100, level: 'completed', score: 70 },
      { subject: 'organization', id: 101, level: 'good', score: 80 },
      { subject: 'organization', id: 102, level: 'good', score: 80 },
      { subject: 'organization', id: 1000, level: 'good', score: 85 },
    ];
    const r = run(2016, ms, ratings, { organizations: orgs });
    expect(r.violations.map((v) => [v.ruleId, v.changes[0]!.id, v.changes[0]!.to])).toEqual([['evaluation.org_2014.cell_members', 100, 'failed']]);
    // Two cells of three weak: the committee must be Yếu kém too.
    const r2 = run(2016, ms, ratings.map((x) => (x.id === 101 && x.subject === 'organization' ? { ...x, score: 45 } : x)), { organizations: orgs });
    expect(r2.violations.map((v) => [v.ruleId, v.changes[0]!.id])).toEqual([
      ['evaluation.org_2014.cell_members', 100], ['evaluation.org_2014.weak', 101], ['evaluation.org_2014.sub_units', 1000],
    ]);
  });
  it('2024: a cell whose secretary was disciplined cannot be HTXSNV', () => {
    const r = run(2024, [], [{ subject: 'organization', id: 100, level: 'excellent' }], { organizations: [org(100, { leadershipDisciplines: [{ date: '2024-02-01', form: 'reprimand', selfRemedied: true }] })] });
    expect(r.violations[0]).toMatchObject({ ruleId: 'evaluation.discipline.collective', changes: [{ to: 'good' }] });
  });
});
