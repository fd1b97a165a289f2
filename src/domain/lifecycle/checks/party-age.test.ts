import { describe, expect, it } from 'vitest';
import type { LifecycleEvent } from '../events.ts';
import { replay } from '../replay.ts';
import { partyAge, partyAgeFromReplay } from './party-age.ts';

describe('party age (rules.md §2)', () => {
  it('counts from the decision, not the ceremony, for recognized members (boundary 1)', () => {
    const age = partyAge({ admissionDecisionDate: '2017-05-03', onDate: '2027-05-03', recognizedOfficial: true });
    expect(age).toMatchObject({ years: 10, months: 0, countedFrom: '2017-05-03' });
    expect(partyAge({ admissionDecisionDate: '2017-05-03', onDate: '2027-05-02', recognizedOfficial: true })).toMatchObject({ years: 9, months: 11 });
  });
  it('gives none to a member never recognized (boundary 7)', () => {
    expect(partyAge({ admissionDecisionDate: '2017-05-03', onDate: '2027-05-03', recognizedOfficial: false })).toBeNull();
  });
  it('deducts the time out of the Party (boundary 5)', () => {
    const age = partyAge({ admissionDecisionDate: '2010-01-01', onDate: '2030-01-01', recognizedOfficial: true, gaps: [{ from: '2019-01-01', to: '2021-01-01' }] });
    expect(age).toMatchObject({ years: 18, months: 0, deductedDays: 731 });
  });
  it('from a replayed history: first decision, gap to the readmission decision, recognized again', () => {
    const events: LifecycleEvent[] = [
      { id: 'a', kind: 'admission', date: '2010-01-15', decisionDate: '2010-01-01', unitId: 1 },
      { id: 'r', kind: 'recognition', date: '2011-01-15' },
      { id: 'x', kind: 'removal', date: '2019-01-01', reason: 'two_years_violation' },
      { id: 'b', kind: 'admission', date: '2022-01-20', decisionDate: '2021-01-01', unitId: 1 },
    ];
    const before = replay(events);
    expect(partyAgeFromReplay(before, '2022-06-01')).toBeNull();
    // Out of the Party: on 2020-01-01 the first spell's age is frozen at its exit.
    expect(partyAgeFromReplay(before, '2020-01-01')).toMatchObject({ years: 9, months: 0 });
    const after = replay([...events, { id: 'r2', kind: 'recognition', date: '2023-01-20' }]);
    expect(partyAgeFromReplay(after, '2030-01-01')).toMatchObject({ years: 18, months: 0, deductedDays: 731 });
  });
});
