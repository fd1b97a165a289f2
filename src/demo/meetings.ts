// The regular monthly cell meetings (sinh hoạt chi bộ định kỳ) of the current year, up to the last full
// month before "today", with the attendance and dues of every member in the cell on the meeting day
// (tables cell_meeting and meeting_attendance of migration 0003). Province demo only.
//
// Every cell meets once a month on a weekday between the 5th and the 20th. About 93 % of the expected
// members attend; the absent mostly give a reason the cell accepts (ốm, đi làm ăn xa có báo cáo, việc gia
// đình), a few give none; about 96 % pay their dues. A member has at most one month this year without an
// accepted reason and at most one unpaid month, except about 0.3 % of the members (drawn by member id), who
// have exactly two of one of them: they fill the work queue (src/reports/work-queues.ts), and nobody has
// three (no one is already due for removal).
import { civilFromDay, dayFromCivil, isoOf } from './calendar.ts';
import { MEMBER_STATUSES } from '../domain/members.ts';
import { Rng, Weighted, hash32, hashString } from './random.ts';
import type { PeriodStore } from './rows.ts';
import type { DemoTree } from './tree.ts';

export const CELL_MEETING_COLUMNS = ['id', 'unit_id', 'month', 'held_on', 'note'] as const;
export const MEETING_ATTENDANCE_COLUMNS = ['meeting_id', 'member_id', 'attended', 'absence_reason', 'reason_accepted', 'dues_paid'] as const;

export const MEETINGS = {
  present: 0.93,
  /** Share of the absences without a reason (at most one such month per member, outside the flagged). */
  unexcused: 0.1,
  /** Chance of an unpaid month (at most one per member, outside the flagged). */
  unpaid: 0.04,
  /** Members with exactly two months absent without reason, or unpaid. */
  flagged: 0.003,
  /** Of the flagged: absent (the others unpaid). */
  flaggedAbsent: 0.6,
} as const;

const REASONS = new Weighted<string>([['ốm', 45], ['đi làm ăn xa có báo cáo', 35], ['việc gia đình', 20]]);
/** Statuses of the members a cell expects at its meeting (exempt members are not expected). */
const EXPECTED = new Set(['probationary', 'official', 'transferring'].map((s) => MEMBER_STATUSES.indexOf(s as never)));

interface CellMeetings {
  unitId: number;
  /** Id of the meeting of each month (0: none, the cell did not exist yet). */
  ids: Int32Array;
  heldOn: Int32Array;
}

/** The first days of the full months of today's year before today (none in January). */
export function meetingMonths(today: number): number[] {
  const [y, m] = civilFromDay(today);
  return Array.from({ length: m - 1 }, (_, i) => dayFromCivil(y, i + 1, 1));
}

/** A weekday (Monday–Friday) between the 5th and the 20th of the month. */
function meetingDay(rng: Rng, first: number): number {
  for (;;) {
    const day = first + rng.int(4, 19);
    const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (dow >= 1 && dow <= 5) return day;
  }
}

export class MeetingPlan {
  readonly months: number[];
  private readonly cells: CellMeetings[] = [];
  private readonly byUnit = new Map<number, CellMeetings>();
  /** Meetings planned. */
  readonly size: number;
  /** Attendance rows written (after attendanceRows has run), and the flagged members. */
  attendance = 0;
  flagged = 0;

  constructor(tree: DemoTree, private readonly seed: number, today: number) {
    this.months = meetingMonths(today);
    let id = 0;
    for (const u of tree.units) {
      if (u.kind !== 'cell' && u.kind !== 'grassroots_cell') continue;
      const rng = new Rng(hash32(seed, hashString('meetings'), u.id));
      const c: CellMeetings = { unitId: u.id, ids: new Int32Array(this.months.length), heldOn: new Int32Array(this.months.length) };
      this.months.forEach((first, i) => {
        const day = meetingDay(rng, first);
        if (day < u.established) return;
        c.ids[i] = ++id;
        c.heldOn[i] = day;
      });
      this.cells.push(c);
      this.byUnit.set(u.id, c);
    }
    this.size = id;
  }

  *meetingRows(): Generator<string> {
    for (const c of this.cells) {
      for (let i = 0; i < this.months.length; i++) {
        if (!c.ids[i]) continue;
        const [y, m] = civilFromDay(this.months[i]!);
        yield `${c.ids[i]},${c.unitId},${isoOf(this.months[i]!)},${isoOf(c.heldOn[i]!)},Sinh hoạt chi bộ định kỳ tháng ${m}/${y}\n`;
      }
    }
  }

  /** The attendance of the members in each cell on its meeting days, in member order, then month order. */
  *attendanceRows(store: PeriodStore): Generator<string> {
    if (!this.size) return;
    let member = -1;
    let expected: Array<[id: number, month: number]> = [];
    const flush = function* (this: MeetingPlan): Generator<string> {
      if (member < 0 || !expected.length) return;
      expected.sort((a, b) => a[1] - b[1]);
      yield* this.memberRows(member, expected);
    }.bind(this);
    for (const [id, from, to, status, unitId] of store.spans()) {
      if (id !== member) {
        yield* flush();
        member = id;
        expected = [];
      }
      if (!EXPECTED.has(status)) continue;
      const c = this.byUnit.get(unitId);
      if (!c) continue;
      for (let i = 0; i < this.months.length; i++) {
        const day = c.heldOn[i]!;
        if (c.ids[i] && day >= from && day < to) expected.push([c.ids[i]!, i]);
      }
    }
    yield* flush();
  }

  private *memberRows(member: number, expected: Array<[number, number]>): Generator<string> {
    const rng = new Rng(hash32(this.seed, hashString('attendance'), member, this.months[0]!));
    const flagged = expected.length >= 2 && rng.chance(MEETINGS.flagged);
    const flaggedAbsent = flagged && rng.chance(MEETINGS.flaggedAbsent);
    let picked = new Set<number>();
    if (flagged) {
      this.flagged++;
      const a = rng.int(0, expected.length - 1);
      let b = rng.int(0, expected.length - 2);
      if (b >= a) b++;
      picked = new Set([a, b]);
    }
    let unexcused = flaggedAbsent ? 2 : 0;
    let unpaid = flagged && !flaggedAbsent ? 2 : 0;
    for (let i = 0; i < expected.length; i++) {
      let attended = 't';
      let reason = '';
      let accepted = 'f';
      if (flaggedAbsent && picked.has(i)) {
        attended = 'f';
      } else if (!rng.chance(MEETINGS.present)) {
        attended = 'f';
        if (unexcused === 0 && rng.chance(MEETINGS.unexcused)) {
          unexcused++;
        } else {
          reason = rng.weighted(REASONS);
          accepted = 't';
        }
      }
      let paid = 't';
      if (flagged && !flaggedAbsent && picked.has(i)) paid = 'f';
      else if (unpaid === 0 && rng.chance(MEETINGS.unpaid)) {
        unpaid++;
        paid = 'f';
      }
      this.attendance++;
      yield `${expected[i]![0]},${member},${attended},${reason},${accepted},${paid}\n`;
    }
  }
}
