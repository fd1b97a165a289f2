import { describe, expect, it } from 'vitest';
import { withSettings } from '../settings.ts';
import type { CheckResult } from '../types.ts';
import { checkRecognition, earliestRecognitionDate, officialDateFor, probationEndDate, recognitionConsiderationDeadline, recognitionDecisionDeadline } from './recognition.ts';

const ids = (r: CheckResult) => (r.ok ? [] : r.errors.map((e) => e.ruleId));
const warns = (r: CheckResult) => r.warnings.map((w) => w.ruleId);

describe('probation and recognition (rules.md §2)', () => {
  it('ends probation 12 months after the ceremony, the same day and month (boundary 1)', () => {
    expect(probationEndDate('2017-05-12')).toBe('2018-05-12');
    expect(officialDateFor('2017-05-12')).toBe('2018-05-12');
    expect(probationEndDate('2024-02-29')).toBe('2025-02-28');
  });
  it('accepts recognition at exactly 12 months and refuses one day short (boundary 2)', () => {
    expect(checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-05-12', decisionDate: '2018-05-20' })).toEqual({ ok: true, warnings: [] });
    const r = checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-05-11' });
    expect(ids(r)).toEqual(['recognition.earliest']);
    if (!r.ok) {
      expect(r.errors[0]!.source).toBe('Điều lệ Đảng 2011, Điều 5');
      expect(r.errors[0]!.message).toMatch(/^Điều lệ Đảng 2011, Điều 5: thời gian dự bị là 12 tháng.*có thể xét công nhận từ ngày 12\/05\/2018/);
      expect(r.errors[0]!.validFrom).toBe('2018-05-12');
    }
    expect(ids(checkRecognition({ admissionCeremonyDate: '2017-05-12', decisionDate: '2018-05-11' }))).toEqual(['recognition.earliest']);
  });
  it('with the Hanoi "from the day after" reading, the earliest day is one later', () => {
    const s = withSettings({ probationEndConvention: 'day_after' });
    expect(earliestRecognitionDate('2017-05-12', s)).toBe('2018-05-13');
    expect(ids(checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-05-12' }, s))).toEqual(['recognition.earliest']);
    expect(checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-05-13' }, s).ok).toBe(true);
  });
  it('warns, without refusing, when the cell considers past the 30 working days (boundary 3)', () => {
    expect(recognitionConsiderationDeadline('2017-05-12')).toEqual({ due: '2018-06-22', source: 'Quy định 29-QĐ/TW, §4.2.a' });
    expect(checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-06-22' }).warnings).toEqual([]);
    const late = checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-06-25', decisionDate: '2018-07-10' });
    expect(late.ok).toBe(true);
    expect(warns(late)).toEqual(['recognition.consideration_window']);
    expect(late.warnings[0]!.message).toContain('vẫn được công nhận chính thức từ ngày 12/05/2018');
  });
  it('gives the committee 30 wd, +15 under QĐ 294 and +30 under QĐ 29 (boundary 4)', () => {
    expect(recognitionDecisionDeadline('2025-10-01')).toMatchObject({ due: '2025-11-12', extendedDue: '2025-12-03' });
    expect(recognitionDecisionDeadline('2017-10-02')).toMatchObject({ workingDays: 30, extensionWorkingDays: 30 });
    const base = { admissionCeremonyDate: '2024-09-15', cellResolutionDate: '2025-10-01' };
    expect(checkRecognition({ ...base, decisionDate: '2025-11-12' }).warnings).toEqual([]);
    const ext = checkRecognition({ ...base, decisionDate: '2025-11-13' });
    expect(ext.ok).toBe(true);
    expect(warns(ext)).toEqual(['recognition.decision_deadline']);
    expect(ext.warnings[0]!.source).toBe('Quy định 294-QĐ/TW, §4.3.1');
  });
  it('needs the committee to decide after the cell and the vote to reach two thirds', () => {
    expect(ids(checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-05-20', decisionDate: '2018-05-15' }))).toEqual(['recognition.order']);
    expect(ids(checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-05-20', votes: { inFavour: 7, officialMembers: 12 } }))).toEqual(['recognition.cell_vote']);
  });
  it('applies the same timing to removal from the probationary list', () => {
    const r = checkRecognition({ admissionCeremonyDate: '2017-05-12', cellResolutionDate: '2018-05-01', outcome: 'not_recognized' });
    expect(ids(r)).toEqual(['recognition.earliest']);
  });
});
