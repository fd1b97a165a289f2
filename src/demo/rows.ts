// The demo as CSV lines for COPY … WITH (FORMAT csv): an unquoted empty field is NULL.
import type { LifecycleEvent } from '../domain/lifecycle/index.ts';
import { searchKey } from '../text/vietnamese.ts';
import { isoOf } from './calendar.ts';
import { MEMBER_STATUSES, type MemberStatus } from '../domain/members.ts';
import { dayOf } from './calendar.ts';
import { coresOf, livesOf, membersOf, type MemberContext, type MemberCore, type MemberLife } from './members.ts';
import type { DemoTree } from './tree.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: NULL as an empty field, text quoted only when it must be. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const UNIT_COLUMNS = ['id', 'code', 'name', 'kind', 'parent_id', 'path', 'depth', 'established_on', 'name_search'] as const;
export const UNIT_VERSION_COLUMNS = ['unit_id', 'valid_from', 'valid_to', 'code', 'name', 'kind', 'parent_id'] as const;
export const MEMBER_COLUMNS = [
  'id', 'full_name', 'other_names', 'sex', 'birth_date', 'birth_province_code', 'birth_place', 'home_town', 'ethnicity',
  'religion', 'citizen_id', 'card_number', 'education_general', 'education_professional', 'political_theory', 'occupation',
  'admission_date', 'official_date', 'admission_decision_date', 'status', 'unit_id', 'name_search', 'name_sort', 'created_at', 'updated_at',
  'depth1_unit_id', 'depth2_unit_id', 'depth3_unit_id',
] as const;
export const MEMBER_PERIOD_COLUMNS = ['member_id', 'valid_from', 'valid_to', 'status', 'unit_id'] as const;
export const MEMBER_EVENT_COLUMNS = [
  'id', 'member_id', 'kind', 'effective_date', 'decision_number', 'decision_date', 'issued_by', 'note', 'details', 'recorded_at',
] as const;

export function* unitRows(tree: DemoTree): Generator<string> {
  for (const u of tree.units) {
    yield `${u.id},${csvField(u.code)},${csvField(u.name)},${u.kind},${u.parentId ?? ''},${u.path},${u.depth},${isoOf(u.established)},${csvField(searchKey(u.name))}\n`;
  }
}

/** One version per unit, from its founding, still in force (no restructuring is modelled). */
export function* unitVersionRows(tree: DemoTree): Generator<string> {
  for (const u of tree.units) {
    yield `${u.id},${isoOf(u.established)},,${csvField(u.code)},${csvField(u.name)},${u.kind},${u.parentId ?? ''}\n`;
  }
}

/**
 * The periods of the members in id order, kept compactly (13 bytes a period) by the pass that writes the
 * members, so that member_period is written from the same replay without drawing every life again.
 */
export class PeriodStore {
  private static readonly CHUNK = 1 << 20;
  private readonly members: Int32Array[] = [];
  private readonly from: Int32Array[] = [];
  private readonly units: Int32Array[] = [];
  private readonly statuses: Uint8Array[] = [];
  private count = 0;
  /** Members added. */
  added = 0;

  add(core: MemberCore): void {
    this.added++;
    for (const p of core.history.periods) {
      const chunk = Math.floor(this.count / PeriodStore.CHUNK);
      const at = this.count % PeriodStore.CHUNK;
      if (at === 0) {
        this.members.push(new Int32Array(PeriodStore.CHUNK));
        this.from.push(new Int32Array(PeriodStore.CHUNK));
        this.units.push(new Int32Array(PeriodStore.CHUNK));
        this.statuses.push(new Uint8Array(PeriodStore.CHUNK));
      }
      this.members[chunk]![at] = core.id;
      this.from[chunk]![at] = dayOf(p.validFrom);
      this.units[chunk]![at] = p.unitId;
      this.statuses[chunk]![at] = STATUS_CODE.get(p.status)!;
      this.count++;
    }
  }

  /**
   * The periods as [member, from, to, status index in MEMBER_STATUSES, unit], days as day numbers, `to`
   * exclusive (Infinity for the open period); in member order, then date order.
   */
  *spans(): Generator<[member: number, from: number, to: number, status: number, unit: number]> {
    const size = PeriodStore.CHUNK;
    for (let i = 0; i < this.count; i++) {
      const c = Math.floor(i / size);
      const a = i % size;
      const member = this.members[c]![a]!;
      const n = i + 1;
      const sameNext = n < this.count && this.members[Math.floor(n / size)]![n % size] === member;
      const to = sameNext ? this.from[Math.floor(n / size)]![n % size]! : Infinity;
      yield [member, this.from[c]![a]!, to, this.statuses[c]![a]!, this.units[c]![a]!];
    }
  }

  /** The rows of member_period; valid_to is the next period's start, the last one open. */
  *rows(): Generator<string> {
    const size = PeriodStore.CHUNK;
    for (let i = 0; i < this.count; i++) {
      const c = Math.floor(i / size);
      const a = i % size;
      const member = this.members[c]![a]!;
      const next = i + 1 < this.count ? i + 1 : -1;
      const sameNext = next >= 0 && this.members[Math.floor(next / size)]![next % size] === member;
      const to = sameNext ? isoOf(this.from[Math.floor(next / size)]![next % size]!) : '';
      yield `${member},${isoOf(this.from[c]![a]!)},${to},${MEMBER_STATUSES[this.statuses[c]![a]!]},${this.units[c]![a]}\n`;
    }
  }
}

const STATUS_CODE = new Map<MemberStatus, number>(MEMBER_STATUSES.map((s, i) => [s, i]));

/** The member rows; `periods`, when given, keeps each member's replayed periods for memberPeriodRows. */
export function* memberRows(tree: DemoTree, ctx: MemberContext, periods?: PeriodStore): Generator<string> {
  // Rows are stamped with the demo's "today" rather than the clock, so that a load is reproducible.
  const stamp = `${isoOf(ctx.today)} 00:00:00+07`;
  // The ancestors at depths 1–3 (0010_member_subtree_keys.sql), written here because the load bypasses triggers.
  const depthKeys = new Map(tree.units.map((u) => {
    const ids = u.path.split('.');
    return [u.id, `${ids[1] ?? ''},${ids[2] ?? ''},${ids[3] ?? ''}`];
  }));
  for (const m of membersOf(tree, ctx)) {
    periods?.add(m.core);
    const p = m.profile;
    yield [
      m.core.id, csvField(p.fullName), csvField(p.otherNames), p.sex, p.birthDate, csvField(p.birthProvinceCode),
      csvField(p.birthPlace), csvField(p.homeTown), csvField(p.ethnicity), csvField(p.religion), csvField(p.citizenId),
      csvField(p.cardNumber), csvField(p.educationGeneral), csvField(p.educationProfessional), csvField(p.politicalTheory),
      csvField(p.occupation), csvField(p.admissionDate), csvField(p.officialDate), csvField(m.core.admissionDecisionDate),
      m.core.status, m.core.unitId,
      csvField(m.nameSearch), csvField(m.nameSort), stamp, stamp, depthKeys.get(m.core.unitId),
    ].join(',') + '\n';
  }
}

/**
 * The periods of member_period: the replay of each member's events (members.ts), from the store filled
 * by memberRows, or replayed again.
 */
export function* memberPeriodRows(tree: DemoTree, ctx: MemberContext, store?: PeriodStore): Generator<string> {
  if (store) {
    yield* store.rows();
    return;
  }
  for (const core of coresOf(tree, ctx)) {
    for (const p of core.history.periods) yield `${core.id},${p.validFrom},${p.validTo ?? ''},${p.status},${p.unitId}\n`;
  }
}

/** The kind-specific fields of an event, as member_event.details names them (the domain's names). */
const DETAIL_FIELDS = ['unitId', 'toUnitId', 'hostUnitId', 'until', 'purpose', 'reason', 'form', 'ground', 'letterNumber'] as const;

export function eventDetails(e: LifecycleEvent): string {
  const parts: string[] = [];
  const fields = e as unknown as Record<string, unknown>;
  for (const k of DETAIL_FIELDS) {
    const v = fields[k];
    if (v !== undefined && v !== null) parts.push(`"${k}":${typeof v === 'number' ? v : JSON.stringify(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The events of member_event, numbered from 1 in member order, then date order; `onLife` sees each life
 * drawn (the loader collects the counselling rows from them in the same pass).
 */
export function* memberEventRows(tree: DemoTree, ctx: MemberContext, onLife?: (life: MemberLife) => void): Generator<string> {
  const stamp = `${isoOf(ctx.today)} 00:00:00+07`;
  let id = 0;
  for (const life of livesOf(tree, ctx)) {
    onLife?.(life);
    for (const e of life.events) {
      yield `${++id},${life.id},${e.kind},${e.date},${csvField(e.decisionNumber)},${csvField(e.decisionDate)},${csvField(e.issuedBy)},${csvField(e.note)},${csvField(eventDetails(e))},${stamp}\n`;
    }
  }
}
