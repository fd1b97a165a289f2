import { describe, expect, it } from 'vitest';
import { withSettings } from '../settings.ts';
import type { CheckResult } from '../types.ts';
import { admissionDecisionDeadline, ceremonyDeadline, checkAdmission } from './admission.ts';

const ids = (r: CheckResult) => (r.ok ? [] : r.errors.map((e) => e.ruleId));
const warns = (r: CheckResult) => r.warnings.map((w) => w.ruleId);

describe('admission: age on the day the cell considers (rules.md §1 boundaries 1–3)', () => {
  it('accepts on the 18th birthday and refuses the day before, saying from when', () => {
    expect(checkAdmission({ birthDate: '1999-03-15', cellVoteDate: '2017-03-15' }).ok).toBe(true);
    const r = checkAdmission({ birthDate: '1999-03-15', cellVoteDate: '2017-03-14' });
    expect(ids(r)).toEqual(['admission.min_age']);
    if (!r.ok) {
      expect(r.errors[0]!.source).toBe('Quy định 29-QĐ/TW, §1.1.a');
      expect(r.errors[0]!.validFrom).toBe('2017-03-15');
      expect(r.errors[0]!.message).toContain('có thể xét từ ngày 15/03/2017');
    }
  });
  it('with month-level counting any day of the birthday month qualifies', () => {
    const s = withSettings({ ageCounting: 'month' });
    expect(checkAdmission({ birthDate: '1999-03-15', cellVoteDate: '2017-03-01' }, s).ok).toBe(true);
    const r = checkAdmission({ birthDate: '1999-03-15', cellVoteDate: '2017-02-28' }, s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.validFrom).toBe('2017-03-01');
  });
  it('takes the age on the vote date, not the decision or the ceremony', () => {
    const r = checkAdmission({ birthDate: '1999-03-15', cellVoteDate: '2017-03-10', decisionDate: '2017-04-10', ceremonyDate: '2017-04-20' });
    expect(ids(r)).toEqual(['admission.min_age']);
  });
  it('cites the set in force on the vote date', () => {
    const r = checkAdmission({ birthDate: '2008-01-10', cellVoteDate: '2025-10-01' });
    if (!r.ok) expect(r.errors[0]!.source).toBe('Quy định 294-QĐ/TW, §1.1.1');
    expect(r.ok).toBe(false);
  });
  it('a 29 February birthday reaches 18 on 1 March', () => {
    const r = checkAdmission({ birthDate: '2000-02-29', cellVoteDate: '2018-02-28' });
    if (!r.ok) expect(r.errors[0]!.validFrom).toBe('2018-03-01');
    expect(checkAdmission({ birthDate: '2000-02-29', cellVoteDate: '2018-03-01' }).ok).toBe(true);
  });
});

describe('admission: over 60 needs the province-level committee, with prior written consent', () => {
  const base = { birthDate: '1957-06-20', decisionDate: '2017-08-01' };
  it('exactly 60 is within the limit; 60 years and 1 month is not', () => {
    expect(checkAdmission({ ...base, cellVoteDate: '2017-06-20' }).ok).toBe(true);
    expect(checkAdmission({ ...base, cellVoteDate: '2017-07-19' }).ok).toBe(true);
    const r = checkAdmission({ ...base, cellVoteDate: '2017-07-20' });
    expect(ids(r)).toEqual(['admission.max_age']);
    if (!r.ok) expect(r.errors[0]!.source).toBe('Quy định 29-QĐ/TW, §1.1.b');
  });
  it('with the province decision, requires written consent dated before the decision (HD 01/2016 §1.1)', () => {
    const noConsent = checkAdmission({ ...base, cellVoteDate: '2017-07-20', over60: { decidedByProvinceCommittee: true } });
    expect(ids(noConsent)).toEqual(['admission.over_60_consent']);
    if (!noConsent.ok) expect(noConsent.errors[0]!.source).toBe('Hướng dẫn 01-HD/TW (20/9/2016), §1.1');
    const late = checkAdmission({ ...base, cellVoteDate: '2017-07-20', over60: { decidedByProvinceCommittee: true, standingCommitteeConsentDate: '2017-08-02' } });
    expect(ids(late)).toEqual(['admission.over_60_consent']);
    const sameDay = checkAdmission({ ...base, cellVoteDate: '2017-07-20', over60: { decidedByProvinceCommittee: true, standingCommitteeConsentDate: '2017-08-01' } });
    expect(sameDay.ok).toBe(true);
    expect(warns(sameDay)).toEqual(['admission.over_60_consent']);
    const ok = checkAdmission({ ...base, cellVoteDate: '2017-07-20', over60: { decidedByProvinceCommittee: true, standingCommitteeConsentDate: '2017-07-28' } });
    expect(ok).toEqual({ ok: true, warnings: [] });
  });
  it('before HD 01/2016 (20/9/2016) the province decision suffices', () => {
    const r = checkAdmission({ birthDate: '1956-01-01', cellVoteDate: '2016-08-01', decisionDate: '2016-09-01', over60: { decidedByProvinceCommittee: true } });
    expect(r.ok).toBe(true);
  });
});

describe('admission: sponsors, vote, certificate', () => {
  const base = { birthDate: '1990-01-01', cellVoteDate: '2017-06-01' };
  it('needs two official members with 12 months together, or a union committee and one member (§1 boundary 4)', () => {
    expect(checkAdmission({ ...base, sponsors: [{ kind: 'member', grade: 'official', monthsTogether: 12 }, { kind: 'member', grade: 'official', monthsTogether: 30 }] }).ok).toBe(true);
    expect(ids(checkAdmission({ ...base, sponsors: [{ kind: 'member', grade: 'official', monthsTogether: 11 }, { kind: 'member', grade: 'official', monthsTogether: 30 }] }))).toEqual(['admission.sponsor_conditions']);
    expect(ids(checkAdmission({ ...base, sponsors: [{ kind: 'member', grade: 'probationary', monthsTogether: 20 }, { kind: 'member', grade: 'official', monthsTogether: 30 }] }))).toEqual(['admission.sponsor_conditions']);
    expect(checkAdmission({ ...base, sponsors: [{ kind: 'member', grade: 'official', monthsTogether: 2, replacement: true }, { kind: 'member', grade: 'official', monthsTogether: 30 }] }).ok).toBe(true);
    expect(checkAdmission({ ...base, sponsors: [{ kind: 'youth_union' }, { kind: 'member', grade: 'official', monthsTogether: 12 }] }).ok).toBe(true);
    expect(ids(checkAdmission({ ...base, sponsors: [{ kind: 'member', grade: 'official', monthsTogether: 12 }] }))).toEqual(['admission.sponsors']);
  });
  it('needs two thirds of official members: 6 of 9 passes, 6 of 10 fails (§1 boundary 6)', () => {
    expect(checkAdmission({ ...base, votes: { inFavour: 6, officialMembers: 9 } }).ok).toBe(true);
    expect(checkAdmission({ ...base, votes: { inFavour: 7, officialMembers: 10 } }).ok).toBe(true);
    const r = checkAdmission({ ...base, votes: { inFavour: 6, officialMembers: 10 } });
    expect(ids(r)).toEqual(['admission.cell_vote']);
    if (!r.ok) expect(r.errors[0]!.message).toContain('7/10');
  });
  it('the certificate lasts 60 months: an error under HD 06, a warning before it by default (§1 boundary 7)', () => {
    expect(checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2021-03-10', certificateDate: '2016-03-10' })).toEqual({ ok: true, warnings: [] });
    const before = checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2021-03-11', certificateDate: '2016-03-10' });
    expect(before.ok).toBe(true);
    expect(warns(before)).toEqual(['admission.certificate_validity']);
    expect(ids(checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2021-03-11', certificateDate: '2016-03-10' }, withSettings({ certificateRuleBeforeHd06: 'apply' })))).toEqual(['admission.certificate_validity']);
    expect(ids(checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2025-10-11', certificateDate: '2020-10-10' }))).toEqual(['admission.certificate_validity']);
  });
});

describe('admission: time limits by rule set', () => {
  it('the decision: 45 wd (+15) under QĐ 294, 60 wd (+30) before (§1 boundary 9)', () => {
    expect(admissionDecisionDeadline('2025-10-01')).toMatchObject({ due: '2025-12-03', workingDays: 45, extensionWorkingDays: 15, source: 'Quy định 294-QĐ/TW, §4.3.1', confirmed: true });
    expect(admissionDecisionDeadline('2024-10-01')).toMatchObject({ workingDays: 60, extensionWorkingDays: 30, confirmed: false });
    expect(admissionDecisionDeadline('2017-10-02')).toMatchObject({ workingDays: 60, extensionWorkingDays: 30, source: 'Quy định 29-QĐ/TW, §4.3.1', confirmed: true });
    const base = { birthDate: '1990-01-01', cellVoteDate: '2025-10-01' };
    expect(checkAdmission({ ...base, decisionDate: '2025-12-03' })).toEqual({ ok: true, warnings: [] });
    const ext = checkAdmission({ ...base, decisionDate: '2025-12-04' });
    expect(ext.ok).toBe(true);
    expect(warns(ext)).toEqual(['admission.decision_deadline']);
    expect(ext.warnings[0]!.message).toContain('gia hạn');
    // The same day under QĐ 24 (60 wd) is within the limit.
    expect(checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2024-10-01', decisionDate: '2024-12-04' })).toEqual({ ok: true, warnings: [] });
  });
  it('the ceremony: 30 wd from receiving the decision, later only with the superior\'s agreement (§1 boundary 8)', () => {
    expect(ceremonyDeadline('2017-10-02')).toBe('2017-11-13');
    const base = { birthDate: '1990-01-01', cellVoteDate: '2017-09-01', decisionDate: '2017-09-29', decisionReceivedDate: '2017-10-02' };
    expect(checkAdmission({ ...base, ceremonyDate: '2017-11-13' })).toEqual({ ok: true, warnings: [] });
    const late = checkAdmission({ ...base, ceremonyDate: '2017-11-14' });
    expect(warns(late)).toEqual(['admission.ceremony_deadline']);
    expect(checkAdmission({ ...base, ceremonyDate: '2017-11-14', lateCeremonyAgreed: true }).warnings).toEqual([]);
  });
  it('keeps the order vote → decision → ceremony', () => {
    expect(ids(checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2017-09-01', decisionDate: '2017-08-01' }))).toEqual(['admission.order']);
    expect(ids(checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2017-09-01', decisionDate: '2017-09-10', ceremonyDate: '2017-09-09' }))).toEqual(['admission.order']);
    expect(ids(checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2017-09-01', ceremonyDate: '2017-09-09' }))).toEqual(['admission.order']);
  });
  it('notes the QĐ 29 stand-in before 25/7/2016', () => {
    expect(warns(checkAdmission({ birthDate: '1990-01-01', cellVoteDate: '2015-09-01' }))).toEqual(['rule_set.before_2016']);
  });
  it('refuses malformed dates', () => {
    expect(ids(checkAdmission({ birthDate: '1990-02-30', cellVoteDate: '2015-09-01' }))).toEqual(['input.invalid_date']);
  });
});
