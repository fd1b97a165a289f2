// The consolidation overview as a spreadsheet: the counts by sub-unit and by year, and every plan.
import { formatVietnameseDate } from '../domain/dates.ts';
import { PLAN_RESULT_LABELS, WEAK_CATEGORY_LABELS, type PlanResult, type WeakCategory } from '../domain/evaluation/index.ts';
import type { ConsolidationOverview } from './consolidation.ts';
import { toXlsx } from './xlsx.ts';

const COUNT_COLUMNS = [
  { header: 'Tổ chức đảng yếu kém', key: 'flagged', width: 14 }, { header: 'Có kế hoạch (nhiệm vụ)', key: 'plans', width: 14 },
  { header: 'Nhiệm vụ', key: 'tasks', width: 10 }, { header: 'Đã hoàn thành', key: 'tasksDone', width: 12 }, { header: 'Quá hạn', key: 'tasksOverdue', width: 10 },
  { header: 'Đã củng cố xong', key: 'consolidated', width: 14 }, { header: 'Chuyển sang năm sau', key: 'carriedOver', width: 14 }, { header: 'Đang củng cố', key: 'inProgress', width: 12 },
];

export function consolidationXlsx(r: ConsolidationOverview): Promise<Buffer> {
  return toXlsx([
    {
      name: 'Theo đơn vị',
      columns: [{ header: 'Đơn vị', key: 'name', width: 40 }, ...COUNT_COLUMNS],
      rows: [...r.byUnit.map((u) => ({ ...u, name: `${u.name} (${u.code})` })), { ...r.total, name: `Toàn ${r.unit.name}, năm ${r.year} (quá hạn tính đến ${formatVietnameseDate(r.asOf)})` }],
    },
    { name: 'Qua các năm', columns: [{ header: 'Năm', key: 'year', width: 8 }, ...COUNT_COLUMNS], rows: r.years },
    {
      name: 'Kế hoạch củng cố',
      columns: [
        { header: 'Tổ chức đảng', key: 'name', width: 36 }, { header: 'Tình trạng', key: 'categories', width: 30 }, { header: 'Người phụ trách', key: 'responsible', width: 30 },
        { header: 'Nhiệm vụ', key: 'tasks', width: 10 }, { header: 'Đã hoàn thành', key: 'tasksDone', width: 12 }, { header: 'Quá hạn', key: 'tasksOverdue', width: 10 },
        { header: 'Hạn gần nhất', key: 'next', width: 12 }, { header: 'Kết quả', key: 'result', width: 20 },
      ],
      rows: r.plans.map((p) => ({
        ...p, name: `${p.name} (${p.code})`, categories: p.categories.map((c) => WEAK_CATEGORY_LABELS[c as WeakCategory]?.vi ?? c).join(', '),
        responsible: p.responsible ?? '', next: p.nextDeadline ? formatVietnameseDate(p.nextDeadline) : '', result: PLAN_RESULT_LABELS[p.result as PlanResult]?.vi ?? p.result,
      })),
    },
  ]);
}
