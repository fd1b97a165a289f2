// The demo's documents on the test tree (which has 83, 831 and Tiên Thủy 28861): the resolution, the
// plans and reports, and the follow-up on 05/05/2017.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDatabase } from './helpers.ts';
import { seedFixture, type Fixture } from './fixtures.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDocumentsDemo, unitFate } from '../../src/demo/documents.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { followUp } from '../../src/reports/implementation.ts';
import { DocumentRepository } from '../../src/db/repos/documents.ts';

let handle: DatabaseHandle;
let fixture: Fixture;
beforeAll(async () => {
  handle = await openTestDatabase();
  fixture = await seedFixture(handle);
});
afterAll(async () => handle?.close());

describe(`demo documents on ${backend}`, () => {
  it('loads 02-NQ/TU with its 7 tasks, Châu Thành\'s plan and Tiên Thủy\'s, and the follow-up of 05/05/2017', async () => {
    const summary = await loadDocumentsDemo(handle.db, 2017);
    const actor = await systemActor(handle.db);
    const repo = new DocumentRepository(handle.db, actor);
    const [nq] = await repo.findByNumber('02-NQ/TU');
    const doc = await repo.get(nq!.id);
    expect(doc).toMatchObject({ issuedOn: '2016-04-15', tasks: 7, planDueDate: '2016-06-15' });
    const f = await followUp(handle.db, actor, nq!.id, { period: '2017-Q1', depth: 2, asOf: '2017-05-05' });
    const by = Object.fromEntries(f.rows.map((r) => [r.code, r]));
    expect(by['831']).toMatchObject({ planNumber: '15-KH/HU', plan: 'adopted', planAdoptedOn: '2016-05-20', report: 'reported', reportedTasks: 7, late: false });
    expect(by['28861']).toMatchObject({ planNumber: '05-KH/ĐU', plan: 'adopted', planAdoptedOn: '2016-06-10', report: 'reported', late: false });
    // Other units follow their drawn fate (no plan: late by 05/05/2017); only Châu Thành's communes get plans.
    for (const code of ['836', '28834']) expect(by[code]!.plan === 'late', code).toBe(unitFate(2017, code).adoptDay === null);
    expect(by['29161']).toMatchObject({ plan: 'late', report: 'no_plan', late: true });
    expect(summary.documents).toBe(2 + f.rows.filter((r) => r.planId).length);
    expect(doc.replaces.map((r) => r.number)).toEqual(['05-NQ/TU']);
    // Tiên Thủy's plan carries the 7 tasks linked to Châu Thành's, and reports of 2016 and Q1 2017.
    const plan = await repo.get(by['28861']!.planId!);
    expect(plan.taskList.map((t) => t.parentTaskPosition)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([...new Set((await repo.reports(plan.id)).map((r) => r.period))]).toEqual(['2016', '2017-Q1']);
    expect(fixture.units['28861']).toBe(plan.issuingUnitId);
  });
});

describe(`demo documents leave no trace on ${backend}`, () => {
  it('writes no audit rows and leaves the audit triggers enabled', async () => {
    const { sql } = await import('kysely');
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity IN ('document', 'document_task', 'progress_report', 'indicator')`.execute(handle.db);
    expect(rows[0]!.n).toBe(0);
    const { rows: off } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE '%\\_audit' AND tgenabled = 'D'`.execute(handle.db);
    expect(off[0]!.n).toBe(0);
  });
});
