// The stages of a candidate's way to admission (phát triển đảng viên; domain README §6, rules.md §1 and §8),
// in the order the texts give them, and which stage may be recorded next.

/** Where a candidate (quần chúng ưu tú, cảm tình Đảng) has come from: the body that presented them. */
export const CANDIDATE_SOURCES = [
  'youth_union', // Đoàn TNCS Hồ Chí Minh
  'trade_union', // Công đoàn (of an agency or enterprise)
  'women_union', // Hội Liên hiệp Phụ nữ
  'farmers_union', // Hội Nông dân
  'veterans_union', // Hội Cựu chiến binh
  'other', // khác (workers of non-state enterprises without a union, …)
] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];

/**
 * The stages, in order. Each is a dated step with its document:
 * identified — the cell puts the person on its list of cảm tình Đảng (HD 38-HD/BTCTW §I.1.1.d);
 * course — the awareness course (lớp bồi dưỡng nhận thức về Đảng) and its certificate (HD 06-HD/TW §3.1);
 * application — the application and the self-declared history (đơn, lý lịch người xin vào Đảng);
 * history_verified — the committee's verification of the history (thẩm tra lý lịch, HD 06 §3.4);
 * sponsored — two official members, or the Youth Union / trade-union committee and one (Điều lệ, Điều 4.1);
 * cell_vote — the cell considers and votes (Điều lệ, Điều 4.3): the age is taken on this date;
 * decision — the competent committee's admission decision (Điều lệ, Điều 4.3);
 * ceremony — the admission ceremony (lễ kết nạp), which makes the person a probationary member.
 */
export const CANDIDATE_STAGES = ['identified', 'course', 'application', 'history_verified', 'sponsored', 'cell_vote', 'decision', 'ceremony'] as const;
export type CandidateStage = (typeof CANDIDATE_STAGES)[number];

export const stageIndex = (s: CandidateStage): number => CANDIDATE_STAGES.indexOf(s);

/**
 * Stages that may be recorded after `current` (null: a new record, only 'identified'). The next stage in
 * order; before the cell votes, a course may be taken again (certificate older than 60 months, HD 06 §5.4.b)
 * and sponsors re-recorded (a sponsor left, or the dossier is older than 12 months, QĐ 294 §3.2.2, HD 06
 * §5.4.a). Nothing follows the ceremony: the person is then a member with a lifecycle of their own.
 */
export function allowedStages(current: CandidateStage | null): CandidateStage[] {
  if (current === null) return ['identified'];
  const i = stageIndex(current);
  if (current === 'ceremony') return [];
  const next: CandidateStage[] = [CANDIDATE_STAGES[i + 1]!];
  if (i >= stageIndex('course') && i < stageIndex('cell_vote') && current !== 'course') next.push('course');
  if (i >= stageIndex('sponsored') && i < stageIndex('cell_vote')) next.push('sponsored');
  return [...new Set(next)].sort((a, b) => stageIndex(a) - stageIndex(b));
}

export const STAGE_LABELS: Record<CandidateStage, string> = {
  identified: 'Quần chúng ưu tú, cảm tình Đảng',
  course: 'Học lớp bồi dưỡng nhận thức về Đảng',
  application: 'Đơn xin vào Đảng, lý lịch',
  history_verified: 'Thẩm tra lý lịch',
  sponsored: 'Người giới thiệu',
  cell_vote: 'Chi bộ xét kết nạp',
  decision: 'Quyết định kết nạp',
  ceremony: 'Lễ kết nạp',
};

export const SOURCE_LABELS: Record<CandidateSource, string> = {
  youth_union: 'Đoàn TNCS Hồ Chí Minh',
  trade_union: 'Công đoàn',
  women_union: 'Hội Liên hiệp Phụ nữ',
  farmers_union: 'Hội Nông dân',
  veterans_union: 'Hội Cựu chiến binh',
  other: 'Khác',
};
