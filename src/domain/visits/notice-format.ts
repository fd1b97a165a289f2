// The layout of a party document (thể thức văn bản của Đảng) for the conclusion notice. Source: Hướng dẫn
// 36-HD/VPTW (3/4/2018) of the Central Party Office on the format of party documents, in force 2018–
// (before it 11-HD/VPTW, 2004, with the same header, date and signature rules): top left the issuing body
// (under the name of the party organization above it, then "*"), and its number; top right "ĐẢNG CỘNG SẢN
// VIỆT NAM" and "place, ngày … tháng … năm …" with a leading 0 for days below 10 and for months 1 and 2;
// then the kind of document in capitals, its subject, the body; bottom left "Nơi nhận:", bottom right
// the authority ("T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY"), the signer's title and name.
import type { UnitKind } from '../units.ts';

/** "Đảng bộ tỉnh Bến Tre" → "Tỉnh ủy Bến Tre", "Đảng bộ xã Tiên Thủy" → "Đảng ủy xã Tiên Thủy": the committee that leads a party organization. */
export function committeeName(unitName: string, kind: string): string {
  const m = /^Đảng bộ (tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+(.+)$/iu.exec(unitName.trim());
  if (m) {
    const level = m[1]!.toLowerCase();
    const committee: Record<string, string> = { 'tỉnh': 'Tỉnh ủy', 'thành phố': 'Thành ủy', 'huyện': 'Huyện ủy', 'thị xã': 'Thị ủy', 'quận': 'Quận ủy' };
    return `${committee[level] ?? `Đảng ủy ${level}`} ${m[2]!}`;
  }
  if (kind === 'cell' || kind === 'grassroots_cell') return unitName;
  return unitName.replace(/^Đảng bộ/i, 'Đảng ủy');
}

/** "Đảng bộ tỉnh Bến Tre" → "TỈNH ỦY BẾN TRE": the committee that issues, named as on its documents. */
export function issuingBodyName(unitName: string, kind: string): string {
  return committeeName(unitName, kind).toUpperCase();
}

/** The authority line over the signer: the standing committee for a province or district, else the committee or cell. */
export function signatureAuthority(kind: string): string {
  const k = kind as UnitKind;
  if (k === 'province_committee' || k === 'district_committee') return 'T/M BAN THƯỜNG VỤ';
  if (k === 'cell' || k === 'grassroots_cell') return 'T/M CHI BỘ';
  return 'T/M ĐẢNG ỦY';
}

/** "Bến Tre, ngày 12 tháng 5 năm 2017"; "ngày 05 tháng 02 năm 2018". */
export function placeAndDate(place: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}
