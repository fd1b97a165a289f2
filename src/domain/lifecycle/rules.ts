// The catalogue of rules this module checks: one record per rule, with the texts it comes from (as rules.md
// cites them) and the dates it is in force. Where the value or the article differs between rule sets, the
// message of a check cites the set in force on the action's date (rule-sets.ts); `source` here lists them all.

export interface RuleRecord {
  id: string;
  /** What the rule says, in Vietnamese and English. */
  title: string;
  titleEn: string;
  /** Texts the rule comes from. */
  source: string;
  /** ISO dates, inclusive; null = open. */
  inForceFrom: string | null;
  inForceTo: string | null;
  /** False where rules.md marks the rule or its reading **unconfirmed** (then a setting decides). */
  confirmed: boolean;
}

const r = (
  id: string,
  title: string,
  titleEn: string,
  source: string,
  inForceFrom: string | null,
  inForceTo: string | null = null,
  confirmed = true,
): RuleRecord => ({ id, title, titleEn, source, inForceFrom, inForceTo, confirmed });

const CHARTER = 'Điều lệ Đảng 2011';

export const RULES = {
  ruleSetBefore2016: r('rule_set.before_2016', 'Trước 25/7/2016 dùng giá trị của Quy định 29-QĐ/TW', 'Before 25/7/2016, QĐ 29 values stand in', 'Quy định 45-QĐ/TW (2011)', null, '2016-07-24', false),
  transition: r('transition.allowed', 'Sự kiện phải phù hợp với trạng thái của đảng viên', 'An event must fit the member\'s status', 'Tài liệu nghiệp vụ dangvu, §2', null),

  admissionMinAge: r('admission.min_age', 'Đủ 18 tuổi (tính theo tháng) tại thời điểm chi bộ xét kết nạp', '18 full years, counted in months, when the cell considers', `${CHARTER}, Điều 1, khoản 2; Quy định 29-QĐ/TW, §1.1.a; Quy định 294-QĐ/TW, §1.1.1`, null),
  admissionMaxAge: r('admission.max_age', 'Đến đủ 60 tuổi; trên 60 tuổi do cấp ủy trực thuộc Trung ương quyết định', 'Up to 60 full years; over 60 decided by the province-level committee', 'Quy định 29-QĐ/TW, §1.1.b; Quy định 294-QĐ/TW, §1.1.2', '2016-07-25'),
  admissionOver60Consent: r('admission.over_60_consent', 'Trên 60 tuổi: ban thường vụ tỉnh ủy đồng ý bằng văn bản trước khi ra quyết định kết nạp', 'Over 60: written consent of the province standing committee before the decision', 'Hướng dẫn 01-HD/TW (20/9/2016), §1.1; Hướng dẫn 01-HD/TW (28/9/2021), §1.1; Hướng dẫn 06-HD/TW, §1.1', '2016-09-20'),
  admissionSponsors: r('admission.sponsors', 'Hai đảng viên chính thức giới thiệu, hoặc BCH Đoàn cơ sở / BCH công đoàn cơ sở và một đảng viên chính thức', 'Two official members, or the Youth Union or trade-union committee plus one official member', `${CHARTER}, Điều 4, khoản 1`, null),
  admissionSponsorConditions: r('admission.sponsor_conditions', 'Người giới thiệu là đảng viên chính thức, cùng công tác ít nhất 12 tháng (trừ người được chi bộ phân công thay)', 'A sponsor is an official member who worked with the applicant ≥ 12 months (not required of a replacement)', `${CHARTER}, Điều 4, khoản 2; Quy định 29-QĐ/TW, §3.2; Quy định 294-QĐ/TW, §3.2.1–3.2.2`, null),
  admissionCellVote: r('admission.cell_vote', 'Ít nhất hai phần ba số đảng viên chính thức của chi bộ đồng ý', 'At least 2/3 of the cell\'s official members in favour', `${CHARTER}, Điều 4, khoản 3`, null),
  admissionCertificate: r('admission.certificate_validity', 'Quá 60 tháng từ ngày cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng thì phải học lại', 'Over 60 months after the awareness-course certificate: repeat the course', 'Hướng dẫn 06-HD/TW, §5.4.b', '2025-06-09'),
  admissionDecisionDeadline: r('admission.decision_deadline', 'Thời hạn cấp ủy ra quyết định kết nạp, kể từ ngày chi bộ có nghị quyết', 'Time limit for the admission decision from the cell\'s resolution', 'Quy định 29-QĐ/TW, §4.3.1; Quy định 232-QĐ/TW, §4.3.1; Quy định 294-QĐ/TW, §4.3.1', '2016-07-25'),
  admissionCeremonyDeadline: r('admission.ceremony_deadline', 'Tổ chức lễ kết nạp trong 30 ngày làm việc kể từ ngày nhận quyết định', 'Ceremony within 30 working days of receiving the decision', 'Quy định 29-QĐ/TW, §4.1; Quy định 24-QĐ/TW, §4.1; Quy định 232-QĐ/TW, §4.1; Quy định 294-QĐ/TW, §4.1', '2016-07-25'),
  admissionOrder: r('admission.order', 'Chi bộ xét, cấp ủy quyết định, rồi mới tổ chức lễ kết nạp', 'Cell vote, then the decision, then the ceremony', `${CHARTER}, Điều 4, khoản 3; Quy định 294-QĐ/TW, §4.1`, null),

  readmissionWait: r('readmission.wait', 'Kết nạp lại sau ít nhất 36 tháng kể từ khi ra khỏi Đảng', 'Readmission at least 36 months after leaving', 'Quy định 294-QĐ/TW, §3.5; Quy định 232-QĐ/TW, §3.5', '2025-01-20'),
  readmissionOnce: r('readmission.once', 'Chỉ kết nạp lại một lần', 'Readmission once only', 'Quy định 294-QĐ/TW, §3.5.3', '2025-01-20'),
  readmissionBarred: r('readmission.barred', 'Không kết nạp lại người đã tự bỏ sinh hoạt đảng hoặc làm đơn xin ra khỏi Đảng', 'No readmission after abandoning activity or leaving by application', 'Quy định 294-QĐ/TW, §3.5.2', '2025-01-20'),

  probationLength: r('recognition.earliest', 'Thời kỳ dự bị 12 tháng tính từ ngày chi bộ tổ chức lễ kết nạp', 'Probation is 12 months from the cell\'s ceremony', `${CHARTER}, Điều 5`, null),
  recognitionWindow: r('recognition.consideration_window', 'Trong 30 ngày làm việc kể từ khi hết 12 tháng dự bị, chi bộ phải xét công nhận chính thức', 'Within 30 working days after the 12 months the cell must consider recognition', 'Quy định 29-QĐ/TW, §4.2.a; Quy định 24-QĐ/TW, §4.2; Quy định 294-QĐ/TW, §4.2.1', '2016-07-25'),
  recognitionOfficialDate: r('recognition.official_date', 'Được công nhận chính thức đúng thời điểm hết 12 tháng dự bị, kể cả khi xét muộn', 'Official from the end of the 12 months, even when considered late', 'Quy định 29-QĐ/TW, §4.2.b; Quy định 294-QĐ/TW, §4.2.2', '2016-07-25'),
  recognitionDecisionDeadline: r('recognition.decision_deadline', 'Thời hạn cấp ủy quyết định công nhận chính thức, kể từ nghị quyết của chi bộ', 'Time limit for the recognition decision from the cell\'s resolution', 'Quy định 29-QĐ/TW, §4.3.1; Quy định 294-QĐ/TW, §4.3.1', '2016-07-25'),
  recognitionCellVote: r('recognition.cell_vote', 'Biểu quyết như khi xét kết nạp: ít nhất hai phần ba số đảng viên chính thức', 'Voted as for admission: at least 2/3 of official members', `${CHARTER}, Điều 5, khoản 2`, null),
  recognitionOrder: r('recognition.order', 'Cấp ủy quyết định sau nghị quyết của chi bộ', 'The committee decides after the cell\'s resolution', `${CHARTER}, Điều 5, khoản 2`, null),
  partyAge: r('party_age', 'Tuổi đảng tính từ ngày ký quyết định kết nạp, trừ thời gian không sinh hoạt đảng; chỉ khi đã được công nhận chính thức', 'Party age from the admission decision, less time out, only once recognized official', `${CHARTER}, Điều 5, khoản 4; Quy định 294-QĐ/TW, §4.5`, null),

  transferLetterDeadline: r('transfer.letter_deadline', 'Trong 30 ngày làm việc kể từ ngày giới thiệu, đảng viên phải xuất trình giấy giới thiệu sinh hoạt đảng', 'Present the introduction letter within 30 working days of its issue', 'Quy định 29-QĐ/TW, §6.3.1.c; Quy định 24-QĐ/TW, §6.3.1.c; Quy định 294-QĐ/TW, §6.3.1.c', '2016-07-25'),
  transferOfficialStart: r('transfer.official_start', 'Trong 60 ngày làm việc kể từ quyết định có hiệu lực hoặc thay đổi nơi cư trú phải làm thủ tục chuyển sinh hoạt chính thức', 'Start the official transfer within 60 working days of the move', 'Quy định 29-QĐ/TW, §6.3.1.a; Quy định 24-QĐ/TW, §6.3.1.a; Quy định 294-QĐ/TW, §6.3.1.a', '2016-07-25'),
  transferTemporaryDuration: r('transfer.temporary_duration', 'Sinh hoạt tạm thời từ 3 tháng đến dưới 1 năm; đi học tập trung trong nước từ 3 tháng đến 2 năm', 'Temporary transfer: 3 months to under a year; full-time study 3 months to 2 years', 'Quy định 29-QĐ/TW, §6.3.2.a; Quy định 294-QĐ/TW, §6.3.2.a', '2016-07-25'),

  removalAbsence: r('removal.absence', 'Bỏ sinh hoạt chi bộ hoặc không đóng đảng phí ba tháng trong năm mà không có lý do chính đáng', 'Skipping cell meetings or dues three months in a year without good reason', `${CHARTER}, Điều 8, khoản 1; Quy định 29-QĐ/TW, §8.1; Quy định 294-QĐ/TW, §8.1`, null),
  removalNoImprovement: r('removal.no_improvement', 'Được chi bộ giáo dục nhưng sau 12 tháng không tiến bộ', 'No progress 12 months after the cell\'s education', 'Quy định 29-QĐ/TW, §8.1; Quy định 294-QĐ/TW, §8.1', '2016-07-25'),
  removalTwoYears: r('removal.two_years_violation', 'Hai năm liền vi phạm tư cách đảng viên', 'Violating the member\'s standards two years in a row', 'Quy định 29-QĐ/TW, §8.1; Quy định 294-QĐ/TW, §8.1', '2016-07-25'),
  removalTransferFile: r('removal.transfer_file', 'Quá 3 tháng không nộp hồ sơ chuyển sinh hoạt đảng mà không có lý do chính đáng: xóa tên, lý do “tự ý bỏ sinh hoạt đảng”', 'Over 3 months without submitting the transfer file: removal as abandoning activity', 'Hướng dẫn 12-HD/BTCTW (17/5/2012), §II.4.c; Hướng dẫn 38-HD/BTCTW, §II.4.3.1.d', '2012-05-17'),
  removalNotRecognized: r('removal.not_recognized', 'Đảng viên dự bị không đủ tư cách thì bị xóa tên trong danh sách đảng viên dự bị', 'A probationary member not qualified is removed from the probationary list', `${CHARTER}, Điều 5, khoản 2`, null),
  removalReasonFits: r('removal.reason_fits_status', 'Lý do xóa tên phải phù hợp với tình trạng của đảng viên', 'The removal reason must fit the member\'s situation', 'Quy định 294-QĐ/TW, §8.1; Hướng dẫn 38-HD/BTCTW, §II.4.3.1.d', null),
  leaveNoViolation: r('leave.no_violation', 'Chỉ xem xét cho ra khỏi Đảng đối với đảng viên chưa vi phạm về tư cách', 'Leaving on request only for members without violations', `${CHARTER}, Điều 8, khoản 3; Hướng dẫn 06-HD/TW, §11.2.a`, null),

  disciplineProbationary: r('discipline.probationary_forms', 'Đối với đảng viên dự bị: khiển trách, cảnh cáo', 'Probationary members: reprimand or warning only', `${CHARTER}, Điều 35, khoản 2`, null),
  exemptionOfficialOnly: r('exemption.official_only', 'Miễn công tác và sinh hoạt đảng áp dụng cho đảng viên chính thức (mô hình trạng thái)', 'Exemption is for official members (the status model)', 'Tài liệu nghiệp vụ dangvu, §2 (trạng thái exempt)', null, null, false),
  exemptionOwnRequest: r('exemption.own_request', 'Đảng viên tuổi cao, sức khoẻ yếu tự làm đơn hoặc báo cáo với chi bộ; chi bộ quyết định', 'Elderly or ill members apply themselves; the cell decides', `${CHARTER}, Điều 7; Quy định 294-QĐ/TW, §7.1`, null),
  exemptionOtherGrounds: r('exemption.other_grounds', 'Miễn vì lý do khác (điều trị dài ngày, thai sản, …): chi bộ đề nghị, đảng ủy cơ sở quyết định', 'Other grounds (long treatment, maternity …): the grassroots committee decides', 'Hướng dẫn 38-HD/BTCTW, §IV.1.2', '2025-09-29'),

  // Early warnings (README §2): each rests on the rule it anticipates.
  warnProbationEnding: r('warning.probation_ending', 'Thời kỳ dự bị sắp kết thúc', 'Probation ends soon', `${CHARTER}, Điều 5`, null),
  warnRecognitionDue: r('warning.recognition_due', 'Đã hết 12 tháng dự bị, chi bộ cần xét công nhận chính thức', 'Probation has ended: the cell must consider recognition', 'Quy định 29-QĐ/TW, §4.2.a; Quy định 294-QĐ/TW, §4.2.1', '2016-07-25'),
  warnAbsence: r('warning.absence', 'Bỏ sinh hoạt chi bộ hoặc chậm đóng đảng phí 2 tháng trong năm: thêm 1 tháng là đủ căn cứ xem xét xóa tên', 'Two months absent or behind with dues this year: one more triggers review', `${CHARTER}, Điều 8, khoản 1`, null),
  warnLetter: r('warning.transfer_letter', 'Giấy giới thiệu sinh hoạt đảng sắp hoặc đã quá hạn xuất trình', 'Introduction letter near or past its deadline', 'Quy định 29-QĐ/TW, §6.3.1.c; Quy định 294-QĐ/TW, §6.3.1.c', '2016-07-25'),
} as const satisfies Record<string, RuleRecord>;

export const RULE_LIST: readonly RuleRecord[] = Object.values(RULES);

export function ruleById(id: string): RuleRecord | undefined {
  return RULE_LIST.find((x) => x.id === id);
}
