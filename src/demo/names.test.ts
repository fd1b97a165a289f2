import { describe, expect, it } from 'vitest';
import { Rng } from './random.ts';
import { TONE_VARIANTS, generateName, regionOf, type Region, type Sex } from './names.ts';
import { validateMemberProfile } from '../domain/members.ts';
import { sameName, splitFullName } from '../text/vietnamese.ts';

function names(seed: number, n: number, sex: Sex, region: Region = 'south', ethnicity = 'Kinh') {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => generateName(rng, sex, region, ethnicity));
}

describe('generateName', () => {
  it('gives the same names for the same seed', () => {
    expect(names(5, 200, 'female')).toEqual(names(5, 200, 'female'));
    expect(names(5, 200, 'female')).not.toEqual(names(6, 200, 'female'));
  });

  it('gives NFC names of at least two words that the member form accepts, split as splitFullName splits them', () => {
    const ethnicities = ['Kinh', 'Khmer', 'Hoa', 'Tày', 'Thái', 'Mông', 'Dao', 'Mường', 'Gia Rai', 'Ê Đê', 'Ba Na', 'Cơ Ho', 'Xơ Đăng'];
    let seed = 1;
    for (const ethnicity of ethnicities) {
      for (const sex of ['male', 'female'] as const) {
        for (const n of names(seed++, 300, sex, 'north', ethnicity)) {
          expect(n.full.normalize('NFC')).toBe(n.full);
          expect(n.full.split(' ').length).toBeGreaterThanOrEqual(2);
          expect(splitFullName(n.full)).toEqual({ family: n.family, middle: n.middle, given: n.given });
          const errors = validateMemberProfile({ fullName: n.full, sex, birthDate: '1980-01-01' }, null, '2026-01-01');
          expect(errors.filter((e) => e.field === 'fullName')).toEqual([]);
        }
      }
    }
  });

  it('has realistic family-name frequencies: Nguyễn near 38 %, then Trần and Lê; Huỳnh in the south, Hoàng in the north', () => {
    const count = (list: ReturnType<typeof names>, family: string) => list.filter((n) => n.family === family).length / list.length;
    const south = [...names(1, 10_000, 'male'), ...names(2, 10_000, 'female')];
    expect(count(south, 'Nguyễn')).toBeGreaterThan(0.34);
    expect(count(south, 'Nguyễn')).toBeLessThan(0.42);
    expect(count(south, 'Trần')).toBeGreaterThan(count(south, 'Phạm'));
    expect(count(south, 'Huỳnh')).toBeGreaterThan(count(south, 'Hoàng'));
    const north = names(3, 20_000, 'male', 'north');
    expect(count(north, 'Hoàng')).toBeGreaterThan(count(north, 'Huỳnh'));
  });

  it('uses middle names by sex (Văn for men, Thị for women) and writes some names both ways (Thủy / Thuỷ)', () => {
    const men = names(8, 20_000, 'male');
    const women = names(9, 20_000, 'female');
    expect(men.filter((n) => n.middle === 'Văn').length / men.length).toBeGreaterThan(0.3);
    expect(men.some((n) => n.middle.includes('Thị'))).toBe(false);
    expect(women.filter((n) => n.middle.startsWith('Thị')).length / women.length).toBeGreaterThan(0.4);
    expect(women.some((n) => n.middle === 'Văn')).toBe(false);
    const given = new Set([...men, ...women].map((n) => n.given));
    for (const [now, old] of Object.entries(TONE_VARIANTS).filter(([k]) => k !== 'Thụy')) {
      expect(given.has(now), now).toBe(true);
      expect(given.has(old), old).toBe(true);
      expect(sameName(now, old)).toBe(true);
    }
  });

  it('places provinces in their region', () => {
    expect(regionOf('01')).toBe('north');
    expect(regionOf('38')).toBe('central');
    expect(regionOf('83')).toBe('south');
  });
});
