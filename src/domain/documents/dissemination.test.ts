import { describe, expect, it } from 'vitest';
import { attendedMembersOf, coverageOf, validateBreakthrough, validateSession, type SessionCheckInput } from './dissemination.ts';

const base: SessionCheckInput = {
  heldOn: '2016-05-10', today: '2026-12-01', documents: [{ number: '02-NQ/TU', issuedOn: '2016-04-15' }],
  roll: new Set([1, 2, 3]), expectedOthers: 2, attendedMembers: 3, attendedOthers: 2,
};
const fields = (i: Partial<SessionCheckInput>) => validateSession({ ...base, ...i }).map((e) => e.field);

describe('validateSession', () => {
  it('accepts attendance up to the expected count, on or after the issue date', () => {
    expect(validateSession(base)).toEqual([]);
    expect(fields({ heldOn: '2016-04-15' })).toEqual([]);
  });
  it('refuses a session before the document was issued, naming the document', () => {
    expect(fields({ heldOn: '2016-04-14' })).toEqual(['documentIds.0']);
    expect(validateSession({ ...base, heldOn: '2016-04-14' })[0]!.message).toContain('15/04/2016');
  });
  it('refuses attendance one above the expected count, per field', () => {
    expect(fields({ attendedMembers: 4 })).toEqual(['attendedMembers']);
    expect(fields({ attendedOthers: 3 })).toEqual(['attendedOthers']);
    expect(fields({ attendedMembers: -1 })).toEqual(['attendedMembers']);
  });
  it('refuses a member not on that date\'s roll, and an absence without a reason', () => {
    const attendance = [{ memberId: 1, present: true }, { memberId: 9, present: true }, { memberId: 2, present: false, absenceReason: ' ' }];
    expect(fields({ attendedMembers: null, attendance })).toEqual(['attendance.1.memberId', 'attendance.2.absenceReason']);
    expect(fields({ attendedMembers: null, attendance: [{ memberId: 1, present: true }, { memberId: 2, present: false, absenceReason: 'Ốm' }] })).toEqual([]);
    expect(attendedMembersOf({ attendance: [{ memberId: 1, present: true }, { memberId: 2, present: false }] })).toBe(1);
  });
  it('needs counts or a list, not both, and a date not in the future', () => {
    expect(fields({ attendedMembers: null })).toEqual(['attendedMembers']);
    expect(fields({ attendance: [{ memberId: 1, present: true }] })).toEqual(['attendance']);
    expect(fields({ heldOn: '2026-12-02' })).toEqual(['heldOn']);
    expect(fields({ documents: [] })).toEqual(['documentIds']);
  });
});

describe('coverageOf', () => {
  it('own before ancestor; none without either', () => {
    expect(coverageOf(1, 1, 0)).toBe('own');
    expect(coverageOf(0, 1, 0)).toBe('ancestor');
    expect(coverageOf(0, 0, 2)).toBe('ancestor');
    expect(coverageOf(0, 0, 0)).toBeNull();
  });
});

describe('validateBreakthrough', () => {
  it('takes one of the five words of the motto with at least one measure', () => {
    expect(validateBreakthrough({ year: 2016, breakthrough: 'ky_cuong', measures: ['Siết chặt kỷ cương'] })).toEqual([]);
    expect(validateBreakthrough({ year: 2016, breakthrough: 'sang_tao', measures: [] }).map((e) => e.field)).toEqual(['breakthrough', 'measures']);
  });
});
