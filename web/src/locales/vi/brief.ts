// The delegation's brief (issue 10 §6).
export const briefVi = {
  'nav.brief': 'Báo cáo đoàn công tác',
  'brief.title': 'Báo cáo phục vụ đoàn công tác',
  'brief.subtitle': 'Số liệu của một đơn vị tại một ngày cho từng câu hỏi của đoàn: học tập nghị quyết, tổ chức đảng cần củng cố, cán bộ xin nghỉ việc, đảng viên bỏ sinh hoạt, xếp loại, phát triển đảng viên, ý kiến chỉ đạo',
  'brief.unit': 'Đơn vị',
  'brief.asOf': 'Số liệu đến ngày',
  'brief.since': 'Từ ngày (nghỉ việc, bỏ sinh hoạt)',
  'brief.document': 'Nghị quyết được học tập, quán triệt',
  'brief.documentAuto': 'Tự chọn: nghị quyết còn hiệu lực được học tập nhiều nhất',
  'brief.year': 'Năm xếp loại',
  'brief.pdf': 'Tải PDF',
  'brief.xlsx': 'Tải Excel',
  'brief.stat.weak': 'Tổ chức đảng cần củng cố năm {year}',
  'brief.stat.resignations': 'Cán bộ, công chức xin nghỉ việc',
  'brief.stat.settled': 'Đảng viên bỏ sinh hoạt, xin ra khỏi Đảng đã giải quyết',
  'brief.stat.admitted': 'Đảng viên kết nạp năm {year}',
  'brief.stat.directives': 'Ý kiến chỉ đạo của các đoàn',
};
