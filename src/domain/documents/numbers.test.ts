import { describe, expect, it } from 'vitest';
import { parseDocumentNumber, uniquenessKey } from './numbers.ts';

const ok = (raw: string) => {
  const r = parseDocumentNumber(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const errors = (raw: string) => {
  const r = parseDocumentNumber(raw);
  if (r.ok) throw new Error(`accepted ${raw}`);
  return r.errors;
};

describe('document numbers (Hướng dẫn 36-HD/VPTW: số-LOẠI/CƠ QUAN)', () => {
  it('reads the numbers of the domain reference', () => {
    expect(ok('02-NQ/TU')).toEqual({ seq: 2, kind: 'NQ', issuer: 'TU', text: '02-NQ/TU' });
    expect(ok('60-NQ/TW').seq).toBe(60);
    expect(ok('129-KH/TU').kind).toBe('KH');
    expect(ok('16-HD/BTCTW').issuer).toBe('BTCTW');
    expect(ok('36-HD/VPTW').issuer).toBe('VPTW');
    expect(ok('24-QĐ/TW').kind).toBe('QĐ');
    expect(ok('05-CTr/ĐU')).toMatchObject({ kind: 'CTr', issuer: 'ĐU' });
    expect(ok('45-KH/ThU').issuer).toBe('ThU');
    expect(ok('01-NQ/BCSĐ-UBND').issuer).toBe('BCSĐ-UBND');
  });

  it('normalizes spaces, NFD input and the look-alike Ð', () => {
    expect(ok(' 02 - NQ / TU ').text).toBe('02-NQ/TU');
    expect(ok('24-QĐ/TW'.normalize('NFD')).text).toBe('24-QĐ/TW');
    expect(ok('12-QÐ/ÐU').text).toBe('12-QĐ/ĐU');
  });

  it('names what is wrong, in Vietnamese', () => {
    expect(errors('')[0]!.code).toBe('required');
    expect(errors('02NQTU')[0]!.message).toMatch(/dạng số-LOẠI/);
    expect(errors('02-QD/TU')[0]!.message).toBe('Loại văn bản "QD" phải viết là "QĐ"');
    expect(errors('02-nq/TU')[0]!.message).toBe('Loại văn bản "nq" phải viết là "NQ"');
    expect(errors('02-CTR/TU')[0]!.message).toMatch(/"CTr"/);
    expect(errors('02-XX/TU')[0]!.message).toMatch(/không hợp lệ; dùng một trong: NQ, CT, QĐ/);
    expect(errors('02-NQ/tu')[0]!.message).toMatch(/phải viết hoa: TU/);
    expect(errors('02-NQ/')[0]!.code).toBe('issuer');
    expect(errors('02-NQ/T U')[0]!.message).toMatch(/chỉ gồm chữ cái/);
    expect(errors('02-NQ/1TU')[0]!.code).toBe('issuer');
    expect(errors('0-NQ/TU')[0]!.message).toMatch(/từ 01/);
    expect(errors('ab-NQ/TU')[0]!.code).toBe('seq');
    expect(errors('123456-NQ/TU')[0]!.code).toBe('seq');
    // Two faults at once are both reported.
    expect(errors('x-YY/TU').map((e) => e.code)).toEqual(['seq', 'kind']);
    expect(parseDocumentNumber('x', 'fields.number').ok).toBe(false);
    expect((parseDocumentNumber('x', 'doc.number') as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('doc.number');
  });

  it('keys uniqueness on issuing unit, kind, number and year', () => {
    const a = ok('01-HD/TW');
    expect(uniquenessKey(1, a, '2016-09-20')).not.toBe(uniquenessKey(1, a, '2021-09-28'));
    expect(uniquenessKey(1, a, '2016-09-20')).toBe(uniquenessKey(1, ok('1-HD/TW'), '2016-12-31'));
    expect(uniquenessKey(1, ok('02-NQ/TU'), '2016-01-01')).not.toBe(uniquenessKey(1, ok('02-KH/TU'), '2016-01-01'));
    expect(uniquenessKey(1, ok('02-NQ/TU'), '2016-01-01')).not.toBe(uniquenessKey(2, ok('02-NQ/TU'), '2016-01-01'));
  });
});
