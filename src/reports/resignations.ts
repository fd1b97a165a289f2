// Cadres and civil servants who asked to quit in a period (issue 10 §4): the requests made between
// `since` and `until` under a unit, counted by reason and by the outcome known on `until` (pending when
// none yet), with each person's counselling. The same numbers feed the CLI, the API and the brief.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ValidationError, type FieldError } from '../domain/errors.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';
import type { Resignation } from '../commands/resignations.ts';
import { RESIGNATION_LEVELS, RESIGNATION_OUTCOMES, RESIGNATION_REASONS } from '../domain/recruitment/resignations.ts';

export type ResignationPerson = Pick<Resignation, 'id' | 'fullName' | 'memberId' | 'agency' | 'position' | 'level' | 'unitCode' | 'unitName' | 'requestedOn' | 'reason' | 'outcomeOn'> & {
  /** The outcome known on `until`; `pending` when none. */
  outcome: string;
  counselling: Array<Omit<Resignation['counselling'][number], 'id'>>;
};

export interface ResignationReport {
  unit: { code: string; name: string; kind: string };
  since: string;
  until: string;
  total: number;
  byReason: Record<string, number>;
  byOutcome: Record<string, number>;
  byLevel: Record<string, number>;
  /** People who were members when they asked. */
  members: number;
  counselled: number;
  people: ResignationPerson[];
}

export const RESIGNATION_REPORT_OUTCOMES = [...RESIGNATION_OUTCOMES, 'pending'] as const;

export async function resignationReport(db: Kysely<Database>, actor: Actor, unitId: number, since: string, until: string = todayIso()): Promise<ResignationReport> {
  authorize(actor, 'member.read');
  const errors: FieldError[] = [];
  if (!isIsoDate(since)) errors.push({ field: 'since', code: 'invalid_date', message: 'Ngày bắt đầu không hợp lệ' });
  if (!isIsoDate(until)) errors.push({ field: 'until', code: 'invalid_date', message: 'Ngày kết thúc không hợp lệ' });
  else if (isIsoDate(since) && until < since) errors.push({ field: 'until', code: 'before_since', message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi' });
  if (errors.length) throw new ValidationError(errors);
  const unit = await new UnitRepository(db, actor).requireInScope(unitId);
  const { rows } = await sql<{ id: number; full_name: string; member_id: number | null; agency: string; position: string; level: string; unit_code: string; unit_name: string; requested_on: string; reason: string; outcome: string | null; outcome_on: string | null }>`
    SELECT r.id, r.full_name, r.member_id, r.agency, r.position, r.level, u.code AS unit_code, u.name AS unit_name, r.requested_on, r.reason,
           CASE WHEN r.outcome_on <= ${until}::date THEN r.outcome END AS outcome,
           CASE WHEN r.outcome_on <= ${until}::date THEN r.outcome_on END AS outcome_on
      FROM resignation_request r JOIN unit u ON u.id = r.unit_id
     WHERE r.requested_on BETWEEN ${since}::date AND ${until}::date AND u.path <@ ${unit.path}::ltree
     ORDER BY r.requested_on, r.name_sort, r.id`.execute(db);
  const ids = rows.map((r) => r.id);
  const meetings = ids.length
    ? await db.selectFrom('resignation_counselling').select(['request_id', 'met_on', 'met_by', 'outcome_note']).where('request_id', 'in', ids)
        .where('met_on', '<=', until).orderBy('met_on').orderBy('id').execute()
    : [];
  const people: ResignationPerson[] = rows.map((r) => ({
    id: r.id, fullName: r.full_name, memberId: r.member_id, agency: r.agency, position: r.position, level: r.level, unitCode: r.unit_code,
    unitName: r.unit_name, requestedOn: r.requested_on, reason: r.reason, outcome: r.outcome ?? 'pending', outcomeOn: r.outcome_on,
    counselling: meetings.filter((m) => m.request_id === r.id).map((m) => ({ metOn: m.met_on, metBy: m.met_by, outcomeNote: m.outcome_note })),
  }));
  const count = (key: 'reason' | 'outcome' | 'level', values: readonly string[]) => Object.fromEntries(values.map((v) => [v, people.filter((p) => p[key] === v).length]));
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind }, since, until, total: people.length,
    byReason: count('reason', RESIGNATION_REASONS), byOutcome: count('outcome', RESIGNATION_REPORT_OUTCOMES), byLevel: count('level', RESIGNATION_LEVELS),
    members: people.filter((p) => p.memberId !== null).length, counselled: people.filter((p) => p.counselling.length > 0).length, people,
  };
}
