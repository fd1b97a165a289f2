// The data layer against the real database: atomic writes, audit in the same transaction, concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, backend } from './helpers.ts';
import { seedFixture, type Fixture } from './fixtures.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { MemberRepository } from '../../src/db/repos/members.ts';
import { systemActor } from '../../src/db/repos/users.ts';
import { ConflictError } from '../../src/domain/errors.ts';

let handle: DatabaseHandle;
let fixture: Fixture;
beforeAll(async () => {
  handle = await openTestDatabase();
  fixture = await seedFixture(handle);
});
afterAll(async () => handle?.close());

const count = async (table: string) => {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(handle.db);
  return rows[0]!.n;
};

describe(`data layer on ${backend}`, () => {
  it('leaves nothing behind when a write fails half-way, audit included', async () => {
    const [units, audits] = [await count('unit'), await count('audit_log')];
    const actor = await systemActor(handle.db);
    await expect(inTransaction(handle.db, actor, async (tx) => {
      await tx.insertInto('unit').values({ code: 'X1', name: 'Tạm', kind: 'cell', parent_id: fixture.units['28861']!, path: '1', depth: 0, established_on: '2020-01-01', name_search: 'tam' }).execute();
      throw new Error('failure after the first insert');
    })).rejects.toThrow('failure after the first insert');
    expect(await count('unit')).toBe(units);
    expect(await count('audit_log')).toBe(audits);
  });

  it('audits who changed what, with before and after', async () => {
    const actor = { ...(await systemActor(handle.db)), userId: null, username: 'kiem-tra-nhat-ky' };
    const repo = new MemberRepository(handle.db, actor);
    const id = fixture.members['Võ Thị Ánh']!;
    const m = await repo.get(id);
    await repo.update(id, { homeTown: 'Ba Tri, Bến Tre' }, m.rowVersion);
    const row = await handle.db.selectFrom('audit_log').selectAll().where('entity', '=', 'member').where('entity_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('kiem-tra-nhat-ky');
    expect((row.before as Record<string, unknown>).home_town).toBeNull();
    expect((row.after as Record<string, unknown>).home_town).toBe('Ba Tri, Bến Tre');
    expect(row.after).not.toHaveProperty('name_sort');
  });

  it('lets one of two simultaneous edits win and refuses the other without losing the winner', async () => {
    const actor = await systemActor(handle.db);
    const repo = new MemberRepository(handle.db, actor);
    const id = fixture.members['Đặng Văn Đức']!;
    const { rowVersion } = await repo.get(id);
    const results = await Promise.allSettled([
      repo.update(id, { occupation: 'Giáo viên' }, rowVersion),
      repo.update(id, { occupation: 'Bác sĩ' }, rowVersion),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    const after = await repo.get(id);
    expect(after.rowVersion).toBe(rowVersion + 1);
    expect(after.occupation).toBe((won[0] as PromiseFulfilledResult<{ occupation: string }>).value.occupation);
  });

  it('keeps the counts table equal to a recount after writes', async () => {
    const { rows } = await sql<{ diff: number }>`
      SELECT count(*)::int AS diff FROM (
        SELECT unit_id, status, n FROM unit_member_count WHERE n <> 0
        EXCEPT SELECT unit_id, status, count(*)::int FROM member GROUP BY unit_id, status) d`.execute(handle.db);
    expect(rows[0]!.diff).toBe(0);
    expect(await count('unit_member_count')).toBeGreaterThan(0);
  });
});
