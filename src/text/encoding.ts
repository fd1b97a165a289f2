// Reading a text file whose encoding the user did not say: the files people export for imports come as
// UTF-8 (with or without a byte-order mark), UTF-16 from Excel's "Unicode text", or Windows-1258, the
// Vietnamese code page of older Windows tools. Bytes are decoded, never guessed line by line.

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export interface DecodedText {
  /** NFC text (Windows-1258 writes tones as combining marks; NFC puts them back on their letters). */
  text: string;
  encoding: TextEncodingName;
}

const decode = (label: string, bytes: Uint8Array, fatal = false) => new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);

/**
 * Decodes `bytes`: a byte-order mark decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8, and
 * anything else is read as Windows-1258. UTF-8 is tried first because a Windows-1258 reading of UTF-8
 * bytes never fails, while UTF-8 decoding of Vietnamese Windows-1258 text almost always does.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { text: decode('utf-8', bytes.subarray(3)).normalize('NFC'), encoding: 'utf-8-bom' };
  if (a === 0xff && b === 0xfe) return { text: decode('utf-16le', bytes.subarray(2)).normalize('NFC'), encoding: 'utf-16le' };
  if (a === 0xfe && b === 0xff) return { text: decode('utf-16be', bytes.subarray(2)).normalize('NFC'), encoding: 'utf-16be' };
  try {
    return { text: decode('utf-8', bytes, true).normalize('NFC'), encoding: 'utf-8' };
  } catch {
    return { text: decode('windows-1258', bytes).normalize('NFC'), encoding: 'windows-1258' };
  }
}

/**
 * Signs that UTF-8 text was once read as a Windows code page and saved again ("Tiên Thá»§y" for
 * "Tiên Thủy"): the lead bytes of UTF-8 sequences for Vietnamese letters shown as Latin-1 letters.
 */
const MOJIBAKE = /Ã[\u0080-\u00bf]|á»|áº|Æ°|Ä‘|Ä\u0090|Æ¡/u;

export function looksMisencoded(line: string): boolean {
  return MOJIBAKE.test(line) || line.includes('\ufffd');
}

export const ENCODING_LABELS_VI: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 có BOM',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1258': 'Windows-1258',
};
