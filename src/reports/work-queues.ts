// The work queues of staff and cell secretaries (issue 3): probation ending within 30 days (or overdue),
// members absent or behind with dues 2 or more months this year, transfers past their letter's deadline.
// SQL narrows the candidates; the lifecycle rules give the dates.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ACTIVE_STATUSES } from '../domain/members.ts';
import { addDays, addMonths, daysBetween, todayIso } from '../domain/dates.ts';
import { admissionDecisionDeadline, ceremonyDeadline, probationEndDate, transferLetterDeadline } from '../domain/lifecycle/index.ts';
import { allowedStages, type CandidateStage } from '../domain/admission/index.ts';
import { FOLLOW_UP_DUE_WITHIN_DAYS, followUps, type FollowUpItem } from './follow-ups.ts';

export interface QueueItem {
  memberId: number;
  fullName: string;
  unitId: number;
  unitName: string;
  /** The date the item is about: end of probation, letter deadline. */
  due: string | null;
  /** Days until due (negative: overdue). */
  daysLeft: number | null;
  /** The action the row opens, ready in the member's dialog. */
  action: 'recognition' | 'removal' | 'transfer_in';
  detail: Record<string, unknown>;
}

/** A candidate waiting on a step: the decision after the cell's vote, the ceremony after the decision, or any earlier stage for long. */
export interface CandidateQueueItem {
  candidateId: number;
  fullName: string;
  unitId: number;
  unitName: string;
  stage: string;
  since: string;
  /** The last day of the time limit (decision, ceremony) or the day the record counts as stalled. */
  due: string;
  daysLeft: number;
  /** The stage to record next. */
  next: 'decision' | 'ceremony' | 'course' | 'application' | 'history_verified' | 'sponsored' | 'cell_vote';
}

export interface WorkQueues {
  asOf: string;
  probationEnding: QueueItem[];
  absentOrUnpaid: QueueItem[];
  transfersOverdue: QueueItem[];
  candidates: CandidateQueueItem[];
  /** Plan tasks, directives … due within FOLLOW_UP_DUE_WITHIN_DAYS or overdue (src/reports/follow-ups.ts). */
  followUps: FollowUpItem[];
}

const LIMIT = 200;
export const PROBATION_WINDOW_DAYS = 30;
export const ABSENCE_WARNING_MONTHS = 2;
/**
 * A candidate whose current stage (before the vote) is older than this is listed as stalled. Not a party
 * rule: a reminder of dangvu, shorter than the 12 months after which the dossier must be redone (HD 06 §5.4.a).
 */
export const CANDIDATE_STALLED_MONTHS = 6;
/** Decisions and ceremonies due within this many days are listed (overdue ones always). */
export const CANDIDATE_DUE_WITHIN_DAYS = 15;

export async function workQueues(db: Kysely<Database>, actor: Actor, unitId?: number, today: string = todayIso()): Promise<WorkQueues> {
  authorize(actor, 'member.read');
  const root = unitId ? await new UnitRepository(db, actor).requireInScope(unitId) : { path: actor.scopePath };
  const inScope = sql<boolean>`u.path <@ ${root.path}::ltree`;

  // Probation ends 12 months after the ceremony (Điều lệ Đảng, Điều 5): ending by today + 30 days.
  const latestAdmission = addMonths(addDays(today, PROBATION_WINDOW_DAYS), -12);
  const probation = await db.selectFrom('member as m').innerJoin('unit as u', 'u.id', 'm.unit_id')
    .select(['m.id', 'm.full_name', 'm.unit_id', 'u.name as unit_name', 'm.admission_date'])
    .where('m.status', '=', 'probationary').where('m.admission_date', '<=', latestAdmission).where(inScope)
    .orderBy('m.admission_date').limit(LIMIT).execute();

  const year = Number(today.slice(0, 4));
  const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));
  const { rows: absences } = await sql<{ id: number; full_name: string; unit_id: number; unit_name: string; absent: number; unpaid: number; months_absent: string[]; months_unpaid: string[] }>`
    SELECT m.id, m.full_name, m.unit_id, u.name AS unit_name,
      count(*) FILTER (WHERE NOT a.attended AND NOT a.reason_accepted)::int AS absent,
      count(*) FILTER (WHERE NOT a.dues_paid)::int AS unpaid,
      array_agg(to_char(c.month, 'YYYY-MM') ORDER BY c.month) FILTER (WHERE NOT a.attended AND NOT a.reason_accepted) AS months_absent,
      array_agg(to_char(c.month, 'YYYY-MM') ORDER BY c.month) FILTER (WHERE NOT a.dues_paid) AS months_unpaid
    FROM meeting_attendance a
    JOIN cell_meeting c ON c.id = a.meeting_id
    JOIN member m ON m.id = a.member_id
    JOIN unit u ON u.id = m.unit_id
    WHERE c.month >= ${`${year}-01-01`} AND c.month <= ${`${year}-12-01`} AND m.status IN (${active}) AND ${inScope}
    GROUP BY m.id, u.name
    HAVING count(*) FILTER (WHERE NOT a.attended AND NOT a.reason_accepted) >= ${ABSENCE_WARNING_MONTHS}
        OR count(*) FILTER (WHERE NOT a.dues_paid) >= ${ABSENCE_WARNING_MONTHS}
    ORDER BY greatest(count(*) FILTER (WHERE NOT a.attended AND NOT a.reason_accepted), count(*) FILTER (WHERE NOT a.dues_paid)) DESC, m.name_sort
    LIMIT ${LIMIT}`.execute(db);

  const { rows: transfers } = await sql<{ id: number; full_name: string; unit_id: number; unit_name: string; issued: string; details: Record<string, unknown> }>`
    SELECT m.id, m.full_name, m.unit_id, u.name AS unit_name, e.effective_date AS issued, e.details
    FROM member m JOIN unit u ON u.id = m.unit_id
    JOIN LATERAL (SELECT effective_date, details FROM member_event x
                  WHERE x.member_id = m.id AND x.kind = 'transfer_out_official'
                    AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = x.id)
                  ORDER BY x.effective_date DESC, x.id DESC LIMIT 1) e ON true
    WHERE m.status = 'transferring' AND ${inScope}
    LIMIT ${LIMIT}`.execute(db);

  // Candidates: after the vote the decision's time limit, after the decision the ceremony's (QĐ 294 §4.3.1,
  // §4.1 and their predecessors), before the vote a stage older than CANDIDATE_STALLED_MONTHS.
  const { rows: waiting } = await sql<{ id: number; full_name: string; unit_id: number; unit_name: string; stage: string; stage_date: string; received: string | null }>`
    SELECT c.id, c.full_name, c.unit_id, u.name AS unit_name, c.stage, c.stage_date,
           (SELECT s.details->>'decisionReceivedDate' FROM candidate_stage s WHERE s.candidate_id = c.id AND s.stage = 'decision' ORDER BY s.id DESC LIMIT 1) AS received
      FROM candidate c JOIN unit u ON u.id = c.unit_id
     WHERE c.member_id IS NULL AND ${inScope}
       AND (c.stage IN ('cell_vote', 'decision') OR c.stage_date <= ${addMonths(today, -CANDIDATE_STALLED_MONTHS)}::date)
     ORDER BY c.stage_date LIMIT ${LIMIT}`.execute(db);
  const candidates: CandidateQueueItem[] = waiting.map((r) => {
    const due = r.stage === 'cell_vote' ? admissionDecisionDeadline(r.stage_date).due
      : r.stage === 'decision' ? ceremonyDeadline(r.received ?? r.stage_date)
      : addMonths(r.stage_date, CANDIDATE_STALLED_MONTHS);
    const next = allowedStages(r.stage as CandidateStage).at(-1) as CandidateQueueItem['next'];
    return { candidateId: r.id, fullName: r.full_name, unitId: r.unit_id, unitName: r.unit_name, stage: r.stage, since: r.stage_date, due, daysLeft: daysBetween(today, due), next };
  }).filter((i) => i.daysLeft <= CANDIDATE_DUE_WITHIN_DAYS).sort((a, b) => a.daysLeft - b.daysLeft);

  const item = (r: { id: number; full_name: string; unit_id: number; unit_name: string }, due: string | null, action: QueueItem['action'], detail: Record<string, unknown>): QueueItem => ({
    memberId: r.id, fullName: r.full_name, unitId: r.unit_id, unitName: r.unit_name, due, daysLeft: due ? daysBetween(today, due) : null, action, detail,
  });
  const followUpItems = await followUps(db, actor, { rootPath: root.path, today, dueBy: addDays(today, FOLLOW_UP_DUE_WITHIN_DAYS), limit: LIMIT });
  return {
    asOf: today,
    probationEnding: probation.map((r) => item(r, probationEndDate(r.admission_date!), 'recognition', { admissionDate: r.admission_date })),
    absentOrUnpaid: absences.map((r) => item(r, null, 'removal', { absentMonths: r.months_absent ?? [], unpaidMonths: r.months_unpaid ?? [] })),
    transfersOverdue: transfers
      .map((r) => item(r, typeof r.details.letterDeadline === 'string' ? r.details.letterDeadline : transferLetterDeadline(r.issued), 'transfer_in', { letterIssued: r.issued, toUnitId: r.details.toUnitId ?? null }))
      .filter((i) => i.daysLeft !== null && i.daysLeft < 0)
      .sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0)),
    candidates,
    followUps: followUpItems,
  };
}
