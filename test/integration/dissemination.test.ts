// Dissemination on a real database: the demo's sessions of 02-NQ/TU in 2016 against a recount of the
// coverage; sessions recorded through the API (counts and list), bad input refused whole naming the field;
// an ancestor's session covering the sub-units whose members it listed; document numbers resolved per
// year; the motto's breakthrough; and `dangvu report dissemination` / `report plans` as an operator runs them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { cliDatabase, dangvu } from './cli-harness.ts';
import { seedFixture } from './fixtures.ts';
import { loadDocumentsDemo } from '../../src/demo/documents.ts';
import { loadDisseminationDemo } from '../../src/demo/dissemination.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { disseminationReport } from '../../src/reports/dissemination.ts';
import { plansReport } from '../../src/reports/plans.ts';
import { followUp } from '../../src/reports/implementation.ts';
import { resolveDocumentNumber } from '../../src/commands/dissemination.ts';

let t: TestApp;
let province: string; // admin83
let commune: string; // secretary28861
let nq = 0;
let old = 0; // 05-NQ/TU of 2011
beforeAll(async () => {
  t = await startTestApp();
  await loadDocumentsDemo(t.handle.db, 2017);
  province = await t.login('admin83');
  commune = await t.login('secretary28861');
  const docs = await t.handle.db.selectFrom('document').select(['id', 'number_text']).where('number_text', 'in', ['02-NQ/TU', '05-NQ/TU']).execute();
  nq = docs.find((d) => d.number_text === '02-NQ/TU')!.id;
  old = docs.find((d) => d.number_text === '05-NQ/TU')!.id;
}, 120_000);
afterAll(async () => t?.close());

const u = (code: string) => t.fixture.units[code]!;
const m = (name: string) => t.fixture.members[name]!;
const as = (cookie: string) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
  post: (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload }),
  put: (url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload }),
});
const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.handle.db)).rows[0]!.n);

describe(`dissemination on ${backend}`, () => {
  it('loads the demo sessions and the coverage equals a recount', async () => {
    const loaded = await loadDisseminationDemo(t.handle.db, 2017, '2026-12-01');
    expect(loaded.sessions + loaded.skipped).toBe(3); // the fixture's three communes
    expect(loaded.sessions).toBeGreaterThan(0);
    expect(loaded.breakthroughs).toBe(4); // two districts, 2016 and 2017
    const sys = await systemActor(t.handle.db);
    // Every stored expected count is the roll of the organizer's subtree on the day (the fixture's tree does not change).
    const { rows: bad } = await sql<{ id: number }>`
      SELECT s.id FROM dissemination_session s JOIN unit o ON o.id = s.unit_id
      WHERE s.expected_members <> (SELECT count(*) FROM member_period p JOIN unit x ON x.id = p.unit_id
        WHERE x.path <@ o.path AND p.valid_from <= s.held_on AND (p.valid_to IS NULL OR p.valid_to > s.held_on)
          AND p.status IN ('probationary', 'official', 'exempt', 'transferring'))
        OR s.attended_members > s.expected_members OR s.held_on < '2016-04-15'`.execute(t.handle.db);
    expect(bad).toEqual([]);
    for (const code of ['83', '831', '836']) {
      const r = await disseminationReport(t.handle.db, sys, nq, u(code), { asOf: '2016-12-31' });
      const { rows } = await sql<{ code: string; sessions: number; attended: number; expected: number }>`
        SELECT c.code, count(s.id)::int AS sessions, COALESCE(sum(s.attended_members + s.attended_others), 0)::int AS attended,
          COALESCE(sum(s.expected_members + s.expected_others), 0)::int AS expected
        FROM unit c LEFT JOIN unit o ON o.path <@ c.path
          LEFT JOIN dissemination_session s ON s.unit_id = o.id AND EXISTS (SELECT 1 FROM dissemination_session_document d WHERE d.session_id = s.id AND d.document_id = ${nq})
        WHERE c.parent_id = ${u(code)} GROUP BY c.code ORDER BY c.code`.execute(t.handle.db);
      expect(r.units.map((x) => ({ code: x.code, sessions: x.sessions, attended: x.attended, expected: x.expected })), code).toEqual(rows);
      // The demo's sessions are all by counts at the grassroots: a sub-unit is covered exactly when its subtree held one.
      expect(r.units.map((x) => x.held), code).toEqual(rows.map((x) => x.sessions > 0));
      expect(r.notHeld).toEqual(rows.filter((x) => !x.sessions).map((x) => x.code));
      expect(r.sessions).toBe(code === '83' ? loaded.sessions : rows.reduce((n, x) => n + x.sessions, 0));
    }
    const province83 = await disseminationReport(t.handle.db, sys, nq, u('83'), { asOf: '2016-12-31' });
    expect(province83.attended).toBe(province83.units.reduce((n, x) => n + x.attended, 0));
    // Before the first session nothing is covered.
    expect((await disseminationReport(t.handle.db, sys, nq, u('83'), { asOf: '2016-04-16' })).notHeld).toEqual(['831', '836']);
  });

  it('refuses bad sessions whole, naming the field, and stores nothing', async () => {
    const before = [await count('dissemination_session'), await count('dissemination_session_document'), await count('dissemination_attendance'), await count('audit_log')];
    const roll = (await as(province).get(`/api/dissemination-roll?unitId=${u('28861')}&date=2016-05-10`)).json();
    expect(roll.map((r: { fullName: string }) => r.fullName).sort()).toEqual(['Lê Văn Thuỷ', 'Nguyễn Thị Thủy', 'Trần Ngọc Tâm']);
    const body = { unitId: u('28861'), heldOn: '2016-05-10', title: 'Hội nghị quán triệt', documentIds: [nq] };
    const cases: Array<[object, string]> = [
      [{ attendedMembers: 4 }, 'attendedMembers'],
      [{ attendedMembers: 2, expectedOthers: 1, attendedOthers: 2 }, 'attendedOthers'],
      [{ heldOn: '2016-04-14', attendedMembers: 1 }, 'documentIds.0'],
      [{ attendance: [{ memberId: m('Trần Ngọc Tâm'), present: true }, { memberId: m('Đặng Văn Đức'), present: true }] }, 'attendance.1.memberId'],
      [{ attendance: [{ memberId: m('Trần Ngọc Tâm'), present: false }] }, 'attendance.0.absenceReason'],
      [{ documentIds: [999999], attendedMembers: 1 }, 'documentIds.0'],
    ];
    for (const [change, field] of cases) {
      const res = await as(province).post('/api/dissemination-sessions', { ...body, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().fields.map((f: { field: string }) => f.field), JSON.stringify(change)).toEqual([field]);
      expect(res.json().fields[0].message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    }
    expect([await count('dissemination_session'), await count('dissemination_session_document'), await count('dissemination_attendance'), await count('audit_log')]).toEqual(before);
  });

  it("records a session by list, and an ancestor's listed session covers only the sub-units whose members were present", async () => {
    const res = await as(province).post('/api/dissemination-sessions', {
      unitId: u('83'), heldOn: '2012-03-01', kind: 'hoc_tap', title: 'Hội nghị học tập Nghị quyết 05-NQ/TU', documentIds: [old], expectedOthers: 2, attendedOthers: 1,
      attendance: [
        { memberId: m('Trần Ngọc Tâm'), present: true }, { memberId: m('Phạm Thị Hòa'), present: true },
        { memberId: m('Đặng Văn Đức'), present: false, absenceReason: 'Ốm, nằm viện' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ expectedMembers: 6, attendedMembers: 2, attendanceMode: 'list', absences: [{ fullName: 'Đặng Văn Đức', reason: 'Ốm, nằm viện' }] });
    const report = (await as(province).get(`/api/reports/dissemination?unitId=${u('83')}&documentId=${old}`)).json();
    expect(report).toMatchObject({ asOf: '2015-12-31', sessions: 1, attended: 3, expected: 8, notHeld: ['836'] });
    expect(report.units.map((x: { code: string; coveredBy: string | null }) => [x.code, x.coveredBy])).toEqual([['831', 'ancestor'], ['836', null]]);
    const district = (await as(province).get(`/api/reports/dissemination?unitId=${u('831')}&document=05-NQ/TU`)).json();
    expect(district.units.map((x: { code: string; held: boolean }) => [x.code, x.held])).toEqual([['28834', true], ['28861', true]]);
    // The commune sees the province's session it was called to, and its own, not Ba Tri's.
    const seen = (await as(commune).get(`/api/documents/${old}/dissemination`)).json();
    expect(seen.map((s: { unitCode: string }) => s.unitCode)).toEqual(['83']);
    const xlsx = await as(province).get(`/api/reports/dissemination?unitId=${u('83')}&documentId=${nq}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('records the motto breakthrough of a year, refusing a word outside the motto', async () => {
    const before = await count('motto_breakthrough');
    const bad = await as(province).put(`/api/units/${u('28861')}/breakthroughs/2018`, { breakthrough: 'sang_tao', measures: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field)).toEqual(['breakthrough', 'measures']);
    expect(await count('motto_breakthrough')).toBe(before);
    const ok = await as(province).put(`/api/units/${u('28861')}/breakthroughs/2018`, { breakthrough: 'doan_ket', measures: ['Giải quyết dứt điểm đơn thư'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ year: 2018, label: 'Đoàn kết' });
    const district = (await as(commune).get(`/api/units/${u('831')}/breakthroughs`)).json();
    expect(district.map((b: { year: number }) => b.year)).toEqual([2017, 2016]);
  });

  it('reports plans per direct sub-unit as the follow-up does, and resolves a repeated number to the latest year', async () => {
    const sys = await systemActor(t.handle.db);
    const r = await plansReport(t.handle.db, sys, nq, u('831'), { asOf: '2017-05-05' });
    expect(r.periods).toEqual(expect.arrayContaining(['2016', '2017', '2017-Q1']));
    const f = await followUp(t.handle.db, sys, nq, { period: '2016', depth: 2, unitId: u('831'), asOf: '2017-05-05' });
    const level2 = f.rows.filter((x) => x.level === 2);
    expect(r.units.map((x) => [x.code, x.planNumber, x.plan, x.periods['2016']!.report])).toEqual(level2.map((x) => [x.code, x.planNumber, x.plan, x.report]));
    expect(r.totals.units).toBe(level2.length);
    await sql`INSERT INTO document (number_text, seq, kind, issuer_code, issuing_unit_id, issued_on, issue_year, title, title_search)
      VALUES ('02-NQ/TU', 2, 'NQ', 'TU', ${u('83')}, '2021-03-01', 2021, 'Nghị quyết nhiệm kỳ sau', 'nghi quyet nhiem ky sau')`.execute(t.handle.db);
    const latest = await resolveDocumentNumber(t.handle.db, sys, '02-NQ/TU');
    expect(latest).not.toBe(nq);
    expect(await resolveDocumentNumber(t.handle.db, sys, '02-NQ/TU', { year: 2016 })).toBe(nq);
    await sql`INSERT INTO document (number_text, seq, kind, issuer_code, issuing_unit_id, issued_on, issue_year, title, title_search)
      VALUES ('02-NQ/TU', 2, 'NQ', 'TU', ${u('836')}, '2021-05-01', 2021, 'Trùng số', 'trung so')`.execute(t.handle.db);
    await expect(resolveDocumentNumber(t.handle.db, sys, '02-NQ/TU')).rejects.toThrow(/Có 3 văn bản số 02-NQ\/TU.*Đảng bộ huyện Ba Tri/);
  });
});

describe(`dangvu report dissemination and plans (${backend})`, () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let expected: { sessions: number };
  beforeAll(async () => {
    ({ env, cleanup } = await cliDatabase(async (h) => {
      await seedFixture(h);
      await loadDocumentsDemo(h.db, 2017);
      expected = await loadDisseminationDemo(h.db, 2017, '2026-12-01');
    }));
  }, 120_000);
  afterAll(async () => cleanup?.());

  it('prints sessions, attended, expected and one row per direct sub-unit, and writes XLSX', () => {
    const r = dangvu(['report', 'dissemination', '--unit', '83', '--document', '02-NQ/TU'], env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ asOf: '2020-12-31', sessions: expected.sessions, document: { number: '02-NQ/TU' } });
    expect(json.units.map((x: { code: string }) => x.code)).toEqual(['831', '836']);
    expect(json.attended).toBeLessThanOrEqual(json.expected);
    for (const x of json.units) expect(Object.keys(x)).toEqual(expect.arrayContaining(['sessions', 'attended', 'expected', 'held']));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-dis-')), 'd.xlsx');
    const x = dangvu(['report', 'dissemination', '--unit', '831', '--document', '02-NQ/TU', '--format', 'xlsx', '--out', out], env);
    expect(x.code, x.err).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('prints the plans of the direct sub-units, and refuses an unknown document in Vietnamese', () => {
    const r = dangvu(['report', 'plans', '--document', '02-NQ/TU', '--unit', '831', '--as-of', '2017-05-05'], env);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.units.map((x: { code: string }) => x.code).sort()).toEqual(['28834', '28861']);
    expect(json.units.find((x: { code: string }) => x.code === '28861').planNumber).toMatch(/-KH\//);
    const missing = dangvu(['report', 'plans', '--document', '99-NQ/TU', '--unit', '831'], env);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Không tìm thấy văn bản số 99-NQ/TU');
  });
});
