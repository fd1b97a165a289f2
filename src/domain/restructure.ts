// Restructuring of the organization (sắp xếp tổ chức, issue 5 §1): the pure part. Given an operation and
// the facts about the units it names, `planOperation` either refuses it with errors naming the fields, or
// returns the plan of what changes on the effective date: units created, versions changed, units ended,
// members moved, succession links. src/commands/restructure.ts loads the facts and carries the plan out.
//
// Source: Điều lệ Đảng 2011, Điều 10, khoản 3 ("Cấp ủy cấp trên trực tiếp quyết định lập hoặc giải thể đảng
// bộ, chi bộ trực thuộc"), in force since 19/1/2011; kinds and placement as src/domain/units.ts (Quy định
// 294-QĐ/TW from 1/7/2025 puts communes under the province).
import { canPlaceUnder, holdsMembers, isUnitKind, UNIT_KIND_LABELS_VI, type UnitKind } from './units.ts';
import { formatVietnameseDate, isIsoDate } from './dates.ts';
import type { FieldError } from './errors.ts';
import { normalizeText } from '../text/vietnamese.ts';

export const RESTRUCTURE_SOURCE = 'Điều lệ Đảng 2011, Điều 10, khoản 3';
export const RESTRUCTURE_IN_FORCE_FROM = '2011-01-19';

export const RESTRUCTURE_KINDS = ['create', 'rename', 'move', 'merge', 'split', 'dissolve'] as const;
export type RestructureKind = (typeof RESTRUCTURE_KINDS)[number];

export const RESTRUCTURE_LABELS_VI: Record<RestructureKind | 'undo', string> = {
  create: 'thành lập', rename: 'đổi tên', move: 'chuyển trực thuộc', merge: 'hợp nhất, sáp nhập',
  split: 'chia tách', dissolve: 'giải thể', undo: 'hủy thao tác',
};

/** The decision that orders the operation. */
export interface DecisionInfo {
  effectiveDate: string;
  decisionNumber: string;
  decisionDate?: string | null;
  issuedBy?: string | null;
  /** Free text, including assumptions where the decision is silent. */
  note?: string | null;
}

export interface NewUnitSpec {
  code: string;
  name: string;
  kind: string;
  parentId: number;
}

/** An existing unit, or one the operation creates. */
export type UnitRef = { unitId: number; create?: undefined } | { create: NewUnitSpec; unitId?: undefined };

export type OperationBody =
  | { kind: 'create'; unit: NewUnitSpec }
  | { kind: 'rename'; unitId: number; name?: string | null; code?: string | null; unitKind?: string | null }
  | { kind: 'move'; unitId: number; parentId: number }
  | { kind: 'merge'; sourceIds: number[]; target: UnitRef }
  | {
      kind: 'split';
      sourceId: number;
      /** The source itself may be listed: it then continues with what is not assigned elsewhere. */
      successors: UnitRef[];
      /** Members by list: index into successors. */
      members?: Array<{ memberId: number; successor: number }>;
      /** Sub-units (whole cells with their members) by list: index into successors. */
      subUnits?: Array<{ unitId: number; successor: number }>;
      /** Where everything not listed goes; without it, everything must be listed. */
      defaultSuccessor?: number | null;
    }
  | { kind: 'dissolve'; unitId: number; membersTo?: number | null; subUnitsTo?: number | null };

export type Operation = DecisionInfo & OperationBody;

/** What the planner needs to know about a unit, as of today with its current version. */
export interface UnitFacts {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  /** The parent's kind, even when the parent lies outside the actor's scope. */
  parentKind: string | null;
  path: string;
  establishedOn: string;
  dissolvedOn: string | null;
  /** valid_from of the version in force. */
  versionFrom: string;
  children: Array<{ id: number; code: string; name: string; kind: string }>;
  /** Members in the unit itself (not in sub-units) with an active status on the effective date. */
  members: Array<{ id: number; fullName: string }>;
  /** Members whose period in this unit starts after the effective date (they would be left behind). */
  laterMembers: Array<{ id: number; fullName: string }>;
}

export interface PlanFacts {
  today: string;
  units: ReadonlyMap<number, UnitFacts>;
  /** The living holder of each code the operation gives out (today), if any. */
  codeHolders: ReadonlyMap<string, { id: number; name: string }>;
}

/**
 * A unit in a plan: a positive id for an existing unit, a negative one for the n-th unit the plan creates
 * (-1 is plan.create[0]).
 */
export type Ref = number;

export interface PlannedUnit {
  ref: Ref;
  code: string;
  name: string;
  kind: UnitKind;
  parent: Ref;
}

export interface Plan {
  kind: RestructureKind;
  effectiveDate: string;
  create: PlannedUnit[];
  /** Versions that change on the effective date (the fields given change; the rest stay). */
  change: Array<{ unitId: number; code?: string; name?: string; kind?: UnitKind; parent?: Ref }>;
  /** Units that end on the effective date (valid_to, dissolved_on). */
  end: number[];
  members: Array<{ memberId: number; fullName: string; from: number; to: Ref }>;
  successions: Array<{ from: number; to: Ref }>;
  involved: Array<{ unit: Ref; role: 'subject' | 'source' | 'target' | 'created' | 'parent' | 'moved' | 'destination' }>;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; errors: FieldError[] };

/** Decision numbers as parties write them: "123-QĐ/HU", "05-QĐ/ĐU", "1237/NQ-UBTVQH15". */
export const DECISION_NUMBER = /^\d{1,5}[-/][\p{Lu}Đ]{1,6}([-/][\p{Lu}\p{N}Đ]{1,10}){1,2}$/u;
const CODE = /^[0-9A-Za-z._-]{1,20}$/;

const vi = formatVietnameseDate;
const label = (kind: string) => (isUnitKind(kind) ? UNIT_KIND_LABELS_VI[kind] : kind);

/** True when `path` is `of` or lies under it (ltree paths of ids). */
export function isSameOrDescendant(path: string, of: string): boolean {
  return path === of || path.startsWith(of + '.');
}

/**
 * The split rule, deterministic: a member or sub-unit named in the list goes to the successor given there;
 * anything else goes to `defaultSuccessor`; with no default, anything not listed is an error. Members of a
 * committee sit in its cells, so a committee splits by whole cells (its sub-units) and its members follow
 * their cells; only a unit that holds members itself (a cell) splits member by member.
 */
export function assignSplit(
  memberIds: readonly number[],
  subUnitIds: readonly number[],
  rule: { members?: ReadonlyArray<{ memberId: number; successor: number }>; subUnits?: ReadonlyArray<{ unitId: number; successor: number }>; defaultSuccessor?: number | null },
): { members: Map<number, number>; subUnits: Map<number, number>; unassignedMembers: number[]; unassignedSubUnits: number[]; unknownMembers: number[]; unknownSubUnits: number[] } {
  const listed = (pairs: ReadonlyArray<{ successor: number }> | undefined, key: (p: never) => number) => new Map((pairs ?? []).map((p) => [key(p as never), p.successor]));
  const byMember = listed(rule.members, (p: { memberId: number }) => p.memberId);
  const bySub = listed(rule.subUnits, (p: { unitId: number }) => p.unitId);
  const fallback = rule.defaultSuccessor ?? null;
  const place = (ids: readonly number[], list: Map<number, number>) => {
    const out = new Map<number, number>();
    const missing: number[] = [];
    for (const id of ids) {
      const to = list.get(id) ?? fallback;
      if (to === null) missing.push(id);
      else out.set(id, to);
    }
    return { out, missing, unknown: [...list.keys()].filter((id) => !ids.includes(id)) };
  };
  const m = place(memberIds, byMember);
  const s = place(subUnitIds, bySub);
  return { members: m.out, subUnits: s.out, unassignedMembers: m.missing, unassignedSubUnits: s.missing, unknownMembers: m.unknown, unknownSubUnits: s.unknown };
}

export function planOperation(op: Operation, facts: PlanFacts): PlanResult {
  const errors: FieldError[] = [];
  const err = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const D = op.effectiveDate;

  if (!isIsoDate(D)) err('effectiveDate', 'invalid_date', 'Ngày hiệu lực không phải ngày hợp lệ (YYYY-MM-DD)');
  else if (D > facts.today) err('effectiveDate', 'future_date', 'Ngày hiệu lực không được sau ngày hôm nay');
  else if (D < RESTRUCTURE_IN_FORCE_FROM) err('effectiveDate', 'before_rules', `Ngày hiệu lực trước ${vi(RESTRUCTURE_IN_FORCE_FROM)}, ngày ${RESTRUCTURE_SOURCE.split(',')[0]} có hiệu lực`);
  if (!op.decisionNumber?.trim()) err('decisionNumber', 'required', 'Cần số quyết định');
  else if (!DECISION_NUMBER.test(op.decisionNumber.trim())) err('decisionNumber', 'format', 'Số quyết định phải có dạng số-LOẠI/CƠ QUAN, ví dụ 123-QĐ/HU');
  if (op.decisionDate && !isIsoDate(op.decisionDate)) err('decisionDate', 'invalid_date', 'Ngày quyết định không hợp lệ');
  else if (op.decisionDate && op.decisionDate > facts.today) err('decisionDate', 'future_date', 'Ngày quyết định không được sau ngày hôm nay');
  if (errors.length) return { ok: false, errors };

  const plan: Plan = { kind: op.kind, effectiveDate: D, create: [], change: [], end: [], members: [], successions: [], involved: [] };
  const ending = new Set<number>();
  const changed = new Set<number>();

  /** A living unit named by the operation, or an error on `field`. */
  const unit = (id: number | null | undefined, field: string): UnitFacts | undefined => {
    if (id == null) return undefined;
    const u = facts.units.get(id);
    if (!u) { err(field, 'not_found', 'Không tìm thấy đơn vị (hoặc đơn vị ngoài phạm vi của bạn)'); return undefined; }
    if (u.dissolvedOn) { err(field, 'dissolved', `${u.name} đã giải thể từ ${vi(u.dissolvedOn)}`); return undefined; }
    return u;
  };
  const kindOf = (ref: Ref): string => (ref < 0 ? plan.create[-ref - 1]!.kind : facts.units.get(ref)!.kind);
  const nameOf = (ref: Ref): string => (ref < 0 ? plan.create[-ref - 1]!.name : facts.units.get(ref)!.name);

  const newUnit = (spec: NewUnitSpec, field: string): Ref | undefined => {
    const before = errors.length;
    const code = spec.code?.trim() ?? '';
    if (!CODE.test(code)) err(`${field}.code`, 'invalid', 'Mã đơn vị gồm 1–20 chữ số, chữ cái, dấu chấm, gạch');
    if (!normalizeText(spec.name ?? '')) err(`${field}.name`, 'required', 'Tên đơn vị là bắt buộc');
    if (!isUnitKind(spec.kind)) err(`${field}.kind`, 'invalid', 'Loại đơn vị không hợp lệ');
    const parent = unit(spec.parentId, `${field}.parentId`);
    if (parent && isUnitKind(spec.kind) && !canPlaceUnder(spec.kind, parent.kind as UnitKind)) {
      err(`${field}.kind`, 'kind_not_allowed', `Không thể đặt ${label(spec.kind)} trực thuộc ${label(parent.kind)}`);
    }
    if (parent && D < parent.establishedOn) err('effectiveDate', 'before_parent', `${parent.name} chỉ có từ ${vi(parent.establishedOn)}`);
    if (errors.length > before) return undefined;
    plan.create.push({ ref: -(plan.create.length + 1), code, name: normalizeText(spec.name), kind: spec.kind as UnitKind, parent: parent!.id });
    return -plan.create.length;
  };
  const resolveRef = (ref: UnitRef, field: string): Ref | undefined => (ref.create ? newUnit(ref.create, `${field}.create`) : unit(ref.unitId, `${field}.unitId`)?.id);

  /** Re-parents `child` to `to` on D, if the kinds allow. */
  const reparent = (child: { id: number; name: string; kind: string }, to: Ref, field: string) => {
    if (isUnitKind(child.kind) && !canPlaceUnder(child.kind, kindOf(to) as UnitKind)) {
      err(field, 'kind_not_allowed', `${child.name} (${label(child.kind)}) không thể trực thuộc ${nameOf(to)} (${label(kindOf(to))})`);
      return;
    }
    plan.change.push({ unitId: child.id, parent: to });
    changed.add(child.id);
    plan.involved.push({ unit: child.id, role: 'moved' });
  };
  const moveMembers = (from: UnitFacts, to: Ref | null | undefined, field: string, assign?: Map<number, number>, successors?: Ref[]) => {
    for (const m of from.members) {
      const target = assign ? successors![assign.get(m.id)!]! : to;
      if (target == null) continue;
      if (target === from.id) continue;
      if (!holdsMembers(kindOf(target) as UnitKind)) {
        err(field, 'not_a_cell', `${nameOf(target)} không phải chi bộ nên không nhận được đảng viên (${from.members.length} đảng viên của ${from.name})`);
        return;
      }
      plan.members.push({ memberId: m.id, fullName: m.fullName, from: from.id, to: target });
    }
  };
  const end = (u: UnitFacts) => {
    plan.end.push(u.id);
    ending.add(u.id);
    if (u.laterMembers.length) {
      err('effectiveDate', 'members_after', `${u.name} có đảng viên vào sinh hoạt sau ngày hiệu lực: ${u.laterMembers.slice(0, 5).map((m) => m.fullName).join(', ')}`);
    }
  };

  switch (op.kind) {
    case 'create': {
      const ref = newUnit(op.unit, 'unit');
      if (ref !== undefined) plan.involved.push({ unit: ref, role: 'created' }, { unit: op.unit.parentId, role: 'parent' });
      break;
    }
    case 'rename': {
      const u = unit(op.unitId, 'unitId');
      if (!u) break;
      const next: Plan['change'][number] = { unitId: u.id };
      if (op.name != null && normalizeText(op.name) !== u.name) {
        if (!normalizeText(op.name)) err('name', 'required', 'Tên đơn vị là bắt buộc');
        else next.name = normalizeText(op.name);
      }
      if (op.code != null && op.code.trim() !== u.code) {
        if (!CODE.test(op.code.trim())) err('code', 'invalid', 'Mã đơn vị gồm 1–20 chữ số, chữ cái, dấu chấm, gạch');
        else next.code = op.code.trim();
      }
      if (op.unitKind != null && op.unitKind !== u.kind) {
        if (!isUnitKind(op.unitKind)) err('unitKind', 'invalid', 'Loại đơn vị không hợp lệ');
        else {
          if (!canPlaceUnder(op.unitKind, u.parentKind as UnitKind | null)) err('unitKind', 'kind_not_allowed', `Không thể đặt ${label(op.unitKind)} trực thuộc ${label(u.parentKind ?? '—')}`);
          const misfit = u.children.filter((c) => isUnitKind(c.kind) && !canPlaceUnder(c.kind, op.unitKind as UnitKind));
          if (misfit.length) err('unitKind', 'children_misfit', `${label(op.unitKind)} không thể có đơn vị trực thuộc như ${misfit.map((c) => c.name).join(', ')}`);
          if (u.members.length && !holdsMembers(op.unitKind)) err('unitKind', 'has_members', `${u.name} còn ${u.members.length} đảng viên; ${label(op.unitKind)} không trực tiếp có đảng viên`);
          next.kind = op.unitKind;
        }
      }
      if (next.name === undefined && next.code === undefined && next.kind === undefined && !errors.length) err('name', 'no_change', 'Không có gì thay đổi: hãy nhập tên, mã hoặc loại mới');
      plan.change.push(next);
      changed.add(u.id);
      plan.involved.push({ unit: u.id, role: 'subject' });
      break;
    }
    case 'move': {
      const u = unit(op.unitId, 'unitId');
      const parent = unit(op.parentId, 'parentId');
      if (!u || !parent) break;
      if (isSameOrDescendant(parent.path, u.path)) err('parentId', 'cycle', 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó');
      else if (parent.id === u.parentId) err('parentId', 'no_change', `${u.name} đã trực thuộc ${parent.name}`);
      else if (isUnitKind(u.kind) && !canPlaceUnder(u.kind, parent.kind as UnitKind)) err('parentId', 'kind_not_allowed', `Không thể đặt ${label(u.kind)} trực thuộc ${label(parent.kind)}`);
      plan.change.push({ unitId: u.id, parent: parent.id });
      changed.add(u.id);
      plan.involved.push({ unit: u.id, role: 'subject' }, { unit: parent.id, role: 'destination' });
      if (u.parentId !== null) plan.involved.push({ unit: u.parentId, role: 'parent' });
      break;
    }
    case 'merge': {
      const ids = [...new Set(op.sourceIds)];
      if (ids.length !== op.sourceIds.length) err('sourceIds', 'duplicate', 'Một đơn vị được kê hai lần');
      const sources = ids.map((id, i) => unit(id, `sourceIds.${i}`)).filter((u): u is UnitFacts => !!u);
      if (op.target.unitId !== undefined && ids.includes(op.target.unitId)) err('target.unitId', 'is_source', 'Đơn vị nhận không thể đồng thời là đơn vị bị hợp nhất');
      if (op.target.create ? ids.length < 2 : ids.length < 1) {
        err('sourceIds', 'too_few', op.target.create ? 'Hợp nhất cần ít nhất hai đơn vị (hoặc một đơn vị sáp nhập vào một đơn vị có sẵn)' : 'Cần ít nhất một đơn vị sáp nhập');
      }
      for (const a of sources) for (const b of sources) {
        if (a !== b && isSameOrDescendant(a.path, b.path)) err('sourceIds', 'nested', `${a.name} là đơn vị cấp dưới của ${b.name}`);
      }
      if (errors.length) break;
      const target = resolveRef(op.target, 'target');
      if (target === undefined) break;
      if (target > 0) {
        const t = facts.units.get(target)!;
        for (const s of sources) if (isSameOrDescendant(t.path, s.path)) err('target.unitId', 'inside_source', `${t.name} nằm trong ${s.name}, đơn vị sẽ kết thúc`);
        plan.involved.push({ unit: target, role: 'target' });
      } else plan.involved.push({ unit: target, role: 'created' });
      for (const [i, s] of sources.entries()) {
        plan.involved.push({ unit: s.id, role: 'source' });
        end(s);
        for (const c of s.children) reparent(c, target, `sourceIds.${i}`);
        moveMembers(s, target, `sourceIds.${i}`);
        plan.successions.push({ from: s.id, to: target });
      }
      break;
    }
    case 'split': {
      const s = unit(op.sourceId, 'sourceId');
      if (!s) break;
      plan.involved.push({ unit: s.id, role: 'source' });
      if (op.successors.length < 2) err('successors', 'too_few', 'Chia tách cần ít nhất hai đơn vị kế tiếp (có thể gồm chính đơn vị cũ)');
      const successors: Ref[] = [];
      op.successors.forEach((ref, i) => {
        if (ref.unitId !== undefined && ref.unitId !== s.id) {
          const t = facts.units.get(ref.unitId);
          if (t && isSameOrDescendant(t.path, s.path)) err(`successors.${i}.unitId`, 'inside_source', `${t.name} nằm trong ${s.name}`);
        }
        const r = resolveRef(ref, `successors.${i}`);
        if (r !== undefined) {
          successors.push(r);
          plan.involved.push({ unit: r, role: r < 0 ? 'created' : r === s.id ? 'subject' : 'target' });
        }
      });
      if (new Set(successors).size !== successors.length) err('successors', 'duplicate', 'Một đơn vị kế tiếp được kê hai lần');
      if (errors.length) break;
      const rule = { members: op.members, subUnits: op.subUnits, defaultSuccessor: op.defaultSuccessor };
      for (const [field, pairs] of [['members', op.members ?? []], ['subUnits', op.subUnits ?? []]] as const) {
        pairs.forEach((p, i) => { if (!Number.isInteger(p.successor) || p.successor < 0 || p.successor >= successors.length) err(`${field}.${i}.successor`, 'out_of_range', `Đơn vị kế tiếp số ${p.successor} không có trong danh sách`); });
      }
      if (op.defaultSuccessor != null && (op.defaultSuccessor < 0 || op.defaultSuccessor >= successors.length)) err('defaultSuccessor', 'out_of_range', `Đơn vị kế tiếp số ${op.defaultSuccessor} không có trong danh sách`);
      if (errors.length) break;
      const a = assignSplit(s.members.map((m) => m.id), s.children.map((c) => c.id), rule);
      if (a.unassignedMembers.length) {
        const names = s.members.filter((m) => a.unassignedMembers.includes(m.id)).map((m) => m.fullName);
        err('members', 'unassigned', `Chưa phân ${names.length} đảng viên về đơn vị nào: ${names.slice(0, 10).join(', ')}${names.length > 10 ? '…' : ''}`);
      }
      if (a.unassignedSubUnits.length) {
        const names = s.children.filter((c) => a.unassignedSubUnits.includes(c.id)).map((c) => c.name);
        err('subUnits', 'unassigned', `Chưa phân ${names.length} đơn vị trực thuộc về đơn vị nào: ${names.join(', ')}`);
      }
      if (a.unknownMembers.length) err('members', 'not_in_source', `Đảng viên mã ${a.unknownMembers.join(', ')} không sinh hoạt trực tiếp ở ${s.name}`);
      if (a.unknownSubUnits.length) err('subUnits', 'not_in_source', `Đơn vị mã ${a.unknownSubUnits.join(', ')} không trực thuộc ${s.name}`);
      if (errors.length) break;
      for (const c of s.children) {
        const to = successors[a.subUnits.get(c.id)!]!;
        if (to !== s.id) reparent(c, to, 'subUnits');
      }
      moveMembers(s, null, 'members', a.members, successors);
      if (!successors.includes(s.id)) end(s);
      for (const to of successors) if (to !== s.id) plan.successions.push({ from: s.id, to });
      break;
    }
    case 'dissolve': {
      const u = unit(op.unitId, 'unitId');
      if (!u) break;
      plan.involved.push({ unit: u.id, role: 'subject' });
      const membersTo = unit(op.membersTo, 'membersTo');
      const subTo = op.subUnitsTo != null ? unit(op.subUnitsTo, 'subUnitsTo') : u.parentId === null ? undefined : facts.units.get(u.parentId);
      for (const [field, dest] of [['membersTo', membersTo], ['subUnitsTo', op.subUnitsTo != null ? subTo : undefined]] as const) {
        if (dest && isSameOrDescendant(dest.path, u.path)) err(field, 'inside', `${dest.name} nằm trong đơn vị bị giải thể`);
      }
      if (errors.length) break;
      if (u.members.length && !membersTo) {
        err('membersTo', 'members_remain', `${u.name} còn ${u.members.length} đảng viên: chọn chi bộ nhận họ trong cùng thao tác, hoặc chuyển sinh hoạt trước khi giải thể`);
        break;
      }
      if (u.children.length && !subTo) { err('subUnitsTo', 'required', 'Cần đơn vị nhận các đơn vị trực thuộc'); break; }
      end(u);
      for (const c of u.children) reparent(c, subTo!.id, 'subUnitsTo');
      if (membersTo) {
        moveMembers(u, membersTo.id, 'membersTo');
        plan.involved.push({ unit: membersTo.id, role: 'destination' });
        plan.successions.push({ from: u.id, to: membersTo.id });
      }
      if (u.children.length) plan.involved.push({ unit: subTo!.id, role: 'destination' });
      break;
    }
  }
  if (errors.length) return { ok: false, errors };
  for (const c of plan.create) if (ending.has(c.parent)) err('parentId', 'parent_ending', `Đơn vị cấp trên của ${c.name} kết thúc trong cùng thao tác`);
  for (const c of plan.change) if (c.parent !== undefined && ending.has(c.parent)) err('parentId', 'parent_ending', 'Đơn vị cấp trên mới kết thúc trong cùng thao tác');

  // Dates: a unit ends after its current version began; a version changes on or after it began
  // (the same day amends it).
  for (const id of ending) {
    const u = facts.units.get(id)!;
    if (D <= u.versionFrom) err('effectiveDate', 'before_current', `Ngày hiệu lực phải sau ${vi(u.versionFrom)}, ngày bắt đầu phiên bản hiện tại của ${u.name}`);
  }
  for (const id of changed) {
    const u = facts.units.get(id)!;
    if (D < u.versionFrom) err('effectiveDate', 'before_current', `Ngày hiệu lực phải từ ${vi(u.versionFrom)}, ngày bắt đầu phiên bản hiện tại của ${u.name}`);
  }
  // Codes given out must be free on D, except those of units ending in this operation (codes are handed on).
  const given = [...plan.create.map((c) => ({ code: c.code, id: c.ref, field: 'code' })), ...plan.change.filter((c) => c.code).map((c) => ({ code: c.code!, id: c.unitId, field: 'code' }))];
  for (const g of given) {
    const holder = facts.codeHolders.get(g.code);
    if (holder && holder.id !== g.id && !ending.has(holder.id)) err(g.field, 'duplicate', `Mã ${g.code} đang là mã của ${holder.name}`);
  }
  if (new Set(given.map((g) => g.code)).size !== given.length) err('code', 'duplicate', 'Hai đơn vị mới trùng mã');
  return errors.length ? { ok: false, errors } : { ok: true, plan };
}

/** The operation as forms, the API and the CLI send it: one flat object whose `kind` says which fields count. */
export interface OperationInput extends DecisionInfo {
  kind: string;
  unitId?: number | null;
  parentId?: number | null;
  name?: string | null;
  code?: string | null;
  unitKind?: string | null;
  /** create, and merge into a new unit. */
  newUnit?: NewUnitSpec | null;
  sourceIds?: number[] | null;
  /** merge into an existing unit. */
  targetId?: number | null;
  sourceId?: number | null;
  successors?: Array<{ unitId?: number | null; code?: string | null; name?: string | null; kind?: string | null; parentId?: number | null }> | null;
  members?: Array<{ memberId: number; successor: number }> | null;
  subUnits?: Array<{ unitId: number; successor: number }> | null;
  defaultSuccessor?: number | null;
  membersTo?: number | null;
  subUnitsTo?: number | null;
}

/** Checks that the fields of the kind are there, and shapes the input as an Operation. */
export function operationFromInput(input: OperationInput): { ok: true; op: Operation } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const need = <T>(field: keyof OperationInput, value: T | null | undefined, message: string): T => {
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) errors.push({ field, code: 'required', message });
    return value as T;
  };
  const decision: DecisionInfo = { effectiveDate: input.effectiveDate, decisionNumber: input.decisionNumber, decisionDate: input.decisionDate ?? null, issuedBy: input.issuedBy ?? null, note: input.note ?? null };
  let body: OperationBody | undefined;
  switch (input.kind) {
    case 'create':
      body = { kind: 'create', unit: need('newUnit', input.newUnit, 'Cần mã, tên, loại và đơn vị cấp trên của đơn vị mới') };
      break;
    case 'rename':
      body = { kind: 'rename', unitId: need('unitId', input.unitId, 'Cần chọn đơn vị'), name: input.name ?? null, code: input.code ?? null, unitKind: input.unitKind ?? null };
      break;
    case 'move':
      body = { kind: 'move', unitId: need('unitId', input.unitId, 'Cần chọn đơn vị'), parentId: need('parentId', input.parentId, 'Cần chọn đơn vị cấp trên mới') };
      break;
    case 'merge':
      if (input.targetId == null && !input.newUnit) errors.push({ field: 'targetId', code: 'required', message: 'Cần đơn vị nhận: một đơn vị có sẵn hoặc một đơn vị mới' });
      body = { kind: 'merge', sourceIds: need('sourceIds', input.sourceIds, 'Cần các đơn vị được hợp nhất'), target: input.targetId != null ? { unitId: input.targetId } : { create: input.newUnit! } };
      break;
    case 'split':
      body = {
        kind: 'split', sourceId: need('sourceId', input.sourceId, 'Cần đơn vị được chia tách'),
        successors: need('successors', input.successors, 'Cần các đơn vị kế tiếp')?.map((s) => (s.unitId != null ? { unitId: s.unitId }
          : { create: { code: s.code ?? '', name: s.name ?? '', kind: s.kind ?? '', parentId: s.parentId ?? 0 } })) ?? [],
        members: input.members ?? [], subUnits: input.subUnits ?? [], defaultSuccessor: input.defaultSuccessor ?? null,
      };
      break;
    case 'dissolve':
      body = { kind: 'dissolve', unitId: need('unitId', input.unitId, 'Cần chọn đơn vị'), membersTo: input.membersTo ?? null, subUnitsTo: input.subUnitsTo ?? null };
      break;
    default:
      errors.push({ field: 'kind', code: 'invalid', message: `Thao tác phải là một trong: ${RESTRUCTURE_KINDS.join(', ')}` });
  }
  return errors.length || !body ? { ok: false, errors } : { ok: true, op: { ...decision, ...body } };
}
