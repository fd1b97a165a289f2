// Counselling records (table counselling, migration 0004) for the demo's attrition cases: the cell's or
// the grassroots committee's officers met every member who was later removed for abandoned activities or
// unpaid dues, or who left on request, 1–3 times in the months before the decision; and a few members per
// district were counselled and returned to activities (no removal). Everything comes from the members'
// lives (members.ts) and from streams seeded by the seed and the member id, or the seed and the district,
// so the rows are as deterministic as the events. The seed's story stays exact: Huyện ủy Châu Thành's
// other cases (settled outside 01/01/2016–05/05/2017) have no meeting inside that window either, so that
// the attrition report of unit 831 for the window lists the 53 settled cases and the returned ones only.
import type { LifecycleEvent } from '../domain/lifecycle/index.ts';
import { civilFromDay, dayOf, isoOf } from './calendar.ts';
import { drawLife, livesOf, type MemberContext, type MemberLife } from './members.ts';
import { generateName, regionOf } from './names.ts';
import { csvField } from './rows.ts';
import { Rng, hash32, hashString } from './random.ts';
import type { DemoTree, Holder } from './tree.ts';

export const COUNSELLING_COLUMNS = ['id', 'member_id', 'met_on', 'met_by', 'topic', 'outcome', 'note', 'recorded_at'] as const;

export type CounsellingTopic = 'abandoned_activities' | 'unpaid_dues' | 'asked_to_leave';
export type CounsellingOutcome = 'returned' | 'persists' | 'unreachable';

export interface Meeting {
  day: number;
  metBy: string;
  topic: CounsellingTopic;
  outcome: CounsellingOutcome;
  note: string;
}

/** Members counselled back to activities per district committee (inclusive range). */
export const RETURNED_PER_DISTRICT: readonly [number, number] = [5, 15];
/** Of them, in the story's district, how many were counselled inside the story's window. */
export const RETURNED_IN_STORY_WINDOW: readonly [number, number] = [3, 5];
/** Returned members are counselled from this date on. */
const RETURNED_SINCE = dayOf('2010-01-01');

const NOTES: Record<CounsellingTopic, Record<CounsellingOutcome, readonly string[]>> = {
  abandoned_activities: {
    persists: [
      'Vắng sinh hoạt chi bộ nhiều kỳ liền không có lý do; đã nhắc nhở, chưa chuyển biến',
      'Hứa sẽ sinh hoạt lại nhưng vẫn không tham gia sinh hoạt chi bộ',
      'Đã gặp tại nhà, phân tích, động viên; đảng viên không nhận khuyết điểm',
      'Lấy lý do bận làm ăn, không tham gia sinh hoạt chi bộ',
      'Đã gửi giấy mời dự sinh hoạt, đảng viên không đến',
    ],
    unreachable: [
      'Đến nhà nhiều lần không gặp; gia đình cho biết đã đi làm ăn xa',
      'Không liên lạc được qua điện thoại; gia đình không rõ địa chỉ',
      'Đi làm ăn xa, không liên hệ với chi bộ',
    ],
    returned: [
      'Nhận khuyết điểm, đã sinh hoạt chi bộ trở lại',
      'Đã tham gia sinh hoạt chi bộ đều đặn trở lại',
      'Hứa khắc phục, đã dự sinh hoạt chi bộ kỳ này',
    ],
  },
  unpaid_dues: {
    persists: [
      'Không đóng đảng phí 3 tháng liền; đã nhắc nhở nhưng chưa đóng',
      'Lấy lý do hoàn cảnh khó khăn, vẫn không đóng đảng phí',
      'Đã giải thích quy định về đảng phí; đảng viên chưa chấp hành',
    ],
    unreachable: [
      'Không gặp được để nhắc đóng đảng phí; gia đình cho biết đã đi làm xa',
      'Không liên lạc được; đảng phí vẫn chưa đóng',
    ],
    returned: [
      'Đã đóng đủ đảng phí còn nợ, cam kết đóng đúng hạn',
      'Đã đóng đảng phí, sinh hoạt bình thường',
    ],
  },
  asked_to_leave: {
    persists: [
      'Đã phân tích, động viên; đảng viên vẫn giữ nguyện vọng xin ra khỏi Đảng',
      'Vẫn giữ đơn xin ra khỏi Đảng vì hoàn cảnh gia đình khó khăn',
      'Lý do sức khỏe yếu, vẫn xin ra khỏi Đảng',
      'Đi làm ăn xa, xin ra khỏi Đảng; đã động viên nhưng không thay đổi ý kiến',
    ],
    unreachable: [
      'Đã gửi đơn xin ra khỏi Đảng rồi đi làm ăn xa, không gặp được',
      'Đến nhà không gặp; không liên lạc được để trao đổi về đơn',
    ],
    returned: [
      'Đã rút đơn xin ra khỏi Đảng, tiếp tục sinh hoạt',
      'Sau khi được động viên, xin tiếp tục sinh hoạt đảng',
    ],
  },
};

/** The cell's officers, then the grassroots committee's, who meet a member as a case goes on. */
const CELL_TITLES = ['Bí thư chi bộ', 'Phó Bí thư chi bộ', 'Chi ủy viên'] as const;
const ORG_TITLES = ['Bí thư', 'Phó Bí thư', 'Phó Bí thư Thường trực', 'Chủ nhiệm Ủy ban Kiểm tra'] as const;

/** The grassroots committee's body as a title names it ("Đảng ủy xã"), or null for a grassroots cell. */
function orgBody(h: Holder): string | null {
  if (h.org === h.unit || h.org.kind !== 'grassroots_committee') return null;
  const m = /^Đảng bộ (xã|phường|thị trấn) /.exec(h.org.name);
  return m ? `Đảng ủy ${m[1]}` : 'Đảng ủy';
}

/** Start year of the term (congress terms from 2000, 2005, 2010 … in the middle of the year) that contains `day`. */
function termOf(day: number): number {
  const [y, m] = civilFromDay(day);
  let start = y - (((y % 5) + 5) % 5);
  if (start === y && m < 7) start -= 5;
  return start;
}

/** Who held an office of a cell or committee in a term: the same person for every meeting of the term. */
class Officers {
  private readonly cache = new Map<string, string>();
  constructor(private readonly seed: number) {}

  name(unitId: number, titleIndex: number, day: number, provinceCode: string): string {
    const term = termOf(day);
    const key = `${unitId}:${titleIndex}:${term}`;
    let name = this.cache.get(key);
    if (!name) {
      if (this.cache.size >= 100_000) this.cache.clear();
      const rng = new Rng(hash32(this.seed, unitId, titleIndex, term, 5));
      name = generateName(rng, rng.chance(0.3) ? 'female' : 'male', regionOf(provinceCode), 'Kinh').full;
      this.cache.set(key, name);
    }
    return name;
  }

  /** "Nguyễn Văn Hùng, Bí thư chi bộ"; later meetings often by the grassroots committee ("…, Phó Bí thư Đảng ủy xã"). */
  metBy(rng: Rng, h: Holder, day: number, escalated: boolean): string {
    const body = orgBody(h);
    if (body && escalated && rng.chance(0.6)) {
      const t = rng.chance(0.35) ? 0 : rng.int(1, ORG_TITLES.length - 1);
      return `${this.name(h.org.id, 10 + t, day, h.province.code)}, ${ORG_TITLES[t]} ${body}`;
    }
    const u = rng.float();
    const t = u < 0.6 ? 0 : u < 0.85 ? 1 : 2;
    return `${this.name(h.unit.id, t, day, h.province.code)}, ${CELL_TITLES[t]}`;
  }
}

/** The settlement the counselling led to: removal for abandoned activities or unpaid dues, or leaving. */
function settlementOf(events: readonly LifecycleEvent[]): { day: number; topic: CounsellingTopic } | null {
  for (const e of events) {
    if (e.kind === 'leave_on_request') return { day: dayOf(e.date), topic: 'asked_to_leave' };
    if (e.kind === 'removal' && (e.reason === 'abandoned_activities' || e.reason === 'unpaid_dues')) return { day: dayOf(e.date), topic: e.reason };
  }
  return null;
}

/** The last day the member came into their final cell (the admission, or the last transfer presented). */
function settledInCell(events: readonly LifecycleEvent[]): number {
  let day = dayOf(events[0]!.date);
  for (const e of events) if (e.kind === 'transfer_in') day = dayOf(e.date);
  return day;
}

/**
 * Up to `n` meeting days in [lo, hi], the last one near `hi`, the others 3–13 weeks apart, in date
 * order; at least one when lo <= hi.
 */
function meetingDays(rng: Rng, n: number, lo: number, hi: number): number[] {
  if (lo > hi) return [];
  const days = [hi - rng.int(0, Math.min(45, hi - lo))];
  while (days.length < n) {
    const d = days[0]! - rng.int(20, 90);
    if (d < lo) break;
    days.unshift(d);
  }
  return days;
}

/**
 * The counselling of the demo: the returned members are planned from the tree (a few lives drawn per
 * district), the attrition cases' meetings follow from each life.
 */
export class CounsellingPlan {
  private readonly officers: Officers;
  /** The returned members' meetings, by member id. */
  private readonly returned = new Map<number, Meeting[]>();
  /** Returned members per district (`<province code>:<district code>`), and in the story's window. */
  readonly returnedPerDistrict = new Map<string, number>();
  readonly returnedInStoryWindow: number = 0;

  constructor(tree: DemoTree, private readonly ctx: MemberContext) {
    this.officers = new Officers(ctx.seed);
    // The id of each cell's first member (members are numbered cell by cell from 1).
    const firstId = new Map<Holder, number>();
    const byDistrict = new Map<string, Holder[]>();
    let id = 1;
    for (const h of tree.holders) {
      firstId.set(h, id);
      id += h.size;
      if (!h.district || h.size < 2) continue;
      const key = `${h.province.code}:${h.district.code}`;
      let list = byDistrict.get(key);
      if (!list) byDistrict.set(key, (list = []));
      list.push(h);
    }
    const story = ctx.story;
    for (const [key, holders] of byDistrict) {
      const rng = new Rng(hash32(ctx.seed, hashString(`counselling:${key}`)));
      const wanted = rng.int(RETURNED_PER_DISTRICT[0], RETURNED_PER_DISTRICT[1]);
      const isStory = story.size > 0 && story.guards(holders[0]!);
      const inWindow = isStory ? Math.min(wanted, rng.int(RETURNED_IN_STORY_WINDOW[0], RETURNED_IN_STORY_WINDOW[1])) : 0;
      const total = holders.reduce((s, h) => s + h.size - 1, 0);
      let found = 0;
      let foundInWindow = 0;
      for (let attempt = 0; attempt < 40 * wanted && found < wanted; attempt++) {
        // A member other than the first of a cell (the demo's pinned member may be there), by cell size.
        let u = rng.int(0, total - 1);
        let h = holders[0]!;
        for (const c of holders) {
          if (u < c.size - 1) {
            h = c;
            break;
          }
          u -= c.size - 1;
        }
        const index = 1 + u;
        const memberId = firstId.get(h)! + index;
        if (this.returned.has(memberId) || story.caseOf(h, index)) continue;
        const windowed = foundInWindow < inWindow;
        const meetings = this.returnedMeetings(rng, drawLife(h, index, memberId, ctx), isStory, windowed);
        if (!meetings) continue;
        this.returned.set(memberId, meetings);
        found++;
        if (windowed) foundInWindow++;
      }
      this.returnedPerDistrict.set(key, found);
      if (isStory) this.returnedInStoryWindow = foundInWindow;
    }
  }

  /**
   * Meetings of a member counselled back to activities, or null if the life does not allow it: an
   * official member in their final cell, neither removed nor left; counselled from 2010, six months after
   * becoming official, two months before any exemption, death or transfer letter. In the story's district
   * the meetings fall all inside its window (`windowed`) or all outside it.
   */
  private returnedMeetings(rng: Rng, life: MemberLife, isStory: boolean, windowed: boolean): Meeting[] | null {
    const events = life.events;
    if (events.some((e) => e.kind === 'removal' || e.kind === 'leave_on_request')) return null;
    const recognition = events.find((e) => e.kind === 'recognition');
    if (!recognition) return null;
    const arrived = settledInCell(events);
    const ending = events.find((e) => dayOf(e.date) > arrived && (e.kind === 'exemption_start' || e.kind === 'death' || e.kind === 'transfer_out_official'));
    let lo = Math.max(RETURNED_SINCE, dayOf(recognition.date) + 180, arrived + 90);
    let hi = Math.min(ending ? dayOf(ending.date) - 60 : this.ctx.today - 14, this.ctx.today - 14);
    const story = this.ctx.story;
    if (windowed) {
      lo = Math.max(lo, story.from);
      hi = Math.min(hi, story.to);
    } else if (isStory) {
      // All before the window, or all after it.
      if (hi >= story.from && lo <= story.to) {
        if (lo < story.from && (hi <= story.to || rng.chance(0.3))) hi = story.from - 1;
        else lo = story.to + 1;
      }
    }
    if (hi - lo < 30) return null;
    const u = rng.float();
    const topic: CounsellingTopic = u < 0.65 ? 'abandoned_activities' : u < 0.93 ? 'unpaid_dues' : 'asked_to_leave';
    const n = rng.int(1, 3);
    // The last meeting anywhere in the range, the earlier ones before it.
    const last = rng.int(lo, hi);
    const days = meetingDays(rng, n, lo, last);
    return days.map((day, i) => {
      const outcome: CounsellingOutcome = i === days.length - 1 ? 'returned' : 'persists';
      return { day, metBy: this.officers.metBy(rng, life.holder, day, i > 0), topic, outcome, note: rng.pick(NOTES[topic][outcome]) };
    });
  }

  /**
   * The member's meetings: planned for a returned member; for a removal for abandoned activities or
   * unpaid dues, or a leaving, 1–3 in the months before the decision (the last 'persists' or
   * 'unreachable', the earlier 'persists'); none otherwise.
   */
  meetingsOf(life: MemberLife): Meeting[] {
    const planned = this.returned.get(life.id);
    if (planned) return planned;
    const settled = settlementOf(life.events);
    if (!settled) return [];
    const rng = new Rng(hash32(this.ctx.seed, life.id, 4));
    const story = this.ctx.story;
    const decision = settled.day;
    const admitted = dayOf(life.events[0]!.date);
    let lo = Math.max(admitted + 30, settledInCell(life.events) + 14, decision - 300);
    let hi = decision - 10;
    // Huyện ủy Châu Thành's cases other than the story's: no meeting inside the story's window.
    const guarded = story.size > 0 && story.guards(life.holder) && !story.inWindow(decision);
    if (guarded && decision > story.to) lo = Math.max(lo, story.to + 1);
    if (lo > hi) {
      hi = decision - 1;
      lo = Math.max(admitted + 1, guarded && decision > story.to ? story.to + 1 : decision - 300);
      if (lo > hi && guarded) [lo, hi] = [Math.max(admitted + 1, story.from - 90), story.from - 1];
    }
    const u = rng.float();
    const n = u < 0.3 ? 1 : u < 0.75 ? 2 : 3;
    const days = meetingDays(rng, n, lo, hi);
    const pUnreachable = settled.topic === 'abandoned_activities' ? 0.4 : settled.topic === 'unpaid_dues' ? 0.3 : 0.1;
    return days.map((day, i) => {
      const last = i === days.length - 1;
      const outcome: CounsellingOutcome = last && rng.chance(pUnreachable) ? 'unreachable' : 'persists';
      return { day, metBy: this.officers.metBy(rng, life.holder, day, i > 0 || (last && settled.topic === 'asked_to_leave')), topic: settled.topic, outcome, note: rng.pick(NOTES[settled.topic][outcome]) };
    });
  }
}

/** Collects the counselling rows of the lives it is shown (ids from 1 in member order, then date order). */
export class CounsellingRows {
  /** Rows not yet taken. */
  lines: string[] = [];
  /** Rows written so far (the last id). */
  count = 0;
  private readonly stamp: string;
  constructor(private readonly plan: CounsellingPlan, today: number) {
    this.stamp = `${isoOf(today)} 00:00:00+07`;
  }

  add(life: MemberLife): void {
    for (const m of this.plan.meetingsOf(life)) {
      this.lines.push(`${++this.count},${life.id},${isoOf(m.day)},${csvField(m.metBy)},${m.topic},${m.outcome},${csvField(m.note)},${this.stamp}\n`);
    }
  }

  /** The rows collected since the last call. */
  take(): string[] {
    const out = this.lines;
    this.lines = [];
    return out;
  }
}

/** The rows of counselling in one pass of its own over the lives (the loader collects them during the event pass). */
export function* counsellingRows(tree: DemoTree, ctx: MemberContext, plan: CounsellingPlan = new CounsellingPlan(tree, ctx)): Generator<string> {
  const rows = new CounsellingRows(plan, ctx.today);
  for (const life of livesOf(tree, ctx)) {
    rows.add(life);
    if (rows.lines.length) yield* rows.take();
  }
}
