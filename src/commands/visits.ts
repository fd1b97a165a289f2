// Working visits, inspections and supervisions of a committee (issue 9 §6): the delegation, the units
// visited, the documents and topics reviewed, the findings, the conclusion notice and its directives, each
// followed (progress, evidence) until done. Rules in src/domain/visits/; every write is one transaction.
//
// Scope: a visit belongs to its issuing committee. Its staff (the issuer in their subtree) see and change
// all of it. A user below sees the visits that came to a unit of their subtree or left it a directive, and
// of the directives only those their subtree is responsible for, which they may follow up (progress,
// evidence, done). Out of scope is "not found", never "forbidden".
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, can, pathInScope as inScope, type Actor } from '../policies/index.ts';
import { inTransaction, pgErrorCode, type Executor } from '../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors.ts';
import { todayIso, formatVietnameseDate } from '../domain/dates.ts';
import { normalizeText } from '../text/vietnamese.ts';
import {
  isDirectiveOverdue, isDirectiveStatus, validateDirective, validateDirectiveChange, validateNotice, validateVisit,
  type DirectiveInput, type DirectiveStatus, type VisitStatus,
} from '../domain/visits/index.ts';
import { registerOpenItemMover } from './restructure.ts';

export interface DelegateView { id: number; ordinal: number; fullName: string; title: string; homeBody: string; role: string }
export interface VisitedUnitView { unitId: number; code: string; name: string; visitedOn: string }
export interface ReviewedDocumentView { id: number; number: string; title: string; issuedOn: string }
export interface NoticeView {
  id: number; number: string; kind: string; issuedOn: string; place: string; signerName: string; signerTitle: string;
  body: string; recipients: string[]; issuingUnitName: string;
}
export interface ProgressView { id: number; reportedOn: string; note: string; evidence: string[]; recordedBy: string }
export interface DirectiveView {
  id: number; visitId: number; ordinal: number; text: string;
  responsibleUnitId: number; responsibleUnitCode: string; responsibleUnitName: string;
  owner: string | null; deadline: string | null; status: string; overdue: boolean; doneOn: string | null; evidence: string[];
  rowVersion: number; progress: ProgressView[];
  /** The actor may follow it up (their subtree is responsible, or they are the issuer's staff). */
  editable: boolean;
}
export interface VisitListItem {
  id: number; title: string; kind: string; status: string; issuingUnitId: number; issuingUnitName: string;
  startsOn: string; endsOn: string; unitNames: string[]; noticeNumber: string | null;
  directives: number; openDirectives: number; overdueDirectives: number;
}
export interface VisitDetail extends VisitListItem {
  issuingUnitCode: string; topics: string[]; findings: string | null; note: string | null; rowVersion: number;
  delegates: DelegateView[]; units: VisitedUnitView[]; documents: ReviewedDocumentView[]; notice: NoticeView | null;
  directiveList: DirectiveView[];
  /** The actor is the issuer's staff with the right to write: may edit the visit, conclude, add directives. */
  editable: boolean;
}

export interface NewVisit {
  title: string;
  kind: string;
  issuingUnitId: number;
  startsOn: string;
  endsOn: string;
  topics?: string[];
  findings?: string | null;
  note?: string | null;
  delegates?: Array<{ fullName: string; title: string; homeBody: string; role: string }>;
  units?: Array<{ unitId: number; visitedOn: string }>;
  documentIds?: number[];
}
export interface VisitChange extends Partial<Omit<NewVisit, 'issuingUnitId'>> {
  status?: 'preparation' | 'visited';
  rowVersion: number;
}
export interface NoticeInput { number: string; issuedOn: string; place: string; signerName: string; signerTitle: string; body: string; recipients?: string[] }
export interface NewDirective extends DirectiveInput { responsibleUnitId?: number | null }
export interface FollowUpInput {
  rowVersion: number;
  /** A progress note for the record (directive_progress); with its evidence. */
  note?: string | null;
  evidence?: string[];
  status?: string;
  doneOn?: string | null;
  owner?: string | null;
  deadline?: string | null;
  /** The day of the progress note; today by default. */
  reportedOn?: string;
}

interface VisitRow {
  id: number; title: string; kind: string; status: string; issuing_unit_id: number; starts_on: string; ends_on: string;
  topics: string[]; findings: string | null; note: string | null; row_version: number; unit_name: string; unit_code: string; unit_path: string;
}

const clean = (values: string[] | undefined) => (values ?? []).map((v) => normalizeText(v)).filter(Boolean);

export class VisitService {
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor, private readonly today: string = todayIso()) {}

  /** SQL: the visit `v` (joined to its issuer `iu`) concerns the actor's subtree. */
  private visitReadable() {
    const scope = this.actor.scopePath;
    return sql<boolean>`(iu.path <@ ${scope}::ltree
      OR EXISTS (SELECT 1 FROM visit_unit vu JOIN unit x ON x.id = vu.unit_id WHERE vu.visit_id = v.id AND x.path <@ ${scope}::ltree)
      OR EXISTS (SELECT 1 FROM directive d JOIN unit x ON x.id = d.responsible_unit_id WHERE d.visit_id = v.id AND x.path <@ ${scope}::ltree))`;
  }

  async list(filter: { unitId?: number; status?: string; year?: number; limit?: number } = {}): Promise<VisitListItem[]> {
    authorize(this.actor, 'document.read');
    const { rows } = await sql<VisitRow & { unit_names: string[] | null; notice_number: string | null; directives: number; open: number; overdue: number }>`
      SELECT v.*, iu.name AS unit_name, iu.code AS unit_code, iu.path::text AS unit_path,
        (SELECT array_agg(coalesce(xv.name, x.name) ORDER BY vu.visited_on, coalesce(xv.name, x.name)) FROM visit_unit vu JOIN unit x ON x.id = vu.unit_id
          LEFT JOIN unit_version xv ON xv.unit_id = vu.unit_id AND xv.valid_from <= vu.visited_on AND (xv.valid_to IS NULL OR xv.valid_to > vu.visited_on)
         WHERE vu.visit_id = v.id) AS unit_names,
        (SELECT n.number_text FROM visit_notice n WHERE n.visit_id = v.id) AS notice_number,
        ${this.directiveCounts()}
      FROM working_visit v JOIN unit iu ON iu.id = v.issuing_unit_id
      WHERE ${this.visitReadable()}
        ${filter.unitId ? sql`AND (v.issuing_unit_id = ${filter.unitId} OR EXISTS (SELECT 1 FROM visit_unit vu WHERE vu.visit_id = v.id AND vu.unit_id = ${filter.unitId}))` : sql``}
        ${filter.status ? sql`AND v.status = ${filter.status}` : sql``}
        ${filter.year ? sql`AND extract(year FROM v.starts_on) = ${filter.year}` : sql``}
      ORDER BY v.starts_on DESC, v.id DESC
      LIMIT ${Math.min(filter.limit ?? 200, 1000)}`.execute(this.db);
    return rows.map((r) => this.listItem(r, r));
  }

  /** Counts of the directives the actor may see (all for the issuer's staff, else their subtree's). */
  private directiveCounts() {
    const scope = this.actor.scopePath;
    const visible = sql`(iu.path <@ ${scope}::ltree OR ru.path <@ ${scope}::ltree)`;
    return sql`
      (SELECT count(*) FROM directive d JOIN unit ru ON ru.id = d.responsible_unit_id WHERE d.visit_id = v.id AND ${visible})::int AS directives,
      (SELECT count(*) FROM directive d JOIN unit ru ON ru.id = d.responsible_unit_id WHERE d.visit_id = v.id AND ${visible} AND d.status IN ('open', 'in_progress'))::int AS open,
      (SELECT count(*) FROM directive d JOIN unit ru ON ru.id = d.responsible_unit_id WHERE d.visit_id = v.id AND ${visible}
         AND d.status IN ('open', 'in_progress') AND d.deadline < ${this.today}::date)::int AS overdue`;
  }

  private listItem(r: VisitRow, x: { unit_names: string[] | null; notice_number: string | null; directives: number; open: number; overdue: number }): VisitListItem {
    return {
      id: r.id, title: r.title, kind: r.kind, status: r.status, issuingUnitId: r.issuing_unit_id, issuingUnitName: r.unit_name,
      startsOn: r.starts_on, endsOn: r.ends_on, unitNames: x.unit_names ?? [], noticeNumber: x.notice_number,
      directives: x.directives, openDirectives: x.open, overdueDirectives: x.overdue,
    };
  }

  private async requireReadable(id: number, db: Executor = this.db): Promise<VisitRow> {
    authorize(this.actor, 'document.read');
    const { rows } = await sql<VisitRow>`
      SELECT v.*, iu.name AS unit_name, iu.code AS unit_code, iu.path::text AS unit_path
      FROM working_visit v JOIN unit iu ON iu.id = v.issuing_unit_id
      WHERE v.id = ${id} AND ${this.visitReadable()}`.execute(db);
    if (!rows[0]) throw new NotFoundError('đợt công tác');
    return rows[0];
  }

  /** The visit if the actor is its issuer's staff (issuer in their subtree) with the right to write. */
  private async requireIssuer(id: number, db: Executor = this.db): Promise<VisitRow> {
    authorize(this.actor, 'document.write');
    const v = await this.requireReadable(id, db);
    if (!inScope(v.unit_path, this.actor.scopePath)) throw new NotFoundError('đợt công tác');
    return v;
  }

  async get(id: number): Promise<VisitDetail> {
    const v = await this.requireReadable(id);
    const issuer = inScope(v.unit_path, this.actor.scopePath);
    const delegates = await this.db.selectFrom('visit_delegate').selectAll().where('visit_id', '=', id).orderBy('ordinal').execute();
    // A visited unit is named as it stood on the day of the visit (xã Tiên Thủy in 2017, a thị trấn since 2020).
    const { rows: units } = await sql<{ unit_id: number; code: string; name: string; visited_on: string }>`
      SELECT vu.unit_id, coalesce(uv.code, u.code) AS code, coalesce(uv.name, u.name) AS name, vu.visited_on
        FROM visit_unit vu JOIN unit u ON u.id = vu.unit_id
        LEFT JOIN unit_version uv ON uv.unit_id = vu.unit_id AND uv.valid_from <= vu.visited_on AND (uv.valid_to IS NULL OR uv.valid_to > vu.visited_on)
       WHERE vu.visit_id = ${id} ORDER BY vu.visited_on, 3`.execute(this.db);
    const documents = await this.db.selectFrom('visit_document as vd').innerJoin('document as d', 'd.id', 'vd.document_id')
      .select(['d.id', 'd.number_text', 'd.title', 'd.issued_on']).where('vd.visit_id', '=', id).orderBy('d.issued_on').execute();
    const notice = await this.db.selectFrom('visit_notice').selectAll().where('visit_id', '=', id).executeTakeFirst();
    const directiveList = await this.directives(id, issuer);
    const open = directiveList.filter((d) => d.status === 'open' || d.status === 'in_progress');
    return {
      ...this.listItem(v, {
        unit_names: units.map((u) => u.name), notice_number: notice?.number_text ?? null,
        directives: directiveList.length, open: open.length, overdue: directiveList.filter((d) => d.overdue).length,
      }),
      issuingUnitCode: v.unit_code, topics: v.topics, findings: v.findings, note: v.note, rowVersion: v.row_version,
      delegates: delegates.map((d) => ({ id: d.id, ordinal: d.ordinal, fullName: d.full_name, title: d.title, homeBody: d.home_body, role: d.role })),
      units: units.map((u) => ({ unitId: u.unit_id, code: u.code, name: u.name, visitedOn: u.visited_on })),
      documents: documents.map((d) => ({ id: d.id, number: d.number_text, title: d.title, issuedOn: d.issued_on })),
      notice: notice ? {
        id: notice.id, number: notice.number_text, kind: notice.kind, issuedOn: notice.issued_on, place: notice.place, signerName: notice.signer_name,
        signerTitle: notice.signer_title, body: notice.body, recipients: notice.recipients, issuingUnitName: v.unit_name,
      } : null,
      directiveList,
      editable: issuer && can(this.actor, 'document.write'),
    };
  }

  private async directives(visitId: number, issuer: boolean, db: Executor = this.db): Promise<DirectiveView[]> {
    const scope = this.actor.scopePath;
    const { rows } = await sql<{ id: number; visit_id: number; ordinal: number; text: string; responsible_unit_id: number; code: string; name: string; path: string;
      owner: string | null; deadline: string | null; status: string; done_on: string | null; evidence: string[]; row_version: number }>`
      SELECT d.*, ru.code, ru.name, ru.path::text AS path FROM directive d JOIN unit ru ON ru.id = d.responsible_unit_id
      WHERE d.visit_id = ${visitId} ${issuer ? sql`` : sql`AND ru.path <@ ${scope}::ltree`}
      ORDER BY d.ordinal`.execute(db);
    const progress = rows.length
      ? await db.selectFrom('directive_progress').selectAll().where('directive_id', 'in', rows.map((r) => r.id)).orderBy('reported_on').orderBy('id').execute()
      : [];
    const writes = can(this.actor, 'document.write');
    return rows.map((r) => ({
      id: r.id, visitId: r.visit_id, ordinal: r.ordinal, text: r.text, responsibleUnitId: r.responsible_unit_id, responsibleUnitCode: r.code,
      responsibleUnitName: r.name, owner: r.owner, deadline: r.deadline, status: r.status,
      overdue: isDirectiveOverdue(r.status as DirectiveStatus, r.deadline, this.today), doneOn: r.done_on, evidence: r.evidence, rowVersion: r.row_version,
      progress: progress.filter((p) => p.directive_id === r.id).map((p) => ({ id: p.id, reportedOn: p.reported_on, note: p.note, evidence: p.evidence, recordedBy: p.recorded_by_name })),
      editable: writes && (issuer || inScope(r.path, scope)),
    }));
  }

  async create(input: NewVisit): Promise<VisitDetail> {
    authorize(this.actor, 'document.write');
    const errors = validateVisit({ ...input, delegates: input.delegates ?? [], units: input.units ?? [] });
    const issuer = await this.db.selectFrom('unit').select(['id', 'path', 'name']).where('id', '=', input.issuingUnitId)
      .where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree`).executeTakeFirst();
    if (!issuer) errors.push({ field: 'issuingUnitId', code: 'not_found', message: 'Không tìm thấy cấp ủy tổ chức đoàn trong phạm vi của bạn' });
    else errors.push(...(await this.checkUnitsAndDocuments(issuer.path, input)));
    if (errors.length || !issuer) throw new ValidationError(errors);
    const id = await inTransaction(this.db, this.actor, async (tx) => {
      const row = await tx.insertInto('working_visit').values({
        title: normalizeText(input.title), kind: input.kind, issuing_unit_id: issuer.id, starts_on: input.startsOn, ends_on: input.endsOn,
        topics: clean(input.topics), findings: input.findings?.trim() || null, note: input.note?.trim() || null, created_by: this.actor.userId,
      }).returning('id').executeTakeFirstOrThrow();
      await this.replaceParts(tx, row.id, input);
      return row.id;
    });
    return this.get(id);
  }

  /** Visited units lie in the issuer's subtree (and the actor's); reviewed documents must be readable by the actor. */
  private async checkUnitsAndDocuments(issuerPath: string, input: Pick<NewVisit, 'units' | 'documentIds'>): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [i, u] of (input.units ?? []).entries()) {
      const found = await this.db.selectFrom('unit').select('id').where('id', '=', u.unitId)
        .where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree AND path <@ ${issuerPath}::ltree`).executeTakeFirst();
      if (!found) errors.push({ field: `units.${i}.unitId`, code: 'not_found', message: `Đơn vị được làm việc thứ ${i + 1} không thuộc cấp ủy tổ chức đoàn hoặc ngoài phạm vi của bạn` });
    }
    for (const [i, docId] of (input.documentIds ?? []).entries()) {
      const { rows } = await sql<{ id: number }>`SELECT d.id FROM document d JOIN unit u ON u.id = d.issuing_unit_id
        WHERE d.id = ${docId} AND (u.path <@ ${this.actor.scopePath}::ltree OR ${this.actor.scopePath}::ltree <@ u.path)`.execute(this.db);
      if (!rows[0]) errors.push({ field: `documentIds.${i}`, code: 'not_found', message: `Không tìm thấy văn bản #${docId}` });
    }
    return errors;
  }

  private async replaceParts(tx: Transaction<Database>, visitId: number, input: Pick<NewVisit, 'delegates' | 'units' | 'documentIds'>): Promise<void> {
    if (input.delegates) {
      await tx.deleteFrom('visit_delegate').where('visit_id', '=', visitId).execute();
      if (input.delegates.length) {
        await tx.insertInto('visit_delegate').values(input.delegates.map((d, i) => ({
          visit_id: visitId, ordinal: i + 1, full_name: normalizeText(d.fullName), title: normalizeText(d.title), home_body: normalizeText(d.homeBody), role: d.role,
        }))).execute();
      }
    }
    if (input.units) {
      await tx.deleteFrom('visit_unit').where('visit_id', '=', visitId).execute();
      if (input.units.length) await tx.insertInto('visit_unit').values(input.units.map((u) => ({ visit_id: visitId, unit_id: u.unitId, visited_on: u.visitedOn }))).execute();
    }
    if (input.documentIds) {
      await tx.deleteFrom('visit_document').where('visit_id', '=', visitId).execute();
      const ids = [...new Set(input.documentIds)];
      if (ids.length) await tx.insertInto('visit_document').values(ids.map((d) => ({ visit_id: visitId, document_id: d }))).execute();
    }
  }

  /** Edits the preparation or the record of the visit; status goes forward to 'visited' (concluded comes with the notice). */
  async update(id: number, change: VisitChange): Promise<VisitDetail> {
    const v = await this.requireIssuer(id);
    const merged = {
      title: change.title ?? v.title, kind: change.kind ?? v.kind, startsOn: change.startsOn ?? v.starts_on, endsOn: change.endsOn ?? v.ends_on,
      delegates: change.delegates ?? [], units: change.units ?? [],
    };
    const errors = validateVisit(merged);
    errors.push(...(await this.checkUnitsAndDocuments(v.unit_path, change)));
    if (change.status && change.status !== v.status) {
      const order: VisitStatus[] = ['preparation', 'visited', 'concluded'];
      if (order.indexOf(change.status) < order.indexOf(v.status as VisitStatus)) {
        errors.push({ field: 'status', code: 'backward', message: 'Không thể đưa đợt công tác về bước trước' });
      } else if (change.status === 'visited') {
        const units = change.units ?? (await this.db.selectFrom('visit_unit').select('unit_id').where('visit_id', '=', id).execute());
        if (!units.length) errors.push({ field: 'units', code: 'required', message: 'Cần ghi ít nhất một đơn vị được làm việc trước khi chuyển sang "Đã làm việc"' });
        if (merged.startsOn > this.today) errors.push({ field: 'status', code: 'future', message: `Đợt công tác bắt đầu ngày ${formatVietnameseDate(merged.startsOn)}, chưa diễn ra` });
      }
    }
    // Directives already issued must stay on or after the visit's start.
    if (change.startsOn) {
      const early = await this.db.selectFrom('directive').select(['ordinal', 'deadline']).where('visit_id', '=', id).where('deadline', '<', change.startsOn).orderBy('ordinal').executeTakeFirst();
      if (early) errors.push({ field: 'startsOn', code: 'after_deadline', message: `Ý kiến chỉ đạo ${early.ordinal} có thời hạn ${formatVietnameseDate(early.deadline!)}, trước ngày bắt đầu mới` });
    }
    if (errors.length) throw new ValidationError(errors);
    await inTransaction(this.db, this.actor, async (tx) => {
      const res = await tx.updateTable('working_visit').set({
        title: normalizeText(merged.title), kind: merged.kind, starts_on: merged.startsOn, ends_on: merged.endsOn,
        topics: change.topics ? clean(change.topics) : v.topics,
        findings: change.findings !== undefined ? change.findings?.trim() || null : v.findings,
        note: change.note !== undefined ? change.note?.trim() || null : v.note,
        status: change.status && v.status !== 'concluded' ? change.status : v.status,
        row_version: v.row_version + 1,
      }).where('id', '=', id).where('row_version', '=', change.rowVersion).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new ConflictError('Đợt công tác vừa được người khác cập nhật; hãy tải lại');
      await this.replaceParts(tx, id, change);
    });
    return this.get(id);
  }

  /**
   * Records the conclusion notice with its directives, and closes the visit as concluded — all or nothing.
   * The number must be new for the issuer, kind and year, among notices and the documents dangvu holds.
   */
  async conclude(id: number, input: { rowVersion: number; notice: NoticeInput; directives: NewDirective[] }): Promise<VisitDetail> {
    const v = await this.requireIssuer(id);
    const errors: FieldError[] = [];
    if (v.status === 'concluded') errors.push({ field: 'notice', code: 'concluded', message: 'Đợt công tác đã có thông báo kết luận' });
    const visited = await this.db.selectFrom('visit_unit').select(sql<string>`max(visited_on)`.as('last')).where('visit_id', '=', id).executeTakeFirst();
    if (!visited?.last) errors.push({ field: 'units', code: 'required', message: 'Cần ghi đơn vị được làm việc trước khi ra thông báo kết luận' });
    const checked = validateNotice(input.notice, v.ends_on, this.today);
    errors.push(...checked.errors);
    errors.push(...(await this.checkDirectives(v, input.directives, 'directives', 0)));
    if (checked.number.ok) errors.push(...(await this.duplicateNumber(v.issuing_unit_id, v.unit_name, checked.number.value.kind, checked.number.value.seq, input.notice.issuedOn, checked.number.value.text)));
    if (errors.length || !checked.number.ok) throw new ValidationError(errors);
    const number = checked.number.value;
    await inTransaction(this.db, this.actor, async (tx) => {
      const res = await tx.updateTable('working_visit').set({ status: 'concluded', row_version: v.row_version + 1 })
        .where('id', '=', id).where('row_version', '=', input.rowVersion).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new ConflictError('Đợt công tác vừa được người khác cập nhật; hãy tải lại');
      try {
        await tx.insertInto('visit_notice').values({
          visit_id: id, number_text: number.text, seq: number.seq, kind: number.kind, issuer_code: number.issuer, issuing_unit_id: v.issuing_unit_id,
          issued_on: input.notice.issuedOn, issue_year: Number(input.notice.issuedOn.slice(0, 4)), place: normalizeText(input.notice.place),
          signer_name: normalizeText(input.notice.signerName), signer_title: normalizeText(input.notice.signerTitle), body: input.notice.body.trim(),
          recipients: clean(input.notice.recipients),
        }).execute();
      } catch (err) {
        // Two users recording the same number at once: the unique constraint decides, with the same message.
        if (pgErrorCode(err) === '23505') throw new ValidationError([{ field: 'notice.number', code: 'duplicate', message: `${v.unit_name} đã có văn bản số ${number.text} trong năm ${input.notice.issuedOn.slice(0, 4)}` }]);
        throw err;
      }
      await insertDirectives(tx, id, 1, input.directives);
    });
    return this.get(id);
  }

  private async duplicateNumber(issuingUnitId: number, unitName: string, kind: string, seq: number, issuedOn: string, text: string): Promise<FieldError[]> {
    const year = Number(issuedOn.slice(0, 4));
    const notice = await this.db.selectFrom('visit_notice').select('issued_on').where('issuing_unit_id', '=', issuingUnitId).where('kind', '=', kind)
      .where('seq', '=', seq).where('issue_year', '=', year).executeTakeFirst();
    const doc = notice ?? await this.db.selectFrom('document').select('issued_on').where('issuing_unit_id', '=', issuingUnitId).where('kind', '=', kind)
      .where('seq', '=', seq).where('issue_year', '=', year).executeTakeFirst();
    if (!doc) return [];
    return [{ field: 'notice.number', code: 'duplicate', message: `${unitName} đã có văn bản số ${text} trong năm ${year} (ban hành ${formatVietnameseDate(doc.issued_on)})` }];
  }

  /** Each directive valid, its responsible unit in the issuer's subtree and the actor's. */
  private async checkDirectives(v: VisitRow, directives: NewDirective[], field: string, offset: number): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [i, d] of directives.entries()) {
      const f = `${field}.${i}`;
      const label = `Ý kiến chỉ đạo ${offset + i + 1}`;
      errors.push(...validateDirective(d, v.starts_on, f, label));
      if (d.responsibleUnitId != null) {
        const found = await this.db.selectFrom('unit').select('id').where('id', '=', d.responsibleUnitId)
          .where(sql<boolean>`path <@ ${v.unit_path}::ltree AND path <@ ${this.actor.scopePath}::ltree`).executeTakeFirst();
        if (!found) errors.push({ field: `${f}.responsibleUnitId`, code: 'not_found', message: `${label}: đơn vị chịu trách nhiệm phải thuộc ${v.unit_name}` });
      }
    }
    return errors;
  }

  /** Adds directives to a concluded visit (a later notice, or one forgotten). */
  async addDirectives(id: number, directives: NewDirective[]): Promise<DirectiveView[]> {
    const v = await this.requireIssuer(id);
    const max = await this.db.selectFrom('directive').select(sql<number>`coalesce(max(ordinal), 0)::int`.as('n')).where('visit_id', '=', id).executeTakeFirstOrThrow();
    const errors = await this.checkDirectives(v, directives, 'directives', max.n);
    if (v.status !== 'concluded') errors.unshift({ field: 'directives', code: 'not_concluded', message: 'Ý kiến chỉ đạo được ghi cùng thông báo kết luận; đợt công tác chưa có thông báo' });
    if (!directives.length) errors.push({ field: 'directives', code: 'required', message: 'Cần ít nhất một ý kiến chỉ đạo' });
    if (errors.length) throw new ValidationError(errors);
    await inTransaction(this.db, this.actor, async (tx) => {
      const again = await tx.selectFrom('directive').select(sql<number>`coalesce(max(ordinal), 0)::int`.as('n')).where('visit_id', '=', id).executeTakeFirstOrThrow();
      await insertDirectives(tx, id, again.n + 1, directives);
    });
    return this.directives(id, true);
  }

  /**
   * Follows a directive up: a progress note with evidence, a status change (done needs evidence and the
   * day), owner or deadline. The issuer's staff and the responsible subtree's may; nothing is stored on a fault.
   */
  async followUp(directiveId: number, input: FollowUpInput): Promise<DirectiveView> {
    authorize(this.actor, 'document.write');
    const { rows } = await sql<{ id: number; visit_id: number; status: string; evidence: string[]; owner: string | null; deadline: string | null; row_version: number;
      done_on: string | null; starts_on: string; issuer_path: string; responsible_path: string }>`
      SELECT d.id, d.visit_id, d.status, d.evidence, d.owner, d.deadline, d.row_version, d.done_on, v.starts_on,
        iu.path::text AS issuer_path, ru.path::text AS responsible_path
      FROM directive d JOIN working_visit v ON v.id = d.visit_id JOIN unit iu ON iu.id = v.issuing_unit_id JOIN unit ru ON ru.id = d.responsible_unit_id
      WHERE d.id = ${directiveId}`.execute(this.db);
    const d = rows[0];
    const scope = this.actor.scopePath;
    if (!d || !(inScope(d.issuer_path, scope) || inScope(d.responsible_path, scope))) throw new NotFoundError('ý kiến chỉ đạo');
    const issuer = inScope(d.issuer_path, scope);
    const errors: FieldError[] = [];
    const to = input.status ?? d.status;
    if (!isDirectiveStatus(to)) errors.push({ field: 'status', code: 'invalid', message: 'Trạng thái phải là chưa thực hiện, đang thực hiện, hoàn thành hoặc hủy bỏ' });
    // Cancelling or moving the deadline changes what the committee decided: only its staff may.
    if (!issuer && to === 'cancelled' && d.status !== 'cancelled') errors.push({ field: 'status', code: 'issuer_only', message: 'Chỉ cấp ủy ra ý kiến chỉ đạo mới hủy được ý kiến chỉ đạo' });
    if (!issuer && input.deadline !== undefined && input.deadline !== d.deadline) errors.push({ field: 'deadline', code: 'issuer_only', message: 'Chỉ cấp ủy ra ý kiến chỉ đạo mới đổi được thời hạn' });
    if (input.deadline != null && input.deadline < d.starts_on) {
      errors.push({ field: 'deadline', code: 'before_visit', message: `Thời hạn ${formatVietnameseDate(input.deadline)} trước ngày làm việc của đoàn (${formatVietnameseDate(d.starts_on)})` });
    }
    const added = clean(input.evidence);
    const evidence = [...d.evidence, ...added.filter((e) => !d.evidence.includes(e))];
    const note = normalizeText(input.note ?? '');
    const reportedOn = input.reportedOn ?? this.today;
    if (input.reportedOn && (reportedOn < d.starts_on || reportedOn > this.today)) {
      errors.push({ field: 'reportedOn', code: 'out_of_range', message: `Ngày báo cáo phải từ ${formatVietnameseDate(d.starts_on)} đến hôm nay` });
    }
    if (added.length && !note) errors.push({ field: 'note', code: 'required', message: 'Cần ghi nội dung tiến độ kèm minh chứng' });
    const doneOn = to === 'done' ? (input.doneOn ?? d.done_on ?? null) : null;
    if (isDirectiveStatus(to)) {
      errors.push(...validateDirectiveChange({ from: d.status as DirectiveStatus, to, doneOn, evidence, visitStartsOn: d.starts_on, today: this.today }));
    }
    if (errors.length) throw new ValidationError(errors);
    await inTransaction(this.db, this.actor, async (tx) => {
      const res = await tx.updateTable('directive').set({
        status: to, done_on: doneOn, evidence,
        owner: input.owner !== undefined ? input.owner?.trim() || null : d.owner,
        deadline: input.deadline !== undefined ? input.deadline : d.deadline,
        row_version: d.row_version + 1,
      }).where('id', '=', directiveId).where('row_version', '=', input.rowVersion).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new ConflictError('Ý kiến chỉ đạo vừa được người khác cập nhật; hãy tải lại');
      if (note) {
        await tx.insertInto('directive_progress').values({
          directive_id: directiveId, reported_on: reportedOn, note, evidence: added, recorded_by: this.actor.userId, recorded_by_name: this.actor.fullName,
        }).execute();
      }
    });
    return (await this.directives(d.visit_id, issuer)).find((x) => x.id === directiveId)!;
  }
}

/** The conclusion notice as DOCX in the party's format, with the directives the actor may see. */
export async function visitNoticeDocx(service: VisitService, db: Kysely<Database>, visitId: number): Promise<{ fileName: string; body: Buffer }> {
  const visit = await service.get(visitId);
  if (!visit.notice) throw new NotFoundError('thông báo kết luận của đợt công tác');
  const issuer = await db.selectFrom('unit as u').leftJoin('unit as p', 'p.id', 'u.parent_id')
    .select(['u.kind', 'p.name as parent_name', 'p.kind as parent_kind']).where('u.id', '=', visit.issuingUnitId).executeTakeFirstOrThrow();
  const { noticeDocx } = await import('../reports/notice-docx.ts');
  const n = visit.notice;
  const body = await noticeDocx({
    number: n.number, issuedOn: n.issuedOn, place: n.place, issuerName: visit.issuingUnitName, issuerKind: issuer.kind,
    parentName: issuer.parent_kind && issuer.parent_kind !== 'central' ? issuer.parent_name : null,
    subject: visit.title, body: n.body, recipients: n.recipients, signerTitle: n.signerTitle, signerName: n.signerName,
    directives: visit.directiveList.map((d) => ({ ordinal: d.ordinal, text: d.text, responsible: d.responsibleUnitName, deadline: d.deadline })),
  });
  return { fileName: `${n.number.replace(/\//g, '-')}.docx`, body };
}

async function insertDirectives(tx: Transaction<Database>, visitId: number, first: number, directives: NewDirective[]): Promise<void> {
  if (!directives.length) return;
  await tx.insertInto('directive').values(directives.map((d, i) => ({
    visit_id: visitId, ordinal: first + i, text: normalizeText(d.text), responsible_unit_id: d.responsibleUnitId!,
    owner: d.owner?.trim() || null, deadline: d.deadline ?? null,
  }))).execute();
}

// A unit that ends in a restructuring hands its open directives to its successor (issue 5 §1).
registerOpenItemMover({
  key: 'directive',
  labelVi: 'Ý kiến chỉ đạo chưa hoàn thành',
  async count(db, unitIds) {
    if (!unitIds.length) return 0;
    const r = await db.selectFrom('directive').select(sql<number>`count(*)::int`.as('n'))
      .where('responsible_unit_id', 'in', unitIds).where('status', 'in', ['open', 'in_progress']).executeTakeFirstOrThrow();
    return r.n;
  },
  async move(tx, from, to) {
    const rows = await tx.updateTable('directive').set({ responsible_unit_id: to, row_version: sql`row_version + 1` })
      .where('responsible_unit_id', '=', from).where('status', 'in', ['open', 'in_progress']).returning('id').execute();
    return rows.map((r) => r.id);
  },
  async moveBack(tx, ids, to) {
    if (ids.length) await tx.updateTable('directive').set({ responsible_unit_id: to, row_version: sql`row_version + 1` }).where('id', 'in', ids).execute();
  },
});
