import type { DirectivesReport } from './directives.ts';
import { toXlsx, type Sheet } from './xlsx.ts';
import { formatVietnameseDate } from '../domain/dates.ts';
import { DIRECTIVE_STATUS_LABELS_VI, type DirectiveStatus } from '../domain/visits/index.ts';

export function directivesSheets(r: DirectivesReport): Sheet[] {
  const window = r.since || r.until ? `, đợt công tác ${r.since ? `từ ${formatVietnameseDate(r.since)} ` : ''}${r.until ? `đến ${formatVietnameseDate(r.until)}` : ''}` : '';
  return [
    {
      name: 'Tổng hợp',
      columns: [{ header: 'Chỉ tiêu', key: 'label', width: 50 }, { header: 'Số lượng', key: 'n', width: 12 }],
      rows: [
        { label: `${r.unit.name} (${r.unit.code})${window}; quá hạn tính đến ${formatVietnameseDate(r.asOf)}`, n: null },
        { label: 'Tổng số ý kiến chỉ đạo', n: r.total },
        ...Object.entries(r.byStatus).map(([k, n]) => ({ label: DIRECTIVE_STATUS_LABELS_VI[k as DirectiveStatus] ?? k, n })),
        { label: 'Quá hạn', n: r.overdue },
      ],
    },
    {
      name: 'Ý kiến chỉ đạo',
      columns: [
        { header: 'Đợt công tác', key: 'visit', width: 40 }, { header: 'Ngày', key: 'date', width: 12 }, { header: 'Thông báo', key: 'notice', width: 14 },
        { header: 'STT', key: 'ordinal', width: 6 }, { header: 'Nội dung', key: 'text', width: 70 }, { header: 'Đơn vị thực hiện', key: 'unit', width: 30 },
        { header: 'Người phụ trách', key: 'owner', width: 22 }, { header: 'Thời hạn', key: 'deadline', width: 12 }, { header: 'Trạng thái', key: 'status', width: 16 },
        { header: 'Quá hạn', key: 'overdue', width: 9 }, { header: 'Ngày hoàn thành', key: 'doneOn', width: 14 },
      ],
      rows: r.items.map((i) => ({
        visit: i.visit.title, date: formatVietnameseDate(i.visit.startsOn), notice: i.visit.noticeNumber ?? '', ordinal: i.ordinal, text: i.text,
        unit: i.responsibleUnit.name, owner: i.owner ?? '', deadline: i.deadline ? formatVietnameseDate(i.deadline) : 'Thường xuyên',
        status: DIRECTIVE_STATUS_LABELS_VI[i.status], overdue: i.overdue ? 'x' : '', doneOn: i.doneOn ? formatVietnameseDate(i.doneOn) : '',
      })),
    },
  ];
}

export const directivesXlsx = (r: DirectivesReport): Promise<Buffer> => toXlsx(directivesSheets(r));
