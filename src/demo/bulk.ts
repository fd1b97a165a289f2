// Bulk loading inside one transaction, on either backend: COPY FROM STDIN through pg-copy-streams on a
// PostgreSQL server, COPY FROM '/dev/blob' on PGlite (shared/stack §2: 0.9M and 0.27M rows/s).
import { once } from 'node:events';
import type pg from 'pg';
import type { Transaction } from '@electric-sql/pglite';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle } from '../db/connection.ts';

export interface BulkSession {
  readonly kind: 'pglite' | 'postgres';
  exec(sqlText: string): Promise<void>;
  rows<T>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** COPY the CSV lines (each ending in \n) into table(columns); returns the number of rows. */
  copy(table: string, columns: readonly string[], lines: Iterable<string>, onRows?: (copied: number) => void): Promise<number>;
}

/** Rows per COPY statement on PostgreSQL: bounds the queue of deferred foreign-key checks of one statement. */
const PG_ROWS_PER_STATEMENT = 500_000;
/** Rows per blob on PGlite (the spike's 100k-row chunks). */
const PGLITE_ROWS_PER_BLOB = 100_000;
/** Bytes handed to the socket at a time on PostgreSQL. */
const PG_WRITE_BYTES = 1 << 20;

function copySql(table: string, columns: readonly string[], source: string): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}

class PostgresSession implements BulkSession {
  readonly kind = 'postgres' as const;
  constructor(private readonly client: pg.PoolClient) {}

  async exec(sqlText: string): Promise<void> {
    await this.client.query(sqlText);
  }

  async rows<T>(sqlText: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sqlText, params)).rows as T[];
  }

  async copy(table: string, columns: readonly string[], lines: Iterable<string>, onRows?: (copied: number) => void): Promise<number> {
    const it = lines[Symbol.iterator]();
    let total = 0;
    for (;;) {
      const first = it.next();
      if (first.done) break;
      const stream = this.client.query(copyFrom(copySql(table, columns, 'STDIN')));
      let failure: unknown = null;
      const finished = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', (err) => {
          failure = err;
          reject(err);
        });
      });
      finished.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
      let buffer: string[] = [first.value];
      let bytes = first.value.length;
      let rows = 1;
      let exhausted = false;
      while (rows < PG_ROWS_PER_STATEMENT && failure === null) {
        const next = it.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        buffer.push(next.value);
        bytes += next.value.length;
        rows++;
        if (bytes >= PG_WRITE_BYTES) {
          const ok = stream.write(buffer.join(''));
          buffer = [];
          bytes = 0;
          if (!ok && failure === null) await Promise.race([once(stream, 'drain'), finished]);
        }
      }
      if (failure === null && buffer.length) stream.write(buffer.join(''));
      stream.end();
      await finished;
      total += rows;
      onRows?.(total);
      if (exhausted) break;
    }
    return total;
  }
}

class PgliteSession implements BulkSession {
  readonly kind = 'pglite' as const;
  constructor(private readonly tx: Transaction) {}

  async exec(sqlText: string): Promise<void> {
    await this.tx.exec(sqlText);
  }

  async rows<T>(sqlText: string, params: unknown[] = []): Promise<T[]> {
    return (await this.tx.query<T>(sqlText, params)).rows;
  }

  async copy(table: string, columns: readonly string[], lines: Iterable<string>, onRows?: (copied: number) => void): Promise<number> {
    const sqlText = copySql(table, columns, `'/dev/blob'`);
    let total = 0;
    let chunk: string[] = [];
    const flush = async () => {
      if (!chunk.length) return;
      const blob = new Blob([chunk.join('')]);
      const n = chunk.length;
      chunk = [];
      await this.tx.query(sqlText, [], { blob });
      total += n;
      onRows?.(total);
    };
    for (const line of lines) {
      chunk.push(line);
      if (chunk.length >= PGLITE_ROWS_PER_BLOB) await flush();
    }
    await flush();
    return total;
  }
}

/** Runs `work` in one transaction on a dedicated connection (PostgreSQL) or PGlite's own session. */
export async function inBulkTransaction<T>(handle: DatabaseHandle, work: (session: BulkSession) => Promise<T>): Promise<T> {
  if (handle.kind === 'pglite') {
    if (!handle.pglite) throw new Error('PGlite handle without its PGlite instance');
    return handle.pglite.transaction((tx) => work(new PgliteSession(tx)));
  }
  const client = await handle.pool.connect();
  try {
    await client.query('BEGIN');
    try {
      const result = await work(new PostgresSession(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    client.release();
  }
}
