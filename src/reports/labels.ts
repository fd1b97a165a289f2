// Vietnamese labels the reports' exports and the brief's text share (no I/O, so the web may import them too).
export const ATTRITION_REASON_LABELS: Record<string, string> = { abandoned_activities: 'Bỏ sinh hoạt đảng', unpaid_dues: 'Không đóng đảng phí', asked_to_leave: 'Xin ra khỏi Đảng' };
export const ATTRITION_OUTCOME_LABELS: Record<string, string> = { removed: 'Xóa tên', left: 'Cho ra khỏi Đảng', returned: 'Trở lại sinh hoạt', pending: 'Đang giải quyết' };

/** Who presented the candidate an admission came through; `no_record` when none did. */
export const SOURCE_LABELS: Record<string, string> = {
  youth_union: 'Đoàn TNCS Hồ Chí Minh', trade_union: 'Công đoàn', women_union: 'Hội Liên hiệp Phụ nữ', farmers_union: 'Hội Nông dân',
  veterans_union: 'Hội Cựu chiến binh', other: 'Khác', no_record: 'Không qua hồ sơ quần chúng',
};
