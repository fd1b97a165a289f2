// The roll report (member-counts.ts) laid out as the rows of Biểu 3, for CSV and spreadsheet exports that a
// party office can copy into the province's template without re-sorting (forms.md).
import { stringify } from 'csv-stringify/sync';
import type { MemberCounts } from './member-counts.ts';
import {
  ADMISSION_ERAS, AGE_BANDS_FORM, GENERAL_EDUCATION_ROWS, PARTY_AGE_BANDS, PROFESSIONAL_ROWS, THEORY_ROWS, type FormRow,
} from '../domain/statistics/breakdowns.ts';
import { toXlsx } from './xlsx.ts';

export interface FormLine { section: string; label: string; n: number | null }

const STATUS_LABELS: Record<string, string> = { probationary: 'Dự bị', official: 'Chính thức', exempt: 'Miễn công tác và sinh hoạt', transferring: 'Đang chuyển sinh hoạt' };
const OTHER = 'Không rõ, khác';

function section(title: string, rows: readonly FormRow[], counts: Record<string, number>, extra: Record<string, string> = {}): FormLine[] {
  const lines = rows.map((r) => ({ section: title, label: r.vi, n: counts[r.key] ?? 0 }));
  for (const [key, label] of Object.entries(extra)) if (counts[key]) lines.push({ section: title, label, n: counts[key] });
  const known = new Set([...rows.map((r) => r.key), ...Object.keys(extra)]);
  const rest = Object.entries(counts).filter(([k]) => !known.has(k)).reduce((a, [, n]) => a + n, 0);
  if (rest) lines.push({ section: title, label: OTHER, n: rest });
  return lines;
}

const sorted = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'));

export function formLines(r: MemberCounts): FormLine[] {
  const minorities = Object.entries(r.byEthnicity).filter(([k]) => k !== 'Kinh').reduce((a, [, n]) => a + n, 0);
  const religious = Object.entries(r.byReligion).filter(([k]) => k !== 'none').reduce((a, [, n]) => a + n, 0);
  const I = 'I. Đảng viên trong danh sách';
  return [
    { section: I, label: 'Tổng số', n: r.total },
    { section: I, label: 'Trong đó: Nữ', n: r.bySex.female ?? 0 },
    { section: I, label: 'Trong đó: Dự bị', n: r.byStatus.probationary ?? 0 },
    { section: I, label: 'Trong đó: Dân tộc thiểu số', n: minorities },
    { section: I, label: 'Trong đó: Người theo tôn giáo', n: religious },
    ...Object.entries(r.byStatus).map(([k, n]) => ({ section: 'Theo trạng thái', label: STATUS_LABELS[k] ?? k, n })),
    ...section('2. Tuổi đời', AGE_BANDS_FORM, r.byAgeBand),
    { section: '2. Tuổi đời', label: 'Tuổi bình quân', n: r.averageAge },
    ...section('3. Thời gian kết nạp vào Đảng', ADMISSION_ERAS, r.byAdmissionEra),
    ...section('Tuổi đảng', PARTY_AGE_BANDS, r.byPartyAgeBand),
    ...section('4. Trình độ giáo dục phổ thông', GENERAL_EDUCATION_ROWS, r.byGeneralEducation),
    ...section('5. Trình độ chuyên môn nghiệp vụ', PROFESSIONAL_ROWS, r.byProfessional, { none: 'Chưa qua đào tạo' }),
    ...section('7. Trình độ lý luận chính trị', THEORY_ROWS, r.byTheory, { none: 'Chưa qua đào tạo' }),
    ...sorted(r.byEthnicity).map(([k, n]) => ({ section: 'Dân tộc', label: k, n })),
    ...sorted(r.byReligion).map(([k, n]) => ({ section: 'Tôn giáo', label: k === 'none' ? 'Không' : k, n })),
  ];
}

const title = (r: MemberCounts) => `${r.unit.name} (${r.unit.code}), ngày ${r.asOf.split('-').reverse().join('/')}`;

export function memberCountsCsv(r: MemberCounts): string {
  const lines = formLines(r);
  return '\uFEFF' + stringify([
    ['Đơn vị', 'Mục', 'Chỉ tiêu', 'Số lượng'],
    ...lines.map((l) => [title(r), l.section, l.label, l.n ?? '']),
    ...r.children.map((c) => [title(r), 'Đơn vị trực thuộc', `${c.name} (${c.code})`, c.total]),
    [title(r), 'Ghi chú', r.ageBasis, ''],
  ]);
}

export function memberCountsXlsx(r: MemberCounts): Promise<Buffer> {
  return toXlsx([
    { name: 'Biểu 3', columns: [{ header: 'Mục', key: 'section', width: 34 }, { header: 'Chỉ tiêu', key: 'label', width: 44 }, { header: 'Số lượng', key: 'n' }],
      rows: [...formLines(r), { section: 'Ghi chú', label: r.ageBasis, n: null }] },
    { name: 'Đơn vị trực thuộc', columns: [{ header: 'Mã', key: 'code' }, { header: 'Tên', key: 'name', width: 40 }, { header: 'Số đảng viên', key: 'total' },
      { header: 'Dự bị', key: 'probationary' }, { header: 'Nữ', key: 'female' }],
      rows: r.children.map((c) => ({ code: c.code, name: c.name, total: c.total, probationary: c.byStatus.probationary ?? 0, female: c.female })) },
  ]);
}
