// Dissemination sessions (học tập, quán triệt) of party documents and the motto's breakthrough of a
// committee's year (issue 9 §4–5). Rules in src/domain/documents/dissemination.ts; every write is one
// transaction. Scope: a session is recorded by staff of the organizing unit's subtree; it is read there and
// by the units below the organizer (a commune sees the district's session its members were called to).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { inTransaction, type Executor } from '../db/transaction.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { formatVietnameseDate, isIsoDate, todayIso } from '../domain/dates.ts';
import { ACTIVE_STATUSES } from '../domain/members.ts';
import { normalizeText } from '../text/vietnamese.ts';
import { DocumentRepository } from '../db/repos/documents.ts';
import {
  attendedMembersOf, validateBreakthrough, validateSession, BREAKTHROUGH_LABELS_VI, SESSION_KINDS,
  type Breakthrough, type SessionAttendanceEntry, type SessionKind,
} from '../domain/documents/dissemination.ts';

export interface NewSession {
  unitId: number;
  heldOn: string;
  kind?: SessionKind;
  title: string;
  place?: string | null;
  documentIds: number[];
  expectedOthers?: number;
  attendedMembers?: number | null;
  attendedOthers?: number | null;
  attendance?: SessionAttendanceEntry[] | null;
  note?: string | null;
}

export interface SessionView {
  id: number; unitId: number; unitCode: string; unitName: string; heldOn: string; kind: string; title: string; place: string | null;
  documents: Array<{ id: number; number: string; title: string }>;
  expectedMembers: number; expectedOthers: number; attendedMembers: number; attendedOthers: number;
  attendanceMode: 'counts' | 'list'; note: string | null;
  absences: Array<{ memberId: number; fullName: string; reason: string }>;
}

export interface RollEntry { memberId: number; fullName: string; unitId: number; unitName: string; status: string }

/** The members listed for a session by list: present, or absent with the reason (empty for a session by counts). */
export interface SessionAttendance {
  sessionId: number; attendanceMode: 'counts' | 'list'; expectedMembers: number; attendedMembers: number;
  members: Array<{ memberId: number; fullName: string; unitName: string | null; present: boolean; absenceReason: string | null }>;
}

const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));

/** SQL: the ids of the units in `unitId`'s subtree as the tree stood on `day` (unit_version). */
export function subtreeOn(unitId: number, day: string) {
  return sql`WITH RECURSIVE sub (id) AS (
      SELECT ${unitId}::bigint
      UNION
      SELECT v.unit_id FROM unit_version v JOIN sub ON v.parent_id = sub.id
      WHERE v.valid_from <= ${day}::date AND (v.valid_to IS NULL OR v.valid_to > ${day}::date)
    )`;
}

/** The members on the roll of a unit's subtree on a day: who is expected at a session held that day. */
export async function rollOn(db: Executor, unitId: number, day: string): Promise<RollEntry[]> {
  const { rows } = await sql<RollEntry>`
    ${subtreeOn(unitId, day)}
    SELECT p.member_id AS "memberId", m.full_name AS "fullName", p.unit_id AS "unitId", u.name AS "unitName", p.status
    FROM member_period p JOIN sub ON sub.id = p.unit_id JOIN member m ON m.id = p.member_id JOIN unit u ON u.id = p.unit_id
    WHERE p.valid_from <= ${day}::date AND (p.valid_to IS NULL OR p.valid_to > ${day}::date) AND p.status IN (${active})
    ORDER BY u.name, m.name_sort, p.member_id`.execute(db);
  return rows;
}

export class DisseminationService {
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor, private readonly today: string = todayIso()) {}

  /** The unit if in the actor's subtree: else a field error for a body's field, "not found" for a path or query. */
  private async unitInScope(unitId: number, field: string | null) {
    const u = await this.db.selectFrom('unit').select(['id', 'path', 'code', 'name'])
      .where('id', '=', unitId).where(sql<boolean>`path <@ ${this.actor.scopePath}::ltree`).executeTakeFirst();
    if (!u && field) throw new ValidationError([{ field, code: 'not_found', message: 'Không tìm thấy đơn vị trong phạm vi của bạn' }]);
    if (!u) throw new NotFoundError('đơn vị');
    return u;
  }

  /** The roll a session of `unitId` on `day` expects (for the attendance list of the form). */
  async roll(unitId: number, day: string): Promise<RollEntry[]> {
    authorize(this.actor, 'document.read');
    if (!isIsoDate(day)) throw new ValidationError([{ field: 'date', code: 'invalid_date', message: 'Ngày không hợp lệ (YYYY-MM-DD)' }]);
    await this.unitInScope(unitId, null);
    return rollOn(this.db, unitId, day);
  }

  async record(input: NewSession): Promise<SessionView> {
    authorize(this.actor, 'document.write');
    const unit = await this.unitInScope(input.unitId, 'unitId');
    const docs = new DocumentRepository(this.db, this.actor);
    const documents: Array<{ id: number; number: string; issuedOn: string }> = [];
    const errors = [];
    for (const [i, id] of (input.documentIds ?? []).entries()) {
      try {
        const d = await docs.requireReadable(id);
        documents.push({ id, number: d.number_text, issuedOn: d.issued_on });
      } catch {
        errors.push({ field: `documentIds.${i}`, code: 'not_found', message: `Không tìm thấy văn bản #${id}` });
      }
    }
    if (new Set(input.documentIds).size !== input.documentIds.length) errors.push({ field: 'documentIds', code: 'duplicate', message: 'Một văn bản có hai lần' });
    if (input.kind !== undefined && !(SESSION_KINDS as readonly string[]).includes(input.kind)) errors.push({ field: 'kind', code: 'invalid', message: 'Loại phải là học tập hoặc quán triệt' });
    const title = normalizeText(input.title ?? '');
    if (!title) errors.push({ field: 'title', code: 'required', message: 'Cần tên hội nghị' });
    const roll = isIsoDate(input.heldOn) ? await rollOn(this.db, unit.id, input.heldOn) : [];
    const expectedOthers = input.expectedOthers ?? 0;
    errors.push(...validateSession({
      heldOn: input.heldOn, today: this.today, documents, roll: new Set(roll.map((r) => r.memberId)), expectedOthers,
      attendedMembers: input.attendedMembers, attendedOthers: input.attendedOthers, attendance: input.attendance,
    // A document asked for but not found is already named above; "one is needed" would repeat it.
    }).filter((e) => !(e.field === 'documentIds' && e.code === 'required' && input.documentIds.length)));
    if (errors.length) throw new ValidationError(errors);
    const list = input.attendance ?? null;
    const id = await inTransaction(this.db, this.actor, async (tx) => {
      const { rows } = await sql<{ id: number }>`
        INSERT INTO dissemination_session (unit_id, held_on, kind, title, place, expected_members, expected_others, attendance_mode,
          attended_members, attended_others, note, created_by)
        VALUES (${unit.id}, ${input.heldOn}, ${input.kind ?? 'quan_triet'}, ${title}, ${input.place ? normalizeText(input.place) : null}, ${roll.length},
          ${expectedOthers}, ${list ? 'list' : 'counts'}, ${attendedMembersOf(input)}, ${input.attendedOthers ?? 0},
          ${input.note?.trim() || null}, ${this.actor.userId})
        RETURNING id`.execute(tx);
      const sessionId = rows[0]!.id;
      for (const d of documents) await sql`INSERT INTO dissemination_session_document (session_id, document_id) VALUES (${sessionId}, ${d.id})`.execute(tx);
      if (list?.length) {
        await sql`INSERT INTO dissemination_attendance (session_id, member_id, present, absence_reason)
          SELECT ${sessionId}, x.m, x.p, NULLIF(x.r, '')
          FROM unnest(${list.map((a) => a.memberId)}::bigint[], ${list.map((a) => a.present)}::boolean[],
                      ${list.map((a) => (a.present ? '' : a.absenceReason!.trim()))}::text[]) AS x(m, p, r)`.execute(tx);
      }
      return sessionId;
    });
    return (await this.sessions({ ids: [id] }))[0]!;
  }

  /** Sessions the actor may read: held in their subtree, or above it (they were called to it). */
  async sessions(filter: { documentId?: number; unitId?: number; ids?: number[] } = {}): Promise<SessionView[]> {
    authorize(this.actor, 'document.read');
    if (filter.documentId) await new DocumentRepository(this.db, this.actor).requireReadable(filter.documentId);
    const scope = this.actor.scopePath;
    const { rows } = await sql<{
      id: number; unit_id: number; code: string; name: string; held_on: string; kind: string; title: string; place: string | null;
      expected_members: number; expected_others: number; attended_members: number; attended_others: number; attendance_mode: 'counts' | 'list'; note: string | null;
      documents: Array<{ id: number; number: string; title: string }>;
    }>`
      SELECT s.*, u.code, u.name,
        (SELECT json_agg(json_build_object('id', d.id, 'number', d.number_text, 'title', d.title) ORDER BY d.issued_on, d.id)
           FROM dissemination_session_document sd JOIN document d ON d.id = sd.document_id WHERE sd.session_id = s.id) AS documents
      FROM dissemination_session s JOIN unit u ON u.id = s.unit_id
      WHERE (u.path <@ ${scope}::ltree OR ${scope}::ltree <@ u.path)
        ${filter.documentId ? sql`AND EXISTS (SELECT 1 FROM dissemination_session_document sd WHERE sd.session_id = s.id AND sd.document_id = ${filter.documentId})` : sql``}
        ${filter.unitId ? sql`AND u.path <@ (SELECT path FROM unit WHERE id = ${filter.unitId})` : sql``}
        ${filter.ids ? sql`AND s.id = ANY(${filter.ids}::bigint[])` : sql``}
      ORDER BY s.held_on DESC, s.id DESC
      LIMIT 1000`.execute(this.db);
    const absences = rows.length ? (await sql<{ session_id: number; member_id: number; full_name: string; absence_reason: string }>`
      SELECT a.session_id, a.member_id, m.full_name, a.absence_reason FROM dissemination_attendance a JOIN member m ON m.id = a.member_id
      WHERE a.session_id = ANY(${rows.map((r) => r.id)}::bigint[]) AND NOT a.present ORDER BY m.name_sort`.execute(this.db)).rows : [];
    return rows.map((r) => ({
      id: r.id, unitId: r.unit_id, unitCode: r.code, unitName: r.name, heldOn: r.held_on, kind: r.kind, title: r.title, place: r.place,
      documents: r.documents ?? [], expectedMembers: r.expected_members, expectedOthers: r.expected_others, attendedMembers: r.attended_members,
      attendedOthers: r.attended_others, attendanceMode: r.attendance_mode, note: r.note,
      absences: absences.filter((a) => a.session_id === r.id).map((a) => ({ memberId: a.member_id, fullName: a.full_name, reason: a.absence_reason })),
    }));
  }

  /** The attendance list of one session the actor may read (sessions() decides who may). */
  async attendance(sessionId: number): Promise<SessionAttendance> {
    const session = (await this.sessions({ ids: [sessionId] }))[0];
    if (!session) throw new NotFoundError('hội nghị');
    // The member's unit is the one of the session's day, as the roll that expected them.
    const { rows } = await sql<SessionAttendance['members'][number]>`
      SELECT a.member_id AS "memberId", m.full_name AS "fullName", u.name AS "unitName", a.present, a.absence_reason AS "absenceReason"
      FROM dissemination_attendance a JOIN member m ON m.id = a.member_id JOIN dissemination_session s ON s.id = a.session_id
        LEFT JOIN member_period p ON p.member_id = a.member_id AND p.valid_from <= s.held_on AND (p.valid_to IS NULL OR p.valid_to > s.held_on)
        LEFT JOIN unit u ON u.id = p.unit_id
      WHERE a.session_id = ${sessionId}
      ORDER BY a.present, u.name, m.name_sort, a.member_id`.execute(this.db);
    return {
      sessionId, attendanceMode: session.attendanceMode, expectedMembers: session.expectedMembers, attendedMembers: session.attendedMembers, members: rows,
    };
  }

  /** The committee's breakthrough of the motto for the year (one per unit and year; replaces an earlier choice). */
  async setBreakthrough(unitId: number, input: { year: number; breakthrough: string; measures: string[]; documentId?: number | null }): Promise<BreakthroughView> {
    authorize(this.actor, 'document.write');
    await this.unitInScope(unitId, null);
    const measures = (input.measures ?? []).map((m) => normalizeText(m)).filter(Boolean);
    const errors = validateBreakthrough({ ...input, measures });
    if (input.documentId) {
      try { await new DocumentRepository(this.db, this.actor).requireReadable(input.documentId); } catch {
        errors.push({ field: 'documentId', code: 'not_found', message: `Không tìm thấy văn bản #${input.documentId}` });
      }
    }
    if (errors.length) throw new ValidationError(errors);
    await inTransaction(this.db, this.actor, async (tx) => {
      await sql`INSERT INTO motto_breakthrough (unit_id, year, breakthrough, measures, document_id)
        VALUES (${unitId}, ${input.year}, ${input.breakthrough}, ${measures}::text[], ${input.documentId ?? null})
        ON CONFLICT (unit_id, year) DO UPDATE SET breakthrough = EXCLUDED.breakthrough, measures = EXCLUDED.measures,
          document_id = EXCLUDED.document_id, row_version = motto_breakthrough.row_version + 1`.execute(tx);
    });
    return (await this.breakthroughs({ unitId })).find((b) => b.year === input.year)!;
  }

  /** Breakthroughs of a unit, or of the issuers of a document's implementing plans (shown with the plans). */
  async breakthroughs(filter: { unitId?: number; unitIds?: number[] }): Promise<BreakthroughView[]> {
    authorize(this.actor, 'document.read');
    const ids = filter.unitIds ?? (filter.unitId ? [filter.unitId] : []);
    if (!ids.length) return [];
    if (filter.unitId) {
      const readable = await this.db.selectFrom('unit').select('id').where('id', '=', filter.unitId)
        .where(sql<boolean>`(path <@ ${this.actor.scopePath}::ltree OR ${this.actor.scopePath}::ltree <@ path)`).executeTakeFirst();
      if (!readable) throw new NotFoundError('đơn vị');
    }
    const { rows } = await sql<{ unit_id: number; name: string; year: number; breakthrough: Breakthrough; measures: string[]; document_id: number | null; number_text: string | null }>`
      SELECT b.unit_id, u.name, b.year, b.breakthrough, b.measures, b.document_id, d.number_text
      FROM motto_breakthrough b JOIN unit u ON u.id = b.unit_id LEFT JOIN document d ON d.id = b.document_id
      WHERE b.unit_id = ANY(${ids}::bigint[]) AND (u.path <@ ${this.actor.scopePath}::ltree OR ${this.actor.scopePath}::ltree <@ u.path)
      ORDER BY u.name, b.year DESC`.execute(this.db);
    return rows.map((r) => ({
      unitId: r.unit_id, unitName: r.name, year: r.year, breakthrough: r.breakthrough, label: BREAKTHROUGH_LABELS_VI[r.breakthrough],
      measures: r.measures, documentId: r.document_id, documentNumber: r.number_text,
    }));
  }
}

export interface BreakthroughView {
  unitId: number; unitName: string; year: number; breakthrough: Breakthrough; label: string; measures: string[];
  documentId: number | null; documentNumber: string | null;
}

/**
 * A document by its number as people say it ("02-NQ/TU"), per issuer and year: the latest year's unless
 * two issuers share it that year, then an error listing the candidates (the caller narrows by issuer/year).
 */
export async function resolveDocumentNumber(db: Kysely<Database>, actor: Actor, number: string, filter: { issuingUnitId?: number; year?: number } = {}): Promise<number> {
  const found = await new DocumentRepository(db, actor).findByNumber(number, filter);
  if (!found.length) throw new ValidationError([{ field: 'document', code: 'not_found', message: `Không tìm thấy văn bản số ${number}${filter.year ? ` năm ${filter.year}` : ''}` }], `Không tìm thấy văn bản số ${number}`);
  const latestYear = found.map((d) => d.issuedOn.slice(0, 4)).sort().at(-1)!;
  const latest = found.filter((d) => d.issuedOn.startsWith(latestYear));
  if (latest.length > 1) {
    const list = found.map((d) => `${d.number} ngày ${formatVietnameseDate(d.issuedOn)} — ${d.issuingUnitName}`).join('; ');
    throw new ValidationError([{ field: 'document', code: 'ambiguous', message: `Có ${found.length} văn bản số ${number}, chọn cấp ủy ban hành hoặc năm: ${list}` }],
      `Có ${found.length} văn bản số ${number}, chọn cấp ủy ban hành (--issuer) hoặc năm (--year): ${list}`);
  }
  return latest[0]!.id;
}
