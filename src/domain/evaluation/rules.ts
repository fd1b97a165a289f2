// The catalogue of evaluation rules: one record per rule, with the texts it comes from (as rules.md §6–7
// cites them) and the dates it is in force. A finding cites the source of the rule set of its campaign.
import type { RuleRecord } from '../lifecycle/rules.ts';

const r = (id: string, title: string, titleEn: string, source: string, inForceFrom: string | null, inForceTo: string | null = null, confirmed = true): RuleRecord =>
  ({ id, title, titleEn, source, inForceFrom, inForceTo, confirmed });

export const EVALUATION_RULES = {
  notEvaluatedExempt: r('evaluation.not_evaluated.exempt', 'Đảng viên được miễn công tác và sinh hoạt đảng không đánh giá, xếp loại', 'Exempt members are not evaluated', 'Hướng dẫn 16-HD/BTCTW; Hướng dẫn 21-HD/BTCTW; Quy định 366-QĐ/TW, Điều 5.2.1; Quy định 294-QĐ/TW, §7.2.3', null),
  notEvaluatedSuspended: r('evaluation.not_evaluated.suspended', 'Đảng viên bị đình chỉ sinh hoạt đảng không đánh giá, xếp loại (từ năm 2019)', 'Members suspended from activities are not evaluated (from 2019)', 'Hướng dẫn 21-HD/BTCTW (18/10/2019); Quy định 366-QĐ/TW, Điều 5.2.1', '2019-10-18'),
  notEvaluatedNew: r('evaluation.not_evaluated.new_member', 'Đảng viên mới kết nạp chưa đủ 6 tháng không đánh giá, xếp loại', 'Members admitted under 6 months ago are not evaluated', 'Quy định 124-QĐ/TW; Quy định 366-QĐ/TW, Điều 5.2.1', '2023-10-04'),
  cap: r('evaluation.cap', 'Số được xếp loại "Hoàn thành xuất sắc nhiệm vụ" không vượt quá 20% số được xếp loại "Hoàn thành tốt nhiệm vụ" trong nhóm', 'HTXSNV at most 20 % of those rated HTTNV in the group', 'Hướng dẫn 21-HD/BTCTW, §2.3; Quy định 124-QĐ/TW, Điều 12; Quy định 366-QĐ/TW, Điều 11.1.5', '2018-03-08'),
  disciplineMember: r('evaluation.discipline.member', 'Đảng viên bị thi hành kỷ luật trong năm xếp loại "Không hoàn thành nhiệm vụ"', 'A member disciplined in the year is rated KHTNV', 'Hướng dẫn 16-HD/BTCTW; Hướng dẫn 21-HD/BTCTW; Quy định 124-QĐ/TW, Điều 12; Quy định 366-QĐ/TW, Điều 11.4.2–11.4.3', '2018-03-08'),
  discipline2014: r('evaluation.discipline.member_2014', 'Kỷ luật trong năm khi xếp loại theo Hướng dẫn 27-HD/BTCTW (2014): chưa xác nhận, theo thiết lập', 'Discipline under the 2014 set: unconfirmed, by setting', 'Hướng dẫn 27-HD/BTCTW (25/9/2014)', '2014-09-25', '2018-03-07', false),
  disciplineCollective: r('evaluation.discipline.collective', 'Tập thể có thành viên lãnh đạo hoặc đơn vị trực thuộc bị kỷ luật trong năm bị giới hạn mức xếp loại', 'A collective whose leadership or subordinate units were disciplined is limited', 'Hướng dẫn 21-HD/BTCTW, §II.B; Quy định 124-QĐ/TW, Điều 12; Quy định 366-QĐ/TW, Điều 11.1.1', '2019-10-18'),
  score366: r('evaluation.score_366', 'Mức xếp loại theo tổng điểm (thang 100) và điều kiện của từng mức', 'The level follows the 100-point score and the conditions of each level', 'Quy định 366-QĐ/TW, Điều 11', '2025-08-30'),
  score366Gap: r('evaluation.score_366.gap', 'Điểm và điều kiện không khớp mức nào: cấp ủy có thẩm quyền xem xét', 'Score and conditions fit no level: for the deciding committee', 'Quy định 366-QĐ/TW, Điều 11', '2025-08-30', null, false),
  scoreRequired: r('evaluation.score_required', 'Bộ quy định dùng thang 100 điểm: phải có điểm', 'The rule set uses a 100-point score: a score is required', 'Hướng dẫn 27-HD/BTCTW (25/9/2014) (tổ chức đảng); Quy định 366-QĐ/TW, Điều 11', null),
  weak2014: r('evaluation.org_2014.weak', 'Tổ chức đảng "Yếu kém": dưới 50 điểm, hoặc có một trong các khuyết điểm đã nêu', 'A party organization is Weak below 50 points or with one of the listed faults', 'Hướng dẫn 27-HD/BTCTW (25/9/2014)', '2014-09-25', '2018-03-07', false),
  weak2014Cell: r('evaluation.org_2014.cell_members', 'Chi bộ có trên 1/2 số đảng viên xếp loại vi phạm tư cách hoặc không hoàn thành nhiệm vụ là "Yếu kém"', 'A cell with more than half of its members failing is Weak', 'Hướng dẫn 27-HD/BTCTW (25/9/2014)', '2014-09-25', '2018-03-07', false),
  weak2014Committee: r('evaluation.org_2014.sub_units', 'Đảng bộ có trên 1/3 số tổ chức trực thuộc "Yếu kém" là "Yếu kém"', 'A committee with more than a third of its sub-units Weak is Weak', 'Hướng dẫn 27-HD/BTCTW (25/9/2014)', '2014-09-25', '2018-03-07', false),
  collectiveFailed124: r('evaluation.collective.failed', 'Tập thể bị kết luận mất đoàn kết nội bộ xếp loại "Không hoàn thành nhiệm vụ"', 'A collective concluded to be disunited is rated KHTNV', 'Quy định 124-QĐ/TW, Điều 12; Quy định 366-QĐ/TW, Điều 11.4', '2023-10-04'),
  notRated: r('evaluation.rating.not_rated', 'Mỗi đảng viên, tổ chức thuộc diện đánh giá phải có mức xếp loại', 'Everyone to be evaluated needs a level', 'Quy định 132-QĐ/TW; Quy định 124-QĐ/TW; Quy định 366-QĐ/TW', null),
} as const satisfies Record<string, RuleRecord>;

export const EVALUATION_RULE_LIST: readonly RuleRecord[] = Object.values(EVALUATION_RULES);
