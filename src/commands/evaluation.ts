// Evaluation campaigns (issue 4): open a campaign for a year or quarter over a unit subtree, enter the
// self-assessment, the cell's proposal and the committee's decision per member and organization, check the
// whole decision set against the rule set of the period (src/domain/evaluation), decide (lock) and reopen.
// Each write is one transaction; decisions and reopenings are rows of evaluation_action and audited.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, can, type Actor } from '../policies/index.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { inTransaction, pgErrorCode, type Executor } from '../db/transaction.ts';
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors.ts';
import { isIsoDate, formatVietnameseDate } from '../domain/dates.ts';
import {
  evaluationRuleSet, isLevel, levelLabel, LEVELS, notEvaluatedReason, periodOf, ruleSetForPeriod, validateDecisionSet,
  DEFAULT_EVALUATION_SETTINGS, type DisciplineFact, type EvaluationRuleSet, type Level, type MemberFacts, type OrganizationFacts,
  type RatingInput, type Subject, type TaskFacts, type ValidationReport,
} from '../domain/evaluation/index.ts';

export interface CampaignInput {
  year: number;
  quarter?: number | null;
  rootUnitId: number;
  reviewDate?: string | null;
  capException?: boolean;
  title?: string | null;
}

export interface Campaign {
  id: number;
  year: number;
  quarter: number | null;
  rootUnitId: number;
  rootUnitName: string;
  ruleSetId: string;
  ruleSetName: string;
  periodStart: string;
  periodEnd: string;
  reviewDate: string;
  capException: boolean;
  scored: Subject[];
  title: string;
  rated: number;
  decided: number;
  locked: number;
  levelLabels: { member: Record<Level, string>; organization: Record<Level, string> };
}

export interface RatingRow {
  subject: Subject;
  /** The member's id, or the organization's unit id. */
  id: number;
  name: string;
  unitId: number;
  unitName: string;
  kind: string | null;
  status: string | null;
  selfLevel: Level | null;
  proposedLevel: Level | null;
  decidedLevel: Level | null;
  score: number | null;
  selfComment: string | null;
  proposalComment: string | null;
  decisionComment: string | null;
  capGroup: string | null;
  facts: Record<string, unknown>;
  locked: boolean;
  /** Null when evaluated; otherwise why not (exempt, suspended, admitted under 6 months). */
  notEvaluated: string | null;
  disciplines: DisciplineFact[];
  rowVersion: number | null;
}

export interface RatingPatch {
  subject: Subject;
  id: number;
  selfLevel?: Level | null;
  proposedLevel?: Level | null;
  decidedLevel?: Level | null;
  score?: number | null;
  selfComment?: string | null;
  proposalComment?: string | null;
  decisionComment?: string | null;
  capGroup?: string | null;
  facts?: Record<string, unknown>;
}

interface Roster {
  campaign: Campaign;
  set: EvaluationRuleSet;
  unit: { id: number; path: string; kind: string; name: string; code: string };
  rows: RatingRow[];
  members: MemberFacts[];
  organizations: OrganizationFacts[];
}

const ORG_KINDS = ['grassroots_committee', 'grassroots_cell', 'partial_committee', 'cell'];
const EVALUATED_STATUSES = ['probationary', 'official', 'exempt', 'transferring'];

export class EvaluationService {
  private readonly units: UnitRepository;
  constructor(private readonly db: Kysely<Database>, private readonly actor: Actor) {
    this.units = new UnitRepository(db, actor);
  }

  async createCampaign(input: CampaignInput): Promise<Campaign> {
    authorize(this.actor, 'evaluation.decide');
    const set = ruleSetForPeriod(input.year, input.quarter ?? null);
    const period = periodOf(input.year, input.quarter ?? null);
    const root = await this.units.requireInScope(input.rootUnitId);
    const reviewDate = input.reviewDate ?? period.end;
    const errors: FieldError[] = [];
    if (!isIsoDate(reviewDate)) errors.push({ field: 'reviewDate', code: 'invalid_date', message: 'Ngày xét không hợp lệ' });
    else if (reviewDate < period.start) errors.push({ field: 'reviewDate', code: 'before_period', message: `Ngày xét phải từ ${formatVietnameseDate(period.start)}` });
    if (input.capException && set.cap?.exceptionPercent == null) {
      errors.push({ field: 'capException', code: 'not_allowed', message: `${set.name} không cho phép nâng tỷ lệ "Hoàn thành xuất sắc nhiệm vụ" lên 25% (chỉ Quy định 366-QĐ/TW, Điều 11.1.5)` });
    }
    if (errors.length) throw new ValidationError(errors, errors[0]!.message);
    const title = input.title?.trim() || `Đánh giá, xếp loại chất lượng ${input.quarter ? `quý ${input.quarter}/` : 'năm '}${input.year} — ${root.name}`;
    try {
      const id = await inTransaction(this.db, this.actor, async (tx) => (await tx.insertInto('evaluation_campaign').values({
        year: input.year, quarter: input.quarter ?? null, root_unit_id: root.id, rule_set_id: set.id, review_date: reviewDate,
        cap_exception: !!input.capException, title,
      }).returning('id').executeTakeFirstOrThrow()).id);
      return this.getCampaign(Number(id));
    } catch (err) {
      if (pgErrorCode(err) === '23505') throw new ConflictError(`Đã có đợt đánh giá ${input.quarter ? `quý ${input.quarter}/` : 'năm '}${input.year} của ${root.name}`);
      throw err;
    }
  }

  /** Campaigns whose root is in the actor's subtree, or above it (a commune sees its district's campaign). */
  async listCampaigns(filter: { year?: number } = {}): Promise<Campaign[]> {
    authorize(this.actor, 'member.read');
    const rows = await this.db.selectFrom('evaluation_campaign as c').innerJoin('unit as u', 'u.id', 'c.root_unit_id').select('c.id')
      .where(sql<boolean>`(u.path <@ ${this.actor.scopePath}::ltree OR ${this.actor.scopePath}::ltree <@ u.path)`)
      .$if(filter.year !== undefined, (q) => q.where('c.year', '=', filter.year!))
      .orderBy('c.year', 'desc').orderBy('c.quarter').orderBy('c.id').execute();
    return Promise.all(rows.map((r) => this.getCampaign(Number(r.id))));
  }

  async getCampaign(id: number, db: Executor = this.db): Promise<Campaign> {
    authorize(this.actor, 'member.read');
    const c = await db.selectFrom('evaluation_campaign as c').innerJoin('unit as u', 'u.id', 'c.root_unit_id')
      .select(['c.id', 'c.year', 'c.quarter', 'c.root_unit_id', 'u.name as root_name', 'c.rule_set_id', 'c.review_date', 'c.cap_exception', 'c.title', 'u.path'])
      .where('c.id', '=', id)
      .where(sql<boolean>`(u.path <@ ${this.actor.scopePath}::ltree OR ${this.actor.scopePath}::ltree <@ u.path)`)
      .executeTakeFirst();
    if (!c) throw new NotFoundError('đợt đánh giá');
    const set = evaluationRuleSet(c.rule_set_id);
    const period = periodOf(c.year, c.quarter);
    // Counts within what the actor may see.
    const counts = await sql<{ rated: number; decided: number; locked: number }>`
      SELECT count(*)::int AS rated, count(r.decided_level)::int AS decided, count(*) FILTER (WHERE r.locked)::int AS locked
      FROM evaluation_rating r JOIN unit u ON u.id = r.unit_id
      WHERE r.campaign_id = ${id} AND u.path <@ ${this.actor.scopePath}::ltree`.execute(db);
    const labels = (subject: Subject) => Object.fromEntries(LEVELS.map((l) => [l, levelLabel(set, subject, l).vi])) as Record<Level, string>;
    return {
      id: Number(c.id), year: c.year, quarter: c.quarter, rootUnitId: Number(c.root_unit_id), rootUnitName: c.root_name,
      ruleSetId: set.id, ruleSetName: set.name, periodStart: period.start, periodEnd: period.end, reviewDate: c.review_date,
      capException: c.cap_exception, scored: [...set.scored], title: c.title,
      ...counts.rows[0]!, levelLabels: { member: labels('member'), organization: labels('organization') },
    };
  }

  /** Members (in cells under `unitId` on the review date) and organizations of the subtree, with their ratings. */
  async roster(campaignId: number, unitId: number, db: Executor = this.db): Promise<Roster> {
    authorize(this.actor, 'member.read');
    const campaign = await this.getCampaign(campaignId, db);
    const unit = await this.requireUnitInCampaign(campaign, unitId, db);
    const set = evaluationRuleSet(campaign.ruleSetId);
    const day = campaign.reviewDate;
    const { rows: members } = await sql<{
      member_id: string | number; full_name: string; status: string; unit_id: string | number; unit_name: string; group_name: string | null;
      admission_date: string | null; admission_decision_date: string | null;
    }>`
      WITH cells AS MATERIALIZED (
        -- The grassroots organization of each cell of the subtree on the review date: the cap's group.
        SELECT cu.id, uv.name AS unit_name,
          (SELECT gv.name || ' (' || gv.code || ')' FROM unit g JOIN unit_version gv ON gv.unit_id = g.id AND gv.valid_from <= ${day} AND (gv.valid_to IS NULL OR gv.valid_to > ${day})
             WHERE cu.path <@ g.path AND gv.kind IN ('grassroots_committee', 'grassroots_cell') ORDER BY g.depth DESC LIMIT 1) AS group_name
        FROM unit cu
        JOIN unit_version uv ON uv.unit_id = cu.id AND uv.valid_from <= ${day} AND (uv.valid_to IS NULL OR uv.valid_to > ${day})
        WHERE cu.path <@ ${unit.path}::ltree AND cu.path <@ ${this.actor.scopePath}::ltree AND uv.kind IN ('cell', 'grassroots_cell')
      )
      SELECT m.id AS member_id, m.full_name, p.status, p.unit_id, cells.unit_name, cells.group_name, m.admission_date, m.admission_decision_date
      FROM cells
      JOIN member_period p ON p.unit_id = cells.id
      JOIN member m ON m.id = p.member_id
      WHERE p.valid_from <= ${day} AND (p.valid_to IS NULL OR p.valid_to > ${day})
        AND p.status IN (${sql.join(EVALUATED_STATUSES.map((s) => sql.lit(s)))})
      ORDER BY cells.unit_name, m.name_sort, m.id`.execute(db);
    const ids = members.map((m) => Number(m.member_id));
    const disciplines = ids.length ? (await sql<{ member_id: string | number; effective_date: string; kind: string; form: string | null; self_remedied: string | null }>`
      SELECT e.member_id, e.effective_date, e.kind, e.details ->> 'form' AS form, e.details ->> 'selfRemedied' AS self_remedied
      FROM member_event e
      WHERE e.member_id = ANY(${ids}::bigint[]) AND e.kind IN ('discipline', 'expulsion')
        AND e.effective_date BETWEEN ${campaign.periodStart} AND ${campaign.periodEnd}
        AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = e.id)
      ORDER BY e.effective_date, e.id`.execute(db)).rows : [];
    const { rows: orgs } = await sql<{ id: string | number; name: string; kind: string; parent_id: string | number | null; code: string }>`
      SELECT u.id, v.name, v.kind, v.parent_id, v.code
      FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= ${day} AND (v.valid_to IS NULL OR v.valid_to > ${day})
      WHERE u.path <@ ${unit.path}::ltree AND u.path <@ ${this.actor.scopePath}::ltree
        AND v.kind IN (${sql.join(ORG_KINDS.map((k) => sql.lit(k)))})
      ORDER BY u.path`.execute(db);
    const ratings = await db.selectFrom('evaluation_rating').selectAll().where('campaign_id', '=', campaignId)
      .where((eb) => eb.or([
        eb.and([eb('subject', '=', 'member'), eb('member_id', 'in', ids.length ? ids : [0])]),
        eb.and([eb('subject', '=', 'organization'), eb('unit_id', 'in', orgs.length ? orgs.map((o) => Number(o.id)) : [0])]),
      ])).execute();
    const ratingOf = (subject: Subject, id: number) => ratings.find((r) => r.subject === subject && Number(subject === 'member' ? r.member_id : r.unit_id) === id);
    const settings = DEFAULT_EVALUATION_SETTINGS;

    const rows: RatingRow[] = [];
    const memberFacts: MemberFacts[] = [];
    for (const m of members) {
      const id = Number(m.member_id);
      const r = ratingOf('member', id);
      const facts = (r?.facts ?? {}) as Record<string, unknown>;
      const ds: DisciplineFact[] = disciplines.filter((d) => Number(d.member_id) === id)
        .map((d) => ({ date: d.effective_date, form: (d.kind === 'expulsion' ? 'expulsion' : d.form ?? 'reprimand') as DisciplineFact['form'], selfRemedied: d.self_remedied === 'true' }));
      const mf: MemberFacts = {
        id, name: m.full_name, unitId: Number(m.unit_id), group: r?.cap_group ?? m.group_name ?? m.unit_name, status: m.status,
        suspended: facts.suspended === true, admissionDate: m.admission_date, admissionDecisionDate: m.admission_decision_date,
        disciplines: ds, tasks: (facts.tasks as TaskFacts | undefined) ?? null, remediedPrevious: (facts.remediedPrevious as boolean | undefined) ?? null,
      };
      memberFacts.push(mf);
      const excluded = notEvaluatedReason(set, mf, { reviewDate: day, periodEnd: campaign.periodEnd }, settings);
      rows.push(presentRow('member', id, m.full_name, Number(m.unit_id), m.unit_name, null, m.status, r, excluded?.message ?? null, ds));
    }
    const orgFacts: OrganizationFacts[] = [];
    const orgIds = new Set(orgs.map((o) => Number(o.id)));
    for (const o of orgs) {
      const id = Number(o.id);
      const r = ratingOf('organization', id);
      const facts = (r?.facts ?? {}) as Record<string, unknown>;
      const parentId = o.parent_id === null ? null : Number(o.parent_id);
      const grassroots = o.kind === 'grassroots_committee' || o.kind === 'grassroots_cell';
      orgFacts.push({
        id, name: o.name, kind: o.kind, parentId: parentId !== null && orgIds.has(parentId) ? parentId : null,
        group: r?.cap_group ?? `${grassroots ? 'TCCSĐ' : 'chi bộ'} của đơn vị #${parentId ?? 0}`,
        leadershipDisciplines: (facts.leadershipDisciplines as DisciplineFact[] | undefined) ?? [],
        subordinateUnitsDisciplined: (facts.subordinateUnitsDisciplined as number | undefined) ?? 0,
        subordinateUnits: (facts.subordinateUnits as number | undefined) ?? 0,
        disunityConcluded: facts.disunityConcluded === true,
        tasks: (facts.tasks as TaskFacts | undefined) ?? null, remediedPrevious: (facts.remediedPrevious as boolean | undefined) ?? null,
        faults2014: (facts.faults2014 as OrganizationFacts['faults2014']) ?? undefined,
      });
      rows.push(presentRow('organization', id, o.name, id, o.name, o.kind, null, r, null, []));
    }
    return { campaign, set, unit, rows, members: memberFacts, organizations: orgFacts };
  }

  /** The validator over the subtree's ratings: the decided levels, or the proposals before a decision. */
  async check(campaignId: number, unitId: number, which: 'decided' | 'proposed' = 'decided', requireAll = false, db: Executor = this.db): Promise<{ roster: Roster; report: ValidationReport }> {
    const roster = await this.roster(campaignId, unitId, db);
    const ratings: RatingInput[] = roster.rows.map((r) => ({
      subject: r.subject, id: r.id, level: which === 'decided' ? r.decidedLevel : r.proposedLevel, score: r.score, proposed: r.proposedLevel,
    }));
    const period = { start: roster.campaign.periodStart, end: roster.campaign.periodEnd };
    const report = validateDecisionSet({
      set: roster.set, period, reviewDate: roster.campaign.reviewDate, members: roster.members, organizations: roster.organizations,
      ratings, capException: roster.campaign.capException, requireAll,
    });
    return { roster, report };
  }

  async saveRatings(campaignId: number, unitId: number, patches: RatingPatch[]): Promise<{ saved: number }> {
    authorize(this.actor, 'evaluation.write');
    const deciding = can(this.actor, 'evaluation.decide');
    const errors: FieldError[] = [];
    patches.forEach((p, i) => {
      for (const f of ['selfLevel', 'proposedLevel', 'decidedLevel'] as const) {
        const v = p[f];
        if (v !== undefined && v !== null && !isLevel(v)) errors.push({ field: `ratings.${i}.${f}`, code: 'invalid', message: `Mức xếp loại không hợp lệ: ${String(v)}` });
      }
      if (p.score != null && !(p.score >= 0 && p.score <= 100)) errors.push({ field: `ratings.${i}.score`, code: 'range', message: 'Điểm phải từ 0 đến 100' });
      if (!deciding && (p.decidedLevel !== undefined || p.decisionComment !== undefined)) {
        errors.push({ field: `ratings.${i}.decidedLevel`, code: 'forbidden', message: 'Chỉ cấp ủy có thẩm quyền (cán bộ tổ chức) ghi quyết định xếp loại' });
      }
    });
    if (errors.length) throw new ValidationError(errors, errors[0]!.message);
    return inTransaction(this.db, this.actor, async (tx) => {
      const roster = await this.roster(campaignId, unitId, tx);
      const { campaign, set } = roster;
      const byKey = new Map(roster.rows.map((r) => [`${r.subject}:${r.id}`, r]));
      patches.forEach((p, i) => {
        const row = byKey.get(`${p.subject}:${p.id}`);
        if (!row) errors.push({ field: `ratings.${i}.id`, code: 'not_in_campaign', message: `${p.subject === 'member' ? 'Đảng viên' : 'Tổ chức'} #${p.id} không thuộc đợt đánh giá này (ngày xét ${formatVietnameseDate(campaign.reviewDate)})` });
        else if (row.locked) errors.push({ field: `ratings.${i}.id`, code: 'locked', message: `Xếp loại của ${row.name} đã được quyết định; phải mở lại (có lý do) mới sửa được` });
        else if (row.notEvaluated && (p.selfLevel || p.proposedLevel || p.decidedLevel)) errors.push({ field: `ratings.${i}.decidedLevel`, code: 'not_evaluated', message: `${row.name}: ${row.notEvaluated}` });
        if (p.score != null && !set.scored.includes(p.subject)) errors.push({ field: `ratings.${i}.score`, code: 'not_scored', message: `${set.name} không chấm điểm ${p.subject === 'member' ? 'đảng viên' : 'tổ chức'}` });
      });
      if (errors.some((e) => e.code === 'locked')) throw new AppError('CONFLICT', errors.find((e) => e.code === 'locked')!.message, errors);
      if (errors.length) throw new ValidationError(errors, errors[0]!.message);
      for (const p of patches) {
        const row = byKey.get(`${p.subject}:${p.id}`)!;
        const values = {
          ...(p.selfLevel !== undefined && { self_level: p.selfLevel }),
          ...(p.proposedLevel !== undefined && { proposed_level: p.proposedLevel }),
          ...(p.decidedLevel !== undefined && { decided_level: p.decidedLevel }),
          ...(p.score !== undefined && { score: p.score }),
          ...(p.selfComment !== undefined && { self_comment: p.selfComment?.trim() || null }),
          ...(p.proposalComment !== undefined && { proposal_comment: p.proposalComment?.trim() || null }),
          ...(p.decisionComment !== undefined && { decision_comment: p.decisionComment?.trim() || null }),
          ...(p.capGroup !== undefined && { cap_group: p.capGroup?.trim() || null }),
          ...(p.facts !== undefined && { facts: JSON.stringify(p.facts) }),
        };
        if (row.rowVersion === null) {
          await tx.insertInto('evaluation_rating').values({
            campaign_id: campaignId, subject: p.subject, member_id: p.subject === 'member' ? p.id : null, unit_id: row.unitId, ...values,
          }).execute();
        } else if (Object.keys(values).length) {
          // locked = false in the WHERE: a decision taken meanwhile wins over this edit.
          const res = await tx.updateTable('evaluation_rating').set({ ...values, row_version: row.rowVersion + 1 })
            .where('campaign_id', '=', campaignId).where('subject', '=', p.subject)
            .where(p.subject === 'member' ? 'member_id' : 'unit_id', '=', p.id).where('locked', '=', false).executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(`Xếp loại của ${row.name} vừa được quyết định; hãy tải lại`);
        }
      }
      return { saved: patches.length };
    });
  }

  /**
   * The competent committee decides the subtree of `unitId` (a grassroots organization or above): every
   * evaluated member and organization needs a decided level, the whole set must pass the rules, then
   * every rating of the subtree is locked in the same transaction.
   */
  async decide(campaignId: number, unitId: number): Promise<{ locked: number; report: ValidationReport }> {
    authorize(this.actor, 'evaluation.decide');
    return inTransaction(this.db, this.actor, async (tx) => {
      const { roster, report } = await this.check(campaignId, unitId, 'decided', true, tx);
      if (roster.unit.kind === 'cell' || roster.unit.kind === 'partial_committee') {
        throw new ValidationError([{ field: 'unitId', code: 'not_competent', message: 'Cấp ủy cơ sở trở lên quyết định xếp loại; chọn tổ chức cơ sở đảng hoặc cấp trên' }], 'Cấp ủy cơ sở trở lên quyết định xếp loại');
      }
      if (!report.ok) throw violationsError(report, roster.set);
      const open = roster.rows.filter((r) => !r.locked && r.rowVersion !== null);
      if (!open.length) throw new ConflictError(`Xếp loại của ${roster.unit.name} đã được quyết định hết`);
      await tx.updateTable('evaluation_rating').set({ locked: true, decided_at: new Date(), decided_by: this.actor.userId, row_version: sql`row_version + 1` })
        .where('campaign_id', '=', campaignId).where('locked', '=', false)
        .where('id', 'in', await this.ratingIdsUnder(tx, campaignId, roster)).execute();
      await tx.insertInto('evaluation_action').values({ campaign_id: campaignId, unit_id: unitId, action: 'decide', reason: null, ratings: open.length, by_user: this.actor.userId }).execute();
      return { locked: open.length, report };
    });
  }

  /** Reopens decided ratings of the subtree (or of the members named), with a reason: an audited action. */
  async reopen(campaignId: number, unitId: number, reason: string, memberIds?: number[]): Promise<{ reopened: number }> {
    authorize(this.actor, 'evaluation.decide');
    if (!reason?.trim()) throw new ValidationError([{ field: 'reason', code: 'required', message: 'Mở lại xếp loại đã quyết định phải nêu lý do' }], 'Mở lại xếp loại đã quyết định phải nêu lý do');
    return inTransaction(this.db, this.actor, async (tx) => {
      const roster = await this.roster(campaignId, unitId, tx);
      const ids = await this.ratingIdsUnder(tx, campaignId, roster, memberIds);
      const res = await tx.updateTable('evaluation_rating').set({ locked: false, row_version: sql`row_version + 1` })
        .where('campaign_id', '=', campaignId).where('locked', '=', true).where('id', 'in', ids).executeTakeFirst();
      const n = Number(res.numUpdatedRows);
      if (n === 0) throw new ConflictError('Không có xếp loại đã quyết định nào để mở lại');
      await tx.insertInto('evaluation_action').values({ campaign_id: campaignId, unit_id: unitId, action: 'reopen', reason: reason.trim(), ratings: n, by_user: this.actor.userId }).execute();
      return { reopened: n };
    });
  }

  async actions(campaignId: number): Promise<Array<{ action: string; unitId: number; unitName: string; reason: string | null; ratings: number; at: string; by: string | null }>> {
    await this.getCampaign(campaignId);
    const rows = await this.db.selectFrom('evaluation_action as a').innerJoin('unit as u', 'u.id', 'a.unit_id').leftJoin('app_user as p', 'p.id', 'a.by_user')
      .select(['a.action', 'a.unit_id', 'u.name', 'a.reason', 'a.ratings', 'a.at', 'p.full_name'])
      .where('a.campaign_id', '=', campaignId).where(sql<boolean>`u.path <@ ${this.actor.scopePath}::ltree`).orderBy('a.id').execute();
    return rows.map((r) => ({ action: r.action, unitId: Number(r.unit_id), unitName: r.name, reason: r.reason, ratings: r.ratings, at: new Date(r.at).toISOString(), by: r.full_name }));
  }

  private async ratingIdsUnder(tx: Executor, campaignId: number, roster: Roster, memberIds?: number[]): Promise<number[]> {
    const rows = await tx.selectFrom('evaluation_rating as r').innerJoin('unit as u', 'u.id', 'r.unit_id').select('r.id')
      .where('r.campaign_id', '=', campaignId).where(sql<boolean>`u.path <@ ${roster.unit.path}::ltree`)
      .$if(!!memberIds?.length, (q) => q.where('r.subject', '=', 'member').where('r.member_id', 'in', memberIds!))
      .execute();
    return rows.length ? rows.map((r) => Number(r.id)) : [0];
  }

  private async requireUnitInCampaign(campaign: Campaign, unitId: number, db: Executor): Promise<{ id: number; path: string; kind: string; name: string; code: string }> {
    const unit = await new UnitRepository(db as Kysely<Database>, this.actor).requireInScope(unitId);
    const root = await db.selectFrom('unit').select('path').where('id', '=', campaign.rootUnitId).executeTakeFirstOrThrow();
    if (!(unit.path === root.path || unit.path.startsWith(`${root.path}.`))) {
      throw new ValidationError([{ field: 'unitId', code: 'outside_campaign', message: `${unit.name} không thuộc phạm vi đợt đánh giá (${campaign.rootUnitName})` }], `${unit.name} không thuộc phạm vi đợt đánh giá`);
    }
    return unit;
  }
}

interface StoredRating {
  self_level: string | null; proposed_level: string | null; decided_level: string | null; score: string | null;
  self_comment: string | null; proposal_comment: string | null; decision_comment: string | null; cap_group: string | null;
  facts: Record<string, unknown>; locked: boolean; row_version: number;
}

function presentRow(subject: Subject, id: number, name: string, unitId: number, unitName: string, kind: string | null, status: string | null,
  r: StoredRating | undefined,
  notEvaluated: string | null, disciplines: DisciplineFact[]): RatingRow {
  return {
    subject, id, name, unitId, unitName, kind, status,
    selfLevel: (r?.self_level ?? null) as Level | null, proposedLevel: (r?.proposed_level ?? null) as Level | null, decidedLevel: (r?.decided_level ?? null) as Level | null,
    score: r?.score == null ? null : Number(r.score), selfComment: r?.self_comment ?? null, proposalComment: r?.proposal_comment ?? null,
    decisionComment: r?.decision_comment ?? null, capGroup: r?.cap_group ?? null, facts: r?.facts ?? {}, locked: r?.locked ?? false,
    notEvaluated, disciplines, rowVersion: r?.row_version ?? null,
  };
}

/** A refused decision: one field per rating to change, named `ratings.<subject>.<id>`, with the rule's message. */
export function violationsError(report: ValidationReport, set: EvaluationRuleSet): ValidationError {
  const fields: FieldError[] = report.violations.flatMap((v) => v.changes.map((c) => ({
    field: `ratings.${c.subject}.${c.id}`, code: v.ruleId,
    message: `${c.name}: ${c.missing ? 'cần nhập' : c.to === null ? 'không đánh giá, xếp loại' : `tối đa "${levelLabel(set, c.subject, c.to).vi}"`} — ${v.message}`,
  })));
  return new ValidationError(fields, `Quyết định xếp loại vi phạm ${report.violations.length} quy định; xem danh sách cần sửa`);
}
