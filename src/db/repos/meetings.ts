// Cell meetings and dues: per cell per month, who attended, who was absent and why, who paid.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { authorize, type Actor } from '../../policies/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.ts';
import { isIsoDate, todayIso } from '../../domain/dates.ts';
import { ACTIVE_STATUSES } from '../../domain/members.ts';
import { inTransaction } from '../transaction.ts';
import { UnitRepository } from './units.ts';

export interface AttendanceRow {
  memberId: number;
  fullName: string;
  status: string;
  attended: boolean | null;
  absenceReason: string | null;
  reasonAccepted: boolean;
  duesPaid: boolean;
}

export interface Meeting {
  unitId: number;
  month: string; // YYYY-MM
  heldOn: string | null;
  note: string | null;
  rowVersion: number | null;
  rows: AttendanceRow[];
}

export interface MeetingSummary {
  month: string;
  heldOn: string;
  present: number;
  absent: number;
  unpaid: number;
}

export interface MeetingInput {
  heldOn: string;
  note?: string | null;
  rowVersion?: number | null;
  attendance: Array<{ memberId: number; attended: boolean; absenceReason?: string | null; reasonAccepted?: boolean; duesPaid: boolean }>;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));

export class MeetingRepository {
  private readonly units: UnitRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.units = new UnitRepository(db, actor);
  }

  async list(unitId: number, year: number): Promise<MeetingSummary[]> {
    authorize(this.actor, 'member.read');
    await this.units.requireMemberHolder(unitId);
    const { rows } = await sql<MeetingSummary>`
      SELECT to_char(c.month, 'YYYY-MM') AS month, c.held_on AS "heldOn",
        count(*) FILTER (WHERE a.attended)::int AS present,
        count(*) FILTER (WHERE NOT a.attended)::int AS absent,
        count(*) FILTER (WHERE NOT a.dues_paid)::int AS unpaid
      FROM cell_meeting c LEFT JOIN meeting_attendance a ON a.meeting_id = c.id
      WHERE c.unit_id = ${unitId} AND c.month >= ${`${year}-01-01`} AND c.month <= ${`${year}-12-01`}
      GROUP BY c.id ORDER BY c.month`.execute(this.db);
    return rows;
  }

  /** The meeting of a month with the cell's roll of that month (members in the cell on its first day or on the meeting day). */
  async get(unitId: number, month: string): Promise<Meeting> {
    authorize(this.actor, 'member.read');
    await this.units.requireMemberHolder(unitId);
    const first = monthStart(month);
    const meeting = await this.db.selectFrom('cell_meeting').selectAll().where('unit_id', '=', unitId).where('month', '=', first).executeTakeFirst();
    const day = meeting?.held_on ?? (endOfMonth(first) < todayIso() ? endOfMonth(first) : todayIso());
    const { rows } = await sql<AttendanceRow>`
      SELECT m.id AS "memberId", m.full_name AS "fullName", p.status,
        a.attended, a.absence_reason AS "absenceReason", COALESCE(a.reason_accepted, false) AS "reasonAccepted", COALESCE(a.dues_paid, false) AS "duesPaid"
      FROM member_period p JOIN member m ON m.id = p.member_id
      LEFT JOIN meeting_attendance a ON a.member_id = m.id AND a.meeting_id = ${meeting?.id ?? 0}
      WHERE p.unit_id = ${unitId} AND p.valid_from <= ${day} AND (p.valid_to IS NULL OR p.valid_to > ${day}) AND p.status IN (${active})
      ORDER BY m.name_sort, m.id`.execute(this.db);
    return { unitId, month, heldOn: meeting?.held_on ?? null, note: meeting?.note ?? null, rowVersion: meeting?.row_version ?? null, rows };
  }

  async save(unitId: number, month: string, input: MeetingInput): Promise<Meeting> {
    authorize(this.actor, 'member.write');
    await this.units.requireMemberHolder(unitId);
    const first = monthStart(month);
    const errors: FieldError[] = [];
    if (!isIsoDate(input.heldOn)) errors.push({ field: 'heldOn', code: 'invalid_date', message: 'Ngày họp không hợp lệ' });
    else if (input.heldOn.slice(0, 7) !== month) errors.push({ field: 'heldOn', code: 'outside_month', message: `Ngày họp phải trong tháng ${month.split('-').reverse().join('/')}` });
    else if (input.heldOn > todayIso()) errors.push({ field: 'heldOn', code: 'future_date', message: 'Ngày họp không được sau ngày hôm nay' });
    if (errors.length) throw new ValidationError(errors);
    const roll = new Set((await this.rollOn(unitId, input.heldOn)).map((r) => r.memberId));
    const seen = new Set<number>();
    input.attendance.forEach((a, i) => {
      if (!roll.has(a.memberId)) errors.push({ field: `attendance.${i}.memberId`, code: 'not_in_cell', message: `Đảng viên #${a.memberId} không sinh hoạt ở chi bộ này vào ngày họp` });
      if (seen.has(a.memberId)) errors.push({ field: `attendance.${i}.memberId`, code: 'duplicate', message: `Đảng viên #${a.memberId} được ghi hai lần` });
      seen.add(a.memberId);
      if (a.attended && a.absenceReason) errors.push({ field: `attendance.${i}.absenceReason`, code: 'not_absent', message: 'Có mặt thì không ghi lý do vắng' });
      if (!a.attended && a.reasonAccepted && !a.absenceReason?.trim()) errors.push({ field: `attendance.${i}.absenceReason`, code: 'required', message: 'Vắng có lý do chính đáng thì phải ghi lý do' });
    });
    if (errors.length) throw new ValidationError(errors);
    await inTransaction(this.db, this.actor, async (tx) => {
      const existing = await tx.selectFrom('cell_meeting').selectAll().where('unit_id', '=', unitId).where('month', '=', first).forUpdate().executeTakeFirst();
      let id: number;
      if (existing) {
        if (input.rowVersion != null && existing.row_version !== input.rowVersion) throw new ConflictError('Biên bản họp tháng này vừa được người khác cập nhật; hãy tải lại');
        await tx.updateTable('cell_meeting').set({ held_on: input.heldOn, note: input.note ?? null, row_version: existing.row_version + 1 }).where('id', '=', existing.id).execute();
        await tx.deleteFrom('meeting_attendance').where('meeting_id', '=', existing.id).execute();
        id = existing.id;
      } else {
        id = (await tx.insertInto('cell_meeting').values({ unit_id: unitId, month: first, held_on: input.heldOn, note: input.note ?? null }).returning('id').executeTakeFirstOrThrow()).id;
      }
      if (input.attendance.length) {
        await tx.insertInto('meeting_attendance').values(input.attendance.map((a) => ({
          meeting_id: id, member_id: a.memberId, attended: a.attended, absence_reason: a.attended ? null : a.absenceReason?.trim() || null,
          reason_accepted: !a.attended && !!a.reasonAccepted, dues_paid: a.duesPaid,
        }))).execute();
      }
    });
    return this.get(unitId, month);
  }

  private async rollOn(unitId: number, day: string): Promise<Array<{ memberId: number }>> {
    const { rows } = await sql<{ memberId: number }>`
      SELECT p.member_id AS "memberId" FROM member_period p
      WHERE p.unit_id = ${unitId} AND p.valid_from <= ${day} AND (p.valid_to IS NULL OR p.valid_to > ${day}) AND p.status IN (${active})`.execute(this.db);
    return rows;
  }
}

/** Months ('YYYY-MM') of a year in which a member was absent without an accepted reason, and did not pay dues. */
export async function absenceMonths(db: Kysely<Database>, memberId: number, year: number): Promise<{ absent: string[]; unpaid: string[] }> {
  const rows = await db.selectFrom('meeting_attendance as a').innerJoin('cell_meeting as c', 'c.id', 'a.meeting_id')
    .select([sql<string>`to_char(c.month, 'YYYY-MM')`.as('month'), 'a.attended', 'a.reason_accepted', 'a.dues_paid'])
    .where('a.member_id', '=', memberId).where('c.month', '>=', `${year}-01-01`).where('c.month', '<=', `${year}-12-01`)
    .execute();
  return {
    absent: rows.filter((r) => !r.attended && !r.reason_accepted).map((r) => r.month).sort(),
    unpaid: rows.filter((r) => !r.dues_paid).map((r) => r.month).sort(),
  };
}

function monthStart(month: string): string {
  if (!MONTH.test(month)) throw new ValidationError([{ field: 'month', code: 'invalid', message: 'Tháng phải có dạng YYYY-MM' }]);
  return `${month}-01`;
}

function endOfMonth(first: string): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export { NotFoundError };
