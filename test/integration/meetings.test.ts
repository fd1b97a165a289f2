// Cell meetings and dues feed the removal rule and the work queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { workQueues } from '../../src/reports/work-queues.ts';
import { actorForUser } from '../../src/db/repos/users.ts';

let t: TestApp;
let staff: string; // Ba Tri (836): cell 29161.01 with Đặng Văn Đức and Võ Thị Ánh
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.login('staff836');
});
afterAll(async () => t?.close());

const req = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: { cookie: staff }, payload });
const cell = () => t.fixture.units['29161.01']!;
const duc = () => t.fixture.members['Đặng Văn Đức']!;
const anh = () => t.fixture.members['Võ Thị Ánh']!;
// A fixed past year, so the test reads the same on any day it runs.
const TODAY = '2026-11-25';

async function meeting(month: string, ducAttended: boolean, reason: string | null = null, accepted = false) {
  const res = await req('PUT', `/api/units/${cell()}/meetings/${month}`, {
    heldOn: `${month}-15`,
    attendance: [
      { memberId: duc(), attended: ducAttended, absenceReason: reason, reasonAccepted: accepted, duesPaid: ducAttended },
      { memberId: anh(), attended: true, duesPaid: true },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe(`cell meetings on ${backend}`, () => {
  it('shows the roll of the month and records attendance and dues', async () => {
    const roll = (await req('GET', `/api/units/${cell()}/meetings/2026-01`)).json();
    expect(roll.rows.map((r: { fullName: string }) => r.fullName)).toEqual(['Võ Thị Ánh', 'Đặng Văn Đức']);
    expect(roll.heldOn).toBeNull();
    const saved = await meeting('2026-01', false);
    expect(saved.rows.find((r: { memberId: number }) => r.memberId === duc())).toMatchObject({ attended: false, duesPaid: false });
    await meeting('2026-02', false, 'Nằm viện', true);
    await meeting('2026-03', false);
    const list = (await req('GET', `/api/units/${cell()}/meetings?year=2026`)).json();
    expect(list.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(list[0]).toMatchObject({ present: 1, absent: 1, unpaid: 1 });
  });

  it('refuses a member outside the cell, a date outside the month, and a reason for someone present', async () => {
    const res = await req('PUT', `/api/units/${cell()}/meetings/2026-04`, {
      heldOn: '2026-05-02',
      attendance: [{ memberId: t.fixture.members['Trần Ngọc Tâm']!, attended: true, duesPaid: true }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('heldOn');
    const res2 = await req('PUT', `/api/units/${cell()}/meetings/2026-04`, {
      heldOn: '2026-04-10',
      attendance: [{ memberId: t.fixture.members['Trần Ngọc Tâm']!, attended: true, duesPaid: true }, { memberId: anh(), attended: true, absenceReason: 'ốm', duesPaid: true }],
    });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().fields.map((f: { field: string }) => f.field)).toEqual(['attendance.0.memberId', 'attendance.1.absenceReason']);
    expect((await req('GET', `/api/units/${cell()}/meetings?year=2026`)).json()).toHaveLength(3);
  });

  it('puts a member absent two months without good reason in the queue, and allows removal only from the third', async () => {
    const actor = (await actorForUser(t.handle.db, (await t.handle.db.selectFrom('app_user').select('id').where('username', '=', 'staff836').executeTakeFirstOrThrow()).id))!;
    const queues = await workQueues(t.handle.db, actor, undefined, TODAY);
    const row = queues.absentOrUnpaid.find((q) => q.memberId === duc());
    expect(row?.detail.absentMonths).toEqual(['2026-01', '2026-03']);
    expect(queues.absentOrUnpaid.some((q) => q.memberId === anh())).toBe(false);

    let m = (await req('GET', `/api/members/${duc()}`)).json();
    const removal = { kind: 'removal', reason: 'abandoned_activities', effectiveDate: '2026-05-04', decisionNumber: '20-QĐ/HU' };
    const refused = (await req('POST', `/api/members/${duc()}/events/check`, removal)).json();
    expect(refused.ok).toBe(false);
    expect(refused.errors[0].message).toMatch(/3 tháng/);
    await meeting('2026-04', false);
    const allowed = await req('POST', `/api/members/${duc()}/events`, { ...removal, rowVersion: m.rowVersion });
    expect(allowed.statusCode, allowed.body).toBe(201);
    m = (await req('GET', `/api/members/${duc()}`)).json();
    expect(m.status).toBe('removed');
  });

  it('lists probation ending within 30 days and transfers past the letter deadline', async () => {
    const created = await req('POST', '/api/members', {
      fullName: 'Mai Văn Dự', sex: 'male', birthDate: '1999-09-09', citizenId: '083099001234', status: 'probationary',
      admissionDate: '2025-12-10', unitId: cell(),
    });
    expect(created.statusCode).toBe(201);
    const m = (await req('GET', `/api/members/${anh()}`)).json();
    const out = await req('POST', `/api/members/${anh()}/events`, { kind: 'transfer_out_official', effectiveDate: '2026-01-05', decisionNumber: '21-GGT/ĐU', rowVersion: m.rowVersion });
    expect(out.statusCode, out.body).toBe(201);
    const actor = (await actorForUser(t.handle.db, (await t.handle.db.selectFrom('app_user').select('id').where('username', '=', 'staff836').executeTakeFirstOrThrow()).id))!;
    const queues = await workQueues(t.handle.db, actor, undefined, TODAY);
    expect(queues.probationEnding.map((q) => [q.fullName, q.due, q.daysLeft, q.action])).toEqual([['Mai Văn Dự', '2026-12-10', 15, 'recognition']]);
    expect(queues.transfersOverdue.map((q) => [q.fullName, q.action])).toEqual([['Võ Thị Ánh', 'transfer_in']]);
    expect(queues.transfersOverdue[0]!.daysLeft).toBeLessThan(0);
    const api = await req('GET', '/api/queues');
    expect(api.statusCode).toBe(200);
    // Châu Thành's staff see none of Ba Tri's queue.
    const other = await t.login('staff831');
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/queues', headers: { cookie: other } })).json();
    expect(JSON.stringify(theirs)).not.toContain('Mai Văn Dự');
  });
});
