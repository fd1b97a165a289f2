// Consolidation plans through the API on the real database: tasks need an owner and a deadline (refused
// with the field, nothing stored), status moves, progress by the cell secretary, the plan's result only
// when no task is open, overdue tasks in the work queues, the province overview, and open plans and tasks
// following a merged unit to its successor (and back on undo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { todayIso, addDays } from '../../src/domain/dates.ts';

let t: TestApp;
let staff: string;
let secretary: string;
let admin: string;
let planId: number;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.login('staff831');
  secretary = await t.login('secretary28861');
  admin = await t.login('admin83');
});
afterAll(async () => t?.close());

const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, cookie = staff) => t.app.inject({ method, url, headers: { cookie }, payload });
const u = (code: string) => t.fixture.units[code]!;
const m = (name: string) => t.fixture.members[name]!;
const count = async (table: 'consolidation_task' | 'audit_log') => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.handle.db)).rows[0]!.n;
const today = todayIso();
const past = addDays(today, -20);

describe(`consolidation plans on ${backend}`, () => {
  it('refuses a task without owner or deadline, naming the field, and stores nothing', async () => {
    const flagged = await req('PUT', '/api/weak-units', { unitId: u('28861.01'), year: 2024, categories: ['slow_change'], responsible: 'Đồng chí Phó Bí thư' });
    expect(flagged.statusCode).toBe(200);
    planId = flagged.json().id;
    const [tasks, audit] = [await count('consolidation_task'), await count('audit_log')];
    const noOwner = await req('POST', `/api/weak-units/${planId}/tasks`, { measure: 'Đổi mới nội dung sinh hoạt chi bộ', deadline: '2025-03-31' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().fields).toEqual([expect.objectContaining({ field: 'owner', code: 'required' })]);
    expect(noOwner.json().message).toBe('Nhiệm vụ phải có người hoặc đơn vị chịu trách nhiệm thực hiện');
    const noDeadline = await req('POST', `/api/weak-units/${planId}/tasks`, { measure: 'Kiểm điểm cấp ủy', ownerUnitId: u('28861.01') });
    expect(noDeadline.json().fields).toEqual([expect.objectContaining({ field: 'deadline', code: 'required' })]);
    const badDate = await req('POST', `/api/weak-units/${planId}/tasks`, { measure: 'Kiểm điểm cấp ủy', ownerUnitId: u('28861.01'), deadline: '2025-02-30' });
    expect(badDate.json().fields[0]).toMatchObject({ field: 'deadline', code: 'invalid_date' });
    const foreign = await req('POST', `/api/weak-units/${planId}/tasks`, { measure: 'Kiểm điểm', ownerUnitId: u('29161.01'), deadline: '2025-03-31' });
    expect(foreign.json().fields[0]).toMatchObject({ field: 'ownerUnitId', code: 'not_found' });
    expect(await count('consolidation_task')).toBe(tasks);
    expect(await count('audit_log')).toBe(audit);
  });

  it('adds tasks in order, derives overdue, and lists overdue tasks in the work queues of both units', async () => {
    const a = await req('POST', `/api/weak-units/${planId}/tasks`, { measure: 'Đổi mới nội dung sinh hoạt chi bộ', ownerUnitId: u('28861.01'), deadline: past, evidence: ['Nghị quyết chi bộ tháng 1'] });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ ordinal: 1, status: 'not_started', overdueDays: 20, ownerUnitName: 'Chi bộ ấp Tiên Thủy 1', evidence: ['Nghị quyết chi bộ tháng 1'] });
    const b = await req('POST', `/api/weak-units/${planId}/tasks`, { measure: 'Kiểm điểm trách nhiệm bí thư', ownerMemberId: m('Trần Ngọc Tâm'), deadline: addDays(today, 60), note: 'Giao tại hội nghị Đảng ủy' });
    expect(b.json()).toMatchObject({ ordinal: 2, overdueDays: 0, ownerMemberName: 'Trần Ngọc Tâm', progressNotes: [{ on: today, text: 'Giao tại hội nghị Đảng ủy', by: 'staff831' }] });
    const plan = (await req('GET', `/api/weak-units/${planId}`)).json();
    expect(plan.tasks.map((x: { ordinal: number }) => x.ordinal)).toEqual([1, 2]);
    expect(plan).toMatchObject({ name: 'Chi bộ ấp Tiên Thủy 1', year: 2024, result: 'in_progress' });

    for (const cookie of [staff, secretary]) {
      const q = (await req('GET', '/api/queues', undefined, cookie)).json();
      const items = q.followUps.filter((f: { kind: string }) => f.kind === 'consolidation_task');
      expect(items).toEqual([expect.objectContaining({
        id: a.json().id, unitName: 'Chi bộ ấp Tiên Thủy 1', issuerUnitName: 'Đảng bộ xã Tiên Thủy', daysLeft: -20, link: `/weak-units/${planId}`,
        title: 'Củng cố Chi bộ ấp Tiên Thủy 1: Đổi mới nội dung sinh hoạt chi bộ',
      })]);
    }
    const other = (await req('GET', '/api/queues', undefined, await t.login('staff836'))).json();
    expect(other.followUps.filter((f: { kind: string }) => f.kind === 'consolidation_task')).toEqual([]);
    expect((await req('GET', `/api/weak-units/${planId}`, undefined, await t.login('staff836'))).statusCode).toBe(404);
  });

  it('lets the cell secretary report progress but not change the measure, and checks status moves', async () => {
    const [a, b] = (await req('GET', `/api/weak-units/${planId}`)).json().tasks;
    const progress = await req('PATCH', `/api/consolidation-tasks/${a.id}`, { status: 'in_progress', note: 'Đã họp chi bộ chuyên đề', evidence: [...a.evidence, 'Biên bản họp 15/1'], rowVersion: a.rowVersion }, secretary);
    expect(progress.statusCode).toBe(200);
    expect(progress.json()).toMatchObject({ status: 'in_progress', progressNotes: [{ text: 'Đã họp chi bộ chuyên đề', by: 'secretary28861' }], evidence: ['Nghị quyết chi bộ tháng 1', 'Biên bản họp 15/1'] });
    expect((await req('PATCH', `/api/consolidation-tasks/${a.id}`, { deadline: addDays(today, 30) }, secretary)).statusCode).toBe(403);
    // A stale row version is a conflict; nothing changes.
    expect((await req('PATCH', `/api/consolidation-tasks/${a.id}`, { note: 'x', rowVersion: a.rowVersion }, secretary)).statusCode).toBe(409);
    const future = await req('PATCH', `/api/consolidation-tasks/${a.id}`, { status: 'done', doneOn: addDays(today, 1) });
    expect(future.json().fields[0]).toMatchObject({ field: 'doneOn', code: 'future' });
    const done = await req('PATCH', `/api/consolidation-tasks/${a.id}`, { status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', doneOn: today, overdueDays: 0 });
    const cancel = await req('PATCH', `/api/consolidation-tasks/${a.id}`, { status: 'cancelled' });
    expect(cancel.statusCode).toBe(400);
    expect(cancel.json().fields[0]).toMatchObject({ field: 'status', code: 'transition' });
    expect(cancel.json().message).toBe('Không thể chuyển nhiệm vụ từ "Hoàn thành" sang "Hủy bỏ"');
    // Done tasks leave the queue.
    const q = (await req('GET', '/api/queues')).json();
    expect(q.followUps.filter((f: { kind: string }) => f.kind === 'consolidation_task')).toEqual([]);

    // The plan is not consolidated while task 2 is open, by either route.
    const plan = (await req('GET', `/api/weak-units/${planId}`)).json();
    const early = await req('PATCH', `/api/weak-units/${planId}/plan`, { result: 'consolidated', rowVersion: plan.rowVersion });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields[0]).toMatchObject({ field: 'result', code: 'open_tasks' });
    expect(early.json().message).toContain('nhiệm vụ số 2');
    const viaPut = await req('PUT', '/api/weak-units', { unitId: u('28861.01'), year: 2024, categories: ['slow_change'], result: 'consolidated' });
    expect(viaPut.json().fields[0]).toMatchObject({ field: 'result', code: 'open_tasks' });
    expect((await req('PATCH', `/api/consolidation-tasks/${b.id}`, { status: 'done' })).statusCode).toBe(200);
    const closed = await req('PATCH', `/api/weak-units/${planId}/plan`, { result: 'consolidated', responsibleMemberId: m('Nguyễn Thị Thủy'), issuerUnitId: u('28861'), rowVersion: plan.rowVersion });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ result: 'consolidated', resultOn: today, responsibleMemberName: 'Nguyễn Thị Thủy', issuerUnitName: 'Đảng bộ xã Tiên Thủy' });
  });

  it('gives the province an overview by sub-unit and year, as JSON and xlsx', async () => {
    const other = (await req('PUT', '/api/weak-units', { unitId: u('28834.01'), year: 2024, categories: ['declining'] })).json();
    await req('POST', `/api/weak-units/${other.id}/tasks`, { measure: 'Kiện toàn chi ủy', ownerUnitId: u('28834'), deadline: past });
    await req('PUT', '/api/weak-units', { unitId: u('28834.01'), year: 2023, categories: ['disunited'], result: 'carried_over' });
    const r = (await req('GET', `/api/reports/consolidation?unitId=${u('831')}&year=2024`)).json();
    expect(r.total).toEqual({ flagged: 2, plans: 2, tasks: 3, tasksDone: 2, tasksOverdue: 1, consolidated: 1, carriedOver: 0, inProgress: 1 });
    const by = Object.fromEntries(r.byUnit.map((x: { code: string }) => [x.code, x]));
    expect(by['28861']).toMatchObject({ flagged: 1, tasks: 2, tasksDone: 2, tasksOverdue: 0, consolidated: 1 });
    expect(by['28834']).toMatchObject({ flagged: 1, tasks: 1, tasksDone: 0, tasksOverdue: 1, inProgress: 1 });
    expect(r.years.map((y: { year: number; flagged: number; carriedOver: number }) => [y.year, y.flagged, y.carriedOver])).toEqual([[2023, 1, 1], [2024, 2, 0]]);
    expect(r.plans.map((p: { code: string; tasksOverdue: number }) => [p.code, p.tasksOverdue])).toEqual([['28861.01', 0], ['28834.01', 1]].sort((x, y) => (u(String(x[0])) < u(String(y[0])) ? -1 : 1)));
    // As of a day before the deadline nothing is overdue.
    const before = (await req('GET', `/api/reports/consolidation?unitId=${u('831')}&year=2024&asOf=${addDays(past, -1)}`)).json();
    expect(before.total.tasksOverdue).toBe(0);
    const x = await req('GET', `/api/reports/consolidation?unitId=${u('831')}&year=2024&format=xlsx`);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('moves a merged unit\'s open plan and the open tasks it owns to the successor, and back on undo', async () => {
    const year = Number(today.slice(0, 4));
    const plan = (await req('PUT', '/api/weak-units', { unitId: u('28861.02'), year, categories: ['slow_change'] })).json();
    const task = (await req('POST', `/api/weak-units/${plan.id}/tasks`, { measure: 'Sinh hoạt chuyên đề', ownerUnitId: u('28861.02'), deadline: addDays(today, 10) })).json();
    const body = { kind: 'merge', sourceIds: [u('28861.02')], targetId: u('28861.01'), effectiveDate: `${year}-01-01`, decisionNumber: '15-QĐ/ĐU' };
    const preview = (await req('POST', '/api/restructurings/preview', body, admin)).json();
    expect(preview.openItems).toEqual(expect.arrayContaining([
      { key: 'consolidation_plans', label: 'kế hoạch củng cố đang thực hiện', count: 1 },
      { key: 'consolidation_tasks', label: 'nhiệm vụ củng cố chưa hoàn thành', count: 1 },
    ]));
    const applied = await req('POST', '/api/restructurings', body, admin);
    expect(applied.statusCode).toBe(201);
    const moved = (await req('GET', `/api/weak-units/${plan.id}`)).json();
    expect(moved.unitId).toBe(u('28861.01'));
    expect(moved.tasks[0]).toMatchObject({ id: task.id, ownerUnitId: u('28861.01') });
    // The 2024 plan of the cell that stays is untouched.
    expect((await req('GET', `/api/weak-units/${planId}`)).json().unitId).toBe(u('28861.01'));
    expect((await req('POST', `/api/restructurings/${applied.json().id}/undo`, {}, admin)).statusCode).toBe(201);
    const back = (await req('GET', `/api/weak-units/${plan.id}`)).json();
    expect(back.unitId).toBe(u('28861.02'));
    expect(back.tasks[0].ownerUnitId).toBe(u('28861.02'));
  });
});
