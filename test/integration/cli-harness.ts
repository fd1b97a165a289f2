// Running `dangvu` as an operator does, against a database of the backend under test: PGlite in a data
// folder the CLI opens after the test closes it, or the PostgreSQL test database by DATABASE_URL.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { backend, openTestDatabase } from './helpers.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';

const tsx = path.resolve('node_modules/.bin/tsx');

export function dangvu(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000, maxBuffer: 20_000_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export interface CliDatabase {
  /** The environment that points the CLI at the database. */
  env: Record<string, string>;
  /** Runs SQL on that database (PGlite: reopens the closed data folder). */
  tamper(statement: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A migrated database of the backend under test, filled by `seed`, for the CLI to open. */
export async function cliDatabase(seed: (handle: DatabaseHandle) => Promise<unknown>): Promise<CliDatabase> {
  const handle = await openTestDatabase();
  if (backend === 'pglite') {
    await handle.close();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-cli-'));
    const { openDatabase } = await import('../../src/db/connection.ts');
    const { migrateToLatest } = await import('../../src/db/migrate.ts');
    const h = await openDatabase({ dataDir: dir });
    await migrateToLatest(h.db);
    await seed(h);
    await h.close();
    return {
      env: { DANGVU_DATA: dir },
      async tamper(statement) {
        const again = await openDatabase({ dataDir: dir });
        try { await sql.raw(statement).execute(again.db); } finally { await again.close(); }
      },
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  await seed(handle);
  const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(handle.db);
  const host = process.env.PGHOST ?? '127.0.0.1';
  const auth = `${encodeURIComponent(process.env.PGUSER ?? 'postgres')}${process.env.PGPASSWORD ? ':' + encodeURIComponent(process.env.PGPASSWORD) : ''}`;
  const port = process.env.PGPORT ?? 5432;
  return {
    env: { DATABASE_URL: host.startsWith('/') ? `postgres://${auth}@localhost:${port}/${rows[0]!.db}?host=${encodeURIComponent(host)}` : `postgres://${auth}@${host}:${port}/${rows[0]!.db}` },
    async tamper(statement) { await sql.raw(statement).execute(handle.db); },
    cleanup: async () => handle.close(),
  };
}
