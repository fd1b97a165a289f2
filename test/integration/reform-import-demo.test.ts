// The real mapping_2025.csv on the province demo, which starts from Bến Tre's map of May 2017 and lives
// through the commune mergers of 2020–2024 (issue 8): on 30/06/2025 its units are those the mapping names.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { findDataDir } from '../../src/demo/places.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { ReformImportService } from '../../src/commands/reform-import.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017 });
}, 180_000);
afterAll(async () => handle?.close());

describe(`mapping_2025.csv on the province demo (${backend})`, () => {
  it('finds every Bến Tre unit of 30/06/2025 (the demo has lived through 2017–2025), skips the other provinces, and plans the whole province', { timeout: 180_000 }, async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(findDataDir(), 'mapping_2025.csv')));
    const svc = new ReformImportService(handle.db, await systemActor(handle.db));
    const report = await svc.preview({ bytes, effectiveDate: '2025-07-01' });
    expect(report.summary.rows).toBe(10_572);
    expect(report.skippedProvinces.reduce((n, p) => n + p.rows, 0)).toBe(10_572 - 148);
    // No unknown unit, no reused code taken for another commune: the codes resolve on the day before the reform.
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.summary.errorLines).toBe(0);
    expect(report.summary.appliedRows).toBe(148);
    expect(report.canApply).toBe(true);
    expect(report.steps.at(-1)).toMatchObject({ kind: 'merge_province', code: '83', parentName: 'Đảng bộ tỉnh Vĩnh Long' });
    // The communes' members are on the move (the province's own agencies move with the province, not in a step).
    const { rows: roll } = await sql<{ n: number }>`SELECT count(DISTINCT p.member_id)::int AS n FROM member_period p
      WHERE p.valid_from <= DATE '2025-06-30' AND (p.valid_to IS NULL OR p.valid_to > DATE '2025-06-30') AND p.status IN ('probationary', 'official', 'exempt')`.execute(handle.db);
    expect(report.summary.members).toBeGreaterThan(0);
    expect(report.summary.members).toBeLessThanOrEqual(roll[0]!.n);
    // The preview is a rehearsal: nothing is kept.
    const { rows: records } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM restructuring WHERE effective_date = DATE '2025-07-01'`.execute(handle.db);
    expect(records[0]!.n).toBe(0);
  });
});
