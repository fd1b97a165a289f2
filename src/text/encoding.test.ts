import { describe, expect, it } from 'vitest';
import { decodeText, looksMisencoded } from './encoding.ts';

const text = 'mã,tên\n28861,Tiên Thủy\n';

describe('decodeText', () => {
  it('reads UTF-8, with and without a byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8-bom' });
  });
  it('reads UTF-16 by its byte-order mark', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]))).toEqual({ text, encoding: 'utf-16be' });
  });
  it('reads Windows-1258 (tones as combining marks) into NFC', () => {
    // "Thủy" in Windows-1258: T h u + hook above (0xD2) y.
    expect(decodeText(new Uint8Array([0x54, 0x68, 0x75, 0xd2, 0x79]))).toEqual({ text: 'Thủy', encoding: 'windows-1258' });
  });
});

describe('looksMisencoded', () => {
  it('spots UTF-8 read as Latin-1 and saved again', () => {
    expect(looksMisencoded(Buffer.from('Tiên Thủy', 'utf8').toString('latin1'))).toBe(true);
    expect(looksMisencoded('Tiên Thủy')).toBe(false);
    expect(looksMisencoded('Đảng bộ xã Ô Môn, Ấp Ư')).toBe(false);
  });
});
