// `npm run bench:restructure [-- --reuse DB] [-- --keep]`: times restructurings at country size on PostgreSQL
// (PGHOST etc. must name a server, e.g. inside `pg_virtualenv -t`) and writes the section
// <!-- scale:restructure --> of docs/benchmarks.md. The demo is built at country scale but only for the
// provinces named by --provinces (default Hải Dương 30, Hải Phòng 31 and Bến Tre 83, which the demo's
// history and candidates need): the full 63 provinces take far longer to load than the operations measured.
// --reuse DB runs on a demo database not yet restructured (e.g. a full `dangvu demo --scale country`, which
// has the same two provinces); --keep leaves the restructured database for inspection, not for a --reuse.
// Measured: (a) Hải Dương and Hải Phòng merged into a new Hải Phòng (the 2025 merger) in one operation (applyMany);
// (b) 100 communes moved to another district one operation each, then back in one batch (applyMany);
// (c) the full recount of the kept counts that the incremental triggers spare each operation.
// After each step `checkCounts` (the `dangvu check counts` engine) must find no difference.
import fs from 'node:fs';
import os from 'node:os';
import crypto from 'node:crypto';
import pg from 'pg';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/index.ts';
import { RestructureService } from '../src/commands/restructure.ts';
import { checkCounts } from '../src/commands/check-counts.ts';
import { systemActor } from '../src/db/repos/users.ts';
import { serverUrl } from '../test/integration/helpers.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const reuse = arg('--reuse');
const keep = argv.includes('--keep');
const provinces = (arg('--provinces') ?? '30,31,83').split(',');
const MERGED = ['30', '31'] as const;
const COMMUNES = Number(arg('--communes') ?? 100);

if (!process.env.PGHOST && !process.env.PGPORT) throw new Error('PGHOST/PGPORT chưa đặt: chạy trong `pg_virtualenv -t bash -c "npm run bench:restructure"`');

const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
const lines: string[] = [];
const note = (s: string) => { lines.push(`- ${s}`); console.error(s); };
const rows: Array<{ name: string; runs: number; min: number; median: number; max: number; total: number }> = [];
const record = (name: string, samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  rows.push({ name, runs: s.length, min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]!, total: s.reduce((a, b) => a + b, 0) });
  console.error(`${name}: ${s.length} runs, median ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms`);
};
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
};

async function database(): Promise<{ handle: DatabaseHandle; name: string; drop: () => Promise<void> }> {
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl(process.env.PGDATABASE ?? 'postgres') });
    await c.connect();
    try { await c.query(q); } finally { await c.end(); }
  };
  const name = reuse ?? `dangvu_rbench_${crypto.randomBytes(4).toString('hex')}`;
  if (!reuse) await admin(`CREATE DATABASE ${name}`);
  const handle = await openDatabase({ databaseUrl: serverUrl(name), poolSize: 4 });
  return {
    handle, name,
    drop: async () => {
      await handle.close();
      if (keep || reuse) { console.error(`kept database ${name}`); return; }
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Every kept count against its recount (whole database, so the touched units are included); throws on any difference. */
async function consistent(handle: DatabaseHandle, after: string): Promise<number> {
  const [{ differences }, ms] = await timed(() => checkCounts(handle.db));
  if (differences.length) throw new Error(`${after}: check counts found ${differences.length} differences, e.g. ${JSON.stringify(differences.slice(0, 3))}`);
  return ms;
}

async function subtreeMembers(handle: DatabaseHandle, unitId: number): Promise<number> {
  const { rows: [r] } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM member m JOIN unit d ON d.id = m.unit_id
    WHERE d.path <@ (SELECT path FROM unit WHERE id = ${unitId})`.execute(handle.db);
  return r!.n;
}

async function main() {
  const { handle, drop } = await database();
  try {
    await migrateToLatest(handle.db);
    if (!reuse) {
      const [summary, ms] = await timed(() => loadDemo(handle, { scale: 'country', provinces, onProgress: (m) => console.error(m) }));
      note(`Demo: country scale restricted to provinces ${provinces.join(', ')}: ${summary.units.toLocaleString('en')} units, ${summary.members.toLocaleString('en')} members, built in ${(ms / 1000).toFixed(0)} s.`);
    }
    const db = handle.db;
    const svc = new RestructureService(db, await systemActor(db));
    const root = await db.selectFrom('unit').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const live = (code: string) => db.selectFrom('unit').select(['id', 'name']).where('code', '=', code).where('kind', '=', 'province_committee').where('dissolved_on', 'is', null).executeTakeFirstOrThrow();
    const sources = await Promise.all(MERGED.map(live));
    const sizes = await Promise.all(sources.map((s) => subtreeMembers(handle, s.id)));
    note(`Before: ${sources.map((s, i) => `${s.name} ${sizes[i]!.toLocaleString('en')} members`).join(', ')} (members of every status, in each subtree).`);
    const [, check0] = await timed(() => consistent(handle, 'the built demo'));

    // (a) The two provinces merged into a new one that takes over the code of Hải Phòng, as one operation
    // through apply(), which recounts the roll-up once at the end (migration 0011). Until 03/12/2026 apply()
    // recounted both provinces' roll-up for each direct sub-unit re-parented: the note below estimates what
    // that cost from the timed recount.
    const children = await db.selectFrom('unit').select(sql<number>`count(*)::int`.as('n')).where('parent_id', 'in', sources.map((s) => s.id)).where('dissolved_on', 'is', null).executeTakeFirstOrThrow();
    const recount: number[] = [];
    for (let i = 0; i < 3; i++) recount.push((await timed(() => rolledBack(db, (tx) => sql`SELECT stat_refresh(${sql.val(sources.map((s) => s.id))}::bigint[])`.execute(tx))))[1]);
    record('(a) recount of the two provinces\' roll-up (stat_refresh of 2 units), rolled back', recount);
    const mergeOp = {
      kind: 'merge', sourceIds: sources.map((s) => s.id),
      newUnit: { code: '31', name: 'Đảng bộ thành phố Hải Phòng', kind: 'province_committee', parentId: root.id },
      effectiveDate: '2025-07-01', decisionNumber: '202/NQ-QH15', issuedBy: 'Quốc hội', note: 'bench/restructure.ts',
    };
    console.error('merging…');
    const [merged, mergeMs] = await timed(() => svc.apply(mergeOp));
    const target = { id: merged.units.find((u) => u.role === 'created')!.id! };
    const mergedMembers = await subtreeMembers(handle, target.id);
    if (mergedMembers !== sizes[0]! + sizes[1]!) throw new Error(`merged province has ${mergedMembers} members, not ${sizes[0]! + sizes[1]!}`);
    record(`(a) merge 2 provinces (${mergedMembers.toLocaleString('en')} members, ${children.n} direct sub-units re-parented) into a new one, one operation (apply)`, [mergeMs]);
    const check1 = await consistent(handle, 'the merge');
    const perRecount = [...recount].sort((a, b) => a - b)[1]!;
    note(`(a) The merge as apply() did it before 03/12/2026 (roll-up recounted after each of the ${children.n} re-parentings) would take about ${children.n} × ${perRecount.toFixed(0)} ms ≈ ${(children.n * perRecount / 60_000).toFixed(0)} min by the recount alone.`);

    // (b) 100 communes of the former Hải Dương moved to a district of the former Hải Phòng, one operation
    // each; then the same 100 back to their districts in one batch.
    const hd = sources[0]!.id;
    const districts = await db.selectFrom('unit').select(['id', 'path']).where('parent_id', '=', target.id!).where('kind', '=', 'district_committee').where('dissolved_on', 'is', null).orderBy('id').execute();
    const hdDistrictIds = new Set((await db.selectFrom('unit_version').select('unit_id').where('parent_id', '=', hd).execute()).map((r) => r.unit_id));
    const destination = districts.find((d) => !hdDistrictIds.has(d.id))!;
    const communes = await db.selectFrom('unit').select(['id', 'parent_id']).where('parent_id', 'in', [...hdDistrictIds]).where('kind', '=', 'grassroots_committee').where('dissolved_on', 'is', null).orderBy('id').limit(COMMUNES).execute();
    if (communes.length < COMMUNES) throw new Error(`only ${communes.length} communes to move`);
    const { rows: [moving] } = await sql<{ units: number; members: number }>`
      SELECT count(DISTINCT d.id)::int AS units, count(m.id)::int AS members
      FROM unit c JOIN unit d ON d.path <@ c.path LEFT JOIN member m ON m.unit_id = d.id
      WHERE c.id IN (${sql.join(communes.map((c) => c.id))})`.execute(db);
    const one: number[] = [];
    for (const [i, c] of communes.entries()) {
      if (i % 10 === 0) console.error(`move ${i + 1} / ${communes.length}`);
      const [, ms] = await timed(() => svc.apply({ kind: 'move', unitId: c.id, parentId: destination.id, effectiveDate: '2025-08-01', decisionNumber: '1/NQ-UBTVQH15', note: 'bench/restructure.ts' }));
      one.push(ms);
    }
    const what = `${COMMUNES} communes (${moving!.units.toLocaleString('en')} units, ${moving!.members.toLocaleString('en')} members)`;
    record(`(b) move ${what} to another district, one operation each: per operation`, one);
    const check2 = await consistent(handle, 'the moves one by one');
    const [, batchMs] = await timed(() => svc.applyMany(async (apply) => {
      for (const c of communes) await apply({ kind: 'move', unitId: c.id, parentId: c.parent_id!, effectiveDate: '2025-09-01', decisionNumber: '2/NQ-UBTVQH15', note: 'bench/restructure.ts' });
    }));
    record(`(b) move the same ${what} back, one batch (applyMany, one transaction)`, [batchMs]);
    const check3 = await consistent(handle, 'the batch');

    // (c) What the incremental counts spare: rebuilding the counts table and the roll-up from the members
    // (the straightforward way to keep them right after a move), rolled back.
    const full: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [, ms] = await timed(() => rolledBack(db, async (tx) => {
        await sql`SELECT rebuild_unit_member_count()`.execute(tx);
        await sql`SELECT stat_refresh(NULL)`.execute(tx);
      }));
      full.push(ms);
    }
    record('(c) baseline: full recount of the counts table and the roll-up (rebuild_unit_member_count + stat_refresh), rolled back', full);
    record('check counts (whole database, recount of every kept count)', [check0, check1, check2, check3]);

    const perOp = [...one].sort((a, b) => a - b);
    note(`(b) ${COMMUNES} single operations took ${(one.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s in all (median ${perOp[Math.floor(perOp.length / 2)]!.toFixed(0)} ms); the batch of ${COMMUNES} took ${(batchMs / 1000).toFixed(1)} s (${(batchMs / COMMUNES).toFixed(0)} ms per operation).`);
    note(`(c) one commune moved by the service (median ${perOp[Math.floor(perOp.length / 2)]!.toFixed(0)} ms) against a full recount of the kept counts (median ${full.sort((a, b) => a - b)[1]!.toFixed(0)} ms), which a move without incremental counts would need.`);
    note('After the demo, the merge, the single moves and the batch, `check counts` found no difference (the counts table, the roll-up, the member subtree keys and the history of today all equal their recount).');
    const { rows: [v] } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
    write(v!.v);
  } finally {
    await drop();
  }
}

class RollBack extends Error {}

/** Runs `work` in a transaction that is then rolled back, so a recount can be timed without changing anything. */
async function rolledBack(db: DatabaseHandle['db'], work: (tx: Transaction<Database>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await work(tx);
    throw new RollBack();
  }).catch((e: unknown) => { if (!(e instanceof RollBack)) throw e; });
}

function write(serverVersion: string) {
  const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));
  const cpus = os.cpus();
  const section = [
    '<!-- scale:restructure -->',
    '## Restructuring at country size',
    '',
    `Written by \`npm run bench:restructure\` on ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${serverVersion};`,
    `load average ${loadAtStart} at the start, ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end (1 / 5 / 15 min: the machine may be shared).`,
    'Times in milliseconds, each operation through RestructureService in its own transaction unless a batch.',
    '',
    '| measure | runs | min | median | max | total |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.runs} | ${fmt(r.min)} | ${fmt(r.median)} | ${fmt(r.max)} | ${fmt(r.total)} |`),
    '',
    ...lines,
    '<!-- /scale:restructure -->',
  ].join('\n');
  const file = new URL('../docs/benchmarks.md', import.meta.url);
  const doc = fs.readFileSync(file, 'utf8');
  const re = /<!-- scale:restructure -->[\s\S]*?<!-- \/scale:restructure -->/;
  fs.writeFileSync(file, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
  console.error('docs/benchmarks.md: section scale:restructure written');
}

await main();
