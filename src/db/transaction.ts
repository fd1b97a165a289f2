// Every write runs in one transaction that first names its actor, so the audit triggers record who did it.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Actor } from '../policies/index.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

export async function inTransaction<T>(db: Kysely<Database>, actor: Pick<Actor, 'userId' | 'username'>, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('dangvu.actor_id', ${actor.userId === null ? '' : String(actor.userId)}, true),
                     set_config('dangvu.actor_name', ${actor.username}, true)`.execute(tx);
    return fn(tx);
  });
}

/** Maps PostgreSQL's unique-violation and similar errors to something a user can act on. */
export function pgErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}
