// The evaluation demo on top of the province demo: the seed's weak units of Châu Thành for 2016 counted by
// kind (5 + 8 + 1), and decided ratings that pass the rules of their year when the service re-checks them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { loadEvaluationDemo, type EvaluationDemoSummary } from '../../src/demo/evaluation.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { UnitRepository } from '../../src/db/repos/units.ts';
import { WeakUnitService } from '../../src/commands/weak-units.ts';
import { EvaluationService } from '../../src/commands/evaluation.ts';
import { evaluationResults } from '../../src/reports/evaluation.ts';
import { consolidationOverview } from '../../src/reports/consolidation.ts';
import { attritionReport } from '../../src/reports/attrition.ts';
import { disseminationReport } from '../../src/reports/dissemination.ts';
import { directivesReport } from '../../src/reports/directives.ts';
import { resignationReport } from '../../src/reports/resignations.ts';
import { recruitmentReport } from '../../src/reports/recruitment.ts';
import { delegationBrief } from '../../src/reports/brief.ts';
import { briefDocument } from '../../src/reports/brief-document.ts';
import { briefPdf } from '../../src/reports/brief-pdf.ts';
import { briefXlsx } from '../../src/reports/brief-xlsx.ts';

let handle: DatabaseHandle;
let summary: EvaluationDemoSummary;
const TODAY = '2026-06-01';
beforeAll(async () => {
  handle = await openTestDatabase();
  await loadDemo(handle, { scale: 'province', seed: 2017, today: TODAY });
  summary = await loadEvaluationDemo(handle.db, { seed: 2017, today: TODAY });
}, 300_000);
afterAll(async () => handle?.close());

describe(`evaluation demo on ${backend}`, () => {
  it('reproduces the seed: 5 grassroots organizations, 8 cells under grassroots committees and 1 other cell in Châu Thành, 2016', async () => {
    expect(summary.campaigns).toBe(10);
    expect(summary.weakUnits).toBe(14);
    const actor = await systemActor(handle.db);
    const units = new UnitRepository(handle.db, actor);
    const r = await new WeakUnitService(handle.db, actor).report(await units.resolveCode('831', '2016-12-31'), 2016);
    expect(r.total).toBe(14);
    expect(r.byKind).toEqual({ grassroots: 5, cell_of_grassroots_committee: 8, cell_other: 1 });
    for (const u of r.units) {
      expect(u.categories.every((c) => ['slow_change', 'declining', 'disunited'].includes(c))).toBe(true);
      expect(u.measures && u.responsible && u.deadline).toBeTruthy();
    }
    // The other cell sits under a partial committee on 31/12/2016, not before 2015.
    const other = r.units.find((u) => u.weakKind === 'cell_other')!;
    const parents = (await sql<{ kind: string }>`SELECT p.kind FROM unit_version v JOIN unit_version p ON p.unit_id = v.parent_id AND p.valid_to IS NULL
      WHERE v.unit_id = ${other.unitId} ORDER BY v.valid_from`.execute(handle.db)).rows.map((x) => x.kind);
    expect(parents).toEqual(['grassroots_committee', 'partial_committee']);
    // The province counts only Châu Thành's, and no other year has any.
    expect((await new WeakUnitService(handle.db, actor).report(await units.resolveCode('83', '2016-12-31'), 2016)).total).toBe(14);
    expect((await new WeakUnitService(handle.db, actor).report(await units.resolveCode('83', '2017-12-31'), 2017)).total).toBe(0);
  });

  it('rates every evaluated member once a year, within the rules the service checks', async () => {
    const actor = await systemActor(handle.db);
    const svc = new EvaluationService(handle.db, actor);
    const campaigns = await svc.listCampaigns();
    // Every year from 2016 to the last review day before "today", each under the rule set of its year.
    expect(campaigns.map((c) => [c.year, c.ruleSetId]).reverse()).toEqual([
      [2016, 'hd27_2014'], [2017, 'hd27_2014'], [2018, 'qd132_hd16'], [2019, 'qd132_hd21'], [2020, 'qd132_hd21'], [2021, 'qd132_hd21'], [2022, 'qd132_hd21'],
      [2023, 'qd124'], [2024, 'qd124'], [2025, 'qd366'],
    ]);
    // Checked at the district, whose committee decides the communes' ratings: their cap groups are whole there
    // (a commune checked alone is a group of one organization).
    const chauThanh = await new UnitRepository(handle.db, actor).resolveCode('831', '2016-12-31');
    for (const c of campaigns) {
      const { roster, report } = await svc.check(c.id, chauThanh, 'decided', true);
      expect(roster.rows.filter((r) => r.subject === 'member' && !r.notEvaluated).every((r) => r.decidedLevel && r.locked)).toBe(true);
      expect(report.violations, `${c.year}`).toEqual([]);
    }
    // Members disciplined in 2024 are rated KHTNV (QĐ 124 Điều 12).
    const wrong = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM evaluation_rating r JOIN evaluation_campaign c ON c.id = r.campaign_id
      JOIN member_event e ON e.member_id = r.member_id AND e.kind = 'discipline' AND extract(year FROM e.effective_date) = c.year
      WHERE c.year IN (2024, 2025) AND r.decided_level <> 'failed'`.execute(handle.db);
    expect(wrong.rows[0]!.n).toBe(0);
    const results = await evaluationResults(handle.db, actor, await new UnitRepository(handle.db, actor).resolveCode('83', '2024-12-31'), 2025);
    expect(results.members.total).toBeGreaterThan(30_000);
    expect(results.members.excellent * 5).toBeLessThanOrEqual(results.members.good);
    expect(results.years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    for (const y of results.years) expect(y.members.total, `${y.year}`).toBeGreaterThan(30_000);
    expect(results.failing.members.length).toBe(results.members.failed);
  });
  it('counts the weak units by kind as a recount from the tree of the year does, and follows their plans to the overview', async () => {
    const actor = await systemActor(handle.db);
    const units = new UnitRepository(handle.db, actor);
    const district = await units.resolveCode('831', '2016-12-31');
    const r = await new WeakUnitService(handle.db, actor).report(district, 2016);
    // The recount: each flagged unit's kind and its parent's kind on 31/12/2016, bucketed as the seed does.
    const recount = await sql<{ bucket: string; n: number }>`
      SELECT CASE WHEN v.kind IN ('grassroots_committee', 'grassroots_cell') THEN 'grassroots'
                  WHEN pv.kind = 'grassroots_committee' THEN 'cell_of_grassroots_committee' ELSE 'cell_other' END AS bucket, count(*)::int AS n
      FROM weak_unit w JOIN unit u ON u.id = w.unit_id
      JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= '2016-12-31' AND (v.valid_to IS NULL OR v.valid_to > '2016-12-31')
      LEFT JOIN unit_version pv ON pv.unit_id = v.parent_id AND pv.valid_from <= '2016-12-31' AND (pv.valid_to IS NULL OR pv.valid_to > '2016-12-31')
      WHERE w.year = 2016 AND u.path <@ (SELECT path FROM unit WHERE id = ${district}) GROUP BY 1`.execute(handle.db);
    expect(Object.fromEntries(recount.rows.map((x) => [x.bucket, x.n]))).toEqual(r.byKind);

    expect(summary.tasks).toBeGreaterThan(14 * 2);
    const o = await consolidationOverview(handle.db, actor, district, 2016, TODAY);
    const consolidated = r.units.filter((u) => u.result === 'consolidated').length;
    expect(o.total).toMatchObject({ flagged: 14, plans: 14, tasks: summary.tasks, consolidated, carriedOver: 14 - consolidated, inProgress: 0 });
    // A consolidated plan has every task done; a carried-over one keeps its open tasks, overdue since 2017.
    const tasks = await sql<{ result: string; status: string; n: number }>`SELECT w.result, t.status, count(*)::int AS n FROM consolidation_task t
      JOIN weak_unit w ON w.id = t.weak_unit_id GROUP BY 1, 2`.execute(handle.db);
    expect(tasks.rows.filter((x) => x.result === 'consolidated' && x.status !== 'done')).toEqual([]);
    const open = tasks.rows.filter((x) => x.status !== 'done').reduce((a, x) => a + x.n, 0);
    expect(o.total.tasksOverdue).toBe(open);
    expect(o.total.tasksDone).toBe(summary.tasks - open);
    expect(o.byUnit.reduce((a, u) => a + u.flagged, 0)).toBe(14);
    expect(o.years.map((y) => y.year)).toEqual([2016]);
  });
});

describe(`the delegation's brief on the demo on ${backend}`, () => {
  const AS_OF = '2017-05-05';
  const SINCE = '2016-01-01';

  it("gives the seed's figures for Châu Thành on 05/05/2017 since 01/01/2016, each section equal to its separate report", async () => {
    const actor = await systemActor(handle.db);
    const unitId = await new UnitRepository(handle.db, actor).resolveCode('831', AS_OF);
    const b = await delegationBrief(handle.db, actor, unitId, { asOf: AS_OF, since: SINCE });
    expect(b.year).toBe(2016);
    expect(b.weakUnits.byKind).toEqual({ grassroots: 5, cell_of_grassroots_committee: 8, cell_other: 1 });
    expect(b.weakUnits.total).toBe(14);
    expect(b.resignations.total).toBe(75);
    expect((b.attrition.byOutcome['removed'] ?? 0) + (b.attrition.byOutcome['left'] ?? 0)).toBe(53);
    // The resolution chosen by default is the province's 02-NQ/TU, which the district disseminated.
    expect(b.dissemination?.document.number).toBe('02-NQ/TU');
    expect(b.dissemination!.sessions).toBeGreaterThan(0);
    // Every section is what the separate report says for the same unit and dates.
    expect(b.dissemination).toEqual(await disseminationReport(handle.db, actor, b.dissemination!.document.id, unitId, { asOf: AS_OF }));
    expect(b.weakUnits).toEqual(await new WeakUnitService(handle.db, actor).report(unitId, 2016));
    expect(b.resignations).toEqual(await resignationReport(handle.db, actor, unitId, SINCE, AS_OF));
    expect(b.attrition).toEqual(await attritionReport(handle.db, actor, unitId, SINCE, AS_OF));
    expect(b.evaluation).toEqual(await evaluationResults(handle.db, actor, unitId, 2016));
    expect(b.recruitment).toEqual(await recruitmentReport(handle.db, actor, unitId, 2016));
    expect(b.directives).toEqual(await directivesReport(handle.db, actor, unitId, { until: AS_OF, asOf: AS_OF }));
    // The visit of that day left its six directives.
    expect(b.directives.total).toBeGreaterThanOrEqual(6);
    // The day moves the figures: a day before the window opens, none of the 75 requests.
    const earlier = await delegationBrief(handle.db, actor, unitId, { asOf: '2015-12-31', since: '2015-01-01' });
    expect(earlier.resignations.people.some((p) => p.requestedOn >= SINCE)).toBe(false);
    expect(earlier.year).toBe(2015);
  });

  it('prints the figures in Vietnamese in the PDF (fonts embedded, text extracted and compared) and in the workbook', async () => {
    const actor = await systemActor(handle.db);
    const unitId = await new UnitRepository(handle.db, actor).resolveCode('831', AS_OF);
    const b = await delegationBrief(handle.db, actor, unitId, { asOf: AS_OF, since: SINCE });
    const doc = briefDocument(b, TODAY);
    const pdf = await briefPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    const { extractText, getDocumentProxy } = await import('unpdf');
    const proxy = await getDocumentProxy(new Uint8Array(pdf));
    const { text } = await extractText(proxy, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'ĐẢNG BỘ TỈNH BẾN TRE', 'HUYỆN ỦY CHÂU THÀNH', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Châu Thành, ngày 05 tháng 5 năm 2017', 'BÁO CÁO',
      'Nghị quyết số 02-NQ/TU', '14 tổ chức đảng chuyển biến chậm, sa sút, mất đoàn kết nội bộ',
      '5 tổ chức cơ sở đảng, 8 chi bộ trực thuộc đảng bộ cơ sở, 1 chi bộ trực thuộc',
      '75 cán bộ, công chức, viên chức xin nghỉ việc', 'Đã giải quyết 53 trường hợp', 'PHỤ LỤC',
    ]) expect(flat, expected).toContain(expected);
    // Every weak unit is listed in the annex.
    for (const u of b.weakUnits.units) expect(flat).toContain(u.name);
    // The text of the body is the one the screen shows.
    for (const block of doc.blocks.filter((x) => x.kind === 'heading')) expect(flat).toContain(block.text);

    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await briefXlsx(b, doc) as unknown as ArrayBuffer);
    const names = book.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Báo cáo');
    expect(names.some((n) => n.startsWith('2. '))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    const weakSheet = book.worksheets.find((w) => w.name.startsWith('2. Kế hoạch'))!;
    expect(weakSheet.rowCount - 1).toBe(14);
  });

  it('serves the brief over HTTP as JSON with its document, as PDF and as XLSX, and refuses bad dates naming the field', async () => {
    const { buildServer } = await import('../../src/http/server.ts');
    const { createDemoUsers, DEMO_PASSWORD, DEMO_USERS } = await import('../../src/commands/demo-users.ts');
    await createDemoUsers(handle.db);
    const { app } = await buildServer({ database: handle, webRoot: '/nonexistent', loginRateLimit: 1000 });
    try {
      const staff = DEMO_USERS.find((u) => u.username === 'chauthanh')!;
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: staff.username, password: DEMO_PASSWORD } });
      expect(login.statusCode).toBe(200);
      const cookie = `dangvu_session=${login.cookies.find((c) => c.name === 'dangvu_session')!.value}`;
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode('831', AS_OF);
      const url = `/api/reports/brief?unitId=${unitId}&asOf=${AS_OF}&since=${SINCE}`;
      const res = await app.inject({ url, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.weakUnits.total).toBe(14);
      expect(body.resignations.total).toBe(75);
      expect(body.document.issuingBody).toBe('HUYỆN ỦY CHÂU THÀNH');
      expect(body.document.blocks.filter((x: { kind: string }) => x.kind === 'heading')).toHaveLength(7);
      const pdf = await app.inject({ url: `${url}&format=pdf`, headers: { cookie } });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const xlsx = await app.inject({ url: `${url}&format=xlsx`, headers: { cookie } });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const bad = await app.inject({ url: `/api/reports/brief?unitId=${unitId}&asOf=2017-05-05&since=2018-01-01`, headers: { cookie } });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('since');
    } finally {
      await app.close();
    }
  });
});
