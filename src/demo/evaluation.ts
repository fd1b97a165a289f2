// Demo data of the yearly classification (issue 4): decided, locked ratings of the province's members and
// organizations for every year from 2016 whose review day has passed — 2016–2017 under Hướng dẫn
// 27-HD/BTCTW (2014 names), 2018–2022 Quy định 132-QĐ/TW, 2023–2024 Quy định 124-QĐ/TW, 2025 on Quy định
// 366-QĐ/TW (with scores) — each rated against the tree and roll of its review day and set within the rules
// of its year (the 20 % cap per group,
// disciplines of the year from member_event, exempt and new members not rated); and the seed's weak units
// of Huyện ủy Châu Thành for 2016: 5 grassroots organizations, 8 cells under grassroots committees and 1
// other cell (under a partial committee), each with a consolidation plan and its tasks. Deterministic: every draw comes
// from the seed, the year and the id.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../db/repos/users.ts';
import { UnitRepository } from '../db/repos/units.ts';
import {
  capExcess, notEvaluatedReason, periodOf, ruleSetForPeriod, DEFAULT_EVALUATION_SETTINGS, type Level, type WeakCategory,
} from '../domain/evaluation/index.ts';
import { hash32, Rng } from './random.ts';

/** The first year the demo rates; every later year follows while its review day (15/12) is past. */
export const DEMO_EVALUATION_FIRST_YEAR = 2016;

export interface EvaluationDemoSummary {
  campaigns: number;
  ratings: number;
  weakUnits: number;
  /** Rows of consolidation_task of the weak units' plans. */
  tasks: number;
  /** Seconds spent rating each year (the load time is mostly this). */
  secondsByYear: Record<number, number>;
}

interface MemberRow { id: number; unit_id: number; status: string; group_name: string; admission_date: string | null; admission_decision_date: string | null; disciplined: boolean }
interface OrgRow { id: number; kind: string; parent_id: number | null; parent_in: boolean; members_failing: number; members_rated: number }

const SCORE: Record<Level, [number, number]> = { excellent: [90, 98], good: [72, 89], completed: [55, 69], failed: [35, 49] };

export async function loadEvaluationDemo(db: Kysely<Database>, options: { seed: number; today: string; province?: string; district?: string }): Promise<EvaluationDemoSummary> {
  const provinceCode = options.province ?? '83';
  const province = await db.selectFrom('unit').select(['id', 'path']).where('code', '=', provinceCode).where('kind', '=', 'province_committee').executeTakeFirst();
  if (!province) return { campaigns: 0, ratings: 0, weakUnits: 0, tasks: 0, secondsByYear: {} };
  const actor = await systemActor(db);
  const otherCell = await partialCommittee(db, actor, options.district ?? '831');

  let campaigns = 0;
  let ratings = 0;
  const secondsByYear: Record<number, number> = {};
  for (let year = DEMO_EVALUATION_FIRST_YEAR; `${year}-12-15` <= options.today; year++) {
    const started = performance.now();
    ratings += await rateYear(db, province, year, `${year}-12-15`, options.seed);
    secondsByYear[year] = Math.round((performance.now() - started) / 100) / 10;
    campaigns++;
  }
  const weak = otherCell ? await weakUnits2016(db, options.district ?? '831', otherCell, options.seed) : { units: 0, tasks: 0 };
  return { campaigns, ratings, weakUnits: weak.units, tasks: weak.tasks, secondsByYear };
}

/**
 * The seed counts "1 chi bộ trực thuộc" apart from the cells under grassroots committees: a cell under a
 * partial committee (đảng bộ bộ phận). The generated tree has none, so the first industrial-park enterprise
 * committee of the district gets one from 1/1/2015, through the application's own unit operations, with
 * its two production cells moved under it.
 */
async function partialCommittee(db: Kysely<Database>, actor: Awaited<ReturnType<typeof systemActor>>, districtCode: string): Promise<number | null> {
  const district = await db.selectFrom('unit').select(['id', 'path']).where('code', '=', districtCode).where('kind', '=', 'district_committee').executeTakeFirst();
  if (!district) return null;
  const company = await db.selectFrom('unit').select(['id', 'code', 'name', 'established_on']).where('parent_id', '=', district.id).where('kind', '=', 'grassroots_committee')
    .where('name', 'like', '%(KCN%').orderBy('code').executeTakeFirst();
  if (!company) return null;
  const cells = await db.selectFrom('unit').select(['id', 'row_version', 'established_on']).where('parent_id', '=', company.id).where('name', 'like', 'Chi bộ Phân xưởng%').orderBy('code').execute();
  if (!cells.length) return null;
  // From 1/1/2015, or once the company and its cells exist (the tree founds them by mid-2016 at the latest).
  const from = [company.established_on, ...cells.map((c) => c.established_on)].reduce((a, b) => (a > b ? a : b), '2015-01-01');
  const units = new UnitRepository(db, actor);
  const partial = await units.create({
    code: `${company.code}.90`, name: 'Đảng bộ bộ phận Khối Sản xuất', kind: 'partial_committee', parentId: company.id,
    effectiveDate: from, decision: '15-QĐ/ĐU',
  });
  for (const c of cells) await units.update(c.id, { parentId: partial.id, effectiveDate: from, decision: '16-QĐ/ĐU', rowVersion: c.row_version });
  return cells[0]!.id;
}

async function rateYear(db: Kysely<Database>, province: { id: number; path: string }, year: number, reviewDate: string, seed: number): Promise<number> {
  const set = ruleSetForPeriod(year);
  const period = periodOf(year);
  // Results improve slowly over the years (fewer HTNV, more HTXSNV before the cap), as the province reports.
  const drift = { completed: 0.2 - 0.005 * (year - DEMO_EVALUATION_FIRST_YEAR), excellent: 0.18 + 0.006 * (year - DEMO_EVALUATION_FIRST_YEAR) };
  const day = reviewDate;
  // The grassroots organization of every cell on the review date — the cap's group, named as the service
  // names it: the deepest unit on the cell's path whose version of that day is a grassroots organization.
  // Worked out here from two flat reads rather than per cell in SQL (seconds a year on PGlite).
  const { rows: units } = await sql<{ id: number; path: string; kind: string; name: string | null; code: string | null; day_kind: string | null }>`
    SELECT u.id::int AS id, u.path::text AS path, u.kind, v.name, v.code, v.kind AS day_kind
    FROM unit u LEFT JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= ${day} AND (v.valid_to IS NULL OR v.valid_to > ${day})
    WHERE u.path <@ ${province.path}::ltree`.execute(db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const groupOf = new Map<number, string>();
  for (const c of units) {
    if (c.kind !== 'cell' && c.kind !== 'grassroots_cell') continue;
    const g = c.path.split('.').map(Number).reverse().map((id) => byId.get(id)).find((a) => a?.day_kind === 'grassroots_committee' || a?.day_kind === 'grassroots_cell');
    if (g) groupOf.set(c.id, `${g.name} (${g.code})`);
  }
  const disciplined = new Set((await sql<{ id: number }>`
    SELECT DISTINCT e.member_id::int AS id FROM member_event e
    WHERE e.kind = 'discipline' AND e.effective_date BETWEEN ${period.start} AND ${period.end}
      AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = e.id)`.execute(db)).rows.map((r) => r.id));
  const { rows: onRoll } = await sql<Omit<MemberRow, 'group_name' | 'disciplined'>>`
    SELECT m.id::int AS id, p.unit_id::int AS unit_id, p.status, m.admission_date, m.admission_decision_date
    FROM member_period p JOIN member m ON m.id = p.member_id
    WHERE p.valid_from <= ${day} AND (p.valid_to IS NULL OR p.valid_to > ${day}) AND p.status IN ('probationary', 'official', 'exempt', 'transferring')
    ORDER BY m.id`.execute(db);
  const members: MemberRow[] = onRoll.filter((m) => groupOf.has(m.unit_id)).map((m) => ({ ...m, group_name: groupOf.get(m.unit_id)!, disciplined: disciplined.has(m.id) }));

  const level = new Map<number, Level>();
  const groups = new Map<string, number[]>();
  for (const m of members) {
    if (notEvaluatedReason(set, { status: m.status, admissionDate: m.admission_date, admissionDecisionDate: m.admission_decision_date }, { reviewDate, periodEnd: period.end }, DEFAULT_EVALUATION_SETTINGS)) continue;
    const rng = new Rng(hash32(seed, year, m.id, 0xe7a1));
    const u = rng.float();
    let l: Level = m.disciplined || u < 0.015 ? 'failed' : u < drift.completed ? 'completed' : 'good';
    if (l === 'good' && rng.chance(drift.excellent)) l = 'excellent';
    level.set(m.id, l);
    const g = groups.get(m.group_name) ?? [];
    g.push(m.id);
    groups.set(m.group_name, g);
  }
  const percent = set.cap?.percent ?? null;
  if (percent !== null) for (const ids of groups.values()) capGroup(ids, level, percent, seed, year);

  const { rows: orgs } = await sql<OrgRow>`
    SELECT u.id::int AS id, v.kind, v.parent_id::int AS parent_id, (pv.kind IN ('grassroots_committee', 'grassroots_cell', 'partial_committee', 'cell')) AS parent_in,
      0 AS members_failing, 0 AS members_rated
    FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= ${day} AND (v.valid_to IS NULL OR v.valid_to > ${day})
    LEFT JOIN unit_version pv ON pv.unit_id = v.parent_id AND pv.valid_from <= ${day} AND (pv.valid_to IS NULL OR pv.valid_to > ${day})
    WHERE u.path <@ ${province.path}::ltree AND v.kind IN ('grassroots_committee', 'grassroots_cell', 'partial_committee', 'cell')
    ORDER BY u.id`.execute(db);
  // 2014: a cell with more than half of its members failing is Yếu kém (HD 27/2014); counted from the draws above.
  const failingByCell = new Map<number, [number, number]>();
  for (const m of members) {
    const l = level.get(m.id);
    if (!l) continue;
    const c = failingByCell.get(m.unit_id) ?? [0, 0];
    c[1]++;
    if (l === 'failed') c[0]++;
    failingByCell.set(m.unit_id, c);
  }
  const orgLevel = new Map<number, Level>();
  const orgGroups = new Map<string, number[]>();
  for (const o of orgs) {
    const rng = new Rng(hash32(seed, year, o.id, 0x0a9));
    const u = rng.float();
    let l: Level = u < 0.02 ? 'failed' : u < 0.2 ? 'completed' : 'good';
    if (l === 'good' && rng.chance(0.25)) l = 'excellent';
    const [failing, rated] = failingByCell.get(o.id) ?? [0, 0];
    if (set.weak2014 && rated > 0 && failing * 2 > rated) l = 'failed';
    orgLevel.set(o.id, l);
    const grassroots = o.kind === 'grassroots_committee' || o.kind === 'grassroots_cell';
    const key = `${grassroots ? 'TCCSĐ' : 'chi bộ'} của đơn vị #${o.parent_id ?? 0}`;
    const g = orgGroups.get(key) ?? [];
    g.push(o.id);
    orgGroups.set(key, g);
  }
  if (set.weak2014) {
    // More than a third of a committee's sub-units Yếu kém makes it Yếu kém: children first.
    const byParent = new Map<number, number[]>();
    for (const o of orgs) if (o.parent_id !== null && o.parent_in) byParent.set(o.parent_id, [...(byParent.get(o.parent_id) ?? []), o.id]);
    for (const o of [...orgs].filter((x) => x.kind === 'partial_committee').concat(orgs.filter((x) => x.kind === 'grassroots_committee'))) {
      const subs = byParent.get(o.id) ?? [];
      if (subs.length && subs.filter((s) => orgLevel.get(s) === 'failed').length * 3 > subs.length) orgLevel.set(o.id, 'failed');
    }
  }
  if (percent !== null) for (const ids of orgGroups.values()) capGroup(ids, orgLevel, percent, seed, year);

  const decidedAt = `${year}-12-20T08:00:00Z`;
  return db.transaction().execute(async (tx) => {
    // Thousands of generated rows: the audit trail records the campaign and the decision, not each row.
    await sql`ALTER TABLE evaluation_rating DISABLE TRIGGER evaluation_rating_audit`.execute(tx);
    const campaign = await tx.insertInto('evaluation_campaign').values({
      year, quarter: null, root_unit_id: province.id, rule_set_id: set.id, review_date: reviewDate, cap_exception: false,
      title: `Đánh giá, xếp loại chất lượng năm ${year} — Đảng bộ tỉnh`, created_at: `${year}-11-15T08:00:00Z`,
    }).returning('id').executeTakeFirstOrThrow();
    const scored = (subject: 'member' | 'organization', l: Level, rng: Rng) => {
      if (!set.scored.includes(subject)) return null;
      const [lo, hi] = SCORE[l];
      return rng.int(lo * 10, hi * 10) / 10;
    };
    const rows: Array<Parameters<typeof insertRatings>[1][number]> = [];
    for (const m of members) {
      const l = level.get(m.id);
      if (!l) continue;
      const rng = new Rng(hash32(seed, year, m.id, 0x5c0));
      const proposed: Level = l === 'good' && rng.chance(0.1) ? 'excellent' : l;
      rows.push({ campaign_id: campaign.id, subject: 'member', member_id: m.id, unit_id: m.unit_id, self_level: proposed, proposed_level: proposed, decided_level: l, score: scored('member', l, rng), decision_comment: m.disciplined ? 'Bị kỷ luật trong năm' : null, locked: true, decided_at: decidedAt });
    }
    for (const o of orgs) {
      const l = orgLevel.get(o.id)!;
      const rng = new Rng(hash32(seed, year, o.id, 0x5c1));
      rows.push({ campaign_id: campaign.id, subject: 'organization', member_id: null, unit_id: o.id, self_level: l, proposed_level: l, decided_level: l, score: scored('organization', l, rng), decision_comment: null, locked: true, decided_at: decidedAt });
    }
    await insertRatings(tx, rows);
    await sql`ALTER TABLE evaluation_rating ENABLE TRIGGER evaluation_rating_audit`.execute(tx);
    await tx.insertInto('evaluation_action').values({ campaign_id: campaign.id, unit_id: province.id, action: 'decide', reason: null, ratings: rows.length, at: decidedAt, by_user: null }).execute();
    return rows.length;
  });
}

/** Lowers HTXSNV to HTTNV in a group until the cap holds, the same ones for the same seed. */
function capGroup(ids: number[], level: Map<number, Level>, percent: number, seed: number, year: number): void {
  const excellent = ids.filter((id) => level.get(id) === 'excellent');
  const good = ids.filter((id) => level.get(id) === 'good').length;
  const { mustLower } = capExcess(excellent.length, good, percent, DEFAULT_EVALUATION_SETTINGS);
  const order = new Rng(hash32(seed, year, ids[0] ?? 0, 0xcab)).shuffle(excellent);
  for (const id of order.slice(0, mustLower)) level.set(id, 'good');
}

async function insertRatings(tx: Transaction<Database>, rows: Array<{
  campaign_id: number; subject: 'member' | 'organization'; member_id: number | null; unit_id: number; self_level: Level; proposed_level: Level;
  decided_level: Level; score: number | null; decision_comment: string | null; locked: boolean; decided_at: string;
}>): Promise<void> {
  // One statement over column arrays: a year's 40,000 rows as multi-row INSERTs took most of its seconds.
  for (let i = 0; i < rows.length; i += 50_000) {
    const part = rows.slice(i, i + 50_000);
    const c = <K extends keyof (typeof rows)[number]>(k: K) => part.map((r) => r[k]);
    await sql`INSERT INTO evaluation_rating (campaign_id, subject, member_id, unit_id, self_level, proposed_level, decided_level, score, decision_comment, locked, decided_at)
      SELECT * FROM unnest(${c('campaign_id')}::bigint[], ${c('subject')}::text[], ${c('member_id')}::bigint[], ${c('unit_id')}::bigint[], ${c('self_level')}::text[],
        ${c('proposed_level')}::text[], ${c('decided_level')}::text[], ${c('score')}::numeric[], ${c('decision_comment')}::text[], ${c('locked')}::boolean[], ${c('decided_at')}::timestamptz[])`.execute(tx);
  }
}

const CATEGORIES: WeakCategory[] = ['slow_change', 'declining', 'disunited'];
const CAUSES: Record<WeakCategory, string> = {
  slow_change: 'Cấp ủy chưa sâu sát; sinh hoạt chi bộ chưa đều, nội dung đơn điệu; nhiều đảng viên chưa thực hiện tốt nhiệm vụ',
  declining: 'Kết quả thực hiện nhiệm vụ chính trị giảm; tỷ lệ đảng viên dự sinh hoạt thấp; công tác phát triển đảng viên không đạt chỉ tiêu',
  disunited: 'Nội bộ cấp ủy thiếu thống nhất trong lãnh đạo, điều hành; có đơn thư phản ánh kéo dài',
  rated_failed: 'Xếp loại không hoàn thành nhiệm vụ',
};
const MEASURES: Record<WeakCategory, string> = {
  slow_change: 'Huyện ủy phân công đồng chí Huyện ủy viên trực tiếp dự sinh hoạt; đổi mới nội dung sinh hoạt chi bộ; kiểm điểm trách nhiệm cấp ủy',
  declining: 'Kiện toàn cấp ủy; giao chỉ tiêu cụ thể cho từng đảng viên; kiểm tra, đôn đốc hằng quý',
  disunited: 'Ban Thường vụ Huyện ủy làm việc với tập thể cấp ủy; kiểm điểm, làm rõ trách nhiệm; điều động, luân chuyển cán bộ',
  rated_failed: 'Kiện toàn tổ chức, kiểm điểm trách nhiệm',
};

/** The seed's weak units of the district for 2016 (5 + 8 + 1), chosen from the tree of 31/12/2016 by the seed. */
async function weakUnits2016(db: Kysely<Database>, districtCode: string, otherCellId: number, seed: number): Promise<{ units: number; tasks: number }> {
  const day = '2016-12-31';
  const district = await db.selectFrom('unit').select(['id', 'path']).where('code', '=', districtCode).where('kind', '=', 'district_committee').executeTakeFirstOrThrow();
  const { rows } = await sql<{ id: number; kind: string; parent_kind: string | null; parent_id: number | null }>`
    SELECT u.id::int AS id, v.kind, pv.kind AS parent_kind, v.parent_id::int AS parent_id
    FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= ${day} AND (v.valid_to IS NULL OR v.valid_to > ${day})
    LEFT JOIN unit_version pv ON pv.unit_id = v.parent_id AND pv.valid_from <= ${day} AND (pv.valid_to IS NULL OR pv.valid_to > ${day})
    WHERE u.path <@ ${district.path}::ltree AND v.kind IN ('grassroots_committee', 'grassroots_cell', 'cell')
    ORDER BY u.id`.execute(db);
  const rng = new Rng(hash32(seed, 2016, 0x3eac));
  const grassroots = rng.shuffle(rows.filter((r) => r.kind === 'grassroots_committee' || r.kind === 'grassroots_cell')).slice(0, 5);
  const chosen = new Set(grassroots.map((g) => g.id));
  const cells = rng.shuffle(rows.filter((r) => r.kind === 'cell' && r.parent_kind === 'grassroots_committee' && !chosen.has(r.parent_id ?? 0))).slice(0, 8);
  const units = [...grassroots, ...cells, { id: otherCellId }];
  const values = units.map((u) => {
    const r = new Rng(hash32(seed, 2016, u.id, 0x3eb));
    const first = r.pick(CATEGORIES);
    const categories = r.chance(0.3) ? [...new Set([first, r.pick(CATEGORIES)])] : [first];
    const done = r.chance(0.6);
    return {
      unit_id: u.id, year: 2016, categories, causes: categories.map((c) => CAUSES[c]).join('; '), measures: categories.map((c) => MEASURES[c]).join('; '),
      responsible: `Ủy viên Ban Thường vụ Huyện ủy phụ trách (${r.pick(['đồng chí Phó Bí thư Thường trực', 'đồng chí Trưởng Ban Tổ chức', 'đồng chí Chủ nhiệm Ủy ban Kiểm tra', 'đồng chí Trưởng Ban Tuyên giáo'])})`,
      deadline: '2017-06-30', progress: done ? 'Đã kiện toàn cấp ủy; sinh hoạt chi bộ đều đặn từ quý I/2017' : 'Đang thực hiện; báo cáo tiến độ hằng quý',
      result: done ? 'consolidated' : 'carried_over', issuer_unit_id: district.id, result_on: '2017-06-30',
    };
  });
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('dangvu.actor_name', 'demo', true)`.execute(tx);
    const plans = await tx.insertInto('weak_unit').values(values).returning(['id', 'unit_id', 'result', 'categories']).execute();
    const tasks = plans.flatMap((p) => planTasks(Number(p.id), Number(p.unit_id), district.id, p.result === 'consolidated', p.categories as WeakCategory[], new Rng(hash32(seed, 2016, Number(p.id), 0x7a5))));
    if (tasks.length) await tx.insertInto('consolidation_task').values(tasks).execute();
    return { units: values.length, tasks: tasks.length };
  });
}

/** Measures of a plan by category, each a task: owner, deadline (quarters of 2017). */
const TASKS: Record<WeakCategory, Array<{ measure: string; owner: 'unit' | 'district'; deadline: string }>> = {
  slow_change: [
    { measure: 'Đổi mới nội dung, hình thức sinh hoạt chi bộ; mỗi quý ít nhất một buổi sinh hoạt chuyên đề', owner: 'unit', deadline: '2017-03-31' },
    { measure: 'Phân công cấp ủy viên cấp trên dự sinh hoạt và theo dõi hằng tháng', owner: 'district', deadline: '2017-03-31' },
  ],
  declining: [
    { measure: 'Kiện toàn cấp ủy, bổ sung cán bộ có năng lực', owner: 'district', deadline: '2017-03-31' },
    { measure: 'Giao chỉ tiêu cụ thể cho từng đảng viên; kiểm tra, đôn đốc hằng quý', owner: 'unit', deadline: '2017-06-30' },
  ],
  disunited: [
    { measure: 'Ban Thường vụ làm việc với tập thể cấp ủy; kiểm điểm, làm rõ trách nhiệm', owner: 'district', deadline: '2017-02-28' },
    { measure: 'Giải quyết dứt điểm đơn thư; thông báo kết quả đến đảng viên', owner: 'unit', deadline: '2017-06-30' },
  ],
  rated_failed: [{ measure: 'Kiện toàn tổ chức, kiểm điểm trách nhiệm', owner: 'district', deadline: '2017-06-30' }],
};

function planTasks(weakUnitId: number, unitId: number, districtId: number, consolidated: boolean, categories: WeakCategory[], rng: Rng) {
  const list = [
    ...categories.flatMap((c) => TASKS[c]),
    { measure: 'Báo cáo kết quả củng cố với Ban Thường vụ Huyện ủy', owner: 'unit' as const, deadline: '2017-06-30' },
  ];
  return list.map((x, i) => {
    // A carried-over plan leaves its later tasks open (continued next year); the rest were done on time.
    const done = consolidated || x.deadline < '2017-06-30' || rng.chance(0.3);
    const doneOn = done ? `${x.deadline.slice(0, 8)}${String(rng.int(10, Number(x.deadline.slice(8)))).padStart(2, '0')}` : null;
    return {
      weak_unit_id: weakUnitId, ordinal: i + 1, measure: x.measure, owner_unit_id: x.owner === 'unit' ? unitId : districtId, owner_member_id: null, deadline: x.deadline,
      status: done ? 'done' : 'in_progress', done_on: doneOn, evidence: done ? [`Báo cáo kết quả thực hiện, ${doneOn!.split('-').reverse().join('/')}`] : [],
      progress_notes: JSON.stringify(done ? [] : [{ on: '2017-06-15', text: 'Chưa đạt yêu cầu; tiếp tục thực hiện trong năm 2017', by: 'demo' }]),
    };
  });
}
