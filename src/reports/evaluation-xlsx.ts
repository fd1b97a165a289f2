// Spreadsheets of the evaluation results and of the weak units, with the level names of the year's rule set.
import type { EvaluationResults, Distribution } from './evaluation.ts';
import type { WeakUnitsReport } from '../commands/weak-units.ts';
import { LEVELS } from '../domain/evaluation/index.ts';
import { PLAN_RESULT_LABELS, WEAK_CATEGORY_LABELS, WEAK_KIND_LABELS } from '../domain/evaluation/index.ts';
import { formatVietnameseDate } from '../domain/dates.ts';
import { toXlsx, type Sheet } from './xlsx.ts';

export function evaluationSheets(r: EvaluationResults): Sheet[] {
  const levelColumns = (subject: 'member' | 'organization') => LEVELS.map((l) => ({ header: r.labels[subject][l], key: `${subject}_${l}`, width: 16 }));
  const dist = (subject: 'member' | 'organization', d: Distribution) => Object.fromEntries([...LEVELS.map((l) => [`${subject}_${l}`, d[l]]), [`${subject}_total`, d.total]]);
  const columns = [
    { header: 'Đơn vị', key: 'name', width: 36 },
    { header: 'Đảng viên được xếp loại', key: 'member_total', width: 14 }, ...levelColumns('member'),
    { header: 'Tổ chức đảng được xếp loại', key: 'organization_total', width: 14 }, ...levelColumns('organization'),
  ];
  return [
    {
      name: `Năm ${r.year}`, columns,
      rows: [
        { name: `${r.unit.name} (${r.unit.code}) — ${r.ruleSet.name}`, ...dist('member', r.members), ...dist('organization', r.organizations) },
        ...r.byUnit.map((u) => ({ name: `${u.name} (${u.code})`, ...dist('member', u.members), ...dist('organization', u.organizations) })),
      ],
    },
    {
      name: 'Qua các năm', columns: [{ header: 'Năm', key: 'name', width: 10 }, ...columns.slice(1)],
      rows: r.years.map((y) => ({ name: y.year, ...dist('member', y.members), ...dist('organization', y.organizations) })),
    },
    {
      name: 'Không hoàn thành nhiệm vụ',
      columns: [{ header: 'Đảng viên / tổ chức', key: 'name', width: 30 }, { header: 'Đơn vị', key: 'unit', width: 36 }, { header: 'Nhận xét', key: 'comment', width: 50 }],
      rows: [
        ...r.failing.members.map((m) => ({ name: m.fullName, unit: `${m.unitName} (${m.unitCode})`, comment: [m.comment, m.previousYearFailed ? 'Hai năm liền không hoàn thành nhiệm vụ: xem xét xóa tên' : null].filter(Boolean).join('; ') })),
        ...r.failing.organizations.map((o) => ({ name: o.name, unit: o.code, comment: o.comment ?? '' })),
      ],
    },
  ];
}

export const evaluationXlsx = (r: EvaluationResults): Promise<Buffer> => toXlsx(evaluationSheets(r));

export function weakUnitsSheets(r: WeakUnitsReport): Sheet[] {
  return [
    {
      name: 'Tổng hợp',
      columns: [{ header: 'Chỉ tiêu', key: 'label', width: 48 }, { header: 'Số lượng', key: 'n', width: 12 }],
      rows: [
        { label: `${r.unit.name} (${r.unit.code}), năm ${r.year}`, n: null },
        { label: 'Tổng số tổ chức đảng yếu kém', n: r.total },
        ...Object.entries(r.byKind).map(([k, n]) => ({ label: WEAK_KIND_LABELS[k as keyof typeof WEAK_KIND_LABELS].vi, n })),
        ...Object.entries(r.byCategory).map(([k, n]) => ({ label: `Loại: ${WEAK_CATEGORY_LABELS[k as keyof typeof WEAK_CATEGORY_LABELS].vi}`, n })),
      ],
    },
    {
      name: 'Kế hoạch củng cố',
      columns: [
        { header: 'Tổ chức đảng', key: 'name', width: 34 }, { header: 'Trực thuộc', key: 'parent', width: 30 }, { header: 'Loại', key: 'kind', width: 28 },
        { header: 'Tình trạng', key: 'categories', width: 30 }, { header: 'Nguyên nhân', key: 'causes', width: 40 }, { header: 'Biện pháp', key: 'measures', width: 40 },
        { header: 'Người phụ trách', key: 'responsible', width: 24 }, { header: 'Thời hạn', key: 'deadline', width: 12 }, { header: 'Tiến độ', key: 'progress', width: 30 },
        { header: 'Kết quả', key: 'result', width: 18 },
      ],
      rows: r.units.map((u) => ({
        name: `${u.name} (${u.code})`, parent: u.parentName ?? '', kind: WEAK_KIND_LABELS[u.weakKind].vi,
        categories: u.categories.map((c) => WEAK_CATEGORY_LABELS[c].vi).join(', '), causes: u.causes ?? '', measures: u.measures ?? '',
        responsible: u.responsible ?? '', deadline: u.deadline ? formatVietnameseDate(u.deadline) : '', progress: u.progress ?? '', result: PLAN_RESULT_LABELS[u.result].vi,
      })),
    },
  ];
}

export const weakUnitsXlsx = (r: WeakUnitsReport): Promise<Buffer> => toXlsx(weakUnitsSheets(r));
