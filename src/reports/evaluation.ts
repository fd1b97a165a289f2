// Results of the yearly classification (issue 4, item 3): the distribution of decided levels per unit and
// for the subtree, year over year, and the list of members and organizations rated KHTNV / Yếu kém.
// Only decided, locked ratings count ("kết quả" is what the competent committee decided).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ValidationError } from '../domain/errors.ts';
import { LEVELS, levelLabel, ruleSetForPeriod, type Level } from '../domain/evaluation/index.ts';

export type Distribution = Record<Level, number> & { total: number };

export interface EvaluationResults {
  unit: { code: string; name: string; kind: string };
  year: number;
  ruleSet: { id: string; name: string };
  labels: { member: Record<Level, string>; organization: Record<Level, string> };
  members: Distribution;
  organizations: Distribution;
  byUnit: Array<{ code: string; name: string; kind: string; members: Distribution; organizations: Distribution }>;
  years: Array<{ year: number; ruleSetId: string; members: Distribution; organizations: Distribution }>;
  failing: {
    /** `previousYearFailed`: KHTNV the year before too, a prompt to review removal ("hai năm liền vi phạm tư cách", Quy định 294-QĐ/TW §8.1; the equivalence is a setting of the lifecycle rules). */
    members: Array<{ memberId: number; fullName: string; unitCode: string; unitName: string; comment: string | null; previousYearFailed: boolean }>;
    organizations: Array<{ unitId: number; code: string; name: string; kind: string; comment: string | null }>;
  };
}

const empty = (): Distribution => ({ excellent: 0, good: 0, completed: 0, failed: 0, total: 0 });

interface Row { year: number; subject: string; level: string; child_id: number | string | null; n: number }

export async function evaluationResults(db: Kysely<Database>, actor: Actor, unitId: number, year: number, yearsBack = 4): Promise<EvaluationResults> {
  authorize(actor, 'member.read');
  if (!Number.isInteger(year) || year < 2014 || year > 2100) throw new ValidationError([{ field: 'year', code: 'invalid', message: 'Năm phải từ 2014' }], 'Năm phải từ 2014');
  const set = ruleSetForPeriod(year);
  const unit = await new UnitRepository(db, actor).requireInScope(unitId);
  const first = Math.max(2014, year - yearsBack);
  // One decided rating per member (or organization) and year: the latest campaign's, when two cover it.
  const decided = (from: number, to: number, onlyFailed = false) => sql`
    SELECT DISTINCT ON (c.year, r.subject, COALESCE(r.member_id, r.unit_id)) c.year, r.subject, r.decided_level AS level, r.unit_id, r.member_id, r.decision_comment
    FROM evaluation_rating r JOIN evaluation_campaign c ON c.id = r.campaign_id JOIN unit ru ON ru.id = r.unit_id
    WHERE c.quarter IS NULL AND c.year BETWEEN ${from} AND ${to} AND r.locked AND r.decided_level IS NOT NULL
      AND ru.path <@ ${unit.path}::ltree AND ru.path <@ ${actor.scopePath}::ltree
      ${onlyFailed ? sql`AND r.decided_level = 'failed'` : sql``}
    ORDER BY c.year, r.subject, COALESCE(r.member_id, r.unit_id), c.id DESC`;
  const { rows } = await sql<Row>`
    WITH d AS (${decided(first, year)})
    SELECT d.year, d.subject, d.level, ch.id AS child_id, count(*)::int AS n
    FROM d JOIN unit ru ON ru.id = d.unit_id
    LEFT JOIN unit ch ON ch.parent_id = ${unit.id} AND ru.path <@ ch.path
    GROUP BY d.year, d.subject, d.level, ch.id`.execute(db);
  const add = (dist: Distribution, level: string, n: number) => {
    dist[level as Level] += n;
    dist.total += n;
  };
  const members = empty();
  const organizations = empty();
  const years = new Map<number, { members: Distribution; organizations: Distribution }>();
  for (let y = first; y <= year; y++) years.set(y, { members: empty(), organizations: empty() });
  const children = await db.selectFrom('unit').select(['id', 'code', 'name', 'kind']).where('parent_id', '=', unit.id).orderBy('code').execute();
  const byChild = new Map(children.map((c) => [Number(c.id), { code: c.code, name: c.name, kind: c.kind, members: empty(), organizations: empty() }]));
  for (const r of rows) {
    const key = r.subject === 'member' ? 'members' : 'organizations';
    add(years.get(r.year)![key], r.level, r.n);
    if (r.year !== year) continue;
    add(key === 'members' ? members : organizations, r.level, r.n);
    const child = r.child_id === null ? undefined : byChild.get(Number(r.child_id));
    if (child) add(child[key], r.level, r.n);
  }
  const { rows: failingMembers } = await sql<{ member_id: number; full_name: string; code: string; name: string; decision_comment: string | null; previous: boolean }>`
    WITH d AS (${decided(year, year, true)}),
    -- Last year's failures wherever the member then was (any campaign of the year, in the actor's scope or not).
    prev AS (SELECT DISTINCT r.member_id FROM evaluation_rating r JOIN evaluation_campaign c ON c.id = r.campaign_id
             WHERE c.quarter IS NULL AND c.year = ${year - 1} AND r.subject = 'member' AND r.locked AND r.decided_level = 'failed')
    SELECT d.member_id, m.full_name, u.code, u.name, d.decision_comment, (prev.member_id IS NOT NULL) AS previous
    FROM d JOIN member m ON m.id = d.member_id JOIN unit u ON u.id = d.unit_id LEFT JOIN prev ON prev.member_id = d.member_id
    WHERE d.year = ${year} AND d.subject = 'member' AND d.level = 'failed'
    ORDER BY u.code, m.name_sort, m.id`.execute(db);
  const { rows: failingOrgs } = await sql<{ unit_id: number; code: string; name: string; kind: string; decision_comment: string | null }>`
    WITH d AS (${decided(year, year, true)})
    SELECT d.unit_id, u.code, u.name, u.kind, d.decision_comment
    FROM d JOIN unit u ON u.id = d.unit_id
    WHERE d.year = ${year} AND d.subject = 'organization' AND d.level = 'failed'
    ORDER BY u.code`.execute(db);
  const labels = (subject: 'member' | 'organization') => Object.fromEntries(LEVELS.map((l) => [l, levelLabel(set, subject, l).vi])) as Record<Level, string>;
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind }, year, ruleSet: { id: set.id, name: set.name },
    labels: { member: labels('member'), organization: labels('organization') },
    members, organizations,
    byUnit: [...byChild.values()].filter((c) => c.members.total + c.organizations.total > 0),
    years: [...years.entries()].map(([y, d]) => ({ year: y, ruleSetId: ruleSetForPeriod(y).id, ...d })),
    failing: {
      members: failingMembers.map((m) => ({ memberId: Number(m.member_id), fullName: m.full_name, unitCode: m.code, unitName: m.name, comment: m.decision_comment, previousYearFailed: m.previous })),
      organizations: failingOrgs.map((o) => ({ unitId: Number(o.unit_id), code: o.code, name: o.name, kind: o.kind, comment: o.decision_comment })),
    },
  };
}
