// Follow-up of a document down the tree (issue 9 §3): for each unit below the issuer that should implement
// it, whether it adopted an implementation plan (and when), whether it reported for a period, and whether
// it is late; and review drafts (sơ kết, tổng kết) gathered from the progress reports of a window.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { formatVietnameseDate, isIsoDate, todayIso } from '../domain/dates.ts';
import { parsePeriod, reportDueDate, type Period } from '../domain/documents/periods.ts';
import { unitFollowUpState, type PlanState, type ReportState } from '../domain/documents/follow-up.ts';
import { DocumentRepository } from '../db/repos/documents.ts';
import { inTransaction } from '../db/transaction.ts';

export interface FollowUpRow {
  unitId: number;
  code: string;
  name: string;
  kind: string;
  /** Levels below the issuer (1 = directly under it). */
  level: number;
  parentName: string | null;
  planId: number | null;
  planNumber: string | null;
  planAdoptedOn: string | null;
  plan: PlanState;
  tasks: number;
  reportedTasks: number;
  lastReportOn: string | null;
  report: ReportState;
  late: boolean;
}

export interface FollowUp {
  document: { id: number; number: string; title: string; issuedOn: string; issuingUnitName: string; planDueDate: string | null; reportDueDays: number };
  period: Period;
  reportDueDate: string;
  asOf: string;
  depth: number;
  totals: { units: number; adopted: number; reported: number; late: number };
  rows: FollowUpRow[];
}

// Units that adopt plans: committees and grassroots organizations, not the cells under them.
export const IMPLEMENTING_KINDS = ['province_committee', 'district_committee', 'grassroots_committee', 'grassroots_cell', 'partial_committee'];

export async function followUp(
  db: Kysely<Database>, actor: Actor, documentId: number,
  options: { period: string; depth?: number; unitId?: number; asOf?: string },
): Promise<FollowUp> {
  authorize(actor, 'document.read');
  const docs = new DocumentRepository(db, actor);
  const doc = await docs.requireReadable(documentId);
  const period = parsePeriod(options.period, 'period');
  const depth = options.depth ?? 1;
  const asOf = options.asOf ?? todayIso();
  const errors = [];
  if (!period.ok) errors.push(...period.errors);
  if (!Number.isInteger(depth) || depth < 1 || depth > 6) errors.push({ field: 'depth', code: 'range', message: 'Số cấp phải từ 1 đến 6' });
  if (!isIsoDate(asOf)) errors.push({ field: 'asOf', code: 'invalid_date', message: 'Ngày xem không hợp lệ' });
  if (errors.length || !period.ok) throw new ValidationError(errors);
  const due = reportDueDate(period.value, doc.report_due_days);

  // The units counted: under the issuer, to the depth asked, in the actor's scope, and under the unit asked.
  let within = actor.scopePath;
  if (options.unitId) {
    const u = await db.selectFrom('unit').select('path').where('id', '=', options.unitId).where(sql<boolean>`path <@ ${actor.scopePath}::ltree`).executeTakeFirst();
    if (!u) throw new NotFoundError('đơn vị');
    within = u.path;
  }
  const base = doc.unit_path.split('.').length;
  const { rows } = await sql<{
    unit_id: number; code: string; name: string; kind: string; level: number; parent_name: string | null;
    plan_id: number | null; plan_number: string | null; plan_on: string | null; tasks: number; reported: number; last_report: string | null;
  }>`
    WITH RECURSIVE impl (id) AS (
      SELECT document_id FROM document_link WHERE target_id = ${documentId} AND relation = 'implements'
      UNION
      SELECT l.document_id FROM document_link l JOIN impl ON l.target_id = impl.id WHERE l.relation = 'implements'
    ), plans AS (
      SELECT DISTINCT ON (d.issuing_unit_id) d.issuing_unit_id, d.id, d.number_text, d.issued_on
      FROM document d JOIN impl ON impl.id = d.id
      WHERE d.kind IN ('KH', 'CTr') AND d.issued_on <= ${asOf}
      ORDER BY d.issuing_unit_id, d.issued_on, d.id
    ), units AS (
      SELECT u.id, u.code, u.name, u.kind, nlevel(u.path) - ${base} AS level, p.name AS parent_name, u.path
      FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
      WHERE u.path <@ ${doc.unit_path}::ltree AND nlevel(u.path) BETWEEN ${base + 1} AND ${base + depth}
        AND u.path <@ ${actor.scopePath}::ltree AND u.path <@ ${within}::ltree
        AND u.kind IN (${sql.join(IMPLEMENTING_KINDS)})
        AND u.established_on <= ${asOf} AND (u.dissolved_on IS NULL OR u.dissolved_on > ${asOf})
    )
    SELECT un.id AS unit_id, un.code, un.name, un.kind, un.level, un.parent_name,
      pl.id AS plan_id, pl.number_text AS plan_number, pl.issued_on AS plan_on,
      (SELECT count(*) FROM document_task t WHERE t.document_id = pl.id)::int AS tasks,
      (SELECT count(DISTINCT r.task_id) FROM progress_report r JOIN document_task t ON t.id = r.task_id
        WHERE t.document_id = pl.id AND r.period = ${period.value.code} AND r.submitted_on <= ${asOf})::int AS reported,
      (SELECT max(r.submitted_on) FROM progress_report r JOIN document_task t ON t.id = r.task_id
        WHERE t.document_id = pl.id AND r.period = ${period.value.code} AND r.submitted_on <= ${asOf}) AS last_report
    FROM units un LEFT JOIN plans pl ON pl.issuing_unit_id = un.id
    ORDER BY un.path`.execute(db);

  const out: FollowUpRow[] = rows.map((r) => {
    const state = unitFollowUpState({
      planAdoptedOn: r.plan_on, planDueDate: doc.plan_due_date, tasks: r.tasks, reportedTasks: r.reported,
      lastReportOn: r.last_report, reportDueDate: due, asOf,
    });
    return {
      unitId: r.unit_id, code: r.code, name: r.name, kind: r.kind, level: r.level, parentName: r.parent_name,
      planId: r.plan_id, planNumber: r.plan_number, planAdoptedOn: r.plan_on, tasks: r.tasks, reportedTasks: r.reported,
      lastReportOn: r.last_report, ...state,
    };
  });
  return {
    document: { id: doc.id, number: doc.number_text, title: doc.title, issuedOn: doc.issued_on, issuingUnitName: doc.unit_name, planDueDate: doc.plan_due_date, reportDueDays: doc.report_due_days },
    period: period.value, reportDueDate: due, asOf, depth,
    totals: {
      units: out.length,
      adopted: out.filter((r) => r.planAdoptedOn).length,
      reported: out.filter((r) => r.report === 'reported' || r.report === 'reported_late').length,
      late: out.filter((r) => r.late).length,
    },
    rows: out,
  };
}

export const PLAN_STATE_VI: Record<PlanState, string> = { adopted: 'Đã ban hành', adopted_late: 'Ban hành chậm', pending: 'Chưa ban hành (chưa đến hạn)', late: 'Chưa ban hành, quá hạn' };
export const REPORT_STATE_VI: Record<ReportState, string> = {
  reported: 'Đã báo cáo', reported_late: 'Báo cáo chậm', partial: 'Báo cáo chưa đủ', pending: 'Chưa đến hạn', late: 'Quá hạn, chưa báo cáo', no_plan: 'Chưa có kế hoạch',
};

export interface ReviewDraft {
  id: number;
  documentId: number;
  unitId: number;
  unitName: string;
  kind: 'so_ket' | 'tong_ket';
  from: string;
  to: string;
  reports: number;
  body: string;
  createdAt: string;
}

/**
 * Gathers the progress reports of a window for a document — its own tasks' and those of every plan that
 * implements it (transitively), by units of the chosen unit's subtree — under the document's tasks, and
 * stores the text as a draft the committee edits into its review report.
 */
export async function generateReviewDraft(
  db: Kysely<Database>, actor: Actor, documentId: number,
  input: { kind: 'so_ket' | 'tong_ket'; from: string; to: string; unitId?: number },
): Promise<ReviewDraft> {
  authorize(actor, 'document.write');
  const docs = new DocumentRepository(db, actor);
  const doc = await docs.requireReadable(documentId);
  const errors = [];
  if (!isIsoDate(input.from)) errors.push({ field: 'from', code: 'invalid_date', message: 'Ngày bắt đầu không hợp lệ' });
  if (!isIsoDate(input.to)) errors.push({ field: 'to', code: 'invalid_date', message: 'Ngày kết thúc không hợp lệ' });
  else if (isIsoDate(input.from) && input.to < input.from) errors.push({ field: 'to', code: 'before_from', message: 'Ngày kết thúc phải sau ngày bắt đầu' });
  if (errors.length) throw new ValidationError(errors);
  const unitId = input.unitId ?? actor.scopeUnitId;
  const unit = await db.selectFrom('unit').select(['id', 'path', 'name']).where('id', '=', unitId).where(sql<boolean>`path <@ ${actor.scopePath}::ltree`).executeTakeFirst();
  if (!unit) throw new ValidationError([{ field: 'unitId', code: 'not_found', message: 'Không tìm thấy đơn vị trong phạm vi của bạn' }]);

  const { rows: tasks } = await sql<{ id: number; document_id: number; position: number; title: string; parent_task_id: number | null }>`
    WITH RECURSIVE impl (id) AS (
      SELECT ${documentId}::bigint
      UNION
      SELECT l.document_id FROM document_link l JOIN impl ON l.target_id = impl.id WHERE l.relation = 'implements'
    )
    SELECT t.id, t.document_id, t.position, t.title, t.parent_task_id FROM document_task t JOIN impl ON impl.id = t.document_id`.execute(db);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const top = (id: number): number | null => {
    let t = byId.get(id);
    for (let guard = 0; t && guard < 20; guard++) {
      if (t.document_id === documentId) return t.id;
      t = t.parent_task_id ? byId.get(t.parent_task_id) : undefined;
    }
    return null;
  };
  const { rows: reports } = await sql<{ task_id: number; period: string; body: string; evidence: string[]; submitted_on: string; unit_name: string; unit_path: string; plan_number: string }>`
    SELECT r.task_id, r.period, r.body, r.evidence, r.submitted_on, u.name AS unit_name, u.path::text AS unit_path, d.number_text AS plan_number
    FROM progress_report r JOIN document_task t ON t.id = r.task_id JOIN document d ON d.id = t.document_id JOIN unit u ON u.id = d.issuing_unit_id
    WHERE t.id = ANY(${tasks.map((t) => t.id)}::bigint[]) AND r.period_start >= ${input.from} AND r.period_end <= ${input.to}
      AND u.path <@ ${unit.path}::ltree AND u.path <@ ${actor.scopePath}::ltree
    ORDER BY u.path, r.period_start, r.period_end`.execute(db);

  const own = tasks.filter((t) => t.document_id === documentId).sort((a, b) => a.position - b.position);
  const title = input.kind === 'so_ket' ? 'SƠ KẾT' : 'TỔNG KẾT';
  const lines: string[] = [
    `DỰ THẢO BÁO CÁO ${title}`,
    `việc thực hiện ${doc.number_text} ngày ${formatVietnameseDate(doc.issued_on)} của ${doc.unit_name}`,
    `${doc.title}`,
    `Thời gian: từ ${formatVietnameseDate(input.from)} đến ${formatVietnameseDate(input.to)}. Đơn vị tổng hợp: ${unit.name}. Tổng hợp từ ${reports.length} báo cáo tiến độ.`,
    '',
    'I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP',
  ];
  const unplaced = reports.filter((r) => top(r.task_id) === null);
  for (const t of own) {
    lines.push('', `${t.position}. ${t.title}`);
    const mine = reports.filter((r) => top(r.task_id) === t.id);
    if (!mine.length) lines.push('   (Chưa có báo cáo trong kỳ.)');
    for (const r of mine) {
      lines.push(`   - ${r.unit_name} (${r.plan_number}, kỳ ${r.period}): ${r.body}${r.evidence.length ? ` [Minh chứng: ${r.evidence.join('; ')}]` : ''}`);
    }
  }
  if (unplaced.length) {
    lines.push('', 'Nhiệm vụ khác của các đơn vị');
    for (const r of unplaced) lines.push(`   - ${r.unit_name} (${r.plan_number}, kỳ ${r.period}): ${r.body}`);
  }
  lines.push('', 'II. HẠN CHẾ, NGUYÊN NHÂN', '   (Cấp ủy bổ sung.)', '', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', '   (Cấp ủy bổ sung.)');
  const body = lines.join('\n');
  const id = await inTransaction(db, actor, async (tx) => (await tx.insertInto('review_draft').values({
    document_id: documentId, unit_id: unit.id, kind: input.kind, period_from: input.from, period_to: input.to, body, reports: reports.length, created_by: actor.userId,
  }).returning('id').executeTakeFirstOrThrow()).id);
  return (await listReviewDrafts(db, actor, documentId)).find((d) => d.id === id)!;
}

export async function listReviewDrafts(db: Kysely<Database>, actor: Actor, documentId: number): Promise<ReviewDraft[]> {
  await new DocumentRepository(db, actor).requireReadable(documentId);
  const { rows } = await sql<ReviewDraft>`
    SELECT r.id, r.document_id AS "documentId", r.unit_id AS "unitId", u.name AS "unitName", r.kind, r.period_from AS "from", r.period_to AS "to",
      r.reports, r.body, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
    FROM review_draft r JOIN unit u ON u.id = r.unit_id
    WHERE r.document_id = ${documentId} AND u.path <@ ${actor.scopePath}::ltree
    ORDER BY r.id DESC`.execute(db);
  return rows;
}
