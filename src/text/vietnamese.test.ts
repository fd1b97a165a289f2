import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collationKey, nameSortKey, normalizeText, sameName, searchKey, splitFullName, toneInsensitiveKey } from './vietnamese.ts';

const cmpC = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('searchKey', () => {
  it('drops diacritics and maps đ to d', () => {
    expect(searchKey('Trần Ngọc Tâm')).toBe('tran ngoc tam');
    expect(searchKey('Đặng  Đức')).toBe('dang duc');
  });
  it('finds both tone placements', () => {
    expect(searchKey('Tiên Thủy')).toBe(searchKey('Tiên Thuỷ'));
  });
  it('accepts NFD input', () => {
    expect(searchKey('Tiên Thủy'.normalize('NFD'))).toBe('tien thuy');
  });
});

describe('normalizeText / sameName', () => {
  it('stores NFC with single spaces', () => {
    const nfd = ' Nguyễn   Văn  An '.normalize('NFD');
    expect(normalizeText(nfd)).toBe('Nguyễn Văn An'.normalize('NFC'));
  });
  it('treats tone placement as the same name, but not different letters or tones', () => {
    expect(sameName('Tiên Thủy', 'Tiên Thuỷ')).toBe(true);
    expect(sameName('Hòa', 'hoà')).toBe(true);
    expect(sameName('Hòa', 'Hóa')).toBe(false);
    expect(sameName('Qưới Sơn', 'Quới Sơn')).toBe(false);
    expect(toneInsensitiveKey('Bình Hoà')).toBe(toneInsensitiveKey('Bình Hòa'));
  });
});

describe('collationKey', () => {
  const words = ['Anh', 'Ánh', 'Ăn', 'Âu', 'Bình', 'Dũng', 'Duy', 'Đức', 'Ha', 'Hà', 'Hả', 'Hã', 'Há', 'Hạ', 'Hoa', 'Hỏa', 'Hóa', 'Ông', 'Ơn', 'Uyên', 'Ưng', 'Yến', 'An', 'An Bình', 'Anh Đào'];
  it('orders like Intl.Collator("vi") on the reference list', () => {
    const byKey = [...words].sort((a, b) => cmpC(collationKey(a), collationKey(b)));
    const byIcu = [...words].sort(new Intl.Collator('vi').compare);
    expect(byKey).toEqual(byIcu);
  });
  it('orders like Intl.Collator("vi") on random Vietnamese syllables', () => {
    const syllable = fc.constantFrom('an', 'ăn', 'ân', 'anh', 'ánh', 'ảnh', 'bình', 'binh', 'dũng', 'đức', 'duc', 'hà', 'ha', 'hạ', 'hoa', 'hòa', 'hóa', 'ơn', 'ôn', 'on', 'ưng', 'ung', 'yến', 'yên', 'tâm', 'tấm', 'tam');
    const name = fc.array(syllable, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));
    const icu = new Intl.Collator('vi');
    fc.assert(
      fc.property(name, name, (a, b) => {
        if (a === b) return true;
        return Math.sign(cmpC(collationKey(a), collationKey(b))) === Math.sign(icu.compare(a, b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nameSortKey', () => {
  it('sorts by given name, then middle, then family', () => {
    const names = ['Trần Ngọc Tâm', 'Nguyễn Văn An', 'Lê Thị Ánh', 'Đỗ Văn An', 'Nguyễn Thị Ân', 'Nguyễn Văn Hà', 'Trần An Ha'];
    const sorted = [...names].sort((a, b) => cmpC(nameSortKey(a), nameSortKey(b)));
    // a < ă < â: Ánh before Ân; a full given name (Ha < Hà) decides before the middle name.
    expect(sorted).toEqual(['Đỗ Văn An', 'Nguyễn Văn An', 'Lê Thị Ánh', 'Nguyễn Thị Ân', 'Trần An Ha', 'Nguyễn Văn Hà', 'Trần Ngọc Tâm']);
  });
  it('splits names', () => {
    expect(splitFullName('Trần Ngọc Tâm')).toEqual({ family: 'Trần', middle: 'Ngọc', given: 'Tâm' });
    expect(splitFullName('Tâm')).toEqual({ family: '', middle: '', given: 'Tâm' });
  });
});
