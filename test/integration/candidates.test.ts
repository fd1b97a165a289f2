// Candidates through the API to admission (issue 10 §1, issue 3's admission "from a candidate record"): each
// stage checked by the rules of its date, refusals at their boundaries with nothing stored, a retried
// submission recorded once, and the ceremony creating the member with its admission event — on the real database.
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
  // Cells with 6 and 5 official members for the two-thirds boundary (the fixture gives each one).
  for (const [cell, n] of [['28834.01', 5], ['28861.02', 4]] as const) {
    for (let i = 0; i < n; i += 1) {
      const res = await post('/api/members', { fullName: `${cell === '28834.01' ? 'Huỳnh Văn' : 'Tô Văn'} ${['An', 'Bình', 'Chí', 'Dũng', 'Em'][i]}`, sex: 'male', birthDate: '1980-01-01', status: 'official', admissionDate: '2012-01-01', officialDate: '2013-01-01', unitId: t.fixture.units[cell] });
      expect(res.statusCode, res.body).toBe(201);
    }
  }
});
afterAll(async () => t?.close());

const get = (url: string, cookie = staff) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie = staff) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const counts = async () => (await sql<{ s: string }>`SELECT (SELECT count(*) FROM candidate_stage)::text || '/' || (SELECT count(*) FROM member)::text || '/' ||
  (SELECT count(*) FROM member_event)::text || '/' || (SELECT count(*) FROM audit_log)::text || '/' || (SELECT string_agg(stage || row_version, ',' ORDER BY id) FROM candidate) AS s`.execute(t.handle.db)).rows[0]!.s;

let seq = 0;
async function newCandidate(over: Record<string, unknown> = {}) {
  seq += 1;
  const res = await post('/api/candidates', {
    fullName: `Nguyễn Văn Ưu Tú ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[seq % 26]}`, sex: 'male', birthDate: '2000-05-10', source: 'youth_union',
    sourceOrganization: 'Chi đoàn ấp Tiên Thủy 1', workplace: 'Công ty TNHH May Giao Long', unitId: t.fixture.units['28861.01'],
    identifiedOn: '2025-08-01', ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; rowVersion: number; stage: string };
}

async function stage(id: number, body: Record<string, unknown>, expectStatus = 201) {
  const c = (await get(`/api/candidates/${id}`)).json();
  const res = await post(`/api/candidates/${id}/stages`, { rowVersion: c.rowVersion, ...body });
  expect(res.statusCode, res.body).toBe(expectStatus);
  return res.json();
}

const sponsorsOf = (cell: string) => sql<{ id: number }>`SELECT m.id FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.code = ${cell} AND m.status = 'official' ORDER BY m.id LIMIT 2`.execute(t.handle.db).then((r) => r.rows.map((x) => x.id));

/** Walks a candidate up to 'sponsored' (dates under QĐ 294) with two official sponsors of the cell. */
async function sponsored(cell = '28861.01', over: Record<string, unknown> = {}) {
  const c = await newCandidate({ unitId: t.fixture.units[cell], ...over });
  await stage(c.id, { stage: 'course', date: '2025-09-05', documentNumber: 'GCN 0123', issuedBy: 'Trung tâm chính trị huyện Châu Thành' });
  await stage(c.id, { stage: 'application', date: '2025-10-01' });
  await stage(c.id, { stage: 'history_verified', date: '2025-10-20', documentNumber: '45-CV/ĐU' });
  const [a, b] = await sponsorsOf(cell);
  await stage(c.id, { stage: 'sponsored', date: '2025-11-03', sponsors: [{ memberId: a, since: '2024-01-01' }, { memberId: b, since: '2024-06-01' }] });
  return c.id;
}

describe(`candidates to admission on ${backend}`, () => {
  it('walks a candidate through every stage; the ceremony makes a probationary member with the admission event', async () => {
    const id = await sponsored();
    const voted = await stage(id, { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 2 });
    expect(voted.candidate.stage).toBe('cell_vote');
    expect(voted.candidate.nextStages).toEqual(['decision']);
    await stage(id, { stage: 'decision', date: '2025-12-10', documentNumber: '15-QĐ/ĐU', issuedBy: 'Đảng ủy xã Tiên Thủy', decisionReceivedDate: '2025-12-12' });
    const done = await stage(id, { stage: 'ceremony', date: '2026-01-05' });
    const memberId = done.candidate.memberId as number;
    expect(memberId).toBeGreaterThan(0);
    expect(done.candidate.nextStages).toEqual([]);
    const member = (await get(`/api/members/${memberId}`)).json();
    expect(member).toMatchObject({ fullName: done.candidate.fullName, birthDate: '2000-05-10', status: 'probationary', unitId: t.fixture.units['28861.01'], admissionDate: '2026-01-05' });
    const events = (await get(`/api/members/${memberId}/events`)).json();
    expect(events).toMatchObject([{ kind: 'admission', effectiveDate: '2026-01-05', decisionNumber: '15-QĐ/ĐU', decisionDate: '2025-12-10', unitId: t.fixture.units['28861.01'] }]);
    const periods = (await get(`/api/members/${memberId}/periods`)).json();
    expect(periods).toMatchObject([{ validFrom: '2026-01-05', validTo: null, status: 'probationary' }]);
    // Probation runs from the ceremony: recognition is possible 12 months later, by the member's own lifecycle.
    const actions = (await get(`/api/members/${memberId}/actions`)).json();
    expect(actions).toMatchObject({ status: 'probationary', lastDate: '2026-01-05' });
    expect((await checkHistory(t.handle.db)).problems).toEqual([]);
    // Nothing more on the candidate record.
    const after = await post(`/api/candidates/${id}/stages`, { stage: 'ceremony', date: '2026-01-06', rowVersion: done.candidate.rowVersion });
    expect(after.statusCode).toBe(400);
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/candidates/${id}`, headers: { cookie: staff }, payload: { occupation: 'x', rowVersion: done.candidate.rowVersion } });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().fields[0]).toMatchObject({ field: 'stage', code: 'admitted' });
  });

  it('takes the age on the vote date: exactly 18 years passes, one day short is refused with the date it would pass', async () => {
    const young = await sponsored('28861.01', { birthDate: '2007-11-20' });
    const before = await counts();
    const short = await post(`/api/candidates/${young}/stages`, { stage: 'cell_vote', date: '2025-11-19', votesInFavour: 2, rowVersion: 5 });
    expect(short.statusCode).toBe(400);
    const body = short.json();
    expect(body.fields[0]).toMatchObject({ field: 'cellVoteDate', code: 'admission.min_age' });
    expect(body.message).toContain('Quy định 294-QĐ/TW, §1.1.1');
    expect(body.message).toContain('20/11/2025');
    expect(await counts()).toBe(before);
    const check = (await post(`/api/candidates/${young}/stages/check`, { stage: 'cell_vote', date: '2025-11-19', votesInFavour: 2 })).json();
    expect(check.errors[0].validFrom).toBe('2025-11-20');
    const ok = await stage(young, { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 2 });
    expect(ok.candidate.stage).toBe('cell_vote');
  });

  it('counts two thirds of the cell’s official members on the vote date: 4 of 6 passes, 3 of 5 is refused', async () => {
    const six = await sponsored('28834.01');
    expect((await post(`/api/candidates/${six}/stages/check`, { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 3 })).json().errors[0].message).toContain('4/6');
    await stage(six, { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 4 });
    const five = await sponsored('28861.02');
    const before = await counts();
    const refused = await stage(five, { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 3 }, 400);
    expect(refused.fields[0]).toMatchObject({ field: 'votes', code: 'admission.cell_vote' });
    expect(refused.message).toContain('Điều lệ Đảng 2011, Điều 4, khoản 3');
    expect(refused.message).toContain('4/5');
    expect(await counts()).toBe(before);
    await stage(five, { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 4 });
  });

  it('refuses sponsors who are not official members on the sponsoring date', async () => {
    const c = await newCandidate();
    await stage(c.id, { stage: 'course', date: '2025-09-05', documentNumber: 'GCN 0456' });
    await stage(c.id, { stage: 'application', date: '2025-10-01' });
    await stage(c.id, { stage: 'history_verified', date: '2025-10-20' });
    const probationary = (await post('/api/members', { fullName: 'Lý Thị Dự Bị', sex: 'female', birthDate: '1995-04-04', status: 'probationary', admissionDate: '2025-03-01', unitId: t.fixture.units['28861.01'] })).json();
    const later = (await post('/api/members', { fullName: 'Mai Văn Mới Đến', sex: 'male', birthDate: '1985-04-04', status: 'official', admissionDate: '2015-03-01', officialDate: '2016-03-01', since: '2025-12-01', unitId: t.fixture.units['28861.01'] })).json();
    const [official] = await sponsorsOf('28861.01');
    const before = await counts();
    const refused = await stage(c.id, { stage: 'sponsored', date: '2025-11-03', sponsors: [{ memberId: official, since: '2024-01-01' }, { memberId: probationary.id, since: '2024-01-01' }] }, 400);
    expect(refused.fields).toEqual([expect.objectContaining({ field: 'sponsors.1.memberId', code: 'admission.sponsor_conditions' })]);
    expect(refused.message).toContain('Lý Thị Dự Bị');
    expect(refused.message).toContain('đảng viên dự bị');
    // A member whose record starts after the date was not a member that day.
    const notYet = await stage(c.id, { stage: 'sponsored', date: '2025-11-03', sponsors: [{ memberId: official, since: '2024-01-01' }, { memberId: later.id, since: '2024-01-01' }] }, 400);
    expect(notYet.message).toContain('không phải đảng viên trong danh sách vào ngày 03/11/2025');
    // Worked together one day short of 12 months.
    const [, other] = await sponsorsOf('28861.01');
    const shortTime = await stage(c.id, { stage: 'sponsored', date: '2025-11-03', sponsors: [{ memberId: official, since: '2024-11-04' }, { memberId: other, since: '2024-01-01' }] }, 400);
    expect(shortTime.fields[0]).toMatchObject({ field: 'sponsors.0.since' });
    expect(shortTime.message).toContain('04/11/2025');
    expect(await counts()).toBe(before);
    await stage(c.id, { stage: 'sponsored', date: '2025-11-04', sponsors: [{ memberId: official, since: '2024-11-04' }, { memberId: other, since: '2024-01-01' }] });
  });

  it('refuses bad input naming the field, a stage out of order, and a stale version; nothing stored', async () => {
    const id = await sponsored();
    await stage(id, { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 2 });
    const before = await counts();
    const impossible = await stage(id, { stage: 'decision', date: '2025-02-30', documentNumber: '15-QĐ/ĐU' }, 400);
    expect(impossible.fields[0].field).toBe('date');
    const badNumber = await stage(id, { stage: 'decision', date: '2025-12-10', documentNumber: 'quyết định 15' }, 400);
    expect(badNumber.fields[0]).toMatchObject({ field: 'documentNumber', code: 'field.format' });
    expect(badNumber.message).toContain('123-QĐ/HU');
    const outOfOrder = await stage(id, { stage: 'ceremony', date: '2025-12-20' }, 400);
    expect(outOfOrder.fields[0]).toMatchObject({ field: 'stage', code: 'candidate.stage_order' });
    expect(outOfOrder.message).toContain('Quyết định kết nạp');
    const stale = await post(`/api/candidates/${id}/stages`, { stage: 'decision', date: '2025-12-10', documentNumber: '15-QĐ/ĐU', rowVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const viewer = await t.login('inspector831');
    const forbidden = await post(`/api/candidates/${id}/stages`, { stage: 'decision', date: '2025-12-10', documentNumber: '15-QĐ/ĐU', rowVersion: 6 }, viewer);
    expect(forbidden.statusCode).toBe(403);
    expect(await counts()).toBe(before);
  });

  it('refuses a ceremony past 30 working days of receiving the decision unless the superior committee agreed', async () => {
    const id = await sponsored();
    await stage(id, { stage: 'cell_vote', date: '2025-11-20', votesInFavour: 2 });
    // Received 12/12/2025 (Fri) + 30 working days (Mon–Fri, start day not counted) = 23/01/2026 (Fri).
    await stage(id, { stage: 'decision', date: '2025-12-10', documentNumber: '16-QĐ/ĐU', decisionReceivedDate: '2025-12-12' });
    const before = await counts();
    const late = await stage(id, { stage: 'ceremony', date: '2026-01-26' }, 400);
    expect(late.fields[0]).toMatchObject({ field: 'ceremonyDate', code: 'admission.ceremony_deadline' });
    expect(late.message).toContain('23/01/2026');
    expect(await counts()).toBe(before);
    const agreed = await stage(id, { stage: 'ceremony', date: '2026-01-26', lateCeremonyAgreed: true });
    expect(agreed.candidate.memberId).toBeGreaterThan(0);
    expect(agreed.warnings.map((w: { ruleId: string }) => w.ruleId)).toContain('admission.ceremony_deadline');
  });

  it('records a retried submission once', async () => {
    const c = await newCandidate();
    const body = { stage: 'course', date: '2025-09-05', documentNumber: 'GCN 0789', rowVersion: c.rowVersion, requestKey: 'cand-req-0001' };
    const first = await post(`/api/candidates/${c.id}/stages`, body);
    const second = await post(`/api/candidates/${c.id}/stages`, body);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().replayed).toBe(true);
    const stored = (await get(`/api/candidates/${c.id}`)).json();
    expect(stored.stages.map((s: { stage: string }) => s.stage)).toEqual(['identified', 'course']);
  });

  it('edits the profile with the version read, lets one of two simultaneous stages win, and keeps an admitted record closed', async () => {
    const c = await newCandidate({ citizenId: '083200001122', birthDate: '2000-05-10' });
    const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: `/api/candidates/${c.id}`, headers: { cookie: staff }, payload });
    const edited = await patch({ occupation: 'Công nhân may', rowVersion: c.rowVersion });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ occupation: 'Công nhân may', rowVersion: c.rowVersion + 1 });
    expect((await patch({ occupation: 'Ghi đè', rowVersion: c.rowVersion })).statusCode).toBe(409);
    const wrongId = await patch({ citizenId: '083100001122', rowVersion: c.rowVersion + 1 });
    expect(wrongId.statusCode).toBe(400);
    expect(wrongId.json().fields[0].field).toBe('citizenId');
    const body = { stage: 'course', date: '2025-09-05', documentNumber: 'GCN 0800', rowVersion: c.rowVersion + 1 };
    const [a, b] = await Promise.all([post(`/api/candidates/${c.id}/stages`, body), post(`/api/candidates/${c.id}/stages`, { ...body, documentNumber: 'GCN 0801' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((await get(`/api/candidates/${c.id}`)).json().stages).toHaveLength(2);
  });

  it('lists within the scope, filters by stage and source, and searches without diacritics', async () => {
    // Typed in decomposed form (NFD): stored NFC.
    const c = await newCandidate({ fullName: 'Trương Thị Ánh Tuyết'.normalize('NFD'), source: 'women_union', sourceOrganization: 'Hội Phụ nữ xã Tiên Thủy', privateBusinessOwner: true });
    expect((await get(`/api/candidates/${c.id}`)).json()).toMatchObject({ privateBusinessOwner: true, youthUnionMember: false, fullName: 'Trương Thị Ánh Tuyết' });
    const list = (await get('/api/candidates?q=anh%20tuyet')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([c.id]);
    const bySource = (await get('/api/candidates?source=women_union&stage=identified')).json();
    expect(bySource.items.map((i: { id: number }) => i.id)).toContain(c.id);
    expect(bySource.items.every((i: { source: string; stage: string }) => i.source === 'women_union' && i.stage === 'identified')).toBe(true);
    const outsider = await t.login('staff836');
    expect((await get('/api/candidates', outsider)).json().total).toBe(0);
    expect((await get(`/api/candidates/${c.id}`, outsider)).statusCode).toBe(404);
    const bad = await post('/api/candidates', { fullName: 'A', sex: 'male', birthDate: '2030-01-01', source: 'youth_union', unitId: t.fixture.units['28861'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['birthDate', 'fullName', 'unitId']);
  });

  it('sets a yearly admission target and reports it with the year’s admissions and the funnel by stage and source', async () => {
    const cell = t.fixture.units['28861']!;
    const put = (payload: object, cookie = staff) => t.app.inject({ method: 'PUT', url: `/api/units/${cell}/admission-targets/2026`, headers: { cookie }, payload });
    expect((await put({ target: 12, decision: '05-NQ/ĐU' })).statusCode).toBe(200);
    expect((await put({ target: 14 })).statusCode).toBe(409); // a first target again: someone set it already
    expect((await put({ target: 14, rowVersion: 1 })).statusCode).toBe(200);
    expect((await put({ target: 15 }, await t.login('secretary28861'))).statusCode).toBe(403);
    const report = (await get(`/api/reports/recruitment?unitId=${cell}&year=2026`)).json();
    expect(report).toMatchObject({ unitId: cell, year: 2026, target: 14, targetRowVersion: 2 });
    // The ceremonies of 2026 in Tiên Thủy's cells, counted from the member event log.
    const admitted = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM member_event e JOIN unit u ON u.id = (e.details->>'unitId')::bigint
      WHERE e.kind = 'admission' AND e.effective_date BETWEEN '2026-01-01' AND '2026-12-31' AND u.code LIKE '28861%'`.execute(t.handle.db)).rows[0]!.n;
    expect(admitted).toBeGreaterThanOrEqual(2);
    expect(report.admitted).toBe(admitted);
    expect(report.admittedFromCandidates.youth_union).toBe(admitted);
    // Each cell of the funnel equals the list filtered by that stage and source.
    for (const row of report.funnel) {
      const total = (await get(`/api/candidates?unitId=${cell}&stage=${row.stage}`)).json().total;
      expect(row.total, row.stage).toBe(total);
      for (const [source, n] of Object.entries(row.bySource)) {
        if (n) expect((await get(`/api/candidates?unitId=${cell}&stage=${row.stage}&source=${source}`)).json().total, `${row.stage} ${source}`).toBe(n);
      }
    }
    expect(report.inProgress).toBeGreaterThan(0);
    expect(report.funnel.map((r: { stage: string }) => r.stage)).not.toContain('ceremony');
    const none = (await get(`/api/reports/recruitment?unitId=${cell}&year=2024`)).json();
    expect(none).toMatchObject({ target: null, admitted: 0 });
  });

  it('lists candidates waiting on the decision past its time limit and candidates stalled for 6 months in the work queues', async () => {
    const { admissionDecisionDeadline } = await import('../../src/domain/lifecycle/index.ts');
    const queues = (await get('/api/queues')).json();
    const waiting = queues.candidates.filter((c: { stage: string }) => c.stage === 'cell_vote');
    expect(waiting.length).toBeGreaterThan(0);
    for (const w of waiting) {
      expect(w).toMatchObject({ next: 'decision', due: admissionDecisionDeadline(w.since).due });
      expect(w.daysLeft).toBeLessThan(0);
    }
    const stalled = queues.candidates.find((c: { stage: string }) => c.stage === 'identified');
    expect(stalled).toMatchObject({ next: 'course', since: '2025-08-01', due: '2026-02-01' });
    const days = queues.candidates.map((c: { daysLeft: number }) => c.daysLeft);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect((await get('/api/queues', await t.login('staff836'))).json().candidates).toEqual([]);
  });
});

