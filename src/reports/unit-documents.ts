// The documents a unit must implement (issue 9 §3, §7), seen from the unit: every document issued by one of
// its ancestors that asks lower committees for an implementation plan (it has a plan due date), with the
// unit's own plan or its state, and the sessions the unit's subtree held for it. Nothing is recomputed here:
// the plan and its state are the follow-up's row for the unit (followUp of implementation.ts, the same call
// the plans report makes) and the sessions are the dissemination report's figures for the unit.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';
import type { PlanState } from '../domain/documents/follow-up.ts';
import { followUp, IMPLEMENTING_KINDS } from './implementation.ts';
import { disseminationReport } from './dissemination.ts';

export interface UnitDocumentRow {
  document: { id: number; number: string; kind: string; title: string; issuedOn: string; issuingUnitId: number; issuingUnitName: string; planDueDate: string };
  /** The document's term has not ended on asOf (no end, or it ends on or after asOf). */
  inForce: boolean;
  plan: { id: number; number: string; adoptedOn: string } | null;
  planState: PlanState;
  /** Sessions for the document held by the unit or its subtree by asOf, and their attendance (lượt người). */
  dissemination: { sessions: number; attended: number; expected: number };
}
export interface UnitDocuments {
  unit: { id: number; code: string; name: string; kind: string };
  asOf: string;
  /** Cells under a grassroots committee adopt no plans of their own (the follow-up does not count them). */
  owesPlans: boolean;
  documents: UnitDocumentRow[];
}

// followUp looks at most six levels below the issuer.
const MAX_DEPTH = 6;

export async function unitDocuments(db: Kysely<Database>, actor: Actor, unitId: number, options: { asOf?: string } = {}): Promise<UnitDocuments> {
  authorize(actor, 'document.read');
  const asOf = options.asOf ?? todayIso();
  if (!isIsoDate(asOf)) throw new ValidationError([{ field: 'asOf', code: 'invalid_date', message: 'Ngày xem không hợp lệ (YYYY-MM-DD)' }]);
  const unit = await db.selectFrom('unit').select(['id', 'code', 'name', 'kind', 'path']).where('id', '=', unitId)
    .where(sql<boolean>`path <@ ${actor.scopePath}::ltree`).executeTakeFirst();
  if (!unit) throw new NotFoundError('đơn vị');
  const owesPlans = IMPLEMENTING_KINDS.includes(unit.kind);
  if (!owesPlans) return { unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind }, asOf, owesPlans, documents: [] };
  const { rows: docs } = await sql<{
    id: number; number_text: string; kind: string; title: string; issued_on: string; issuing_unit_id: number; issuer_name: string;
    plan_due_date: string; covers_to: string | null; depth: number;
  }>`
    SELECT d.id, d.number_text, d.kind, d.title, d.issued_on, d.issuing_unit_id, i.name AS issuer_name, d.plan_due_date, d.covers_to,
      nlevel(${unit.path}::ltree) - nlevel(i.path) AS depth
    FROM document d JOIN unit i ON i.id = d.issuing_unit_id
    WHERE ${unit.path}::ltree <@ i.path AND i.id <> ${unit.id} AND nlevel(${unit.path}::ltree) - nlevel(i.path) <= ${MAX_DEPTH}
      AND d.plan_due_date IS NOT NULL AND d.issued_on <= ${asOf}
    ORDER BY (d.covers_to IS NULL OR d.covers_to >= ${asOf}) DESC, d.issued_on DESC, d.id DESC`.execute(db);
  const documents: UnitDocumentRow[] = [];
  for (const d of docs) {
    // The plan does not depend on the period; the year of asOf is one the follow-up accepts.
    const f = await followUp(db, actor, d.id, { period: asOf.slice(0, 4), depth: d.depth, unitId: unit.id, asOf });
    const row = f.rows.find((r) => r.unitId === unit.id);
    // Not yet established (or dissolved) on asOf: the follow-up does not count it, so neither do we.
    if (!row) continue;
    const dis = await disseminationReport(db, actor, d.id, unit.id, { asOf });
    documents.push({
      document: {
        id: d.id, number: d.number_text, kind: d.kind, title: d.title, issuedOn: d.issued_on, issuingUnitId: d.issuing_unit_id,
        issuingUnitName: d.issuer_name, planDueDate: d.plan_due_date,
      },
      inForce: !d.covers_to || d.covers_to >= asOf,
      plan: row.planId && row.planNumber && row.planAdoptedOn ? { id: row.planId, number: row.planNumber, adoptedOn: row.planAdoptedOn } : null,
      planState: row.plan,
      dissemination: { sessions: dis.sessions, attended: dis.attended, expected: dis.expected },
    });
  }
  return { unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind }, asOf, owesPlans, documents };
}
