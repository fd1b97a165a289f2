// Attrition follow-up (issue 3, item 5): members who abandoned activities, fell behind with dues or asked
// to leave, with their counselling and how each case was settled ("giải quyết hành chính").
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ValidationError } from '../domain/errors.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';

export const ATTRITION_REASONS = ['abandoned_activities', 'unpaid_dues', 'asked_to_leave'] as const;
/** removed: xóa tên; left: cho ra khỏi Đảng; returned: counselled back to activities; pending: not settled yet. */
export const ATTRITION_OUTCOMES = ['removed', 'left', 'returned', 'pending'] as const;

export interface AttritionPerson {
  memberId: number;
  fullName: string;
  unitCode: string;
  unitName: string;
  reason: (typeof ATTRITION_REASONS)[number];
  outcome: (typeof ATTRITION_OUTCOMES)[number];
  settledOn: string | null;
  decisionNumber: string | null;
  counselling: Array<{ metOn: string; metBy: string; outcome: string; note: string | null }>;
}

export interface AttritionReport {
  unit: { code: string; name: string; kind: string };
  since: string;
  until: string;
  total: number;
  byReason: Record<string, number>;
  byOutcome: Record<string, number>;
  people: AttritionPerson[];
}

export async function attritionReport(db: Kysely<Database>, actor: Actor, unitId: number, since: string, until: string = todayIso()): Promise<AttritionReport> {
  authorize(actor, 'member.read');
  const errors = [];
  if (!isIsoDate(since)) errors.push({ field: 'since', code: 'invalid_date', message: 'Ngày bắt đầu không hợp lệ' });
  if (!isIsoDate(until)) errors.push({ field: 'until', code: 'invalid_date', message: 'Ngày kết thúc không hợp lệ' });
  else if (isIsoDate(since) && until < since) errors.push({ field: 'until', code: 'before_since', message: 'Ngày kết thúc phải sau ngày bắt đầu' });
  if (errors.length) throw new ValidationError(errors);
  const unit = await new UnitRepository(db, actor).requireInScope(unitId);

  // Settlements: removal for absence or dues, and leaving on request, not voided, in the period; the member's
  // cell is the one they belonged to the day before the decision took effect.
  const { rows: settled } = await sql<{ member_id: number; full_name: string; unit_code: string; unit_name: string; kind: string; reason: string | null; effective_date: string; decision_number: string | null }>`
    SELECT e.member_id, m.full_name, u.code AS unit_code, u.name AS unit_name, e.kind, e.details ->> 'reason' AS reason,
           e.effective_date, e.decision_number
    FROM member_event e
    JOIN member m ON m.id = e.member_id
    JOIN member_period p ON p.member_id = e.member_id AND p.valid_from < e.effective_date AND (p.valid_to IS NULL OR p.valid_to >= e.effective_date)
    JOIN unit u ON u.id = p.unit_id
    WHERE e.effective_date BETWEEN ${since} AND ${until}
      AND (e.kind = 'leave_on_request' OR (e.kind = 'removal' AND e.details ->> 'reason' IN ('abandoned_activities', 'unpaid_dues')))
      AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = e.id)
      AND u.path <@ ${unit.path}::ltree
    ORDER BY e.effective_date, m.name_sort`.execute(db);

  // Counselled in the period but not settled in it: returned to activities, or still pending.
  const { rows: counselled } = await sql<{ member_id: number; full_name: string; unit_code: string; unit_name: string; topic: string; last_outcome: string }>`
    SELECT DISTINCT ON (c.member_id) c.member_id, m.full_name, u.code AS unit_code, u.name AS unit_name, c.topic, c.outcome AS last_outcome
    FROM counselling c JOIN member m ON m.id = c.member_id JOIN unit u ON u.id = m.unit_id
    WHERE c.met_on BETWEEN ${since} AND ${until} AND u.path <@ ${unit.path}::ltree
    ORDER BY c.member_id, c.met_on DESC, c.id DESC`.execute(db);

  const ids = [...new Set([...settled.map((s) => s.member_id), ...counselled.map((c) => c.member_id)])];
  const meetings = ids.length
    ? await db.selectFrom('counselling').select(['member_id', 'met_on', 'met_by', 'outcome', 'note']).where('member_id', 'in', ids)
        .where('met_on', '<=', until).orderBy('met_on').execute()
    : [];
  const counsellingOf = (id: number) => meetings.filter((r) => r.member_id === id).map((r) => ({ metOn: r.met_on, metBy: r.met_by, outcome: r.outcome, note: r.note }));

  const people: AttritionPerson[] = settled.map((s) => ({
    memberId: s.member_id, fullName: s.full_name, unitCode: s.unit_code, unitName: s.unit_name,
    reason: s.kind === 'leave_on_request' ? 'asked_to_leave' : (s.reason as AttritionPerson['reason']),
    outcome: s.kind === 'leave_on_request' ? 'left' : 'removed',
    settledOn: s.effective_date, decisionNumber: s.decision_number, counselling: counsellingOf(s.member_id),
  }));
  const settledIds = new Set(settled.map((s) => s.member_id));
  for (const c of counselled) {
    if (settledIds.has(c.member_id)) continue;
    people.push({
      memberId: c.member_id, fullName: c.full_name, unitCode: c.unit_code, unitName: c.unit_name,
      reason: c.topic as AttritionPerson['reason'], outcome: c.last_outcome === 'returned' ? 'returned' : 'pending',
      settledOn: null, decisionNumber: null, counselling: counsellingOf(c.member_id),
    });
  }
  const count = (key: 'reason' | 'outcome', values: readonly string[]) =>
    Object.fromEntries(values.map((v) => [v, people.filter((p) => p[key] === v).length]));
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind }, since, until,
    total: people.length, byReason: count('reason', ATTRITION_REASONS), byOutcome: count('outcome', ATTRITION_OUTCOMES), people,
  };
}
