// A file of dated commune-level changes (bentre_changes_2017_2025.csv and files like it) applied as the
// restructuring operations a user runs: each date's rows become merges (into an existing unit or a new one)
// and renames (name, code: a xã that becomes a thị trấn), applied by RestructureService in one transaction
// per date. The rows of a date are checked against the tree of the day before it takes effect: an old unit
// that does not exist then, or a new code held by a unit that is not one of that date's old units, refuses
// the whole date with the row numbers.
//
// Codes are read on the day before the date, since GSO hands codes on (on 1/12/2024 28810 passed from xã An
// Khánh to thị trấn Châu Thành): removing every old unit of a date before adding the new ones is what the
// data's README prescribes, and a merge whose new unit takes a source's code does exactly that.
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import type { Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { AppError, ValidationError, type FieldError } from '../domain/errors.ts';
import { addDays, formatVietnameseDate, isIsoDate } from '../domain/dates.ts';
import type { Operation } from '../domain/restructure.ts';
import { parseCsv } from '../demo/places.ts';
import { RestructureService, type RestructuringRecord } from './restructure.ts';

export const CHANGE_COLUMNS = ['effective_date', 'resolution', 'kind', 'old_unit_code', 'old_unit_name', 'old_unit_type', 'old_district_code',
  'new_unit_code', 'new_unit_name', 'new_unit_type', 'new_district_code', 'note'] as const;
const COMMUNE_TYPES = ['xã', 'phường', 'thị trấn'];

export interface ChangeRow {
  /** Line of the file (the header is line 1). */
  line: number;
  effectiveDate: string;
  resolution: string;
  kind: 'merge' | 'retype';
  oldCode: string;
  oldName: string;
  oldType: string;
  oldDistrict: string;
  newCode: string;
  newName: string;
  newType: string;
  newDistrict: string;
  note: string;
}

/** A receiving unit chosen where the sources name none (Tân Mỹ, 29113), with why it is an assumption. */
export interface Assumption { receiverCode: string; note: string }

export interface ApplyChangesOptions {
  dryRun?: boolean;
  /** Apply the dates up to this one (inclusive). */
  until?: string;
  /** Old unit code → the receiving unit to assume for a row with an empty new unit. */
  assume?: ReadonlyMap<string, Assumption>;
}

export interface DateOutcome {
  date: string;
  resolutions: string[];
  rows: number;
  /** 'applied' (or previewed, with dryRun), or 'skipped' when records of that date and resolution exist. */
  status: 'applied' | 'skipped';
  records: RestructuringRecord[];
}

/** The party committee of a commune as the demo and GSO-shaped data name it: "Đảng bộ thị trấn Tiên Thủy". */
export function communeCommitteeName(type: string, name: string): string {
  return `Đảng bộ ${type} ${name}`;
}

/** Parses the change file; a malformed row is refused with its line and the field. */
export function parseChanges(text: string): ChangeRow[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, '').normalize('NFC'));
  const header = rows.shift() ?? [];
  if (header.join(',') !== CHANGE_COLUMNS.join(',')) {
    const message = `Dòng 1: dòng tiêu đề phải là ${CHANGE_COLUMNS.join(',')}`;
    throw new AppError('VALIDATION', message, [{ field: 'dòng 1', code: 'header', message }]);
  }
  const out: ChangeRow[] = [];
  const errors: FieldError[] = [];
  rows.forEach((r, i) => {
    const line = i + 2;
    if (r.length === 1 && r[0] === '') return;
    const bad = (code: string, message: string) => errors.push({ field: `dòng ${line}`, code, message: `Dòng ${line}: ${message}` });
    if (r.length !== CHANGE_COLUMNS.length) return bad('columns', `có ${r.length} cột, cần ${CHANGE_COLUMNS.length}`);
    const [effectiveDate, resolution, kind, oldCode, oldName, oldType, oldDistrict, newCode, newName, newType, newDistrict, note] = r.map((v) => v.trim()) as string[] as [string, string, string, string, string, string, string, string, string, string, string, string];
    if (!isIsoDate(effectiveDate)) return bad('effective_date', `effective_date "${effectiveDate}" không phải ngày YYYY-MM-DD`);
    if (!resolution) return bad('resolution', 'thiếu số nghị quyết (resolution)');
    if (kind !== 'merge' && kind !== 'retype') return bad('kind', `loại thay đổi "${kind}" không được hỗ trợ (chỉ merge, retype)`);
    if (!oldCode) return bad('old_unit_code', 'thiếu mã đơn vị cũ (old_unit_code)');
    if (newCode || kind === 'retype') {
      if (!newCode) return bad('new_unit_code', 'thiếu mã đơn vị mới (new_unit_code)');
      if (!newName) return bad('new_unit_name', 'thiếu tên đơn vị mới (new_unit_name)');
      if (!COMMUNE_TYPES.includes(newType)) return bad('new_unit_type', `loại đơn vị mới "${newType}" phải là xã, phường hoặc thị trấn`);
    }
    out.push({ line, effectiveDate, resolution, kind, oldCode, oldName, oldType, oldDistrict, newCode, newName, newType, newDistrict, note });
  });
  if (errors.length) throw new AppError('VALIDATION', errors.map((e) => e.message).join('; '), errors);
  return out;
}

export function readChangesFile(file: string): ChangeRow[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('VALIDATION', `Không đọc được tệp ${file}: ${(err as Error).message}`);
  }
  return parseChanges(text);
}

/** Applies (or previews) the rows date by date, oldest first, through RestructureService. */
export async function applyChanges(db: Kysely<Database>, actor: Actor, rows: readonly ChangeRow[], options: ApplyChangesOptions = {}): Promise<DateOutcome[]> {
  const byDate = new Map<string, ChangeRow[]>();
  for (const r of [...rows].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.line - b.line))) {
    if (options.until && r.effectiveDate > options.until) continue;
    byDate.set(r.effectiveDate, [...(byDate.get(r.effectiveDate) ?? []), r]);
  }
  const outcomes: DateOutcome[] = [];
  const batches: Array<(tx: Executor) => Promise<Operation[]>> = [];
  for (const [date, list] of byDate) {
    const resolutions = [...new Set(list.map((r) => r.resolution))];
    const outcome: DateOutcome = { date, resolutions, rows: list.length, status: 'applied', records: [] };
    outcomes.push(outcome);
    batches.push(async (tx) => {
      // Applied before (a re-run of the same file): the date's records are there, its old units are gone.
      const done = await tx.selectFrom('restructuring').select('id').where('effective_date', '=', date)
        .where('decision_number', 'in', resolutions).where('undone_by_id', 'is', null).where('kind', '!=', 'undo').executeTakeFirst();
      if (done) {
        outcome.status = 'skipped';
        return [];
      }
      return operationsOf(tx, actor, date, list, options.assume ?? new Map());
    });
  }
  const service = new RestructureService(db, actor);
  let current = 0;
  const failed = (err: unknown): never => {
    if (!(err instanceof AppError)) throw err;
    const o = outcomes[current]!;
    const lines = byDate.get(o.date)!.map((r) => r.line);
    const applied = options.dryRun ? [] : outcomes.slice(0, current).filter((x) => x.status === 'applied').map((x) => formatVietnameseDate(x.date));
    const prefix = err.message.startsWith('Các thay đổi ngày') ? '' : `Các thay đổi ngày ${formatVietnameseDate(o.date)} (dòng ${lines[0]}–${lines[lines.length - 1]}) không được áp dụng: `;
    throw new AppError(err.code, `${prefix}${err.message}${applied.length ? ` (đã áp dụng trước đó: ngày ${applied.join(', ')})` : ''}`, err.fields);
  };
  if (options.dryRun) {
    // One rolled-back transaction, so each date is previewed on the tree the earlier dates leave.
    const tracked = batches.map((b, i) => async (tx: Executor) => { current = i; return b(tx); });
    const records = await service.applyBatches(tracked, { dryRun: true }).catch(failed);
    records.forEach((r, i) => { outcomes[i]!.records = r; });
  } else {
    for (const [i, b] of batches.entries()) {
      current = i;
      const [records] = await service.applyBatches([b]).catch(failed);
      outcomes[i]!.records = records ?? [];
    }
  }
  return outcomes;
}

interface Holding { unitId: number; name: string; open: boolean; dissolvedOn: string | null }

/** The rows of one date as operations: every merge first (codes are freed), then the renames. */
async function operationsOf(tx: Executor, actor: Actor, date: string, rows: ChangeRow[], assume: ReadonlyMap<string, Assumption>): Promise<Operation[]> {
  const before = addDays(date, -1);
  const day = formatVietnameseDate(date);
  const units = new UnitRepository(tx as Kysely<Database>, actor);
  const errors: FieldError[] = [];
  const refuse = (r: ChangeRow, code: string, message: string) => errors.push({ field: `dòng ${r.line}`, code, message: `Dòng ${r.line}: ${message}` });

  /** The unit that holds `code` on the day before `date` and is still as it was then. */
  const holderOf = async (code: string): Promise<Holding | { error: string }> => {
    let unitId: number;
    try {
      unitId = await units.resolveCode(code, before);
    } catch (err) {
      return { error: err instanceof AppError ? err.message : String(err) };
    }
    const { rows: [v] } = await sql<{ name: string; valid_to: string | null; dissolved_on: string | null }>`
      SELECT v.name, v.valid_to, u.dissolved_on FROM unit_version v JOIN unit u ON u.id = v.unit_id
      WHERE v.unit_id = ${unitId} AND v.valid_from <= ${before}::date AND (v.valid_to IS NULL OR v.valid_to > ${before}::date)`.execute(tx);
    return { unitId, name: v!.name, open: v!.valid_to === null, dissolvedOn: v!.dissolved_on };
  };

  const old = new Map<number, Holding & { row: ChangeRow }>();
  for (const r of rows) {
    const h = await holderOf(r.oldCode);
    if ('error' in h) refuse(r, 'old_not_found', `đơn vị cũ ${r.oldCode} ${r.oldName} không tồn tại vào ngày ${day}: ${h.error}`);
    else if (!h.open) refuse(r, 'old_changed', `đơn vị cũ ${r.oldCode} (${h.name}) không còn như trước ngày ${day}: ${h.dissolvedOn ? `đã kết thúc từ ${formatVietnameseDate(h.dissolvedOn)}` : 'đã có thay đổi từ ngày đó trở đi'} (các thay đổi phải áp dụng theo thứ tự ngày)`);
    else old.set(h.unitId, { ...h, row: r });
  }
  const oldIdOf = (r: ChangeRow) => [...old.values()].find((o) => o.row === r)?.unitId;

  // A new code must be free on the date, or held by one of the date's old units (it is handed on).
  for (const r of rows) {
    if (!r.newCode || r.newCode === r.oldCode) continue;
    const h = await holderOf(r.newCode);
    if (!('error' in h) && !old.has(h.unitId)) refuse(r, 'new_code_taken', `mã mới ${r.newCode} (${r.newName}) đang là mã của ${h.name} vào ngày ${day}, đơn vị không thay đổi trong ngày đó`);
  }

  const merges: Operation[] = [];
  const renames: Operation[] = [];
  const common = (resolution: string, note: string | null) => ({ effectiveDate: date, decisionNumber: resolution, decisionDate: null, issuedBy: null, note });

  for (const r of rows.filter((x) => x.kind === 'retype')) {
    const id = oldIdOf(r);
    if (id === undefined) continue;
    renames.push({ ...common(r.resolution, r.note || null), kind: 'rename', unitId: id, name: communeCommitteeName(r.newType, r.newName), code: r.newCode, unitKind: null });
  }

  // Merge rows by the unit they go into: the new code, or the receiver assumed for a row without one.
  const groups = new Map<string, ChangeRow[]>();
  for (const r of rows.filter((x) => x.kind === 'merge')) {
    let key = r.newCode;
    if (!key) {
      const a = assume.get(r.oldCode);
      if (!a) {
        refuse(r, 'no_receiver', `${r.oldCode} ${r.oldName} không có đơn vị nhận (new_unit_code trống); hãy chỉ định một đơn vị nhận giả định (--assume ${r.oldCode}=MÃ)`);
        continue;
      }
      key = `assumed:${a.receiverCode}`;
    }
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, group] of groups) {
    const notes = [...new Set(group.map((r) => r.note).filter(Boolean))];
    const resolution = group[0]!.resolution;
    if (key.startsWith('assumed:')) {
      const receiverCode = key.slice('assumed:'.length);
      const h = await holderOf(receiverCode);
      if ('error' in h || !h.open) {
        refuse(group[0]!, 'no_receiver', `đơn vị nhận giả định ${receiverCode} không tồn tại vào ngày ${day}${'error' in h ? `: ${h.error}` : ''}`);
        continue;
      }
      const sources = group.map(oldIdOf).filter((id): id is number => id !== undefined);
      const assumptions = group.map((r) => assume.get(r.oldCode)!.note);
      if (sources.length) merges.push({ ...common(resolution, [...assumptions, ...notes].join(' ')), kind: 'merge', sourceIds: sources, target: { unitId: h.unitId } });
      continue;
    }
    const first = group[0]!;
    // The receiving unit continues: it had the new unit's name and type (its code may change, as thị trấn
    // Châu Thành's did); with none, the merge forms a new unit that takes the new code.
    const receiver = group.find((r) => r.oldName === first.newName && r.oldType === first.newType && r.oldCode === first.newCode)
      ?? group.find((r) => r.oldName === first.newName && r.oldType === first.newType);
    const receiverId = receiver ? oldIdOf(receiver) : undefined;
    if (receiver && receiverId === undefined) continue; // refused above
    const sources = group.filter((r) => r !== receiver).map(oldIdOf).filter((id): id is number => id !== undefined);
    if (sources.length < group.length - (receiver ? 1 : 0)) continue; // a source was refused above
    if (receiverId !== undefined) {
      if (sources.length) merges.push({ ...common(resolution, notes.join(' ') || null), kind: 'merge', sourceIds: sources, target: { unitId: receiverId } });
      if (first.newCode !== receiver!.oldCode) renames.push({ ...common(resolution, notes.join(' ') || null), kind: 'rename', unitId: receiverId, code: first.newCode, name: null, unitKind: null });
      continue;
    }
    const district = first.newDistrict ? await holderOf(first.newDistrict) : undefined;
    if (!district || 'error' in district) {
      refuse(first, 'district_not_found', `không tìm thấy đơn vị cấp trên ${first.newDistrict || '(new_district_code trống)'} vào ngày ${day}${district && 'error' in district ? `: ${district.error}` : ''}`);
      continue;
    }
    merges.push({
      ...common(resolution, notes.join(' ') || null), kind: 'merge', sourceIds: sources,
      target: { create: { code: first.newCode, name: communeCommitteeName(first.newType, first.newName), kind: 'grassroots_committee', parentId: district.unitId } },
    });
  }
  if (errors.length) {
    throw new ValidationError(errors, `Các thay đổi ngày ${day} không được áp dụng: ${errors.map((e) => e.message).join('; ')}`);
  }
  return [...merges, ...renames];
}
