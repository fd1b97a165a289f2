// `dangvu report consolidation` as an operator runs it, on the backend under test: the counts of a plan
// with a done and an overdue task, an xlsx file, bad input with exit code 2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backend } from './helpers.ts';
import { cliDatabase, dangvu } from './cli-harness.ts';
import { seedFixture } from './fixtures.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { WeakUnitService } from '../../src/commands/weak-units.ts';
import { ConsolidationService } from '../../src/commands/consolidation.ts';

describe(`report consolidation CLI (${backend})`, () => {
  it('reports by sub-unit and year, writes xlsx, refuses bad input', async () => {
    const { env, cleanup } = await cliDatabase(async (handle) => {
      const f = await seedFixture(handle);
      const actor = await systemActor(handle.db);
      const weak = await new WeakUnitService(handle.db, actor).save({ unitId: f.units['28861.01']!, year: 2016, categories: ['declining'] });
      const svc = new ConsolidationService(handle.db, actor, '2017-05-05');
      await svc.addTask(weak.id, { measure: 'Kiện toàn chi ủy', ownerUnitId: f.units['28861']!, deadline: '2017-03-31', status: 'done', doneOn: '2017-03-20' });
      await svc.addTask(weak.id, { measure: 'Sinh hoạt chuyên đề', ownerUnitId: f.units['28861.01']!, deadline: '2017-04-30' });
    });
    try {
      const r = dangvu(['report', 'consolidation', '--unit', '831', '--year', '2016', '--as-of', '2017-05-05'], env);
      expect(r.code, r.err).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.total).toEqual({ flagged: 1, plans: 1, tasks: 2, tasksDone: 1, tasksOverdue: 1, consolidated: 0, carriedOver: 0, inProgress: 1 });
      expect(json.byUnit.map((u: { code: string; flagged: number }) => [u.code, u.flagged])).toEqual([['28861', 1], ['28834', 0]]);
      expect(json.plans[0]).toMatchObject({ code: '28861.01', tasks: 2, tasksDone: 1, tasksOverdue: 1, nextDeadline: '2017-04-30' });
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-cons-')), 'c.xlsx');
      const x = dangvu(['report', 'consolidation', '--unit', '831', '--year', '2016', '--format', 'xlsx', '--out', out], env);
      expect(x.code, x.err).toBe(0);
      expect(x.err).toContain('1 tổ chức đảng yếu kém');
      expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
      for (const bad of [['--year', '16'], ['--year', '2016', '--as-of', '05/05/2017'], ['--year', '2016', '--format', 'pdf']]) {
        const b = dangvu(['report', 'consolidation', '--unit', '831', ...bad], env);
        expect(b.code, bad.join(' ')).toBe(2);
      }
      const unknown = dangvu(['report', 'consolidation', '--unit', '99999', '--year', '2016'], env);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('99999');
    } finally {
      await cleanup();
    }
  }, 300_000);
});
