// The member profile (form 2-HSĐV) and the checks that apply to it. Pure functions, no I/O.
import type { FieldError } from './errors.ts';
import { addMonths, fullYearsBetween, isIsoDate } from './dates.ts';
import { normalizeText } from '../text/vietnamese.ts';

/** Member statuses (domain reference §2). Candidates are not members and live elsewhere. */
export const MEMBER_STATUSES = [
  'probationary', // đảng viên dự bị
  'official', // đảng viên chính thức
  'exempt', // miễn công tác và sinh hoạt đảng (still a member)
  'transferring', // chuyển sinh hoạt, introduction letter issued, not yet received
  'removed', // xóa tên
  'left', // cho ra khỏi Đảng (on request)
  'expelled', // khai trừ
  'deceased', // từ trần
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Statuses of people who are members on a date (counted in totals). */
export const ACTIVE_STATUSES: readonly MemberStatus[] = ['probationary', 'official', 'exempt', 'transferring'];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/** Political-theory levels (trình độ lý luận chính trị). */
export const POLITICAL_THEORY_LEVELS = ['none', 'so_cap', 'trung_cap', 'cao_cap', 'cu_nhan'] as const;

/** Age bands used by filters and statistics (the bands of the yearly forms: up to 30, 31–40, …). */
export const AGE_BANDS = ['to30', '31to40', '41to50', '51to60', '61to70', 'over70'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Inclusive [min, max] ages of a band. */
export function ageBandRange(band: AgeBand): [number, number] {
  switch (band) {
    case 'to30': return [0, 30];
    case '31to40': return [31, 40];
    case '41to50': return [41, 50];
    case '51to60': return [51, 60];
    case '61to70': return [61, 70];
    case 'over70': return [71, 200];
  }
}

export interface MemberProfile {
  fullName: string;
  otherNames?: string | null;
  sex: string;
  birthDate: string;
  birthProvinceCode?: string | null;
  birthPlace?: string | null;
  homeTown?: string | null;
  ethnicity?: string | null;
  religion?: string | null;
  citizenId?: string | null;
  cardNumber?: string | null;
  educationGeneral?: string | null;
  educationProfessional?: string | null;
  politicalTheory?: string | null;
  occupation?: string | null;
  phone?: string | null;
  admissionDate?: string | null;
  officialDate?: string | null;
  note?: string | null;
}

/** A rule with the text it comes from and the dates it is in force. */
export interface RuleSource {
  source: string;
  inForceFrom: string;
  inForceTo: string | null;
}

/**
 * Citizen identity number (số định danh cá nhân, CCCD), 12 digits: birth-province code (3), century and
 * sex (1: 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s …), year of birth (2), random (6).
 */
export const CITIZEN_ID_RULE: RuleSource = {
  source: 'Thông tư 07/2016/TT-BCA, Điều 7; Thông tư 59/2021/TT-BCA, Điều 7',
  inForceFrom: '2016-04-01',
  inForceTo: null,
};

/** Errors in a citizen ID given the recorded birth date, sex and (if known) birth province. */
export function checkCitizenId(
  citizenId: string,
  birthDate: string | null,
  sex: string | null,
  birthProvinceCode: string | null | undefined,
): FieldError[] {
  const field = 'citizenId';
  if (!/^\d{12}$/.test(citizenId)) {
    return [{ field, code: 'citizen_id_format', message: 'Số CCCD phải gồm đúng 12 chữ số' }];
  }
  const errors: FieldError[] = [];
  const province = citizenId.slice(0, 3);
  if (Number(province) < 1 || Number(province) > 96) {
    errors.push({ field, code: 'citizen_id_province', message: `Mã tỉnh ${province} trong số CCCD không tồn tại (001–096)` });
  } else if (birthProvinceCode && province !== birthProvinceCode.padStart(3, '0')) {
    errors.push({ field, code: 'citizen_id_province', message: `Mã tỉnh ${province} trong số CCCD không khớp nơi đăng ký khai sinh (${birthProvinceCode.padStart(3, '0')})` });
  }
  const centurySex = Number(citizenId[3]);
  const yy = citizenId.slice(4, 6);
  if (birthDate && isIsoDate(birthDate)) {
    const year = Number(birthDate.slice(0, 4));
    const expectedCentury = Math.floor((year - 1900) / 100);
    if (expectedCentury < 0 || Math.floor(centurySex / 2) !== expectedCentury) {
      errors.push({ field, code: 'citizen_id_century', message: `Chữ số thứ 4 của số CCCD (${centurySex}) không khớp thế kỷ của năm sinh ${year}` });
    }
    if (yy !== String(year % 100).padStart(2, '0')) {
      errors.push({ field, code: 'citizen_id_year', message: `Chữ số thứ 5–6 của số CCCD (${yy}) không khớp năm sinh ${year}` });
    }
  }
  if (sex === 'male' || sex === 'female') {
    const isFemale = centurySex % 2 === 1;
    if (isFemale !== (sex === 'female')) {
      errors.push({ field, code: 'citizen_id_sex', message: `Chữ số thứ 4 của số CCCD (${centurySex}) không khớp giới tính ${sex === 'female' ? 'nữ' : 'nam'}` });
    }
  }
  return errors;
}

/** Age limits for admission: 18 full years (Điều lệ Đảng 2011, Điều 1; counted in months from QĐ 29-QĐ/TW). */
export const MIN_ADMISSION_AGE = 18;
/** Probation lasts 12 months from the ceremony (Điều lệ Đảng 2011, Điều 5). */
export const PROBATION_MONTHS = 12;

const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} '-]*$/u;
const PHONE_PATTERN = /^\+?[0-9 .]{8,15}$/;

/**
 * Checks a profile as a whole and returns every problem with the field it concerns.
 * `today` bounds dates that cannot be in the future.
 */
export function validateMemberProfile(p: MemberProfile, status: string | null, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });

  const name = normalizeText(p.fullName ?? '');
  if (!name) add('fullName', 'required', 'Họ và tên là bắt buộc');
  else if (name.length > 100) add('fullName', 'too_long', 'Họ và tên dài quá 100 ký tự');
  else if (!NAME_PATTERN.test(name)) add('fullName', 'invalid_characters', 'Họ và tên chỉ gồm chữ cái, dấu cách, dấu gạch nối');
  else if (!name.includes(' ')) add('fullName', 'incomplete', 'Họ và tên phải có ít nhất họ và tên');

  if (p.sex !== 'male' && p.sex !== 'female') add('sex', 'required', 'Giới tính là bắt buộc (nam hoặc nữ)');

  const dateFields: Array<[keyof MemberProfile, string]> = [
    ['birthDate', 'Ngày sinh'],
    ['admissionDate', 'Ngày vào Đảng'],
    ['officialDate', 'Ngày chính thức'],
  ];
  for (const [field, label] of dateFields) {
    const v = p[field];
    if (v == null || v === '') continue;
    if (typeof v !== 'string' || !isIsoDate(v)) add(field, 'invalid_date', `${label} không phải ngày hợp lệ`);
    else if (v > today) add(field, 'future_date', `${label} không được sau ngày hôm nay`);
  }
  if (!p.birthDate) add('birthDate', 'required', 'Ngày sinh là bắt buộc');
  const ok = (v: string | null | undefined): v is string => !!v && isIsoDate(v);

  if (ok(p.birthDate) && p.birthDate < '1900-01-01') add('birthDate', 'too_early', 'Ngày sinh phải từ năm 1900');
  if (ok(p.birthDate) && ok(p.admissionDate) && fullYearsBetween(p.birthDate, p.admissionDate) < MIN_ADMISSION_AGE) {
    add('admissionDate', 'under_age', `Ngày vào Đảng phải khi đã đủ ${MIN_ADMISSION_AGE} tuổi (Điều lệ Đảng, Điều 1)`);
  }
  if (ok(p.admissionDate) && ok(p.officialDate) && p.officialDate < addMonths(p.admissionDate, PROBATION_MONTHS)) {
    add('officialDate', 'probation_too_short', `Ngày chính thức phải sau ngày vào Đảng ít nhất ${PROBATION_MONTHS} tháng (Điều lệ Đảng, Điều 5): sớm nhất ${addMonths(p.admissionDate, PROBATION_MONTHS).split('-').reverse().join('/')}`);
  }
  if (ok(p.officialDate) && !p.admissionDate) add('admissionDate', 'required', 'Có ngày chính thức thì phải có ngày vào Đảng');
  if (status && status !== 'probationary' && status !== 'removed' && status !== 'deceased' && !p.officialDate) {
    if (status === 'official' || status === 'exempt') add('officialDate', 'required', 'Đảng viên chính thức phải có ngày chính thức');
  }
  if (status === 'probationary' && p.officialDate) add('officialDate', 'not_allowed', 'Đảng viên dự bị chưa có ngày chính thức');
  if (status && status !== 'probationary' && !p.admissionDate) add('admissionDate', 'required', 'Ngày vào Đảng là bắt buộc');
  if (status === 'probationary' && !p.admissionDate) add('admissionDate', 'required', 'Ngày vào Đảng là bắt buộc');

  if (p.citizenId) {
    errors.push(...checkCitizenId(p.citizenId, ok(p.birthDate) ? p.birthDate : null, p.sex ?? null, p.birthProvinceCode));
  }
  if (p.birthProvinceCode && !/^\d{2,3}$/.test(p.birthProvinceCode)) add('birthProvinceCode', 'invalid', 'Mã tỉnh nơi sinh gồm 2 hoặc 3 chữ số');
  if (p.politicalTheory && !(POLITICAL_THEORY_LEVELS as readonly string[]).includes(p.politicalTheory)) {
    add('politicalTheory', 'invalid', 'Trình độ lý luận chính trị không hợp lệ');
  }
  if (p.phone && !PHONE_PATTERN.test(p.phone)) add('phone', 'invalid', 'Số điện thoại không hợp lệ');
  return errors;
}
