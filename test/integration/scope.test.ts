// A user of one district can neither read nor change anything of another, through any route.
// The cases are keyed by the route table, so a new route without a case fails this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { systemActor } from '../../src/db/repos/users.ts';

let t: TestApp;
let outsider: string; // org_staff of Ba Tri (836)
let outsiderAdmin: string; // a Ba Tri administrator, to reach the admin-only routes
let candidateId: number; // a candidate of a Tiên Thủy cell (Châu Thành)
let campaignId: number; // an evaluation campaign of Châu Thành (831)
let chauThanhRestructuring: number; // a restructuring record of Châu Thành, for the undo case
let resignationId: number; // a request of a Tiên Thủy civil servant
let enterpriseId: number; // an enterprise of a Châu Thành park
let documents: { nq: number; nqIndicator: number; plan: number; planTask: number; planIndicator: number };
let visit: { id: number; directive: number };
let sessionId: number; // a dissemination session of Châu Thành, by list
let weakPlan: { id: number; task: number }; // Tiên Thủy's consolidation plan of 2016 and one task // a Châu Thành visit to Tiên Thủy, concluded with one directive
beforeAll(async () => {
  t = await startTestApp();
  const { RestructureService } = await import('../../src/commands/restructure.ts');
  const { systemActor: sys } = await import('../../src/db/repos/users.ts');
  chauThanhRestructuring = (await new RestructureService(t.handle.db, await sys(t.handle.db)).apply({
    kind: 'create', effectiveDate: '2020-01-01', decisionNumber: '10-QĐ/ĐU', unit: { code: '28834.02', name: 'Chi bộ ấp Thành Triệu 2', kind: 'cell', parentId: t.fixture.units['28834']! },
  })).id;
  outsider = await t.login('staff836');
  const { createUser, systemActor } = await import('../../src/db/repos/users.ts');
  await createUser(t.handle.db, await systemActor(t.handle.db), { username: 'admin836', fullName: 'Admin Ba Tri', password: 'matkhau-thu-nghiem', role: 'admin', scopeUnitId: t.fixture.units['836']! });
  outsiderAdmin = await t.login('admin836');
  const { CandidateRepository } = await import('../../src/db/repos/candidates.ts');
  const candidate = await new CandidateRepository(t.handle.db, await systemActor(t.handle.db)).create({
    fullName: 'Trần Thị Quần Chúng', sex: 'female', birthDate: '2001-02-03', source: 'youth_union', unitId: t.fixture.units['28861.01']!, identifiedOn: '2025-08-01',
  });
  candidateId = candidate.id;
  const created = await t.app.inject({ method: 'POST', url: '/api/evaluation/campaigns', headers: { cookie: await t.login('staff831') }, payload: { year: 2024, rootUnitId: t.fixture.units['831'] } });
  campaignId = created.json().id;
  // A province resolution (readable by Ba Tri) and Châu Thành's plan for it (not readable by Ba Tri).
  const { DocumentRepository } = await import('../../src/db/repos/documents.ts');
  const docs = new DocumentRepository(t.handle.db, await systemActor(t.handle.db));
  const nq = await docs.create({ number: '02-NQ/TU', issuingUnitId: t.fixture.units['83']!, issuedOn: '2016-04-15', title: 'Nghị quyết về xây dựng Đảng',
    tasks: [{ title: 'Phát triển đảng viên', indicators: [{ name: 'Kết nạp', unitOfMeasure: 'đảng viên', measurement: 'members_admitted' }] }] });
  const plan = await docs.create({ number: '15-KH/HU', issuingUnitId: t.fixture.units['831']!, issuedOn: '2016-05-20', title: 'Kế hoạch của huyện', implementsIds: [nq.id],
    tasks: [{ title: 'Nhiệm vụ của huyện', parentTaskId: nq.taskList[0]!.id, indicators: [{ name: 'Tỷ lệ', unitOfMeasure: '%', measurement: 'reported' }] }] });
  const { VisitService } = await import('../../src/commands/visits.ts');
  const visits = new VisitService(t.handle.db, await systemActor(t.handle.db));
  const v = await visits.create({ title: 'Đoàn công tác của Huyện ủy', kind: 'working_visit', issuingUnitId: t.fixture.units['831']!, startsOn: '2017-05-05', endsOn: '2017-05-05',
    units: [{ unitId: t.fixture.units['28861']!, visitedOn: '2017-05-05' }] });
  const concluded = await visits.conclude(v.id, { rowVersion: v.rowVersion, directives: [{ text: 'Củng cố chi bộ', responsibleUnitId: t.fixture.units['28861']!, deadline: '2017-12-31' }],
    notice: { number: '20-TB/HU', issuedOn: '2017-05-10', place: 'Châu Thành', signerName: 'Người ký', signerTitle: 'Bí thư', body: 'Kết luận' } });
  visit = { id: v.id, directive: concluded.directiveList[0]!.id };
  const { DisseminationService } = await import('../../src/commands/dissemination.ts');
  sessionId = (await new DisseminationService(t.handle.db, await systemActor(t.handle.db)).record({
    unitId: t.fixture.units['28861']!, heldOn: '2016-05-10', title: 'Hội nghị quán triệt', documentIds: [nq.id],
    attendance: [{ memberId: t.fixture.members['Trần Ngọc Tâm']!, present: true }],
  })).id;
  documents = { nq: nq.id, nqIndicator: nq.taskList[0]!.indicators[0]!.id, plan: plan.id, planTask: plan.taskList[0]!.id, planIndicator: plan.taskList[0]!.indicators[0]!.id };
  const { ResignationService } = await import('../../src/commands/resignations.ts');
  resignationId = (await new ResignationService(t.handle.db, await systemActor(t.handle.db)).create({
    fullName: 'Phạm Thị Hồng', agency: 'Ủy ban nhân dân xã Tiên Thủy', position: 'Công chức', level: 'commune', unitId: t.fixture.units['28861']!, requestedOn: '2016-03-02', reason: 'income',
  })).id;
  const { EnterpriseService } = await import('../../src/commands/enterprises.ts');
  const enterprises = new EnterpriseService(t.handle.db, await systemActor(t.handle.db));
  const park = await enterprises.createPark({ name: 'KCN Giao Long', unitId: t.fixture.units['831']! });
  enterpriseId = (await enterprises.create({ name: 'Công ty TNHH Dừa Tiên Thủy', parkId: park.id, unitId: t.fixture.units['28861']!, ownership: 'limited', workers: 120 })).id;
  const { WeakUnitService } = await import('../../src/commands/weak-units.ts');
  const { ConsolidationService } = await import('../../src/commands/consolidation.ts');
  const weak = await new WeakUnitService(t.handle.db, await systemActor(t.handle.db)).save({ unitId: t.fixture.units['28861']!, year: 2016, categories: ['slow_change'] });
  const task = await new ConsolidationService(t.handle.db, await systemActor(t.handle.db)).addTask(weak.id, { measure: 'Kiện toàn chi ủy', ownerUnitId: t.fixture.units['28861']!, deadline: '2016-12-31' });
  weakPlan = { id: weak.id, task: task.id };
});
afterAll(async () => t?.close());


interface Case {
  method: string;
  url: () => string;
  payload?: () => unknown;
  cookie?: () => string;
  /** For routes that list or search: the response must hold nothing of Châu Thành. */
  check?: (status: number, body: any) => void;
  public?: boolean;
}

const u = (code: string) => t.fixture.units[code]!;
const REFORM_CSV = 'old_unit_code,old_unit_name,old_district_code,old_province_code,new_unit_code,new_unit_name,new_province_code\n'
  + '28834,Thành Triệu,831,83,28861,Tiên Thủy,86\n28861,Tiên Thủy,831,83,28861,Tiên Thủy,86\n';
const m = (name: string) => t.fixture.members[name]!;
const noChauThanh = (status: number, body: unknown) => {
  expect(status).toBe(200);
  const text = JSON.stringify(body);
  for (const name of ['Châu Thành', 'Tiên Thủy', 'Trần Ngọc Tâm', 'Thành Triệu', 'staff831']) expect(text).not.toContain(name);
};

const cases: Record<string, Case> = {
  'GET /api/health': { method: 'GET', url: () => '/api/health', public: true },
  'POST /api/auth/login': { method: 'POST', url: () => '/api/auth/login', public: true },
  'POST /api/auth/logout': { method: 'POST', url: () => '/api/auth/logout', public: true },
  'GET /api/auth/me': { method: 'GET', url: () => '/api/auth/me', check: (s, b) => { expect(s).toBe(200); expect(b.scopeUnitId).toBe(u('836')); } },
  'GET /api/units/roots': { method: 'GET', url: () => '/api/units/roots', check: noChauThanh },
  'GET /api/units/search': { method: 'GET', url: () => '/api/units/search?q=tien%20thuy', check: noChauThanh },
  'GET /api/units/resolve': { method: 'GET', url: () => '/api/units/resolve?code=28861' },
  'GET /api/units/:id': { method: 'GET', url: () => `/api/units/${u('831')}` },
  'GET /api/units/:id/children': { method: 'GET', url: () => `/api/units/${u('831')}/children` },
  'GET /api/units/:id/versions': { method: 'GET', url: () => `/api/units/${u('28861')}/versions` },
  'GET /api/units/:id/history': { method: 'GET', url: () => `/api/units/${u('28861')}/history` },
  'POST /api/units': {
    method: 'POST', url: () => '/api/units',
    payload: () => ({ code: '28861.99', name: 'Chi bộ lạ', kind: 'cell', parentId: u('28861'), effectiveDate: '2024-01-01' }),
  },
  'PATCH /api/units/:id': {
    method: 'PATCH', url: () => `/api/units/${u('28861')}`,
    payload: () => ({ name: 'Đổi tên trái phép', effectiveDate: '2024-01-01', rowVersion: 1 }),
  },
  'GET /api/members': { method: 'GET', url: () => '/api/members?q=tran%20ngoc%20tam', check: (s, b) => { noChauThanh(s, b); expect(b.total).toBe(0); } },
  'GET /api/members/:id': { method: 'GET', url: () => `/api/members/${m('Trần Ngọc Tâm')}` },
  'GET /api/members/:id/periods': { method: 'GET', url: () => `/api/members/${m('Trần Ngọc Tâm')}/periods` },
  'GET /api/members/:id/history': { method: 'GET', url: () => `/api/members/${m('Trần Ngọc Tâm')}/history` },
  'POST /api/members': {
    method: 'POST', url: () => '/api/members',
    payload: () => ({ fullName: 'Người Lạ', sex: 'male', birthDate: '1990-01-01', status: 'official', admissionDate: '2015-01-01', officialDate: '2016-01-01', unitId: u('28861.01') }),
  },
  'PATCH /api/members/:id': {
    method: 'PATCH', url: () => `/api/members/${m('Trần Ngọc Tâm')}`,
    payload: () => ({ occupation: 'Sửa trái phép', rowVersion: 1 }),
  },
  'GET /api/members/:id/actions': { method: 'GET', url: () => `/api/members/${m('Trần Ngọc Tâm')}/actions` },
  'GET /api/members/:id/events': { method: 'GET', url: () => `/api/members/${m('Trần Ngọc Tâm')}/events` },
  'POST /api/members/:id/events/check': {
    method: 'POST', url: () => `/api/members/${m('Trần Ngọc Tâm')}/events/check`,
    payload: () => ({ kind: 'death', effectiveDate: '2026-01-05', decisionNumber: '12-QĐ/HU' }),
  },
  'POST /api/members/:id/events': {
    method: 'POST', url: () => `/api/members/${m('Trần Ngọc Tâm')}/events`,
    payload: () => ({ kind: 'death', effectiveDate: '2026-01-05', decisionNumber: '12-QĐ/HU', rowVersion: 1 }),
  },
  'GET /api/units/:id/meetings': { method: 'GET', url: () => `/api/units/${u('28861.01')}/meetings?year=2026` },
  'GET /api/units/:id/meetings/:month': { method: 'GET', url: () => `/api/units/${u('28861.01')}/meetings/2026-01` },
  'PUT /api/units/:id/meetings/:month': {
    method: 'PUT', url: () => `/api/units/${u('28861.01')}/meetings/2026-01`,
    payload: () => ({ heldOn: '2026-01-10', attendance: [] }),
  },
  'GET /api/queues': { method: 'GET', url: () => '/api/queues', check: noChauThanh },
  'GET /api/members/:id/counselling': { method: 'GET', url: () => `/api/members/${m('Trần Ngọc Tâm')}/counselling` },
  'POST /api/members/:id/counselling': {
    method: 'POST', url: () => `/api/members/${m('Trần Ngọc Tâm')}/counselling`,
    payload: () => ({ metOn: '2026-01-05', metBy: 'Người lạ', topic: 'unpaid_dues', outcome: 'persists' }),
  },
  'GET /api/reports/attrition': { method: 'GET', url: () => `/api/reports/attrition?unitId=${u('831')}&since=2016-01-01` },
  'GET /api/reports/members': { method: 'GET', url: () => `/api/reports/members?unitId=${u('831')}&asOf=2020-01-01` },
  'GET /api/reports/movements': { method: 'GET', url: () => `/api/reports/movements?unitId=${u('831')}&from=2020-01-01&to=2020-12-31` },
  'GET /api/members/:id/on': { method: 'GET', url: () => `/api/members/${m('Trần Ngọc Tâm')}/on?date=2020-01-01` },
  'GET /api/users': { method: 'GET', url: () => '/api/users', cookie: () => outsiderAdmin, check: noChauThanh },
  'POST /api/users': {
    method: 'POST', url: () => '/api/users', cookie: () => outsiderAdmin,
    payload: () => ({ username: 'chiemquyen', fullName: 'Chiếm Quyền', password: 'mat-khau-dai', role: 'admin', scopeUnitId: u('831') }),
  },
  'GET /api/candidates': { method: 'GET', url: () => '/api/candidates?q=quan%20chung', check: (s, b) => { noChauThanh(s, b); expect(b.total).toBe(0); } },
  'GET /api/candidates/:id': { method: 'GET', url: () => `/api/candidates/${candidateId}` },
  'POST /api/candidates': {
    method: 'POST', url: () => '/api/candidates',
    payload: () => ({ fullName: 'Người Lạ', sex: 'male', birthDate: '2000-01-01', source: 'other', unitId: u('28861.01') }),
  },
  'PATCH /api/candidates/:id': { method: 'PATCH', url: () => `/api/candidates/${candidateId}`, payload: () => ({ occupation: 'Sửa trái phép', rowVersion: 1 }) },
  'POST /api/candidates/:id/stages/check': {
    method: 'POST', url: () => `/api/candidates/${candidateId}/stages/check`, payload: () => ({ stage: 'course', date: '2025-09-01', documentNumber: 'GCN 1' }),
  },
  'POST /api/candidates/:id/stages': {
    method: 'POST', url: () => `/api/candidates/${candidateId}/stages`, payload: () => ({ stage: 'course', date: '2025-09-01', documentNumber: 'GCN 1', rowVersion: 1 }),
  },
  'GET /api/reports/recruitment': { method: 'GET', url: () => `/api/reports/recruitment?unitId=${u('831')}&year=2025` },
  'PUT /api/units/:id/admission-targets/:year': { method: 'PUT', url: () => `/api/units/${u('28861')}/admission-targets/2026`, payload: () => ({ target: 99 }) },
  'POST /api/restructurings/preview': {
    method: 'POST', url: () => '/api/restructurings/preview',
    payload: () => ({ kind: 'merge', effectiveDate: '2024-12-01', decisionNumber: '12-QĐ/HU', sourceIds: [u('28834')], targetId: u('28861') }),
  },
  'POST /api/restructurings': {
    method: 'POST', url: () => '/api/restructurings',
    payload: () => ({ kind: 'merge', effectiveDate: '2024-12-01', decisionNumber: '12-QĐ/HU', sourceIds: [u('28834')], targetId: u('28861') }),
  },
  'GET /api/restructurings': { method: 'GET', url: () => `/api/restructurings?unitId=${u('28834')}` },
  'POST /api/restructurings/:id/undo': { method: 'POST', url: () => `/api/restructurings/${chauThanhRestructuring}/undo`, payload: () => ({}) },
  'GET /api/documents': { method: 'GET', url: () => '/api/documents', check: (s, b) => { noChauThanh(s, b); expect(JSON.stringify(b)).not.toContain('15-KH/HU'); } },
  'POST /api/documents': {
    method: 'POST', url: () => '/api/documents',
    payload: () => ({ number: '16-KH/HU', issuingUnitId: u('831'), issuedOn: '2016-06-01', title: 'Kế hoạch lạ' }),
  },
  'GET /api/documents/:id': { method: 'GET', url: () => `/api/documents/${documents.plan}` },
  'POST /api/documents/:id/tasks': { method: 'POST', url: () => `/api/documents/${documents.plan}/tasks`, payload: () => ({ tasks: [{ title: 'Chen vào' }] }) },
  'PATCH /api/documents/:id/tasks/:taskId': {
    method: 'PATCH', url: () => `/api/documents/${documents.plan}/tasks/${documents.planTask}`, payload: () => ({ status: 'done', rowVersion: 1 }),
  },
  'GET /api/documents/:id/reports': { method: 'GET', url: () => `/api/documents/${documents.plan}/reports` },
  'PUT /api/documents/:id/tasks/:taskId/reports/:period': {
    method: 'PUT', url: () => `/api/documents/${documents.plan}/tasks/${documents.planTask}/reports/2017-Q1`, payload: () => ({ body: 'Báo cáo giả' }),
  },
  // The province's resolution is readable, but its follow-up lists only Ba Tri's units.
  'GET /api/documents/:id/follow-up': {
    method: 'GET', url: () => `/api/documents/${documents.nq}/follow-up?period=2017-Q1&depth=3`,
    check: (s, b) => { noChauThanh(s, b); expect(b.rows.map((r: { code: string }) => r.code)).toEqual(['836', '29161']); },
  },
  'GET /api/documents/:id/indicators': { method: 'GET', url: () => `/api/documents/${documents.nq}/indicators?unitId=${u('831')}&year=2016` },
  'PUT /api/indicators/:id/targets': { method: 'PUT', url: () => `/api/indicators/${documents.nqIndicator}/targets`, payload: () => ({ unitId: u('831'), year: 2016, target: 1 }) },
  'PUT /api/indicators/:id/values': { method: 'PUT', url: () => `/api/indicators/${documents.planIndicator}/values`, payload: () => ({ unitId: u('831'), year: 2016, value: 1 }) },
  'GET /api/documents/:id/reviews': { method: 'GET', url: () => `/api/documents/${documents.plan}/reviews` },
  'POST /api/documents/:id/reviews': { method: 'POST', url: () => `/api/documents/${documents.plan}/reviews`, payload: () => ({ kind: 'so_ket', from: '2016-01-01', to: '2017-06-30' }) },
  'GET /api/openapi.json': { method: 'GET', url: () => '/api/openapi.json', public: true },
  'GET /api/evaluation/campaigns': { method: 'GET', url: () => '/api/evaluation/campaigns', check: (s, b) => { noChauThanh(s, b); expect(b).toEqual([]); } },
  'POST /api/evaluation/campaigns': { method: 'POST', url: () => '/api/evaluation/campaigns', payload: () => ({ year: 2025, rootUnitId: u('831') }) },
  'GET /api/evaluation/campaigns/:id': { method: 'GET', url: () => `/api/evaluation/campaigns/${campaignId}` },
  'GET /api/evaluation/campaigns/:id/units/:unitId': { method: 'GET', url: () => `/api/evaluation/campaigns/${campaignId}/units/${u('28861')}` },
  'PUT /api/evaluation/campaigns/:id/units/:unitId/ratings': {
    method: 'PUT', url: () => `/api/evaluation/campaigns/${campaignId}/units/${u('28861')}/ratings`,
    payload: () => ({ ratings: [{ subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'excellent' }] }),
  },
  'POST /api/evaluation/campaigns/:id/units/:unitId/decide': { method: 'POST', url: () => `/api/evaluation/campaigns/${campaignId}/units/${u('28861')}/decide` },
  'POST /api/evaluation/campaigns/:id/units/:unitId/reopen': {
    method: 'POST', url: () => `/api/evaluation/campaigns/${campaignId}/units/${u('28861')}/reopen`, payload: () => ({ reason: 'Mở trái phép' }),
  },
  'GET /api/evaluation/campaigns/:id/actions': { method: 'GET', url: () => `/api/evaluation/campaigns/${campaignId}/actions` },
  'GET /api/reports/evaluation': { method: 'GET', url: () => `/api/reports/evaluation?unitId=${u('831')}&year=2024` },
  'GET /api/weak-units': { method: 'GET', url: () => `/api/weak-units?unitId=${u('831')}&year=2016` },
  'PUT /api/weak-units': { method: 'PUT', url: () => '/api/weak-units', payload: () => ({ unitId: u('28861'), year: 2016, categories: ['slow_change'] }) },
  'GET /api/weak-units/suggestions': { method: 'GET', url: () => `/api/weak-units/suggestions?unitId=${u('831')}&year=2016` },
  'GET /api/reports/weak-units': { method: 'GET', url: () => `/api/reports/weak-units?unitId=${u('831')}&year=2016` },
  'GET /api/weak-units/:id': { method: 'GET', url: () => `/api/weak-units/${weakPlan.id}` },
  'PATCH /api/weak-units/:id/plan': { method: 'PATCH', url: () => `/api/weak-units/${weakPlan.id}/plan`, payload: () => ({ result: 'carried_over', rowVersion: 1 }) },
  'POST /api/weak-units/:id/tasks': { method: 'POST', url: () => `/api/weak-units/${weakPlan.id}/tasks`, payload: () => ({ measure: 'Chen vào', ownerUnitId: u('28861'), deadline: '2016-12-31' }) },
  'PATCH /api/consolidation-tasks/:id': { method: 'PATCH', url: () => `/api/consolidation-tasks/${weakPlan.task}`, payload: () => ({ status: 'done', doneOn: '2016-10-01', evidence: ['x'] }) },
  'GET /api/reports/consolidation': { method: 'GET', url: () => `/api/reports/consolidation?unitId=${u('831')}&year=2016` },
  'GET /api/units/:id/lineage': { method: 'GET', url: () => `/api/units/${u('28861')}/lineage` },
  // A mapping that names Châu Thành's communes: Ba Tri's staff find no such units (and apply nothing).
  'POST /api/restructurings/import/preview': { method: 'POST', url: () => '/api/restructurings/import/preview', payload: () => ({ csv: REFORM_CSV, effectiveDate: '2025-07-01' }) },
  'POST /api/restructurings/import': { method: 'POST', url: () => '/api/restructurings/import', payload: () => ({ csv: REFORM_CSV, effectiveDate: '2025-07-01', applyValid: true }) },
  'GET /api/visits': { method: 'GET', url: () => '/api/visits', check: (s, b) => { noChauThanh(s, b); expect(b).toEqual([]); } },
  'POST /api/visits': {
    method: 'POST', url: () => '/api/visits', check: (s) => expect(s).toBe(400),
    payload: () => ({ title: 'Chen vào', kind: 'inspection', issuingUnitId: u('831'), startsOn: '2017-05-05', endsOn: '2017-05-05' }),
  },
  'GET /api/visits/:id': { method: 'GET', url: () => `/api/visits/${visit.id}` },
  'PATCH /api/visits/:id': { method: 'PATCH', url: () => `/api/visits/${visit.id}`, payload: () => ({ findings: 'Ghi đè', rowVersion: 2 }) },
  'POST /api/visits/:id/conclusion': {
    method: 'POST', url: () => `/api/visits/${visit.id}/conclusion`,
    payload: () => ({ rowVersion: 2, directives: [], notice: { number: '21-TB/HU', issuedOn: '2017-05-10', place: 'x', signerName: 'x', signerTitle: 'x', body: 'x' } }),
  },
  'GET /api/visits/:id/notice.docx': { method: 'GET', url: () => `/api/visits/${visit.id}/notice.docx` },
  'POST /api/visits/:id/directives': { method: 'POST', url: () => `/api/visits/${visit.id}/directives`, payload: () => ({ directives: [{ text: 'Chen vào', responsibleUnitId: u('28861') }] }) },
  'POST /api/directives/:id/follow-up': { method: 'POST', url: () => `/api/directives/${visit.directive}/follow-up`, payload: () => ({ rowVersion: 1, note: 'Giả', evidence: ['x'], status: 'done', doneOn: '2017-06-01' }) },
  'GET /api/reports/directives': { method: 'GET', url: () => `/api/reports/directives?unitId=${u('831')}` },
  'GET /api/documents/:id/dissemination': { method: 'GET', url: () => `/api/documents/${documents.plan}/dissemination` },
  'POST /api/dissemination-sessions': {
    method: 'POST', url: () => '/api/dissemination-sessions',
    payload: () => ({ unitId: u('831'), heldOn: '2016-05-10', title: 'Chen vào', documentIds: [documents.nq], attendedMembers: 0 }),
    check: (s, b) => { expect(s).toBe(400); expect(b.fields[0].field).toBe('unitId'); },
  },
  'GET /api/dissemination-roll': { method: 'GET', url: () => `/api/dissemination-roll?unitId=${u('831')}&date=2016-05-10` },
  'GET /api/reports/dissemination': { method: 'GET', url: () => `/api/reports/dissemination?unitId=${u('831')}&documentId=${documents.nq}` },
  'GET /api/reports/plans': { method: 'GET', url: () => `/api/reports/plans?unitId=${u('831')}&documentId=${documents.nq}` },
  'GET /api/dissemination-sessions/:id/attendance': { method: 'GET', url: () => `/api/dissemination-sessions/${sessionId}/attendance` },
  'GET /api/units/:id/documents-to-implement': { method: 'GET', url: () => `/api/units/${u('831')}/documents-to-implement` },
  'GET /api/units/:id/breakthroughs': { method: 'GET', url: () => `/api/units/${u('831')}/breakthroughs` },
  'PUT /api/units/:id/breakthroughs/:year': { method: 'PUT', url: () => `/api/units/${u('831')}/breakthroughs/2016`, payload: () => ({ breakthrough: 'ky_cuong', measures: ['Chen vào'] }) },
  'GET /api/resignations': { method: 'GET', url: () => '/api/resignations', check: (s, b) => { noChauThanh(s, b); expect(b.total).toBe(0); } },
  'GET /api/resignations/:id': { method: 'GET', url: () => `/api/resignations/${resignationId}` },
  'POST /api/resignations': {
    method: 'POST', url: () => '/api/resignations',
    payload: () => ({ fullName: 'Người Lạ', agency: 'UBND xã Tiên Thủy', position: 'Công chức', level: 'commune', unitId: u('28861'), requestedOn: '2016-03-02', reason: 'other' }),
    check: (s, b) => { expect(s).toBe(400); expect(b.fields[0].field).toBe('unitId'); },
  },
  'PATCH /api/resignations/:id': { method: 'PATCH', url: () => `/api/resignations/${resignationId}`, payload: () => ({ outcome: 'resigned', outcomeOn: '2016-04-01', rowVersion: 1 }) },
  'POST /api/resignations/:id/counselling': { method: 'POST', url: () => `/api/resignations/${resignationId}/counselling`, payload: () => ({ metOn: '2016-03-05', metBy: 'Lạ', outcomeNote: 'x' }) },
  'GET /api/reports/resignations': { method: 'GET', url: () => `/api/reports/resignations?unitId=${u('831')}&since=2016-01-01` },
  'GET /api/reports/brief': { method: 'GET', url: () => `/api/reports/brief?unitId=${u('831')}&asOf=2017-05-05&since=2016-01-01` },
  'GET /api/industrial-parks': { method: 'GET', url: () => '/api/industrial-parks', check: (s, b) => { noChauThanh(s, b); expect(b).toEqual([]); } },
  'POST /api/industrial-parks': { method: 'POST', url: () => '/api/industrial-parks', payload: () => ({ name: 'KCN Lạ', unitId: u('831') }), check: (s, b) => { expect(s).toBe(400); expect(b.fields[0].field).toBe('unitId'); } },
  'GET /api/enterprises': { method: 'GET', url: () => '/api/enterprises', check: (s, b) => { noChauThanh(s, b); expect(b).toEqual([]); } },
  'GET /api/enterprises/without-party': { method: 'GET', url: () => '/api/enterprises/without-party', check: (s, b) => { noChauThanh(s, b); expect(b.total).toBe(0); } },
  'GET /api/enterprises/:id': { method: 'GET', url: () => `/api/enterprises/${enterpriseId}` },
  'POST /api/enterprises': {
    method: 'POST', url: () => '/api/enterprises', payload: () => ({ name: 'Công ty Lạ', unitId: u('831'), ownership: 'private' }),
    check: (s, b) => { expect(s).toBe(400); expect(b.fields[0].field).toBe('unitId'); },
  },
  'PATCH /api/enterprises/:id': { method: 'PATCH', url: () => `/api/enterprises/${enterpriseId}`, payload: () => ({ workers: 1, rowVersion: 1 }) },
};

describe(`subtree scope on ${backend}`, () => {
  it('has a case for every route of the route table', () => {
    const table = t.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(Object.keys(cases).sort()).toEqual(table);
  });

  it('refuses every non-public route without a session', async () => {
    for (const r of t.routes.filter((x) => !x.public)) {
      const c = cases[`${r.method} ${r.url}`]!;
      const res = await t.app.inject({ method: c.method as 'GET', url: c.url(), payload: c.payload?.() as object });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it("gives a Ba Tri user nothing of Châu Thành and changes nothing there", async () => {
    const snapshot = async () => {
      const { rows } = await sql<{ s: string }>`SELECT (SELECT count(*) FROM audit_log)::text || '/' ||
        (SELECT string_agg(full_name || coalesce(occupation, ''), ',' ORDER BY id) FROM member) || '/' ||
        (SELECT string_agg(name, ',' ORDER BY id) FROM unit) || '/' || (SELECT count(*) FROM app_user)::text || '/' ||
        (SELECT string_agg(full_name || coalesce(occupation, '') || stage, ',' ORDER BY id) FROM candidate) || '/' ||
        (SELECT count(*) FROM admission_target)::text || '/' ||
        (SELECT string_agg(status || row_version, ',' ORDER BY id) FROM directive) || (SELECT count(*) FROM directive_progress)::text || '/' ||
        (SELECT string_agg(result || row_version, ',' ORDER BY id) FROM weak_unit) || (SELECT string_agg(status || row_version, ',' ORDER BY id) FROM consolidation_task) AS s`.execute(t.handle.db);
      return rows[0]!.s;
    };
    const before = await snapshot();
    for (const [key, c] of Object.entries(cases)) {
      if (c.public) continue;
      const res = await t.app.inject({ method: c.method as 'GET', url: c.url(), payload: c.payload?.() as object, headers: { cookie: (c.cookie ?? (() => outsider))() } });
      if (c.check) c.check(res.statusCode, res.json());
      else if (key === 'POST /api/units' || key === 'POST /api/members' || key === 'POST /api/users' || key === 'POST /api/candidates' || key === 'POST /api/documents' || (key.startsWith('POST /api/restructurings') && !key.endsWith('undo'))) {
      } else {
        expect(res.statusCode, key).toBe(404);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('lets a cell secretary read but not restructure, and a read-only user change nothing', async () => {
    const secretary = await t.login('secretary28861');
    const create = await t.app.inject({ method: 'POST', url: '/api/units', headers: { cookie: secretary }, payload: { code: '28861.50', name: 'Chi bộ mới', kind: 'cell', parentId: u('28861'), effectiveDate: '2024-01-01' } });
    expect(create.statusCode).toBe(403);
    const viewer = await t.login('viewer836');
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/members/${m('Đặng Văn Đức')}`, headers: { cookie: viewer }, payload: { occupation: 'x', rowVersion: 1 } });
    expect(edit.statusCode).toBe(403);
    const read = await t.app.inject({ method: 'GET', url: `/api/members/${m('Đặng Văn Đức')}`, headers: { cookie: viewer } });
    expect(read.statusCode).toBe(200);
  });

  it('lets only admin or org_staff whose scope holds every unit involved restructure', async () => {
    const merge = { kind: 'merge', effectiveDate: '2024-12-01', decisionNumber: '12-QĐ/HU', sourceIds: [u('28834')], targetId: u('28861') };
    for (const user of ['secretary28861', 'inspector831']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/restructurings/preview', headers: { cookie: await t.login(user) }, payload: merge });
      expect(res.statusCode, user).toBe(403);
    }
    // A Ba Tri commune into a Châu Thành one: Ba Tri staff do not see the target, Châu Thành staff not the source.
    const across = { ...merge, sourceIds: [u('29161')] };
    const ba = await t.app.inject({ method: 'POST', url: '/api/restructurings/preview', headers: { cookie: outsider }, payload: across });
    expect(ba.statusCode).toBe(400);
    expect(ba.json().fields.map((f: { field: string }) => f.field)).toEqual(['target.unitId']);
    const ct = await t.app.inject({ method: 'POST', url: '/api/restructurings/preview', headers: { cookie: await t.login('staff831') }, payload: across });
    expect(ct.statusCode).toBe(400);
    expect(ct.json().fields.map((f: { field: string }) => f.field)).toEqual(['sourceIds.0']);
    const province = await t.app.inject({ method: 'POST', url: '/api/restructurings/preview', headers: { cookie: await t.login('admin83') }, payload: across });
    expect(province.statusCode).toBe(200);
    expect(province.json().ended.map((e: { code: string }) => e.code)).toEqual(['29161']);
    const list = await t.app.inject({ method: 'GET', url: `/api/restructurings?unitId=${u('28834')}`, headers: { cookie: await t.login('inspector831') } });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((r: { id: number }) => r.id)).toEqual([chauThanhRestructuring]);
  });
});