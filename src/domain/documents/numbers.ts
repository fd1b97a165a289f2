// Party document numbers ("số và ký hiệu"): number-KIND/ISSUER, as in 02-NQ/TU, 60-NQ/TW, 129-KH/TU, 16-HD/BTCTW.
// Source: Hướng dẫn 36-HD/VPTW (3/4/2018) on the format of party documents (before it 11-HD/VPTW, 2004):
// the number, a hyphen, the abbreviation of the kind, a slash, the abbreviation of the issuing body.
// In force for the documents dangvu records: 2004– (the form is the same in both texts).
import { normalizeText } from '../../text/vietnamese.ts';
import type { FieldError } from '../errors.ts';

/** Kinds of party documents dangvu follows (README §5), with their Vietnamese names. */
export const DOCUMENT_KINDS = ['NQ', 'CT', 'QĐ', 'HD', 'KH', 'KL', 'TB', 'BC', 'CTr'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS_VI: Record<DocumentKind, string> = {
  NQ: 'Nghị quyết', CT: 'Chỉ thị', QĐ: 'Quy định, quyết định', HD: 'Hướng dẫn', KH: 'Kế hoạch',
  KL: 'Kết luận', TB: 'Thông báo', BC: 'Báo cáo', CTr: 'Chương trình',
};

export function isDocumentKind(value: string): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export interface DocumentNumber {
  /** The running number (02 → 2). */
  seq: number;
  kind: DocumentKind;
  /** Abbreviation of the issuing body: TU, TW, HU, ĐU, BTCTW, VPTW… */
  issuer: string;
  /** The number as it is written on the document, normalized ("02-NQ/TU"). */
  text: string;
}

export type ParseResult = { ok: true; value: DocumentNumber } | { ok: false; errors: FieldError[] };

const SHAPE = /^([^-/]*)-([^/]*)\/(.*)$/;
// Issuer abbreviations start with a capital (Đ included); a few carry small letters, like the kind CTr:
// "ThU" (Thành ủy of a city under a province), "ĐUK". An optional hyphenated part, e.g. "BCSĐ-UBND".
const ISSUER = /^[A-ZĐ][A-ZĐa-zđ]{0,11}(?:-[A-ZĐ0-9]{1,12})?$/u;

/**
 * Parses and validates a document number. Input is NFC-normalized; spaces around "-" and "/" are dropped;
 * the Icelandic Ð (U+00D0), which looks like Đ and is often typed for it, is read as Đ. The number keeps
 * its leading zero as written ("02"), since that is how the document is cited.
 */
export function parseDocumentNumber(raw: string, field = 'number'): ParseResult {
  const text = normalizeText(raw ?? '').replace(/\u00D0/g, 'Đ').replace(/\u00F0/g, 'đ').replace(/\s*([-/])\s*/g, '$1');
  const fail = (code: string, message: string): ParseResult => ({ ok: false, errors: [{ field, code, message }] });
  if (!text) return fail('required', 'Số hiệu văn bản là bắt buộc (dạng 02-NQ/TU)');
  const m = SHAPE.exec(text);
  if (!m) return fail('format', `Số hiệu "${text}" phải có dạng số-LOẠI/CƠ QUAN BAN HÀNH, ví dụ 02-NQ/TU`);
  const [, num, kindRaw, issuer] = m as unknown as [string, string, string, string];
  const errors: FieldError[] = [];
  if (!/^[0-9]{1,5}$/.test(num)) errors.push({ field, code: 'seq', message: `Số thứ tự "${num}" phải là số (1–5 chữ số), ví dụ 02` });
  else if (Number(num) === 0) errors.push({ field, code: 'seq', message: 'Số thứ tự phải từ 01 trở lên' });
  let kind: DocumentKind | undefined;
  if (isDocumentKind(kindRaw)) kind = kindRaw;
  else {
    const fixed = DOCUMENT_KINDS.find((k) => k.toUpperCase() === kindRaw.toUpperCase() || (k === 'QĐ' && kindRaw.toUpperCase() === 'QD'));
    errors.push({
      field, code: 'kind',
      message: fixed
        ? `Loại văn bản "${kindRaw}" phải viết là "${fixed}"`
        : `Loại văn bản "${kindRaw}" không hợp lệ; dùng một trong: ${DOCUMENT_KINDS.join(', ')}`,
    });
  }
  if (!issuer) errors.push({ field, code: 'issuer', message: 'Thiếu ký hiệu cơ quan ban hành sau dấu "/" (ví dụ TU, HU, ĐU, TW)' });
  else if (!ISSUER.test(issuer)) {
    errors.push({
      field, code: 'issuer',
      message: issuer.toUpperCase() !== issuer && ISSUER.test(issuer.toUpperCase())
        ? `Ký hiệu cơ quan ban hành "${issuer}" phải viết hoa: ${issuer.toUpperCase()}`
        : `Ký hiệu cơ quan ban hành "${issuer}" chỉ gồm chữ cái, bắt đầu bằng chữ in hoa (kể cả Đ), ví dụ TU, HU, ĐU, ThU, BTCTW`,
    });
  }
  if (errors.length || !kind) return { ok: false, errors };
  return { ok: true, value: { seq: Number(num), kind, issuer, text: `${num}-${kind}/${issuer}` } };
}

/**
 * What makes two documents the same number: the issuing unit, the kind, the running number and the year
 * of issue. The issuing unit, not its abbreviation: every province has a "02-NQ/TU". The kind: numbers are
 * counted per kind (Bến Tre has both 02-NQ/TU and 02-KH/TU). The year: running numbers start again (per
 * year, or per term of the committee for resolutions), so the same number recurs — Hướng dẫn 01-HD/TW was
 * issued on 20/9/2016 and again on 28/9/2021, 12-HD/BTCTW in 2012 and in 2022 (domain README §2).
 * A term that starts mid-year could in principle reuse a resolution number within one year; that case is
 * refused and must be told apart by the year it is registered under.
 */
export function uniquenessKey(issuingUnitId: number, number: DocumentNumber, issuedOn: string): string {
  return `${issuingUnitId}|${number.kind}|${number.seq}|${issuedOn.slice(0, 4)}`;
}
