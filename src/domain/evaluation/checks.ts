// The single-subject rules of the evaluation: who is evaluated, the discipline limit, the QĐ 366 score
// bands, the 2014 Yếu kém conditions, and the cap arithmetic. Each names its rule (rules.ts) and source.
import { fullMonthsBetween, formatVietnameseDate } from '../dates.ts';
import { DISCIPLINE_FORM_LABELS } from '../lifecycle/labels.ts';
import type { DisciplineFact, MemberFacts, OrganizationFacts, TaskFacts } from './facts.ts';
import type { Level } from './levels.ts';
import { EVALUATION_RULES } from './rules.ts';
import type { EvaluationRuleSet } from './rule-sets.ts';
import type { EvaluationSettings } from './settings.ts';

/** A reason a level is limited or fixed, citing its rule. */
export interface Finding {
  ruleId: string;
  source: string;
  /** Vietnamese, starting with the source. */
  message: string;
  messageEn: string;
}

const finding = (ruleId: string, source: string, vi: string, en: string): Finding => ({ ruleId, source, message: `${source}: ${vi}`, messageEn: `${source}: ${en}` });

// ---- Who is evaluated -------------------------------------------------------------------------------

/** Null when the member is evaluated; otherwise the rule that excludes them. */
export function notEvaluatedReason(set: EvaluationRuleSet, m: Pick<MemberFacts, 'status' | 'suspended' | 'admissionDate' | 'admissionDecisionDate'>, dates: { reviewDate: string; periodEnd: string }, settings: EvaluationSettings): Finding | null {
  if (m.status === 'exempt') {
    return finding(EVALUATION_RULES.notEvaluatedExempt.id, set.notEvaluated.source, 'đảng viên được miễn công tác và sinh hoạt đảng không đánh giá, xếp loại', 'exempt members are not evaluated');
  }
  if (m.suspended && set.notEvaluated.suspended) {
    return finding(EVALUATION_RULES.notEvaluatedSuspended.id, set.notEvaluated.source, 'đảng viên bị đình chỉ sinh hoạt đảng không đánh giá, xếp loại', 'members suspended from activities are not evaluated');
  }
  const months = set.notEvaluated.newMemberMonths;
  const from = settings.newMemberFrom === 'decision' ? (m.admissionDecisionDate ?? m.admissionDate) : m.admissionDate;
  if (months !== null && from) {
    const until = settings.newMemberUntil === 'period_end' ? dates.periodEnd : dates.reviewDate;
    if (from <= until && fullMonthsBetween(from, until) < months) {
      return finding(EVALUATION_RULES.notEvaluatedNew.id, set.notEvaluated.source,
        `đảng viên mới kết nạp (${formatVietnameseDate(from)}) chưa đủ ${months} tháng đến ngày ${formatVietnameseDate(until)}, không đánh giá, xếp loại`,
        `admitted ${from}, under ${months} months by ${until}: not evaluated`);
    }
  }
  return null;
}

// ---- Discipline ---------------------------------------------------------------------------------------

const FORM_ORDER: Record<DisciplineFact['form'], number> = { reprimand: 1, warning: 2, dismissal_from_posts: 3, expulsion: 4 };

function formLabel(form: DisciplineFact['form']): string {
  return DISCIPLINE_FORM_LABELS[form].vi;
}

/**
 * The highest level a member may get after disciplines in the period (a violation counts once; the
 * discipline's date decides the period, QĐ 366 Điều 11.4.3). Null: no limit.
 */
export function memberDisciplineLimit(set: EvaluationRuleSet, disciplines: readonly DisciplineFact[], settings: EvaluationSettings): { limit: Level | null; finding: Finding | null; warning: Finding | null } {
  if (!disciplines.length) return { limit: null, finding: null, warning: null };
  const first = [...disciplines].sort((a, b) => a.date.localeCompare(b.date))[0]!;
  const what = `bị kỷ luật ${formLabel(first.form)} ngày ${formatVietnameseDate(first.date)}`;
  if (set.discipline.limit === 'setting') {
    if (settings.discipline2014 === 'off') return { limit: null, finding: null, warning: null };
    const f = finding(EVALUATION_RULES.discipline2014.id, set.discipline.source, `${what}; văn bản chưa xác nhận mức giới hạn, cấp ủy xem xét`, `disciplined ${first.date}; the 2014 limit is unconfirmed, for the committee`);
    return settings.discipline2014 === 'failed' ? { limit: 'failed', finding: f, warning: null } : { limit: null, finding: null, warning: f };
  }
  const counted = set.discipline.selfRemediedException ? disciplines.filter((d) => !d.selfRemedied) : [...disciplines];
  if (!counted.length) {
    return {
      limit: null, finding: null,
      warning: finding(EVALUATION_RULES.disciplineMember.id, set.discipline.source, `${what}, tự phát hiện, tự khắc phục: không bắt buộc xếp loại "Không hoàn thành nhiệm vụ"`, `disciplined ${first.date}, self-detected and remedied: not necessarily KHTNV`),
    };
  }
  return { limit: 'failed', finding: finding(EVALUATION_RULES.disciplineMember.id, set.discipline.source, `${what} trong kỳ đánh giá: xếp loại "Không hoàn thành nhiệm vụ"`, `disciplined ${first.date} in the period: KHTNV`), warning: null };
}

/** The highest level of a collective after disciplines of its leadership or subordinate units. */
export function collectiveDisciplineLimit(set: EvaluationRuleSet, o: OrganizationFacts): { limit: Level | null; finding: Finding | null } {
  const rule = set.collectiveDiscipline;
  if (!rule) return { limit: null, finding: null };
  const leadership = o.leadershipDisciplines ?? [];
  const counted = set.discipline.selfRemediedException ? leadership.filter((d) => !d.selfRemedied) : leadership;
  const id = EVALUATION_RULES.disciplineCollective.id;
  if (rule.leadershipFailsFrom && counted.some((d) => FORM_ORDER[d.form] >= FORM_ORDER[rule.leadershipFailsFrom!])) {
    const form = rule.leadershipFailsFrom === 'warning' ? 'từ cảnh cáo trở lên' : '';
    return { limit: 'failed', finding: finding(id, rule.source, `có thành viên tập thể lãnh đạo bị kỷ luật ${form} trong kỳ: xếp loại "Không hoàn thành nhiệm vụ"`.replace('  ', ' '), 'a leadership member was disciplined: KHTNV') };
  }
  const subs = o.subordinateUnitsDisciplined ?? 0;
  const total = o.subordinateUnits ?? 0;
  if (rule.subordinateShareFails !== null && total > 0 && subs / total > rule.subordinateShareFails) {
    return { limit: 'failed', finding: finding(id, rule.source, `${subs}/${total} đơn vị trực thuộc bị kỷ luật (trên ${rule.subordinateShareFails * 100}%): xếp loại "Không hoàn thành nhiệm vụ"`, `${subs} of ${total} subordinate units disciplined: KHTNV`) };
  }
  if (rule.barsExcellent && (leadership.length > 0 || subs > 0)) {
    return { limit: 'good', finding: finding(id, rule.source, 'có thành viên lãnh đạo hoặc đơn vị trực thuộc bị kỷ luật trong kỳ: không xếp loại "Hoàn thành xuất sắc nhiệm vụ"', 'a disciplined leadership member or subordinate unit bars HTXSNV') };
  }
  return { limit: null, finding: null };
}

/** QĐ 124 / 366: a collective concluded to be internally disunited is KHTNV. */
export function disunityLimit(set: EvaluationRuleSet, o: OrganizationFacts): Finding | null {
  if (!o.disunityConcluded || (set.id !== 'qd124' && set.id !== 'qd366')) return null;
  return finding(EVALUATION_RULES.collectiveFailed124.id, set.id === 'qd124' ? 'Quy định 124-QĐ/TW (4/10/2023), Điều 12' : 'Quy định 366-QĐ/TW (30/8/2025), Điều 11.4', 'cấp có thẩm quyền kết luận mất đoàn kết nội bộ: xếp loại "Không hoàn thành nhiệm vụ"', 'concluded internally disunited: KHTNV');
}

// ---- QĐ 366: score bands and conditions ---------------------------------------------------------------

export interface Score366Input {
  score: number;
  tasks?: TaskFacts | null;
  collective: boolean;
  /** A counted discipline in the period (the member's own, or for a collective its leadership or units). */
  disciplined?: boolean;
  remediedPrevious?: boolean | null;
}

/**
 * The level QĐ 366 Điều 11 gives for a score and the conditions, or null where the text gives none
 * (rules.md §6.2 boundary 3: 50–70 points, all done, more than 20 % late). Without task figures only the
 * score bands apply.
 */
export function level366(x: Score366Input): { level: Level | null; why: string } {
  const t = x.tasks;
  const share = (n: number) => (t && t.total > 0 ? n / t.total : 0);
  const allOnTime = !t || (t.completed >= t.total && t.late === 0);
  const allDone = !t || t.completed >= t.total;
  if (x.score < 50) return { level: 'failed', why: `${x.score} điểm, dưới 50` };
  if (t && t.total > 0 && share(t.total - t.completed) > 0.5) return { level: 'failed', why: `trên 50% nhiệm vụ không hoàn thành (${t.total - t.completed}/${t.total})` };
  if (x.disciplined) return { level: 'failed', why: 'bị kỷ luật trong kỳ' };
  if (x.score >= 90 && allOnTime && (!t || share(t.exceeded) >= 0.3) && x.remediedPrevious !== false) {
    return { level: 'excellent', why: `${x.score} điểm, 100% nhiệm vụ đúng tiến độ${t ? `, ${t.exceeded}/${t.total} vượt` : ''}` };
  }
  if (x.score >= 70 && allOnTime) return { level: 'good', why: `${x.score} điểm, 100% nhiệm vụ đúng tiến độ` };
  if (x.score >= 50 && allDone && share(t?.late ?? 0) <= 0.2) return { level: 'completed', why: `${x.score} điểm, 100% nhiệm vụ hoàn thành, chậm tiến độ không quá 20%` };
  return { level: null, why: `${x.score} điểm${t ? `, ${t.completed}/${t.total} hoàn thành, ${t.late} chậm tiến độ` : ''}: không khớp điều kiện của mức nào` };
}

// ---- 2014: organizations Yếu kém -----------------------------------------------------------------------

/**
 * The Yếu kém conditions of Hướng dẫn 27-HD/BTCTW (2014) for one organization: below 50 points or one of
 * the listed faults; `membersFailing` / `membersRated` for a cell, `subUnitsWeak` / `subUnits` for a committee.
 */
export function weak2014Reasons(o: OrganizationFacts, score: number | null | undefined, counts: { membersRated: number; membersFailing: number; subUnits: number; subUnitsWeak: number }): Finding[] {
  const src = 'Hướng dẫn 27-HD/BTCTW (25/9/2014)';
  const out: Finding[] = [];
  const f = (id: string, vi: string, en: string) => out.push(finding(id, src, vi, en));
  if (score != null && score < 50) f(EVALUATION_RULES.weak2014.id, `${score} điểm, dưới 50: "Yếu kém"`, `${score} points, below 50: Weak`);
  if (o.disunityConcluded) f(EVALUATION_RULES.weak2014.id, 'mất đoàn kết trong cấp ủy, ban thường vụ: "Yếu kém"', 'disunity in the executive committee: Weak');
  if (o.faults2014?.corruptionDisciplined) f(EVALUATION_RULES.weak2014.id, 'để xảy ra tham nhũng, suy thoái đến mức phải kỷ luật đảng viên: "Yếu kém"', 'corruption or degeneration with a member disciplined: Weak');
  if (o.faults2014?.governmentLowest) f(EVALUATION_RULES.weak2014.id, 'chính quyền cùng cấp xếp loại thấp nhất: "Yếu kém"', 'same-level government rated lowest: Weak');
  if ((o.faults2014?.massOrganizationsLowest ?? 0) >= 2) f(EVALUATION_RULES.weak2014.id, `${o.faults2014!.massOrganizationsLowest} tổ chức Mặt trận, đoàn thể cùng cấp xếp loại thấp nhất: "Yếu kém"`, 'two or more mass organizations rated lowest: Weak');
  // "Trên 1/2" and "trên 1/3" are strict: 2 of 4 members, 1 of 3 sub-units do not make it weak.
  if (counts.membersRated > 0 && counts.membersFailing * 2 > counts.membersRated) {
    f(EVALUATION_RULES.weak2014Cell.id, `${counts.membersFailing}/${counts.membersRated} đảng viên vi phạm tư cách hoặc không hoàn thành nhiệm vụ (trên 1/2): chi bộ "Yếu kém"`, `${counts.membersFailing} of ${counts.membersRated} members failing (over half): Weak`);
  }
  if (counts.subUnits > 0 && counts.subUnitsWeak * 3 > counts.subUnits) {
    f(EVALUATION_RULES.weak2014Committee.id, `${counts.subUnitsWeak}/${counts.subUnits} tổ chức trực thuộc "Yếu kém" (trên 1/3): đảng bộ "Yếu kém"`, `${counts.subUnitsWeak} of ${counts.subUnits} sub-units Weak (over a third): Weak`);
  }
  return out;
}

// ---- The cap --------------------------------------------------------------------------------------------

/** Most HTXSNV allowed for a base of `base` at `percent` % (rules.md §6.2 boundary 4; rounding is a setting). */
export function capAllowed(base: number, percent: number, rounding: EvaluationSettings['capRounding']): number {
  // Integer arithmetic: 20 % of 5 is exactly 1, not 0.9999….
  return Math.floor((base * percent + (rounding === 'half_up' ? 50 : 0)) / 100);
}

/**
 * How many of `excellent` HTXSNV ratings must go down to HTTNV for the group to meet the cap, given
 * `good` HTTNV ratings. Each one lowered joins the HTTNV base when the base is HTTNV only.
 */
export function capExcess(excellent: number, good: number, percent: number, settings: Pick<EvaluationSettings, 'capRounding' | 'capBase'>): { allowed: number; mustLower: number } {
  for (let k = 0; k <= excellent; k++) {
    const base = settings.capBase === 'good' ? good + k : good + excellent;
    const allowed = capAllowed(base, percent, settings.capRounding);
    if (excellent - k <= allowed) return { allowed, mustLower: k };
  }
  return { allowed: 0, mustLower: excellent };
}
