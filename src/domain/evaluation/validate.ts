// The validator over a whole decision set (README §3: "a rating that breaks a rule is refused with the
// rule's source; a quota excess is shown to the deciding committee with the list to revise"). It returns,
// per violation, the rule, its source and exactly which ratings must change, and to what.
import { collectiveDisciplineLimit, capExcess, disunityLimit, level366, memberDisciplineLimit, notEvaluatedReason, weak2014Reasons, type Finding } from './checks.ts';
import type { MemberFacts, OrganizationFacts, RatingInput } from './facts.ts';
import { above, LEVEL_LABELS, minLevel, type Level, type Subject } from './levels.ts';
import { capPercent, levelLabel, type EvaluationRuleSet } from './rule-sets.ts';
import { EVALUATION_RULES } from './rules.ts';
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings } from './settings.ts';

export interface RatingChange {
  subject: Subject;
  id: number;
  name: string;
  from: Level | null;
  /** The level it must have at most (null: it must not be rated). */
  to: Level | null;
  /** True when the rating is missing and a level must be given. */
  missing?: boolean;
}

export interface Violation extends Finding {
  subject: Subject;
  /** The group of a cap violation. */
  group?: string;
  /** The ratings that must change; for the cap, the ones chosen by the order below among `candidates`. */
  changes: RatingChange[];
  /**
   * For the cap: every rating that could be lowered instead, and how many of them must be. The chosen
   * ones are those with the lowest score, then those the cell did not propose for HTXSNV, then by name.
   */
  candidates?: number[];
  mustChange: number;
}

export interface SubjectFinding extends Finding {
  subject: Subject;
  id: number;
  name: string;
}

export interface DecisionSetInput {
  set: EvaluationRuleSet;
  period: { start: string; end: string };
  reviewDate: string;
  members: readonly MemberFacts[];
  organizations: readonly OrganizationFacts[];
  ratings: readonly RatingInput[];
  /** QĐ 366 Điều 11.1.5: the deciding unit may rate up to 25 % HTXSNV. */
  capException?: boolean;
  /** On decision every evaluated member and organization needs a level. */
  requireAll?: boolean;
  settings?: EvaluationSettings;
}

export interface ValidationReport {
  ok: boolean;
  violations: Violation[];
  warnings: SubjectFinding[];
  notEvaluated: SubjectFinding[];
  /** The level each rating would have after every change listed (for display next to the decision). */
  corrected: Array<{ subject: Subject; id: number; level: Level | null }>;
}

const collator = new Intl.Collator('vi');

export function validateDecisionSet(input: DecisionSetInput): ValidationReport {
  const settings = input.settings ?? DEFAULT_EVALUATION_SETTINGS;
  const { set } = input;
  const violations: Violation[] = [];
  const warnings: SubjectFinding[] = [];
  const notEvaluated: SubjectFinding[] = [];
  const key = (s: Subject, id: number) => `${s}:${id}`;
  const ratings = new Map(input.ratings.map((r) => [key(r.subject, r.id), r]));
  const effective = new Map<string, Level | null>();
  const evaluated = new Set<string>();

  const limitTo = (subject: Subject, id: number, name: string, f: Finding, to: Level | null, current: Level | null) => {
    violations.push({ ...f, subject, changes: [{ subject, id, name, from: current, to }], mustChange: 1 });
  };
  const label = (subject: Subject, l: Level) => levelLabel(set, subject, l).vi;

  // Members: who is evaluated, then the per-member limits.
  for (const m of input.members) {
    const k = key('member', m.id);
    const r = ratings.get(k);
    let level = r?.level ?? null;
    const excluded = notEvaluatedReason(set, m, { reviewDate: input.reviewDate, periodEnd: input.period.end }, settings);
    if (excluded) {
      notEvaluated.push({ ...excluded, subject: 'member', id: m.id, name: m.name });
      if (level !== null) limitTo('member', m.id, m.name, excluded, null, level);
      effective.set(k, null);
      continue;
    }
    evaluated.add(k);
    if (level === null) {
      if (input.requireAll) {
        violations.push({ ...notRated(set, 'member'), subject: 'member', changes: [{ subject: 'member', id: m.id, name: m.name, from: null, to: null, missing: true }], mustChange: 1 });
      }
      effective.set(k, null);
      continue;
    }
    const d = memberDisciplineLimit(set, m.disciplines, settings);
    if (d.warning) warnings.push({ ...d.warning, subject: 'member', id: m.id, name: m.name });
    if (d.limit && d.finding && above(level, d.limit)) {
      limitTo('member', m.id, m.name, d.finding, d.limit, level);
      level = d.limit;
    }
    if (set.scored.includes('member')) level = checkScore('member', m.id, m.name, r!, level, { tasks: m.tasks, remediedPrevious: m.remediedPrevious, disciplined: d.limit === 'failed' && set.discipline.limit !== 'setting' });
    effective.set(k, level);
  }

  // Organizations, children before parents, so the 2014 one-third rule sees the corrected sub-unit levels.
  const orgs = orderChildrenFirst(input.organizations);
  for (const o of orgs) {
    const k = key('organization', o.id);
    const r = ratings.get(k);
    let level = r?.level ?? null;
    evaluated.add(k);
    if (level === null) {
      if (input.requireAll) violations.push({ ...notRated(set, 'organization'), subject: 'organization', changes: [{ subject: 'organization', id: o.id, name: o.name, from: null, to: null, missing: true }], mustChange: 1 });
      effective.set(k, null);
      continue;
    }
    if (set.weak2014) {
      const cellMembers = input.members.filter((m) => m.unitId === o.id).map((m) => effective.get(key('member', m.id))).filter((l): l is Level => l != null);
      const subs = input.organizations.filter((x) => x.parentId === o.id).map((x) => effective.get(key('organization', x.id))).filter((l): l is Level => l != null);
      const reasons = weak2014Reasons(o, r?.score, {
        membersRated: cellMembers.length, membersFailing: cellMembers.filter((l) => l === 'failed').length,
        subUnits: subs.length, subUnitsWeak: subs.filter((l) => l === 'failed').length,
      });
      if (reasons.length && level !== 'failed') {
        for (const f of reasons) limitTo('organization', o.id, o.name, f, 'failed', level);
        level = 'failed';
      }
    }
    const dis = disunityLimit(set, o);
    if (dis && level !== 'failed') {
      limitTo('organization', o.id, o.name, dis, 'failed', level);
      level = 'failed';
    }
    const c = collectiveDisciplineLimit(set, o);
    if (c.limit && c.finding && above(level, c.limit)) {
      limitTo('organization', o.id, o.name, c.finding, c.limit, level);
      level = c.limit;
    }
    if (set.scored.includes('organization') && set.id === 'qd366') {
      level = checkScore('organization', o.id, o.name, r!, level, { tasks: o.tasks, remediedPrevious: o.remediedPrevious, disciplined: c.limit === 'failed' });
    }
    if (set.scored.includes('organization') && set.id !== 'qd366' && r!.score == null && input.requireAll) {
      violations.push({ ...scoreRequired(set), subject: 'organization', changes: [{ subject: 'organization', id: o.id, name: o.name, from: level, to: level, missing: true }], mustChange: 1 });
    }
    effective.set(k, level);
  }

  // The cap, per comparison group, on the levels left after the changes above.
  const percent = capPercent(set, settings, input.capException ?? false);
  if (percent !== null) {
    const source = set.id === 'hd27_2014' ? `${set.name} (thiết lập cap2014)` : set.cap!.source;
    for (const subject of ['member', 'organization'] as const) {
      const facts: ReadonlyArray<MemberFacts | OrganizationFacts> = subject === 'member' ? input.members : input.organizations;
      const groups = new Map<string, Array<MemberFacts | OrganizationFacts>>();
      for (const f of facts) {
        if (!evaluated.has(key(subject, f.id))) continue;
        const g = groups.get(f.group) ?? [];
        g.push(f);
        groups.set(f.group, g);
      }
      for (const [group, list] of groups) {
        const excellent = list.filter((f) => effective.get(key(subject, f.id)) === 'excellent');
        const good = list.filter((f) => effective.get(key(subject, f.id)) === 'good').length;
        const { allowed, mustLower } = capExcess(excellent.length, good, percent, settings);
        if (mustLower === 0) continue;
        const order = [...excellent].sort((a, b) => {
          const ra = ratings.get(key(subject, a.id));
          const rb = ratings.get(key(subject, b.id));
          const sa = ra?.score ?? -Infinity;
          const sb = rb?.score ?? -Infinity;
          if (sa !== sb) return sa - sb;
          const pa = ra?.proposed === 'excellent' ? 1 : 0;
          const pb = rb?.proposed === 'excellent' ? 1 : 0;
          if (pa !== pb) return pa - pb;
          return collator.compare(a.name, b.name) || a.id - b.id;
        });
        const chosen = order.slice(0, mustLower);
        const base = settings.capBase === 'good' ? 'số xếp loại "Hoàn thành tốt nhiệm vụ"' : 'số xếp loại "Hoàn thành tốt nhiệm vụ" trở lên';
        const xs = label(subject, 'excellent');
        violations.push({
          ruleId: EVALUATION_RULES.cap.id, source,
          message: `${source}: nhóm ${group} có ${excellent.length} "${xs}" trên ${good} "${label(subject, 'good')}"; tối đa ${percent}% ${base} (làm tròn ${settings.capRounding === 'floor' ? 'xuống' : 'lên từ 0,5'}): phải hạ ${mustLower} trong ${excellent.length} xuống "${label(subject, 'good')}"`,
          messageEn: `${source}: group ${group} has ${excellent.length} HTXSNV for ${good} HTTNV; at most ${percent} % (${settings.capRounding}): lower ${mustLower} of ${excellent.length} to HTTNV`,
          subject, group,
          changes: chosen.map((f) => ({ subject, id: f.id, name: f.name, from: 'excellent' as Level, to: 'good' as Level })),
          candidates: excellent.map((f) => f.id), mustChange: mustLower,
        });
        for (const f of chosen) effective.set(key(subject, f.id), 'good');
        void allowed;
      }
    }
  }

  const corrected = [...input.members.map((m) => ({ subject: 'member' as const, id: m.id })), ...input.organizations.map((o) => ({ subject: 'organization' as const, id: o.id }))]
    .map((x) => ({ ...x, level: effective.get(key(x.subject, x.id)) ?? null }));
  return { ok: violations.length === 0, violations, warnings, notEvaluated, corrected };

  function checkScore(subject: Subject, id: number, name: string, r: RatingInput, level: Level, x: { tasks?: MemberFacts['tasks']; remediedPrevious?: boolean | null; disciplined: boolean }): Level {
    if (r.score == null) {
      violations.push({ ...scoreRequired(set), subject, changes: [{ subject, id, name, from: level, to: level, missing: true }], mustChange: 1 });
      return level;
    }
    const derived = level366({ score: r.score, tasks: x.tasks, collective: subject === 'organization', disciplined: x.disciplined, remediedPrevious: x.remediedPrevious });
    const src = 'Quy định 366-QĐ/TW (30/8/2025), Điều 11';
    if (derived.level === null) {
      warnings.push({ ruleId: EVALUATION_RULES.score366Gap.id, source: src, message: `${src}: ${derived.why}; cấp ủy có thẩm quyền xem xét`, messageEn: `${src}: score and conditions fit no level`, subject, id, name });
      // No level's conditions are met, so none above "Hoàn thành nhiệm vụ" can stand.
      if (above(level, 'completed')) {
        limitTo(subject, id, name, { ruleId: EVALUATION_RULES.score366.id, source: src, message: `${src}: ${derived.why}`, messageEn: `${src}: conditions of ${level} not met` }, 'completed', level);
        return 'completed';
      }
      return level;
    }
    if (above(level, derived.level)) {
      limitTo(subject, id, name, { ruleId: EVALUATION_RULES.score366.id, source: src, message: `${src}: ${derived.why}: tối đa "${LEVEL_LABELS[derived.level].vi}"`, messageEn: `${src}: at most ${derived.level}` }, derived.level, level);
      return minLevel(level, derived.level);
    }
    if (above(derived.level, level)) {
      warnings.push({ ruleId: EVALUATION_RULES.score366.id, source: src, message: `${src}: ${derived.why} tương ứng "${LEVEL_LABELS[derived.level].vi}", xếp loại thấp hơn cần nêu lý do`, messageEn: `${src}: the score gives ${derived.level}; a lower level needs a reason`, subject, id, name });
    }
    return level;
  }
}

function notRated(set: EvaluationRuleSet, subject: Subject): Finding {
  const src = set.name;
  return { ruleId: EVALUATION_RULES.notRated.id, source: src, message: `${src}: ${subject === 'member' ? 'đảng viên' : 'tổ chức đảng'} thuộc diện đánh giá chưa được xếp loại`, messageEn: `${src}: not rated` };
}

function scoreRequired(set: EvaluationRuleSet): Finding {
  return { ruleId: EVALUATION_RULES.scoreRequired.id, source: set.name, message: `${set.name}: xếp loại theo thang 100 điểm, phải nhập điểm`, messageEn: `${set.name}: a score out of 100 is required` };
}

function orderChildrenFirst(orgs: readonly OrganizationFacts[]): OrganizationFacts[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const depth = (o: OrganizationFacts): number => {
    let d = 0;
    let p = o.parentId;
    const seen = new Set<number>();
    while (p !== null && byId.has(p) && !seen.has(p)) {
      seen.add(p);
      d++;
      p = byId.get(p)!.parentId;
    }
    return d;
  };
  return [...orgs].sort((a, b) => depth(b) - depth(a) || a.id - b.id);
}
