// Spreadsheets of the resignations register and the recruitment report, with the forms' Vietnamese labels.
import type { ResignationReport } from './resignations.ts';
import { toXlsx } from './xlsx.ts';
import { formatVietnameseDate } from '../domain/dates.ts';
import { LEVEL_LABELS, OUTCOME_LABELS, REASON_LABELS } from '../domain/recruitment/resignations.ts';

const label = (labels: Record<string, string>, k: string) => labels[k] ?? (k === 'pending' ? 'Đang giải quyết' : k);

export function resignationsXlsx(r: ResignationReport): Promise<Buffer> {
  return toXlsx([
    {
      name: 'Tổng hợp',
      columns: [{ header: 'Chỉ tiêu', key: 'label', width: 48 }, { header: 'Số lượng', key: 'n', width: 12 }],
      rows: [
        { label: `${r.unit.name} (${r.unit.code}), từ ${formatVietnameseDate(r.since)} đến ${formatVietnameseDate(r.until)}`, n: null },
        { label: 'Cán bộ, công chức, viên chức xin nghỉ việc', n: r.total },
        { label: 'Trong đó: đảng viên', n: r.members },
        { label: 'Đã được gặp gỡ, động viên', n: r.counselled },
        ...Object.entries(r.byReason).map(([k, n]) => ({ label: `Lý do: ${label(REASON_LABELS, k)}`, n })),
        ...Object.entries(r.byOutcome).map(([k, n]) => ({ label: `Kết quả: ${label(OUTCOME_LABELS, k)}`, n })),
        ...Object.entries(r.byLevel).map(([k, n]) => ({ label: `${label(LEVEL_LABELS, k)}`, n })),
      ],
    },
    {
      name: 'Danh sách',
      columns: [
        { header: 'Họ và tên', key: 'name', width: 26 }, { header: 'Cơ quan, đơn vị', key: 'agency', width: 34 }, { header: 'Chức vụ', key: 'position', width: 22 },
        { header: 'Cấp', key: 'level', width: 10 }, { header: 'Ngày làm đơn', key: 'requested', width: 13 }, { header: 'Lý do', key: 'reason', width: 18 },
        { header: 'Kết quả', key: 'outcome', width: 20 }, { header: 'Ngày có kết quả', key: 'outcomeOn', width: 14 },
        { header: 'Gặp gỡ, động viên', key: 'counselling', width: 60 },
      ],
      rows: r.people.map((p) => ({
        name: p.fullName, agency: p.agency, position: p.position, level: label(LEVEL_LABELS, p.level), requested: formatVietnameseDate(p.requestedOn),
        reason: label(REASON_LABELS, p.reason), outcome: label(OUTCOME_LABELS, p.outcome), outcomeOn: p.outcomeOn ? formatVietnameseDate(p.outcomeOn) : '',
        counselling: p.counselling.map((c) => `${formatVietnameseDate(c.metOn)} ${c.metBy}: ${c.outcomeNote}`).join('; '),
      })),
    },
  ]);
}
