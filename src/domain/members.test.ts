import { describe, expect, it } from 'vitest';
import { checkCitizenId, validateMemberProfile, type MemberProfile } from './members.ts';

const codes = (errors: { code: string }[]) => errors.map((e) => e.code);

describe('checkCitizenId (Thông tư 07/2016/TT-BCA, Điều 7)', () => {
  it('accepts an ID consistent with province, century, sex and year', () => {
    expect(checkCitizenId('083070001234', '1970-03-12', 'male', '83')).toEqual([]);
    expect(checkCitizenId('083180004321', '1980-07-01', 'female', '83')).toEqual([]);
    expect(checkCitizenId('001201000001', '2001-01-01', 'male', '01')).toEqual([]);
    expect(checkCitizenId('001301000001', '2001-01-01', 'female', null)).toEqual([]);
  });
  it('rejects a wrong length or non-digits', () => {
    expect(codes(checkCitizenId('08307000123', '1970-03-12', 'male', null))).toEqual(['citizen_id_format']);
    expect(codes(checkCitizenId('08307000123a', '1970-03-12', 'male', null))).toEqual(['citizen_id_format']);
  });
  it('names each inconsistency', () => {
    expect(codes(checkCitizenId('083170001234', '1970-03-12', 'male', '83'))).toEqual(['citizen_id_sex']);
    expect(codes(checkCitizenId('083071001234', '1970-03-12', 'male', '83'))).toEqual(['citizen_id_year']);
    expect(codes(checkCitizenId('083270001234', '1970-03-12', 'male', '83'))).toEqual(['citizen_id_century']);
    expect(codes(checkCitizenId('084070001234', '1970-03-12', 'male', '83'))).toEqual(['citizen_id_province']);
    expect(codes(checkCitizenId('097070001234', '1970-03-12', 'male', null))).toEqual(['citizen_id_province']);
  });
  it('puts 1999 in the 20th century and 2000 in the 21st', () => {
    expect(checkCitizenId('083099000001', '1999-12-31', 'male', null)).toEqual([]);
    expect(checkCitizenId('083200000001', '2000-01-01', 'male', null)).toEqual([]);
    expect(codes(checkCitizenId('083000000001', '2000-01-01', 'male', null))).toEqual(['citizen_id_century']);
  });
});

describe('validateMemberProfile', () => {
  const today = '2026-11-25';
  const base: MemberProfile = { fullName: 'Trần Ngọc Tâm', sex: 'male', birthDate: '1970-03-12', admissionDate: '2010-05-19', officialDate: '2011-05-19' };
  const fields = (p: Partial<MemberProfile>, status = 'official') => validateMemberProfile({ ...base, ...p }, status, today).map((e) => `${e.field}:${e.code}`);

  it('accepts a consistent profile', () => {
    expect(fields({})).toEqual([]);
  });
  it('requires the name, sex and birth date, naming the field', () => {
    expect(fields({ fullName: '  ' })).toEqual(['fullName:required']);
    expect(fields({ fullName: 'Tâm' })).toEqual(['fullName:incomplete']);
    expect(fields({ fullName: 'Trần 3 Tâm' })).toEqual(['fullName:invalid_characters']);
    expect(fields({ sex: 'x' })).toEqual(['sex:required']);
    expect(fields({ birthDate: '' })).toEqual(['birthDate:required']);
  });
  it('rejects impossible and future dates', () => {
    expect(fields({ birthDate: '1970-02-30' })).toEqual(['birthDate:invalid_date']);
    expect(fields({ admissionDate: '2026-11-26', officialDate: null }, 'probationary')).toEqual(['admissionDate:future_date']);
  });
  it('admits at 18 full years, not one day earlier (Điều lệ Đảng, Điều 1)', () => {
    expect(fields({ birthDate: '1992-05-19' })).toEqual([]);
    expect(fields({ birthDate: '1992-05-20' })).toEqual(['admissionDate:under_age']);
  });
  it('makes a member official no earlier than 12 months after admission (Điều lệ Đảng, Điều 5)', () => {
    expect(fields({ officialDate: '2011-05-19' })).toEqual([]);
    const short = validateMemberProfile({ ...base, officialDate: '2011-05-18' }, 'official', today);
    expect(short.map((e) => e.code)).toEqual(['probation_too_short']);
    expect(short[0]!.message).toContain('19/05/2011');
  });
  it('keeps status and dates consistent', () => {
    expect(fields({ officialDate: null })).toEqual(['officialDate:required']);
    expect(fields({}, 'probationary')).toEqual(['officialDate:not_allowed']);
  });
  it('checks the citizen ID against the recorded sex and birth year', () => {
    expect(fields({ citizenId: '083170001234' })).toEqual(['citizenId:citizen_id_sex']);
  });
});
