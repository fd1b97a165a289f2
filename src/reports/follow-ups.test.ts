import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policies/index.ts';
import { FOLLOW_UP_SOURCES, followUps, type FollowUpItem, type FollowUpSource } from './follow-ups.ts';

const item = (kind: string, id: number, daysLeft: number): FollowUpItem => ({
  kind, id, title: `${kind} ${id}`, unitId: 1, unitName: 'Đảng bộ xã Tiên Thủy', issuerUnitName: null, due: '2017-05-05', daysLeft, link: `/x/${id}`,
});
const query = { rootPath: '1', today: '2017-05-05', dueBy: '2017-05-20', limit: 3 };

describe('followUps', () => {
  // The real sources read the database; these tests merge stand-ins only.
  const real: FollowUpSource[] = [];
  const add = (source: FollowUpSource) => { FOLLOW_UP_SOURCES.push(source); };
  beforeEach(() => { real.push(...FOLLOW_UP_SOURCES.splice(0)); });
  afterEach(() => { FOLLOW_UP_SOURCES.splice(0, FOLLOW_UP_SOURCES.length, ...real.splice(0)); });

  it('merges every source, most overdue first, up to the limit, and passes each the same query', async () => {
    const seen: unknown[] = [];
    add(async (_db, _actor, q) => { seen.push(q); return [item('directive', 7, 3), item('directive', 2, -10)]; });
    add(async (_db, _actor, q) => { seen.push(q); return [item('consolidation_task', 5, -1), item('consolidation_task', 1, 12)]; });
    const result = await followUps({} as Kysely<Database>, {} as Actor, query);
    expect(result.map((i) => `${i.kind}:${i.id}`)).toEqual(['directive:2', 'consolidation_task:5', 'directive:7']);
    expect(seen).toEqual([query, query]);
  });

  it('breaks ties by id so the order is stable', async () => {
    add(async () => [item('directive', 9, 0), item('directive', 4, 0)]);
    expect((await followUps({} as Kysely<Database>, {} as Actor, query)).map((i) => i.id)).toEqual([4, 9]);
  });
});
