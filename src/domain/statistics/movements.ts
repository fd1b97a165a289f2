// Movements of members in and out of a unit's roll over a period (Biểu 1 — Thống kê tăng, giảm đảng viên).
// Pure: the caller gives a member's periods and events and a way to ask whether a unit was inside the
// subtree on a date. Every entry and exit is a change of one indicator ("on the roll of the subtree at the
// end of day d"), so the form's identity D = A + B − C holds by construction at every level, whatever
// happens between the two dates (transfers, restructurings, several changes in one day). A move inside
// the subtree changes nothing and is not a movement: the rows count the units a member moves between,
// which is what forms.md reads from the form (its exact reading is "to verify").
import { ACTIVE_STATUSES } from '../members.ts';
import { addDays } from '../dates.ts';
import type { FormRow } from './breakdowns.ts';

export const INCREASES = ['admitted', 'transferred_in_other_province', 'transferred_in_same_province', 'reorganized_in', 'other_in'] as const;
export const DECREASES = ['deceased', 'expelled', 'removed', 'left', 'transferred_out_other_province', 'transferred_out_same_province', 'reorganized_out', 'other_out'] as const;
export type Increase = (typeof INCREASES)[number];
export type Decrease = (typeof DECREASES)[number];
export type MovementKind = Increase | Decrease;

/** Rows of Biểu 1 (labels from forms.md) plus the rows dangvu needs for what the form does not name. */
export const MOVEMENT_ROWS: Record<MovementKind, FormRow> = {
  admitted: { key: 'admitted', vi: 'B1. Kết nạp', en: 'B1. Admitted' },
  transferred_in_other_province: { key: 'transferred_in_other_province', vi: 'B2a. Tỉnh khác chuyển đến', en: 'B2a. Transferred in from another province' },
  transferred_in_same_province: { key: 'transferred_in_same_province', vi: 'B2b. Huyện khác trong tỉnh chuyển đến', en: 'B2b. Transferred in from the same province' },
  reorganized_in: { key: 'reorganized_in', vi: 'B2c. Chuyển đến do sắp xếp tổ chức', en: 'B2c. Moved in by restructuring' },
  other_in: { key: 'other_in', vi: 'B4. Khác (nhập hồ sơ ban đầu)', en: 'B4. Other (initial records)' },
  deceased: { key: 'deceased', vi: 'C1. Từ trần', en: 'C1. Deceased' },
  expelled: { key: 'expelled', vi: 'C2. Khai trừ', en: 'C2. Expelled' },
  removed: { key: 'removed', vi: 'C3. Xóa tên', en: 'C3. Removed' },
  left: { key: 'left', vi: 'C4. Xin ra khỏi Đảng', en: 'C4. Left on request' },
  transferred_out_other_province: { key: 'transferred_out_other_province', vi: 'C5a. Chuyển đi tỉnh khác', en: 'C5a. Transferred out to another province' },
  transferred_out_same_province: { key: 'transferred_out_same_province', vi: 'C5b. Chuyển đi huyện khác trong tỉnh', en: 'C5b. Transferred out within the province' },
  reorganized_out: { key: 'reorganized_out', vi: 'C5c. Chuyển đi do sắp xếp tổ chức', en: 'C5c. Moved out by restructuring' },
  other_out: { key: 'other_out', vi: 'C6. Khác', en: 'C6. Other' },
};

export interface PeriodLike { validFrom: string; validTo: string | null; status: string; unitId: number }

export interface Movement {
  date: string;
  kind: MovementKind;
  /** For a removal: whether the member was probationary (the form's "Trong đó: Đảng viên dự bị"). */
  wasProbationary: boolean;
}

export interface MovementContext {
  /** The window, inclusive: movements on days from..to; A is the roll at the end of from − 1. */
  from: string;
  to: string;
  /** Was the unit inside the reported subtree at the end of `date`? */
  inSubtree(unitId: number, date: string): boolean;
  /** Kinds of the member's (non-voided) events effective on a date. */
  eventKindsOn(date: string): readonly string[];
  /** Did the two units belong to the same province committee on those dates (null: not known)? */
  sameProvince(a: { unitId: number; date: string }, b: { unitId: number; date: string }): boolean | null;
  /** Dates in the window when the tree of the subtree changed (restructurings). */
  treeChangeDates: readonly string[];
}

const active = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);
const covering = (periods: readonly PeriodLike[], d: string) => periods.find((p) => p.validFrom <= d && (p.validTo === null || p.validTo > d)) ?? null;

/** The member's movements in and out of the subtree during the window, and whether they were on the roll at its start and end. */
export function memberMovements(periods: readonly PeriodLike[], ctx: MovementContext): { opening: boolean; closing: boolean; movements: Movement[] } {
  const onRoll = (d: string) => {
    const p = covering(periods, d);
    return p !== null && active(p.status) && ctx.inSubtree(p.unitId, d);
  };
  const start = addDays(ctx.from, -1);
  const dates = new Set<string>(ctx.treeChangeDates);
  for (const p of periods) {
    if (p.validFrom > start && p.validFrom <= ctx.to) dates.add(p.validFrom);
    if (p.validTo !== null && p.validTo > start && p.validTo <= ctx.to) dates.add(p.validTo);
  }
  const movements: Movement[] = [];
  let before = onRoll(start);
  const opening = before;
  for (const d of [...dates].sort()) {
    const after = onRoll(d);
    if (after === before) continue;
    const prev = covering(periods, addDays(d, -1));
    const next = covering(periods, d);
    const kinds = ctx.eventKindsOn(d);
    const unitChanged = prev !== null && next !== null && prev.unitId !== next.unitId;
    const statusChanged = prev === null || next === null || prev.status !== next.status;
    if (after) {
      let kind: MovementKind;
      if (kinds.includes('admission') && (prev === null || !active(prev.status))) kind = 'admitted';
      else if (kinds.includes('reorganized')) kind = 'reorganized_in';
      else if (prev !== null && active(prev.status) && (unitChanged || kinds.includes('transfer_in'))) kind = transferKind('in', prev, next!, d, ctx);
      else if (prev !== null && active(prev.status) && !unitChanged && !statusChanged) kind = 'reorganized_in';
      else kind = 'other_in';
      movements.push({ date: d, kind, wasProbationary: false });
    } else {
      let kind: MovementKind;
      const exitStatus = next?.status;
      if (exitStatus === 'deceased') kind = 'deceased';
      else if (exitStatus === 'expelled') kind = 'expelled';
      else if (exitStatus === 'removed') kind = 'removed';
      else if (exitStatus === 'left') kind = 'left';
      else if (kinds.includes('reorganized')) kind = 'reorganized_out';
      else if (next !== null && active(next.status) && unitChanged) kind = transferKind('out', prev!, next, d, ctx);
      else if (next !== null && active(next.status) && !unitChanged && !statusChanged) kind = 'reorganized_out';
      else kind = 'other_out';
      movements.push({ date: d, kind, wasProbationary: prev?.status === 'probationary' });
    }
    before = after;
  }
  return { opening, closing: before, movements };
}

function transferKind(direction: 'in' | 'out', prev: PeriodLike, next: PeriodLike, d: string, ctx: MovementContext): MovementKind {
  const same = ctx.sameProvince({ unitId: prev.unitId, date: addDays(d, -1) }, { unitId: next.unitId, date: d });
  if (direction === 'in') return same === false ? 'transferred_in_other_province' : 'transferred_in_same_province';
  return same === false ? 'transferred_out_other_province' : 'transferred_out_same_province';
}
