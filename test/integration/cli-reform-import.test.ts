// `dangvu restructure import` as an operator runs it: a file with errors is reported by line and changes
// nothing, a dry run changes nothing, the valid file is applied, and the report counts then agree.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backend } from './helpers.ts';
import { cliDatabase, dangvu } from './cli-harness.ts';
import { REFORM_ROWS, reformCsv, seedReformFixture } from './reform-fixture.ts';

describe(`CLI restructure import (${backend})`, () => {
  it('reports bad lines, dry-runs, applies, and the counts of both dates follow', { timeout: 400_000 }, async () => {
    const { env, cleanup } = await cliDatabase(seedReformFixture);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-reform-'));
    try {
      const good = path.join(dir, 'good.csv');
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(good, reformCsv());
      fs.writeFileSync(bad, reformCsv([...REFORM_ROWS, REFORM_ROWS[1]!, '28899,Không Có,831,83,28861,Tiên Thuỷ,86']));
      const before = JSON.parse(dangvu(['report', 'members', '--unit', '83', '--as-of', '2025-06-30', '--format', 'json'], env).out) as { total: number };

      const refused = dangvu(['restructure', 'import', bad, '--effective', '2025-07-01'], env);
      expect(refused.code).toBe(2);
      expect(refused.out).toContain('dòng 10: Trùng với dòng 3');
      expect(refused.out).toContain('dòng 11 [old_unit_code]: Không có đơn vị mã 28899');
      expect(refused.out).toContain('Không áp dụng');
      const json = JSON.parse(dangvu(['restructure', 'import', bad, '--effective', '2025-07-01', '--dry-run', '--format', 'json'], env).out) as { problems: Array<{ line: number; code: string }>; canApply: boolean };
      expect(json.canApply).toBe(false);
      expect(json.problems.filter((p) => p.code !== 'split').map((p) => [p.line, p.code])).toEqual([[10, 'duplicate_row'], [11, 'unknown_unit']]);
      expect(dangvu(['restructure', 'import', bad, '--effective', '2025-13-01'], env).err).toContain('--effective');

      const dry = dangvu(['restructure', 'import', good, '--effective', '2025-07-01', '--dry-run'], env);
      expect(dry.err).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.out).toContain('Hợp nhất đảng bộ cấp xã: 28861 Đảng bộ xã Tiên Thuỷ → Đảng bộ tỉnh Vĩnh Long');
      expect(dry.out).toContain('chưa lưu gì');
      expect(dangvu(['report', 'members', '--unit', '86', '--as-of', '2025-07-01', '--format', 'json'], env).code).not.toBe(0);

      const done = dangvu(['restructure', 'import', good, '--effective', '2025-07-01', '--decision', '1687/NQ-UBTVQH15'], env);
      expect(done.err).toBe('');
      expect(done.out).toContain('Đã áp dụng 7 thao tác');
      const after = JSON.parse(dangvu(['report', 'members', '--unit', '86', '--as-of', '2025-07-01', '--format', 'json'], env).out) as { total: number; children: Array<{ code: string; total: number }> };
      expect(after.total).toBe(before.total);
      expect(after.children.map((c) => c.code).sort()).toEqual(['28840', '28861', '29158', '83.01', '831.01']);
      expect(JSON.parse(dangvu(['report', 'members', '--unit', '83', '--as-of', '2025-06-30', '--format', 'json'], env).out)).toEqual(before);
      expect(dangvu(['check', 'history'], env).code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await cleanup();
    }
  });
});
