// Enterprises and parks through the API: add and edit, filters, the list without a party organization with
// its candidates, bad input stored nowhere; and the two reports from the command line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app.ts';
import { backend } from './helpers.ts';
import { cliDatabase, dangvu, type CliDatabase } from './cli-harness.ts';
import { seedFixture } from './fixtures.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { ResignationService } from '../../src/commands/resignations.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.login('staff831');
});
afterAll(async () => t?.close());

const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.app.inject({ method, url, headers: { cookie: staff }, payload });
const rows = async () => Number((await t.handle.db.selectFrom('enterprise').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe(`enterprises on ${backend}`, () => {
  it('adds parks and enterprises, filters them, and lists those with workers but no party organization with their candidates', async () => {
    const park = await req('POST', '/api/industrial-parks', { name: 'KCN Giao Long', unitId: t.fixture.units['28861'], establishedOn: '2006-01-01' });
    expect(park.statusCode, park.body).toBe(201);
    const parkId = park.json().id;
    const add = (body: object) => req('POST', '/api/enterprises', { parkId, unitId: t.fixture.units['28861'], ...body });
    const a = (await add({ name: 'Công ty TNHH Dừa Xanh', ownership: 'limited', workers: 300, hasTradeUnion: true })).json();
    const b = (await add({ name: 'Công ty Cổ phần May Tiên Thủy', ownership: 'joint_stock', workers: 800, hasTradeUnion: true, partyUnitId: t.fixture.units['28861.02'] })).json();
    const c = await add({ name: 'Doanh nghiệp tư nhân Kim Phát', ownership: 'private', workers: 0 });
    expect(c.statusCode, c.body).toBe(201);
    expect(b).toMatchObject({ partyUnitName: 'Chi bộ ấp Tiên Thủy 2', parkName: 'KCN Giao Long' });
    // A candidate working at the firm without a cell.
    const cand = await req('POST', '/api/candidates', { fullName: 'Lê Thị Mai', sex: 'female', birthDate: '2000-02-02', source: 'trade_union', unitId: t.fixture.units['28861.01'], enterpriseId: a.id, workplace: a.name });
    expect(cand.statusCode, cand.body).toBe(201);
    expect(cand.json().enterpriseId).toBe(a.id);

    expect((await req('GET', `/api/enterprises?parkId=${parkId}`)).json()).toHaveLength(3);
    expect((await req('GET', '/api/enterprises?ownership=joint_stock')).json().map((e: { id: number }) => e.id)).toEqual([b.id]);
    const without = (await req('GET', '/api/enterprises?withoutParty=true')).json();
    expect(without.map((e: { name: string }) => e.name).sort()).toEqual(['Công ty TNHH Dừa Xanh', 'Doanh nghiệp tư nhân Kim Phát']);
    expect(without.find((e: { id: number }) => e.id === a.id).candidates).toBe(1);
    const list = (await req('GET', `/api/enterprises/without-party?unitId=${t.fixture.units['831']}`)).json();
    // Only firms with workers count.
    expect(list).toMatchObject({ total: 1, workers: 300, candidates: 1 });
    expect(list.groups[0]).toMatchObject({ parkName: 'KCN Giao Long', unitCode: '28861' });
    expect(list.groups[0].enterprises[0].candidates[0]).toMatchObject({ fullName: 'Lê Thị Mai', stage: 'identified', source: 'trade_union' });
    const parks = (await req('GET', '/api/industrial-parks')).json();
    expect(parks[0]).toMatchObject({ enterprises: 3, workers: 1100, withoutParty: 1 });
    // The recruitment report carries the same list.
    const report = (await req('GET', `/api/reports/recruitment?unitId=${t.fixture.units['831']}&year=2026`)).json();
    expect(report.enterprisesWithoutParty.total).toBe(1);
    expect(report.byStage.identified).toBe(1);

    // Edit: the firm gets a cell; it leaves the list. A stale version is refused.
    const edited = await req('PATCH', `/api/enterprises/${a.id}`, { partyUnitId: t.fixture.units['28861.01'], rowVersion: a.rowVersion });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await req('PATCH', `/api/enterprises/${a.id}`, { workers: 1, rowVersion: a.rowVersion })).statusCode).toBe(409);
    expect((await req('GET', '/api/enterprises/without-party')).json().total).toBe(0);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await rows();
    const bad = await req('POST', '/api/enterprises', { name: 'Công ty X', unitId: t.fixture.units['29161'], ownership: 'limited', partyUnitId: t.fixture.units['831'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['partyUnitId', 'unitId']);
    expect((await req('POST', '/api/enterprises', { name: 'Công ty Y', unitId: t.fixture.units['28861'], ownership: 'state' })).statusCode).toBe(400);
    const first = (await req('GET', '/api/enterprises')).json()[0];
    // One party unit belongs to one enterprise.
    const dup = await req('POST', '/api/enterprises', { name: 'Công ty Z', unitId: t.fixture.units['28861'], ownership: 'limited', partyUnitId: first.partyUnitId });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields[0].field).toBe('partyUnitId');
    expect(await rows()).toBe(before);
  });
});

describe(`recruitment reports from the command line on ${backend}`, () => {
  let cli: CliDatabase;
  beforeAll(async () => {
    cli = await cliDatabase(async (h) => {
      const f = await seedFixture(h);
      const svc = new ResignationService(h.db, await systemActor(h.db));
      for (const [name, reason, requestedOn] of [['Phạm Văn A', 'income', '2016-02-01'], ['Trần Thị B', 'health', '2017-05-05'], ['Lê Văn C', 'income', '2017-05-06']] as const) {
        await svc.create({ fullName: name, agency: 'Ủy ban nhân dân xã Tiên Thủy', position: 'Công chức', level: 'commune', unitId: f.units['28861']!, requestedOn, reason });
      }
    });
  }, 120_000);
  afterAll(async () => cli?.cleanup());

  it('prints the resignations of the window as JSON, and refuses a bad date with exit code 2', () => {
    const r = dangvu(['report', 'resignations', '--unit', '831', '--since', '2016-01-01', '--until', '2017-05-05'], cli.env);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ total: 2, byReason: { income: 1, health: 1 }, byOutcome: { pending: 2 } });
    expect(json.people.map((p: { fullName: string }) => p.fullName)).toEqual(['Phạm Văn A', 'Trần Thị B']);
    const bad = dangvu(['report', 'resignations', '--unit', '831', '--since', '2016-13-01'], cli.env);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--since');
  });

  it('prints the recruitment report with its keys', () => {
    const r = dangvu(['report', 'recruitment', '--unit', '831', '--year', '2016'], cli.env);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    for (const key of ['target', 'admitted', 'bySource', 'byStage', 'enterprisesWithoutParty', 'newMembers']) expect(json).toHaveProperty(key);
    expect(dangvu(['report', 'recruitment', '--unit', '831', '--year', '16'], cli.env).code).toBe(2);
  });
});
