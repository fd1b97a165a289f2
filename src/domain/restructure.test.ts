import { describe, expect, it } from 'vitest';
import { assignSplit, isSameOrDescendant, planOperation, type Operation, type PlanFacts, type UnitFacts } from './restructure.ts';

// A district (1) with communes 10 and 20 (each with a cell), a grassroots cell 30, and a second district 2.
const unit = (id: number, kind: string, parentId: number | null, path: string, extra: Partial<UnitFacts> = {}): UnitFacts => ({
  id, code: String(id), name: `U${id}`, kind, parentId, parentKind: null, path, establishedOn: '2010-01-01', dissolvedOn: null,
  versionFrom: '2010-01-01', children: [], members: [], laterMembers: [], ...extra,
});
function facts(over: Record<number, Partial<UnitFacts>> = {}, codeHolders: Array<[string, number, string]> = []): PlanFacts {
  const list = [
    unit(1, 'district_committee', 100, '100.1', { parentKind: 'province_committee', children: [{ id: 10, code: '10', name: 'U10', kind: 'grassroots_committee' }, { id: 20, code: '20', name: 'U20', kind: 'grassroots_committee' }, { id: 30, code: '30', name: 'U30', kind: 'grassroots_cell' }] }),
    unit(2, 'district_committee', 100, '100.2', { parentKind: 'province_committee' }),
    unit(10, 'grassroots_committee', 1, '100.1.10', { parentKind: 'district_committee', children: [{ id: 11, code: '11', name: 'U11', kind: 'cell' }] }),
    unit(11, 'cell', 10, '100.1.10.11', { parentKind: 'grassroots_committee', members: [{ id: 501, fullName: 'An' }, { id: 502, fullName: 'Bình' }] }),
    unit(20, 'grassroots_committee', 1, '100.1.20', { parentKind: 'district_committee', children: [{ id: 21, code: '21', name: 'U21', kind: 'cell' }] }),
    unit(21, 'cell', 20, '100.1.20.21', { parentKind: 'grassroots_committee', members: [{ id: 503, fullName: 'Chi' }] }),
    unit(30, 'grassroots_cell', 1, '100.1.30', { parentKind: 'district_committee', members: [{ id: 504, fullName: 'Dũng' }] }),
  ];
  return {
    today: '2026-01-01',
    units: new Map(list.map((u) => [u.id, { ...u, ...over[u.id] }])),
    codeHolders: new Map(codeHolders.map(([code, id, name]) => [code, { id, name }])),
  };
}
const d = { effectiveDate: '2024-12-01', decisionNumber: '125-QĐ/HU' };
const plan = (op: Operation, f = facts()) => planOperation(op, f);
const errorsOf = (op: Operation, f = facts()) => {
  const r = planOperation(op, f);
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`);
};

describe('planOperation (Điều lệ Đảng 2011, Điều 10, khoản 3; in force from 19/01/2011)', () => {
  it('merges two communes into a new one: cells move whole, members stay in their cells, both end', () => {
    const r = plan({ ...d, kind: 'merge', sourceIds: [10, 20], target: { create: { code: '10', name: 'Xã mới', kind: 'grassroots_committee', parentId: 1 } } }, facts({}, [['10', 10, 'U10']]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.create).toEqual([{ ref: -1, code: '10', name: 'Xã mới', kind: 'grassroots_committee', parent: 1 }]);
    expect(r.plan.end).toEqual([10, 20]);
    expect(r.plan.change).toEqual([{ unitId: 11, parent: -1 }, { unitId: 21, parent: -1 }]);
    expect(r.plan.members).toEqual([]);
    expect(r.plan.successions).toEqual([{ from: 10, to: -1 }, { from: 20, to: -1 }]);
  });

  it('needs two sources for a new unit, or one source and an existing target', () => {
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [10], target: { create: { code: 'N', name: 'N', kind: 'grassroots_committee', parentId: 1 } } })).toEqual(['sourceIds:too_few']);
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [10], target: { unitId: 20 } })).toEqual([]);
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [], target: { unitId: 20 } })).toEqual(['sourceIds:too_few']);
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [10, 10], target: { unitId: 20 } })).toContain('sourceIds:duplicate');
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [20], target: { unitId: 20 } })).toContain('target.unitId:is_source');
  });

  it('moves the members of a grassroots cell merged into a cell one by one', () => {
    const r = plan({ ...d, kind: 'merge', sourceIds: [30], target: { unitId: 11 } });
    // A grassroots cell may not sit under a commune, but its members may join a cell.
    expect(r.ok && r.plan.members).toEqual([{ memberId: 504, fullName: 'Dũng', from: 30, to: 11 }]);
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [30], target: { unitId: 10 } })).toEqual(['sourceIds.0:not_a_cell']);
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [10], target: { unitId: 11 } })).toContain('target.unitId:inside_source');
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [20], target: { unitId: 11 } })).toEqual(['sourceIds.0:kind_not_allowed']);
  });

  it('ends a unit only after its current version began; changes it from that day on', () => {
    const f = facts({ 10: { versionFrom: '2024-12-01' }, 11: { versionFrom: '2024-12-02' } });
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [10], target: { unitId: 20 } }, f)).toEqual(['effectiveDate:before_current', 'effectiveDate:before_current']);
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [10], target: { unitId: 20 } }, facts({ 10: { versionFrom: '2024-11-30' }, 11: { versionFrom: '2024-12-01' } }))).toEqual([]);
    expect(errorsOf({ ...d, kind: 'rename', unitId: 11, name: 'Mới' }, facts({ 11: { versionFrom: '2024-12-01' } }))).toEqual([]);
    expect(errorsOf({ ...d, kind: 'rename', unitId: 11, name: 'Mới' }, facts({ 11: { versionFrom: '2024-12-02' } }))).toEqual(['effectiveDate:before_current']);
  });

  it('checks the date and the decision number', () => {
    expect(errorsOf({ ...d, effectiveDate: '2026-01-02', kind: 'rename', unitId: 11, name: 'X' })).toEqual(['effectiveDate:future_date']);
    expect(errorsOf({ ...d, effectiveDate: '2026-01-01', kind: 'rename', unitId: 11, name: 'X' })).toEqual([]);
    expect(errorsOf({ ...d, effectiveDate: '2011-01-18', kind: 'rename', unitId: 11, name: 'X' }, facts({ 11: { versionFrom: '2010-01-01' } }))).toEqual(['effectiveDate:before_rules']);
    expect(errorsOf({ ...d, effectiveDate: '2024-02-30', kind: 'rename', unitId: 11, name: 'X' })).toEqual(['effectiveDate:invalid_date']);
    expect(errorsOf({ ...d, decisionNumber: '', kind: 'rename', unitId: 11, name: 'X' })).toEqual(['decisionNumber:required']);
    expect(errorsOf({ ...d, decisionNumber: '1237/NQ-UBTVQH15', kind: 'rename', unitId: 11, name: 'X' })).toEqual([]);
  });

  it('refuses a move under the unit itself or a descendant, and a parent of the wrong kind', () => {
    expect(errorsOf({ ...d, kind: 'move', unitId: 10, parentId: 10 })).toEqual(['parentId:cycle']);
    expect(errorsOf({ ...d, kind: 'move', unitId: 10, parentId: 11 })).toEqual(['parentId:cycle']);
    expect(errorsOf({ ...d, kind: 'move', unitId: 10, parentId: 2 })).toEqual([]);
    expect(errorsOf({ ...d, kind: 'move', unitId: 11, parentId: 2 })).toEqual(['parentId:kind_not_allowed']);
    expect(errorsOf({ ...d, kind: 'move', unitId: 10, parentId: 1 })).toEqual(['parentId:no_change']);
  });

  it('refuses to dissolve while members remain unless they move in the same operation', () => {
    expect(errorsOf({ ...d, kind: 'dissolve', unitId: 11 })).toEqual(['membersTo:members_remain']);
    expect(errorsOf({ ...d, kind: 'dissolve', unitId: 11 }, facts({ 11: { members: [] } }))).toEqual([]);
    const r = plan({ ...d, kind: 'dissolve', unitId: 11, membersTo: 21 });
    expect(r.ok && r.plan.members.map((m) => [m.memberId, m.to])).toEqual([[501, 21], [502, 21]]);
    expect(errorsOf({ ...d, kind: 'dissolve', unitId: 11, membersTo: 20 })).toEqual(['membersTo:not_a_cell']);
    // Sub-units go to the parent by default, if their kind may sit there: a cell may not sit under a district.
    expect(errorsOf({ ...d, kind: 'dissolve', unitId: 10 })).toEqual(['subUnitsTo:kind_not_allowed']);
    const c = plan({ ...d, kind: 'dissolve', unitId: 10, subUnitsTo: 20 });
    expect(c.ok && c.plan.change).toEqual([{ unitId: 11, parent: 20 }]);
    expect(c.ok && c.plan.successions).toEqual([]);
    expect(errorsOf({ ...d, kind: 'dissolve', unitId: 10, subUnitsTo: 11 })).toEqual(['subUnitsTo:inside']);
  });

  it('refuses to end a unit members join after the effective date', () => {
    expect(errorsOf({ ...d, kind: 'dissolve', unitId: 11, membersTo: 21 }, facts({ 11: { laterMembers: [{ id: 9, fullName: 'Muộn' }] } }))).toEqual(['effectiveDate:members_after']);
  });

  it('splits a cell: every member must be assigned, by the list or the default', () => {
    const op: Operation = { ...d, kind: 'split', sourceId: 11, successors: [{ unitId: 11 }, { create: { code: '12', name: 'Chi bộ mới', kind: 'cell', parentId: 10 } }], members: [{ memberId: 502, successor: 1 }] };
    expect(errorsOf(op)).toEqual(['members:unassigned']);
    const r = plan({ ...op, defaultSuccessor: 0 });
    expect(r.ok && r.plan.members).toEqual([{ memberId: 502, fullName: 'Bình', from: 11, to: -1 }]);
    expect(r.ok && r.plan.end).toEqual([]);
    expect(errorsOf({ ...op, members: [{ memberId: 999, successor: 1 }], defaultSuccessor: 0 })).toEqual(['members:not_in_source']);
    expect(errorsOf({ ...op, members: [{ memberId: 502, successor: 2 }], defaultSuccessor: 0 })).toEqual(['members.0.successor:out_of_range']);
    expect(errorsOf({ ...op, successors: [{ unitId: 11 }] })).toContain('successors:too_few');
  });

  it('splits a commune by whole cells, and ends it when it is not among the successors', () => {
    const f = facts({ 10: { children: [{ id: 11, code: '11', name: 'U11', kind: 'cell' }, { id: 12, code: '12', name: 'U12', kind: 'cell' }] } });
    f.units.get(10)!; (f.units as Map<number, UnitFacts>).set(12, unit(12, 'cell', 10, '100.1.10.12'));
    const r = planOperation({ ...d, kind: 'split', sourceId: 10, successors: [{ unitId: 20 }, { create: { code: '40', name: 'Xã 40', kind: 'grassroots_committee', parentId: 1 } }], subUnits: [{ unitId: 12, successor: 1 }], defaultSuccessor: 0 }, f);
    expect(r.ok && r.plan.change).toEqual([{ unitId: 11, parent: 20 }, { unitId: 12, parent: -1 }]);
    expect(r.ok && r.plan.end).toEqual([10]);
    expect(r.ok && r.plan.successions).toEqual([{ from: 10, to: 20 }, { from: 10, to: -1 }]);
  });

  it('gives out a code only when no living unit holds it, except a unit ending in the same operation', () => {
    expect(errorsOf({ ...d, kind: 'rename', unitId: 11, code: '21' }, facts({}, [['21', 21, 'U21']]))).toEqual(['code:duplicate']);
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [10, 20], target: { create: { code: '20', name: 'X', kind: 'grassroots_committee', parentId: 1 } } }, facts({}, [['20', 20, 'U20']]))).toEqual([]);
    expect(errorsOf({ ...d, kind: 'merge', sourceIds: [10, 20], target: { create: { code: '30', name: 'X', kind: 'grassroots_committee', parentId: 1 } } }, facts({}, [['30', 30, 'U30']]))).toEqual(['code:duplicate']);
  });

  it('changes a kind only where parent, children and members allow it', () => {
    expect(errorsOf({ ...d, kind: 'rename', unitId: 30, unitKind: 'grassroots_committee' })).toEqual(['unitKind:has_members']);
    expect(errorsOf({ ...d, kind: 'rename', unitId: 10, unitKind: 'grassroots_cell' })).toEqual(['unitKind:children_misfit']);
    expect(errorsOf({ ...d, kind: 'rename', unitId: 10, unitKind: 'cell' })).toContain('unitKind:kind_not_allowed');
    expect(errorsOf({ ...d, kind: 'rename', unitId: 10 })).toEqual(['name:no_change']);
    expect(errorsOf({ ...d, kind: 'rename', unitId: 99, name: 'X' })).toEqual(['unitId:not_found']);
    expect(errorsOf({ ...d, kind: 'rename', unitId: 10, name: 'X' }, facts({ 10: { dissolvedOn: '2020-01-01' } }))).toEqual(['unitId:dissolved']);
  });
});

describe('assignSplit', () => {
  it('takes the list first, then the default; reports what is left and what is unknown', () => {
    const a = assignSplit([1, 2, 3], [7], { members: [{ memberId: 2, successor: 1 }, { memberId: 9, successor: 0 }], defaultSuccessor: null });
    expect([...a.members]).toEqual([[2, 1]]);
    expect(a.unassignedMembers).toEqual([1, 3]);
    expect(a.unassignedSubUnits).toEqual([7]);
    expect(a.unknownMembers).toEqual([9]);
    const b = assignSplit([1, 2], [7], { members: [{ memberId: 2, successor: 1 }], defaultSuccessor: 0 });
    expect([...b.members]).toEqual([[1, 0], [2, 1]]);
    expect([...b.subUnits]).toEqual([[7, 0]]);
  });
  it('isSameOrDescendant compares whole labels', () => {
    expect(isSameOrDescendant('1.10', '1.1')).toBe(false);
    expect(isSameOrDescendant('1.1.5', '1.1')).toBe(true);
    expect(isSameOrDescendant('1.1', '1.1')).toBe(true);
  });
});
