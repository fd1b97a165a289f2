// Working visits on a real database: the delegation and units, the conclusion notice with its directives
// (bad input refused whole, naming the field), duplicate notice numbers, follow-up with evidence, the
// commune's scope, the work queue, the directives report against a recount, the DOCX notice, and open
// directives following a unit merged away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import JSZip from 'jszip';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { directivesReport } from '../../src/reports/directives.ts';
import { DocumentRepository } from '../../src/db/repos/documents.ts';
import { RestructureService } from '../../src/commands/restructure.ts';
import { todayIso } from '../../src/domain/dates.ts';

let t: TestApp;
let province: string; // admin83
let district: string; // staff831
let commune: string; // secretary28861
let batri: string; // staff836

beforeAll(async () => {
  t = await startTestApp();
  province = await t.login('admin83');
  district = await t.login('staff831');
  commune = await t.login('secretary28861');
  batri = await t.login('staff836');
});
afterAll(async () => t?.close());

const as = (cookie: string) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
  post: (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload }),
  patch: (url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: { cookie }, payload }),
});
const u = (code: string) => t.fixture.units[code]!;
const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.handle.db)).rows[0]!.n);

const VISIT = {
  title: 'Đoàn công tác của Tỉnh ủy làm việc với Đảng ủy xã Tiên Thủy và Huyện ủy Châu Thành', kind: 'working_visit',
  startsOn: '2017-05-05', endsOn: '2017-05-05', topics: ['Thực hiện Nghị quyết 02-NQ/TU'],
  delegates: [
    { fullName: 'Phan Văn Mãi', title: 'Phó Bí thư Thường trực Tỉnh ủy', homeBody: 'Tỉnh ủy Bến Tre', role: 'leader' },
    { fullName: 'Nguyễn Văn Hùng', title: 'Phó Vụ trưởng', homeBody: 'Vụ Địa phương III, Ban Tổ chức Trung ương', role: 'member' },
  ],
};
const NOTICE = { number: '15-TB/TU', issuedOn: '2017-05-12', place: 'Bến Tre', signerName: 'Phan Văn Mãi', signerTitle: 'Phó Bí thư Thường trực', body: 'Đoàn ghi nhận kết quả.\nĐề nghị tiếp tục thực hiện.', recipients: ['Huyện ủy Châu Thành', 'Đảng ủy xã Tiên Thủy'] };
let visitId = 0;

describe(`working visits on ${backend}`, () => {
  it('prepares a visit with a delegation from outside the tree and the units visited', async () => {
    const res = await as(province).post('/api/visits', { ...VISIT, issuingUnitId: u('83'), units: [{ unitId: u('28861'), visitedOn: '2017-05-05' }, { unitId: u('831'), visitedOn: '2017-05-05' }] });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    visitId = v.id;
    expect(v).toMatchObject({ status: 'preparation', issuingUnitName: 'Đảng bộ tỉnh Bến Tre', editable: true });
    expect(v.delegates.map((d: { homeBody: string }) => d.homeBody)).toEqual(['Tỉnh ủy Bến Tre', 'Vụ Địa phương III, Ban Tổ chức Trung ương']);
    const moved = await as(province).patch(`/api/visits/${visitId}`, { status: 'visited', findings: 'Đảng ủy xã đã ban hành kế hoạch.', rowVersion: v.rowVersion });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().status).toBe('visited');
    // A delegation with two leaders, or a unit outside the issuer's tree, is refused with the field.
    const bad = await as(district).post('/api/visits', { ...VISIT, issuingUnitId: u('831'), delegates: [VISIT.delegates[0], VISIT.delegates[0]], units: [{ unitId: u('29161'), visitedOn: '2017-05-05' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field)).toEqual(['delegates', 'units.0.unitId']);
  });

  it('refuses a conclusion with a directive without responsible unit, a deadline before the visit or a malformed number, storing nothing', async () => {
    const rowVersion = (await as(province).get(`/api/visits/${visitId}`)).json().rowVersion;
    const before = await count('audit_log');
    const res = await as(province).post(`/api/visits/${visitId}/conclusion`, {
      rowVersion, notice: { ...NOTICE, number: '15/TB-TU' },
      directives: [
        { text: 'Tiếp tục quán triệt Nghị quyết 02-NQ/TU', responsibleUnitId: u('28861'), deadline: '2017-12-31' },
        { text: 'Củng cố chi bộ yếu kém' },
        { text: 'Rà soát đảng viên', responsibleUnitId: u('28861'), deadline: '2017-05-01' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(['notice.number', 'directives.1.responsibleUnitId', 'directives.2.deadline']);
    expect(res.json().fields[1].message).toMatch(/Ý kiến chỉ đạo 2: cần chọn đơn vị chịu trách nhiệm/);
    expect(await count('directive')).toBe(0);
    expect(await count('visit_notice')).toBe(0);
    expect(await count('audit_log')).toBe(before);
  });

  it('records the notice with its directives and concludes the visit', async () => {
    const rowVersion = (await as(province).get(`/api/visits/${visitId}`)).json().rowVersion;
    const res = await as(province).post(`/api/visits/${visitId}/conclusion`, {
      rowVersion, notice: NOTICE,
      directives: [
        { text: 'Tiếp tục quán triệt Nghị quyết 02-NQ/TU', responsibleUnitId: u('28861'), owner: 'Bí thư Đảng ủy xã', deadline: '2017-06-30' },
        { text: 'Xây dựng kế hoạch củng cố chi bộ yếu kém', responsibleUnitId: u('28861'), deadline: '2017-12-31' },
        { text: 'Chỉ đạo rà soát đảng viên bỏ sinh hoạt', responsibleUnitId: u('831'), deadline: null },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ status: 'concluded', noticeNumber: '15-TB/TU', directives: 3, openDirectives: 3, overdueDirectives: 2 });
    expect(v.directiveList.map((d: { ordinal: number; overdue: boolean }) => [d.ordinal, d.overdue])).toEqual([[1, true], [2, true], [3, false]]);
  });

  it('refuses a notice number the issuer already used that year, among notices and documents', async () => {
    const second = (await as(province).post('/api/visits', { ...VISIT, title: 'Đoàn kiểm tra', kind: 'inspection', issuingUnitId: u('83'), startsOn: '2017-08-01', endsOn: '2017-08-02', units: [{ unitId: u('836'), visitedOn: '2017-08-01' }] })).json();
    const conclude = (number: string) => as(province).post(`/api/visits/${second.id}/conclusion`, { rowVersion: second.rowVersion, notice: { ...NOTICE, number, issuedOn: '2017-08-10' }, directives: [] });
    const dup = await conclude('15-TB/TU');
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields[0]).toMatchObject({ field: 'notice.number', code: 'duplicate' });
    expect(dup.json().fields[0].message).toContain('12/05/2017');
    await new DocumentRepository(t.handle.db, await systemActor(t.handle.db)).create({ number: '16-TB/TU', issuingUnitId: u('83'), issuedOn: '2017-07-01', title: 'Thông báo khác' });
    expect((await conclude('16-TB/TU')).json().fields[0]).toMatchObject({ field: 'notice.number', code: 'duplicate' });
    // The same number in another year, or another committee's 15-TB/TU, is a new document.
    expect((await conclude('15-TB/TU'.replace('15', '17'))).statusCode).toBe(200);
  });

  it("shows a commune only its own directives, which it follows up; done needs evidence", async () => {
    const v = (await as(commune).get(`/api/visits/${visitId}`)).json();
    expect(v.editable).toBe(false);
    expect(v.directiveList.map((d: { responsibleUnitCode: string }) => d.responsibleUnitCode)).toEqual(['28861', '28861']);
    const [first] = v.directiveList;
    const noEvidence = await as(commune).post(`/api/directives/${first.id}/follow-up`, { rowVersion: first.rowVersion, status: 'done', doneOn: '2017-06-20' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().fields.map((f: { field: string }) => f.field)).toEqual(['evidence']);
    const done = await as(commune).post(`/api/directives/${first.id}/follow-up`, {
      rowVersion: first.rowVersion, status: 'done', doneOn: '2017-06-20', note: 'Đã tổ chức hội nghị quán triệt cho 100% chi bộ', evidence: ['Báo cáo 12-BC/ĐU ngày 20/6/2017'],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', overdue: false, doneOn: '2017-06-20', evidence: ['Báo cáo 12-BC/ĐU ngày 20/6/2017'] });
    expect(done.json().progress).toHaveLength(1);
    // The district's directive is not the commune's: not found. Nor may the commune cancel or move a deadline.
    const other = (await as(province).get(`/api/visits/${visitId}`)).json().directiveList[2];
    expect((await as(commune).post(`/api/directives/${other.id}/follow-up`, { rowVersion: other.rowVersion, note: 'x' })).statusCode).toBe(404);
    const second = v.directiveList[1];
    const cancel = await as(commune).post(`/api/directives/${second.id}/follow-up`, { rowVersion: second.rowVersion, status: 'cancelled', deadline: '2018-06-30' });
    expect(cancel.json().fields.map((f: { field: string }) => f.field)).toEqual(['status', 'deadline']);
    // Ba Tri sees nothing of it.
    expect((await as(batri).get(`/api/visits/${visitId}`)).statusCode).toBe(404);
    expect((await as(batri).get('/api/visits')).json().map((x: { id: number }) => x.id)).not.toContain(visitId);
    expect((await as(batri).post(`/api/directives/${second.id}/follow-up`, { rowVersion: second.rowVersion, note: 'x' })).statusCode).toBe(404);
  });

  it('puts the overdue directive in the work queue of the responsible unit and of the issuer', async () => {
    for (const [cookie, unit] of [[commune, '28861'], [province, '83']] as const) {
      const q = (await as(cookie).get(`/api/queues?unitId=${u(unit)}`)).json();
      const items = q.followUps.filter((i: { kind: string }) => i.kind === 'directive');
      expect(items.map((i: { unitName: string; link: string }) => [i.unitName, i.link]), unit).toEqual([['Đảng bộ xã Tiên Thủy', `/visits/${visitId}`]]);
      expect(items[0].daysLeft).toBeLessThan(0);
      expect(items[0].issuerUnitName).toBe('Đảng bộ tỉnh Bến Tre');
    }
    expect((await as(batri).get(`/api/queues?unitId=${u('836')}`)).json().followUps).toEqual([]);
  });

  it('reports the directives of a subtree as a recount does', async () => {
    const actor = await systemActor(t.handle.db);
    for (const code of ['83', '831', '28861', '836']) {
      const r = await directivesReport(t.handle.db, actor, u(code));
      const { rows } = await sql<{ status: string; n: string; overdue: string }>`
        SELECT d.status, count(*) AS n, count(*) FILTER (WHERE d.status IN ('open', 'in_progress') AND d.deadline < ${todayIso()}::date) AS overdue
        FROM directive d JOIN working_visit v ON v.id = d.visit_id JOIN unit iu ON iu.id = v.issuing_unit_id JOIN unit ru ON ru.id = d.responsible_unit_id
        JOIN unit root ON root.id = ${u(code)} WHERE ru.path <@ root.path OR iu.path <@ root.path GROUP BY d.status`.execute(t.handle.db);
      expect(r.total, code).toBe(rows.reduce((s, x) => s + Number(x.n), 0));
      expect(r.overdue, code).toBe(rows.reduce((s, x) => s + Number(x.overdue), 0));
      for (const x of rows) expect(r.byStatus[x.status as 'open'], `${code} ${x.status}`).toBe(Number(x.n));
    }
    const res = await as(district).get(`/api/reports/directives?unitId=${u('831')}&since=2017-01-01&until=2017-12-31`);
    expect(res.json()).toMatchObject({ total: 3, byStatus: { open: 2, in_progress: 0, done: 1, cancelled: 0 }, overdue: 1 });
    expect(res.json().items[0]).toMatchObject({ visit: { id: visitId, noticeNumber: '15-TB/TU' }, responsibleUnit: { code: '28861' }, status: 'done' });
    expect((await as(district).get(`/api/reports/directives?unitId=${u('831')}&since=2018-01-01`)).json().total).toBe(0);
    expect((await as(batri).get(`/api/reports/directives?unitId=${u('831')}`)).statusCode).toBe(404);
    const xlsx = await as(district).get(`/api/reports/directives?unitId=${u('831')}&format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it("exports the conclusion notice as DOCX in the party's format", async () => {
    const res = await as(province).get(`/api/visits/${visitId}/notice.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const text of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'TỈNH ỦY BẾN TRE', 'Số 15-TB/TU', 'Bến Tre, ngày 12 tháng 5 năm 2017', 'THÔNG BÁO KẾT LUẬN', 'Nơi nhận:', '- Huyện ủy Châu Thành,', 'T/M BAN THƯỜNG VỤ', 'Phan Văn Mãi', 'Chỉ đạo rà soát đảng viên bỏ sinh hoạt']) {
      expect(xml, text).toContain(text);
    }
    expect(Object.keys(zip.files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  });

  it('names the units as they stood on the day of the visit, after a later rename', async () => {
    const service = new RestructureService(t.handle.db, await systemActor(t.handle.db));
    await service.apply({ kind: 'rename', unitId: u('28861'), name: 'Đảng bộ thị trấn Tiên Thủy', effectiveDate: '2020-02-01', decisionNumber: '856/NQ-UBTVQH14' });
    const v = (await as(province).get(`/api/visits/${visitId}`)).json();
    expect(v.units.map((x: { name: string }) => x.name)).toContain('Đảng bộ xã Tiên Thủy');
    const list = (await as(province).get('/api/visits')).json() as Array<{ id: number; unitNames: string[] }>;
    expect(list.find((x) => x.id === visitId)!.unitNames).toContain('Đảng bộ xã Tiên Thủy');
  });

  it("hands a merged commune's open directives to its successor", async () => {
    const service = new RestructureService(t.handle.db, await systemActor(t.handle.db));
    const merge = { kind: 'merge' as const, effectiveDate: '2025-07-01', decisionNumber: '1687/NQ-UBTVQH15', sourceIds: [u('28861')], targetId: u('28834') };
    const preview = await service.preview(merge);
    expect(preview.openItems).toContainEqual(expect.objectContaining({ key: 'directive', count: 1 }));
    await service.apply(merge);
    const rows = await t.handle.db.selectFrom('directive').select(['ordinal', 'status', 'responsible_unit_id']).where('visit_id', '=', visitId).orderBy('ordinal').execute();
    // The done directive stays with Tiên Thủy; the open one goes to Thành Triệu.
    expect(rows.map((r) => [r.ordinal, r.responsible_unit_id])).toEqual([[1, u('28861')], [2, u('28834')], [3, u('831')]]);
  });
});
