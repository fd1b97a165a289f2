// Vietnamese text rules used by import, search and sort alike (domain reference §7).
// One module so that a name is normalized, searched and sorted the same way everywhere.

const COMBINING = /[\u0300-\u036f]/g;

/** Tones (thanh điệu) in Vietnamese dictionary order: ngang < huyền < hỏi < ngã < sắc < nặng. */
const TONE_MARKS: Record<string, number> = {
  '\u0300': 1, // huyền (grave)
  '\u0309': 2, // hỏi (hook above)
  '\u0303': 3, // ngã (tilde)
  '\u0301': 4, // sắc (acute)
  '\u0323': 5, // nặng (dot below)
};

/** Letter modifiers that make separate letters of the alphabet (ă â ê ô ơ ư). */
const MODIFIERS: Record<string, string> = { '\u0306': 'breve', '\u0302': 'circumflex', '\u031b': 'horn' };

/** The Vietnamese alphabet, with the Latin letters used in foreign and ethnic-minority names (f j w z) in Latin order. */
const ALPHABET = [
  'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n',
  'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];
const DIGITS = '0123456789';
const MODIFIED: Record<string, Record<string, string>> = {
  a: { breve: 'ă', circumflex: 'â' },
  e: { circumflex: 'ê' },
  o: { circumflex: 'ô', horn: 'ơ' },
  u: { horn: 'ư' },
};

/** Unicode NFC with single spaces, trimmed: how every name is stored. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** A letter split into its base letter of the alphabet, its tone, and whether it was upper case. */
interface Letter {
  letter: string;
  tone: number;
  upper: boolean;
}

function splitLetters(text: string): Letter[] {
  const out: Letter[] = [];
  for (const cluster of text.normalize('NFC')) {
    const lower = cluster.toLowerCase();
    const upper = cluster !== lower;
    const decomposed = lower.normalize('NFD');
    let base = decomposed[0] ?? '';
    let tone = 0;
    for (const mark of decomposed.slice(1)) {
      const t = TONE_MARKS[mark];
      if (t !== undefined) tone = t;
      const mod = MODIFIERS[mark];
      if (mod !== undefined) base = MODIFIED[base]?.[mod] ?? base;
    }
    out.push({ letter: base, tone, upper });
  }
  return out;
}

/**
 * Search key: lower case, no diacritics, đ → d, single spaces. "Trần Ngọc Tâm" → "tran ngoc tam";
 * "Tiên Thủy" and "Tiên Thuỷ" both → "tien thuy".
 */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Identity key for names that may differ only in tone-mark placement or case: "Thủy" / "Thuỷ",
 * "hòa" / "hoà". Each word keeps its letters (ă, ê, ơ … stay distinct) and carries its tone at the end.
 */
export function toneInsensitiveKey(value: string): string {
  return normalizeText(value)
    .split(' ')
    .map((word) => {
      const letters = splitLetters(word);
      const tone = letters.reduce((t, l) => (l.tone > 0 ? l.tone : t), 0);
      return letters.map((l) => l.letter).join('') + tone;
    })
    .join(' ');
}

/** True when two names are the same place or person written with a different tone-mark placement or case. */
export function sameName(a: string, b: string): boolean {
  return toneInsensitiveKey(a) === toneInsensitiveKey(b);
}

/** Splits a full name into family name (họ), middle names (tên đệm) and given name (tên). */
export function splitFullName(fullName: string): { family: string; middle: string; given: string } {
  const words = normalizeText(fullName).split(' ').filter(Boolean);
  if (words.length === 0) return { family: '', middle: '', given: '' };
  if (words.length === 1) return { family: '', middle: '', given: words[0]! };
  return { family: words[0]!, middle: words.slice(1, -1).join(' '), given: words[words.length - 1]! };
}

// Weights are printable ASCII so that the key sorts the same under COLLATE "C" on PostgreSQL 15
// and on PGlite, which has no Vietnamese collation (shared/stack §4).
const WORD_SEPARATOR = '!';
const LEVEL_SEPARATOR = ' ';
const FIELD_SEPARATOR = '\u0001';
function primaryWeight(letter: string): string {
  const digit = DIGITS.indexOf(letter);
  if (digit >= 0) return String.fromCharCode(0x30 + digit);
  const index = ALPHABET.indexOf(letter);
  if (index >= 0) return String.fromCharCode(0x41 + index);
  // Anything else (rare letters of other scripts) sorts after the alphabet, by code point.
  return '~' + letter;
}

/**
 * A string whose byte order ("C" collation) is the Vietnamese alphabetical order of `text`:
 * letters first (a < ă < â < b … đ …), then tones (ngang < huyền < hỏi < ngã < sắc < nặng), then case,
 * as ICU's `vi` collation and `Intl.Collator('vi')` order them.
 */
export function collationKey(text: string): string {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const letters = words.map((w) => splitLetters(w).filter((l) => /[\p{L}\p{N}]/u.test(l.letter)));
  const primary = letters.map((ls) => ls.map((l) => primaryWeight(l.letter)).join('')).join(WORD_SEPARATOR);
  const secondary = letters.flat().map((l) => String(l.tone)).join('');
  const tertiary = letters.flat().map((l) => (l.upper ? '1' : '0')).join('');
  return primary + LEVEL_SEPARATOR + secondary + LEVEL_SEPARATOR + tertiary;
}

/** The order names are listed in: by given name, then middle names, then family name (domain reference §7). */
export function nameSortKey(fullName: string): string {
  const { family, middle, given } = splitFullName(fullName);
  // Field by field, so that a given name is fully compared (tones included) before the middle name.
  return [given, middle, family].map(collationKey).join(FIELD_SEPARATOR);
}

const collator = new Intl.Collator('vi');
/** Compares two strings in Vietnamese order (for sorting in memory). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
