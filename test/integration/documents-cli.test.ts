// `dangvu report implementation` as an operator runs it, on the backend under test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from './helpers.ts';
import { cliDatabase, dangvu } from './cli-harness.ts';
import { seedFixture } from './fixtures.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';


async function seedDocuments(handle: DatabaseHandle): Promise<void> {
  const fixture = await seedFixture(handle);
  const { systemActor } = await import('../../src/db/repos/users.ts');
  const { DocumentRepository } = await import('../../src/db/repos/documents.ts');
  const repo = new DocumentRepository(handle.db, await systemActor(handle.db));
  const nq = await repo.create({ number: '02-NQ/TU', issuingUnitId: fixture.units['83']!, issuedOn: '2016-04-15', title: 'Nghị quyết', planDueDate: '2016-06-15', tasks: [{ title: 'Nhiệm vụ 1' }] });
  await repo.create({ number: '02-NQ/TU', issuingUnitId: fixture.units['83']!, issuedOn: '2017-01-10', title: 'Nghị quyết năm sau' });
  const plan = await repo.create({ number: '15-KH/HU', issuingUnitId: fixture.units['831']!, issuedOn: '2016-05-20', title: 'Kế hoạch', implementsIds: [nq.id], tasks: [{ title: 'Huyện 1', parentTaskId: nq.taskList[0]!.id }] });
  await repo.saveReport(plan.id, plan.taskList[0]!.id, '2017-Q1', { body: 'Đã làm' }, { submittedOn: '2017-04-05' });
}

let env: Record<string, string>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabase(seedDocuments));
}, 120_000);
afterAll(async () => cleanup?.());

describe(`dangvu report implementation (${backend})`, () => {
  it('prints the follow-up of a document as JSON', () => {
    const r = dangvu(['report', 'implementation', '--document', '02-NQ/TU', '--year', '2016', '--period', '2017-Q1', '--as-of', '2017-05-05'], env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.rows.map((x: { code: string; plan: string; report: string; late: boolean }) => [x.code, x.plan, x.report, x.late])).toEqual([
      ['831', 'adopted', 'reported', false], ['836', 'late', 'no_plan', true],
    ]);
    const one = JSON.parse(dangvu(['report', 'implementation', '--document', '02-NQ/TU', '--year', '2016', '--period', '2017-Q1', '--unit', '28861', '--depth', '2', '--as-of', '2017-05-05'], env).out);
    expect(one.rows.map((x: { code: string }) => x.code)).toEqual(['28861']);
  });

  it('writes a spreadsheet', () => {
    const out = path.join(os.tmpdir(), `impl-${process.pid}.xlsx`);
    const r = dangvu(['report', 'implementation', '--document', '02-NQ/TU', '--year', '2016', '--period', '2017-Q1', '--format', 'xlsx', '--out', out], env);
    expect(r.code).toBe(0);
    expect(r.err).toContain('2 đơn vị, 1 đã ban hành kế hoạch');
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    fs.rmSync(out);
  });

  it('exits 2 with a clear message on bad input or an ambiguous number', () => {
    const ambiguous = dangvu(['report', 'implementation', '--document', '02-NQ/TU', '--period', '2017-Q1'], env);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(/Có 2 văn bản số 02-NQ\/TU; chọn bằng --issuer MÃ hoặc --year/);
    const badNumber = dangvu(['report', 'implementation', '--document', '02-QD/TU', '--period', '2017-Q1'], env);
    expect(badNumber.code).toBe(2);
    expect(badNumber.err).toContain('"QD" phải viết là "QĐ"');
    const badPeriod = dangvu(['report', 'implementation', '--document', '02-NQ/TU', '--period', '2017-Q5'], env);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.err).toContain('--period');
    const missing = dangvu(['report', 'implementation', '--document', '99-NQ/TU', '--period', '2017-Q1'], env);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Không tìm thấy văn bản số 99-NQ/TU');
    const noFormat = dangvu(['report', 'implementation', '--document', '02-NQ/TU', '--period', '2017-Q1', '--format', 'pdf'], env);
    expect(noFormat.code).toBe(2);
  });
});
