import { describe, expect, it } from 'vitest';
import { loadPlaces } from './places.ts';
import { buildTree } from './tree.ts';
import { dayOf, isoOf } from './calendar.ts';
import { MeetingPlan, meetingMonths } from './meetings.ts';

const tree = buildTree(loadPlaces(), { seed: 2017, scale: 'province' });

describe('cell meetings', () => {
  it('covers the full months of the year before today', () => {
    expect(meetingMonths(dayOf('2026-11-25')).map(isoOf)).toEqual(Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`));
    expect(meetingMonths(dayOf('2026-01-31'))).toEqual([]);
    expect(meetingMonths(dayOf('2027-02-01')).map(isoOf)).toEqual(['2027-01-01']);
  });

  it('plans one meeting per cell and month, on a weekday between the 5th and the 20th, the same for the same seed', () => {
    const plan = new MeetingPlan(tree, 2017, dayOf('2026-11-25'));
    const cells = tree.units.filter((u) => u.kind === 'cell' || u.kind === 'grassroots_cell').length;
    const rows = [...plan.meetingRows()];
    expect(rows).toHaveLength(cells * 10);
    expect(plan.size).toBe(rows.length);
    for (const r of rows) {
      const [, , month, held] = r.split(',');
      expect(held!.slice(0, 8)).toBe(month!.slice(0, 8));
      const d = Number(held!.slice(8, 10));
      expect(d >= 5 && d <= 20).toBe(true);
      const dow = new Date(`${held}T00:00:00Z`).getUTCDay();
      expect(dow >= 1 && dow <= 5).toBe(true);
    }
    expect([...new MeetingPlan(tree, 2017, dayOf('2026-11-25')).meetingRows()]).toEqual(rows);
    expect([...new MeetingPlan(tree, 2018, dayOf('2026-11-25')).meetingRows()]).not.toEqual(rows);
  });
});
