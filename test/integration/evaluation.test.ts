// Evaluation campaigns through the API on the real database: decide refused with the ratings to change,
// decide locks, edits of locked ratings refused, reopening needs a reason and is audited; the discipline
// limit from a real member event; the results and weak-unit reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';

let t: TestApp;
let staff: string;
let secretary: string;
let campaignId: number;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.login('staff831');
  secretary = await t.login('secretary28861');
});
afterAll(async () => t?.close());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = staff) => t.app.inject({ method, url, headers: { cookie }, payload });
const u = (code: string) => t.fixture.units[code]!;
const m = (name: string) => t.fixture.members[name]!;
const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(t.handle.db)).rows[0]!.n;
const lockedCount = () => count(sql<{ n: number }>`SELECT count(*)::int AS n FROM evaluation_rating WHERE locked`);
const unitUrl = (code: string) => `/api/evaluation/campaigns/${campaignId}/units/${u(code)}`;
const orgs = (level: string) => ['28861', '28861.01', '28861.02'].map((c) => ({ subject: 'organization', id: u(c), decidedLevel: level }));

describe(`evaluation campaigns on ${backend}`, () => {
  it('opens a 2024 campaign under QĐ 124 and refuses a quarter and a second campaign for the same year', async () => {
    const res = await req('POST', '/api/evaluation/campaigns', { year: 2024, rootUnitId: u('831'), reviewDate: '2024-12-15' });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    campaignId = c.id;
    expect(c).toMatchObject({ ruleSetId: 'qd124', periodStart: '2024-01-01', periodEnd: '2024-12-31', reviewDate: '2024-12-15' });
    expect(c.levelLabels.organization.failed).toBe('Không hoàn thành nhiệm vụ');
    expect((await req('POST', '/api/evaluation/campaigns', { year: 2024, rootUnitId: u('831') })).statusCode).toBe(409);
    const q = await req('POST', '/api/evaluation/campaigns', { year: 2024, quarter: 2, rootUnitId: u('831') });
    expect(q.statusCode).toBe(400);
    expect(q.json().fields[0].field).toBe('quarter');
    // The 2016 campaign names the levels the 2014 way.
    const old = (await req('POST', '/api/evaluation/campaigns', { year: 2016, rootUnitId: u('831') })).json();
    expect(old.ruleSetId).toBe('hd27_2014');
    expect(old.levelLabels.organization).toMatchObject({ excellent: 'Trong sạch, vững mạnh', failed: 'Yếu kém' });
  });

  it('lets the cell secretary propose but not decide', async () => {
    const denied = await req('PUT', `${unitUrl('28861')}/ratings`, { ratings: [{ subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'good' }] }, secretary);
    expect(denied.statusCode).toBe(400);
    expect(denied.json().fields[0].code).toBe('forbidden');
    const ok = await req('PUT', `${unitUrl('28861')}/ratings`, {
      ratings: [
        { subject: 'member', id: m('Trần Ngọc Tâm'), selfLevel: 'excellent', proposedLevel: 'good', selfComment: 'Tự nhận' },
        { subject: 'member', id: m('Nguyễn Thị Thủy'), proposedLevel: 'good' },
        { subject: 'member', id: m('Lê Văn Thuỷ'), proposedLevel: 'good' },
      ],
    }, secretary);
    expect(ok.statusCode).toBe(200);
  });

  it('refuses the decision over the 20 % cap, naming the rating to change, and writes nothing', async () => {
    // 1 HTXSNV on 2 HTTNV in Đảng bộ xã Tiên Thủy: 20 % of 2 floored is 0.
    const put = await req('PUT', `${unitUrl('28861')}/ratings`, {
      ratings: [
        { subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'excellent' },
        { subject: 'member', id: m('Nguyễn Thị Thủy'), decidedLevel: 'good' },
        { subject: 'member', id: m('Lê Văn Thuỷ'), decidedLevel: 'good' },
        ...orgs('good'),
      ],
    });
    expect(put.statusCode).toBe(200);
    const view = (await req('GET', unitUrl('28861'))).json();
    expect(view.rows.filter((r: { subject: string }) => r.subject === 'member')).toHaveLength(3);
    const cap = view.report.violations.find((v: { ruleId: string }) => v.ruleId === 'evaluation.cap');
    expect(cap.source).toBe('Quy định 124-QĐ/TW (4/10/2023), Điều 12');
    expect(cap.changes).toEqual([{ subject: 'member', id: m('Trần Ngọc Tâm'), name: 'Trần Ngọc Tâm', from: 'excellent', to: 'good' }]);
    const audit = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`);
    const refused = await req('POST', `${unitUrl('28861')}/decide`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual([expect.objectContaining({ field: `ratings.member.${m('Trần Ngọc Tâm')}`, code: 'evaluation.cap' })]);
    expect(refused.json().fields[0].message).toContain('Hoàn thành tốt nhiệm vụ');
    expect(await lockedCount()).toBe(0);
    expect(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`)).toBe(audit);
  });

  it('a cell cannot decide: the grassroots committee or above does', async () => {
    const res = await req('POST', `${unitUrl('28861.01')}/decide`);
    expect(res.statusCode).toBe(400);
  });

  it('decides and locks once the set passes; a locked rating cannot be edited', async () => {
    await req('PUT', `${unitUrl('28861')}/ratings`, { ratings: [{ subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'good', decisionComment: 'Hạ theo tỷ lệ' }] });
    const res = await req('POST', `${unitUrl('28861')}/decide`);
    expect(res.statusCode).toBe(200);
    expect(res.json().locked).toBe(6);
    expect(await lockedCount()).toBe(6);
    const edit = await req('PUT', `${unitUrl('28861')}/ratings`, { ratings: [{ subject: 'member', id: m('Lê Văn Thuỷ'), decidedLevel: 'excellent' }] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toContain('mở lại');
    expect((await req('POST', `${unitUrl('28861')}/decide`)).statusCode).toBe(409);
  });

  it('reopens only with a reason, as an audited action', async () => {
    const noReason = await req('POST', `${unitUrl('28861')}/reopen`, { reason: '   ' });
    expect(noReason.statusCode).toBe(400);
    const viewer = await t.login('inspector831');
    expect((await req('POST', `${unitUrl('28861')}/reopen`, { reason: 'x' }, viewer)).statusCode).toBe(403);
    const res = await req('POST', `${unitUrl('28861')}/reopen`, { reason: 'Có kỷ luật phát hiện sau', memberIds: [m('Lê Văn Thuỷ')] });
    expect(res.statusCode).toBe(200);
    expect(res.json().reopened).toBe(1);
    expect(await lockedCount()).toBe(5);
    const actions = (await req('GET', `/api/evaluation/campaigns/${campaignId}/actions`)).json();
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['decide', 'reopen']);
    expect(actions[1]).toMatchObject({ reason: 'Có kỷ luật phát hiện sau', ratings: 1, by: 'staff831' });
    const logged = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'evaluation_action' AND actor_name = 'staff831' AND after ->> 'action' = 'reopen'`);
    expect(logged).toBe(1);
  });

  it('limits a member disciplined in the year, from the member event log (QĐ 124 Điều 12)', async () => {
    const member = (await req('GET', `/api/members/${m('Lê Văn Thuỷ')}`)).json();
    const ev = await req('POST', `/api/members/${m('Lê Văn Thuỷ')}/events`, { kind: 'discipline', form: 'reprimand', effectiveDate: '2024-03-15', decisionNumber: '02-QĐ/CB', rowVersion: member.rowVersion });
    expect(ev.statusCode).toBe(201);
    const view = (await req('GET', unitUrl('28861'))).json();
    const row = view.rows.find((r: { id: number; subject: string }) => r.subject === 'member' && r.id === m('Lê Văn Thuỷ'));
    expect(row.disciplines).toEqual([{ date: '2024-03-15', form: 'reprimand', selfRemedied: false }]);
    const refused = await req('POST', `${unitUrl('28861')}/decide`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual([expect.objectContaining({ field: `ratings.member.${m('Lê Văn Thuỷ')}`, code: 'evaluation.discipline.member' })]);
    expect(refused.json().fields[0].message).toContain('15/03/2024');
    await req('PUT', `${unitUrl('28861')}/ratings`, { ratings: [{ subject: 'member', id: m('Lê Văn Thuỷ'), decidedLevel: 'failed', decisionComment: 'Bị khiển trách' }] });
    expect((await req('POST', `${unitUrl('28861')}/decide`)).statusCode).toBe(200);
    // The same discipline does not weigh on 2025 (a later period): a 2023 campaign ignores it too.
    const c23 = (await req('POST', '/api/evaluation/campaigns', { year: 2023, rootUnitId: u('28861') })).json();
    const v23 = (await req('GET', `/api/evaluation/campaigns/${c23.id}/units/${u('28861')}`)).json();
    expect(v23.rows.find((r: { id: number; subject: string }) => r.subject === 'member' && r.id === m('Lê Văn Thuỷ')).disciplines).toEqual([]);
  });

  it('reports the results: distribution, by unit, the KHTNV list, and xlsx', async () => {
    const r = (await req('GET', `/api/reports/evaluation?unitId=${u('831')}&year=2024`)).json();
    expect(r.members).toEqual({ excellent: 0, good: 2, completed: 0, failed: 1, total: 3 });
    expect(r.organizations).toEqual({ excellent: 0, good: 3, completed: 0, failed: 0, total: 3 });
    expect(r.byUnit.map((b: { code: string }) => b.code)).toEqual(['28861']);
    expect(r.failing.members).toEqual([expect.objectContaining({ fullName: 'Lê Văn Thuỷ', comment: 'Bị khiển trách', previousYearFailed: false })]);
    expect(r.years.find((y: { year: number }) => y.year === 2024).members.total).toBe(3);
    // Failing in 2023 as well: the 2024 list prompts a removal review.
    const c23 = (await req('GET', '/api/evaluation/campaigns?year=2023')).json()[0];
    await req('PUT', `/api/evaluation/campaigns/${c23.id}/units/${u('28861')}/ratings`, {
      ratings: [
        { subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'good' }, { subject: 'member', id: m('Nguyễn Thị Thủy'), decidedLevel: 'good' },
        { subject: 'member', id: m('Lê Văn Thuỷ'), decidedLevel: 'failed' }, ...orgs('good'),
      ],
    });
    expect((await req('POST', `/api/evaluation/campaigns/${c23.id}/units/${u('28861')}/decide`)).statusCode).toBe(200);
    const again = (await req('GET', `/api/reports/evaluation?unitId=${u('831')}&year=2024`)).json();
    expect(again.failing.members[0].previousYearFailed).toBe(true);
    expect(again.years.find((y: { year: number }) => y.year === 2023).members).toEqual({ excellent: 0, good: 2, completed: 0, failed: 1, total: 3 });
    const x = await req('GET', `/api/reports/evaluation?unitId=${u('831')}&year=2024&format=xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });
});

describe(`weak units on ${backend}`, () => {
  it('flags units with a plan and counts them by the seed\'s kinds', async () => {
    const put = (unit: string, categories: string[], extra: object = {}) => req('PUT', '/api/weak-units', { unitId: u(unit), year: 2016, categories, ...extra });
    const a = await put('28861', ['slow_change'], { causes: 'Cấp ủy thiếu sâu sát', measures: 'Phân công Huyện ủy viên phụ trách', responsible: 'Đ/c Ủy viên BTV', deadline: '2016-12-31' });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ weakKind: 'grassroots', result: 'in_progress', categories: ['slow_change'] });
    expect((await put('28861.01', ['declining', 'disunited'])).statusCode).toBe(200);
    expect((await put('28834.01', ['rated_failed'])).statusCode).toBe(200);
    // The district itself is not a grassroots organization or a cell.
    const bad = await put('831', ['slow_change']);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('unitId');
    expect((await req('PUT', '/api/weak-units', { unitId: u('28861'), year: 2016, categories: [] })).statusCode).toBe(400);
    // Updating the plan keeps one row per unit and year.
    const upd = await put('28861', ['slow_change'], { progress: 'Đã kiện toàn cấp ủy', result: 'consolidated', rowVersion: 1 });
    expect(upd.json()).toMatchObject({ result: 'consolidated', rowVersion: 2 });
    expect((await put('28861', ['slow_change'], { rowVersion: 1 })).statusCode).toBe(409);

    const r = (await req('GET', `/api/reports/weak-units?unitId=${u('831')}&year=2016`)).json();
    expect(r.total).toBe(3);
    expect(r.byKind).toEqual({ grassroots: 1, cell_of_grassroots_committee: 2, cell_other: 0 });
    expect(r.byCategory).toEqual({ slow_change: 1, declining: 1, disunited: 1, rated_failed: 1 });
    // Another year, another subtree: nothing.
    expect((await req('GET', `/api/reports/weak-units?unitId=${u('831')}&year=2017`)).json().total).toBe(0);
    expect((await req('GET', `/api/reports/weak-units?unitId=${u('28834')}&year=2016`)).json().byKind).toEqual({ grassroots: 0, cell_of_grassroots_committee: 1, cell_other: 0 });
    const x = await req('GET', `/api/reports/weak-units?unitId=${u('831')}&year=2016&format=xlsx`);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });

  it('suggests a unit rated KHTNV from the decided ratings', async () => {
    const c = (await req('POST', '/api/evaluation/campaigns', { year: 2022, rootUnitId: u('28834') })).json();
    await req('PUT', `/api/evaluation/campaigns/${c.id}/units/${u('28834')}/ratings`, {
      ratings: [
        { subject: 'member', id: m('Phạm Thị Hòa'), decidedLevel: 'completed' },
        { subject: 'organization', id: u('28834'), decidedLevel: 'completed' },
        { subject: 'organization', id: u('28834.01'), decidedLevel: 'failed' },
      ],
    });
    expect((await req('POST', `/api/evaluation/campaigns/${c.id}/units/${u('28834')}/decide`)).statusCode).toBe(200);
    const s = (await req('GET', `/api/weak-units/suggestions?unitId=${u('831')}&year=2022`)).json();
    expect(s).toEqual([expect.objectContaining({ unitId: u('28834.01'), category: 'rated_failed' })]);
  });
});
