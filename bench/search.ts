// `npm run bench:search` (inside `pg_virtualenv -t`): name search in Hà Nội at country size (468,445 members),
// the country demo restricted to provinces 01 and 83: word-start search (0017) against the query it replaced.
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/index.ts';
import { systemActor } from '../src/db/repos/users.ts';
import { MemberRepository } from '../src/db/repos/members.ts';
import { serverUrl } from '../test/integration/helpers.ts';

const name = process.argv[2] ?? 'dangvu_hanoi';
const admin = new pg.Client({ connectionString: serverUrl(process.env.PGDATABASE ?? 'postgres') });
await admin.connect();
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
if (!exists) await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
const h = await openDatabase({ databaseUrl: serverUrl(name), poolSize: 4 });
if (!exists) {
  await migrateToLatest(h.db);
  const t = performance.now();
  const s = await loadDemo(h, { scale: 'country', provinces: ['01', '83'], onProgress: (m) => console.error(m) });
  console.log(`built ${s.members} members in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const actor = await systemActor(h.db);
const hn = await h.db.selectFrom('unit').select(['id', 'path']).where('code', '=', '01').where('kind', '=', 'province_committee').executeTakeFirstOrThrow();
const n = await h.db.selectFrom('member').select(sql<number>`count(*)::int`.as('n')).where('depth1_unit_id', '=', hn.id).executeTakeFirstOrThrow();
console.log(`Hà Nội: ${n.n} members`);
const repo = new MemberRepository(h.db, actor);
const stats = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!; return `min ${s[0]!.toFixed(1)} median ${q(0.5).toFixed(1)} p95 ${q(0.95).toFixed(1)} max ${s.at(-1)!.toFixed(1)} ms`; };
for (const q of ['nguyen van th', 'tran ngoc', 'le thi h', 'pham minh tuan', 'tam', 'nguyen']) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 41; i++) { const t = performance.now(); const r = await repo.list({ unitId: hn.id, q, pageSize: 50 }); if (i) times.push(performance.now() - t); total = r.total; }
  console.log(`search "${q}" (${total} matches): ${stats(times)}`);
}
// The query before 0017: substring ORed with the prefix, in name order, same page and count cap.
for (const q of ['nguyen van th']) {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    await sql`SELECT count(*) FROM (SELECT 1 FROM member m JOIN unit u ON u.id = m.unit_id WHERE m.depth1_unit_id = ${hn.id} AND (m.name_search LIKE ${q + '%'} OR m.name_search LIKE ${'%' + q + '%'}) LIMIT 10001) c`.execute(h.db);
    await sql`SELECT m.id FROM member m JOIN unit u ON u.id = m.unit_id WHERE m.depth1_unit_id = ${hn.id} AND (m.name_search LIKE ${q + '%'} OR m.name_search LIKE ${'%' + q + '%'}) ORDER BY m.name_sort, m.id LIMIT 50`.execute(h.db);
    if (i) times.push(performance.now() - t);
  }
  console.log(`baseline (substring, before 0017) "${q}": ${stats(times)}`);
}
const w = (q: string) => sql`(m.name_search LIKE ${q + '%'} OR name_from_word(m.name_search, 2) LIKE ${q + '%'} OR name_from_word(m.name_search, 3) LIKE ${q + '%'} OR name_from_word(m.name_search, 4) LIKE ${q + '%'})`;
for (const q of (process.env.EXPLAIN ?? 'nguyen van th').split(',')) {
  for (const stmt of [
    sql`EXPLAIN (ANALYZE, BUFFERS) SELECT m.id, u.name FROM member m JOIN unit u ON u.id = m.unit_id WHERE m.depth1_unit_id = ${hn.id} AND m.depth1_unit_id = ${hn.id} AND ${w(q)} ORDER BY m.name_sort, m.id LIMIT 50`,
    sql`EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM (SELECT 1 FROM member m JOIN unit u ON u.id = m.unit_id WHERE m.depth1_unit_id = ${hn.id} AND m.depth1_unit_id = ${hn.id} AND ${w(q)} LIMIT 10001) c`,
  ]) console.log(((await stmt.execute(h.db)).rows as Array<Record<string, string>>).map((r) => Object.values(r)[0]).join('\n'));
}
await h.close();
