// The real mapping_2025.csv on the province demo (Bến Tre as of May 2017). The demo has not lived through
// the changes of 2017–2025, so the rows whose code was reused or whose commune was renamed meanwhile are
// reported, not guessed, and nothing is applied without "apply the valid part".
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { findDataDir } from '../../src/demo/places.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { ReformImportRefused, ReformImportService } from '../../src/commands/reform-import.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017 });
}, 180_000);
afterAll(async () => handle?.close());

describe(`mapping_2025.csv on the province demo (${backend})`, () => {
  it('reports the Bến Tre rows the 2017 tree cannot match, skips the other provinces, applies nothing', { timeout: 120_000 }, async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(findDataDir(), 'mapping_2025.csv')));
    const svc = new ReformImportService(handle.db, await systemActor(handle.db));
    const report = await svc.preview({ bytes, effectiveDate: '2025-07-01' });
    expect(report.summary.rows).toBe(10_572);
    expect(report.skippedProvinces.reduce((n, p) => n + p.rows, 0)).toBe(10_572 - 148);
    const lines = (code: string) => report.problems.filter((p) => p.code === code).map((p) => p.message);
    // 28810 and 28855 were reused on 1 Dec 2024; in 2017 they are An Khánh and An Hiệp.
    expect(lines('name_mismatch').some((m) => m.includes('28810') && m.includes('An Khánh'))).toBe(true);
    expect(lines('name_mismatch').some((m) => m.includes('28855') && m.includes('An Hiệp'))).toBe(true);
    // Communes of 2017 that are gone by 2025 are named as going to the province untouched.
    expect(lines('not_in_file').some((m) => m.includes('Giao Hòa'))).toBe(true);
    expect(report.canApply).toBe(false);
    const { rows: before } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM restructuring`.execute(handle.db);
    await expect(svc.apply({ bytes, effectiveDate: '2025-07-01' })).rejects.toBeInstanceOf(ReformImportRefused);
    const { rows: after } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM restructuring`.execute(handle.db);
    expect(after[0]!.n).toBe(before[0]!.n);
    // With the valid part asked for, the plan covers the rest of Bến Tre.
    const valid = await svc.preview({ bytes, effectiveDate: '2025-07-01', applyValid: true });
    expect(valid.canApply).toBe(true);
    expect(valid.steps.at(-1)).toMatchObject({ kind: 'merge_province', code: '83', parentName: 'Đảng bộ tỉnh Vĩnh Long' });
  });
});
