import type { AttritionReport } from './attrition.ts';
import { toXlsx } from './xlsx.ts';
import { formatVietnameseDate } from '../domain/dates.ts';

const REASONS: Record<string, string> = { abandoned_activities: 'Bỏ sinh hoạt đảng', unpaid_dues: 'Không đóng đảng phí', asked_to_leave: 'Xin ra khỏi Đảng' };
const OUTCOMES: Record<string, string> = { removed: 'Xóa tên', left: 'Cho ra khỏi Đảng', returned: 'Trở lại sinh hoạt', pending: 'Đang giải quyết' };

export function attritionXlsx(r: AttritionReport): Promise<Buffer> {
  return toXlsx([
    {
      name: 'Tổng hợp',
      columns: [{ header: 'Chỉ tiêu', key: 'label', width: 40 }, { header: 'Số lượng', key: 'n', width: 12 }],
      rows: [
        { label: `${r.unit.name} (${r.unit.code}), từ ${formatVietnameseDate(r.since)} đến ${formatVietnameseDate(r.until)}`, n: null },
        { label: 'Tổng số trường hợp', n: r.total },
        ...Object.entries(r.byReason).map(([k, n]) => ({ label: `Lý do: ${REASONS[k] ?? k}`, n })),
        ...Object.entries(r.byOutcome).map(([k, n]) => ({ label: `Kết quả: ${OUTCOMES[k] ?? k}`, n })),
      ],
    },
    {
      name: 'Danh sách',
      columns: [
        { header: 'Họ và tên', key: 'name', width: 26 }, { header: 'Chi bộ', key: 'unit', width: 30 }, { header: 'Lý do', key: 'reason', width: 20 },
        { header: 'Kết quả', key: 'outcome', width: 18 }, { header: 'Ngày', key: 'date', width: 12 }, { header: 'Số quyết định', key: 'decision', width: 16 },
        { header: 'Gặp gỡ, động viên', key: 'counselling', width: 60 },
      ],
      rows: r.people.map((p) => ({
        name: p.fullName, unit: p.unitName, reason: REASONS[p.reason] ?? p.reason, outcome: OUTCOMES[p.outcome] ?? p.outcome,
        date: p.settledOn ? formatVietnameseDate(p.settledOn) : '', decision: p.decisionNumber ?? '',
        counselling: p.counselling.map((c) => `${formatVietnameseDate(c.metOn)} ${c.metBy}: ${c.outcome}`).join('; '),
      })),
    },
  ]);
}
