// Restructuring operations on a real database: merge, dissolve, split, move, rename, undo, concurrency,
// and codes resolved by date. After each change the stored counts equal a recount, `check history` finds
// nothing, and the tree and counts of the day before are what they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import { seedFixture, type Fixture } from './fixtures.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { RestructureService, registerOpenItemMover } from '../../src/commands/restructure.ts';
import { checkHistory } from '../../src/commands/check-history.ts';
import { memberCounts } from '../../src/reports/member-counts.ts';
import { checkCounts } from '../../src/commands/check-counts.ts';
import { todayIso } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/policies/index.ts';
import { AppError } from '../../src/domain/errors.ts';

let handle: DatabaseHandle;
let f: Fixture;
let actor: Actor;
let svc: RestructureService;
beforeEach(async () => {
  handle = await openTestDatabase();
  f = await seedFixture(handle);
  actor = await systemActor(handle.db);
  svc = new RestructureService(handle.db, actor);
});
afterEach(async () => handle?.close());

const u = (code: string) => f.units[code]!;
const decision = { decisionNumber: '125-QĐ/HU', decisionDate: '2024-11-20', issuedBy: 'Huyện ủy Châu Thành' };

/** The stored counts table against a recount of the members, and the event log against the periods. */
async function consistent() {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT unit_id, status, n FROM unit_member_count WHERE n <> 0
      EXCEPT SELECT unit_id, status, count(*)::int FROM member GROUP BY unit_id, status
    ) a`.execute(handle.db);
  const { rows: back } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT unit_id, status, count(*)::int FROM member GROUP BY unit_id, status
      EXCEPT SELECT unit_id, status, n FROM unit_member_count
    ) a`.execute(handle.db);
  expect(rows[0]!.n + back[0]!.n, 'unit_member_count equals a recount').toBe(0);
  const history = await checkHistory(handle.db);
  expect(history.problems).toEqual([]);
  // Paths follow the parents.
  const { rows: paths } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM unit c JOIN unit p ON p.id = c.parent_id WHERE c.path <> p.path || c.id::text`.execute(handle.db);
  expect(paths[0]!.n).toBe(0);
  // Every kept number (statistics roll-up, counters, the member list's subtree keys) equals its recount, and
  // today's roll read from the roll-up equals the one recounted from the history.
  expect((await checkCounts(handle.db)).differences).toEqual([]);
  for (const code of ['83', '831', '836']) {
    expect(await memberCounts(handle.db, actor, u(code), todayIso(), 'auto'), code).toEqual(await memberCounts(handle.db, actor, u(code), todayIso(), 'history'));
  }
}

/** The tree with member counts of a date, as reports read it. */
async function treeOn(date: string) {
  const counts = await memberCounts(handle.db, actor, u('83'), date);
  const sub = await Promise.all(counts.children.map((c) => memberCounts(handle.db, actor, u(c.code) ?? 0, date).catch(() => null)));
  const { rows } = await sql<{ unit_id: number; code: string; name: string; parent_id: number | null }>`
    SELECT unit_id, code, name, parent_id FROM unit_version WHERE valid_from <= ${date} AND (valid_to IS NULL OR valid_to > ${date}) ORDER BY unit_id`.execute(handle.db);
  return { counts, sub, rows };
}

describe(`restructuring on ${backend}`, () => {
  it('merges two communes into a new one that takes a code: cells move, members stay, the day before is unchanged', async () => {
    const before = await treeOn('2024-11-30');
    const op = {
      kind: 'merge' as const, effectiveDate: '2024-12-01', ...decision, note: 'Giả định: các chi bộ ấp giữ nguyên',
      sourceIds: [u('28861'), u('28834')],
      target: { create: { code: '28861', name: 'Đảng bộ xã Tiên Thủy', kind: 'grassroots_committee', parentId: u('831') } },
    };
    const preview = await svc.preview(op);
    expect(preview.created).toEqual([{ code: '28861', name: 'Đảng bộ xã Tiên Thủy', kind: 'grassroots_committee', parentName: 'Đảng bộ huyện Châu Thành' }]);
    expect(preview.ended.map((e) => e.code).sort()).toEqual(['28834', '28861']);
    expect(preview.changed.map((c) => c.code).sort()).toEqual(['28834.01', '28861.01', '28861.02']);
    expect(preview.members.count).toBe(0);
    expect(preview.membersWithSubUnits).toBe(4);
    // The preview wrote nothing.
    expect(await handle.db.selectFrom('restructuring').select('id').execute()).toEqual([]);

    const rec = await svc.apply(op);
    expect(rec.kind).toBe('merge');
    expect(rec.note).toContain('Giả định');
    const merged = await handle.db.selectFrom('unit').selectAll().where('code', '=', '28861').where('dissolved_on', 'is', null).executeTakeFirstOrThrow();
    expect(merged.id).not.toBe(u('28861'));
    const cells = await handle.db.selectFrom('unit').select(['code', 'parent_id']).where('code', 'in', ['28861.01', '28861.02', '28834.01']).execute();
    expect(cells.every((c) => c.parent_id === merged.id)).toBe(true);
    const members = await handle.db.selectFrom('member').select(['unit_id']).where('full_name', 'in', ['Trần Ngọc Tâm', 'Phạm Thị Hòa']).execute();
    expect(members.map((m) => m.unit_id).sort()).toEqual([u('28834.01'), u('28861.01')].sort());
    const succ = await handle.db.selectFrom('unit_succession').selectAll().where('successor_id', '=', merged.id).execute();
    expect(succ.map((s) => s.predecessor_id).sort()).toEqual([u('28861'), u('28834')].sort());
    const audit = await handle.db.selectFrom('audit_log').select('entity').where('entity', '=', 'restructuring').execute();
    expect(audit.length).toBeGreaterThan(0);

    expect(await treeOn('2024-11-30')).toEqual(before);
    const after = await memberCounts(handle.db, actor, u('831'), '2024-12-01');
    expect(after.children.map((c) => [c.code, c.total])).toEqual([['28861', 4]]);
    expect(after.total).toBe(4);
    // The code names the old commune the day before, the new one from the effective date.
    const units = new UnitRepository(handle.db, actor);
    expect(await units.resolveCode('28861', '2024-11-30')).toBe(u('28861'));
    expect(await units.resolveCode('28861', '2024-12-01')).toBe(merged.id);
    await expect(units.resolveCode('28834', '2024-12-01')).rejects.toThrow(/Ngày 01\/12\/2024 không có đơn vị nào mang mã 28834.*Đảng bộ xã Thành Triệu \(01\/01\/2010 – 30\/11\/2024\)/);
    await consistent();
    expect((await svc.list(merged.id)).map((r) => r.id)).toEqual([rec.id]);
    expect((await svc.list(u('28834'))).map((r) => r.id)).toEqual([rec.id]);
  });

  it('refuses to dissolve a cell with members; with a destination they move by dated events', async () => {
    const op = { kind: 'dissolve' as const, unitId: u('28861.02'), effectiveDate: '2024-06-01', ...decision };
    const refused = await svc.apply(op).catch((e: AppError) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fields[0]).toMatchObject({ field: 'membersTo', code: 'members_remain' });
    expect((refused as AppError).message).toContain('còn 1 đảng viên');
    expect(await handle.db.selectFrom('restructuring').select('id').execute()).toEqual([]);

    const before = await treeOn('2024-05-31');
    const preview = await svc.preview({ ...op, membersTo: u('28861.01') });
    expect(preview.members).toMatchObject({ count: 1, sample: [{ fullName: 'Lê Văn Thuỷ', from: 'Chi bộ ấp Tiên Thủy 2', to: 'Chi bộ ấp Tiên Thủy 1' }] });
    const rec = await svc.apply({ ...op, membersTo: u('28861.01') });
    expect(rec.memberCount).toBe(1);
    const m = await handle.db.selectFrom('member').select(['unit_id', 'status']).where('id', '=', f.members['Lê Văn Thuỷ']!).executeTakeFirstOrThrow();
    expect(m).toEqual({ unit_id: u('28861.01'), status: 'official' });
    const periods = await handle.db.selectFrom('member_period').select(['valid_from', 'valid_to', 'unit_id']).where('member_id', '=', f.members['Lê Văn Thuỷ']!).orderBy('valid_from').execute();
    expect(periods).toEqual([
      { valid_from: '2011-05-19', valid_to: '2024-06-01', unit_id: u('28861.02') },
      { valid_from: '2024-06-01', valid_to: null, unit_id: u('28861.01') },
    ]);
    const ev = await handle.db.selectFrom('member_event').select(['kind', 'effective_date', 'decision_number']).where('member_id', '=', f.members['Lê Văn Thuỷ']!).execute();
    expect(ev).toEqual([{ kind: 'reorganized', effective_date: '2024-06-01', decision_number: '125-QĐ/HU' }]);
    expect(await treeOn('2024-05-31')).toEqual(before);
    await consistent();
  });

  it('undoes a merge exactly, and refuses while a later operation depends on it', async () => {
    const snapshot = async () => ({
      units: await handle.db.selectFrom('unit').select(['id', 'code', 'name', 'kind', 'parent_id', 'path', 'dissolved_on']).orderBy('id').execute(),
      versions: await handle.db.selectFrom('unit_version').selectAll().orderBy('unit_id').orderBy('valid_from').execute(),
      periods: await handle.db.selectFrom('member_period').selectAll().orderBy('member_id').orderBy('valid_from').execute(),
      members: await handle.db.selectFrom('member').select(['id', 'unit_id', 'status']).orderBy('id').execute(),
      counts: (await sql`SELECT unit_id, status, n FROM unit_member_count WHERE n <> 0 ORDER BY 1, 2`.execute(handle.db)).rows,
      succession: await handle.db.selectFrom('unit_succession').selectAll().execute(),
    });
    const before = await snapshot();
    // A cell merged into another cell: its members move one by one.
    const merge = await svc.apply({ kind: 'merge', effectiveDate: '2024-03-01', ...decision, sourceIds: [u('28861.02')], target: { unitId: u('28861.01') } });
    const rename = await svc.apply({ kind: 'rename', unitId: u('28861.01'), name: 'Chi bộ ấp Tiên Thủy', effectiveDate: '2024-04-01', ...decision });
    await expect(svc.undo(merge.id)).rejects.toThrow(new RegExp(`thao tác sau #${rename.id}`));
    const undoRename = await svc.undo(rename.id);
    expect(undoRename.kind).toBe('undo');
    const undoMerge = await svc.undo(merge.id);
    expect(undoMerge.undoesId).toBe(merge.id);
    const after = await snapshot();
    expect(after).toEqual(before);
    await expect(svc.undo(merge.id)).rejects.toThrow(/đã được hủy/);
    const list = await svc.list(u('28861.02'));
    expect(list.find((r) => r.id === merge.id)!.undoneById).toBe(undoMerge.id);
    await consistent();
  });

  it('undoes a merge into a new unit: the new unit is removed, the code goes back', async () => {
    const rec = await svc.apply({
      kind: 'merge', effectiveDate: '2024-12-01', ...decision, sourceIds: [u('28861'), u('28834')],
      target: { create: { code: '28861', name: 'Đảng bộ xã Tiên Thủy', kind: 'grassroots_committee', parentId: u('831') } },
    });
    await svc.undo(rec.id);
    const units = new UnitRepository(handle.db, actor);
    expect(await units.resolveCode('28861', '2025-01-01')).toBe(u('28861'));
    expect((await handle.db.selectFrom('unit').select('id').where('code', '=', '28861').execute()).length).toBe(1);
    await consistent();
  });

  it('splits a cell by a list of members and moves a commune to another district', async () => {
    await handle.db.transaction().execute(async () => undefined);
    const op = {
      kind: 'split' as const, effectiveDate: '2023-01-01', ...decision, sourceId: u('28861.01'),
      successors: [{ unitId: u('28861.01') }, { create: { code: '28861.03', name: 'Chi bộ ấp Tiên Thủy 3', kind: 'cell', parentId: u('28861') } }],
      members: [{ memberId: f.members['Nguyễn Thị Thủy']!, successor: 1 }],
    };
    // Without a default every member must be listed.
    await expect(svc.preview(op)).rejects.toThrow(/Chưa phân 1 đảng viên về đơn vị nào: Trần Ngọc Tâm/);
    const rec = await svc.apply({ ...op, defaultSuccessor: 0 });
    const moved = await handle.db.selectFrom('member as m').innerJoin('unit as u', 'u.id', 'm.unit_id').select(['m.full_name', 'u.code']).where('m.unit_id', 'in', [u('28861.01')]).execute();
    expect(moved.map((m) => m.full_name)).toEqual(['Trần Ngọc Tâm']);
    expect((await svc.get(rec.id)).memberCount).toBe(1);
    await expect(svc.apply({ kind: 'move', unitId: u('28861'), parentId: u('28861.01'), effectiveDate: '2023-02-01', ...decision })).rejects.toMatchObject({ fields: [{ field: 'parentId', code: 'cycle' }] });
    await svc.apply({ kind: 'move', unitId: u('28861'), parentId: u('836'), effectiveDate: '2023-02-01', ...decision });
    const c836 = await memberCounts(handle.db, actor, u('836'), '2023-02-01');
    expect(c836.total).toBe(5);
    expect((await memberCounts(handle.db, actor, u('836'), '2023-01-31')).total).toBe(2);
    await consistent();
  });

  it('refuses dates before the current versions and kinds that do not fit', async () => {
    await svc.apply({ kind: 'rename', unitId: u('28834'), name: 'Đảng bộ xã Thành Triệu mới', effectiveDate: '2020-01-01', ...decision });
    const early = await svc.preview({ kind: 'merge', effectiveDate: '2019-12-31', ...decision, sourceIds: [u('28834')], target: { unitId: u('28861') } }).catch((e: AppError) => e);
    expect((early as AppError).fields).toEqual([expect.objectContaining({ field: 'effectiveDate', code: 'before_current' })]);
    // The same day as the current version is still refused for a unit that ends (it would last no day).
    await expect(svc.preview({ kind: 'merge', effectiveDate: '2020-01-01', ...decision, sourceIds: [u('28834')], target: { unitId: u('28861') } })).rejects.toThrow(/phải sau 01\/01\/2020/);
    await expect(svc.preview({ kind: 'merge', effectiveDate: '2020-01-02', ...decision, sourceIds: [u('28834')], target: { unitId: u('28861') } })).resolves.toBeTruthy();
    // A commune cannot be merged into a cell; a commune's cells cannot go under a cell.
    await expect(svc.preview({ kind: 'merge', effectiveDate: '2021-01-01', ...decision, sourceIds: [u('28834')], target: { unitId: u('28861.01') } })).rejects.toThrow(/không thể trực thuộc/);
    await expect(svc.preview({ kind: 'merge', effectiveDate: '2021-01-01', ...decision, sourceIds: [u('28834')], target: { create: { code: 'X1', name: 'X', kind: 'grassroots_committee', parentId: u('831') } } })).rejects.toThrow(/ít nhất hai/);
    await expect(svc.preview({ kind: 'merge', effectiveDate: '2021-01-01', decisionNumber: 'abc', sourceIds: [u('28834')], target: { unitId: u('28861') } })).rejects.toMatchObject({ fields: [{ field: 'decisionNumber', code: 'format' }] });
  });

  it('keeps concurrent operations on the same units consistent: one wins, the other is refused', async () => {
    const a = svc.apply({ kind: 'merge', effectiveDate: '2024-12-01', ...decision, sourceIds: [u('28834')], target: { unitId: u('28861') } });
    const b = new RestructureService(handle.db, actor).apply({ kind: 'merge', effectiveDate: '2024-12-01', ...decision, sourceIds: [u('28834')], target: { unitId: u('29161') } });
    const results = await Promise.allSettled([a, b]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(failed.reason.message)).toMatch(/đã giải thể/);
    expect(await handle.db.selectFrom('unit_succession').select('predecessor_id').execute()).toHaveLength(1);
    await consistent();
  });

  it('resolves a reused code by date (28810 style) and says who held it when no unit did', async () => {
    const units = new UnitRepository(handle.db, actor);
    // 29161 (An Hiệp) is merged away on 1/12/2024 and its code handed on to the renamed 28834 of the same day.
    await svc.apply({ kind: 'merge', effectiveDate: '2024-12-01', ...decision, sourceIds: [u('29161')], target: { unitId: u('28861') } });
    await expect(svc.preview({ kind: 'rename', unitId: u('28834'), code: '28861', effectiveDate: '2024-12-01', ...decision })).rejects.toThrow(/Mã 28861 đang là mã của/);
    await svc.apply({ kind: 'rename', unitId: u('28834'), code: '29161', name: 'Đảng bộ thị trấn Thành Triệu', unitKind: 'grassroots_committee', effectiveDate: '2024-12-01', ...decision });
    expect(await units.resolveCode('29161', '2024-11-30')).toBe(u('29161'));
    expect(await units.resolveCode('29161', '2024-12-01')).toBe(u('28834'));
    expect(await units.resolveCode('28834', '2024-11-30')).toBe(u('28834'));
    const err = await units.resolveCode('29161', '2009-12-31').catch((e: AppError) => e) as AppError;
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('Ngày 31/12/2009 không có đơn vị nào mang mã 29161. Mã này thuộc: Đảng bộ xã An Hiệp (01/01/2010 – 30/11/2024); Đảng bộ thị trấn Thành Triệu (từ 01/12/2024)');
    await expect(units.resolveCode('99999', '2024-12-01')).rejects.toThrow('Không tìm thấy đơn vị mã 99999');
    // Search of a date finds the holder of that date.
    expect((await units.search('29161', 5, '2024-06-01')).map((r) => r.name)).toEqual(['Đảng bộ xã An Hiệp']);
    expect((await units.search('29161', 5)).map((r) => r.name)).toEqual(['Đảng bộ thị trấn Thành Triệu']);
    expect((await units.search('an hiep', 5, '2024-06-01')).map((r) => r.code)).toEqual(['29161', '29161.01']);
    await consistent();
  });

  it('moves registered open items with the unit that ends and back on undo', async () => {
    const moved: Array<[number, number]> = [];
    registerOpenItemMover({
      key: 'test_items', labelVi: 'việc đang mở (thử)',
      count: async (_db, ids) => (ids.includes(u('28834')) ? 2 : 0),
      move: async (_tx, from, to) => { moved.push([from, to]); return from === u('28834') ? [1, 2] : []; },
      moveBack: async (_tx, ids, to) => { moved.push([ids.length, to]); },
    });
    const op = { kind: 'merge' as const, effectiveDate: '2024-12-01', ...decision, sourceIds: [u('28834')], target: { unitId: u('28861') } };
    expect((await svc.preview(op)).openItems).toContainEqual({ key: 'test_items', label: 'việc đang mở (thử)', count: 2 });
    const rec = await svc.apply(op);
    await svc.undo(rec.id);
    expect(moved).toEqual([[u('28834'), u('28861')], [2, u('28834')]]);
  });
});
