// The 2025 reform import (issue 5 §2), the pure part: read a mapping in the form of
// ../shared/data/dvhc/mapping_2025.csv (old unit → new unit, new province), check it line by line, match it
// against the units that exist the day before it takes effect, and plan the restructure operations that
// turn the old shape into the new one. src/commands/reform-import.ts loads the units and applies the steps
// through RestructureService, all in one transaction.
//
// Sources: Nghị quyết 60-NQ/TW (12/4/2025) and Kết luận 137-KL/TW: provinces merged, district level ended;
// Quy định 294-QĐ/TW (in force 1/7/2025): commune and ward committees sit directly under the province
// (src/domain/units.ts). The codes are GSO's (mã đơn vị hành chính) and name a unit only together with a
// date, so a row matches a unit by code, district and name, never by code alone.
import { normalizeText, sameName } from '../text/vietnamese.ts';
import { looksMisencoded } from '../text/encoding.ts';
import { PROVINCES_2025, unitType2025 } from './dvhc-2025.ts';

export const REFORM_IN_FORCE_FROM = '2025-07-01';
/** Used when the import is given no decision number: the Politburo resolution that ordered the reform. */
export const REFORM_DEFAULT_DECISION = '60-NQ/TW';

export const MAPPING_COLUMNS = [
  'old_unit_code', 'old_unit_name', 'old_district_code', 'old_province_code', 'new_unit_code', 'new_unit_name', 'new_province_code',
] as const;
type Column = (typeof MAPPING_COLUMNS)[number];
/** Optional: xã / phường / đặc khu; without it the type comes from the 2025 map by the new code. */
const TYPE_COLUMN = 'new_unit_type';

export interface MappingRow {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  oldUnitCode: string;
  oldUnitName: string;
  oldDistrictCode: string;
  oldProvinceCode: string;
  newUnitCode: string;
  newUnitName: string;
  newProvinceCode: string;
  newUnitType: string | null;
}

export interface MappingProblem {
  /** null: a problem of the database, not of a line (a unit the file does not name). */
  line: number | null;
  column: string | null;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

const err = (line: number | null, column: string | null, code: string, message: string): MappingProblem => ({ line, column, code, severity: 'error', message });
const warn = (line: number | null, column: string | null, code: string, message: string): MappingProblem => ({ line, column, code, severity: 'warning', message });

/** Records of a comma-separated text (RFC 4180 quotes, LF or CRLF), each with the line it starts on. */
export function readCsv(text: string): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const endRecord = () => {
    fields.push(field);
    if (any || fields.length > 1 || field !== '') out.push({ line: start, fields });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
      continue;
    }
    if (ch === '"' && field === '') { quoted = true; any = true; } else if (ch === ',') { fields.push(field); field = ''; any = true; } else if (ch === '\r' && text[i + 1] === '\n') continue;
    else if (ch === '\n') { endRecord(); line++; start = line; } else field += ch;
  }
  if (field !== '' || fields.length) endRecord();
  return out;
}

const FORMATS: Record<Column, { re: RegExp; label: string } | null> = {
  old_unit_code: { re: /^\d{5}$/, label: '5 chữ số' },
  old_unit_name: null,
  old_district_code: { re: /^\d{3}$/, label: '3 chữ số' },
  old_province_code: { re: /^\d{2}$/, label: '2 chữ số' },
  new_unit_code: { re: /^\d{5}$/, label: '5 chữ số' },
  new_unit_name: null,
  new_province_code: { re: /^\d{2}$/, label: '2 chữ số' },
};
const UNIT_TYPES_2025 = ['xã', 'phường', 'đặc khu'];

export interface ParsedMapping {
  rows: MappingRow[];
  problems: MappingProblem[];
  /** Lines that carry an error: they are never applied. */
  badLines: Set<number>;
}

/** Reads and checks the file by itself (no database): header, fields, formats, duplicates, contradictions. */
export function parseMapping(text: string): ParsedMapping {
  const problems: MappingProblem[] = [];
  const badLines = new Set<number>();
  const bad = (p: MappingProblem) => { problems.push(p); if (p.line !== null && p.severity === 'error') badLines.add(p.line); };
  const records = readCsv(text.replace(/^\ufeff/, ''));
  if (!records.length) return { rows: [], problems: [err(1, null, 'empty', 'Tệp trống: cần dòng tiêu đề và các dòng dữ liệu')], badLines };
  const header = records[0]!.fields.map((h) => normalizeText(h).toLowerCase());
  const missing = MAPPING_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    const hint = header.length === 1 && /[;\t]/.test(header[0]!) ? ' (tệp dùng dấu chấm phẩy hoặc tab; cần dấu phẩy)' : '';
    return { rows: [], problems: [err(1, missing[0]!, 'missing_column', `Thiếu cột ${missing.join(', ')}${hint}. Cần các cột: ${MAPPING_COLUMNS.join(', ')}`)], badLines };
  }
  for (const [i, h] of header.entries()) {
    if (header.indexOf(h) !== i) return { rows: [], problems: [err(1, h, 'duplicate_column', `Cột ${h} xuất hiện hai lần`)], badLines };
  }
  const at = Object.fromEntries([...MAPPING_COLUMNS, TYPE_COLUMN].map((c) => [c, header.indexOf(c)])) as Record<Column | typeof TYPE_COLUMN, number>;

  const rows: MappingRow[] = [];
  const pairs = new Map<string, number>();
  const oldFirst = new Map<string, MappingRow>();
  const newFirst = new Map<string, MappingRow>();
  const provinceTo = new Map<string, MappingRow>();
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== header.length) {
      bad(err(line, null, 'column_count', `Dòng có ${fields.length} cột, tiêu đề có ${header.length}`));
      continue;
    }
    if (fields.some(looksMisencoded)) {
      bad(err(line, null, 'encoding', 'Chữ bị lỗi mã hóa (ví dụ "Thá»§y" thay cho "Thủy"): tệp UTF-8 đã bị đọc sai rồi lưu lại; hãy xuất lại tệp từ nguồn'));
      continue;
    }
    const value = (c: Column) => normalizeText(fields[at[c]]!);
    const before = problems.length;
    const island = value('old_unit_code') === '';
    for (const c of MAPPING_COLUMNS) {
      const v = value(c);
      if (c === 'old_unit_code' && island) continue;
      if (!v) { bad(err(line, c, 'required', `Cột ${c} trống`)); continue; }
      const f = FORMATS[c];
      if (f && !f.re.test(v)) bad(err(line, c, 'format', `${c} "${v}" không đúng dạng mã (${f.label})`));
    }
    const type = at[TYPE_COLUMN] >= 0 ? normalizeText(fields[at[TYPE_COLUMN]]!).toLowerCase() || null : null;
    if (type && !UNIT_TYPES_2025.includes(type)) bad(err(line, TYPE_COLUMN, 'format', `Loại đơn vị "${type}" phải là ${UNIT_TYPES_2025.join(', ')}`));
    if (problems.length > before) continue;
    const row: MappingRow = {
      line, oldUnitCode: value('old_unit_code'), oldUnitName: value('old_unit_name'), oldDistrictCode: value('old_district_code'),
      oldProvinceCode: value('old_province_code'), newUnitCode: value('new_unit_code'), newUnitName: value('new_unit_name'),
      newProvinceCode: value('new_province_code'), newUnitType: type,
    };
    const oldKey = row.oldUnitCode || `huyện ${row.oldDistrictCode}`;
    const pairKey = `${oldKey}→${row.newUnitCode}`;
    const dup = pairs.get(pairKey);
    if (dup !== undefined) { bad(err(line, null, 'duplicate_row', `Trùng với dòng ${dup}: ${oldKey} → ${row.newUnitCode} đã có`)); continue; }
    pairs.set(pairKey, line);
    const o = oldFirst.get(oldKey);
    if (o && (o.oldDistrictCode !== row.oldDistrictCode || o.oldProvinceCode !== row.oldProvinceCode || !sameName(o.oldUnitName, row.oldUnitName))) {
      bad(err(line, 'old_unit_code', 'conflict', `Mã ${oldKey} ở dòng ${o.line} là "${o.oldUnitName}" (huyện ${o.oldDistrictCode}, tỉnh ${o.oldProvinceCode}), ở dòng này là "${row.oldUnitName}" (huyện ${row.oldDistrictCode}, tỉnh ${row.oldProvinceCode})`));
      continue;
    }
    const n = newFirst.get(row.newUnitCode);
    if (n && (n.newProvinceCode !== row.newProvinceCode || !sameName(n.newUnitName, row.newUnitName) || (n.newUnitType ?? '') !== (row.newUnitType ?? ''))) {
      bad(err(line, 'new_unit_code', 'conflict', `Mã mới ${row.newUnitCode} ở dòng ${n.line} là "${n.newUnitName}" (tỉnh ${n.newProvinceCode}), ở dòng này là "${row.newUnitName}" (tỉnh ${row.newProvinceCode})`));
      continue;
    }
    const p = provinceTo.get(row.oldProvinceCode);
    if (p && p.newProvinceCode !== row.newProvinceCode) {
      bad(err(line, 'new_province_code', 'conflict', `Tỉnh cũ ${row.oldProvinceCode} đã được nhập vào tỉnh ${p.newProvinceCode} ở dòng ${p.line}; một tỉnh cũ chỉ nhập vào một tỉnh mới`));
      continue;
    }
    if (!PROVINCES_2025[row.newProvinceCode]) {
      bad(err(line, 'new_province_code', 'unknown_province', `Mã tỉnh ${row.newProvinceCode} không phải một trong 34 tỉnh, thành phố từ 1/7/2025`));
      continue;
    }
    if (!o) oldFirst.set(oldKey, row);
    if (!n) newFirst.set(row.newUnitCode, row);
    if (!p) provinceTo.set(row.oldProvinceCode, row);
    rows.push(row);
  }
  if (records.length === 1) problems.push(err(1, null, 'empty', 'Tệp chỉ có dòng tiêu đề'));
  return { rows, problems, badLines };
}

// ---------------------------------------------------------------------------------------------------------
// Planning against the units that exist

/** A unit living the day before the effective date (province, district and grassroots levels). */
export interface ReformUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  /** Members active in its subtree that day. */
  members: number;
}

export type Pointer = { unitId: number; step?: undefined } | { step: number; unitId?: undefined };
export interface UnitBrief { unitId: number; code: string; name: string; members: number }

export type ReformStep =
  | { kind: 'create_province'; code: string; name: string; parentId: number; lines: number[] }
  | { kind: 'merge_units'; sources: UnitBrief[]; code: string; name: string; unitKind: 'grassroots_committee' | 'grassroots_cell'; parent: Pointer; lines: number[] }
  | { kind: 'move_unit'; unit: UnitBrief; parent: Pointer; rename: { code?: string; name?: string } | null; lines: number[] }
  | { kind: 'dissolve_district'; unit: UnitBrief; subUnitsTo: Pointer; carried: Array<{ unitId: number; code: string; name: string }> }
  | { kind: 'merge_province'; unit: UnitBrief; into: Pointer };

export interface ReformPlan {
  steps: ReformStep[];
  problems: MappingProblem[];
  /** Old provinces of the file that the database does not have (their rows are not about this database). */
  skippedProvinces: Array<{ code: string; rows: number }>;
  summary: { rows: number; appliedRows: number; errorLines: number; sourceUnits: number; newUnits: number; members: number };
}

const PLACE_PREFIX = /^(?:đảng bộ|chi bộ)\s+(?:xã|phường|thị trấn|đặc khu)\s+/iu;
/** "Đảng bộ thị trấn Tiên Thủy" → "Tiên Thủy": the place a commune-level committee is named after. */
export function placeName(unitName: string): string {
  return normalizeText(unitName).replace(PLACE_PREFIX, '');
}

/** The committee's name on the 2025 map: "Đảng bộ xã Tiên Thuỷ", "Đảng bộ phường 1", "Chi bộ đặc khu …". */
export function newUnitName(kind: 'grassroots_committee' | 'grassroots_cell', type: string, name: string): string {
  return `${kind === 'grassroots_cell' ? 'Chi bộ' : 'Đảng bộ'} ${type} ${normalizeText(name)}`;
}

/** "Tỉnh Vĩnh Long" → "Đảng bộ tỉnh Vĩnh Long". */
export function provinceUnitName(code: string): string {
  const full = PROVINCES_2025[code] ?? `tỉnh ${code}`;
  return `Đảng bộ ${full[0]!.toLowerCase()}${full.slice(1)}`;
}

const GRASSROOTS = ['grassroots_committee', 'grassroots_cell'];

/**
 * Plans the reform from the checked rows and the units living the day before it takes effect.
 *
 * Steps, in this order (a unit's version may change on the effective date, but only a unit whose version
 * began earlier may end then, so what ends goes first):
 * 1. each new province the database lacks is created beside the old one;
 * 2. for each new commune-level unit, its old units that the database has: two or more are merged into a
 *    new committee under the new province, which takes the new code (often one of theirs); a single one is
 *    moved under the province and renamed if its name, type or code changed. A step that gives out a code
 *    still held by a unit waits for the step that ends or recodes that unit;
 * 3. each district committee of the old provinces is dissolved; what is left under it (agencies, units
 *    the file does not name) goes to the new province;
 * 4. each old province merges into the new one, whose code it does not have.
 *
 * A commune split across several new units (one row per new unit) sends all its cells and members to the
 * new unit of its first row in the file, which in mapping_2025.csv is the lowest new code: the sources
 * give no shares, so dangvu does not invent them; the other parts are listed as warnings.
 * Tone-mark placement is ignored when names are compared ("Tiên Thủy" = "Tiên Thuỷ").
 */
export function planReform(parsed: ParsedMapping, units: readonly ReformUnit[]): ReformPlan {
  const problems: MappingProblem[] = [...parsed.problems];
  const badLines = new Set(parsed.badLines);
  const bad = (p: MappingProblem) => { problems.push(p); if (p.line !== null && p.severity === 'error') badLines.add(p.line); };
  const byId = new Map(units.map((u) => [u.id, u]));
  const byCode = new Map<string, ReformUnit[]>();
  for (const u of units) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
  const find = (code: string, kinds: string[], parentId?: number) => (byCode.get(code) ?? []).find((u) => kinds.includes(u.kind) && (parentId === undefined || u.parentId === parentId));
  const brief = (u: ReformUnit): UnitBrief => ({ unitId: u.id, code: u.code, name: u.name, members: u.members });

  // Old provinces the database has; rows of the others are not about this database.
  const provinces = new Map<string, ReformUnit>();
  const skipped = new Map<string, number>();
  for (const r of parsed.rows) {
    const p = find(r.oldProvinceCode, ['province_committee']);
    if (p) provinces.set(r.oldProvinceCode, p);
    else skipped.set(r.oldProvinceCode, (skipped.get(r.oldProvinceCode) ?? 0) + 1);
  }
  if (!provinces.size && !problems.some((p) => p.severity === 'error' && (p.line === 1 || p.line === null))) {
    bad(err(null, 'old_province_code', 'no_province', `Cơ sở dữ liệu không có tỉnh nào của tệp (${[...skipped.keys()].slice(0, 10).join(', ')}) vào ngày trước ngày hiệu lực`));
  }
  const rows = parsed.rows.filter((r) => provinces.has(r.oldProvinceCode));

  // Match each row's old unit: by code, under the district of that code, with the same name.
  const matched = new Map<number, ReformUnit>();
  for (const r of rows) {
    const province = provinces.get(r.oldProvinceCode)!;
    const district = find(r.oldDistrictCode, ['district_committee'], province.id);
    if (!r.oldUnitCode) {
      bad(warn(r.line, 'old_unit_code', 'district_row', `Dòng của huyện ${r.oldDistrictCode} ${r.oldUnitName} (không có xã): đảng bộ huyện được giải thể như các huyện khác; ${r.newUnitName} cần được lập riêng`));
      badLines.add(r.line);
      continue;
    }
    if (!district) {
      const elsewhere = find(r.oldDistrictCode, ['district_committee']);
      bad(err(r.line, 'old_district_code', 'unknown_district', elsewhere
        ? `Huyện ${r.oldDistrictCode} (${elsewhere.name}) không thuộc ${province.name}`
        : `Không có đảng bộ huyện mã ${r.oldDistrictCode} trong ${province.name} vào ngày trước ngày hiệu lực`));
      continue;
    }
    const u = find(r.oldUnitCode, GRASSROOTS, district.id);
    if (!u) {
      const elsewhere = find(r.oldUnitCode, GRASSROOTS);
      bad(err(r.line, 'old_unit_code', 'unknown_unit', elsewhere
        ? `Mã ${r.oldUnitCode} là ${elsewhere.name}, không thuộc ${district.name}`
        : `Không có đơn vị mã ${r.oldUnitCode} (${r.oldUnitName}) trong ${district.name} vào ngày trước ngày hiệu lực`));
      continue;
    }
    if (!sameName(placeName(u.name), r.oldUnitName)) {
      bad(err(r.line, 'old_unit_name', 'name_mismatch', `Mã ${r.oldUnitCode} vào ngày trước ngày hiệu lực là ${u.name}, tệp ghi "${r.oldUnitName}": mã có thể đã được dùng lại; không đoán`));
      continue;
    }
    matched.set(r.line, u);
  }

  // An old unit with any bad row is left out whole; a split one goes to the new unit of its first row.
  const rowsOf = new Map<number, MappingRow[]>();
  for (const r of rows) {
    const u = matched.get(r.line) ?? (r.oldUnitCode ? find(r.oldUnitCode, GRASSROOTS) : undefined);
    if (u) rowsOf.set(u.id, [...(rowsOf.get(u.id) ?? []), r]);
  }
  const receiving = new Map<number, MappingRow>();
  for (const [unitId, list] of rowsOf) {
    const u = byId.get(unitId)!;
    const badRow = list.find((r) => badLines.has(r.line));
    if (badRow) {
      for (const r of list) if (!badLines.has(r.line)) bad(err(r.line, null, 'sibling_error', `${u.name} không được sắp xếp vì dòng ${badRow.line} có lỗi`));
      continue;
    }
    receiving.set(unitId, list[0]!);
    if (list.length > 1) {
      bad(warn(list[0]!.line, 'new_unit_code', 'split', `${u.name} được chia cho ${list.length} đơn vị mới (dòng ${list.map((r) => r.line).join(', ')}); nguồn không cho tỉ lệ nên toàn bộ chi bộ và ${u.members} đảng viên chuyển về ${list[0]!.newUnitName} (${list[0]!.newUnitCode}), đơn vị kê đầu tiên`));
    }
  }

  // New provinces: the one with the code, or created under the old province's parent.
  const steps: ReformStep[] = [];
  const provinceTarget = new Map<string, Pointer>();
  const lineSet = (rs: MappingRow[]) => rs.map((r) => r.line);
  for (const [oldCode, old] of provinces) {
    const r = rows.find((x) => x.oldProvinceCode === oldCode)!;
    if (provinceTarget.has(r.newProvinceCode)) continue;
    const existing = find(r.newProvinceCode, ['province_committee']);
    if (existing) provinceTarget.set(r.newProvinceCode, { unitId: existing.id });
    else {
      if (old.parentId === null) { bad(err(r.line, 'new_province_code', 'no_parent', `${old.name} không có cấp trên để lập tỉnh mới bên cạnh`)); continue; }
      steps.push({ kind: 'create_province', code: r.newProvinceCode, name: provinceUnitName(r.newProvinceCode), parentId: old.parentId, lines: [r.line] });
      provinceTarget.set(r.newProvinceCode, { step: steps.length - 1 });
    }
  }

  // New commune-level units, in the order of the file.
  const groups = new Map<string, { row: MappingRow; sources: ReformUnit[]; lines: number[] }>();
  for (const [unitId, row] of [...receiving].sort((a, b) => a[1].line - b[1].line)) {
    const g = groups.get(row.newUnitCode) ?? { row, sources: [], lines: [] };
    g.sources.push(byId.get(unitId)!);
    g.lines.push(...rowsOf.get(unitId)!.map((r) => r.line));
    groups.set(row.newUnitCode, g);
  }
  interface Pending { step: ReformStep & { kind: 'merge_units' | 'move_unit' }; gives: string | null; ends: ReformUnit[] }
  const pending: Pending[] = [];
  for (const [code, g] of groups) {
    const parent = provinceTarget.get(g.row.newProvinceCode);
    if (!parent) continue;
    const type = g.row.newUnitType ?? unitType2025(code);
    const kinds = new Set(g.sources.map((s) => s.kind));
    if (kinds.size > 1) {
      for (const l of g.lines) bad(err(l, 'new_unit_code', 'kind_mix', `${g.row.newUnitName} (${code}) gộp cả đảng bộ cơ sở và chi bộ cơ sở (${g.sources.map((s) => s.name).join(', ')}): hãy chuyển chi bộ cơ sở thành chi bộ trực thuộc trước`));
      continue;
    }
    const unitKind = [...kinds][0] as 'grassroots_committee' | 'grassroots_cell';
    const name = newUnitName(unitKind, type, g.row.newUnitName);
    if (g.sources.length === 1) {
      const s = g.sources[0]!;
      // The same place written with another tone placement keeps the spelling the database has.
      const rename: { code?: string; name?: string } = {};
      if (s.code !== code) rename.code = code;
      if (!sameName(s.name, name)) rename.name = name;
      pending.push({ step: { kind: 'move_unit', unit: brief(s), parent, rename: Object.keys(rename).length ? rename : null, lines: g.lines }, gives: rename.code ?? null, ends: [] });
    } else {
      pending.push({ step: { kind: 'merge_units', sources: g.sources.map(brief), code, name, unitKind, parent, lines: g.lines }, gives: code, ends: g.sources });
    }
  }
  // A code is handed on only once its holder has ended or taken another code.
  const releasedBy = new Map<number, Pending>();
  for (const p of pending) {
    for (const e of p.ends) releasedBy.set(e.id, p);
    if (p.step.kind === 'move_unit' && p.gives) releasedBy.set(p.step.unit.unitId, p);
  }
  const done = new Set<Pending>();
  const blocked = new Map<Pending, ReformUnit>();
  for (const p of pending) {
    if (!p.gives) continue;
    const holder = (byCode.get(p.gives) ?? []).find((u) => !p.ends.includes(u) && !(p.step.kind === 'move_unit' && p.step.unit.unitId === u.id));
    if (!holder) continue;
    const by = releasedBy.get(holder.id);
    if (!by || by === p) {
      for (const l of p.step.lines) bad(err(l, 'new_unit_code', 'code_taken', `Mã ${p.gives} đang là mã của ${holder.name}, đơn vị không được sắp xếp trong tệp này`));
      done.add(p);
    } else blocked.set(p, holder);
  }
  let progress = true;
  while (progress) {
    progress = false;
    for (const p of pending) {
      if (done.has(p)) continue;
      const holder = blocked.get(p);
      if (holder && !done.has(releasedBy.get(holder.id)!)) continue;
      steps.push(p.step);
      done.add(p);
      progress = true;
    }
  }
  for (const p of pending) if (!done.has(p)) for (const l of p.step.lines) bad(err(l, 'new_unit_code', 'code_cycle', `Mã ${p.gives} và mã của đơn vị đang giữ nó đổi chéo cho nhau: không xếp được thứ tự`));
  const okSteps = new Set(steps);
  for (const p of pending) if (!okSteps.has(p.step)) done.delete(p);

  // Districts of the old provinces, then the old provinces.
  const handled = new Set<number>([...receiving.keys()].filter((id) => steps.some((s) => (s.kind === 'move_unit' && s.unit.unitId === id) || (s.kind === 'merge_units' && s.sources.some((x) => x.unitId === id)))));
  for (const [oldCode, old] of provinces) {
    const to = provinceTarget.get(rows.find((x) => x.oldProvinceCode === oldCode)!.newProvinceCode);
    if (!to) continue;
    for (const d of units.filter((u) => u.parentId === old.id && u.kind === 'district_committee').sort((a, b) => a.code.localeCompare(b.code))) {
      const carried = units.filter((u) => u.parentId === d.id && !handled.has(u.id)).map((u) => ({ unitId: u.id, code: u.code, name: u.name }));
      const unnamed = units.filter((u) => u.parentId === d.id && !handled.has(u.id) && GRASSROOTS.includes(u.kind) && /^\d{5}$/.test(u.code) && !rowsOf.has(u.id));
      for (const u of unnamed) bad(warn(null, null, 'not_in_file', `${u.name} (${u.code}, ${d.name}) không có trong tệp: chuyển nguyên trạng về trực thuộc tỉnh khi giải thể ${d.name}`));
      steps.push({ kind: 'dissolve_district', unit: brief(d), subUnitsTo: to, carried });
    }
    if (to.step !== undefined || to.unitId !== old.id) steps.push({ kind: 'merge_province', unit: brief(old), into: to });
  }

  const applied = steps.flatMap((s) => (s.kind === 'merge_units' || s.kind === 'move_unit' ? s.lines : []));
  const sources = steps.flatMap((s) => (s.kind === 'merge_units' ? s.sources : s.kind === 'move_unit' ? [s.unit] : []));
  return {
    steps, problems,
    skippedProvinces: [...skipped].map(([code, n]) => ({ code, rows: n })),
    summary: {
      rows: parsed.rows.length + parsed.badLines.size, appliedRows: applied.length, errorLines: new Set(problems.filter((p) => p.severity === 'error' && p.line !== null).map((p) => p.line)).size,
      sourceUnits: sources.length, newUnits: steps.filter((s) => s.kind === 'merge_units' || s.kind === 'move_unit').length,
      members: sources.reduce((n, s) => n + s.members, 0),
    },
  };
}

/** True when the plan may be applied: no errors, or the user asked for the valid part. */
export function mayApply(plan: ReformPlan, applyValid: boolean): boolean {
  // A header or database-level error leaves no valid part to apply.
  const fileLevel = plan.problems.some((p) => p.severity === 'error' && (p.line === 1 || p.line === null));
  if (fileLevel) return false;
  return applyValid || !plan.problems.some((p) => p.severity === 'error');
}
