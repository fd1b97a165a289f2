import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPlaces } from './places.ts';
import { buildTree, type DemoTree } from './tree.ts';
import { livesOf, memberContext, type MemberContext, type MemberLife } from './members.ts';
import { memberEventRows } from './rows.ts';
import { CounsellingPlan, CounsellingRows, RETURNED_IN_STORY_WINDOW, RETURNED_PER_DISTRICT, counsellingRows, type Meeting } from './counselling.ts';
import { STORY } from './story.ts';
import { dayOf } from './calendar.ts';

const TODAY = '2026-11-25';
const places = loadPlaces();

interface Demo {
  tree: DemoTree;
  ctx: MemberContext;
  plan: CounsellingPlan;
  lives: Array<{ life: MemberLife; meetings: Meeting[] }>;
}

function demo(seed: number, today: string): Demo {
  const tree = buildTree(places, { seed, scale: 'province' });
  const ctx = memberContext(tree, seed, dayOf(today), places.country);
  const plan = new CounsellingPlan(tree, ctx);
  const lives = [...livesOf(tree, ctx)].map((life) => ({ life, meetings: plan.meetingsOf(life) }));
  return { tree, ctx, plan, lives };
}

/** The settlement the report counts (removal for abandoned activities or unpaid dues, leaving), if any. */
function settlement(life: MemberLife): { day: number; topic: string } | null {
  for (const e of life.events) {
    if (e.kind === 'leave_on_request') return { day: dayOf(e.date), topic: 'asked_to_leave' };
    if (e.kind === 'removal' && (e.reason === 'abandoned_activities' || e.reason === 'unpaid_dues')) return { day: dayOf(e.date), topic: e.reason };
  }
  return null;
}

const MET_BY = /^\S+( \S+)+, (Bí thư chi bộ|Phó Bí thư chi bộ|Chi ủy viên|(Bí thư|Phó Bí thư|Phó Bí thư Thường trực|Chủ nhiệm Ủy ban Kiểm tra) Đảng ủy( xã| phường| thị trấn)?)$/;

/** What every seed and date must give. */
function check(d: Demo): string[] {
  const problems: string[] = [];
  const { story } = d.ctx;
  for (const { life, meetings } of d.lives) {
    const s = settlement(life);
    const returned = meetings.some((m) => m.outcome === 'returned');
    const days = meetings.map((m) => m.day);
    if (days.some((day, i) => i > 0 && day <= days[i - 1]!)) problems.push(`${life.id}: meetings not in date order`);
    if (meetings.some((m) => !MET_BY.test(m.metBy) || !m.note)) problems.push(`${life.id}: met_by or note ${JSON.stringify(meetings)}`);
    if (meetings.some((m) => m.day <= dayOf(life.events[0]!.date) || m.day >= d.ctx.today)) problems.push(`${life.id}: a meeting before the admission or not before today`);
    if (s) {
      if (meetings.length < 1 || meetings.length > 3) problems.push(`${life.id}: ${meetings.length} meetings for a settled case`);
      if (meetings.some((m) => m.day >= s.day || m.topic !== s.topic)) problems.push(`${life.id}: a meeting on or after the decision, or of another topic`);
      if (meetings.some((m, i) => m.outcome !== (i < meetings.length - 1 ? 'persists' : m.outcome)) || !['persists', 'unreachable'].includes(meetings.at(-1)?.outcome ?? ''))
        problems.push(`${life.id}: outcomes ${meetings.map((m) => m.outcome)}`);
    } else if (returned) {
      if (meetings.at(-1)!.outcome !== 'returned' || meetings.slice(0, -1).some((m) => m.outcome !== 'persists')) problems.push(`${life.id}: returned outcomes`);
      if (life.events.some((e) => e.kind === 'removal' || e.kind === 'leave_on_request')) problems.push(`${life.id}: returned, then removed or left`);
      const official = life.events.find((e) => e.kind === 'recognition');
      if (!official || meetings[0]!.day <= dayOf(official.date)) problems.push(`${life.id}: returned before being official`);
    } else if (meetings.length) problems.push(`${life.id}: meetings without a case`);
    // Huyện ủy Châu Thành: inside the story's window, only the story's cases and the returned planned there.
    if (story.guards(life.holder) && meetings.some((m) => story.inWindow(m.day))) {
      const storyCase = s !== null && story.inWindow(s.day);
      if (!storyCase && !(returned && meetings.every((m) => story.inWindow(m.day)))) problems.push(`${life.id}: a meeting of another case in the story's window`);
    }
  }
  return problems;
}

describe('counselling of the attrition cases', { timeout: 60_000 }, () => {
  const d = demo(2017, TODAY);

  it('meets every member removed for abandoned activities or unpaid dues, or who left, 1–3 times before the decision', () => {
    expect(check(d).slice(0, 5)).toEqual([]);
    const settled = d.lives.filter(({ life }) => settlement(life));
    expect(settled.length).toBeGreaterThan(500);
    expect(settled.every(({ meetings }) => meetings.length >= 1)).toBe(true);
    const counts = [1, 2, 3].map((n) => settled.filter(({ meetings }) => meetings.length === n).length);
    expect(counts.every((c) => c > settled.length * 0.15)).toBe(true);
    const outcomes = new Set(settled.map(({ meetings }) => meetings.at(-1)!.outcome));
    expect([...outcomes].sort()).toEqual(['persists', 'unreachable']);
    // Mostly in the months before the decision.
    const gaps = settled.map(({ life, meetings }) => settlement(life)!.day - meetings[0]!.day);
    expect(gaps.filter((g) => g <= 300).length / gaps.length).toBeGreaterThan(0.97);
  });

  it('counsels 5–15 members back to activities in every district, a few of Châu Thành in the story window', () => {
    const perDistrict = [...d.plan.returnedPerDistrict.values()];
    expect(perDistrict).toHaveLength(9);
    for (const n of perDistrict) {
      expect(n).toBeGreaterThanOrEqual(RETURNED_PER_DISTRICT[0]);
      expect(n).toBeLessThanOrEqual(RETURNED_PER_DISTRICT[1]);
    }
    const returned = d.lives.filter(({ meetings }) => meetings.some((m) => m.outcome === 'returned'));
    expect(returned.length).toBe(perDistrict.reduce((s, n) => s + n, 0));
    const inWindow = returned.filter(({ life, meetings }) => d.ctx.story.guards(life.holder) && meetings.some((m) => d.ctx.story.inWindow(m.day)));
    expect(inWindow.length).toBe(d.plan.returnedInStoryWindow);
    expect(inWindow.length).toBeGreaterThanOrEqual(RETURNED_IN_STORY_WINDOW[0]);
    expect(inWindow.length).toBeLessThanOrEqual(RETURNED_IN_STORY_WINDOW[1]);
    // The story's 53 all have their meetings, and no other Châu Thành case is counselled in the window.
    const storyCases = d.lives.filter(({ life }) => {
      const s = settlement(life);
      return s !== null && d.ctx.story.guards(life.holder) && d.ctx.story.inWindow(s.day) && s.topic !== 'unpaid_dues';
    });
    expect(storyCases).toHaveLength(STORY.cases);
    expect(storyCases.every(({ life, meetings }) => meetings.length > 0 && meetings.every((m) => m.day < settlement(life)!.day))).toBe(true);
  });

  it('keeps the rules for another seed and for a "today" just after the tree', () => {
    for (const [seed, today] of [[2018, TODAY], [2017, '2017-05-01']] as const) {
      const other = demo(seed, today);
      expect([seed, today, check(other).slice(0, 3)]).toEqual([seed, today, []]);
      expect(other.plan.returnedInStoryWindow).toBeGreaterThanOrEqual(RETURNED_IN_STORY_WINDOW[0]);
    }
  });

  it('gives the same rows from the event pass as from a pass of its own, byte-identical for the same seed', () => {
    const hash = (lines: Iterable<string>) => {
      const h = createHash('sha256');
      for (const l of lines) h.update(l);
      return h.digest('hex');
    };
    const rows = new CounsellingRows(new CounsellingPlan(d.tree, d.ctx), d.ctx.today);
    for (const _ of memberEventRows(d.tree, d.ctx, (life) => rows.add(life))) void _;
    const collected = rows.take();
    expect(collected.length).toBe(d.lives.reduce((s, l) => s + l.meetings.length, 0));
    expect(collected[0]).toMatch(/^1,\d+,\d{4}-\d{2}-\d{2},[^,]+, [^,]+,(abandoned_activities|unpaid_dues|asked_to_leave),(persists|unreachable|returned),/);
    expect(collected[0]!.endsWith(`${TODAY} 00:00:00+07\n`)).toBe(true);
    expect(hash(counsellingRows(d.tree, d.ctx))).toBe(hash(collected));
    expect(hash(counsellingRows(d.tree, d.ctx, d.plan))).toBe(hash(collected));
  });
});
