import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../lifecycle/types.ts';
import { allowedStages } from './stages.ts';
import { checkStage, type CandidateFacts, type StageInput } from './checks.ts';

const ids = (r: CheckResult) => (r.ok ? [] : r.errors.map((e) => e.ruleId));
const errs = (r: CheckResult) => (r.ok ? [] : r.errors);

const facts = (over: Partial<CandidateFacts> = {}): CandidateFacts => ({
  birthDate: '2007-03-15', current: 'sponsored', lastDate: '2025-01-10', certificateDate: '2024-10-01', applicationDate: '2024-11-01',
  sponsoredDate: '2025-01-10', cellVoteDate: null, over60: null, decisionDate: null, decisionReceivedDate: null, cellOfficialMembers: 6,
  today: '2026-11-25', ...over,
});
const vote = (date: string, votesInFavour = 6, officialMembers?: number): StageInput => ({ stage: 'cell_vote', date, votesInFavour, ...(officialMembers ? { officialMembers } : {}) });

describe('stage order (a state machine)', () => {
  it('starts with identified and ends with the ceremony', () => {
    expect(allowedStages(null)).toEqual(['identified']);
    expect(allowedStages('identified')).toEqual(['course']);
    expect(allowedStages('history_verified')).toEqual(['course', 'sponsored']);
    expect(allowedStages('sponsored')).toEqual(['course', 'sponsored', 'cell_vote']);
    expect(allowedStages('cell_vote')).toEqual(['decision']);
    expect(allowedStages('ceremony')).toEqual([]);
  });
  it('refuses a stage out of order, naming the next one', () => {
    const r = checkStage(facts({ current: 'identified' }), vote('2025-03-15'));
    expect(ids(r)).toEqual(['candidate.stage_order']);
    expect(errs(r)[0]!.message).toContain('Học lớp bồi dưỡng nhận thức về Đảng');
  });
  it('refuses a date before the previous stage and says from when', () => {
    const r = checkStage(facts({ current: 'identified', lastDate: '2025-01-10' }), { stage: 'course', date: '2025-01-09', documentNumber: 'GCN 12' });
    expect(errs(r)[0]).toMatchObject({ field: 'date', validFrom: '2025-01-10' });
  });
  it('refuses impossible and future dates', () => {
    expect(errs(checkStage(facts(), vote('2025-02-30')))[0]).toMatchObject({ field: 'date', ruleId: 'field.invalid_date' });
    expect(errs(checkStage(facts(), vote('2026-11-26')))[0]).toMatchObject({ field: 'date', ruleId: 'field.future_date' });
  });
});

describe('cell vote: the age on the vote date (QĐ 29 §1.1.a, QĐ 294 §1.1.1)', () => {
  it('passes on the 18th birthday, refuses one day short with the date the cell may vote', () => {
    expect(checkStage(facts(), vote('2025-03-15')).ok).toBe(true);
    const r = checkStage(facts(), vote('2025-03-14'));
    expect(ids(r)).toEqual(['admission.min_age']);
    expect(errs(r)[0]).toMatchObject({ validFrom: '2025-03-15', source: 'Quy định 232-QĐ/TW' });
    expect(errs(r)[0]!.message).toContain('15/03/2025');
  });
  it('over 60 needs the province committee (QĐ 294 §1.1.2)', () => {
    const old = facts({ birthDate: '1965-01-10', lastDate: '2024-12-01' });
    expect(checkStage(old, vote('2025-02-09')).ok).toBe(true); // 60 years 0 months
    const r = checkStage(old, vote('2025-02-10')); // 60 years 1 month
    expect(ids(r)).toEqual(['admission.max_age']);
    expect(errs(r)[0]!.field).toBe('over60');
    expect(checkStage(old, { ...vote('2025-02-10'), over60: { decidedByProvinceCommittee: true, standingCommitteeConsentDate: '2025-02-01' } }).ok).toBe(true);
  });
});

describe('cell vote: two thirds of official members (Điều lệ Đảng, Điều 4.3)', () => {
  it('4 of 6 passes, 3 of 5 fails naming the votes needed', () => {
    expect(checkStage(facts(), vote('2025-04-01', 4, 6)).ok).toBe(true);
    const r = checkStage(facts(), vote('2025-04-01', 3, 5));
    expect(ids(r)).toEqual(['admission.cell_vote']);
    expect(errs(r)[0]!.message).toContain('4/5');
  });
  it('takes the cell roll when the minutes give no total, and warns when they differ', () => {
    expect(checkStage(facts({ cellOfficialMembers: 6 }), vote('2025-04-01', 4)).ok).toBe(true);
    expect(ids(checkStage(facts({ cellOfficialMembers: 7 }), vote('2025-04-01', 4)))).toEqual(['admission.cell_vote']);
    const r = checkStage(facts({ cellOfficialMembers: 7 }), vote('2025-04-01', 4, 6));
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.field)).toContain('officialMembers');
  });
});

describe('cell vote: the certificate is usable 60 months (HD 06-HD/TW §5.4.b)', () => {
  const f = facts({ birthDate: '1990-01-01', certificateDate: '2020-10-01', applicationDate: '2025-08-01', sponsoredDate: '2025-09-01', lastDate: '2025-09-01' });
  it('on the last day of the 60 months passes; the day after is refused', () => {
    expect(checkStage(f, vote('2025-10-01')).ok).toBe(true);
    const r = checkStage(f, vote('2025-10-02'));
    expect(ids(r)).toEqual(['admission.certificate_validity']);
    expect(errs(r)[0]!.message).toContain('học lại');
  });
});

describe('sponsors (Điều lệ Đảng, Điều 4; QĐ 294 §3.2)', () => {
  const f = facts({ current: 'history_verified', lastDate: '2025-01-05' });
  const official = (memberId: number) => ({ memberId, fullName: `Đảng viên ${memberId}`, status: 'official' });
  const two: StageInput = { stage: 'sponsored', date: '2025-01-10', sponsors: [{ memberId: 1, since: '2024-01-10' }, { memberId: 2, since: '2023-05-01' }] };
  it('two official members who worked with the candidate 12 months pass; one day short is refused with the date', () => {
    expect(checkStage(f, two, [official(1), official(2)]).ok).toBe(true);
    const short = { ...two, sponsors: [{ memberId: 1, since: '2024-01-11' }, { memberId: 2, since: '2023-05-01' }] };
    const r = checkStage(f, short, [official(1), official(2)]);
    expect(errs(r)[0]).toMatchObject({ ruleId: 'admission.sponsor_conditions', field: 'sponsors.0.since', validFrom: '2025-01-11' });
  });
  it('a sponsor probationary on the date is refused, with the date they become official', () => {
    const r = checkStage(f, two, [official(1), { memberId: 2, fullName: 'Lý Dự Bị', status: 'probationary', officialFrom: '2025-03-01' }]);
    expect(errs(r)[0]).toMatchObject({ field: 'sponsors.1.memberId', validFrom: '2025-03-01' });
    expect(errs(r)[0]!.message).toContain('Lý Dự Bị');
  });
  it('the Youth Union committee with one member passes; with two it is refused', () => {
    expect(checkStage(f, { stage: 'sponsored', date: '2025-01-10', sponsorBody: 'youth_union', sponsors: [{ memberId: 1, since: '2024-01-10' }] }, [official(1)]).ok).toBe(true);
    expect(ids(checkStage(f, { ...two, sponsorBody: 'youth_union' }, [official(1), official(2)]))).toEqual(['admission.sponsors']);
  });
  it('a replacement sponsor needs no 12 months (QĐ 294 §3.2.2)', () => {
    const r = checkStage(f, { ...two, sponsors: [{ memberId: 1, replacement: true }, { memberId: 2, since: '2023-05-01' }] }, [official(1), official(2)]);
    expect(r.ok).toBe(true);
  });
});

describe('decision and ceremony', () => {
  const voted = facts({ current: 'cell_vote', lastDate: '2025-04-01', cellVoteDate: '2025-04-01' });
  it('refuses a decision number in the wrong form', () => {
    expect(errs(checkStage(voted, { stage: 'decision', date: '2025-05-02', documentNumber: 'QĐ 12' }))[0]).toMatchObject({ field: 'documentNumber', ruleId: 'field.format' });
    expect(checkStage(voted, { stage: 'decision', date: '2025-05-02', documentNumber: '12-QĐ/HU' }).ok).toBe(true);
  });
  const decided = facts({ current: 'decision', lastDate: '2025-10-01', cellVoteDate: '2025-09-01', decisionDate: '2025-10-01', decisionReceivedDate: '2025-10-03' });
  it('refuses a receipt of the decision in the future or after the ceremony', () => {
    expect(errs(checkStage(decided, { stage: 'ceremony', date: '2025-11-14', decisionReceivedDate: '2025-11-15' }))[0]).toMatchObject({ field: 'decisionReceivedDate', ruleId: 'field.after_ceremony' });
    expect(errs(checkStage(voted, { stage: 'decision', date: '2025-05-02', documentNumber: '12-QĐ/HU', decisionReceivedDate: '2026-11-26' }))[0]).toMatchObject({ field: 'decisionReceivedDate', ruleId: 'field.future_date' });
    expect(errs(checkStage(voted, { stage: 'decision', date: '2025-05-02', documentNumber: '12-QĐ/HU', decisionReceivedDate: '2025-05-01' }))[0]).toMatchObject({ field: 'decisionReceivedDate', validFrom: '2025-05-02' });
  });
  it('the ceremony within 30 working days of receiving the decision passes; one day later needs the superior committee (QĐ 294 §4.1)', () => {
    // 03/10/2025 (Fri) + 30 working days = 14/11/2025 (Fri).
    expect(checkStage(decided, { stage: 'ceremony', date: '2025-11-14' }).ok).toBe(true);
    const r = checkStage(decided, { stage: 'ceremony', date: '2025-11-17' });
    expect(errs(r)[0]).toMatchObject({ ruleId: 'admission.ceremony_deadline', source: 'Quy định 294-QĐ/TW, §4.1' });
    const agreed = checkStage(decided, { stage: 'ceremony', date: '2025-11-17', lateCeremonyAgreed: true });
    expect(agreed.ok).toBe(true);
    expect(agreed.warnings.map((w) => w.ruleId)).toContain('admission.ceremony_deadline');
  });
});

describe('dossier ageing (HD 06-HD/TW §5.4.a)', () => {
  const f = facts({ birthDate: '1995-01-01', certificateDate: '2024-06-01', applicationDate: '2024-09-01', sponsoredDate: '2024-10-01', lastDate: '2024-10-01' });
  it('warns past 12 months from the sponsors to the vote, not on the last day', () => {
    expect(checkStage(f, vote('2025-10-01')).warnings.map((w) => w.ruleId)).not.toContain('admission.dossier_age');
    const r = checkStage(f, vote('2025-10-02'));
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.ruleId)).toContain('admission.dossier_age');
  });
});
