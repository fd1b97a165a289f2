// Coverage of a document's dissemination (học tập, quán triệt) under a unit (issue 9 §4, §7): the sessions
// its subtree held, attended / expected, and per direct sub-unit its figures and whether it is covered.
//
// The tree is the one of `asOf` (unit_version), by default the last day of the document's term or today.
// Coverage of a direct sub-unit (coverageOf in src/domain/documents/dissemination.ts): it or a unit of its
// subtree held a session for the document on or before asOf ('own'); or the unit asked or one of its
// ancestors held one that included its members ('ancestor': a session by counts expects the organizer's
// whole subtree; a session by list includes the sub-unit when a member of its subtree was present).
// Attended and expected add up over sessions (lượt người): a member called to the district's and then the
// commune's session counts twice, as the reports of the party committees count them.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';
import { coverageOf, type CoverageSource } from '../domain/documents/dissemination.ts';
import { DocumentRepository } from '../db/repos/documents.ts';

export interface DisseminationUnitRow {
  unitId: number; code: string; name: string; kind: string;
  sessions: number; attended: number; expected: number; lastHeldOn: string | null;
  held: boolean; coveredBy: CoverageSource;
}
export interface DisseminationReport {
  document: { id: number; number: string; title: string; issuedOn: string; issuingUnitName: string };
  unit: { id: number; code: string; name: string };
  asOf: string;
  sessions: number; attended: number; expected: number;
  units: DisseminationUnitRow[];
  /** Codes of the direct sub-units not covered. */
  notHeld: string[];
}

/** The day coverage is judged on when none is given: the end of the document's term, or today if sooner. */
export function defaultAsOf(coversTo: string | null, today = todayIso()): string {
  return coversTo && coversTo < today ? coversTo : today;
}

export async function disseminationReport(
  db: Kysely<Database>, actor: Actor, documentId: number, unitId: number, options: { asOf?: string } = {},
): Promise<DisseminationReport> {
  authorize(actor, 'document.read');
  const doc = await new DocumentRepository(db, actor).requireReadable(documentId);
  const asOf = options.asOf ?? defaultAsOf(doc.covers_to);
  if (!isIsoDate(asOf)) throw new ValidationError([{ field: 'asOf', code: 'invalid_date', message: 'Ngày xem không hợp lệ (YYYY-MM-DD)' }]);
  const unit = await db.selectFrom('unit').select(['id', 'code', 'name']).where('id', '=', unitId)
    .where(sql<boolean>`path <@ ${actor.scopePath}::ltree`).executeTakeFirst();
  if (!unit) throw new NotFoundError('đơn vị');
  const onDay = sql`v.valid_from <= ${asOf}::date AND (v.valid_to IS NULL OR v.valid_to > ${asOf}::date)`;
  // The subtree on asOf; `top` is the direct sub-unit each unit lies under (null for the unit itself).
  const { rows: tree } = await sql<{ id: number; code: string; name: string; kind: string; top: number | null; level: number }>`
    WITH RECURSIVE sub (id, code, name, kind, top, level) AS (
      SELECT v.unit_id, v.code, v.name, v.kind, NULL::bigint, 0 FROM unit_version v WHERE v.unit_id = ${unit.id} AND ${onDay}
      UNION ALL
      SELECT v.unit_id, v.code, v.name, v.kind, COALESCE(sub.top, v.unit_id), sub.level + 1
      FROM unit_version v JOIN sub ON v.parent_id = sub.id WHERE ${onDay} AND sub.level < 12
    )
    SELECT * FROM sub`.execute(db);
  if (!tree.length) throw new ValidationError([{ field: 'unitId', code: 'not_in_force', message: 'Đơn vị không tồn tại vào ngày xem' }]);
  const { rows: above } = await sql<{ id: number }>`
    WITH RECURSIVE up (id, level) AS (
      SELECT v.parent_id, 1 FROM unit_version v WHERE v.unit_id = ${unit.id} AND ${onDay} AND v.parent_id IS NOT NULL
      UNION ALL
      SELECT v.parent_id, up.level + 1 FROM unit_version v JOIN up ON v.unit_id = up.id WHERE ${onDay} AND v.parent_id IS NOT NULL AND up.level < 12
    )
    SELECT id FROM up`.execute(db);
  const topOf = new Map(tree.map((t) => [t.id, t.top]));
  const callers = new Set([unit.id, ...above.map((a) => a.id)]);
  const { rows: sessions } = await sql<{ id: number; unit_id: number; held_on: string; attendance_mode: string; attended: number; expected: number }>`
    SELECT s.id, s.unit_id, s.held_on, s.attendance_mode, s.attended_members + s.attended_others AS attended, s.expected_members + s.expected_others AS expected
    FROM dissemination_session s JOIN dissemination_session_document sd ON sd.session_id = s.id AND sd.document_id = ${documentId}
    WHERE s.held_on <= ${asOf}::date AND s.unit_id = ANY(${[...topOf.keys(), ...callers]}::bigint[])`.execute(db);
  const inherited = sessions.filter((s) => callers.has(s.unit_id));
  const byCounts = inherited.filter((s) => s.attendance_mode === 'counts').length;
  const listed = new Map<number, number>();
  const listIds = inherited.filter((s) => s.attendance_mode === 'list').map((s) => s.id);
  if (listIds.length) {
    // The unit each present member was in on the session's day, mapped to the direct sub-unit of asOf.
    const { rows } = await sql<{ unit_id: number; n: number }>`
      SELECT p.unit_id, count(*)::int AS n FROM dissemination_attendance a JOIN dissemination_session s ON s.id = a.session_id
      JOIN member_period p ON p.member_id = a.member_id AND p.valid_from <= s.held_on AND (p.valid_to IS NULL OR p.valid_to > s.held_on)
      WHERE a.session_id = ANY(${listIds}::bigint[]) AND a.present GROUP BY p.unit_id`.execute(db);
    for (const r of rows) {
      const top = topOf.get(r.unit_id);
      if (top) listed.set(top, (listed.get(top) ?? 0) + r.n);
    }
  }
  const own = sessions.filter((s) => topOf.has(s.unit_id));
  const units: DisseminationUnitRow[] = tree.filter((t) => t.level === 1).sort((a, b) => a.code.localeCompare(b.code)).map((t) => {
    const mine = own.filter((s) => topOf.get(s.unit_id) === t.id || s.unit_id === t.id);
    const coveredBy = coverageOf(mine.length, byCounts, listed.get(t.id) ?? 0);
    return {
      unitId: t.id, code: t.code, name: t.name, kind: t.kind, sessions: mine.length,
      attended: mine.reduce((n, s) => n + s.attended, 0), expected: mine.reduce((n, s) => n + s.expected, 0),
      lastHeldOn: mine.map((s) => s.held_on).sort().at(-1) ?? null, held: coveredBy !== null, coveredBy,
    };
  });
  return {
    document: { id: doc.id, number: doc.number_text, title: doc.title, issuedOn: doc.issued_on, issuingUnitName: doc.unit_name },
    unit: { id: unit.id, code: tree[0]!.code, name: tree[0]!.name }, asOf,
    sessions: own.length, attended: own.reduce((n, s) => n + s.attended, 0), expected: own.reduce((n, s) => n + s.expected, 0),
    units, notHeld: units.filter((u) => !u.held).map((u) => u.code),
  };
}
