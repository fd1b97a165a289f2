// Biểu 1 (Thống kê tăng, giảm đảng viên) from the movements report, for CSV and spreadsheets: the form's rows
// with "Kỳ này", "Cùng kỳ năm trước" and the percentage, then the people behind the numbers.
import { stringify } from 'csv-stringify/sync';
import type { MovementsReport, MovementTotals } from './movements.ts';
import { DECREASES, INCREASES, MOVEMENT_ROWS } from '../domain/statistics/movements.ts';
import { formatVietnameseDate } from '../domain/dates.ts';
import { toXlsx } from './xlsx.ts';

export interface MovementLine { row: string; current: number; previous: number | null; percent: number | null }

export function movementLines(r: MovementsReport): MovementLine[] {
  const line = (row: string, pick: (t: MovementTotals) => number): MovementLine => {
    const current = pick(r);
    const previous = r.previousYear ? pick(r.previousYear) : null;
    return { row, current, previous, percent: previous ? Math.round((current / previous) * 1000) / 10 : null };
  };
  return [
    line('A. Tổng số đảng viên cuối kỳ trước chuyển sang', (t) => t.opening),
    line('B. Đảng viên tăng trong kỳ', (t) => t.totalIncrease),
    ...INCREASES.map((k) => line(MOVEMENT_ROWS[k].vi, (t) => t.increases[k])),
    line('C. Đảng viên giảm trong kỳ', (t) => t.totalDecrease),
    ...DECREASES.flatMap((k) => [
      line(MOVEMENT_ROWS[k].vi, (t) => t.decreases[k]),
      ...(k === 'removed' ? [line('   Trong đó: Đảng viên dự bị', (t) => t.removedProbationary)] : []),
    ]),
    line('D. Đảng viên trong danh sách cuối kỳ báo cáo', (t) => t.closing),
  ];
}

const heading = (r: MovementsReport) => `${r.unit.name} (${r.unit.code}), từ ${formatVietnameseDate(r.from)} đến ${formatVietnameseDate(r.to)}`;

export function movementsCsv(r: MovementsReport): string {
  return '\uFEFF' + stringify([
    ['Đơn vị', 'Chỉ tiêu', 'Kỳ này', 'Cùng kỳ năm trước', 'Kỳ này so với cùng kỳ (%)'],
    ...movementLines(r).map((l) => [heading(r), l.row, l.current, l.previous ?? '', l.percent ?? '']),
  ]);
}

export function movementsXlsx(r: MovementsReport): Promise<Buffer> {
  return toXlsx([
    { name: 'Biểu 1', columns: [{ header: 'Chỉ tiêu', key: 'row', width: 52 }, { header: 'Kỳ này', key: 'current' }, { header: 'Cùng kỳ năm trước', key: 'previous' }, { header: '%', key: 'percent' }],
      rows: movementLines(r) },
    { name: 'Danh sách', columns: [{ header: 'Ngày', key: 'date' }, { header: 'Họ và tên', key: 'fullName', width: 30 }, { header: 'Biến động', key: 'row', width: 44 }],
      rows: r.people.map((p) => ({ date: formatVietnameseDate(p.date), fullName: p.fullName, row: MOVEMENT_ROWS[p.kind].vi })) },
  ]);
}
