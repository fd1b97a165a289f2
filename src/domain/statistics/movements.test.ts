import { describe, expect, it } from 'vitest';
import { memberMovements, type MovementContext, type PeriodLike } from './movements.ts';

// Units 1 and 2 are in the subtree; 3 is elsewhere in the province, 9 in another province.
// Unit 4 joins the subtree by a restructuring on 2017-03-01.
const ctx = (over: Partial<MovementContext> = {}, events: Record<string, string[]> = {}): MovementContext => ({
  from: '2017-01-01', to: '2017-06-30',
  inSubtree: (u, d) => u === 1 || u === 2 || (u === 4 && d >= '2017-03-01'),
  eventKindsOn: (d) => events[d] ?? [],
  sameProvince: (a, b) => (a.unitId === 9) === (b.unitId === 9),
  treeChangeDates: ['2017-03-01'],
  ...over,
});
const p = (validFrom: string, validTo: string | null, status: string, unitId: number): PeriodLike => ({ validFrom, validTo, status, unitId });

describe('movements of one member (Biểu 1)', () => {
  it('counts an admission in the window, and not one the day before it', () => {
    const periods = [p('2017-01-01', null, 'probationary', 1)];
    expect(memberMovements(periods, ctx({}, { '2017-01-01': ['admission'] }))).toEqual({ opening: false, closing: true, movements: [{ date: '2017-01-01', kind: 'admitted', wasProbationary: false }] });
    const before = [p('2016-12-31', null, 'probationary', 1)];
    expect(memberMovements(before, ctx({}, { '2016-12-31': ['admission'] })).movements).toEqual([]);
  });

  it('tells transfers from another province from those within it, and ignores moves inside the subtree', () => {
    const fromAfar = [p('2010-01-01', '2017-02-01', 'official', 9), p('2017-02-01', null, 'official', 1)];
    expect(memberMovements(fromAfar, ctx({}, { '2017-02-01': ['transfer_in'] })).movements[0]!.kind).toBe('transferred_in_other_province');
    const toNeighbour = [p('2010-01-01', '2017-02-01', 'official', 1), p('2017-02-01', '2017-03-10', 'transferring', 1), p('2017-03-10', null, 'official', 3)];
    expect(memberMovements(toNeighbour, ctx()).movements.map((m) => m.kind)).toEqual(['transferred_out_same_province']);
    const inside = [p('2010-01-01', '2017-02-01', 'official', 1), p('2017-02-01', null, 'official', 2)];
    expect(memberMovements(inside, ctx())).toEqual({ opening: true, closing: true, movements: [] });
  });

  it('counts exits by the status they lead to, with probationary removals marked', () => {
    const removed = [p('2016-06-01', '2017-04-01', 'probationary', 1), p('2017-04-01', null, 'removed', 1)];
    expect(memberMovements(removed, ctx()).movements).toEqual([{ date: '2017-04-01', kind: 'removed', wasProbationary: true }]);
    const died = [p('1990-01-01', '2017-06-30', 'official', 2), p('2017-06-30', null, 'deceased', 2)];
    expect(memberMovements(died, ctx()).movements.map((m) => m.kind)).toEqual(['deceased']);
    const diedAfter = [p('1990-01-01', '2017-07-01', 'official', 2), p('2017-07-01', null, 'deceased', 2)];
    expect(memberMovements(diedAfter, ctx())).toEqual({ opening: true, closing: true, movements: [] });
  });

  it('counts members of a unit moved into the subtree by a restructuring', () => {
    const periods = [p('2000-01-01', null, 'official', 4)];
    expect(memberMovements(periods, ctx())).toEqual({ opening: false, closing: true, movements: [{ date: '2017-03-01', kind: 'reorganized_in', wasProbationary: false }] });
  });

  it('counts a member moved with a merged cell (a reorganized event) as a restructuring, not a transfer', () => {
    const periods = [p('2000-01-01', '2017-04-01', 'official', 3), p('2017-04-01', null, 'official', 1)];
    expect(memberMovements(periods, ctx({}, { '2017-04-01': ['reorganized'] })).movements.map((m) => m.kind)).toEqual(['reorganized_in']);
    const out = [p('2000-01-01', '2017-04-01', 'official', 1), p('2017-04-01', null, 'official', 3)];
    expect(memberMovements(out, ctx({}, { '2017-04-01': ['reorganized'] })).movements.map((m) => m.kind)).toEqual(['reorganized_out']);
  });

  it('keeps opening + increases − decreases = closing for a member who leaves and comes back', () => {
    const periods = [p('2000-01-01', '2017-02-01', 'official', 1), p('2017-02-01', '2017-05-01', 'left', 1), p('2017-05-01', null, 'probationary', 2)];
    const r = memberMovements(periods, ctx({}, { '2017-05-01': ['admission'] }));
    expect(r.movements.map((m) => m.kind)).toEqual(['left', 'admitted']);
    expect(Number(r.opening) + 1 - 1).toBe(Number(r.closing));
  });
});
