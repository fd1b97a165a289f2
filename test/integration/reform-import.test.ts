// The 2025 reform import on a real database: a tiny two-district province and a mapping in the form of
// mapping_2025.csv. Before the effective date every count is what it was; after it each merged unit counts
// the sum of its predecessors. Every kind of bad input is reported by line and stores nothing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { ReformImportService, ReformImportRefused } from '../../src/commands/reform-import.ts';
import { RestructureService } from '../../src/commands/restructure.ts';
import { memberCounts } from '../../src/reports/member-counts.ts';
import { checkHistory } from '../../src/commands/check-history.ts';
import { checkCounts } from '../../src/commands/check-counts.ts';
import type { Actor } from '../../src/policies/index.ts';
import type { Fixture } from './fixtures.ts';
import { REFORM_HEADER, REFORM_ROWS, reformCsv, seedReformFixture } from './reform-fixture.ts';

const D = '2025-07-01';
const BEFORE = '2025-06-30';

async function stored(handle: DatabaseHandle) {
  const { rows } = await sql<{ r: number; v: number; e: number }>`
    SELECT (SELECT count(*) FROM restructuring)::int AS r, (SELECT count(*) FROM unit_version)::int AS v, (SELECT count(*) FROM member_event)::int AS e`.execute(handle.db);
  return rows[0]!;
}

describe(`reform import on ${backend}: bad input`, () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  let svc: ReformImportService;
  let empty: { r: number; v: number; e: number };
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedReformFixture(handle);
    actor = await systemActor(handle.db);
    svc = new ReformImportService(handle.db, actor);
    empty = await stored(handle);
  });
  afterAll(async () => handle?.close());

  /** The file is refused with a problem of `code` on `line`, and nothing was written. */
  async function refused(text: string | Uint8Array, code: string, line: number | null) {
    const input = typeof text === 'string' ? { text, effectiveDate: D } : { bytes: text, effectiveDate: D };
    const preview = await svc.preview(input);
    expect(preview.canApply).toBe(false);
    expect(preview.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.line])).toContainEqual([code, line]);
    const e = await svc.apply(input).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReformImportRefused);
    expect((e as ReformImportRefused).report.problems.some((p) => p.code === code && p.line === line)).toBe(true);
    expect(await stored(handle)).toEqual(empty);
    return preview;
  }

  it('an unknown code is reported on its line, not guessed', async () => {
    const p = await refused(reformCsv([...REFORM_ROWS, '28899,Không Có,831,83,28861,Tiên Thuỷ,86']), 'unknown_unit', 10);
    expect(p.problems.find((x) => x.line === 10)!.message).toContain('28899');
  });
  it('a code the database holds under another name (a reused code) is reported', async () => {
    await refused(reformCsv(REFORM_ROWS.map((r) => r.replace('28834,Thành Triệu', '28834,An Khánh'))), 'name_mismatch', 2);
  });
  it('a duplicate row is reported with the line it repeats', async () => {
    const p = await refused(reformCsv([...REFORM_ROWS, REFORM_ROWS[0]!]), 'duplicate_row', 10);
    expect(p.problems.find((x) => x.code === 'duplicate_row')!.message).toContain('dòng 2');
  });
  it('a missing column is reported on the header line', async () => {
    const p = await refused(reformCsv(REFORM_ROWS.map((r) => r.split(',').slice(0, 6).join(',')), REFORM_HEADER.split(',').slice(0, 6).join(',')), 'missing_column', 1);
    expect(p.problems[0]!.message).toContain('new_province_code');
  });
  it('text damaged by a wrong encoding is reported by line', async () => {
    const damaged = Buffer.from(reformCsv(REFORM_ROWS.map((r, i) => (i === 3 ? r.replace('Quới Thành', Buffer.from('Quới Thành', 'utf8').toString('latin1')) : r))), 'utf8');
    await refused(new Uint8Array(damaged), 'encoding', 5);
  });
  it('a row with a bad code format or a missing field is reported with its column', async () => {
    const p = await refused(reformCsv([...REFORM_ROWS, '2886,Tiên Thủy,831,83,28861,,86']), 'format', 10);
    expect(p.problems.filter((x) => x.line === 10).map((x) => x.column).sort()).toEqual(['new_unit_name', 'old_unit_code']);
  });
});

describe(`reform import on ${backend}: applying`, () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  let f: Fixture;
  beforeEach(async () => {
    handle = await openTestDatabase();
    f = await seedReformFixture(handle);
    actor = await systemActor(handle.db);
  });
  afterEach(async () => handle?.close());

  const total = async (unitId: number, date: string) => (await memberCounts(handle.db, actor, unitId, date, 'history')).total;
  const at = (code: string, date: string) => new UnitRepository(handle.db, actor).resolveCode(code, date);

  it('turns the two districts into communes of the new province; the day before is unchanged', async () => {
    const before = await memberCounts(handle.db, actor, f.units['83']!, BEFORE, 'history');
    const old = Object.fromEntries(await Promise.all(['28834', '28840', '28843', '28861', '29155', '29158', '29161', '831.01', '83.01'].map(async (c) => [c, await total(f.units[c]!, BEFORE)] as const)));
    const svc = new ReformImportService(handle.db, actor);
    // Windows-1258 bytes are read as the same file.
    const preview = await svc.preview({ bytes: encode1258(reformCsv()), effectiveDate: D }, { rehearse: true });
    expect(preview.encoding).toBe('windows-1258');
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(preview.canApply).toBe(true);
    expect(await stored(handle)).toMatchObject({ r: 0 });
    expect(preview.steps.map((s) => [s.kind, s.code])).toEqual([
      ['create_province', '86'], ['merge_units', '28861'], ['move_unit', '28840'], ['merge_units', '29158'],
      ['dissolve_district', '831'], ['dissolve_district', '836'], ['merge_province', '83'],
    ]);
    const tienThuy = preview.steps[1]!;
    expect(tienThuy.name).toBe('Đảng bộ xã Tiên Thuỷ');
    expect(tienThuy.members).toBe(old['28834']! + old['28843']! + old['28861']!);
    // Tân Phú is split in the file: all of it goes to the unit of its first row.
    expect(preview.problems.find((p) => p.code === 'split')).toMatchObject({ line: 3, severity: 'warning' });
    expect(preview.steps[2]!.lines).toEqual([3, 4]);

    const report = await svc.apply({ text: reformCsv(), effectiveDate: D, decisionNumber: '1687/NQ-UBTVQH15' });
    expect(report.applied).toBe(true);
    expect(report.restructuringIds.length).toBe(7);

    // The day before: the same tree and numbers.
    expect(await memberCounts(handle.db, actor, f.units['83']!, BEFORE, 'history')).toEqual(before);
    for (const [code, n] of Object.entries(old)) expect(await total(f.units[code]!, BEFORE), code).toBe(n);
    // After: the new units count the sum of their predecessors.
    const p86 = await at('86', D);
    expect(await total(p86, D)).toBe(before.total);
    expect(await total(await at('28861', D), D)).toBe(old['28834']! + old['28843']! + old['28861']!);
    expect(await total(await at('29158', D), D)).toBe(old['29155']! + old['29158']! + old['29161']!);
    expect(await at('28840', D)).toBe(f.units['28840']);
    const after = await memberCounts(handle.db, actor, p86, D, 'history');
    expect(after.children.map((c) => c.code).sort()).toEqual(['28840', '28861', '29158', '83.01', '831.01']);
    expect(after.children.reduce((n, c) => n + c.total, 0)).toBe(before.total);
    const { rows } = await sql<{ code: string; dissolved_on: string | null }>`SELECT code, dissolved_on FROM unit WHERE id IN (${sql.join([f.units['83']!, f.units['831']!, f.units['836']!, f.units['28834']!])}) ORDER BY code`.execute(handle.db);
    expect(rows.every((r) => r.dissolved_on === D)).toBe(true);
    expect((await checkHistory(handle.db)).problems).toEqual([]);
    expect((await checkCounts(handle.db)).differences).toEqual([]);
    // The records carry the decision and, where dangvu decided, the assumption.
    const notes = await handle.db.selectFrom('restructuring').select(['decision_number', 'note']).execute();
    expect(new Set(notes.map((n) => n.decision_number))).toEqual(new Set(['1687/NQ-UBTVQH15']));
    expect(notes.some((n) => n.note?.includes('Giả định'))).toBe(true);
  });

  it('applies the valid rows only when asked, in one transaction', async () => {
    const csv = reformCsv([...REFORM_ROWS, '28899,Không Có,831,83,28861,Tiên Thuỷ,86']);
    const svc = new ReformImportService(handle.db, actor);
    await expect(svc.apply({ text: csv, effectiveDate: D })).rejects.toBeInstanceOf(ReformImportRefused);
    expect(await stored(handle)).toMatchObject({ r: 0 });
    const report = await svc.apply({ text: csv, effectiveDate: D, applyValid: true });
    expect(report.applied).toBe(true);
    expect(report.problems.find((p) => p.severity === 'error')).toMatchObject({ line: 10, code: 'unknown_unit' });
    expect(await total(await at('28861', D), D)).toBe(await total(f.units['28861']!, BEFORE) + await total(f.units['28834']!, BEFORE) + await total(f.units['28843']!, BEFORE));
  });

  it('a step the restructure rules refuse rolls every step back', async () => {
    // Thành Triệu was renamed after the effective date: it cannot end before its current version began.
    await new RestructureService(handle.db, actor).apply({ kind: 'rename', unitId: f.units['28834']!, name: 'Đảng bộ xã Thành Triệu (mới)', effectiveDate: '2025-09-01', decisionNumber: '12-QĐ/HU' });
    const before = await stored(handle);
    const svc = new ReformImportService(handle.db, actor);
    const e = await svc.apply({ text: reformCsv(), effectiveDate: D }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReformImportRefused);
    expect((e as ReformImportRefused).report.problems.find((p) => p.code === 'operation_refused')!.line).toBe(2);
    expect(await stored(handle)).toEqual(before);
    expect(await at('83', D)).toBe(f.units['83']);
  });
});

/** Windows-1258: the base letters it has precomposed (â ê ô ă ơ ư đ), tones as combining marks. */
function encode1258(text: string): Uint8Array {
  const table = new Map<string, number>();
  const dec = new TextDecoder('windows-1258');
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  const out: number[] = [];
  for (const letter of text.normalize('NFC')) {
    const parts = [...letter.normalize('NFD')];
    const tones = parts.filter((c) => '\u0300\u0301\u0303\u0309\u0323'.includes(c));
    for (const ch of [parts.filter((c) => !tones.includes(c)).join('').normalize('NFC'), ...tones]) {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`no Windows-1258 byte for ${ch}`);
      out.push(b);
    }
  }
  return new Uint8Array(out);
}
