// Party documents and the cascade of implementation plans on a real database: number validation and
// uniqueness, plans linked to the parent's tasks, progress reports, the follow-up table (adopted,
// reported, late), the computed indicator against a count of admissions, review drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { DocumentRepository } from '../../src/db/repos/documents.ts';
import { actorForUser } from '../../src/db/repos/users.ts';
import { followUp } from '../../src/reports/implementation.ts';
import { countAdmissions } from '../../src/reports/indicator-sources.ts';

let t: TestApp;
let province: string; // admin83
let district: string; // staff831
let commune: string; // secretary28861
let ids: { nq: number; kh831: number; kh28861: number; tasks: number[]; planTasks: number[]; communeTasks: number[]; indicator: number } = null!;

beforeAll(async () => {
  t = await startTestApp();
  province = await t.login('admin83');
  district = await t.login('staff831');
  commune = await t.login('secretary28861');
});
afterAll(async () => t?.close());

const as = (cookie: string) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
  post: (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload }),
  put: (url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload }),
  patch: (url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: { cookie }, payload }),
});
const u = (code: string) => t.fixture.units[code]!;
const actorOf = async (username: string) => {
  const row = await t.handle.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await actorForUser(t.handle.db, row.id))!;
};

const RESOLUTION = {
  number: '02-NQ/TU', issuedOn: '2016-04-15', title: 'Nghị quyết về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng',
  coversFrom: '2016-01-01', coversTo: '2020-12-31', attachments: ['02-NQ-TU.pdf'], planDueDate: '2016-06-15', reportDueDays: 10,
  tasks: [
    { title: 'Nâng cao chất lượng sinh hoạt chi bộ', indicators: [{ name: 'Chi bộ sinh hoạt đúng định kỳ', unitOfMeasure: '%', measurement: 'reported' }] },
    { title: 'Phát triển đảng viên', indicators: [{ name: 'Số đảng viên kết nạp', unitOfMeasure: 'đảng viên', measurement: 'members_admitted' }] },
    { title: 'Củng cố tổ chức cơ sở đảng yếu kém', indicators: [{ name: 'Tổ chức yếu kém được củng cố', unitOfMeasure: 'tổ chức', measurement: 'weak_consolidated' }] },
  ],
};

describe(`party documents on ${backend}`, () => {
  it('refuses a malformed number with the reason in Vietnamese, naming the field', async () => {
    for (const [number, pattern] of [['02-QD/TU', /phải viết là "QĐ"/], ['02/NQ-TU', /số-LOẠI\/CƠ QUAN/], ['02-NQ/tu', /viết hoa: TU/]] as const) {
      const res = await as(province).post('/api/documents', { ...RESOLUTION, number, issuingUnitId: u('83') });
      expect(res.statusCode, number).toBe(400);
      expect(res.json().fields[0]).toMatchObject({ field: 'number' });
      expect(res.json().fields[0].message).toMatch(pattern);
    }
    expect((await t.handle.db.selectFrom('document').select('id').execute()).length).toBe(0);
  });

  it('keeps numbers unique per issuing committee, kind and year', async () => {
    const first = await as(province).post('/api/documents', { ...RESOLUTION, issuingUnitId: u('83') });
    expect(first.statusCode, first.body).toBe(201);
    const doc = first.json();
    expect(doc).toMatchObject({ number: '02-NQ/TU', kind: 'NQ', issuerCode: 'TU', tasks: 3, planDueDate: '2016-06-15' });
    expect(doc.taskList.map((x: { position: number }) => x.position)).toEqual([1, 2, 3]);
    const again = await as(province).post('/api/documents', { ...RESOLUTION, number: ' 2 - NQ / TU', issuedOn: '2016-11-02', issuingUnitId: u('83') });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields[0]).toMatchObject({ field: 'number', code: 'duplicate' });
    expect(again.json().fields[0].message).toMatch(/đã có văn bản số 2-NQ\/TU trong năm 2016 \(ban hành 15\/04\/2016\)/);
    // Another year, another kind, another committee: all free.
    expect((await as(province).post('/api/documents', { number: '02-NQ/TU', issuedOn: '2017-01-10', title: 'Nghị quyết năm sau', issuingUnitId: u('83') })).statusCode).toBe(201);
    expect((await as(province).post('/api/documents', { number: '02-KH/TU', issuedOn: '2016-04-20', title: 'Kế hoạch', issuingUnitId: u('83') })).statusCode).toBe(201);
    expect((await as(district).post('/api/documents', { number: '02-NQ/HU', issuedOn: '2016-04-20', title: 'Nghị quyết huyện', issuingUnitId: u('831') })).statusCode).toBe(201);
    // A district cannot issue in the province's name.
    const outside = await as(district).post('/api/documents', { number: '09-NQ/TU', issuedOn: '2016-04-20', title: 'x', issuingUnitId: u('83') });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields[0].field).toBe('issuingUnitId');
    ids = { nq: doc.id, kh831: 0, kh28861: 0, tasks: doc.taskList.map((x: { id: number }) => x.id), planTasks: [], communeTasks: [], indicator: doc.taskList[1].indicators[0].id };
  });

  it('cascades: a district plan and a commune plan linked to the parent tasks; checks of level and links', async () => {
    const bad = await as(district).post('/api/documents', {
      number: '15-NQ/HU', issuedOn: '2016-04-01', title: 'Sai', issuingUnitId: u('831'), implementsIds: [ids.nq],
      tasks: [{ title: 'x', parentTaskId: 999999 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { code: string }) => f.code).sort()).toEqual(['before_parent', 'not_a_plan', 'not_parent']);
    const plan = await as(district).post('/api/documents', {
      number: '15-KH/HU', issuedOn: '2016-05-20', title: 'Kế hoạch thực hiện Nghị quyết 02-NQ/TU', issuingUnitId: u('831'), implementsIds: [ids.nq], planDueDate: '2016-07-15',
      tasks: ids.tasks.map((p, i) => ({ title: `Huyện: nhiệm vụ ${i + 1}`, parentTaskId: p, owner: 'Ban Tổ chức Huyện ủy', deadline: '2016-12-31' })),
    });
    expect(plan.statusCode, plan.body).toBe(201);
    ids.kh831 = plan.json().id;
    ids.planTasks = plan.json().taskList.map((x: { id: number }) => x.id);
    expect(plan.json().taskList[1]).toMatchObject({ parentTaskId: ids.tasks[1], parentTaskPosition: 2, owner: 'Ban Tổ chức Huyện ủy', status: 'not_started', state: 'overdue' });
    // The province cannot "implement" its own resolution; the commune implements the district's plan.
    const self = await as(province).post('/api/documents', { number: '30-KH/TU', issuedOn: '2016-05-01', title: 'x', issuingUnitId: u('83'), implementsIds: [ids.nq] });
    expect(self.json().fields[0].code).toBe('not_lower');
    const cplan = await as(commune).post('/api/documents', {
      number: '07-KH/ĐU', issuedOn: '2016-06-20', title: 'Kế hoạch thực hiện', issuingUnitId: u('28861'), implementsIds: [ids.kh831],
      tasks: ids.planTasks.slice(0, 2).map((p, i) => ({ title: `Xã: nhiệm vụ ${i + 1}`, parentTaskId: p })),
    });
    expect(cplan.statusCode, cplan.body).toBe(201);
    ids.kh28861 = cplan.json().id;
    ids.communeTasks = cplan.json().taskList.map((x: { id: number }) => x.id);
    const nq = (await as(district).get(`/api/documents/${ids.nq}`)).json();
    expect(nq.plans.map((p: { number: string }) => p.number)).toEqual(['15-KH/HU']);
    expect(nq.editable).toBe(false);
    // Task status and a stale row version.
    const task = plan.json().taskList[0];
    const done = await as(district).patch(`/api/documents/${ids.kh831}/tasks/${task.id}`, { status: 'done', rowVersion: task.rowVersion });
    expect(done.json()).toMatchObject({ status: 'done', state: 'done' });
    expect((await as(district).patch(`/api/documents/${ids.kh831}/tasks/${task.id}`, { status: 'in_progress', rowVersion: task.rowVersion })).statusCode).toBe(409);
  });

  it('follows up: adopted (on time or late), reported for the period, late', async () => {
    const repo831 = new DocumentRepository(t.handle.db, await actorOf('staff831'));
    const repoCommune = new DocumentRepository(t.handle.db, await actorOf('secretary28861'));
    // Châu Thành reports all three tasks for Q1 2017 by the due date (10/04/2017); Tiên Thủy one of two.
    for (const [i, task] of ids.planTasks.entries()) await repo831.saveReport(ids.kh831, task, '2017-Q1', { body: `Kết quả quý I nhiệm vụ ${i + 1}`, evidence: ['BC-quy-I.pdf'] }, { submittedOn: i === 2 ? '2017-04-10' : '2017-04-05' });
    await repoCommune.saveReport(ids.kh28861, ids.communeTasks[0]!, '2017-Q1', { body: 'Xã: 12/12 chi bộ sinh hoạt định kỳ' }, { submittedOn: '2017-04-08' });
    const admin = await actorOf('admin83');
    const f = await followUp(t.handle.db, admin, ids.nq, { period: '2017-Q1', depth: 2, asOf: '2017-05-05' });
    expect(f.reportDueDate).toBe('2017-04-10');
    const by = Object.fromEntries(f.rows.map((r) => [r.code, [r.plan, r.planAdoptedOn, r.report, `${r.reportedTasks}/${r.tasks}`, r.late]]));
    expect(by).toEqual({
      '831': ['adopted', '2016-05-20', 'reported', '3/3', false],
      '836': ['late', null, 'no_plan', '0/0', true],
      '28861': ['adopted_late', '2016-06-20', 'late', '1/2', true],
      '28834': ['late', null, 'no_plan', '0/0', true],
      '29161': ['late', null, 'no_plan', '0/0', true],
    });
    expect(f.totals).toEqual({ units: 5, adopted: 2, reported: 1, late: 4 });
    // Before the due dates nothing is late yet; the day after the report's due date, Tiên Thủy is.
    const early = await followUp(t.handle.db, admin, ids.nq, { period: '2016-Q2', depth: 1, asOf: '2016-06-15' });
    expect(early.rows.map((r) => [r.code, r.plan, r.report, r.late])).toEqual([['831', 'adopted', 'pending', false], ['836', 'pending', 'no_plan', false]]);
    const onDue = await followUp(t.handle.db, admin, ids.nq, { period: '2017-Q1', depth: 2, asOf: '2017-04-10', unitId: u('28861') });
    expect(onDue.rows.map((r) => [r.code, r.report, r.late])).toEqual([['28861', 'partial', false]]);
    // The district sees only its own subtree, through the API.
    const api = (await as(district).get(`/api/documents/${ids.nq}/follow-up?period=2017-Q1&depth=2&asOf=2017-05-05`)).json();
    expect(api.rows.map((r: { code: string }) => r.code)).toEqual(['831', '28861', '28834']);
    const xlsx = await as(district).get(`/api/documents/${ids.nq}/follow-up?period=2017-Q1&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const badPeriod = await as(district).get(`/api/documents/${ids.nq}/follow-up?period=2017-Q5`);
    expect(badPeriod.statusCode).toBe(400);
  });

  it('records a progress report through the API, on today, and refuses a period that has not begun', async () => {
    const res = await as(commune).put(`/api/documents/${ids.kh28861}/tasks/${ids.communeTasks[1]}/reports/2017-Q1`, { body: 'Kết nạp 3 đảng viên', evidence: ['QĐ kết nạp'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ period: '2017-Q1', taskPosition: 2, evidence: ['QĐ kết nạp'] });
    const future = await as(commune).put(`/api/documents/${ids.kh28861}/tasks/${ids.communeTasks[1]}/reports/2100-Q1`, { body: 'x' });
    expect(future.json().fields[0]).toMatchObject({ field: 'period', code: 'future_period' });
    // Submitted today, long after 10/04/2017: complete, but late.
    const f = await followUp(t.handle.db, await actorOf('admin83'), ids.nq, { period: '2017-Q1', depth: 2, unitId: u('28861') });
    expect(f.rows[0]).toMatchObject({ report: 'reported_late', reportedTasks: 2, late: false });
    // The district cannot report for the province's resolution nor the commune for the district's plan.
    const cross = await as(commune).put(`/api/documents/${ids.kh831}/tasks/${ids.planTasks[0]}/reports/2017-Q1`, { body: 'x' });
    expect(cross.statusCode).toBe(404);
  });

  it('computes "members admitted" from the admissions in the subtree, never typed', async () => {
    const m = t.fixture.members;
    const add = async (member: string, date: string, cell: string) => (await sql<{ id: number }>`
      INSERT INTO member_event (member_id, kind, effective_date, details) VALUES (${m[member]!}, 'admission', ${date}, ${JSON.stringify({ unitId: u(cell) })}::jsonb) RETURNING id`.execute(t.handle.db)).rows[0]!.id;
    await add('Trần Ngọc Tâm', '2016-03-02', '28861.01');
    await add('Nguyễn Thị Thủy', '2016-12-31', '28861.01');
    await add('Lê Văn Thuỷ', '2017-01-01', '28861.02'); // next year
    await add('Phạm Thị Hòa', '2016-01-01', '28834.01');
    const voided = await add('Đặng Văn Đức', '2016-07-07', '29161.01');
    await add('Võ Thị Ánh', '2016-08-08', '29161.01');
    await sql`INSERT INTO member_event (member_id, kind, effective_date, voids_event_id) VALUES (${m['Đặng Văn Đức']!}, 'void', '2016-07-08', ${voided})`.execute(t.handle.db);
    // Brute force: every event, in JS.
    const events = await t.handle.db.selectFrom('member_event').selectAll().execute();
    const units = await t.handle.db.selectFrom('unit').select(['id', 'path']).execute();
    const brute = (code: string, year: number) => {
      const root = units.find((x) => x.id === u(code))!.path;
      return events.filter((e) => e.kind === 'admission' && e.effective_date.startsWith(String(year))
        && !events.some((v) => v.voids_event_id === e.id)
        && (() => { const p = units.find((x) => x.id === Number((e.details as { unitId: number }).unitId))!.path; return p === root || p.startsWith(root + '.'); })()).length;
    };
    for (const code of ['83', '831', '836', '28861']) {
      for (const year of [2016, 2017]) {
        expect(await countAdmissions(t.handle.db, units.find((x) => x.id === u(code))!.path, year), `${code} ${year}`).toBe(brute(code, year));
      }
    }
    expect(brute('83', 2016)).toBe(4);
    expect((await as(province).put(`/api/indicators/${ids.indicator}/targets`, { unitId: u('831'), year: 2016, target: 5 })).statusCode).toBe(200);
    const results = (await as(province).get(`/api/documents/${ids.nq}/indicators?unitId=${u('831')}&year=2016`)).json();
    expect(results.map((r: { measurement: string; target: number | null; actual: number | null; origin: string }) => [r.measurement, r.target, r.actual, r.origin])).toEqual([
      ['reported', null, null, 'not_reported'], ['members_admitted', 5, 3, 'computed'], ['weak_consolidated', null, null, 'no_data'],
    ]);
    expect(results[2].note).toBe('chưa có dữ liệu');
    // A computed indicator cannot be typed in; a reported one can, by the unit.
    expect((await as(district).put(`/api/indicators/${ids.indicator}/values`, { unitId: u('831'), year: 2016, value: 9 })).json().fields[0].code).toBe('computed');
    const reportedId = results[0].id;
    expect((await as(district).put(`/api/indicators/${reportedId}/values`, { unitId: u('831'), year: 2016, value: 95 })).statusCode).toBe(200);
    const again = (await as(district).get(`/api/documents/${ids.nq}/indicators?unitId=${u('831')}&year=2016`)).json();
    expect(again[0]).toMatchObject({ actual: 95, origin: 'reported' });
    // The district cannot assign targets on the province's resolution.
    expect((await as(district).put(`/api/indicators/${ids.indicator}/targets`, { unitId: u('831'), year: 2016, target: 1 })).statusCode).toBe(404);
  });

  it('drafts a mid-term review from the progress reports, under the resolution\'s tasks', async () => {
    const res = await as(province).post(`/api/documents/${ids.nq}/reviews`, { kind: 'so_ket', from: '2016-01-01', to: '2017-06-30' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.reports).toBe(5);
    expect(d.body).toMatch(/^DỰ THẢO BÁO CÁO SƠ KẾT\nviệc thực hiện 02-NQ\/TU ngày 15\/04\/2016/);
    const section2 = d.body.split('\n2. ')[1].split('\n3. ')[0];
    expect(section2).toContain('Đảng bộ huyện Châu Thành (15-KH/HU, kỳ 2017-Q1): Kết quả quý I nhiệm vụ 2');
    expect(section2).toContain('Đảng bộ xã Tiên Thủy (07-KH/ĐU, kỳ 2017-Q1): Kết nạp 3 đảng viên [Minh chứng: QĐ kết nạp]');
    const list = (await as(province).get(`/api/documents/${ids.nq}/reviews`)).json();
    expect(list).toHaveLength(1);
    // Ba Tri's staff gather nothing of Châu Thành.
    const other = await t.login('staff836');
    const theirs = (await as(other).post(`/api/documents/${ids.nq}/reviews`, { kind: 'tong_ket', from: '2016-01-01', to: '2017-06-30' })).json();
    expect(theirs.reports).toBe(0);
    expect(theirs.body).not.toContain('Châu Thành');
  });

  it('lists and searches documents in scope, with those of the committees above', async () => {
    const found = (await as(commune).get('/api/documents?q=nang%20cao%20nang%20luc')).json();
    expect(found.map((d: { number: string }) => d.number)).toEqual(['02-NQ/TU']);
    const byNumber = (await as(commune).get(`/api/documents?q=${encodeURIComponent('07-KH/ĐU')}`)).json();
    expect(byNumber.map((d: { number: string }) => d.number)).toEqual(['07-KH/ĐU']);
    const plans = (await as(province).get(`/api/documents?implementsId=${ids.nq}`)).json();
    expect(plans.map((d: { number: string }) => d.number)).toEqual(['15-KH/HU']);
    const baTri = await t.login('staff836');
    const seen = (await as(baTri).get('/api/documents')).json().map((d: { number: string }) => d.number);
    expect(seen).toContain('02-NQ/TU');
    expect(seen).not.toContain('15-KH/HU');
    expect(seen).not.toContain('07-KH/ĐU');
    // The audit trail has the document, its tasks and the reports.
    const audit = await t.handle.db.selectFrom('audit_log').select(['entity']).where('entity', 'in', ['document', 'document_task', 'progress_report']).execute();
    expect(new Set(audit.map((a) => a.entity))).toEqual(new Set(['document', 'document_task', 'progress_report']));
  });
});
