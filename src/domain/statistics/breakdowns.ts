// The rows of the official roll form (Biểu 3 — Thống kê đội ngũ đảng viên) as data, and the pure
// classifiers that put a member's attributes into them. Source: ../shared/domain/forms.md (the 2021 set,
// Hướng dẫn 11-HD/BTCTW, 13/12/2021, as rendered by two public implementations; labels right, row set "to
// verify"): keeping the rows in one table means a corrected or newer form is an edit here, not a rewrite.
//
// Age: the form does not say whether age is taken at the report date or as the report year minus the year of
// birth. dangvu takes **the report year minus the year of birth** (tuổi tính theo năm sinh), says so in every
// output (AGE_BASIS), and the same choice makes the counts exact from a birth-year breakdown. Party age bands
// follow the same rule from the year of the first admission decision.

export const AGE_BASIS = {
  vi: 'Tuổi đời tính bằng năm báo cáo trừ năm sinh; tuổi đảng bằng năm báo cáo trừ năm có quyết định kết nạp lần đầu',
  en: 'Age is the report year minus the birth year; party age is the report year minus the year of the first admission decision',
} as const;

export interface FormRow { key: string; vi: string; en: string }

/** Biểu 3, mục 2 — Tuổi đời. Inclusive bounds; the first band starts at the admission age. */
export const AGE_BANDS_FORM: ReadonlyArray<FormRow & { min: number; max: number }> = [
  { key: '18-30', vi: 'Từ 18 - 30', en: '18–30', min: 0, max: 30 },
  { key: '31-35', vi: '31 - 35', en: '31–35', min: 31, max: 35 },
  { key: '36-40', vi: '36 - 40', en: '36–40', min: 36, max: 40 },
  { key: '41-45', vi: '41 - 45', en: '41–45', min: 41, max: 45 },
  { key: '46-50', vi: '46 - 50', en: '46–50', min: 46, max: 50 },
  { key: '51-55', vi: '51 - 55', en: '51–55', min: 51, max: 55 },
  { key: '56-60', vi: '56 - 60', en: '56–60', min: 56, max: 60 },
  { key: 'over60', vi: 'Trên 60 tuổi', en: 'Over 60', min: 61, max: Number.POSITIVE_INFINITY },
];

/** Biểu 3, mục 3 — Thời gian kết nạp vào Đảng: eras bounded by 19/8/1945, 20/7/1954 and 30/4/1975 (inclusive ends). */
export const ADMISSION_ERAS: ReadonlyArray<FormRow & { from: string | null; to: string | null }> = [
  { key: 'before1945', vi: 'Trước 19/8/1945', en: 'Before 19/08/1945', from: null, to: '1945-08-18' },
  { key: '1945-1954', vi: 'Từ 19/8/1945 đến 20/7/1954', en: '19/08/1945 – 20/07/1954', from: '1945-08-19', to: '1954-07-20' },
  { key: '1954-1975', vi: 'Từ 21/7/1954 đến 30/4/1975', en: '21/07/1954 – 30/04/1975', from: '1954-07-21', to: '1975-04-30' },
  { key: 'since1975', vi: 'Từ 01/5/1975 đến nay', en: 'Since 01/05/1975', from: '1975-05-01', to: null },
];
/** Every admission on or after this date falls in the last era, so a query may group those dates together. */
export const LAST_ERA_START = '1975-05-01';

/** Biểu 3, mục 4 — Trình độ giáo dục phổ thông. */
export const GENERAL_EDUCATION_ROWS: readonly FormRow[] = [
  { key: 'literate', vi: 'Biết đọc, biết viết chữ quốc ngữ', en: 'Can read and write' },
  { key: 'primary', vi: 'Tiểu học', en: 'Primary' },
  { key: 'lower_secondary', vi: 'Trung học cơ sở', en: 'Lower secondary' },
  { key: 'upper_secondary', vi: 'Trung học phổ thông', en: 'Upper secondary' },
];

/** Biểu 3, mục 5 — Trình độ chuyên môn nghiệp vụ (only the highest degree counts: 2012 rule). */
export const PROFESSIONAL_ROWS: readonly FormRow[] = [
  { key: 'vocational', vi: 'Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp', en: 'Vocational, elementary' },
  { key: 'intermediate', vi: 'Trung cấp', en: 'Intermediate' },
  { key: 'college', vi: 'Cao đẳng', en: 'College' },
  { key: 'university', vi: 'Đại học', en: 'University' },
  { key: 'master', vi: 'Thạc sỹ', en: 'Master' },
  { key: 'doctor', vi: 'Tiến sỹ', en: 'Doctor' },
];

/** Biểu 3, mục 7 — Trình độ lý luận chính trị (cao cấp and cử nhân share a row). */
export const THEORY_ROWS: readonly FormRow[] = [
  { key: 'so_cap', vi: 'Sơ cấp', en: 'Elementary' },
  { key: 'trung_cap', vi: 'Trung cấp', en: 'Intermediate' },
  { key: 'cao_cap', vi: 'Cao cấp, cử nhân', en: 'Advanced, bachelor' },
];

/** Party-age bands (tuổi đảng), on the thresholds of the party-badge years (30, 40, 50 …). Not a form row. */
export const PARTY_AGE_BANDS: ReadonlyArray<FormRow & { min: number; max: number }> = [
  { key: 'under10', vi: 'Dưới 10 năm', en: 'Under 10 years', min: 0, max: 9 },
  { key: '10-19', vi: 'Từ 10 đến dưới 20 năm', en: '10–19 years', min: 10, max: 19 },
  { key: '20-29', vi: 'Từ 20 đến dưới 30 năm', en: '20–29 years', min: 20, max: 29 },
  { key: '30-39', vi: 'Từ 30 đến dưới 40 năm', en: '30–39 years', min: 30, max: 39 },
  { key: '40-49', vi: 'Từ 40 đến dưới 50 năm', en: '40–49 years', min: 40, max: 49 },
  { key: '50plus', vi: 'Từ 50 năm trở lên', en: '50 years and more', min: 50, max: Number.POSITIVE_INFINITY },
];

export const UNKNOWN = 'unknown';

const inBand = <T extends { key: string; min: number; max: number }>(bands: readonly T[], n: number) =>
  bands.find((b) => n >= b.min && n <= b.max)?.key ?? UNKNOWN;

/** Age band of Biểu 3 for a member born in `birthYear`, in a report of `reportYear` (AGE_BASIS). */
export const ageBandOf = (birthYear: number, reportYear: number) => inBand(AGE_BANDS_FORM, reportYear - birthYear);

/** Party-age band in a report of `reportYear` for a first admission decision in `admissionYear`. */
export const partyAgeBandOf = (admissionYear: number | null, reportYear: number) =>
  admissionYear === null ? UNKNOWN : inBand(PARTY_AGE_BANDS, reportYear - admissionYear);

/** Era of Biểu 3, mục 3, for the date of the first admission decision (ISO). */
export function admissionEraOf(admissionDate: string | null): string {
  if (admissionDate === null) return UNKNOWN;
  return ADMISSION_ERAS.find((e) => (e.from === null || admissionDate >= e.from) && (e.to === null || admissionDate <= e.to))!.key;
}

/**
 * General schooling as the profile records it ("12/12", "9/12", "10/10", "7/10", "5/12" …: grades completed of
 * the system's length) → the row of Biểu 3, mục 4. The 10-year system (north, before 1981) ends upper secondary
 * at grade 10 and lower secondary at grade 7; the 12-year system at 12 and 9.
 */
export function generalEducationOf(value: string | null): string {
  const m = /^\s*(\d{1,2})\s*\/\s*(10|12)\s*$/.exec(value ?? '');
  if (!m) return value && /biết đọc|biết viết/i.test(value) ? 'literate' : UNKNOWN;
  const grade = Number(m[1]);
  const system = Number(m[2]);
  const lowerEnd = system === 10 ? 7 : 9;
  const primaryEnd = system === 10 ? 4 : 5;
  if (grade >= system) return 'upper_secondary';
  if (grade >= lowerEnd) return 'lower_secondary';
  if (grade >= primaryEnd) return 'primary';
  return 'literate';
}

/** The highest professional qualification as written ("Cử nhân Luật", "Thạc sĩ Quản lý công" …) → Biểu 3, mục 5. */
export function professionalOf(value: string | null): string {
  const v = (value ?? '').normalize('NFC').toLowerCase();
  if (!v.trim()) return 'none';
  if (/tiến s[ĩỹ]/.test(v)) return 'doctor';
  if (/thạc s[ĩỹ]|chuyên khoa/.test(v)) return 'master';
  if (/cử nhân|kỹ sư|kĩ sư|bác sĩ|bác sỹ|dược sĩ|kiến trúc sư|đại học/.test(v)) return 'university';
  if (/cao đẳng/.test(v)) return 'college';
  if (/trung cấp/.test(v)) return 'intermediate';
  if (/sơ cấp|công nhân kỹ thuật|nhân viên nghiệp vụ/.test(v)) return 'vocational';
  return UNKNOWN;
}

/** Political-theory level as stored → Biểu 3, mục 7 ('none' is counted but has no row on the form). */
export function theoryOf(value: string | null): string {
  if (value === 'cu_nhan' || value === 'cao_cap') return 'cao_cap';
  if (value === 'so_cap' || value === 'trung_cap') return value;
  return 'none';
}
