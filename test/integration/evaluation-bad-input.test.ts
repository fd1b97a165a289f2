// Bad input to the evaluation API stores nothing: a level no rule set has, a score out of range or in a year
// without scores, a batch with one bad row, a decision on ratings already locked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.login('staff831');
});
afterAll(async () => t?.close());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, headers: { cookie: staff }, payload });
const u = (code: string) => t.fixture.units[code]!;
const m = (name: string) => t.fixture.members[name]!;
const snapshot = async () => (await sql<{ ratings: number; audit: number; filled: number }>`
  SELECT (SELECT count(*)::int FROM evaluation_rating) AS ratings, (SELECT count(*)::int FROM audit_log) AS audit,
    (SELECT count(*)::int FROM evaluation_rating WHERE decided_level IS NOT NULL OR score IS NOT NULL) AS filled`.execute(t.handle.db)).rows[0]!;
const campaign = async (year: number) => (await req('POST', '/api/evaluation/campaigns', { year, rootUnitId: u('28861'), reviewDate: `${year}-12-15` })).json().id as number;
const url = (c: number, code = '28861') => `/api/evaluation/campaigns/${c}/units/${u(code)}`;
const orgs = (level: string) => ['28861', '28861.01', '28861.02'].map((c) => ({ subject: 'organization', id: u(c), decidedLevel: level }));

describe(`evaluation bad input on ${backend}`, () => {
  it('refuses a level outside the year\'s levels and scores out of range or where the year has none, storing nothing', async () => {
    const c2024 = await campaign(2024);
    const c2025 = await campaign(2025);
    const before = await snapshot();
    // "Trong sạch, vững mạnh" is a 2014 name, not a level code; nothing of the batch is kept.
    const oldName = await req('PUT', `${url(c2024)}/ratings`, { ratings: [
      { subject: 'member', id: m('Nguyễn Thị Thủy'), decidedLevel: 'good' },
      { subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'trong_sach_vung_manh' },
    ] });
    expect(oldName.statusCode).toBe(400);
    expect(oldName.json().code).toBe('VALIDATION');
    const high = await req('PUT', `${url(c2025)}/ratings`, { ratings: [{ subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'good', score: 100.5 }] });
    expect(high.statusCode).toBe(400);
    const negative = await req('PUT', `${url(c2025)}/ratings`, { ratings: [{ subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'good', score: -1 }] });
    expect(negative.statusCode).toBe(400);
    // QĐ 124 (2024) has no 100-point scale: a score is refused naming the row.
    const unscored = await req('PUT', `${url(c2024)}/ratings`, { ratings: [
      { subject: 'member', id: m('Nguyễn Thị Thủy'), decidedLevel: 'good' },
      { subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'good', score: 80 },
    ] });
    expect(unscored.statusCode).toBe(400);
    expect(unscored.json().fields).toEqual([expect.objectContaining({ field: 'ratings.1.score', code: 'not_scored' })]);
    expect(await snapshot()).toEqual(before);
    // The boundaries of the 366 scale are accepted.
    const edge = await req('PUT', `${url(c2025)}/ratings`, { ratings: [
      { subject: 'member', id: m('Trần Ngọc Tâm'), decidedLevel: 'good', score: 100 },
      { subject: 'member', id: m('Nguyễn Thị Thủy'), decidedLevel: 'good', score: 0 },
    ] });
    expect(edge.statusCode, edge.body).toBe(200);
  });

  it('refuses a decision or an edit on ratings already locked, storing nothing', async () => {
    const c = await campaign(2023);
    const ratings = [...['Trần Ngọc Tâm', 'Nguyễn Thị Thủy', 'Lê Văn Thuỷ'].map((n) => ({ subject: 'member', id: m(n), decidedLevel: 'good' })), ...orgs('good')];
    expect((await req('PUT', `${url(c)}/ratings`, { ratings })).statusCode).toBe(200);
    expect((await req('POST', `${url(c)}/decide`)).statusCode).toBe(200);
    const before = await snapshot();
    const again = await req('POST', `${url(c)}/decide`);
    expect(again.statusCode).toBe(409);
    const edit = await req('PUT', `${url(c)}/ratings`, { ratings: [{ subject: 'member', id: m('Lê Văn Thuỷ'), decidedLevel: 'completed' }] });
    expect(edit.statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
  });
});
