// The unit's lineage on its history tab (issue 8).
export const lineageVi = {
  'lineage.title': 'Đơn vị tiền thân và kế tiếp',
  'lineage.predecessors': 'Hình thành từ',
  'lineage.successors': 'Chuyển thành, sáp nhập vào',
  'lineage.none': 'Không có đơn vị tiền thân hay kế tiếp',
  'lineage.established': 'Thành lập ngày {date}',
  'lineage.dissolved': 'Kết thúc ngày {date}',
  'lineage.date': 'Ngày hiệu lực',
  'lineage.unit': 'Đơn vị',
  'lineage.operation': 'Thao tác',
  'lineage.decision': 'Nghị quyết, quyết định',
  'lineage.note': 'Ghi chú',
} as const;
