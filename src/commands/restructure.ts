// Restructuring operations (issue 5 §1): preview, apply in one transaction with one audited record, list,
// and undo by reversing exactly what was applied. The rules are src/domain/restructure.ts (pure); this file
// loads the facts they need, carries the plan out and keeps what it did in restructuring.changes.
//
// Built to be called by bulk importers too (the 2025 mapping, the Bến Tre history): `apply` takes ids, runs
// in its own transaction, and serializes restructurings with an advisory lock so concurrent ones cannot
// interleave.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, RestructuringTable } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { inTransaction, pgErrorCode, type Executor } from '../db/transaction.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { formatVietnameseDate, todayIso } from '../domain/dates.ts';
import { ACTIVE_STATUSES } from '../domain/members.ts';
import { searchKey } from '../text/vietnamese.ts';
import { operationFromInput, planOperation, RESTRUCTURE_LABELS_VI, type Operation, type OperationInput, type Plan, type Ref, type UnitFacts } from '../domain/restructure.ts';
import { loadEvents, rebuildMemberHistory, initialOf, toLifecycle } from './member-events.ts';
import { replay } from '../domain/lifecycle/index.ts';

/**
 * Things owned by a unit that must follow it when it is merged or dissolved (open plans and tasks of the
 * documents module, consolidation plans of the evaluation module). Each module registers one mover; the
 * preview counts, apply moves and records the ids, undo moves them back.
 */
export interface OpenItemMover {
  key: string;
  labelVi: string;
  count(db: Executor, unitIds: number[]): Promise<number>;
  /** Moves the open items of `from` to `to`; returns the ids moved (kept for undo). */
  move(tx: Transaction<Database>, from: number, to: number, effectiveDate: string): Promise<number[]>;
  moveBack(tx: Transaction<Database>, ids: number[], to: number): Promise<void>;
}
const OPEN_ITEM_MOVERS: OpenItemMover[] = [];
export function registerOpenItemMover(mover: OpenItemMover): void {
  if (!OPEN_ITEM_MOVERS.some((m) => m.key === mover.key)) OPEN_ITEM_MOVERS.push(mover);
}

export interface UnitLabel { id: number | null; code: string; name: string; kind: string }

export interface RestructurePreview {
  kind: string;
  effectiveDate: string;
  created: Array<{ code: string; name: string; kind: string; parentName: string }>;
  ended: UnitLabel[];
  /** Units whose version changes: renamed, recoded, re-kinded, or moved under another parent. */
  changed: Array<UnitLabel & { newCode: string | null; newName: string | null; newKind: string | null; newParentName: string | null }>;
  /** Members moved one by one (from cells that end or split), with a sample of names. */
  members: { count: number; sample: Array<{ id: number; fullName: string; from: string; to: string }> };
  /** Members who move with their cells (in the sub-units that change parent); they stay in their cells. */
  membersWithSubUnits: number;
  openItems: Array<{ key: string; label: string; count: number }>;
  successions: Array<{ from: string; to: string }>;
}

export interface RestructuringRecord {
  id: number;
  kind: string;
  kindLabel: string;
  effectiveDate: string;
  decisionNumber: string;
  decisionDate: string | null;
  issuedBy: string | null;
  note: string | null;
  units: Array<UnitLabel & { role: string }>;
  memberCount: number;
  createdBy: string;
  createdAt: string;
  undoneById: number | null;
  undoesId: number | null;
}

interface UnitRowImage { code: string; name: string; kind: string; parent_id: number | null; dissolved_on: string | null; name_search: string }
interface VersionImage { valid_from: string; valid_to: string | null; code: string; name: string; kind: string; parent_id: number | null; decision: string | null }

/** What an apply did, enough to reverse it exactly. */
export interface AppliedChanges {
  createdUnitIds: number[];
  units: Array<{ unitId: number; before: UnitRowImage; version: VersionImage }>;
  successions: Array<{ predecessorId: number; successorId: number; operation: string }>;
  memberEvents: Array<{ memberId: number; eventId: number; from: number; to: number }>;
  openItems: Array<{ key: string; ids: number[]; from: number; to: number }>;
}

/** One operation applied inside applyMany: its record and the units it created, in plan order. */
export interface AppliedOperation { id: number; createdUnitIds: number[]; membersMoved: number }

/** The units of a record as a reader takes them in: what the operation was about, then what followed along. */
const ROLE_ORDER = ['subject', 'source', 'target', 'created', 'destination', 'parent', 'moved'];

const RESTRUCTURE_LOCK = 0x64766e31; // 'dvn1': one restructuring at a time

export class RestructureService {
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {}

  /** What the operation would change, without changing anything. */
  async preview(input: Operation | OperationInput): Promise<RestructurePreview> {
    authorize(this.actor, 'unit.write');
    const plan = await this.plan(this.db, asOperation(input));
    return describePlan(this.db, plan);
  }

  /**
   * Applies the operation in one transaction and returns its record. Like a batch, it recounts the roll-up
   * once for the union of the units it touched: a merge of two provinces re-parents hundreds of sub-units,
   * and a recount per re-parenting made it minutes instead of seconds (docs/benchmarks.md).
   */
  async apply(input: Operation | OperationInput): Promise<RestructuringRecord> {
    const op = asOperation(input);
    const { id } = await this.applyMany((apply) => apply(op));
    return this.get(id);
  }

  /**
   * Applies several operations in one transaction, each planned on the state the ones before it left
   * (so a later one may name a unit an earlier one created). `work` calls `apply` for each; if any is
   * refused, or `work` throws, nothing is kept. Used by the reform import (src/commands/reform-import.ts).
   * The statistics roll-up is recounted once at the end for every unit the operations touched
   * (migration 0011), not once per moved unit.
   */
  async applyMany<T>(work: (apply: (input: Operation | OperationInput) => Promise<AppliedOperation>, tx: Transaction<Database>) => Promise<T>): Promise<T> {
    authorize(this.actor, 'unit.write');
    return inTransaction(this.db, this.actor, async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${RESTRUCTURE_LOCK})`.execute(tx);
      await sql`SELECT stat_defer()`.execute(tx);
      const result = await work((input) => this.applyIn(tx, asOperation(input)), tx);
      await sql`SELECT stat_flush_deferred()`.execute(tx);
      return result;
    });
  }

  private async applyIn(tx: Transaction<Database>, op: Operation): Promise<AppliedOperation> {
    // Planned under the lock, from the state the other operations left; planned once more after locking the
    // unit rows, since a plain edit of a unit (PATCH /units) does not take the advisory lock.
    await lockUnits(tx, await this.plan(tx, op));
    const plan = await this.plan(tx, op);
    await lockUnits(tx, plan);
    // Members whose log gets an event are locked too, as recording an event on a member does.
    const memberIds = [...new Set(plan.members.map((m) => m.memberId))].sort((a, b) => a - b);
    if (memberIds.length) await sql`SELECT id FROM member WHERE id IN (${sql.join(memberIds)}) ORDER BY id FOR UPDATE`.execute(tx);
    return this.execute(tx, op, plan);
  }

  /**
   * Applies batches of operations (the Bến Tre history: one batch per effective date). Each batch is built
   * from the state the earlier ones left, so it can check its rows against that state, and is applied in
   * one transaction: a refusal leaves none of its operations behind. With `dryRun` every batch runs in one
   * transaction that is rolled back, so a later date is previewed on top of the earlier ones.
   */
  async applyBatches(batches: Array<(db: Executor) => Promise<Operation[]>>, options: { dryRun?: boolean } = {}): Promise<RestructuringRecord[][]> {
    authorize(this.actor, 'unit.write');
    const run = async (tx: Transaction<Database>, build: (db: Executor) => Promise<Operation[]>) => {
      await sql`SELECT pg_advisory_xact_lock(${RESTRUCTURE_LOCK})`.execute(tx);
      // As in applyMany: the roll-up is recounted once per batch, not once per moved unit (a date of Bến Tre's
      // mergers recounted the province a few hundred times, minutes at country size).
      await sql`SELECT stat_defer()`.execute(tx);
      const records: RestructuringRecord[] = [];
      for (const op of await build(tx)) {
        const { id } = await this.applyIn(tx, op);
        records.push(await this.present(tx, await this.requireRecord(tx, id)));
      }
      await sql`SELECT stat_flush_deferred()`.execute(tx);
      return records;
    };
    if (!options.dryRun) {
      const out: RestructuringRecord[][] = [];
      for (const build of batches) out.push(await inTransaction(this.db, this.actor, (tx) => run(tx, build)));
      return out;
    }
    const rollback = new Error('dry run');
    const out: RestructuringRecord[][] = [];
    await inTransaction(this.db, this.actor, async (tx) => {
      for (const build of batches) out.push(await run(tx, build));
      throw rollback;
    }).catch((err: unknown) => { if (err !== rollback) throw err; });
    return out;
  }

  private async plan(db: Executor, op: Operation): Promise<Plan> {
    const facts = await loadFacts(db, this.actor, op);
    const result = planOperation(op, facts);
    if (!result.ok) throw new ValidationError(result.errors, result.errors.map((e) => e.message).join('; '));
    return result.plan;
  }

  private async execute(tx: Transaction<Database>, op: Operation, plan: Plan): Promise<AppliedOperation> {
    const D = plan.effectiveDate;
    const decision = op.decisionNumber.trim();
    const record = await tx.insertInto('restructuring').values({
      kind: plan.kind, effective_date: D, decision_number: decision, decision_date: op.decisionDate || null,
      issued_by: op.issuedBy?.trim() || null, note: op.note?.trim() || null, input: JSON.stringify(op), changes: '{}',
      created_by: this.actor.userId, created_by_name: this.actor.username,
    }).returning('id').executeTakeFirstOrThrow();
    const changes: AppliedChanges = { createdUnitIds: [], units: [], successions: [], memberEvents: [], openItems: [] };
    const ids = new Map<Ref, number>();
    const idOf = (ref: Ref) => (ref > 0 ? ref : ids.get(ref)!);

    for (const c of plan.create) {
      const parent = await tx.selectFrom('unit').select(['id', 'path']).where('id', '=', idOf(c.parent)).executeTakeFirstOrThrow();
      const inserted = await tx.insertInto('unit').values({
        code: c.code, name: c.name, kind: c.kind, parent_id: parent.id, path: '0', depth: 0, established_on: D, name_search: searchKey(c.name),
      }).returning('id').executeTakeFirstOrThrow();
      await tx.updateTable('unit').set({ path: `${parent.path}.${inserted.id}`, depth: parent.path.split('.').length }).where('id', '=', inserted.id).execute();
      await tx.insertInto('unit_version').values({ unit_id: inserted.id, valid_from: D, valid_to: null, code: c.code, name: c.name, kind: c.kind, parent_id: parent.id, decision }).execute();
      ids.set(c.ref, inserted.id);
      changes.createdUnitIds.push(inserted.id);
    }

    const snapshot = async (unitId: number) => {
      const u = await tx.selectFrom('unit').select(['code', 'name', 'kind', 'parent_id', 'dissolved_on', 'name_search']).where('id', '=', unitId).executeTakeFirstOrThrow();
      const v = await tx.selectFrom('unit_version').select(['valid_from', 'valid_to', 'code', 'name', 'kind', 'parent_id', 'decision']).where('unit_id', '=', unitId).where('valid_to', 'is', null).executeTakeFirstOrThrow();
      changes.units.push({ unitId, before: u, version: v });
      return v;
    };

    for (const c of plan.change) {
      const open = await snapshot(c.unitId);
      const next = { code: c.code ?? open.code, name: c.name ?? open.name, kind: c.kind ?? open.kind, parent_id: c.parent !== undefined ? idOf(c.parent) : open.parent_id };
      if (open.valid_from === D) {
        // Same day as the version began: the decision amends it (ADR 0002).
        await tx.updateTable('unit_version').set({ ...next, decision }).where('unit_id', '=', c.unitId).where('valid_from', '=', D).execute();
      } else {
        await tx.updateTable('unit_version').set({ valid_to: D }).where('unit_id', '=', c.unitId).where('valid_from', '=', open.valid_from).execute();
        await tx.insertInto('unit_version').values({ unit_id: c.unitId, valid_from: D, valid_to: null, ...next, decision }).execute();
      }
      await tx.updateTable('unit').set({ ...next, name_search: searchKey(next.name), row_version: sql`row_version + 1` }).where('id', '=', c.unitId).execute();
      if (next.parent_id !== open.parent_id) await reroot(tx, c.unitId);
    }

    for (const unitId of plan.end) {
      const open = await snapshot(unitId);
      await tx.updateTable('unit_version').set({ valid_to: D }).where('unit_id', '=', unitId).where('valid_from', '=', open.valid_from).execute();
      await tx.updateTable('unit').set({ dissolved_on: D, row_version: sql`row_version + 1` }).where('id', '=', unitId).execute();
    }

    for (const s of plan.successions) {
      const successorId = idOf(s.to);
      await tx.insertInto('unit_succession').values({ predecessor_id: s.from, successor_id: successorId, effective_on: D, operation: plan.kind, decision, note: op.note?.trim() || null })
        .onConflict((oc) => oc.doNothing()).execute();
      changes.successions.push({ predecessorId: s.from, successorId, operation: plan.kind });
      // Open items follow the unit that ends (a split source that continues keeps its own).
      if (plan.end.includes(s.from) && !changes.openItems.some((o) => o.from === s.from)) {
        for (const mover of OPEN_ITEM_MOVERS) {
          const moved = await mover.move(tx, s.from, successorId, D);
          if (moved.length) changes.openItems.push({ key: mover.key, ids: moved, from: s.from, to: successorId });
        }
      }
    }

    for (const m of plan.members) {
      const to = idOf(m.to);
      const inserted = await tx.insertInto('member_event').values({
        member_id: m.memberId, kind: 'reorganized', effective_date: D, decision_number: decision, decision_date: op.decisionDate || null,
        issued_by: op.issuedBy?.trim() || null, note: op.note?.trim() || null, attachments: [],
        details: JSON.stringify({ unitId: to, fromUnitId: m.from, restructuringId: record.id }), recorded_by: this.actor.userId,
      }).returning('id').executeTakeFirstOrThrow();
      const member = await tx.selectFrom('member').selectAll().where('id', '=', m.memberId).executeTakeFirstOrThrow();
      const result = replay((await loadEvents(tx, m.memberId)).map(toLifecycle), { initial: initialOf(member) });
      const issue = result.issues.find((i) => i.eventId === String(inserted.id));
      if (issue) throw new ValidationError([{ field: 'members', code: issue.ruleId, message: `${m.fullName}: ${issue.message}` }], `Không chuyển được ${m.fullName}: ${issue.message}`);
      await rebuildMemberHistory(tx, m.memberId);
      changes.memberEvents.push({ memberId: m.memberId, eventId: inserted.id, from: m.from, to });
    }

    const involved = new Map<string, { unit_id: number; role: string }>();
    for (const i of plan.involved) involved.set(`${idOf(i.unit)}/${i.role}`, { unit_id: idOf(i.unit), role: i.role });
    if (involved.size) await tx.insertInto('restructuring_unit').values([...involved.values()].map((v) => ({ restructuring_id: record.id, ...v }))).execute();
    await tx.updateTable('restructuring').set({ changes: JSON.stringify(changes) }).where('id', '=', record.id).execute();
    return { id: record.id, createdUnitIds: changes.createdUnitIds, membersMoved: changes.memberEvents.length };
  }

  /**
   * Undoes an operation by reversing what it changed: versions and unit rows back to their before-images,
   * created units removed, succession links removed, members' 'reorganized' events voided (the event log
   * stays append-only) and their periods replayed. Refused while a later operation or change depends on it.
   */
  async undo(id: number, input: { decisionNumber?: string | null; note?: string | null } = {}): Promise<RestructuringRecord> {
    authorize(this.actor, 'unit.write');
    const undoId = await inTransaction(this.db, this.actor, async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${RESTRUCTURE_LOCK})`.execute(tx);
      const rec = await this.requireRecord(tx, id);
      if (rec.kind === 'undo') throw new ConflictError('Không hủy một lần hủy; hãy thực hiện lại thao tác gốc');
      if (rec.undone_by_id) throw new ConflictError(`Thao tác này đã được hủy (bản ghi #${rec.undone_by_id})`);
      const D = rec.effective_date;
      const changes = rec.changes as AppliedChanges;
      // A later operation on any unit this one changed, ended, created or moved things into depends on it
      // (a mere parent of a created unit does not).
      const involvedIds = (await tx.selectFrom('restructuring_unit').select('unit_id').where('restructuring_id', '=', id).where('role', '!=', 'parent').execute()).map((r) => r.unit_id);
      const changedIds = [...new Set([...changes.units.map((u) => u.unitId), ...changes.createdUnitIds])];
      const unitIds = [...new Set([...changedIds, ...involvedIds])];
      const sorted = [...unitIds].sort((a, b) => a - b);
      if (sorted.length) await sql`SELECT id FROM unit WHERE id IN (${sql.join(sorted)}) ORDER BY id FOR UPDATE`.execute(tx);

      const later = await tx.selectFrom('restructuring_unit as ru').innerJoin('restructuring as r', 'r.id', 'ru.restructuring_id')
        .select(['r.id', 'r.kind', 'r.decision_number']).where('ru.unit_id', 'in', unitIds.length ? unitIds : [0])
        .where('r.id', '>', id).where('r.undone_by_id', 'is', null).where('r.kind', '!=', 'undo').orderBy('r.id').executeTakeFirst();
      if (later) throw new ConflictError(`Không hủy được: thao tác sau #${later.id} (${RESTRUCTURE_LABELS_VI[later.kind as 'merge'] ?? later.kind}, ${later.decision_number}) dựa trên thao tác này; hãy hủy thao tác đó trước`);
      if (changedIds.length) {
        const newer = await tx.selectFrom('unit_version as v').innerJoin('unit as u', 'u.id', 'v.unit_id').select(['u.name', 'v.valid_from'])
          .where('v.unit_id', 'in', changedIds).where('v.valid_from', '>', D).executeTakeFirst();
        if (newer) throw new ConflictError(`Không hủy được: ${newer.name} đã thay đổi tiếp từ ${formatVietnameseDate(newer.valid_from)}`);
      }
      const memberIds = [...new Set(changes.memberEvents.map((me) => me.memberId))].sort((a, b) => a - b);
      if (memberIds.length) await sql`SELECT id FROM member WHERE id IN (${sql.join(memberIds)}) ORDER BY id FOR UPDATE`.execute(tx);
      for (const me of changes.memberEvents) {
        const after = await tx.selectFrom('member_event as e').innerJoin('member as m', 'm.id', 'e.member_id').select(['m.full_name', 'e.kind'])
          .where('e.member_id', '=', me.memberId).where('e.id', '>', me.eventId)
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('member_event as x').select('x.id').whereRef('x.voids_event_id', '=', 'e.id'))))
          .where('e.kind', '!=', 'void').executeTakeFirst();
        if (after) throw new ConflictError(`Không hủy được: đảng viên ${after.full_name} đã có quyết định ghi sau khi sắp xếp; hãy xử lý quyết định đó trước`);
      }

      const record = await tx.insertInto('restructuring').values({
        kind: 'undo', effective_date: D, decision_number: input.decisionNumber?.trim() || rec.decision_number, decision_date: null, issued_by: null,
        note: input.note?.trim() || null, input: JSON.stringify({ undoes: id }), changes: '{}', undoes_id: id,
        created_by: this.actor.userId, created_by_name: this.actor.username,
      }).returning('id').executeTakeFirstOrThrow();

      for (const me of changes.memberEvents) {
        await tx.insertInto('member_event').values({
          member_id: me.memberId, kind: 'void', effective_date: todayIso(), decision_number: input.decisionNumber?.trim() || rec.decision_number,
          note: `Hủy sắp xếp tổ chức #${id}`, attachments: [], details: JSON.stringify({ restructuringId: record.id }),
          voids_event_id: me.eventId, recorded_by: this.actor.userId,
        }).execute();
        await rebuildMemberHistory(tx, me.memberId);
      }
      for (const o of [...changes.openItems].reverse()) {
        const mover = OPEN_ITEM_MOVERS.find((m) => m.key === o.key);
        if (mover) await mover.moveBack(tx, o.ids, o.from);
      }
      for (const s of changes.successions) {
        await tx.deleteFrom('unit_succession').where('predecessor_id', '=', s.predecessorId).where('successor_id', '=', s.successorId).where('effective_on', '=', D).execute();
      }
      // Before-images in reverse order: a unit touched twice gets its earliest image last.
      for (const u of [...changes.units].reverse()) {
        await tx.deleteFrom('unit_version').where('unit_id', '=', u.unitId).where('valid_from', '>=', D).execute();
        await tx.insertInto('unit_version').values({ unit_id: u.unitId, ...u.version })
          .onConflict((oc) => oc.columns(['unit_id', 'valid_from']).doUpdateSet({ ...u.version })).execute();
        await tx.updateTable('unit').set({ ...u.before, row_version: sql`row_version + 1` }).where('id', '=', u.unitId).execute();
      }
      for (const u of changes.units) await reroot(tx, u.unitId);
      for (const unitId of [...changes.createdUnitIds].reverse()) {
        try {
          await sql`DELETE FROM unit_member_count WHERE unit_id = ${unitId} AND n = 0`.execute(tx);
          await tx.deleteFrom('unit_version').where('unit_id', '=', unitId).execute();
          await tx.deleteFrom('unit').where('id', '=', unitId).execute();
        } catch (err) {
          if (pgErrorCode(err) === '23503') throw new ConflictError(`Không hủy được: đơn vị do thao tác này lập đã có ${attachedRecordLabel(err)} gắn vào`);
          throw err;
        }
      }
      const units = await tx.selectFrom('restructuring_unit').select(['unit_id', 'role']).where('restructuring_id', '=', id).execute();
      if (units.length) await tx.insertInto('restructuring_unit').values(units.map((u) => ({ restructuring_id: record.id, ...u }))).execute();
      await tx.updateTable('restructuring').set({ undone_by_id: record.id }).where('id', '=', id).execute();
      return record.id;
    });
    return this.get(undoId);
  }

  /** The records involving a unit (in scope), newest effective date first. */
  async list(unitId: number): Promise<RestructuringRecord[]> {
    authorize(this.actor, 'unit.read');
    await new UnitRepository(this.db, this.actor).requireInScope(unitId);
    const rows = await this.db.selectFrom('restructuring as r').selectAll('r')
      .where('r.id', 'in', (eb) => eb.selectFrom('restructuring_unit').select('restructuring_id').where('unit_id', '=', unitId))
      .orderBy('r.effective_date', 'desc').orderBy('r.id', 'desc').execute();
    return Promise.all(rows.map((r) => this.present(this.db, r)));
  }

  async get(id: number): Promise<RestructuringRecord> {
    authorize(this.actor, 'unit.read');
    return this.present(this.db, await this.requireRecord(this.db, id));
  }

  /** A record whose units all lie in the actor's scope; otherwise NOT_FOUND, so ids leak nothing. */
  private async requireRecord(db: Executor, id: number) {
    const rec = await db.selectFrom('restructuring').selectAll().where('id', '=', id).executeTakeFirst();
    if (!rec) throw new NotFoundError('thao tác sắp xếp tổ chức');
    const outside = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM restructuring_unit ru JOIN unit u ON u.id = ru.unit_id
      WHERE ru.restructuring_id = ${id} AND NOT (u.path <@ ${this.actor.scopePath}::ltree)`.execute(db);
    const any = await db.selectFrom('restructuring_unit').select('unit_id').where('restructuring_id', '=', id).executeTakeFirst();
    if (outside.rows[0]!.n > 0 || !any) throw new NotFoundError('thao tác sắp xếp tổ chức');
    return rec;
  }

  private async present(db: Executor, r: Selectable<RestructuringTable>): Promise<RestructuringRecord> {
    const units = await db.selectFrom('restructuring_unit as ru').leftJoin('unit as u', 'u.id', 'ru.unit_id')
      .select(['ru.unit_id', 'ru.role', 'u.code', 'u.name', 'u.kind']).where('ru.restructuring_id', '=', r.id).orderBy('ru.role').orderBy('u.code').execute();
    const changes = r.changes as Partial<AppliedChanges>;
    const input = r.input as Partial<Operation> & { unit?: { code: string; name: string; kind: string } };
    return {
      id: r.id, kind: r.kind, kindLabel: RESTRUCTURE_LABELS_VI[r.kind as 'merge'] ?? r.kind, effectiveDate: r.effective_date,
      decisionNumber: r.decision_number, decisionDate: r.decision_date, issuedBy: r.issued_by, note: r.note,
      // A unit removed by an undo is named from the input that created it.
      units: units.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)).map((u) => ({ id: u.code ? u.unit_id : null, role: u.role, code: u.code ?? input.unit?.code ?? '', name: u.name ?? input.unit?.name ?? '(đã hủy)', kind: u.kind ?? input.unit?.kind ?? '' })),
      memberCount: changes.memberEvents?.length ?? 0,
      createdBy: r.created_by_name, createdAt: new Date(r.created_at).toISOString(), undoneById: r.undone_by_id, undoesId: r.undoes_id,
    };
  }
}

function asOperation(input: Operation | OperationInput): Operation {
  // An Operation carries its kind's own shape; the flat input of forms and the CLI is shaped first.
  if ('target' in input || 'unit' in input || ('successors' in input && input.successors?.some((s) => 'create' in s))) return input as Operation;
  const r = operationFromInput(input as OperationInput);
  if (!r.ok) throw new ValidationError(r.errors, r.errors.map((e) => e.message).join('; '));
  return r.op;
}

/** Re-roots a unit's subtree under its parent's current path. */
async function reroot(tx: Transaction<Database>, unitId: number): Promise<void> {
  const u = await tx.selectFrom('unit as u').leftJoin('unit as p', 'p.id', 'u.parent_id').select(['u.path', 'p.path as parent_path']).where('u.id', '=', unitId).executeTakeFirstOrThrow();
  const newPath = u.parent_path ? `${u.parent_path}.${unitId}` : String(unitId);
  if (newPath === u.path) return;
  // subpath(p, n) with n = nlevel(p) is an error, so the unit itself gets the new path directly.
  await sql`UPDATE unit SET path = CASE WHEN path = ${u.path}::ltree THEN ${newPath}::ltree
                                   ELSE ${newPath}::ltree || subpath(path, nlevel(${u.path}::ltree)) END
            WHERE path <@ ${u.path}::ltree`.execute(tx);
  await sql`UPDATE unit SET depth = nlevel(path) - 1 WHERE path <@ ${newPath}::ltree`.execute(tx);
}

/** Row locks on every existing unit the plan touches, in id order (no deadlock between two operations). */
async function lockUnits(tx: Transaction<Database>, plan: Plan): Promise<void> {
  const ids = [...new Set([...plan.involved.map((i) => i.unit), ...plan.change.map((c) => c.unitId), ...plan.end].filter((id) => id > 0))].sort((a, b) => a - b);
  if (ids.length) await sql`SELECT id FROM unit WHERE id IN (${sql.join(ids)}) ORDER BY id FOR UPDATE`.execute(tx);
}

/** The ids an operation names directly. */
function namedUnits(op: Operation): number[] {
  const refs = (r: { unitId?: number; create?: { parentId: number } }) => (r.unitId !== undefined ? [r.unitId] : r.create ? [r.create.parentId] : []);
  switch (op.kind) {
    case 'create': return [op.unit.parentId];
    case 'rename': return [op.unitId];
    case 'move': return [op.unitId, op.parentId];
    case 'merge': return [...op.sourceIds, ...refs(op.target)];
    case 'split': return [op.sourceId, ...op.successors.flatMap(refs)];
    case 'dissolve': return [op.unitId, ...(op.membersTo ? [op.membersTo] : []), ...(op.subUnitsTo ? [op.subUnitsTo] : [])];
  }
}

function givenCodes(op: Operation): string[] {
  const specs = op.kind === 'create' ? [op.unit] : op.kind === 'merge' && op.target.create ? [op.target.create]
    : op.kind === 'split' ? op.successors.flatMap((s) => (s.create ? [s.create] : [])) : [];
  return [...specs.map((s) => s.code?.trim()), ...(op.kind === 'rename' && op.code ? [op.code.trim()] : [])].filter((c): c is string => !!c);
}

const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));

async function loadFacts(db: Executor, actor: Actor, op: Operation) {
  const named = [...new Set(namedUnits(op).filter((id) => Number.isInteger(id) && id > 0))];
  const D = op.effectiveDate;
  const units = new Map<number, UnitFacts>();
  if (named.length) {
    // The named units, in scope, with their children; then the parents of the named (for the dissolve's default).
    const rows = await unitRows(db, actor, sql`(u.id IN (${sql.join(named)}) OR u.parent_id IN (${sql.join(named)}))`);
    const parents = rows.filter((r) => named.includes(r.id) && r.parent_id !== null).map((r) => r.parent_id!);
    const parentRows = parents.length ? await unitRows(db, actor, sql`u.id IN (${sql.join(parents)})`) : [];
    for (const r of [...rows, ...parentRows]) {
      if (!units.has(r.id)) units.set(r.id, { id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, parentKind: r.parent_kind, path: r.path, establishedOn: r.established_on, dissolvedOn: r.dissolved_on, versionFrom: r.version_from, children: [], members: [], laterMembers: [] });
    }
    for (const r of rows) {
      if (r.parent_id !== null && named.includes(r.parent_id) && r.dissolved_on === null) units.get(r.parent_id)?.children.push({ id: r.id, code: r.code, name: r.name, kind: r.kind });
    }
    const inNamed = named.filter((id) => units.has(id));
    if (inNamed.length) {
      const { rows: members } = await sql<{ unit_id: number; id: number; full_name: string; later: boolean }>`
        SELECT p.unit_id, m.id, m.full_name, p.valid_from > ${D}::date AS later
        FROM member_period p JOIN member m ON m.id = p.member_id
        WHERE p.unit_id IN (${sql.join(inNamed)})
          AND ((p.valid_from <= ${D}::date AND (p.valid_to IS NULL OR p.valid_to > ${D}::date) AND p.status IN (${active}))
               OR p.valid_from > ${D}::date)
        ORDER BY m.name_sort, m.id`.execute(db);
      for (const m of members) {
        const u = units.get(m.unit_id)!;
        const list = m.later ? u.laterMembers : u.members;
        if (!list.some((x) => x.id === m.id)) list.push({ id: m.id, fullName: m.full_name });
      }
    }
  }
  const codes = givenCodes(op);
  const codeHolders = new Map<string, { id: number; name: string }>();
  if (codes.length) {
    const holders = await db.selectFrom('unit').select(['id', 'code', 'name']).where('code', 'in', codes).where('dissolved_on', 'is', null).execute();
    for (const h of holders) codeHolders.set(h.code, { id: h.id, name: h.name });
  }
  return { today: todayIso(), units, codeHolders };
}

async function unitRows(db: Executor, actor: Actor, where: ReturnType<typeof sql>) {
  const { rows } = await sql<{ id: number; code: string; name: string; kind: string; parent_id: number | null; parent_kind: string | null; path: string; established_on: string; dissolved_on: string | null; version_from: string }>`
    SELECT u.id, u.code, u.name, u.kind, u.parent_id, p.kind AS parent_kind, u.path::text AS path, u.established_on, u.dissolved_on,
      COALESCE((SELECT max(v.valid_from) FROM unit_version v WHERE v.unit_id = u.id), u.established_on) AS version_from
    FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
    WHERE ${where} AND u.path <@ ${actor.scopePath}::ltree`.execute(db);
  return rows;
}

async function describePlan(db: Executor, plan: Plan): Promise<RestructurePreview> {
  const existing = [...new Set([...plan.change.map((c) => c.unitId), ...plan.end, ...plan.members.map((m) => m.from),
    ...plan.create.map((c) => c.parent), ...plan.change.flatMap((c) => (c.parent !== undefined ? [c.parent] : [])), ...plan.successions.flatMap((s) => [s.from, s.to])].filter((id) => id > 0))];
  const rows = existing.length ? await db.selectFrom('unit').select(['id', 'code', 'name', 'kind', 'path']).where('id', 'in', existing).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const nameOf = (ref: Ref) => (ref > 0 ? byId.get(ref)?.name ?? String(ref) : plan.create[-ref - 1]!.name);
  const label = (id: number): UnitLabel => ({ id, code: byId.get(id)?.code ?? '', name: byId.get(id)?.name ?? '', kind: byId.get(id)?.kind ?? '' });
  const movedPaths = plan.change.filter((c) => c.parent !== undefined).map((c) => byId.get(c.unitId)!.path);
  let membersWithSubUnits = 0;
  if (movedPaths.length) {
    const { rows: n } = await sql<{ n: number }>`
      SELECT COALESCE(sum(k.n), 0)::int AS n FROM unit d JOIN unit_member_count k ON k.unit_id = d.id
      WHERE d.path <@ ARRAY[${sql.join(movedPaths.map((p) => sql`${p}::ltree`))}] AND k.status IN (${active})`.execute(db);
    membersWithSubUnits = n[0]!.n;
  }
  const openItems: RestructurePreview['openItems'] = [];
  const leaving = plan.end.filter((id) => plan.successions.some((s) => s.from === id));
  for (const mover of OPEN_ITEM_MOVERS) {
    const count = leaving.length ? await mover.count(db, leaving) : 0;
    openItems.push({ key: mover.key, label: mover.labelVi, count });
  }
  return {
    kind: plan.kind, effectiveDate: plan.effectiveDate,
    created: plan.create.map((c) => ({ code: c.code, name: c.name, kind: c.kind, parentName: nameOf(c.parent) })),
    ended: plan.end.map(label),
    changed: plan.change.map((c) => ({ ...label(c.unitId), newCode: c.code ?? null, newName: c.name ?? null, newKind: c.kind ?? null, newParentName: c.parent !== undefined ? nameOf(c.parent) : null })),
    members: { count: plan.members.length, sample: plan.members.slice(0, 20).map((m) => ({ id: m.memberId, fullName: m.fullName, from: nameOf(m.from), to: nameOf(m.to) })) },
    membersWithSubUnits,
    openItems,
    successions: plan.successions.map((s) => ({ from: nameOf(s.from), to: nameOf(s.to) })),
  };
}

export { AppError };

/** What keeps a created unit from being deleted, named for the user from the referencing table of a 23503. */
const ATTACHED_RECORD_LABELS: Record<string, string> = {
  unit: 'đơn vị trực thuộc',
  unit_version: 'đơn vị trực thuộc',
  member: 'đảng viên',
  member_event: 'đảng viên',
  app_user: 'người dùng',
  resignation_request: 'đơn xin nghỉ việc của cán bộ, công chức',
  enterprise: 'doanh nghiệp',
  industrial_park: 'khu công nghiệp',
  candidate: 'quần chúng ưu tú',
  visit_unit: 'đoàn kiểm tra, giám sát',
  directive: 'kết luận, chỉ đạo của đoàn kiểm tra',
  weak_unit: 'đánh giá tổ chức yếu kém',
};
function attachedRecordLabel(err: unknown): string {
  const e = err as { table?: unknown; detail?: unknown };
  const table = typeof e.table === 'string' ? e.table : /from table "([^"]+)"/.exec(String(e.detail ?? ''))?.[1];
  return (table && ATTACHED_RECORD_LABELS[table]) ?? `hồ sơ khác (${table ?? 'không rõ bảng'})`;
}
