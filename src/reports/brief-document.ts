// The delegation's brief as a document in the party's format (thể thức văn bản của Đảng, Hướng dẫn
// 36-HD/VPTW, 2018; see src/domain/visits/notice-format.ts): the header blocks, the title, then one
// numbered part per question of the delegation, in Vietnamese. Pure: the PDF and the screen both render
// this one model, so what is printed is what was shown.
import { formatVietnameseDate } from '../domain/dates.ts';
import { committeeName, issuingBodyName, placeAndDate } from '../domain/visits/index.ts';
import { DIRECTIVE_STATUS_LABELS_VI } from '../domain/visits/index.ts';
import { LEVELS } from '../domain/evaluation/index.ts';
import { PLAN_RESULTS, PLAN_RESULT_LABELS, WEAK_CATEGORY_LABELS, WEAK_KINDS, WEAK_KIND_LABELS } from '../domain/evaluation/index.ts';
import { LEVEL_LABELS, OUTCOME_LABELS, REASON_LABELS } from '../domain/recruitment/resignations.ts';
import { ATTRITION_OUTCOME_LABELS, ATTRITION_REASON_LABELS, SOURCE_LABELS } from './labels.ts';
import type { DelegationBrief } from './brief.ts';
import type { Distribution } from './evaluation.ts';

export type BriefBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; columns: string[]; widths: number[]; rows: string[][] };

export interface BriefDocument {
  /** Top left: the organization above (null at the top), then the issuing body. */
  parentBody: string | null;
  issuingBody: string;
  /** Top right, under "ĐẢNG CỘNG SẢN VIỆT NAM". */
  placeAndDate: string;
  title: string;
  subtitle: string;
  blocks: BriefBlock[];
  /** Lists the text refers to (Phụ lục), after the body on their own page. */
  annex: BriefBlock[];
  footnote: string;
}

const number = (n: number) => n.toLocaleString('vi-VN');
/** "85,3%"; a dash when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toLocaleString('vi-VN')}%`;
}
const d = formatVietnameseDate;

/** "Đảng bộ huyện Châu Thành" → "Châu Thành": the place a document of the unit is dated at. */
export function placeOf(unitName: string): string {
  const m = /^(?:Đảng bộ|Chi bộ|Đảng ủy)\s+(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|ấp|khu phố)?\s*(.+)$/iu.exec(unitName.trim());
  return m ? m[1]!.trim() : unitName.trim();
}

/** Lower-cases the first letter only: "Xin ra khỏi Đảng" → "xin ra khỏi Đảng". */
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** "a: 3, b: 0, c: 2" over the non-zero entries, in the labels' order; "không có" when all are zero. */
function breakdown(counts: Record<string, number>, labels: Record<string, string>): string {
  const parts = Object.keys(labels).filter((k) => (counts[k] ?? 0) > 0).map((k) => `${lowerFirst(labels[k]!)} ${number(counts[k]!)}`);
  const others = Object.keys(counts).filter((k) => !(k in labels) && counts[k]! > 0).map((k) => `${k} ${number(counts[k]!)}`);
  return [...parts, ...others].join(', ') || 'không có';
}

function dissemination(b: DelegationBrief): BriefBlock[] {
  const r = b.dissemination;
  if (!r) return [{ kind: 'paragraph', text: `Chưa có nghị quyết nào của cấp ủy cấp trên hoặc của ${b.unit.name} còn hiệu lực vào ngày ${d(b.asOf)}.` }];
  const held = r.units.filter((u) => u.held);
  const missing = r.units.filter((u) => !u.held);
  const blocks: BriefBlock[] = [{
    kind: 'paragraph',
    text: `Nghị quyết số ${r.document.number} ngày ${d(r.document.issuedOn)} của ${committeeName(r.document.issuingUnitName, '')}: `
      + `${r.sessions ? `đã tổ chức ${number(r.sessions)} hội nghị học tập, quán triệt, ${number(r.attended)}/${number(r.expected)} lượt cán bộ, đảng viên dự (${percent(r.attended, r.expected)})` : 'chưa tổ chức hội nghị học tập, quán triệt nào'}; `
      + `${number(held.length)}/${number(r.units.length)} đơn vị trực thuộc đã tổ chức hoặc dự hội nghị của cấp trên`
      + (missing.length ? `; chưa tổ chức: ${missing.map((u) => u.name).join('; ')}.` : '.'),
  }];
  return blocks;
}

interface Part { body: BriefBlock[]; annex?: { title: string; table: Extract<BriefBlock, { kind: 'table' }> } }

function weakUnits(b: DelegationBrief): Part {
  const r = b.weakUnits;
  if (!r.total) return { body: [{ kind: 'paragraph', text: `Năm ${r.year} không có tổ chức đảng nào được đánh giá chuyển biến chậm, sa sút hoặc mất đoàn kết nội bộ.` }] };
  const byResult = Object.fromEntries(PLAN_RESULTS.map((k) => [k, r.units.filter((u) => u.result === k).length]));
  return {
    body: [{
      kind: 'paragraph',
      text: `Năm ${r.year} có ${number(r.total)} tổ chức đảng chuyển biến chậm, sa sút, mất đoàn kết nội bộ: `
        + WEAK_KINDS.map((k) => `${number(r.byKind[k])} ${lowerFirst(WEAK_KIND_LABELS[k].vi)}`).join(', ')
        + `; đều có kế hoạch củng cố; ${breakdown(byResult, Object.fromEntries(PLAN_RESULTS.map((k) => [k, PLAN_RESULT_LABELS[k].vi])))} (danh sách ở phụ lục).`,
    }],
    annex: {
      title: `Tổ chức đảng chuyển biến chậm, sa sút, mất đoàn kết nội bộ năm ${r.year}`,
      table: {
        kind: 'table', columns: ['Tổ chức đảng', 'Trực thuộc', 'Tình trạng', 'Kết quả củng cố'], widths: [3, 3, 3, 2],
        rows: r.units.map((u) => [u.name, u.parentName ?? '', u.categories.map((c) => WEAK_CATEGORY_LABELS[c].vi).join(', '), PLAN_RESULT_LABELS[u.result].vi]),
      },
    },
  };
}

function resignations(b: DelegationBrief): BriefBlock[] {
  const r = b.resignations;
  return [{
    kind: 'paragraph',
    text: `Từ ngày ${d(r.since)} đến ngày ${d(r.until)} có ${number(r.total)} cán bộ, công chức, viên chức xin nghỉ việc`
      + (r.total ? ` (${number(r.members)} là đảng viên; ${breakdown(r.byLevel, LEVEL_LABELS)}). Lý do: ${breakdown(r.byReason, REASON_LABELS)}. `
        + `Đã gặp gỡ, động viên ${number(r.counselled)} người; kết quả: ${breakdown(r.byOutcome, { ...OUTCOME_LABELS, pending: 'Đang giải quyết' })}.` : '.'),
  }];
}

function attrition(b: DelegationBrief): BriefBlock[] {
  const r = b.attrition;
  const settled = (r.byOutcome['removed'] ?? 0) + (r.byOutcome['left'] ?? 0);
  return [{
    kind: 'paragraph',
    text: `Từ ngày ${d(r.since)} đến ngày ${d(r.until)} có ${number(r.total)} trường hợp đảng viên bỏ sinh hoạt, không đóng đảng phí hoặc xin ra khỏi Đảng`
      + (r.total ? ` (${breakdown(r.byReason, ATTRITION_REASON_LABELS)}). Đã giải quyết ${number(settled)} trường hợp `
        + `(${breakdown({ removed: r.byOutcome['removed'] ?? 0, left: r.byOutcome['left'] ?? 0 }, ATTRITION_OUTCOME_LABELS)}); `
        + `${number(r.byOutcome['returned'] ?? 0)} đảng viên trở lại sinh hoạt; `
        + `${r.byOutcome['pending'] ? `${number(r.byOutcome['pending'])} trường hợp đang giải quyết` : 'không còn trường hợp nào đang giải quyết'}.` : '.'),
  }];
}

function evaluation(b: DelegationBrief): BriefBlock[] {
  const r = b.evaluation;
  const line = (subject: 'member' | 'organization', dist: Distribution, what: string) => dist.total
    ? `${what} (${number(dist.total)}): ` + LEVELS.map((l) => `${r.labels[subject][l]} ${number(dist[l])} (${percent(dist[l], dist.total)})`).join('; ') + '.'
    : `${what}: chưa có kết quả xếp loại.`;
  const failed = r.failing.members.length + r.failing.organizations.length;
  const twice = r.failing.members.filter((m) => m.previousYearFailed).length;
  return [
    { kind: 'bullets', items: [line('organization', r.organizations, 'Tổ chức đảng'), line('member', r.members, 'Đảng viên')] },
    ...(failed ? [{ kind: 'paragraph' as const, text: `Không hoàn thành nhiệm vụ: ${number(r.failing.organizations.length)} tổ chức đảng, ${number(r.failing.members.length)} đảng viên${twice ? `, trong đó ${number(twice)} đảng viên hai năm liền (xem xét xóa tên)` : ''} (xếp loại theo ${r.ruleSet.name}).` }] : []),
  ];
}

function recruitment(b: DelegationBrief): BriefBlock[] {
  const r = b.recruitment;
  const e = r.enterprisesWithoutParty;
  const viaMassOrganizations = Object.entries(r.bySource).filter(([k]) => k !== 'no_record' && k !== 'other').reduce((s, [, n]) => s + n, 0);
  const parks = [...new Set(e.groups.map((g) => g.parkName).filter((p): p is string => !!p))];
  return [
    {
      kind: 'paragraph',
      text: `Năm ${r.year} kết nạp ${number(r.admitted)} đảng viên` + (r.target !== null ? ` (chỉ tiêu ${number(r.target)}, đạt ${percent(r.admitted, r.target)})` : ' (chưa giao chỉ tiêu)')
        + (viaMassOrganizations
          ? `; qua giới thiệu của các tổ chức công đoàn, đoàn thể ${number(viaMassOrganizations)} (${breakdown(r.bySource, Object.fromEntries(Object.entries(SOURCE_LABELS).filter(([k]) => k !== 'no_record' && k !== 'other')))})`
          : '; chưa có đảng viên mới nào qua hồ sơ quần chúng do công đoàn, đoàn thể giới thiệu')
        + `; đang bồi dưỡng, xem xét ${number(r.inProgress)} quần chúng. `
        + `Doanh nghiệp có người lao động nhưng chưa có tổ chức đảng: ${number(e.total)} doanh nghiệp, ${number(e.workers)} lao động`
        + (parks.length ? ` (${parks.map((p) => `${p}: ${number(e.groups.filter((g) => g.parkName === p).reduce((s, g) => s + g.enterprises.length, 0))}`).join('; ')})` : '')
        + `, ${number(e.candidates)} quần chúng từ các doanh nghiệp này đang được bồi dưỡng.`,
    },
  ];
}

function directives(b: DelegationBrief): Part {
  const r = b.directives;
  // Open on the brief's day: not done (or done only later) and not cancelled. Statuses are today's.
  const open = r.items.filter((i) => i.status !== 'cancelled' && (i.status !== 'done' || (i.doneOn !== null && i.doneOn > b.asOf)));
  if (!r.total) return { body: [{ kind: 'paragraph', text: `Chưa có ý kiến chỉ đạo nào của các đoàn công tác, kiểm tra, giám sát đến ngày ${d(b.asOf)}.` }] };
  return {
    body: [{
      kind: 'paragraph',
      text: `Đến ngày ${d(b.asOf)}, các đoàn công tác, kiểm tra, giám sát có ${number(r.total)} ý kiến chỉ đạo; chưa hoàn thành ${number(open.length)}`
        + `${open.length ? ' (danh sách ở phụ lục)' : ''}, quá hạn ${number(open.filter((i) => i.deadline !== null && i.deadline < b.asOf).length)}; hiện nay: ${breakdown(r.byStatus, DIRECTIVE_STATUS_LABELS_VI)}.`,
    }],
    annex: open.length ? {
      title: `Ý kiến chỉ đạo chưa hoàn thành tại ngày ${d(b.asOf)}`,
      table: {
        kind: 'table', columns: ['Ý kiến chỉ đạo', 'Đơn vị thực hiện', 'Thời hạn'], widths: [6, 3, 2],
        rows: open.map((i) => [`${i.text} (${i.visit.noticeNumber ? `Thông báo ${i.visit.noticeNumber}` : i.visit.title})`, i.responsibleUnit.name, i.deadline ? d(i.deadline) : 'Thường xuyên']),
      },
    } : undefined,
  };
}

export function briefDocument(b: DelegationBrief, generatedOn: string): BriefDocument {
  const parts: Array<[string, Part]> = [
    ['Học tập, quán triệt nghị quyết', { body: dissemination(b) }],
    ['Tổ chức đảng cần củng cố', weakUnits(b)],
    ['Cán bộ, công chức, viên chức xin nghỉ việc', { body: resignations(b) }],
    ['Đảng viên bỏ sinh hoạt, xin ra khỏi Đảng', { body: attrition(b) }],
    [`Đánh giá, xếp loại chất lượng năm ${b.year}`, { body: evaluation(b) }],
    ['Phát triển đảng viên', { body: recruitment(b) }],
    ['Thực hiện ý kiến chỉ đạo của các đoàn công tác', directives(b)],
  ];
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
  const annexes = parts.flatMap(([, p]) => (p.annex ? [p.annex] : []));
  return {
    parentBody: b.unit.parentName && b.unit.parentKind !== 'central' ? b.unit.parentName.toUpperCase() : null,
    issuingBody: issuingBodyName(b.unit.name, b.unit.kind),
    placeAndDate: placeAndDate(placeOf(b.unit.name), b.asOf),
    title: 'BÁO CÁO',
    subtitle: `phục vụ đoàn công tác làm việc với ${b.unit.name} về công tác xây dựng Đảng`,
    blocks: parts.flatMap(([title, part], i) => [{ kind: 'heading' as const, text: `${roman[i]}. ${title.toUpperCase()}` }, ...part.body]),
    annex: annexes.flatMap((a, i) => [{ kind: 'heading' as const, text: `Phụ lục ${i + 1}. ${a.title}` }, a.table]),
    footnote: `Số liệu đến ngày ${d(b.asOf)}, tổng hợp từ hệ thống dangvu ngày ${d(generatedOn)}; mỗi phần bằng báo cáo chuyên đề của cùng đơn vị, cùng kỳ.`,
  };
}
