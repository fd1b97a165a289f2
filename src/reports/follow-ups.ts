// Follow-up items past or near their deadline, for the work queues: the tasks of consolidation plans
// (issue 4), the directives of working visits (issue 9) and whatever else a module follows until done.
// Each module contributes one FollowUpSource to FOLLOW_UP_SOURCES; the work queues read them all for the
// unit the user looks at, and the home page lists them in one card, so a new kind of follow-up needs no
// new queue, route schema or component.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policies/index.ts';
import { consolidationTaskFollowUps } from './consolidation.ts';
import { directiveFollowUps } from './directives.ts';

export interface FollowUpItem {
  /** What is followed: 'consolidation_task', 'directive', … (a locale key `followUp.<kind>` names it). */
  kind: string;
  id: number;
  title: string;
  /** The unit responsible for the item. */
  unitId: number;
  unitName: string;
  /** The unit that set the item (the committee that adopted the plan, the delegation's committee), if another. */
  issuerUnitName: string | null;
  due: string;
  /** Days until due (negative: overdue). */
  daysLeft: number;
  /** Where the item is handled in the UI, e.g. `/weak-units/12` or `/visits/3`. */
  link: string;
}

export interface FollowUpQuery {
  /** The subtree to look in (ltree path of the unit chosen, or the actor's scope). */
  rootPath: string;
  today: string;
  /** List items due on or before this day (overdue ones always). */
  dueBy: string;
  limit: number;
}

export type FollowUpSource = (db: Kysely<Database>, actor: Actor, query: FollowUpQuery) => Promise<FollowUpItem[]>;

/** One line per module that follows items to a deadline. */
export const FOLLOW_UP_SOURCES: FollowUpSource[] = [
  consolidationTaskFollowUps,
  directiveFollowUps,
];

/** Items due within this many days are listed (overdue ones always). */
export const FOLLOW_UP_DUE_WITHIN_DAYS = 15;

export async function followUps(db: Kysely<Database>, actor: Actor, query: FollowUpQuery): Promise<FollowUpItem[]> {
  const lists = await Promise.all(FOLLOW_UP_SOURCES.map((source) => source(db, actor, query)));
  return lists.flat().sort((a, b) => a.daysLeft - b.daysLeft || a.id - b.id).slice(0, query.limit);
}
