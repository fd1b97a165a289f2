// The member lifecycle through the API: rule-checked events, periods derived from them, idempotency,
// concurrency, voids — on the real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { checkHistory } from '../../src/commands/check-history.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.login('staff831');
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: staff } });
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: staff }, payload });
const eventCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM member_event`.execute(t.handle.db)).rows[0]!.n;

async function newProbationary(citizenId: string, admissionDate = '2025-06-10') {
  const res = await post('/api/members', {
    fullName: 'Lý Thị Dự Bị', sex: 'female', birthDate: '1998-04-04', citizenId, status: 'probationary', admissionDate,
    unitId: t.fixture.units['28861.01'],
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; rowVersion: number };
}

describe(`member events on ${backend}`, () => {
  it('recognizes a probationary member after 12 months, not a day before (Điều lệ Đảng, Điều 5)', async () => {
    const m = await newProbationary('083198000101');
    const actions = (await get(`/api/members/${m.id}/actions`)).json();
    expect(actions).toMatchObject({ status: 'probationary', grade: 'probationary', lastDate: '2025-06-10' });
    expect(actions.events).toContain('recognition');
    expect(actions.events).not.toContain('exemption_start');
    expect(actions.disciplineForms).toEqual(['reprimand', 'warning']);
    const early = { kind: 'recognition', effectiveDate: '2026-06-09', decisionNumber: '45-QĐ/HU', decisionDate: '2026-06-09' };
    const check = (await post(`/api/members/${m.id}/events/check`, early)).json();
    expect(check.ok).toBe(false);
    expect(check.errors[0].message).toContain('Điều 5');
    expect(check.errors[0].message).toContain('10/06/2026');
    const before = await eventCount();
    const refused = await post(`/api/members/${m.id}/events`, { ...early, rowVersion: m.rowVersion });
    expect(refused.statusCode).toBe(400);
    expect(await eventCount()).toBe(before);

    const ok = await post(`/api/members/${m.id}/events`, { kind: 'recognition', effectiveDate: '2026-06-10', decisionNumber: '45-QĐ/HU', decisionDate: '2026-06-20', rowVersion: m.rowVersion });
    expect(ok.statusCode).toBe(201);
    const member = (await get(`/api/members/${m.id}`)).json();
    expect(member).toMatchObject({ status: 'official', officialDate: '2026-06-10' });
    const periods = (await get(`/api/members/${m.id}/periods`)).json();
    expect(periods).toMatchObject([
      { validFrom: '2025-06-10', validTo: '2026-06-10', status: 'probationary' },
      { validFrom: '2026-06-10', validTo: null, status: 'official', decision: '45-QĐ/HU' },
    ]);
    const onDate = (d: string) => get(`/api/members/${m.id}/on?date=${d}`).then((r) => r.json());
    expect(await onDate('2026-06-09')).toMatchObject({ status: 'probationary', unitId: t.fixture.units['28861.01'] });
    expect(await onDate('2026-06-10')).toMatchObject({ status: 'official' });
    expect(await onDate('2025-06-09')).toMatchObject({ status: null, unitId: null });
    const history = (await get(`/api/members/${m.id}/history`)).json();
    expect(history.some((h: { entity: string }) => h.entity === 'member_event')).toBe(true);
  });

  it('records a retried submission once', async () => {
    const m = await newProbationary('083198000102');
    const body = { kind: 'recognition', effectiveDate: '2026-06-10', decisionNumber: '46-QĐ/HU', decisionDate: '2026-06-15', rowVersion: m.rowVersion, requestKey: 'req-0001-abcdef' };
    const first = await post(`/api/members/${m.id}/events`, body);
    const second = await post(`/api/members/${m.id}/events`, body);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().replayed).toBe(true);
    expect(second.json().event.id).toBe(first.json().event.id);
    expect((await get(`/api/members/${m.id}/events`)).json()).toHaveLength(1);
  });

  it('lets one of two simultaneous actions win and tells the other it lost', async () => {
    const m = await newProbationary('083198000103');
    const [a, b] = await Promise.all([
      post(`/api/members/${m.id}/events`, { kind: 'recognition', effectiveDate: '2026-06-10', decisionNumber: '47-QĐ/HU', decisionDate: '2026-06-15', rowVersion: m.rowVersion }),
      post(`/api/members/${m.id}/events`, { kind: 'death', effectiveDate: '2026-07-01', decisionNumber: '48-QĐ/HU', rowVersion: m.rowVersion }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((await get(`/api/members/${m.id}/events`)).json()).toHaveLength(1);
  });

  it('refuses an action the status does not allow, and a malformed decision number, storing nothing', async () => {
    const m = await newProbationary('083198000104');
    const before = await eventCount();
    const exempt = await post(`/api/members/${m.id}/events`, { kind: 'exemption_start', effectiveDate: '2026-01-05', decisionNumber: '12-QĐ/ĐU', rowVersion: m.rowVersion });
    expect(exempt.statusCode).toBe(400);
    const badNumber = await post(`/api/members/${m.id}/events`, { kind: 'death', effectiveDate: '2026-01-05', decisionNumber: 'QĐ 12', rowVersion: m.rowVersion });
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().fields[0].field).toBe('decisionNumber');
    const expel = await post(`/api/members/${m.id}/events`, { kind: 'discipline', form: 'dismissal_from_posts', effectiveDate: '2026-01-05', decisionNumber: '13-QĐ/ĐU', rowVersion: m.rowVersion });
    expect(expel.statusCode).toBe(400);
    expect(expel.json().message).toMatch(/Điều 35/);
    expect(await eventCount()).toBe(before);
    expect((await get(`/api/members/${m.id}`)).json().status).toBe('probationary');
  });

  it('voids a wrong event and the history is as if it had never been', async () => {
    const id = t.fixture.members['Lê Văn Thuỷ']!;
    let m = (await get(`/api/members/${id}`)).json();
    const ex = await post(`/api/members/${id}/events`, { kind: 'exemption_start', ground: 'age_health', effectiveDate: '2026-01-05', decisionNumber: '14-QĐ/CB', rowVersion: m.rowVersion });
    expect(ex.statusCode).toBe(201);
    m = (await get(`/api/members/${id}`)).json();
    expect(m.status).toBe('exempt');
    const v = await post(`/api/members/${id}/events`, { kind: 'void', voidsEventId: ex.json().event.id, effectiveDate: '2026-01-06', note: 'Nhập nhầm người', rowVersion: m.rowVersion });
    expect(v.statusCode).toBe(201);
    m = (await get(`/api/members/${id}`)).json();
    expect(m.status).toBe('official');
    const periods = (await get(`/api/members/${id}/periods`)).json();
    expect(periods).toHaveLength(1);
    const events = (await get(`/api/members/${id}/events`)).json();
    expect(events.find((e: { id: number }) => e.id === ex.json().event.id).voidedBy).toBe(v.json().event.id);
  });

  it('transfers a member between cells and keeps the counts equal to a recount', async () => {
    const id = t.fixture.members['Nguyễn Thị Thủy']!;
    let m = (await get(`/api/members/${id}`)).json();
    const out = await post(`/api/members/${id}/events`, { kind: 'transfer_out_official', effectiveDate: '2026-02-02', decisionNumber: '15-GGT/ĐU', toUnitId: t.fixture.units['28861.02'], rowVersion: m.rowVersion });
    expect(out.statusCode).toBe(201);
    m = (await get(`/api/members/${id}`)).json();
    expect(m.status).toBe('transferring');
    const inn = await post(`/api/members/${id}/events`, { kind: 'transfer_in', effectiveDate: '2026-02-10', decisionNumber: '16-QĐ/ĐU', unitId: t.fixture.units['28861.02'], rowVersion: m.rowVersion });
    expect(inn.statusCode).toBe(201);
    m = (await get(`/api/members/${id}`)).json();
    expect(m).toMatchObject({ status: 'official', unitId: t.fixture.units['28861.02'] });
    const then = (await get(`/api/units/${t.fixture.units['28861']}/children?asOf=2026-01-15`)).json();
    expect(then.find((c: { code: string }) => c.code === '28861.01').memberCount).toBeGreaterThan(0);
    const { rows } = await sql<{ diff: number }>`SELECT count(*)::int AS diff FROM (
        SELECT unit_id, status, n FROM unit_member_count WHERE n <> 0
        EXCEPT SELECT unit_id, status, count(*)::int FROM member GROUP BY unit_id, status) d`.execute(t.handle.db);
    expect(rows[0]!.diff).toBe(0);
  });

  it('replays every member to the stored state, and finds a hand-edited record', async () => {
    const clean = await checkHistory(t.handle.db);
    expect(clean.checked).toBeGreaterThan(6);
    expect(clean.problems).toEqual([]);
    const id = t.fixture.members['Võ Thị Ánh']!;
    await sql`UPDATE member SET status = 'removed' WHERE id = ${id}`.execute(t.handle.db);
    const dirty = await checkHistory(t.handle.db);
    expect(dirty.problems.map((p) => p.memberId)).toEqual([id]);
    await sql`UPDATE member SET status = 'official' WHERE id = ${id}`.execute(t.handle.db);
  });
});
