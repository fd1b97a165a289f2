// A unit's view of issue 9 on a real database: the documents its ancestors asked it to plan for, with its
// plan and sessions, equal to a recount from the plans report and the dissemination report on the demo; and
// one session's attendance list read back as it was posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { loadDocumentsDemo } from '../../src/demo/documents.ts';
import { loadDisseminationDemo } from '../../src/demo/dissemination.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { plansReport } from '../../src/reports/plans.ts';
import { disseminationReport } from '../../src/reports/dissemination.ts';
import { unitDocuments } from '../../src/reports/unit-documents.ts';

let t: TestApp;
let province: string; // admin83
let commune: string; // secretary28861
const AS_OF = '2017-05-05';
beforeAll(async () => {
  t = await startTestApp();
  await loadDocumentsDemo(t.handle.db, 2017);
  await loadDisseminationDemo(t.handle.db, 2017, '2026-12-01');
  province = await t.login('admin83');
  commune = await t.login('secretary28861');
}, 120_000);
afterAll(async () => t?.close());

const u = (code: string) => t.fixture.units[code]!;
const m = (name: string) => t.fixture.members[name]!;
const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe(`documents a unit must implement (${backend})`, () => {
  it("lists, for each commune of Châu Thành, its ancestors' documents with the plans report's row and the sessions it held", async () => {
    const sys = await systemActor(t.handle.db);
    for (const code of ['28861', '28834']) {
      const res = await get(province, `/api/units/${u(code)}/documents-to-implement?asOf=${AS_OF}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      // Recount: the documents of 83 and 831 that set a plan due date, issued by asOf.
      const { rows: expectedDocs } = await sql<{ id: number; number_text: string }>`
        SELECT d.id, d.number_text FROM document d JOIN unit i ON i.id = d.issuing_unit_id
        WHERE i.code IN ('83', '831') AND d.plan_due_date IS NOT NULL AND d.issued_on <= ${AS_OF} ORDER BY d.id`.execute(t.handle.db);
      expect(expectedDocs.length, code).toBeGreaterThanOrEqual(2); // 02-NQ/TU, 05-NQ/TU, Châu Thành's plan
      expect(body.documents.map((d: { document: { id: number } }) => d.document.id).sort((a: number, b: number) => a - b), code).toEqual(expectedDocs.map((d) => d.id));
      for (const row of body.documents) {
        // The plans report of the issuer's sub-unit above the commune (831 for a document of 83 or of 831).
        const report = await plansReport(t.handle.db, sys, row.document.id, u('831'), { asOf: AS_OF });
        const parentRow = report.units.find((x) => x.code === code);
        expect(parentRow, `${code} ${row.document.number}`).toBeDefined();
        expect([row.plan?.number ?? null, row.plan?.adoptedOn ?? null, row.planState], `${code} ${row.document.number}`)
          .toEqual([parentRow!.planNumber, parentRow!.planAdoptedOn, parentRow!.plan]);
        const dis = await disseminationReport(t.handle.db, sys, row.document.id, u(code), { asOf: AS_OF });
        expect(row.dissemination).toEqual({ sessions: dis.sessions, attended: dis.attended, expected: dis.expected });
      }
      // In force first: 05-NQ/TU's term ended in 2015.
      expect(body.documents.at(-1).document.number).toBe('05-NQ/TU');
      expect(body.documents.at(-1).inForce).toBe(false);
    }
    // Tiên Thủy adopted 05-KH/ĐU for the resolution (through the district's plan) and held its session.
    const mine = (await get(commune, `/api/units/${u('28861')}/documents-to-implement?asOf=${AS_OF}`)).json();
    const nq = mine.documents.find((d: { document: { number: string } }) => d.document.number === '02-NQ/TU');
    expect(nq).toMatchObject({ inForce: true, plan: { number: '05-KH/ĐU' }, planState: 'adopted' });
    expect(nq.dissemination.sessions).toBe((await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM dissemination_session s JOIN dissemination_session_document d ON d.session_id = s.id
      JOIN document x ON x.id = d.document_id WHERE s.unit_id = ${u('28861')} AND x.number_text = '02-NQ/TU' AND s.held_on <= ${AS_OF}`.execute(t.handle.db)).rows[0]!.n);
  });

  it('sends over HTTP exactly what the report functions return (the response schemas drop nothing)', async () => {
    const sys = await systemActor(t.handle.db);
    const nq = (await t.handle.db.selectFrom('document').select('id').where('number_text', '=', '02-NQ/TU').executeTakeFirstOrThrow()).id;
    const plans = await get(province, `/api/reports/plans?unitId=${u('831')}&documentId=${nq}&asOf=${AS_OF}`);
    expect(plans.statusCode, plans.body).toBe(200);
    const expected = await plansReport(t.handle.db, sys, nq, u('831'), { asOf: AS_OF });
    expect(expected.units.length).toBeGreaterThan(0);
    expect(plans.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    const mine = await get(province, `/api/units/${u('28861')}/documents-to-implement?asOf=${AS_OF}`);
    expect(mine.json()).toEqual(JSON.parse(JSON.stringify(await unitDocuments(t.handle.db, sys, u('28861'), { asOf: AS_OF }))));
  });

  it('owes nothing for a cell, refuses a bad date naming it, and hides a unit out of scope', async () => {
    const cell = (await get(commune, `/api/units/${u('28861.01')}/documents-to-implement?asOf=${AS_OF}`)).json();
    expect(cell).toMatchObject({ owesPlans: false, documents: [] });
    const bad = await get(commune, `/api/units/${u('28861')}/documents-to-implement?asOf=2017-13-40`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field)).toEqual(['asOf']);
    expect(bad.json().fields[0].message).toContain('ngày hợp lệ');
    expect((await get(commune, `/api/units/${u('28834')}/documents-to-implement`)).statusCode).toBe(404);
  });
});

describe(`one session's attendance (${backend})`, () => {
  it('returns the list as posted: present, and absent with the reason', async () => {
    const nq = (await t.handle.db.selectFrom('document').select('id').where('number_text', '=', '02-NQ/TU').executeTakeFirstOrThrow()).id;
    const attendance = [
      { memberId: m('Trần Ngọc Tâm'), present: true },
      { memberId: m('Nguyễn Thị Thủy'), present: false, absenceReason: 'Đi công tác Thành phố Hồ Chí Minh' },
      { memberId: m('Lê Văn Thuỷ'), present: true },
    ];
    const posted = await t.app.inject({
      method: 'POST', url: '/api/dissemination-sessions', headers: { cookie: commune },
      payload: { unitId: u('28861'), heldOn: '2016-06-02', title: 'Hội nghị quán triệt Nghị quyết 02-NQ/TU', documentIds: [nq], attendance },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json().id;
    const res = await get(commune, `/api/dissemination-sessions/${id}/attendance`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ sessionId: id, attendanceMode: 'list', expectedMembers: 3, attendedMembers: 2 });
    const byId = <T extends { memberId: number }>(xs: T[]) => [...xs].sort((a, b) => a.memberId - b.memberId);
    expect(byId(body.members as Array<{ memberId: number; present: boolean; absenceReason: string | null }>).map((x) => ({ memberId: x.memberId, present: x.present, absenceReason: x.absenceReason })))
      .toEqual(byId(attendance).map((a) => ({ memberId: a.memberId, present: a.present, absenceReason: a.absenceReason ?? null })));
    expect(body.members[0]).toMatchObject({ fullName: 'Nguyễn Thị Thủy', unitName: 'Chi bộ ấp Tiên Thủy 1', present: false });
    // A session by counts has no list; a session outside what the user may read is not found.
    const counted = await t.app.inject({
      method: 'POST', url: '/api/dissemination-sessions', headers: { cookie: province },
      payload: { unitId: u('836'), heldOn: '2016-06-03', title: 'Hội nghị quán triệt', documentIds: [nq], attendedMembers: 1 },
    });
    expect(counted.statusCode, counted.body).toBe(201);
    expect((await get(province, `/api/dissemination-sessions/${counted.json().id}/attendance`)).json()).toMatchObject({ attendanceMode: 'counts', members: [] });
    expect((await get(commune, `/api/dissemination-sessions/${counted.json().id}/attendance`)).statusCode).toBe(404);
  });
});
