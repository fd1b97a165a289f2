import { describe, expect, it } from 'vitest';
import { admissionEraOf, ageBandOf, AGE_BANDS_FORM, generalEducationOf, partyAgeBandOf, professionalOf, theoryOf } from './breakdowns.ts';

describe('age bands of Biểu 3 (report year minus birth year)', () => {
  it('puts each edge in its band', () => {
    expect(ageBandOf(1987, 2017)).toBe('18-30'); // 30
    expect(ageBandOf(1986, 2017)).toBe('31-35'); // 31
    expect(ageBandOf(1982, 2017)).toBe('31-35'); // 35
    expect(ageBandOf(1981, 2017)).toBe('36-40');
    expect(ageBandOf(1957, 2017)).toBe('56-60'); // 60
    expect(ageBandOf(1956, 2017)).toBe('over60'); // 61
  });
  it('covers every age from 0 with exactly one band', () => {
    for (let age = 0; age < 120; age++) expect(AGE_BANDS_FORM.filter((b) => age >= b.min && age <= b.max)).toHaveLength(1);
  });
});

describe('eras of admission (Biểu 3, mục 3)', () => {
  it('splits on 19/8/1945, 20–21/7/1954, 30/4–1/5/1975', () => {
    expect(admissionEraOf('1945-08-18')).toBe('before1945');
    expect(admissionEraOf('1945-08-19')).toBe('1945-1954');
    expect(admissionEraOf('1954-07-20')).toBe('1945-1954');
    expect(admissionEraOf('1954-07-21')).toBe('1954-1975');
    expect(admissionEraOf('1975-04-30')).toBe('1954-1975');
    expect(admissionEraOf('1975-05-01')).toBe('since1975');
    expect(admissionEraOf(null)).toBe('unknown');
  });
});

describe('party-age bands', () => {
  it('counts whole years from the admission year', () => {
    expect(partyAgeBandOf(2008, 2017)).toBe('under10');
    expect(partyAgeBandOf(2007, 2017)).toBe('10-19');
    expect(partyAgeBandOf(1987, 2017)).toBe('30-39');
    expect(partyAgeBandOf(1967, 2017)).toBe('50plus');
    expect(partyAgeBandOf(null, 2017)).toBe('unknown');
  });
});

describe('schooling and qualifications', () => {
  it('reads grades of the 12- and 10-year systems', () => {
    expect(generalEducationOf('12/12')).toBe('upper_secondary');
    expect(generalEducationOf('10/10')).toBe('upper_secondary');
    expect(generalEducationOf('9/12')).toBe('lower_secondary');
    expect(generalEducationOf('8/12')).toBe('primary');
    expect(generalEducationOf('7/10')).toBe('lower_secondary');
    expect(generalEducationOf('5/12')).toBe('primary');
    expect(generalEducationOf('3/12')).toBe('literate');
    expect(generalEducationOf(null)).toBe('unknown');
  });
  it('keeps the highest professional degree named', () => {
    expect(professionalOf('Cử nhân Luật')).toBe('university');
    expect(professionalOf('Kỹ sư Nông nghiệp')).toBe('university');
    expect(professionalOf('Thạc sĩ Quản lý công')).toBe('master');
    expect(professionalOf('Tiến sỹ Kinh tế')).toBe('doctor');
    expect(professionalOf('Cao đẳng Sư phạm')).toBe('college');
    expect(professionalOf('Trung cấp Kế toán')).toBe('intermediate');
    expect(professionalOf(null)).toBe('none');
    expect(professionalOf('Nghệ nhân')).toBe('unknown');
  });
  it('merges cao cấp and cử nhân into one theory row', () => {
    expect(theoryOf('cu_nhan')).toBe('cao_cap');
    expect(theoryOf('trung_cap')).toBe('trung_cap');
    expect(theoryOf(null)).toBe('none');
  });
});
