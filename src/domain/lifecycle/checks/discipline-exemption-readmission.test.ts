import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../types.ts';
import { checkDiscipline } from './discipline.ts';
import { checkExemption } from './exemption.ts';
import { checkReadmission } from './readmission.ts';

const ids = (r: CheckResult) => (r.ok ? [] : r.errors.map((e) => e.ruleId));
const warns = (r: CheckResult) => r.warnings.map((w) => w.ruleId);

describe('discipline forms (rules.md §7 boundary 1)', () => {
  it('a probationary member: reprimand or warning only', () => {
    expect(checkDiscipline({ grade: 'probationary', form: 'warning' }).ok).toBe(true);
    expect(checkDiscipline({ grade: 'probationary', form: 'reprimand' }).ok).toBe(true);
    for (const form of ['dismissal_from_posts', 'expulsion'] as const) {
      const r = checkDiscipline({ grade: 'probationary', form });
      expect(ids(r)).toEqual(['discipline.probationary_forms']);
      if (!r.ok) expect(r.errors[0]!.message).toMatch(/^Điều lệ Đảng 2011, Điều 35, khoản 2: đối với đảng viên dự bị chỉ có hình thức khiển trách, cảnh cáo/);
    }
  });
  it('an official member: all four forms', () => {
    for (const form of ['reprimand', 'warning', 'dismissal_from_posts', 'expulsion'] as const) expect(checkDiscipline({ grade: 'official', form }).ok).toBe(true);
  });
});

describe('exemption (rules.md §4)', () => {
  it('age or health: the member asks, the cell decides', () => {
    expect(checkExemption({ date: '2020-01-10', grade: 'official', ground: 'age_health', decidedBy: 'cell', ownRequest: true }).ok).toBe(true);
    expect(ids(checkExemption({ date: '2020-01-10', grade: 'official', ground: 'age_health', decidedBy: 'cell', ownRequest: false }))).toEqual(['exemption.own_request']);
    expect(ids(checkExemption({ date: '2020-01-10', grade: 'probationary', ground: 'age_health', decidedBy: 'cell' }))).toEqual(['exemption.official_only']);
  });
  it('maternity leave from 29/9/2025: the grassroots committee decides, not the cell (boundary 2)', () => {
    expect(ids(checkExemption({ date: '2025-10-10', grade: 'official', ground: 'other', decidedBy: 'cell' }))).toEqual(['exemption.other_grounds']);
    expect(checkExemption({ date: '2025-10-10', grade: 'official', ground: 'other', decidedBy: 'grassroots_committee' }).ok).toBe(true);
    expect(checkExemption({ date: '2024-10-10', grade: 'official', ground: 'other', decidedBy: 'cell' }).ok).toBe(true);
  });
});

describe('readmission (rules.md §1 boundary 10)', () => {
  const base = { exitDate: '2022-03-15', exitStatus: 'removed' as const, removalReason: 'two_years_violation' as const, previousReadmissions: 0 };
  it('from 36 months after leaving', () => {
    expect(checkReadmission({ ...base, cellVoteDate: '2025-03-15' }).ok).toBe(true);
    const r = checkReadmission({ ...base, cellVoteDate: '2025-03-14' });
    expect(ids(r)).toEqual(['readmission.wait']);
    if (!r.ok) expect(r.errors[0]!.validFrom).toBe('2025-03-15');
  });
  it('once only, and never after abandoning activity or leaving by application', () => {
    expect(ids(checkReadmission({ ...base, cellVoteDate: '2025-06-01', previousReadmissions: 1 }))).toEqual(['readmission.once']);
    expect(ids(checkReadmission({ ...base, removalReason: 'abandoned_activities', cellVoteDate: '2025-06-01' }))).toEqual(['readmission.barred']);
    expect(ids(checkReadmission({ ...base, exitStatus: 'left', removalReason: null, cellVoteDate: '2025-06-01' }))).toEqual(['readmission.barred']);
    expect(checkReadmission({ ...base, exitStatus: 'left', removalReason: null, familyHardship: true, cellVoteDate: '2025-06-01' }).ok).toBe(true);
  });
  it('before QĐ 232 (20/1/2025) the same rules only warn (older texts unconfirmed)', () => {
    const r = checkReadmission({ ...base, exitDate: '2020-01-01', cellVoteDate: '2021-01-01' });
    expect(r.ok).toBe(true);
    expect(warns(r)).toEqual(['readmission.wait']);
  });
});
