import { describe, expect, it } from 'vitest';
import {
  allowedDisciplineForms,
  allowedEvents,
  allowedRemovalReasons,
  CANDIDATE_STATE,
  checkTransition,
  LifecycleTransitionError,
  nextStatus,
  stateOf,
  type MemberState,
} from './state-machine.ts';

const probationary: MemberState = { status: 'probationary', grade: 'probationary', unitId: 1 };
const official: MemberState = { status: 'official', grade: 'official', unitId: 1 };

describe('state machine', () => {
  it('admits a candidate into probation in the unit', () => {
    expect(allowedEvents(CANDIDATE_STATE)).toEqual(['admission']);
    expect(nextStatus(CANDIDATE_STATE, { kind: 'admission', unitId: 7 })).toEqual({ status: 'probationary', grade: 'probationary', unitId: 7 });
  });
  it('recognizes or removes a probationary member', () => {
    expect(nextStatus(probationary, { kind: 'recognition' })).toEqual(official);
    expect(nextStatus(probationary, { kind: 'non_recognition' }).status).toBe('removed');
    expect(nextStatus(probationary, { kind: 'removal', reason: 'not_recognized_after_probation' }).status).toBe('removed');
    expect(checkTransition(official, { kind: 'removal', reason: 'not_recognized_after_probation' }).ok).toBe(false);
  });
  it('allows a probationary member only reprimand or warning, and no expulsion (Charter Art. 35.2)', () => {
    expect(allowedDisciplineForms(probationary)).toEqual(['reprimand', 'warning']);
    expect(allowedEvents(probationary)).not.toContain('expulsion');
    const dismissal = checkTransition(probationary, { kind: 'discipline', form: 'dismissal_from_posts' });
    expect(dismissal.ok).toBe(false);
    if (!dismissal.ok) {
      expect(dismissal.errors[0]!.ruleId).toBe('discipline.probationary_forms');
      expect(dismissal.errors[0]!.source).toBe('Điều lệ Đảng 2011, Điều 35, khoản 2');
    }
    expect(() => nextStatus(probationary, { kind: 'expulsion' })).toThrow(LifecycleTransitionError);
    expect(nextStatus(probationary, { kind: 'discipline', form: 'warning' })).toEqual(probationary);
    expect(allowedDisciplineForms(official)).toEqual(['reprimand', 'warning', 'dismissal_from_posts']);
    expect(nextStatus(official, { kind: 'expulsion' }).status).toBe('expelled');
  });
  it('keeps status and home unit on a temporary transfer', () => {
    expect(nextStatus(official, { kind: 'transfer_out_temporary', hostUnitId: 9 })).toEqual(official);
    expect(nextStatus(probationary, { kind: 'transfer_out_temporary', hostUnitId: 9 })).toEqual(probationary);
  });
  it('sets transferring on an official transfer until received, keeping the grade', () => {
    const out = nextStatus(probationary, { kind: 'transfer_out_official', toUnitId: 2 });
    expect(out).toEqual({ status: 'transferring', grade: 'probationary', unitId: 1 });
    expect(allowedEvents(out)).toEqual(['transfer_in', 'removal', 'discipline', 'death', 'reorganized']);
    expect(checkTransition(out, { kind: 'recognition' }).ok).toBe(false);
    expect(nextStatus(out, { kind: 'transfer_in', unitId: 2 })).toEqual({ status: 'probationary', grade: 'probationary', unitId: 2 });
    // The grade still rules while transferring: no expulsion, no dismissal for a probationary member.
    const exp = checkTransition(out, { kind: 'expulsion' });
    expect(!exp.ok && exp.errors[0]!.ruleId).toBe('discipline.probationary_forms');
    expect(allowedDisciplineForms(out)).toEqual(['reprimand', 'warning']);
    const exempt = nextStatus(official, { kind: 'exemption_start' });
    const moving = nextStatus(exempt, { kind: 'transfer_out_official' });
    // The receiving cell decides any exemption anew.
    expect(nextStatus(moving, { kind: 'transfer_in', unitId: 3 })).toEqual({ status: 'official', grade: 'official', unitId: 3 });
  });
  it('fits removal reasons to the situation', () => {
    expect(allowedRemovalReasons(official)).not.toContain('transfer_letter_not_presented');
    expect(allowedRemovalReasons(stateOf('transferring', 'official', 1))).toContain('transfer_letter_not_presented');
    expect(allowedRemovalReasons(stateOf('exempt'))).not.toContain('abandoned_activities');
    expect(allowedRemovalReasons(probationary)).toContain('not_recognized_after_probation');
  });
  it('exempts official members only and brings them back', () => {
    expect(checkTransition(probationary, { kind: 'exemption_start' }).ok).toBe(false);
    const exempt = nextStatus(official, { kind: 'exemption_start', ground: 'age_health' });
    expect(exempt.status).toBe('exempt');
    expect(nextStatus(exempt, { kind: 'exemption_end' })).toEqual(official);
  });
  it('ends membership and allows readmission except after death', () => {
    for (const [kind, status] of [['removal', 'removed'], ['leave_on_request', 'left'], ['expulsion', 'expelled'], ['death', 'deceased']] as const) {
      const ev = kind === 'removal' ? { kind, reason: 'card_surrendered' as const } : { kind };
      const after = nextStatus(official, ev);
      expect(after.status).toBe(status);
      expect(allowedEvents(after)).toEqual(status === 'deceased' ? [] : ['admission']);
    }
  });
  it('explains a refusal with the statuses that allow the event', () => {
    const r = checkTransition(CANDIDATE_STATE, { kind: 'recognition' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toContain('chỉ áp dụng cho: đảng viên dự bị');
    expect(checkTransition(official, { kind: 'void', voids: 'x' }).ok).toBe(false);
  });
  it('accepts a bare status', () => {
    expect(allowedEvents('official')).toContain('exemption_start');
    expect(allowedDisciplineForms('probationary')).toEqual(['reprimand', 'warning']);
  });
});

describe('reorganized (chuyển theo sắp xếp tổ chức: the cell merged, split or dissolved)', () => {
  it('moves a member of any active status to the new cell, keeping status and grade', () => {
    expect(nextStatus(stateOf('official', 'official', 1), { kind: 'reorganized', unitId: 2 })).toEqual({ status: 'official', grade: 'official', unitId: 2 });
    expect(nextStatus(stateOf('probationary', 'probationary', 1), { kind: 'reorganized', unitId: 2 })).toEqual({ status: 'probationary', grade: 'probationary', unitId: 2 });
    expect(nextStatus(stateOf('exempt', 'official', 1), { kind: 'reorganized', unitId: 2 })).toEqual({ status: 'exempt', grade: 'official', unitId: 2 });
    expect(nextStatus(stateOf('transferring', 'probationary', 1), { kind: 'reorganized', unitId: 2 })).toEqual({ status: 'transferring', grade: 'probationary', unitId: 2 });
  });
  it('is refused for people out of the Party and for candidates, and needs the cell', () => {
    for (const s of ['removed', 'left', 'expelled', 'deceased', 'candidate'] as const) {
      expect(checkTransition(stateOf(s, null, 1), { kind: 'reorganized', unitId: 2 }).ok).toBe(false);
    }
    const r = checkTransition(stateOf('official', 'official', 1), { kind: 'reorganized' } as never);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]!.field).toBe('unitId');
  });
});
