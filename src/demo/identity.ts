// Identity numbers of the demo's members: citizen IDs (CCCD) that follow the rule checked by
// checkCitizenId in src/domain/members.ts, and old 8-digit party card numbers. Both unique.
import { hash32, hashString, permute } from './random.ts';

/**
 * The century-and-sex digit of a citizen ID (Thông tư 59/2021/TT-BCA, Điều 7): 0/1 for men/women
 * born in the 1900s, 2/3 in the 2000s, 4/5 in the 2100s …
 */
export function centurySexDigit(birthYear: number, sex: 'male' | 'female'): number {
  const century = Math.floor((birthYear - 1900) / 100);
  if (century < 0 || century > 4) throw new RangeError(`birth year ${birthYear} outside 1900–2399`);
  return century * 2 + (sex === 'female' ? 1 : 0);
}

/**
 * Hands out citizen IDs: 3 digits of the birth province, the century-and-sex digit, 2 digits of the
 * birth year, then 6 digits that are a keyed permutation of a counter kept per prefix, so that no two
 * are equal (up to a million people per province, sex and year of birth) and they look random.
 */
export class CitizenIdIssuer {
  /** Next serial per prefix (province × 1000 + century-and-sex × 100 + year): at most 96,999. */
  private readonly counters = new Int32Array(97_000);
  private readonly key: number;

  constructor(seed: number) {
    this.key = hash32(seed, hashString('citizen-id'));
  }

  issue(birthProvinceCode: string, birthYear: number, sex: 'male' | 'female'): string {
    const province = Number(birthProvinceCode);
    if (!Number.isInteger(province) || province < 1 || province > 96) throw new RangeError(`province code ${birthProvinceCode}`);
    const cs = centurySexDigit(birthYear, sex);
    const yy = birthYear % 100;
    const prefix = province * 1000 + cs * 100 + yy;
    const n = this.counters[prefix]!;
    if (n >= 1_000_000) throw new RangeError(`more than a million citizen IDs with prefix ${prefix}`);
    this.counters[prefix] = n + 1;
    const serial = permute(n, 1_000_000, hash32(this.key, prefix));
    return String(province).padStart(3, '0') + cs + String(yy).padStart(2, '0') + String(serial).padStart(6, '0');
  }
}

/**
 * An old party card number (8 digits) for a member id: an affine map modulo 10^8 whose multiplier is
 * prime to 10, so distinct ids below 10^8 give distinct numbers, spread over the whole range.
 */
export function cardNumber(seed: number, memberId: number): string {
  if (!Number.isInteger(memberId) || memberId < 0 || memberId >= 100_000_000) throw new RangeError(`member id ${memberId}`);
  const offset = hash32(seed, hashString('card-number')) % 100_000_000;
  // 48,271,917 × id stays below 2^53 for ids below 10^8.
  return String((CARD_MULTIPLIER * memberId + offset) % 100_000_000).padStart(8, '0');
}
const CARD_MULTIPLIER = 48_271_917;
