// The 2025 reform import (issue 5 §2): a mapping file in the form of mapping_2025.csv, checked line by line
// (src/domain/reform-mapping.ts), planned against the units that exist the day before it takes effect, and
// applied as a series of restructure operations in ONE transaction (RestructureService.applyMany): either
// every step is kept, or none. Each step is an ordinary audited restructuring record, so the history,
// the as-of counts and undo work as for an operation entered by hand.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { AppError, ValidationError } from '../domain/errors.ts';
import { addDays, isIsoDate, todayIso } from '../domain/dates.ts';
import { ACTIVE_STATUSES } from '../domain/members.ts';
import { decodeText, ENCODING_LABELS_VI, type TextEncodingName } from '../text/encoding.ts';
import {
  mayApply, parseMapping, planReform, REFORM_DEFAULT_DECISION, type MappingProblem, type Pointer, type ReformPlan, type ReformStep, type ReformUnit,
} from '../domain/reform-mapping.ts';
import { DECISION_NUMBER, type OperationInput, type Operation } from '../domain/restructure.ts';
import { RestructureService } from './restructure.ts';

export interface ReformImportInput {
  /** The file as bytes (any supported encoding), or already as text. */
  bytes?: Uint8Array;
  text?: string;
  effectiveDate: string;
  decisionNumber?: string | null;
  decisionDate?: string | null;
  /** Apply the rows without errors even when other rows have some. */
  applyValid?: boolean;
}

export interface ReformStepView {
  index: number;
  kind: ReformStep['kind'];
  label: string;
  code: string;
  name: string;
  /** The new parent (province), if the step places the unit somewhere. */
  parentName: string | null;
  sources: Array<{ code: string; name: string; members: number }>;
  members: number;
  lines: number[];
}

export interface ReformImportReport {
  encoding: TextEncodingName;
  encodingLabel: string;
  effectiveDate: string;
  decisionNumber: string;
  problems: MappingProblem[];
  skippedProvinces: Array<{ code: string; rows: number }>;
  summary: ReformPlan['summary'];
  steps: ReformStepView[];
  /** No errors, or applyValid with only row errors. */
  canApply: boolean;
  applied: boolean;
  restructuringIds: number[];
}

const STEP_LABELS: Record<ReformStep['kind'], string> = {
  create_province: 'Lập đảng bộ tỉnh mới',
  merge_units: 'Hợp nhất đảng bộ cấp xã',
  move_unit: 'Chuyển về trực thuộc tỉnh',
  dissolve_district: 'Giải thể đảng bộ cấp huyện',
  merge_province: 'Hợp nhất đảng bộ tỉnh',
};

/** Thrown to roll a rehearsal back after the last step; never leaves this module. */
class Rehearsal extends Error {}

const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));

export class ReformImportService {
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {}

  /**
   * The report of what the file would do. With `rehearse`, the steps are also run in a transaction that is
   * rolled back, so a refusal by the restructure rules (kinds, dates, codes) shows up here, not at apply.
   */
  async preview(input: ReformImportInput, options: { rehearse?: boolean } = {}): Promise<ReformImportReport> {
    authorize(this.actor, 'unit.write');
    const { report, plan } = await this.prepare(this.db, input);
    if (options.rehearse && report.canApply && plan.steps.length) {
      try {
        await this.run(input, report, plan, true);
      } catch (e) {
        if (!(e instanceof Rehearsal)) throw e;
      }
    }
    return report;
  }

  /** Applies the file in one transaction, or refuses with the report when it may not be applied. */
  async apply(input: ReformImportInput): Promise<ReformImportReport> {
    authorize(this.actor, 'unit.write');
    const { report, plan } = await this.prepare(this.db, input);
    if (!report.canApply) {
      const errors = report.problems.filter((p) => p.severity === 'error');
      throw new ReformImportRefused(report, errors.length
        ? `Tệp có ${errors.length} lỗi ở ${report.summary.errorLines} dòng: không áp dụng gì (dùng "áp dụng phần hợp lệ" để chỉ áp dụng các dòng không lỗi)`
        : 'Không có gì để áp dụng');
    }
    if (!plan.steps.length) throw new ReformImportRefused(report, 'Không có đơn vị nào để sắp xếp');
    report.restructuringIds = await this.run(input, report, plan, false);
    report.applied = !report.problems.some((p) => p.code === 'operation_refused');
    if (!report.applied) throw new ReformImportRefused(report, report.problems.find((p) => p.code === 'operation_refused')!.message);
    return report;
  }

  private async prepare(db: Executor, input: ReformImportInput): Promise<{ report: ReformImportReport; plan: ReformPlan }> {
    const fields = [];
    if (!isIsoDate(input.effectiveDate)) fields.push({ field: 'effectiveDate', code: 'invalid_date', message: 'Ngày hiệu lực không phải ngày hợp lệ (YYYY-MM-DD)' });
    else if (input.effectiveDate > todayIso()) fields.push({ field: 'effectiveDate', code: 'future_date', message: 'Ngày hiệu lực không được sau ngày hôm nay' });
    const decisionNumber = input.decisionNumber?.trim() || REFORM_DEFAULT_DECISION;
    if (!DECISION_NUMBER.test(decisionNumber)) fields.push({ field: 'decisionNumber', code: 'format', message: 'Số quyết định phải có dạng số-LOẠI/CƠ QUAN, ví dụ 60-NQ/TW' });
    if (input.text === undefined && !input.bytes) fields.push({ field: 'file', code: 'required', message: 'Cần tệp phương án sắp xếp' });
    if (fields.length) throw new ValidationError(fields, fields.map((f) => f.message).join('; '));

    const decoded = input.bytes ? decodeText(input.bytes) : { text: input.text!.normalize('NFC'), encoding: 'utf-8' as const };
    const parsed = parseMapping(decoded.text);
    if (decoded.encoding === 'windows-1258' || decoded.encoding.startsWith('utf-16')) {
      parsed.problems.unshift({ line: null, column: null, code: 'encoding', severity: 'warning', message: `Tệp không phải UTF-8: đã đọc theo bảng mã ${ENCODING_LABELS_VI[decoded.encoding]}; hãy kiểm tra tên đơn vị trong bản xem trước` });
    }
    const units = await loadUnits(db, this.actor, addDays(input.effectiveDate, -1));
    const plan = planReform(parsed, units);
    const names = new Map(units.map((u) => [u.id, u.name]));
    const pointerName = (p: Pointer) => (p.unitId !== undefined ? names.get(p.unitId) ?? '' : (plan.steps[p.step] as { name: string }).name);
    const report: ReformImportReport = {
      encoding: decoded.encoding, encodingLabel: ENCODING_LABELS_VI[decoded.encoding], effectiveDate: input.effectiveDate, decisionNumber,
      problems: plan.problems, skippedProvinces: plan.skippedProvinces, summary: plan.summary,
      steps: plan.steps.map((s, index) => viewOf(s, index, pointerName)),
      canApply: mayApply(plan, !!input.applyValid) && plan.steps.length > 0, applied: false, restructuringIds: [],
    };
    return { report, plan };
  }

  /** Runs the steps in one transaction; a refused step becomes a problem of its first line and undoes all. */
  private async run(input: ReformImportInput, report: ReformImportReport, plan: ReformPlan, rehearse: boolean): Promise<number[]> {
    const decision = { effectiveDate: input.effectiveDate, decisionNumber: report.decisionNumber, decisionDate: input.decisionDate ?? null };
    const service = new RestructureService(this.db, this.actor);
    const ids: number[] = [];
    try {
      await service.applyMany(async (apply) => {
        const created = new Map<number, number>();
        const idOf = (p: Pointer) => (p.unitId !== undefined ? p.unitId : created.get(p.step)!);
        for (const [index, step] of plan.steps.entries()) {
          const lines = 'lines' in step ? step.lines : [];
          const note = noteOf(step, report);
          const ops: Array<Operation | OperationInput> = [];
          switch (step.kind) {
            case 'create_province':
              ops.push({ ...decision, note, kind: 'create', unit: { code: step.code, name: step.name, kind: 'province_committee', parentId: step.parentId } });
              break;
            case 'merge_units':
              ops.push({ ...decision, note, kind: 'merge', sourceIds: step.sources.map((s) => s.unitId), target: { create: { code: step.code, name: step.name, kind: step.unitKind, parentId: idOf(step.parent) } } });
              break;
            case 'move_unit':
              ops.push({ ...decision, note, kind: 'move', unitId: step.unit.unitId, parentId: idOf(step.parent) });
              if (step.rename) ops.push({ ...decision, note, kind: 'rename', unitId: step.unit.unitId, name: step.rename.name ?? null, code: step.rename.code ?? null });
              break;
            case 'dissolve_district':
              ops.push({ ...decision, note, kind: 'dissolve', unitId: step.unit.unitId, membersTo: null, subUnitsTo: idOf(step.subUnitsTo) });
              break;
            case 'merge_province':
              ops.push({ ...decision, note, kind: 'merge', sourceIds: [step.unit.unitId], target: { unitId: idOf(step.into) } });
              break;
          }
          for (const op of ops) {
            try {
              const r = await apply(op);
              ids.push(r.id);
              if (r.createdUnitIds.length) created.set(index, r.createdUnitIds[0]!);
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              const where = lines.length ? `dòng ${lines.join(', ')}` : report.steps[index]!.name;
              report.problems.push({ line: lines[0] ?? null, column: null, code: 'operation_refused', severity: 'error', message: `Bước ${index + 1} (${report.steps[index]!.label} ${report.steps[index]!.name}, ${where}) bị từ chối: ${e.message}` });
              report.canApply = false;
              throw new Rehearsal();
            }
          }
        }
        if (rehearse) throw new Rehearsal();
      });
    } catch (e) {
      if (!(e instanceof Rehearsal)) throw e;
      return [];
    }
    return ids;
  }
}

/** The import was refused; the report says why, line by line. */
export class ReformImportRefused extends ValidationError {
  constructor(readonly report: ReformImportReport, message: string) {
    super(report.problems.filter((p) => p.severity === 'error').slice(0, 200).map((p) => ({ field: p.line !== null ? `line ${p.line}` : p.column ?? 'file', code: p.code, message: p.message })), message);
  }
}

function noteOf(step: ReformStep, report: ReformImportReport): string {
  const base = 'Sắp xếp đơn vị hành chính từ 1/7/2025 theo phương án nhập từ tệp';
  if (step.kind !== 'merge_units' && step.kind !== 'move_unit') return base;
  const splits = report.problems.filter((p) => p.code === 'split' && p.line !== null && step.lines.includes(p.line));
  return `${base} (dòng ${step.lines.join(', ')})${splits.length ? `. Giả định của dangvu, không có trong nghị quyết: ${splits.map((p) => p.message).join('; ')}` : ''}`;
}

function viewOf(s: ReformStep, index: number, pointerName: (p: Pointer) => string): ReformStepView {
  const base = { index, kind: s.kind, label: STEP_LABELS[s.kind] };
  switch (s.kind) {
    case 'create_province':
      return { ...base, code: s.code, name: s.name, parentName: null, sources: [], members: 0, lines: s.lines };
    case 'merge_units':
      return { ...base, code: s.code, name: s.name, parentName: pointerName(s.parent), sources: s.sources.map((x) => ({ code: x.code, name: x.name, members: x.members })), members: s.sources.reduce((n, x) => n + x.members, 0), lines: s.lines };
    case 'move_unit':
      return { ...base, code: s.rename?.code ?? s.unit.code, name: s.rename?.name ?? s.unit.name, parentName: pointerName(s.parent), sources: [{ code: s.unit.code, name: s.unit.name, members: s.unit.members }], members: s.unit.members, lines: s.lines };
    case 'dissolve_district':
      return { ...base, code: s.unit.code, name: s.unit.name, parentName: pointerName(s.subUnitsTo), sources: s.carried.map((c) => ({ code: c.code, name: c.name, members: 0 })), members: 0, lines: [] };
    case 'merge_province':
      return { ...base, code: s.unit.code, name: s.unit.name, parentName: pointerName(s.into), sources: [], members: 0, lines: [] };
  }
}

/** Province, district and grassroots units in the actor's scope as they stood on `day`, with their members. */
async function loadUnits(db: Executor, actor: Actor, day: string): Promise<ReformUnit[]> {
  const { rows } = await sql<{ id: number; code: string; name: string; kind: string; parent_id: number | null; members: number }>`
    WITH v AS (
      SELECT u.id, u.path, v.code, v.name, v.kind, v.parent_id FROM unit u
      JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= ${day}::date AND (v.valid_to IS NULL OR v.valid_to > ${day}::date)
      WHERE v.kind IN ('province_committee', 'district_committee', 'grassroots_committee', 'grassroots_cell') AND u.path <@ ${actor.scopePath}::ltree
    ), counted AS (
      SELECT g.id, count(*)::int AS n FROM v g
      JOIN unit c ON c.path <@ g.path
      JOIN member_period p ON p.unit_id = c.id AND p.valid_from <= ${day}::date AND (p.valid_to IS NULL OR p.valid_to > ${day}::date) AND p.status IN (${active})
      WHERE g.kind IN ('grassroots_committee', 'grassroots_cell')
      GROUP BY g.id
    )
    SELECT v.id, v.code, v.name, v.kind, v.parent_id, COALESCE(counted.n, 0) AS members FROM v LEFT JOIN counted ON counted.id = v.id
    ORDER BY v.code, v.id`.execute(db);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, members: r.members }));
}
