// A file of dated commune changes applied as restructurings (issue 8): bad rows refuse their whole date with
// the row number and the reason, codes handed on resolve by date, a re-run skips what is there, and the CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { seedFixture, type Fixture } from './fixtures.ts';
import { cliDatabase, dangvu } from './cli-harness.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { memberCounts } from '../../src/reports/member-counts.ts';
import { applyChanges, CHANGE_COLUMNS, parseChanges } from '../../src/commands/apply-changes.ts';
import type { Actor } from '../../src/policies/index.ts';

const HEADER = CHANGE_COLUMNS.join(',');
const file = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const RETYPE = '2023-04-10,724/NQ-UBTVQH15,retype,28861,Tiên Thủy,xã,831,28861,Tiên Thủy,thị trấn,831,xã became thị trấn';
// Thị trấn Tiên Thủy absorbs Thành Triệu and takes its code, as thị trấn Châu Thành took An Khánh's 28810.
const HAND_ON = [
  '2024-12-01,1237/NQ-UBTVQH15,merge,28861,Tiên Thủy,thị trấn,831,28834,Tiên Thủy,thị trấn,831,receiving unit; takes 28834',
  '2024-12-01,1237/NQ-UBTVQH15,merge,28834,Thành Triệu,xã,831,28834,Tiên Thủy,thị trấn,831,merged into Tiên Thủy',
];

let handle: DatabaseHandle;
let fixture: Fixture;
let actor: Actor;
beforeAll(async () => {
  handle = await openTestDatabase();
  fixture = await seedFixture(handle);
  actor = await systemActor(handle.db);
});
afterAll(async () => handle?.close());
const records = async () => (await handle.db.selectFrom('restructuring').select('id').execute()).length;

describe(`apply-changes on ${backend}`, () => {
  it('refuses malformed rows with their line numbers', () => {
    expect(() => parseChanges('a,b\n')).toThrow('Dòng 1: dòng tiêu đề phải là effective_date,resolution');
    expect(() => parseChanges(file(RETYPE, '2024-13-01,1237/NQ-UBTVQH15,merge,28834,Thành Triệu,xã,831,28861,Tiên Thủy,xã,831,', '2024-12-01,1237/NQ-UBTVQH15,split,28834,Thành Triệu,xã,831,28861,Tiên Thủy,xã,831,')))
      .toThrow(/Dòng 3: effective_date "2024-13-01".*; Dòng 4: loại thay đổi "split" không được hỗ trợ/);
  });

  it("refuses a date whose old unit does not exist, whose new code is another unit's, or that has no receiver, and applies none of its rows", async () => {
    const missing = parseChanges(file(
      '2024-12-01,1237/NQ-UBTVQH15,merge,28834,Thành Triệu,xã,831,28861,Tiên Thủy,xã,831,',
      '2024-12-01,1237/NQ-UBTVQH15,merge,28861,Tiên Thủy,xã,831,28861,Tiên Thủy,xã,831,receiving unit',
      '2024-12-01,1237/NQ-UBTVQH15,merge,28999,Không Có,xã,831,28861,Tiên Thủy,xã,831,',
    ));
    await expect(applyChanges(handle.db, actor, missing)).rejects.toThrow(/Các thay đổi ngày 01\/12\/2024 không được áp dụng: Dòng 4: đơn vị cũ 28999 Không Có không tồn tại vào ngày 01\/12\/2024: Không tìm thấy đơn vị mã 28999/);
    const taken = parseChanges(file('2024-12-01,1237/NQ-UBTVQH15,merge,28834,Thành Triệu,xã,831,29161,Mới,xã,831,'));
    await expect(applyChanges(handle.db, actor, taken)).rejects.toThrow('Dòng 2: mã mới 29161 (Mới) đang là mã của Đảng bộ xã An Hiệp vào ngày 01/12/2024');
    const noReceiver = parseChanges(file('2024-12-01,1237/NQ-UBTVQH15,merge,28834,Thành Triệu,xã,831,,,,,unknown'));
    await expect(applyChanges(handle.db, actor, noReceiver)).rejects.toThrow('Dòng 2: 28834 Thành Triệu không có đơn vị nhận (new_unit_code trống); hãy chỉ định một đơn vị nhận giả định (--assume 28834=MÃ)');
    expect(await records()).toBe(0);
    const unit = await handle.db.selectFrom('unit').select('dissolved_on').where('id', '=', fixture.units['28834']!).executeTakeFirstOrThrow();
    expect(unit.dissolved_on).toBeNull();
  });

  it('applies the dates before a bad one, previews without storing, hands a code on by date and skips what is applied', async () => {
    const bad = parseChanges(file(RETYPE, HAND_ON[1]!, '2024-12-01,1237/NQ-UBTVQH15,merge,28998,Không Có,xã,831,28834,Tiên Thủy,thị trấn,831,'));
    await expect(applyChanges(handle.db, actor, bad)).rejects.toThrow(/Dòng 4: đơn vị cũ 28998.*\(đã áp dụng trước đó: ngày 10\/04\/2023\)$/);
    expect(await records()).toBe(1);
    const before = await memberCounts(handle.db, actor, fixture.units['28834']!, '2024-11-30');

    const good = parseChanges(file(RETYPE, ...HAND_ON));
    const preview = await applyChanges(handle.db, actor, good, { dryRun: true });
    expect(preview.map((o) => [o.status, o.records.map((r) => r.kind)])).toEqual([['skipped', []], ['applied', ['merge', 'rename']]]);
    expect(await records()).toBe(1);

    const done = await applyChanges(handle.db, actor, good);
    expect(done.map((o) => o.status)).toEqual(['skipped', 'applied']);
    const units = new UnitRepository(handle.db, actor);
    expect(await units.resolveCode('28834', '2024-11-30')).toBe(fixture.units['28834']);
    expect(await units.resolveCode('28834', '2025-01-15')).toBe(fixture.units['28861']);
    expect(await units.versionOn(fixture.units['28861']!, '2025-01-15')).toEqual({ code: '28834', name: 'Đảng bộ thị trấn Tiên Thủy', kind: 'grassroots_committee' });
    expect(await units.versionOn(fixture.units['28861']!, '2023-04-09')).toEqual({ code: '28861', name: 'Đảng bộ xã Tiên Thủy', kind: 'grassroots_committee' });
    await expect(units.resolveCode('28861', '2025-01-15')).rejects.toThrow('Mã này thuộc: Đảng bộ thị trấn Tiên Thủy (01/01/2010 – 30/11/2024)');
    // The day before, Thành Triệu's total is what it was before the merge.
    expect((await memberCounts(handle.db, actor, fixture.units['28834']!, '2024-11-30')).total).toBe(before.total);
    expect(before.total).toBe(1);
    expect((await applyChanges(handle.db, actor, good)).map((o) => o.status)).toEqual(['skipped', 'skipped']);
  });
});

describe(`CLI restructure apply-changes (${backend})`, () => {
  it('previews, refuses a bad row with its line and exit 2, applies, and reads --unit on the report date', { timeout: 300_000 }, async () => {
    const { env, cleanup } = await cliDatabase(seedFixture);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-changes-'));
    try {
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, file(RETYPE, '2023-04-10,724/NQ-UBTVQH15,merge,28834,Thành Triệu,xã,831,29161,Mới,xã,831,'));
      const refused = dangvu(['restructure', 'apply-changes', bad], env);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain('Dòng 3: mã mới 29161 (Mới) đang là mã của Đảng bộ xã An Hiệp vào ngày 10/04/2023');
      const good = path.join(dir, 'good.csv');
      fs.writeFileSync(good, file(RETYPE, ...HAND_ON));
      const dry = dangvu(['restructure', 'apply-changes', good, '--dry-run'], env);
      expect(dry.err).toBe('');
      expect(dry.out).toContain('Xem trước; chưa lưu gì.');
      expect(dry.out).toContain('01/12/2024 (1237/NQ-UBTVQH15, 2 dòng): 2 thao tác');
      const applied = dangvu(['restructure', 'apply-changes', good, '--until', '2024-12-01'], env);
      expect(applied.err).toBe('');
      expect(applied.out).toContain('10/04/2023 (724/NQ-UBTVQH15, 1 dòng): 1 thao tác');
      const report = dangvu(['report', 'members', '--unit', '28834', '--as-of', '2025-01-15'], env);
      expect(report.err).toBe('');
      expect(JSON.parse(report.out).unit).toEqual({ code: '28834', name: 'Đảng bộ thị trấn Tiên Thủy', kind: 'grassroots_committee' });
      const old = dangvu(['report', 'members', '--unit', '28834', '--as-of', '2024-11-30'], env);
      expect(JSON.parse(old.out).unit).toEqual({ code: '28834', name: 'Đảng bộ xã Thành Triệu', kind: 'grassroots_committee' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await cleanup();
    }
  });
});
