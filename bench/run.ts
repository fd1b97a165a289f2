// `npm run bench`: builds the province demo in a fresh database of each available engine (PGlite always;
// PostgreSQL when PGHOST is set), then times the foundation's hot paths next to a straightforward baseline
// in the same run, and writes docs/benchmarks.md. Speed is measured here, never in tests.
import fs from 'node:fs';
import os from 'node:os';
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemoData } from '../src/commands/demo.ts';
import { buildServer } from '../src/http/server.ts';
import { DEMO_PASSWORD } from '../src/commands/demo-users.ts';
import { ACTIVE_STATUSES } from '../src/domain/members.ts';
import { serverUrl } from '../test/integration/helpers.ts';
import { loadTest, type LoadResult } from './load.ts';
import { systemActor } from '../src/db/repos/users.ts';
import { memberCounts } from '../src/reports/member-counts.ts';
import { movementsReport } from '../src/reports/movements.ts';
import { todayIso } from '../src/domain/dates.ts';

interface Figure {
  engine: string;
  name: string;
  runs: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ min: number; median: number; p95: number; max: number }> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return {
    min: samples[0]!, median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]!, max: samples[samples.length - 1]!,
  };
}

// `npm run bench [-- --scale country] [-- --reuse DBNAME [--built-seconds S]] [-- --keep]`: the country scale runs on PostgreSQL
// only (5.6 million members); --keep leaves the built database for a later --reuse.
const argv = process.argv.slice(2);
const arg = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const scale = (arg('--scale') ?? 'province') as 'province' | 'country';
if (scale !== 'province' && scale !== 'country') throw new Error(`--scale must be province or country, not ${scale}`);
const reuse = arg('--reuse');
// With --reuse, the time the reused database took to build (`dangvu demo --scale country` prints it), for the notes.
const builtSeconds = arg('--built-seconds');
const keep = argv.includes('--keep');

async function existingDatabase(name: string) {
  const url = serverUrl(name);
  return { handle: await openDatabase({ databaseUrl: url, poolSize: 4 }), drop: async () => undefined, url };
}

async function freshDatabase(engine: 'pglite' | 'postgres'): Promise<{ handle: DatabaseHandle; drop: () => Promise<void>; url: string | null }> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(`${os.tmpdir()}/dangvu-bench-`);
    const handle = await openDatabase({ dataDir: dir });
    return { handle, drop: async () => fs.rmSync(dir, { recursive: true, force: true }), url: null };
  }
  const name = `dangvu_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl(process.env.PGDATABASE ?? 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const handle = await openDatabase({ databaseUrl: serverUrl(name) });
  return {
    handle, url: serverUrl(name),
    drop: async () => {
      if (keep) { console.error(`kept database ${name}: npm run bench -- --scale ${scale} --reuse ${name}`); return; }
      const c = new pg.Client({ connectionString: serverUrl(process.env.PGDATABASE ?? 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function benchEngine(engine: 'pglite' | 'postgres', figures: Figure[], notes: string[]) {
  const { handle, drop, url } = reuse && engine === 'postgres' ? await existingDatabase(reuse) : await freshDatabase(engine);
  try {
    await migrateToLatest(handle.db);
    const t0 = performance.now();
    if (reuse && builtSeconds) notes.push(`${engine}: the reused database was built by \`dangvu demo --scale ${scale}\` in ${builtSeconds} s.`);
    if (!reuse) {
      const summary = await loadDemoData(handle, { scale }, (m) => console.error(m));
      const loadMs = performance.now() - t0;
      notes.push(`${engine}: ${scale} demo of ${summary.units} units and ${summary.members} members built in ${(loadMs / 1000).toFixed(1)} s.`);
      figures.push({ engine, name: `build the ${scale} demo (ms)`, runs: 1, min: loadMs, median: loadMs, p95: loadMs, max: loadMs });
    }

    const { app } = await buildServer({ database: handle, webRoot: '/nonexistent', loginRateLimit: 1000 });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    const cookie = `dangvu_session=${login.cookies.find((c) => c.name === 'dangvu_session')!.value}`;
    // At country scale the largest province is the one measured (Hà Nội, 01); the province demo has Bến Tre.
    const province = await handle.db.selectFrom('unit').select(['id', 'path']).where('code', '=', scale === 'country' ? '01' : '83').where('kind', '=', 'province_committee').executeTakeFirstOrThrow();
    const onRoll = ACTIVE_STATUSES.map((st) => `status=${st}`).join('&');
    const add = async (name: string, runs: number, fn: () => Promise<unknown>) => {
      figures.push({ engine, name, runs, ...(await time(runs, fn)) });
    };
    const api = (url: string) => async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    };

    await add('API: member list, province, page 1 of 50', 30, api(`/api/members?unitId=${province.id}&pageSize=50`));
    await add('API: member list, province, page 100 of 50', 30, api(`/api/members?unitId=${province.id}&pageSize=50&page=100`));
    await add('API: member search "tran ngoc" in the province', 30, api(`/api/members?q=tran%20ngoc&pageSize=50`));
    await add('API: member search, diacritic-free prefix of a full name, in the province', 40, api(`/api/members?unitId=${province.id}&q=nguyen%20van%20th&pageSize=50`));
    await add('API: member list, province, members on the roll, page 1 of 50', 30, api(`/api/members?unitId=${province.id}&${onRoll}&pageSize=50`));
    await add('API: tree children of the province with member counts', 30, api(`/api/units/${province.id}/children`));
    // The recounts from the history scan a province's periods: fewer runs at country scale.
    const heavy = scale === 'country' ? 3 : 10;
    await add('API: tree children as of 05/05/2017 (from dated versions)', heavy, api(`/api/units/${province.id}/children?asOf=2017-05-05`));

    const active = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));
    await add('SQL: province counts by status from the counts table', 30, () =>
      sql`SELECT k.status, sum(k.n) FROM unit d JOIN unit_member_count k ON k.unit_id = d.id
          WHERE d.path <@ ${province.path}::ltree AND k.status IN (${active}) GROUP BY k.status`.execute(handle.db));
    await add('SQL baseline: province counts by status, recursive CTE over the tree', 30, () =>
      sql`WITH RECURSIVE sub AS (SELECT id FROM unit WHERE id = ${province.id}
            UNION ALL SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)
          SELECT m.status, count(*) FROM sub JOIN member m ON m.unit_id = sub.id
          WHERE m.status IN (${active}) GROUP BY m.status`.execute(handle.db));

    // Statistics (issue 6): the engine against the baseline the issue names, a recursive CTE over the unit
    // tree joined to the members with GROUP BY, on the same data in the same run.
    const actor = await systemActor(handle.db);
    const root = await handle.db.selectFrom('unit').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    await add('stats: whole tree by province × status × sex, today (roll-up)', 30, () => memberCounts(handle.db, actor, root.id));
    await add('stats baseline: whole tree by province × status × sex, recursive CTE + GROUP BY', heavy, () =>
      sql`WITH RECURSIVE sub (id, top) AS (SELECT id, id FROM unit WHERE parent_id = ${root.id}
            UNION ALL SELECT u.id, sub.top FROM unit u JOIN sub ON u.parent_id = sub.id)
          SELECT sub.top, m.status, m.sex, count(*) FROM sub JOIN member m ON m.unit_id = sub.id
          WHERE m.status IN (${active}) GROUP BY sub.top, m.status, m.sex`.execute(handle.db));
    await add('stats: province, every breakdown of Biểu 3 + children, today (roll-up)', 30, () => memberCounts(handle.db, actor, province.id));
    await add('stats baseline: province by status × sex × birth year, recursive CTE + GROUP BY', heavy, () =>
      sql`WITH RECURSIVE sub (id) AS (SELECT id FROM unit WHERE id = ${province.id}
            UNION ALL SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)
          SELECT m.status, m.sex, extract(year FROM m.birth_date), count(*) FROM sub JOIN member m ON m.unit_id = sub.id
          WHERE m.status IN (${active}) GROUP BY 1, 2, 3`.execute(handle.db));
    await add('stats: province, every breakdown, today recounted from the history', heavy, () => memberCounts(handle.db, actor, province.id, todayIso(), 'history'));
    await add('stats: province, every breakdown, as of 01/01/2017 (history)', heavy, () => memberCounts(handle.db, actor, province.id, '2017-01-01'));
    await add('stats: province movements 2016 (Biểu 1, history)', scale === 'country' ? 2 : 5, () => movementsReport(handle.db, actor, province.id, '2016-01-01', '2016-12-31'));
    await app.close();

    if (engine === 'postgres' && url) {
      for (const [label, path] of [
        ['members on the roll', `/api/members?unitId=${province.id}&${onRoll}&pageSize=50`],
        ['no filter', `/api/members?unitId=${province.id}&pageSize=50`],
      ] as const) {
        const r = await loadTest({ databaseUrl: url, username: 'admin', password: DEMO_PASSWORD, path, connections: 64, seconds: 15 });
        loads.push({ engine, name: `member list API, province page 1 of 50, ${label}: 64 connections, 15 s`, ...r });
      }
    }
  } finally {
    await handle.close();
    await drop();
  }
}

const figures: Figure[] = [];
const loads: Array<LoadResult & { engine: string; name: string }> = [];
const notes: string[] = [];
const engines: Array<'pglite' | 'postgres'> = scale === 'country' ? [] : ['pglite'];
if (process.env.PGHOST || process.env.PGPORT) engines.push('postgres');
else if (scale === 'country') throw new Error('the country scale runs on PostgreSQL: set PGHOST (pg_virtualenv)');
else notes.push('PostgreSQL: not measured in this run (no PGHOST; run `pg_virtualenv npm run bench`).');
for (const engine of engines) await benchEngine(engine, figures, notes);

const ratio = (engine: string, fastPrefix: string, basePrefix: string) => {
  const fast = figures.find((f) => f.engine === engine && f.name.startsWith(fastPrefix));
  const base = figures.find((f) => f.engine === engine && f.name.startsWith(basePrefix));
  return fast && base ? base.median / fast.median : NaN;
};
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const section = [
  `<!-- scale:${scale} -->`,
  `## ${scale === 'country' ? 'Country scale (5.6 million members)' : 'Province scale (the Bến Tre demo)'}`,
  '',
  `Written by \`npm run bench${scale === 'country' ? ' -- --scale country' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
  'Times in milliseconds, in-process (Fastify inject, no network); each line after one warm-up run.',
  '',
  '| engine | measure | runs | min | median | p95 | max |',
  '|---|---|---|---|---|---|---|',
  ...figures.map((f) => `| ${f.engine} | ${f.name} | ${f.runs} | ${fmt(f.min)} | ${fmt(f.median)} | ${fmt(f.p95)} | ${fmt(f.max)} |`),
  '',
  ...(loads.length ? [
    'Load over loopback (the server in its own process, autocannon in the benchmark process, on the same 2 cores):',
    '',
    '| engine | measure | requests/s | p50 ms | p99 ms | errors | non-2xx | server peak RSS MiB |',
    '|---|---|---|---|---|---|---|---|',
    ...loads.map((l) => `| ${l.engine} | ${l.name} | ${l.requestsPerSecond.toFixed(0)} | ${l.latencyP50} | ${l.latencyP99} | ${l.errors} | ${l.non2xx} | ${l.peakRssMiB.toFixed(0)} |`),
    '',
  ] : []),
  ...engines.flatMap((e) => [
    `- ${e}: the counts table answers the province's counts by status ${ratio(e, 'SQL: province counts', 'SQL baseline').toFixed(0)}× faster than the recursive-CTE baseline (median against median).`,
    `- ${e}: the whole tree by province × status × sex from the roll-up: ${ratio(e, 'stats: whole tree', 'stats baseline: whole tree').toFixed(0)}× faster than the baseline; the province with every breakdown: ${ratio(e, 'stats: province, every breakdown of', 'stats baseline: province').toFixed(0)}× faster than a baseline that computes only one of them.`,
    `- ${e}: the province as of a past date (history) takes ${ratio(e, 'stats: province, every breakdown of', 'stats: province, every breakdown, as of').toFixed(1)}× the time of today (roll-up); the target is within 10×.`,
  ]),
  ...notes.map((n) => `- ${n}`),
  `<!-- /scale:${scale} -->`,
].join('\n');
const file = 'docs/benchmarks.md';
let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
if (!doc.startsWith('# Benchmarks')) doc = '# Benchmarks\n\n`npm run bench` (province scale, PGlite and PostgreSQL) and `npm run bench -- --scale country` (PostgreSQL) each rewrite their own section.\n';
const marker = new RegExp(`<!-- scale:${scale} -->[\\s\\S]*?<!-- /scale:${scale} -->`);
doc = marker.test(doc) ? doc.replace(marker, section) : `${doc.trimEnd()}\n\n${section}\n`;
fs.mkdirSync('docs', { recursive: true });
fs.writeFileSync(file, doc);
console.log(section);
