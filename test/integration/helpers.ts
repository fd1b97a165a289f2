// Fresh databases for integration tests: PGlite in memory, or a new database on the PostgreSQL
// server named by the PG* variables (pg_virtualenv in CI), chosen by DANGVU_TEST_DB.
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export const backend = (process.env.DANGVU_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** A URL for a database on the PostgreSQL server named by the PG* variables (also used by bench/). */
export function serverUrl(database: string): string {
  const user = encodeURIComponent(process.env.PGUSER ?? 'postgres');
  const password = process.env.PGPASSWORD ? `:${encodeURIComponent(process.env.PGPASSWORD)}` : '';
  const host = process.env.PGHOST ?? '127.0.0.1';
  const port = process.env.PGPORT ?? '5432';
  // A socket directory goes in the query string; a host name in the authority.
  return host.startsWith('/')
    ? `postgres://${user}${password}@localhost:${port}/${database}?host=${encodeURIComponent(host)}`
    : `postgres://${user}${password}@${host}:${port}/${database}`;
}

/** A migrated, empty database of the backend under test; close() also drops a server database. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = `dangvu_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl(process.env.PGDATABASE ?? 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const handle = await openDatabase({ databaseUrl: serverUrl(name), poolSize: 8 });
  await migrateToLatest(handle.db);
  const close = handle.close;
  handle.close = async () => {
    await close();
    const drop = new pg.Client({ connectionString: serverUrl(process.env.PGDATABASE ?? 'postgres') });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  };
  return handle;
}

export { sql };
