// Spreadsheets of the resignations register and the recruitment report, with the forms' Vietnamese labels.
import type { ResignationReport } from './resignations.ts';
import type { RecruitmentReport } from './recruitment.ts';
import { AGE_BANDS_FORM, GENERAL_EDUCATION_ROWS, PROFESSIONAL_ROWS, THEORY_ROWS, type FormRow } from '../domain/statistics/breakdowns.ts';
import { OWNERSHIP_LABELS, type OwnershipKind } from '../domain/recruitment/enterprises.ts';
import { toXlsx, type Sheet } from './xlsx.ts';
import { SOURCE_LABELS } from './labels.ts';
import { formatVietnameseDate } from '../domain/dates.ts';
import { LEVEL_LABELS, OUTCOME_LABELS, REASON_LABELS } from '../domain/recruitment/resignations.ts';

const label = (labels: Record<string, string>, k: string) => labels[k] ?? (k === 'pending' ? 'Đang giải quyết' : k);

export function resignationsSheets(r: ResignationReport): Sheet[] {
  return [
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
  ];
}

export const resignationsXlsx = (r: ResignationReport): Promise<Buffer> => toXlsx(resignationsSheets(r));

const STAGE_LABELS: Record<string, string> = {
  identified: 'Cảm tình Đảng', course: 'Đã học lớp bồi dưỡng', application: 'Đã làm đơn, lý lịch', history_verified: 'Đã thẩm tra lý lịch',
  sponsored: 'Có người giới thiệu', cell_vote: 'Chi bộ đã xét', decision: 'Có quyết định kết nạp',
};

export function recruitmentSheets(r: RecruitmentReport): Sheet[] {
  const rowLabel = (rows: readonly FormRow[], k: string) => rows.find((x) => x.key === k)?.vi ?? (k === 'unknown' ? 'Chưa rõ' : k === 'none' ? 'Không có' : k);
  const n = r.newMembers;
  return [
    {
      name: 'Tổng hợp',
      columns: [{ header: 'Chỉ tiêu', key: 'label', width: 56 }, { header: 'Số lượng', key: 'n', width: 12 }],
      rows: [
        { label: `${r.unitName} (${r.unitCode}), năm ${r.year}`, n: null },
        { label: 'Chỉ tiêu kết nạp của đơn vị', n: r.target },
        { label: 'Tổng chỉ tiêu của các đơn vị trực thuộc', n: r.targetsBelow },
        { label: 'Đã kết nạp', n: r.admitted },
        ...Object.entries(r.bySource).map(([k, v]) => ({ label: `Nguồn: ${SOURCE_LABELS[k] ?? k}`, n: v })),
        ...Object.entries(r.byStage).map(([k, v]) => ({ label: `Quần chúng đang ở bước: ${STAGE_LABELS[k] ?? k}`, n: v })),
        { label: 'Doanh nghiệp có lao động chưa có tổ chức đảng', n: r.enterprisesWithoutParty.total },
        { label: 'Số lao động ở các doanh nghiệp đó', n: r.enterprisesWithoutParty.workers },
      ],
    },
    {
      name: 'Biểu 2 - Đảng viên mới',
      columns: [{ header: 'Chỉ tiêu', key: 'label', width: 56 }, { header: 'Số lượng', key: 'n', width: 12 }],
      rows: [
        { label: 'Tổng số đảng viên mới kết nạp', n: n.total },
        { label: 'Trong đó: Nữ', n: n.female }, { label: 'Dân tộc thiểu số', n: n.ethnicMinority }, { label: 'Đoàn viên Đoàn TNCS Hồ Chí Minh', n: n.youthUnion },
        { label: 'Chủ doanh nghiệp tư nhân', n: n.privateBusinessOwner }, { label: 'Kết nạp lại', n: n.readmitted },
        ...Object.entries(n.byAgeBand).map(([k, v]) => ({ label: `Tuổi đời: ${rowLabel(AGE_BANDS_FORM, k)}`, n: v })),
        ...Object.entries(n.byGeneralEducation).map(([k, v]) => ({ label: `Giáo dục phổ thông: ${rowLabel(GENERAL_EDUCATION_ROWS, k)}`, n: v })),
        ...Object.entries(n.byProfessional).map(([k, v]) => ({ label: `Chuyên môn nghiệp vụ: ${rowLabel(PROFESSIONAL_ROWS, k)}`, n: v })),
        ...Object.entries(n.byTheory).map(([k, v]) => ({ label: `Lý luận chính trị: ${rowLabel(THEORY_ROWS, k)}`, n: v })),
        { label: 'III. Tổ chức cơ sở đảng có kết nạp đảng viên trong kỳ', n: n.grassrootsWithAdmissions },
        { label: n.ageBasis, n: null },
      ],
    },
    {
      name: 'Đơn vị trực thuộc',
      columns: [{ header: 'Mã', key: 'code', width: 12 }, { header: 'Đơn vị', key: 'name', width: 40 }, { header: 'Chỉ tiêu', key: 'target', width: 10 },
        { header: 'Đã kết nạp', key: 'admitted', width: 11 }, { header: 'Quần chúng đang theo dõi', key: 'inProgress', width: 14 }],
      rows: r.children,
    },
    {
      name: 'DN chưa có tổ chức đảng',
      columns: [{ header: 'Khu công nghiệp', key: 'park', width: 18 }, { header: 'Địa bàn', key: 'unit', width: 26 }, { header: 'Doanh nghiệp', key: 'name', width: 40 },
        { header: 'Loại hình', key: 'ownership', width: 30 }, { header: 'Lao động', key: 'workers', width: 10 }, { header: 'Công đoàn', key: 'union', width: 10 },
        { header: 'Quần chúng', key: 'candidates', width: 40 }],
      rows: r.enterprisesWithoutParty.groups.flatMap((g) => g.enterprises.map((e) => ({
        park: g.parkName ?? '', unit: g.unitName, name: e.name, ownership: OWNERSHIP_LABELS[e.ownership as OwnershipKind] ?? e.ownership, workers: e.workers,
        union: e.hasTradeUnion ? 'Có' : 'Chưa', candidates: e.candidates.map((c) => c.fullName).join(', '),
      }))),
    },
  ];
}

export const recruitmentXlsx = (r: RecruitmentReport): Promise<Buffer> => toXlsx(recruitmentSheets(r));
