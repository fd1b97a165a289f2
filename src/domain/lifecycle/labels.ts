// Vietnamese and English names of statuses, events, removal reasons and discipline forms, for messages and UI.
import type { DisciplineForm, EventKind, LifecycleStatus, RemovalReason } from './events.ts';

export interface Label {
  vi: string;
  en: string;
}

export const STATUS_LABELS: Record<LifecycleStatus, Label> = {
  candidate: { vi: 'quần chúng (chưa là đảng viên)', en: 'candidate (not a member)' },
  probationary: { vi: 'đảng viên dự bị', en: 'probationary member' },
  official: { vi: 'đảng viên chính thức', en: 'official member' },
  exempt: { vi: 'đảng viên được miễn công tác và sinh hoạt đảng', en: 'exempt member' },
  transferring: { vi: 'đảng viên đang chuyển sinh hoạt đảng', en: 'member being transferred' },
  removed: { vi: 'đã bị xóa tên', en: 'removed' },
  left: { vi: 'đã ra khỏi Đảng', en: 'left the Party' },
  expelled: { vi: 'đã bị khai trừ', en: 'expelled' },
  deceased: { vi: 'đã từ trần', en: 'deceased' },
};

export const EVENT_LABELS: Record<EventKind, Label> = {
  admission: { vi: 'kết nạp', en: 'admission' },
  recognition: { vi: 'công nhận đảng viên chính thức', en: 'recognition as official' },
  non_recognition: { vi: 'không công nhận đảng viên chính thức', en: 'non-recognition' },
  transfer_out_official: { vi: 'chuyển sinh hoạt đảng chính thức', en: 'official transfer out' },
  transfer_out_temporary: { vi: 'chuyển sinh hoạt đảng tạm thời', en: 'temporary transfer out' },
  transfer_in: { vi: 'tiếp nhận sinh hoạt đảng', en: 'transfer in' },
  exemption_start: { vi: 'miễn công tác và sinh hoạt đảng', en: 'exemption' },
  exemption_end: { vi: 'trở lại công tác và sinh hoạt đảng', en: 'end of exemption' },
  removal: { vi: 'xóa tên', en: 'removal' },
  leave_on_request: { vi: 'cho ra khỏi Đảng', en: 'leaving on request' },
  discipline: { vi: 'kỷ luật', en: 'discipline' },
  expulsion: { vi: 'khai trừ', en: 'expulsion' },
  death: { vi: 'từ trần', en: 'death' },
  void: { vi: 'hủy bỏ sự kiện', en: 'void' },
  reorganized: { vi: 'chuyển theo sắp xếp tổ chức', en: 'moved by a restructuring' },
};

export const REMOVAL_REASON_LABELS: Record<RemovalReason, Label> = {
  abandoned_activities: { vi: 'bỏ sinh hoạt chi bộ ba tháng trong năm không có lý do chính đáng', en: 'skipped cell meetings three months in a year' },
  unpaid_dues: { vi: 'không đóng đảng phí ba tháng trong năm không có lý do chính đáng', en: 'unpaid dues three months in a year' },
  not_recognized_after_probation: { vi: 'không được công nhận đảng viên chính thức', en: 'not recognized after probation' },
  transfer_letter_not_presented: { vi: 'tự ý bỏ sinh hoạt đảng (quá 3 tháng không nộp hồ sơ chuyển sinh hoạt)', en: 'transfer file not submitted for over 3 months' },
  no_improvement_after_education: { vi: 'được chi bộ giáo dục nhưng sau 12 tháng không tiến bộ', en: 'no progress 12 months after education' },
  two_years_violation: { vi: 'hai năm liền vi phạm tư cách đảng viên', en: 'two years in a row violating the standards' },
  card_surrendered: { vi: 'tự ý trả thẻ đảng viên hoặc tự hủy thẻ đảng viên', en: 'card handed in or destroyed' },
  political_standard: { vi: 'không bảo đảm tiêu chuẩn chính trị', en: 'political standard not met' },
};

export const DISCIPLINE_FORM_LABELS: Record<DisciplineForm | 'expulsion', Label> = {
  reprimand: { vi: 'khiển trách', en: 'reprimand' },
  warning: { vi: 'cảnh cáo', en: 'warning' },
  dismissal_from_posts: { vi: 'cách chức', en: 'dismissal from posts' },
  expulsion: { vi: 'khai trừ', en: 'expulsion' },
};
