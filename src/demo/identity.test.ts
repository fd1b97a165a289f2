import { describe, expect, it } from 'vitest';
import { CitizenIdIssuer, cardNumber, centurySexDigit } from './identity.ts';
import { checkCitizenId } from '../domain/members.ts';
import { Rng } from './random.ts';

describe('citizen IDs', () => {
  it('agree with the birth province, sex and year, as checkCitizenId requires', () => {
    const issuer = new CitizenIdIssuer(2017);
    const rng = new Rng(3);
    for (let i = 0; i < 20_000; i++) {
      const province = String(rng.int(1, 96)).padStart(2, '0');
      const year = rng.int(1900, 2025);
      const sex = rng.chance(0.35) ? 'female' : 'male';
      const birthDate = `${year}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
      const id = issuer.issue(province, year, sex);
      expect(id).toMatch(/^\d{12}$/);
      expect(checkCitizenId(id, birthDate, sex, province)).toEqual([]);
    }
  });

  it('are unique even for many people of one province, sex and year', () => {
    const issuer = new CitizenIdIssuer(1);
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(issuer.issue('83', 1975, 'male'));
    expect(seen.size).toBe(200_000);
    for (const id of [...seen].slice(0, 100)) expect(id.slice(0, 6)).toBe('083075');
  });

  it('are the same for the same seed and order, and differ for another seed', () => {
    const run = (seed: number) => {
      const issuer = new CitizenIdIssuer(seed);
      return Array.from({ length: 50 }, (_, i) => issuer.issue('83', 1960 + (i % 40), i % 3 ? 'male' : 'female'));
    };
    expect(run(2017)).toEqual(run(2017));
    expect(run(2017)).not.toEqual(run(2018));
  });

  it('code the century and sex as 0/1 for the 1900s and 2/3 for the 2000s', () => {
    expect(centurySexDigit(1999, 'male')).toBe(0);
    expect(centurySexDigit(1999, 'female')).toBe(1);
    expect(centurySexDigit(2000, 'male')).toBe(2);
    expect(centurySexDigit(2005, 'female')).toBe(3);
    expect(() => centurySexDigit(1899, 'male')).toThrow(RangeError);
  });
});

describe('party card numbers', () => {
  it('are 8 digits, unique per member id and deterministic', () => {
    const seen = new Set<string>();
    for (let id = 1; id <= 1_000_000; id++) seen.add(cardNumber(2017, id));
    expect(seen.size).toBe(1_000_000);
    expect([...seen].every((c) => /^\d{8}$/.test(c))).toBe(true);
    expect(cardNumber(2017, 99_999_999)).toMatch(/^\d{8}$/);
    expect(cardNumber(2017, 42)).toBe(cardNumber(2017, 42));
    expect(cardNumber(2017, 42)).not.toBe(cardNumber(2018, 42));
  });
});
