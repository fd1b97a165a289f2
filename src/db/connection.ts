// Opens the database: PGlite (embedded PostgreSQL in a data folder) by default, or a PostgreSQL server
// through DATABASE_URL. Both go through node-postgres and Kysely's PostgresDialect: one code path.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database } from './schema.ts';
import { AppError } from '../domain/errors.ts';

// DATE stays 'YYYY-MM-DD' (no time-zone shift); int8 (ids, counts) becomes a number: ids stay far below 2^53.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => Number(v));
pg.types.setTypeParser(1700, (v: string) => Number(v));

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  pool: pg.Pool;
  /** The PGlite instance when embedded (for COPY from a blob and dumps). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder, or 'memory://' for a throw-away database. */
  dataDir?: string;
  poolSize?: number;
}

/** Checks a DATABASE_URL and returns a one-line reason when it is malformed. */
export function checkDatabaseUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'DATABASE_URL không phải một URL hợp lệ (ví dụ: postgres://user:pass@host:5432/dangvu)';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return `DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql://, không phải ${parsed.protocol}//`;
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) return 'DATABASE_URL thiếu tên máy chủ';
  return null;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir ?? './data');
}

async function openServer(url: string, poolSize: number): Promise<DatabaseHandle> {
  const problem = checkDatabaseUrl(url);
  if (problem) throw new AppError('CONFIG', problem);
  // No JIT: dangvu's statements are short, and PostgreSQL compiled those whose estimate was inflated by a
  // branch never run (the tree's children of a province: 260 ms compiling for 4 ms of work; docs/queries.md).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, options: '-c jit=off' });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    const where = new URL(url);
    throw new AppError('DATABASE_UNAVAILABLE', `Không kết nối được PostgreSQL tại ${where.hostname}:${where.port || 5432}: ${reason}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', pool, close: () => db.destroy() };
}

async function openEmbedded(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => undefined as void;
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireLock(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : path.resolve(dataDir), { extensions: { ltree, pg_trgm } });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool,
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

/**
 * PGlite does not lock its data folder, and two processes writing one folder corrupt it
 * (shared/stack §1): hold a lock file with our pid, and refuse when a live process holds it.
 */
function acquireLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'dangvu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try { fs.unlinkSync(lockFile); } catch { /* already gone */ }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new AppError('CONFIG', `Thư mục dữ liệu ${dataDir} đang được tiến trình ${pid} sử dụng; dừng tiến trình đó hoặc dùng DANGVU_DATA khác`);
      }
      fs.unlinkSync(lockFile); // stale lock of a process that died
    }
  }
  throw new AppError('CONFIG', `Không khóa được thư mục dữ liệu ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
