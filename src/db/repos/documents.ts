// Party documents, their tasks and indicators, implementation plans and progress reports, inside the
// actor's scope. A user reads the documents of their subtree and of the committees above them (a commune
// must read the province's resolution it implements); they change only those of their subtree.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { authorize, type Actor } from '../../policies/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.ts';
import { isIsoDate, todayIso, formatVietnameseDate } from '../../domain/dates.ts';
import { parseDocumentNumber, DOCUMENT_KINDS, isDocumentKind } from '../../domain/documents/numbers.ts';
import { parsePeriod } from '../../domain/documents/periods.ts';
import { isPlanTaskStatus, planTaskState, type PlanTaskState, type PlanTaskStatus } from '../../domain/documents/follow-up.ts';
import { normalizeText, searchKey } from '../../text/vietnamese.ts';
import { INDICATOR_SOURCES, isMeasurement, type ComputedMeasurement } from '../../reports/indicator-sources.ts';
import { inTransaction, pgErrorCode, type Executor } from '../transaction.ts';
import { escapeLike } from './units.ts';

export interface DocumentRef {
  id: number;
  number: string;
  kind: string;
  title: string;
  issuedOn: string;
  issuingUnitId: number;
  issuingUnitName: string;
}

export interface DocumentListItem extends DocumentRef {
  issuingUnitCode: string;
  coversFrom: string | null;
  coversTo: string | null;
  tasks: number;
  /** Documents (plans) that implement this one directly. */
  implementedBy: number;
}

export interface IndicatorView {
  id: number;
  position: number;
  name: string;
  unitOfMeasure: string;
  measurement: string;
}

export interface TaskView {
  id: number;
  position: number;
  title: string;
  description: string | null;
  parentTaskId: number | null;
  parentTaskTitle: string | null;
  parentTaskPosition: number | null;
  owner: string | null;
  deadline: string | null;
  status: string;
  /** The status with 'overdue' for a task past its deadline (as of today). */
  state: PlanTaskState;
  rowVersion: number;
  indicators: IndicatorView[];
}

export interface DocumentDetail extends DocumentListItem {
  issuerCode: string;
  issuingUnitPath: string;
  attachments: string[];
  planDueDate: string | null;
  reportDueDays: number;
  note: string | null;
  rowVersion: number;
  implements: DocumentRef[];
  replaces: DocumentRef[];
  replacedBy: DocumentRef[];
  /** Plans of lower units that implement this document directly. */
  plans: DocumentRef[];
  taskList: TaskView[];
  /** Whether the actor may change it (issued in their subtree, with the right role). */
  editable: boolean;
}

export interface NewTask {
  title: string;
  description?: string | null;
  parentTaskId?: number | null;
  owner?: string | null;
  deadline?: string | null;
  status?: string;
  indicators?: Array<{ name: string; unitOfMeasure: string; measurement: string }>;
}

export interface NewDocument {
  number: string;
  issuingUnitId: number;
  issuedOn: string;
  title: string;
  coversFrom?: string | null;
  coversTo?: string | null;
  attachments?: string[];
  implementsIds?: number[];
  replacesIds?: number[];
  planDueDate?: string | null;
  reportDueDays?: number;
  note?: string | null;
  tasks?: NewTask[];
}

export interface TaskChange {
  status?: string;
  owner?: string | null;
  deadline?: string | null;
  rowVersion: number;
}

export interface ProgressReportView {
  id: number;
  taskId: number;
  taskPosition: number;
  taskTitle: string;
  period: string;
  body: string;
  evidence: string[];
  submittedOn: string;
  submittedBy: string;
}

export interface IndicatorResult extends IndicatorView {
  taskId: number;
  taskPosition: number;
  unitId: number;
  year: number;
  target: number | null;
  actual: number | null;
  /** computed: from dangvu's data; reported: typed by the unit; no_data: a computed source without data yet. */
  origin: 'computed' | 'reported' | 'no_data' | 'not_reported';
  note: string | null;
}

interface DocRow {
  id: number; number_text: string; seq: number; kind: string; issuer_code: string; issuing_unit_id: number; issued_on: string;
  title: string; covers_from: string | null; covers_to: string | null; attachments: string[]; plan_due_date: string | null;
  report_due_days: number; note: string | null; row_version: number; unit_name: string; unit_code: string; unit_path: string;
}

const PLAN_KINDS = ['KH', 'CTr'];

export class DocumentRepository {
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {}

  /** Readable: issued in the actor's subtree or by a committee above it. */
  private readable(alias = 'u') {
    return sql<boolean>`(${sql.ref(`${alias}.path`)} <@ ${this.actor.scopePath}::ltree OR ${this.actor.scopePath}::ltree <@ ${sql.ref(`${alias}.path`)})`;
  }

  async list(filter: { q?: string; kind?: string; unitId?: number; year?: number; implementsId?: number; limit?: number } = {}): Promise<DocumentListItem[]> {
    authorize(this.actor, 'document.read');
    const key = filter.q ? searchKey(filter.q) : '';
    const numberQ = filter.q ? normalizeText(filter.q).replace(/\s+/g, '') : '';
    const { rows } = await sql<DocumentListItem>`
      SELECT d.id, d.number_text AS number, d.kind, d.title, d.issued_on AS "issuedOn", d.issuing_unit_id AS "issuingUnitId",
        u.name AS "issuingUnitName", u.code AS "issuingUnitCode", d.covers_from AS "coversFrom", d.covers_to AS "coversTo",
        (SELECT count(*) FROM document_task t WHERE t.document_id = d.id)::int AS tasks,
        (SELECT count(*) FROM document_link l WHERE l.target_id = d.id AND l.relation = 'implements')::int AS "implementedBy"
      FROM document d JOIN unit u ON u.id = d.issuing_unit_id
      WHERE ${this.readable()}
        ${key ? sql`AND (d.title_search LIKE ${'%' + escapeLike(key) + '%'} OR d.number_text ILIKE ${'%' + escapeLike(numberQ) + '%'})` : sql``}
        ${filter.kind ? sql`AND d.kind = ${filter.kind}` : sql``}
        ${filter.unitId ? sql`AND d.issuing_unit_id = ${filter.unitId}` : sql``}
        ${filter.year ? sql`AND d.issue_year = ${filter.year}` : sql``}
        ${filter.implementsId ? sql`AND EXISTS (SELECT 1 FROM document_link l WHERE l.document_id = d.id AND l.target_id = ${filter.implementsId} AND l.relation = 'implements')` : sql``}
      ORDER BY d.issued_on DESC, d.id DESC
      LIMIT ${Math.min(filter.limit ?? 200, 1000)}`.execute(this.db);
    return rows;
  }

  /** Readable documents carrying a number (normalized first): every province has a 02-NQ/TU, so several may match. */
  async findByNumber(raw: string, filter: { issuingUnitId?: number; year?: number } = {}): Promise<DocumentRef[]> {
    authorize(this.actor, 'document.read');
    const parsed = parseDocumentNumber(raw, 'document');
    if (!parsed.ok) throw new ValidationError(parsed.errors);
    const { rows } = await sql<DocumentRef>`
      SELECT d.id, d.number_text AS number, d.kind, d.title, d.issued_on AS "issuedOn", d.issuing_unit_id AS "issuingUnitId", u.name AS "issuingUnitName"
      FROM document d JOIN unit u ON u.id = d.issuing_unit_id
      WHERE d.kind = ${parsed.value.kind} AND d.seq = ${parsed.value.seq} AND d.issuer_code = ${parsed.value.issuer} AND ${this.readable()}
        ${filter.issuingUnitId ? sql`AND d.issuing_unit_id = ${filter.issuingUnitId}` : sql``}
        ${filter.year ? sql`AND d.issue_year = ${filter.year}` : sql``}
      ORDER BY d.issued_on DESC, d.id`.execute(this.db);
    return rows;
  }

  /** The document row if the actor may read it, else NotFound (never Forbidden: ids leak nothing). */
  async requireReadable(id: number, db: Executor = this.db): Promise<DocRow> {
    authorize(this.actor, 'document.read');
    const { rows } = await sql<DocRow>`
      SELECT d.*, u.name AS unit_name, u.code AS unit_code, u.path::text AS unit_path
      FROM document d JOIN unit u ON u.id = d.issuing_unit_id
      WHERE d.id = ${id} AND ${this.readable()}`.execute(db);
    if (!rows[0]) throw new NotFoundError('văn bản');
    return rows[0];
  }

  /** The document row if the actor may change it: issued by a unit of their subtree. */
  async requireWritable(id: number, db: Executor = this.db): Promise<DocRow> {
    authorize(this.actor, 'document.write');
    const doc = await this.requireReadable(id, db);
    if (!inScope(doc.unit_path, this.actor.scopePath)) throw new NotFoundError('văn bản');
    return doc;
  }

  async get(id: number): Promise<DocumentDetail> {
    const d = await this.requireReadable(id);
    const refs = async (where: ReturnType<typeof sql>) => (await sql<DocumentRef>`
      SELECT d.id, d.number_text AS number, d.kind, d.title, d.issued_on AS "issuedOn", d.issuing_unit_id AS "issuingUnitId", u.name AS "issuingUnitName"
      FROM document d JOIN unit u ON u.id = d.issuing_unit_id
      WHERE ${where} AND ${this.readable()} ORDER BY d.issued_on, d.id`.execute(this.db)).rows;
    const implementsRefs = await refs(sql`d.id IN (SELECT target_id FROM document_link WHERE document_id = ${id} AND relation = 'implements')`);
    const replaces = await refs(sql`d.id IN (SELECT target_id FROM document_link WHERE document_id = ${id} AND relation = 'replaces')`);
    const replacedBy = await refs(sql`d.id IN (SELECT document_id FROM document_link WHERE target_id = ${id} AND relation = 'replaces')`);
    const plans = await refs(sql`d.id IN (SELECT document_id FROM document_link WHERE target_id = ${id} AND relation = 'implements')`);
    const taskList = await this.tasks(id);
    const editable = inScope(d.unit_path, this.actor.scopePath) && (this.actor.role === 'admin' || this.actor.role === 'org_staff' || this.actor.role === 'cell_secretary');
    return {
      id: d.id, number: d.number_text, kind: d.kind, title: d.title, issuedOn: d.issued_on, issuingUnitId: d.issuing_unit_id,
      issuingUnitName: d.unit_name, issuingUnitCode: d.unit_code, issuingUnitPath: d.unit_path, issuerCode: d.issuer_code,
      coversFrom: d.covers_from, coversTo: d.covers_to, attachments: d.attachments, planDueDate: d.plan_due_date,
      reportDueDays: d.report_due_days, note: d.note, rowVersion: d.row_version, tasks: taskList.length, taskList,
      implementedBy: plans.length, implements: implementsRefs, replaces, replacedBy, plans, editable,
    };
  }

  async tasks(documentId: number, db: Executor = this.db): Promise<TaskView[]> {
    const today = todayIso();
    const rows = await db.selectFrom('document_task as t').leftJoin('document_task as p', 'p.id', 't.parent_task_id')
      .select(['t.id', 't.position', 't.title', 't.description', 't.parent_task_id', 'p.title as parent_title', 'p.position as parent_position',
        't.owner', 't.deadline', 't.status', 't.row_version'])
      .where('t.document_id', '=', documentId).orderBy('t.position').execute();
    const indicators = rows.length
      ? await db.selectFrom('indicator').selectAll().where('task_id', 'in', rows.map((r) => r.id)).orderBy('task_id').orderBy('position').execute()
      : [];
    return rows.map((r) => ({
      id: r.id, position: r.position, title: r.title, description: r.description, parentTaskId: r.parent_task_id,
      parentTaskTitle: r.parent_title, parentTaskPosition: r.parent_position, owner: r.owner, deadline: r.deadline, status: r.status,
      state: planTaskState(r.status as PlanTaskStatus, r.deadline, today), rowVersion: r.row_version,
      indicators: indicators.filter((i) => i.task_id === r.id).map((i) => ({ id: i.id, position: i.position, name: i.name, unitOfMeasure: i.unit_of_measure, measurement: i.measurement })),
    }));
  }

  async create(input: NewDocument, options: { submittedOn?: string } = {}): Promise<DocumentDetail> {
    authorize(this.actor, 'document.write');
    const errors: FieldError[] = [];
    const parsed = parseDocumentNumber(input.number, 'number');
    if (!parsed.ok) errors.push(...parsed.errors);
    const today = options.submittedOn ?? todayIso();
    if (!isIsoDate(input.issuedOn)) errors.push({ field: 'issuedOn', code: 'invalid_date', message: 'Ngày ban hành không hợp lệ' });
    else if (input.issuedOn > today) errors.push({ field: 'issuedOn', code: 'future_date', message: 'Ngày ban hành không được sau ngày hôm nay' });
    const title = normalizeText(input.title ?? '');
    if (!title) errors.push({ field: 'title', code: 'required', message: 'Trích yếu (tên) văn bản là bắt buộc' });
    for (const f of ['coversFrom', 'coversTo', 'planDueDate'] as const) {
      const v = input[f];
      if (v != null && !isIsoDate(v)) errors.push({ field: f, code: 'invalid_date', message: 'Ngày không hợp lệ (YYYY-MM-DD)' });
    }
    if (input.coversFrom && input.coversTo && input.coversTo < input.coversFrom) errors.push({ field: 'coversTo', code: 'before_from', message: 'Thời gian áp dụng: ngày kết thúc phải sau ngày bắt đầu' });
    const unit = await this.db.selectFrom('unit').select(['id', 'path', 'name', 'kind']).where('id', '=', input.issuingUnitId)
      .where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree`).executeTakeFirst();
    if (!unit) errors.push({ field: 'issuingUnitId', code: 'not_found', message: 'Không tìm thấy cấp ủy ban hành trong phạm vi của bạn' });
    // Linked documents must be readable; an implementation plan comes from a unit below the issuer.
    const targets = new Map<number, DocRow>();
    for (const [field, ids] of [['implementsIds', input.implementsIds ?? []], ['replacesIds', input.replacesIds ?? []]] as const) {
      for (const [i, tid] of ids.entries()) {
        const target = await this.requireReadable(tid).catch(() => undefined);
        if (!target) { errors.push({ field: `${field}.${i}`, code: 'not_found', message: `Không tìm thấy văn bản #${tid}` }); continue; }
        targets.set(tid, target);
        if (field === 'implementsIds' && unit && !(unit.path as string).startsWith(target.unit_path + '.')) {
          errors.push({ field: `${field}.${i}`, code: 'not_lower', message: `Kế hoạch thực hiện ${target.number_text} phải do cấp ủy cấp dưới của ${target.unit_name} ban hành` });
        }
        if (field === 'implementsIds' && isIsoDate(input.issuedOn) && input.issuedOn < target.issued_on) {
          errors.push({ field: 'issuedOn', code: 'before_parent', message: `Kế hoạch không thể ban hành trước văn bản nó thực hiện (${target.number_text}, ${formatVietnameseDate(target.issued_on)})` });
        }
      }
    }
    if (input.implementsIds?.length && parsed.ok && !PLAN_KINDS.includes(parsed.value.kind)) {
      errors.push({ field: 'number', code: 'not_a_plan', message: 'Văn bản thực hiện một văn bản khác phải là kế hoạch (KH) hoặc chương trình (CTr)' });
    }
    const parentTaskIds = new Set<number>();
    if (input.implementsIds?.length) {
      const rows = await this.db.selectFrom('document_task').select('id').where('document_id', 'in', input.implementsIds).execute();
      for (const r of rows) parentTaskIds.add(r.id);
    }
    (input.tasks ?? []).forEach((t, i) => {
      if (!normalizeText(t.title ?? '')) errors.push({ field: `tasks.${i}.title`, code: 'required', message: `Nhiệm vụ ${i + 1}: cần ghi nội dung` });
      if (t.parentTaskId != null && !parentTaskIds.has(t.parentTaskId)) errors.push({ field: `tasks.${i}.parentTaskId`, code: 'not_parent', message: `Nhiệm vụ ${i + 1}: nhiệm vụ cấp trên phải thuộc văn bản được thực hiện` });
      if (t.deadline != null && !isIsoDate(t.deadline)) errors.push({ field: `tasks.${i}.deadline`, code: 'invalid_date', message: `Nhiệm vụ ${i + 1}: thời hạn không hợp lệ` });
      if (t.status !== undefined && !isPlanTaskStatus(t.status)) errors.push({ field: `tasks.${i}.status`, code: 'invalid', message: `Nhiệm vụ ${i + 1}: trạng thái không hợp lệ` });
      (t.indicators ?? []).forEach((ind, j) => {
        if (!normalizeText(ind.name ?? '')) errors.push({ field: `tasks.${i}.indicators.${j}.name`, code: 'required', message: `Chỉ tiêu ${i + 1}.${j + 1}: cần ghi tên` });
        if (!isMeasurement(ind.measurement)) errors.push({ field: `tasks.${i}.indicators.${j}.measurement`, code: 'invalid', message: `Chỉ tiêu ${i + 1}.${j + 1}: cách đo không hợp lệ` });
      });
    });
    if (errors.length || !parsed.ok || !unit) throw new ValidationError(errors);
    const number = parsed.value;
    const year = Number(input.issuedOn.slice(0, 4));

    const id = await inTransaction(this.db, this.actor, async (tx) => {
      const dup = await tx.selectFrom('document').select(['id', 'issued_on']).where('issuing_unit_id', '=', unit.id).where('kind', '=', number.kind)
        .where('seq', '=', number.seq).where('issue_year', '=', year).executeTakeFirst();
      if (dup) throw duplicate(number.text, unit.name, year, dup.issued_on);
      let docId: number;
      try {
        docId = (await tx.insertInto('document').values({
          number_text: number.text, seq: number.seq, kind: number.kind, issuer_code: number.issuer, issuing_unit_id: unit.id,
          issued_on: input.issuedOn, issue_year: year, title, title_search: searchKey(title), covers_from: input.coversFrom ?? null,
          covers_to: input.coversTo ?? null, attachments: (input.attachments ?? []).map((a) => normalizeText(a)).filter(Boolean),
          plan_due_date: input.planDueDate ?? null, report_due_days: input.reportDueDays ?? 10, note: input.note?.trim() || null,
          created_by: this.actor.userId,
        }).returning('id').executeTakeFirstOrThrow()).id;
      } catch (err) {
        // Two users saving the same number at once: the unique constraint decides, with the same message.
        if (pgErrorCode(err) === '23505') throw duplicate(number.text, unit.name, year, null);
        throw err;
      }
      const links = [
        ...(input.implementsIds ?? []).map((t) => ({ document_id: docId, target_id: t, relation: 'implements' as const })),
        ...(input.replacesIds ?? []).map((t) => ({ document_id: docId, target_id: t, relation: 'replaces' as const })),
      ];
      if (links.length) await tx.insertInto('document_link').values(links).onConflict((oc) => oc.doNothing()).execute();
      await insertTasks(tx, docId, 1, input.tasks ?? []);
      return docId;
    });
    return this.get(id);
  }

  /** Appends tasks to a document (a plan adopted without all its tasks, or a resolution entered in steps). */
  async addTasks(documentId: number, tasks: NewTask[]): Promise<TaskView[]> {
    const doc = await this.requireWritable(documentId);
    const parents = new Set((await this.db.selectFrom('document_task as t').innerJoin('document_link as l', 'l.target_id', 't.document_id')
      .select('t.id').where('l.document_id', '=', documentId).where('l.relation', '=', 'implements').execute()).map((r) => r.id));
    const errors: FieldError[] = [];
    tasks.forEach((t, i) => {
      if (!normalizeText(t.title ?? '')) errors.push({ field: `tasks.${i}.title`, code: 'required', message: `Nhiệm vụ ${i + 1}: cần ghi nội dung` });
      if (t.parentTaskId != null && !parents.has(t.parentTaskId)) errors.push({ field: `tasks.${i}.parentTaskId`, code: 'not_parent', message: `Nhiệm vụ ${i + 1}: nhiệm vụ cấp trên phải thuộc văn bản được thực hiện` });
      (t.indicators ?? []).forEach((ind, j) => {
        if (!isMeasurement(ind.measurement)) errors.push({ field: `tasks.${i}.indicators.${j}.measurement`, code: 'invalid', message: `Chỉ tiêu ${i + 1}.${j + 1}: cách đo không hợp lệ` });
      });
    });
    if (errors.length) throw new ValidationError(errors);
    await inTransaction(this.db, this.actor, async (tx) => {
      const max = await tx.selectFrom('document_task').select(sql<number>`coalesce(max(position), 0)::int`.as('n')).where('document_id', '=', doc.id).executeTakeFirstOrThrow();
      await insertTasks(tx, doc.id, max.n + 1, tasks);
    });
    return this.tasks(documentId);
  }

  async updateTask(documentId: number, taskId: number, change: TaskChange): Promise<TaskView> {
    await this.requireWritable(documentId);
    const errors: FieldError[] = [];
    if (change.status !== undefined && !isPlanTaskStatus(change.status)) errors.push({ field: 'status', code: 'invalid', message: 'Trạng thái phải là chưa thực hiện, đang thực hiện hoặc hoàn thành' });
    if (change.deadline != null && !isIsoDate(change.deadline)) errors.push({ field: 'deadline', code: 'invalid_date', message: 'Thời hạn không hợp lệ' });
    if (errors.length) throw new ValidationError(errors);
    await inTransaction(this.db, this.actor, async (tx) => {
      const task = await tx.selectFrom('document_task').selectAll().where('id', '=', taskId).where('document_id', '=', documentId).forUpdate().executeTakeFirst();
      if (!task) throw new NotFoundError('nhiệm vụ');
      if (task.row_version !== change.rowVersion) throw new ConflictError('Nhiệm vụ vừa được người khác cập nhật; hãy tải lại');
      await tx.updateTable('document_task').set({
        status: change.status ?? task.status,
        owner: change.owner !== undefined ? change.owner?.trim() || null : task.owner,
        deadline: change.deadline !== undefined ? change.deadline : task.deadline,
        row_version: task.row_version + 1,
      }).where('id', '=', taskId).execute();
    });
    return (await this.tasks(documentId)).find((t) => t.id === taskId)!;
  }

  /** Progress reports of a document's tasks, for one period or all. */
  async reports(documentId: number, period?: string): Promise<ProgressReportView[]> {
    await this.requireReadable(documentId);
    let q = this.db.selectFrom('progress_report as r').innerJoin('document_task as t', 't.id', 'r.task_id')
      .select(['r.id', 'r.task_id', 't.position', 't.title', 'r.period', 'r.body', 'r.evidence', 'r.submitted_on', 'r.submitted_by_name'])
      .where('t.document_id', '=', documentId);
    if (period) q = q.where('r.period', '=', period.toUpperCase());
    const rows = await q.orderBy('r.period_start').orderBy('r.period_end').orderBy('t.position').execute();
    return rows.map((r) => ({ id: r.id, taskId: r.task_id, taskPosition: r.position, taskTitle: r.title, period: r.period, body: r.body, evidence: r.evidence, submittedOn: r.submitted_on, submittedBy: r.submitted_by_name }));
  }

  /** Records (or replaces) the progress of one task in one period; the report counts as received today. */
  async saveReport(documentId: number, taskId: number, periodCode: string, input: { body: string; evidence?: string[] }, options: { submittedOn?: string } = {}): Promise<ProgressReportView> {
    const doc = await this.requireWritable(documentId);
    const errors: FieldError[] = [];
    const period = parsePeriod(periodCode, 'period');
    if (!period.ok) errors.push(...period.errors);
    const body = normalizeText(input.body ?? '');
    if (!body) errors.push({ field: 'body', code: 'required', message: 'Cần ghi kết quả thực hiện trong kỳ' });
    const submittedOn = options.submittedOn ?? todayIso();
    if (period.ok && period.value.start > submittedOn) errors.push({ field: 'period', code: 'future_period', message: `Kỳ ${period.value.code} chưa bắt đầu` });
    if (period.ok && doc.issued_on > period.value.end) errors.push({ field: 'period', code: 'before_document', message: `Kỳ ${period.value.code} kết thúc trước ngày ban hành văn bản (${formatVietnameseDate(doc.issued_on)})` });
    if (errors.length || !period.ok) throw new ValidationError(errors);
    const p = period.value;
    await inTransaction(this.db, this.actor, async (tx) => {
      const task = await tx.selectFrom('document_task').select('id').where('id', '=', taskId).where('document_id', '=', documentId).executeTakeFirst();
      if (!task) throw new NotFoundError('nhiệm vụ');
      const evidence = (input.evidence ?? []).map((e) => normalizeText(e)).filter(Boolean);
      await tx.insertInto('progress_report').values({
        task_id: taskId, period: p.code, period_start: p.start, period_end: p.end, body, evidence, submitted_on: submittedOn,
        submitted_by: this.actor.userId, submitted_by_name: this.actor.fullName,
      }).onConflict((oc) => oc.columns(['task_id', 'period']).doUpdateSet({
        body, evidence, submitted_on: submittedOn, submitted_by: this.actor.userId, submitted_by_name: this.actor.fullName,
        row_version: sql`progress_report.row_version + 1`,
      })).execute();
    });
    return (await this.reports(documentId, p.code)).find((r) => r.taskId === taskId)!;
  }

  /** Sets a unit's target for an indicator in a year: the document's issuer assigns it, to a unit of the actor's subtree. */
  async setTarget(indicatorId: number, unitId: number, year: number, target: number): Promise<void> {
    const ind = await this.indicatorDocument(indicatorId);
    await this.requireWritable(ind.document_id);
    await this.requireUnitInScope(unitId);
    await inTransaction(this.db, this.actor, async (tx) => {
      await tx.insertInto('indicator_target').values({ indicator_id: indicatorId, unit_id: unitId, year, target })
        .onConflict((oc) => oc.columns(['indicator_id', 'unit_id', 'year']).doUpdateSet({ target })).execute();
    });
  }

  /** A unit reports its value of an indicator measured by reporting. */
  async reportValue(indicatorId: number, unitId: number, year: number, value: number, note?: string | null): Promise<void> {
    authorize(this.actor, 'document.write');
    const ind = await this.indicatorDocument(indicatorId);
    await this.requireReadable(ind.document_id);
    await this.requireUnitInScope(unitId);
    if (ind.measurement !== 'reported') {
      throw new ValidationError([{ field: 'value', code: 'computed', message: 'Chỉ tiêu này được tính từ dữ liệu, không nhập tay' }]);
    }
    await inTransaction(this.db, this.actor, async (tx) => {
      await tx.insertInto('indicator_value').values({ indicator_id: indicatorId, unit_id: unitId, year, value, note: note?.trim() || null })
        .onConflict((oc) => oc.columns(['indicator_id', 'unit_id', 'year']).doUpdateSet({ value, note: note?.trim() || null })).execute();
    });
  }

  /** Each indicator of a document for a unit and year: the target, and the value computed or reported. */
  async indicatorResults(documentId: number, unitId: number, year: number): Promise<IndicatorResult[]> {
    await this.requireReadable(documentId);
    const unit = await this.requireUnitInScope(unitId);
    const tasks = await this.tasks(documentId);
    const ids = tasks.flatMap((t) => t.indicators.map((i) => i.id));
    if (!ids.length) return [];
    const targets = await this.db.selectFrom('indicator_target').select(['indicator_id', 'target']).where('indicator_id', 'in', ids).where('unit_id', '=', unitId).where('year', '=', year).execute();
    const values = await this.db.selectFrom('indicator_value').select(['indicator_id', 'value', 'note']).where('indicator_id', 'in', ids).where('unit_id', '=', unitId).where('year', '=', year).execute();
    const out: IndicatorResult[] = [];
    for (const t of tasks) {
      for (const i of t.indicators) {
        const target = targets.find((x) => x.indicator_id === i.id);
        const base = { ...i, taskId: t.id, taskPosition: t.position, unitId, year, target: target ? Number(target.target) : null };
        if (i.measurement === 'reported') {
          const v = values.find((x) => x.indicator_id === i.id);
          out.push({ ...base, actual: v ? Number(v.value) : null, origin: v ? 'reported' : 'not_reported', note: v?.note ?? null });
        } else {
          const r = await INDICATOR_SOURCES[i.measurement as ComputedMeasurement].compute(this.db, { unitId, path: unit.path }, year);
          out.push({ ...base, actual: r.value, origin: r.value === null ? 'no_data' : 'computed', note: r.value === null ? r.missing : r.detail ?? null });
        }
      }
    }
    return out;
  }

  private async indicatorDocument(indicatorId: number): Promise<{ document_id: number; measurement: string }> {
    const row = await this.db.selectFrom('indicator as i').innerJoin('document_task as t', 't.id', 'i.task_id')
      .select(['t.document_id', 'i.measurement']).where('i.id', '=', indicatorId).executeTakeFirst();
    if (!row) throw new NotFoundError('chỉ tiêu');
    return row;
  }

  private async requireUnitInScope(unitId: number): Promise<{ id: number; path: string }> {
    const u = await this.db.selectFrom('unit').select(['id', 'path']).where('id', '=', unitId).where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree`).executeTakeFirst();
    if (!u) throw new NotFoundError('đơn vị');
    return u;
  }
}

function inScope(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(scopePath + '.');
}

function duplicate(number: string, unitName: string, year: number, issuedOn: string | null): ValidationError {
  return new ValidationError([{
    field: 'number', code: 'duplicate',
    message: `${unitName} đã có văn bản số ${number} trong năm ${year}${issuedOn ? ` (ban hành ${formatVietnameseDate(issuedOn)})` : ''}`,
  }], `Số hiệu ${number} đã được dùng trong năm ${year}`);
}

async function insertTasks(tx: Executor, documentId: number, firstPosition: number, tasks: NewTask[]): Promise<void> {
  for (const [i, t] of tasks.entries()) {
    const task = await tx.insertInto('document_task').values({
      document_id: documentId, position: firstPosition + i, title: normalizeText(t.title), description: t.description?.trim() || null,
      parent_task_id: t.parentTaskId ?? null, owner: t.owner?.trim() || null, deadline: t.deadline ?? null, status: t.status ?? 'not_started',
    }).returning('id').executeTakeFirstOrThrow();
    const inds = t.indicators ?? [];
    if (inds.length) {
      await tx.insertInto('indicator').values(inds.map((ind, j) => ({
        task_id: task.id, position: j + 1, name: normalizeText(ind.name), unit_of_measure: normalizeText(ind.unitOfMeasure ?? ''), measurement: ind.measurement,
      }))).execute();
    }
  }
}

export { DOCUMENT_KINDS, isDocumentKind };
