import type { AttritionReport } from './attrition.ts';
import { toXlsx, type Sheet } from './xlsx.ts';
import { ATTRITION_OUTCOME_LABELS, ATTRITION_REASON_LABELS } from './labels.ts';
import { formatVietnameseDate } from '../domain/dates.ts';


export function attritionSheets(r: AttritionReport): Sheet[] {
  return [
    {
      name: 'Tổng hợp',
      columns: [{ header: 'Chỉ tiêu', key: 'label', width: 40 }, { header: 'Số lượng', key: 'n', width: 12 }],
      rows: [
        { label: `${r.unit.name} (${r.unit.code}), từ ${formatVietnameseDate(r.since)} đến ${formatVietnameseDate(r.until)}`, n: null },
        { label: 'Tổng số trường hợp', n: r.total },
        ...Object.entries(r.byReason).map(([k, n]) => ({ label: `Lý do: ${ATTRITION_REASON_LABELS[k] ?? k}`, n })),
        ...Object.entries(r.byOutcome).map(([k, n]) => ({ label: `Kết quả: ${ATTRITION_OUTCOME_LABELS[k] ?? k}`, n })),
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
        name: p.fullName, unit: p.unitName, reason: ATTRITION_REASON_LABELS[p.reason] ?? p.reason, outcome: ATTRITION_OUTCOME_LABELS[p.outcome] ?? p.outcome,
        date: p.settledOn ? formatVietnameseDate(p.settledOn) : '', decision: p.decisionNumber ?? '',
        counselling: p.counselling.map((c) => `${formatVietnameseDate(c.metOn)} ${c.metBy}: ${c.outcome}`).join('; '),
      })),
    },
  ];
}

export const attritionXlsx = (r: AttritionReport): Promise<Buffer> => toXlsx(attritionSheets(r));
