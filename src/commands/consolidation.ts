// Consolidation plans (kế hoạch củng cố, issue 4 §5): the tasks of a weak unit's plan (measure, owner,
// deadline, status, progress notes, evidence), the plan's committee, responsible member and result. Each
// write is one transaction with the row version the user saw. The module also lets open plans and tasks
// follow a unit that a restructuring ends (the OpenItemMover of src/commands/restructure.ts).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, can, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { inTransaction, type Executor } from '../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';
import {
  checkPlanResult, checkTask, daysOverdue, PLAN_RESULTS, type PlanResult, type TaskStatus,
} from '../domain/evaluation/index.ts';
import { WeakUnitService, type WeakUnit } from './weak-units.ts';
import { registerOpenItemMover } from './restructure.ts';

export interface ConsolidationTask {
  id: number;
  weakUnitId: number;
  ordinal: number;
  measure: string;
  ownerMemberId: number | null;
  ownerMemberName: string | null;
  ownerUnitId: number | null;
  ownerUnitName: string | null;
  deadline: string;
  status: TaskStatus;
  progressNotes: Array<{ on: string; text: string; by: string }>;
  evidence: string[];
  doneOn: string | null;
  /** Days past the deadline today (0 when not overdue). */
  overdueDays: number;
  rowVersion: number;
}

export interface ConsolidationPlan extends WeakUnit {
  issuerUnitId: number | null;
  issuerUnitName: string | null;
  responsibleMemberId: number | null;
  responsibleMemberName: string | null;
  resultOn: string | null;
  tasks: ConsolidationTask[];
}

export interface TaskInput {
  measure?: string | null;
  ownerMemberId?: number | null;
  ownerUnitId?: number | null;
  deadline?: string | null;
  status?: TaskStatus;
  doneOn?: string | null;
  evidence?: string[];
  /** A progress note appended with today's date and the user's name. */
  note?: string | null;
  rowVersion?: number;
}

export interface PlanInput {
  issuerUnitId?: number | null;
  responsibleMemberId?: number | null;
  result?: PlanResult;
  resultOn?: string | null;
  rowVersion: number;
}

/** Fields a cell secretary (evaluation.write) may change on a task: how it is going, not what it is. */
const PROGRESS_FIELDS = new Set(['status', 'doneOn', 'evidence', 'note', 'rowVersion']);

export class ConsolidationService {
  private readonly units: UnitRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor, private readonly today = todayIso()) {
    this.units = new UnitRepository(db, actor);
  }

  async plan(weakUnitId: number): Promise<ConsolidationPlan> {
    authorize(this.actor, 'member.read');
    const row = await this.db.selectFrom('weak_unit as w')
      .leftJoin('unit as iu', 'iu.id', 'w.issuer_unit_id')
      .leftJoin('member as rm', 'rm.id', 'w.responsible_member_id')
      .select(['w.id', 'w.unit_id', 'w.year', 'w.issuer_unit_id', 'iu.name as issuer_name', 'w.responsible_member_id', 'rm.full_name as responsible_name', 'w.result_on'])
      .where('w.id', '=', weakUnitId).executeTakeFirst();
    if (!row) throw new NotFoundError('kế hoạch củng cố');
    const weak = (await new WeakUnitService(this.db, this.actor).list(Number(row.unit_id), row.year).catch(() => [])).find((w) => w.id === Number(row.id));
    if (!weak) throw new NotFoundError('kế hoạch củng cố');
    return {
      ...weak, issuerUnitId: row.issuer_unit_id === null ? null : Number(row.issuer_unit_id), issuerUnitName: row.issuer_name,
      responsibleMemberId: row.responsible_member_id === null ? null : Number(row.responsible_member_id), responsibleMemberName: row.responsible_name,
      resultOn: row.result_on, tasks: await this.tasks(this.db, weak.id),
    };
  }

  private async tasks(db: Executor, weakUnitId: number, only?: number): Promise<ConsolidationTask[]> {
    let q = db.selectFrom('consolidation_task as t')
      .leftJoin('member as m', 'm.id', 't.owner_member_id')
      .leftJoin('unit as u', 'u.id', 't.owner_unit_id')
      .select(['t.id', 't.weak_unit_id', 't.ordinal', 't.measure', 't.owner_member_id', 'm.full_name as owner_member_name', 't.owner_unit_id', 'u.name as owner_unit_name',
        't.deadline', 't.status', 't.progress_notes', 't.evidence', 't.done_on', 't.row_version'])
      .where('t.weak_unit_id', '=', weakUnitId);
    if (only !== undefined) q = q.where('t.id', '=', only);
    const rows = await q.orderBy('t.ordinal').execute();
    return rows.map((r) => ({
      id: Number(r.id), weakUnitId: Number(r.weak_unit_id), ordinal: r.ordinal, measure: r.measure,
      ownerMemberId: r.owner_member_id === null ? null : Number(r.owner_member_id), ownerMemberName: r.owner_member_name,
      ownerUnitId: r.owner_unit_id === null ? null : Number(r.owner_unit_id), ownerUnitName: r.owner_unit_name,
      deadline: r.deadline, status: r.status as TaskStatus, progressNotes: r.progress_notes, evidence: r.evidence, doneOn: r.done_on,
      overdueDays: daysOverdue({ status: r.status as TaskStatus, deadline: r.deadline }, this.today), rowVersion: r.row_version,
    }));
  }

  /** The owner member and unit must be records the user can see. */
  private async checkRefs(input: { ownerMemberId?: number | null; ownerUnitId?: number | null; issuerUnitId?: number | null; responsibleMemberId?: number | null }): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [field, id] of [['ownerMemberId', input.ownerMemberId], ['responsibleMemberId', input.responsibleMemberId]] as const) {
      if (id == null) continue;
      const found = await sql<{ id: number }>`SELECT m.id FROM member m JOIN unit u ON u.id = m.unit_id
        WHERE m.id = ${id} AND u.path <@ ${this.actor.scopePath}::ltree`.execute(this.db);
      if (!found.rows.length) errors.push({ field, code: 'not_found', message: `Không tìm thấy đảng viên #${id} trong phạm vi của bạn` });
    }
    for (const [field, id] of [['ownerUnitId', input.ownerUnitId], ['issuerUnitId', input.issuerUnitId]] as const) {
      if (id == null) continue;
      if (!(await this.units.requireInScope(id).then(() => true, () => false))) errors.push({ field, code: 'not_found', message: `Không tìm thấy đơn vị #${id} trong phạm vi của bạn` });
    }
    return errors;
  }

  async addTask(weakUnitId: number, input: TaskInput): Promise<ConsolidationTask> {
    authorize(this.actor, 'evaluation.decide');
    const plan = await this.plan(weakUnitId);
    const draft = { ...input, status: input.status ?? 'not_started', doneOn: input.doneOn ?? (input.status === 'done' ? this.today : null), evidence: input.evidence ?? [] };
    const errors = [...checkTask(draft, this.today), ...(await this.checkRefs(input))];
    if (errors.length) throw new ValidationError(errors, errors[0]!.message);
    const id = await inTransaction(this.db, this.actor, async (tx) => {
      // Locks the plan so two additions cannot take the same ordinal.
      const locked = await tx.selectFrom('weak_unit').select('id').where('id', '=', plan.id).forUpdate().executeTakeFirst();
      if (!locked) throw new NotFoundError('kế hoạch củng cố');
      const next = await tx.selectFrom('consolidation_task').select(sql<number>`COALESCE(max(ordinal), 0) + 1`.as('n')).where('weak_unit_id', '=', plan.id).executeTakeFirstOrThrow();
      const notes = input.note?.trim() ? [{ on: this.today, text: input.note.trim(), by: this.actor.username }] : [];
      const row = await tx.insertInto('consolidation_task').values({
        weak_unit_id: plan.id, ordinal: Number(next.n), measure: draft.measure!.trim(), owner_member_id: input.ownerMemberId ?? null, owner_unit_id: input.ownerUnitId ?? null,
        deadline: draft.deadline!, status: draft.status, progress_notes: JSON.stringify(notes), evidence: draft.evidence.map((e) => e.trim()), done_on: draft.status === 'done' ? draft.doneOn : null,
      }).returning('id').executeTakeFirstOrThrow();
      return Number(row.id);
    });
    return (await this.tasks(this.db, plan.id, id))[0]!;
  }

  async updateTask(taskId: number, input: TaskInput): Promise<ConsolidationTask> {
    const onlyProgress = Object.keys(input).every((k) => PROGRESS_FIELDS.has(k));
    authorize(this.actor, onlyProgress ? 'evaluation.write' : 'evaluation.decide');
    const current = await this.db.selectFrom('consolidation_task').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!current) throw new NotFoundError('nhiệm vụ củng cố');
    await this.plan(Number(current.weak_unit_id)); // scope
    const status = input.status ?? (current.status as TaskStatus);
    const merged = {
      measure: input.measure !== undefined ? input.measure : current.measure,
      ownerMemberId: input.ownerMemberId !== undefined ? input.ownerMemberId : current.owner_member_id,
      ownerUnitId: input.ownerUnitId !== undefined ? input.ownerUnitId : current.owner_unit_id,
      deadline: input.deadline !== undefined ? input.deadline : current.deadline,
      status,
      // Done keeps its day unless a new one is given; leaving done clears it.
      doneOn: status === 'done' ? (input.doneOn ?? current.done_on ?? this.today) : null,
      evidence: input.evidence ?? current.evidence,
    };
    const errors = [...checkTask(merged, this.today, current.status as TaskStatus), ...(await this.checkRefs(input))];
    if (errors.length) throw new ValidationError(errors, errors[0]!.message);
    await inTransaction(this.db, this.actor, async (tx) => {
      const row = await tx.selectFrom('consolidation_task').select(['row_version', 'progress_notes']).where('id', '=', taskId).forUpdate().executeTakeFirstOrThrow();
      if (input.rowVersion !== undefined && input.rowVersion !== row.row_version) throw new ConflictError('Nhiệm vụ vừa được người khác cập nhật; hãy tải lại');
      const notes = input.note?.trim() ? [...row.progress_notes, { on: this.today, text: input.note.trim(), by: this.actor.username }] : row.progress_notes;
      await tx.updateTable('consolidation_task').set({
        measure: merged.measure!.trim(), owner_member_id: merged.ownerMemberId ?? null, owner_unit_id: merged.ownerUnitId ?? null, deadline: merged.deadline!,
        status: merged.status, done_on: merged.doneOn, evidence: merged.evidence.map((e) => e.trim()), progress_notes: JSON.stringify(notes), row_version: row.row_version + 1,
      }).where('id', '=', taskId).execute();
    });
    return (await this.tasks(this.db, Number(current.weak_unit_id), taskId))[0]!;
  }

  /** The plan's committee, responsible member and result; "đã củng cố xong" only with no task open. */
  async updatePlan(weakUnitId: number, input: PlanInput): Promise<ConsolidationPlan> {
    authorize(this.actor, 'evaluation.decide');
    const plan = await this.plan(weakUnitId);
    const result = input.result ?? plan.result;
    const errors: FieldError[] = [];
    if (!(PLAN_RESULTS as readonly string[]).includes(result)) errors.push({ field: 'result', code: 'invalid', message: `Kết quả không hợp lệ: ${String(result)}` });
    else errors.push(...checkPlanResult(result, plan.tasks));
    const resultOn = result === 'in_progress' ? null : (input.resultOn !== undefined ? input.resultOn : plan.resultOn) ?? this.today;
    if (resultOn !== null && !isIsoDate(resultOn)) errors.push({ field: 'resultOn', code: 'invalid_date', message: `Ngày kết luận "${resultOn}" không hợp lệ` });
    errors.push(...(await this.checkRefs(input)));
    if (errors.length) throw new ValidationError(errors, errors[0]!.message);
    await inTransaction(this.db, this.actor, async (tx) => {
      const row = await tx.selectFrom('weak_unit').select('row_version').where('id', '=', plan.id).forUpdate().executeTakeFirstOrThrow();
      if (input.rowVersion !== row.row_version) throw new ConflictError('Kế hoạch củng cố vừa được người khác cập nhật; hãy tải lại');
      // A task added meanwhile keeps the plan open.
      if (result === 'consolidated') {
        const open = await tx.selectFrom('consolidation_task').select(['ordinal', 'status']).where('weak_unit_id', '=', plan.id).execute();
        const late = checkPlanResult(result, open.map((t) => ({ ordinal: t.ordinal, status: t.status as TaskStatus })));
        if (late.length) throw new ValidationError(late, late[0]!.message);
      }
      await tx.updateTable('weak_unit').set({
        issuer_unit_id: input.issuerUnitId !== undefined ? input.issuerUnitId : plan.issuerUnitId,
        responsible_member_id: input.responsibleMemberId !== undefined ? input.responsibleMemberId : plan.responsibleMemberId,
        result, result_on: resultOn, row_version: row.row_version + 1,
      }).where('id', '=', plan.id).execute();
    });
    return this.plan(plan.id);
  }

  /** Whether the user may change what a task is (true) or only report its progress (false). */
  static canEdit(actor: Actor): boolean {
    return can(actor, 'evaluation.decide');
  }
}

// A unit that a merger or dissolution ends hands its open plans (of the effective year or later: an earlier
// year's plan stays where that year's tree counts it) and the open tasks it owns to its successor.
registerOpenItemMover({
  key: 'consolidation_plans',
  labelVi: 'kế hoạch củng cố đang thực hiện',
  // The preview does not know the effective date: it counts the plans of this year and later, which is what
  // moves when the restructuring takes effect this year (the usual case).
  count: async (db, unitIds) => {
    if (!unitIds.length) return 0;
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM weak_unit WHERE unit_id IN (${sql.join(unitIds)}) AND result = 'in_progress'
      AND year >= extract(year FROM current_date)::int`.execute(db);
    return r.rows[0]!.n;
  },
  move: async (tx: Transaction<Database>, from, to, effectiveDate) => {
    const { rows } = await sql<{ id: number }>`UPDATE weak_unit w SET unit_id = ${to}, row_version = row_version + 1
      WHERE w.unit_id = ${from} AND w.result = 'in_progress' AND w.year >= ${Number(effectiveDate.slice(0, 4))}
        AND NOT EXISTS (SELECT 1 FROM weak_unit s WHERE s.unit_id = ${to} AND s.year = w.year)
      RETURNING w.id`.execute(tx);
    return rows.map((r) => Number(r.id));
  },
  moveBack: async (tx, ids, to) => {
    if (ids.length) await sql`UPDATE weak_unit SET unit_id = ${to}, row_version = row_version + 1 WHERE id IN (${sql.join(ids)})`.execute(tx);
  },
});
registerOpenItemMover({
  key: 'consolidation_tasks',
  labelVi: 'nhiệm vụ củng cố chưa hoàn thành',
  count: async (db, unitIds) => {
    if (!unitIds.length) return 0;
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM consolidation_task
      WHERE owner_unit_id IN (${sql.join(unitIds)}) AND status IN ('not_started', 'in_progress')`.execute(db);
    return r.rows[0]!.n;
  },
  move: async (tx, from, to) => {
    const { rows } = await sql<{ id: number }>`UPDATE consolidation_task SET owner_unit_id = ${to}, row_version = row_version + 1
      WHERE owner_unit_id = ${from} AND status IN ('not_started', 'in_progress') RETURNING id`.execute(tx);
    return rows.map((r) => Number(r.id));
  },
  moveBack: async (tx, ids, to) => {
    if (ids.length) await sql`UPDATE consolidation_task SET owner_unit_id = ${to}, row_version = row_version + 1 WHERE id IN (${sql.join(ids)})`.execute(tx);
  },
});
