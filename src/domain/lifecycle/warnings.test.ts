import { describe, expect, it } from 'vitest';
import { withSettings } from './settings.ts';
import type { MemberState } from './state-machine.ts';
import { warningsFor } from './warnings.ts';

const probationary: MemberState = { status: 'probationary', grade: 'probationary', unitId: 1 };
const official: MemberState = { status: 'official', grade: 'official', unitId: 1 };
const ids = (ws: { ruleId: string }[]) => ws.map((w) => w.ruleId);

describe('early warnings (README §2)', () => {
  it('probation ends within 30 days', () => {
    const m = { state: probationary, admissionCeremonyDate: '2017-05-12' };
    expect(warningsFor(m, '2018-04-11')).toEqual([]);
    const w = warningsFor(m, '2018-04-12');
    expect(ids(w)).toEqual(['warning.probation_ending']);
    expect(w[0]!.message).toContain('kết thúc ngày 12/05/2018 (còn 30 ngày)');
    expect(ids(warningsFor(m, '2018-05-12'))).toEqual(['warning.probation_ending']);
  });
  it('past the end: due, then overdue', () => {
    const m = { state: probationary, admissionCeremonyDate: '2017-05-12' };
    expect(warningsFor(m, '2018-06-22')[0]!.message).toContain('chậm nhất ngày 22/06/2018');
    expect(warningsFor(m, '2018-06-25')[0]!.message).toContain('quá hạn');
    expect(warningsFor({ state: official, admissionCeremonyDate: '2017-05-12' }, '2018-06-25')).toEqual([]);
  });
  it('absent or behind with dues 2 months this year; 3 is a removal ground', () => {
    expect(warningsFor({ state: official, monthsAbsentWithoutReason: ['2017-01'] }, '2017-05-01')).toEqual([]);
    const two = warningsFor({ state: official, monthsAbsentWithoutReason: ['2017-01', '2017-03'] }, '2017-05-01');
    expect(ids(two)).toEqual(['warning.absence']);
    expect(two[0]!.message).toContain('thêm 1 tháng nữa');
    const three = warningsFor({ state: official, monthsAbsentWithoutReason: ['2017-01', '2017-03', '2017-04'] }, '2017-05-01');
    expect(three[0]!.message).toContain('đủ căn cứ');
    // Last year's months do not count this year.
    expect(warningsFor({ state: official, monthsAbsentWithoutReason: ['2016-11', '2016-12'] }, '2017-05-01')).toEqual([]);
    expect(ids(warningsFor({ state: official, monthsDuesUnpaidWithoutReason: ['2017-02', '2017-03'] }, '2017-05-01'))).toEqual(['warning.absence']);
    // Exempt members are excused from meetings.
    expect(warningsFor({ state: { ...official, status: 'exempt' }, monthsAbsentWithoutReason: ['2017-01', '2017-03'] }, '2017-05-01')).toEqual([]);
    expect(ids(warningsFor({ state: official, monthsAbsentWithoutReason: ['2017-01'], monthsDuesUnpaidWithoutReason: ['2017-03'] }, '2017-05-01', withSettings({ absenceAndDuesCombined: true })))).toEqual(['warning.absence']);
  });
  it('the introduction letter near or past its deadline, then removal possible', () => {
    const moving: MemberState = { status: 'transferring', grade: 'official', unitId: 1 };
    const m = { state: moving, transfer: { letterIssueDate: '2017-12-04', slipReceivedDate: '2017-12-05' } };
    expect(warningsFor(m, '2018-01-05')).toEqual([]);
    const near = warningsFor(m, '2018-01-08');
    expect(ids(near)).toEqual(['warning.transfer_letter']);
    expect(near[0]!.message).toContain('chậm nhất ngày 15/01/2018 (còn 5 ngày làm việc)');
    expect(warningsFor(m, '2018-01-16')[0]!.message).toContain('quá hạn');
    expect(ids(warningsFor(m, '2018-03-06'))).toEqual(['warning.transfer_letter', 'removal.transfer_file']);
    expect(warningsFor({ ...m, transfer: { ...m.transfer, presentedDate: '2018-01-10' } }, '2018-03-06')).toEqual([]);
  });
});
