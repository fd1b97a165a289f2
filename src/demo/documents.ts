// The seed's headline in the demo: Tỉnh ủy Bến Tre's Nghị quyết 02-NQ/TU (15/04/2016) on party building
// with its 7 tasks and solutions (replacing 05-NQ/TU of the previous term), the implementation plans of the units directly under the province and
// of the units of Châu Thành district (831) — most adopted on time, a few late or missing — and progress
// reports for 2016 and Q1 2017, so that the follow-up on 05/05/2017 shows a realistic picture. Tiên Thủy
// (28861) has its plan and reported in full. Deterministic: every choice is a hash of the seed and the
// unit's code, and all dates are fixed (none depends on "today").
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, ProgressReportTable } from '../db/schema.ts';
import { addDays } from '../domain/dates.ts';
import { parsePeriod } from '../domain/documents/periods.ts';
import { searchKey } from '../text/vietnamese.ts';
import { hash32, hashString } from './random.ts';

export const DEMO_RESOLUTION = {
  number: '02-NQ/TU', seq: 2, issuedOn: '2016-04-15', planDueDate: '2016-06-15', reportDueDays: 10,
  title: 'Nghị quyết về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và chất lượng đội ngũ đảng viên giai đoạn 2016 – 2020',
  coversFrom: '2016-01-01', coversTo: '2020-12-31',
  attachments: ['02-NQ-TU_15-4-2016.pdf', 'Phu-luc-chi-tieu-giai-doan-2016-2020.xlsx'],
} as const;

/** The 7 tasks and solutions, each with one indicator (how it is measured). */
export const DEMO_TASKS: Array<{ title: string; description: string; indicator: { name: string; unit: string; measurement: string } }> = [
  { title: 'Đổi mới, nâng cao chất lượng sinh hoạt chi bộ', description: 'Sinh hoạt định kỳ đúng nội dung, quy trình; mỗi quý ít nhất một lần sinh hoạt chuyên đề; tăng tính lãnh đạo, tính giáo dục, tính chiến đấu.', indicator: { name: 'Chi bộ sinh hoạt định kỳ đúng quy định', unit: '%', measurement: 'reported' } },
  { title: 'Củng cố, kiện toàn tổ chức cơ sở đảng; khắc phục tình trạng tổ chức đảng yếu kém', description: 'Rà soát, phân loại; cử cấp ủy viên phụ trách, có kế hoạch củng cố từng tổ chức yếu kém, chuyển biến chậm.', indicator: { name: 'Tổ chức đảng yếu kém được củng cố', unit: 'tổ chức', measurement: 'weak_consolidated' } },
  { title: 'Nâng cao chất lượng kiểm điểm, đánh giá, xếp loại tổ chức cơ sở đảng và đảng viên', description: 'Đánh giá thực chất, gắn với kết quả thực hiện nhiệm vụ chính trị của địa phương, đơn vị.', indicator: { name: 'Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên', unit: '%', measurement: 'grassroots_rated_good' } },
  { title: 'Nâng cao chất lượng công tác phát triển đảng viên', description: 'Chú trọng đoàn viên thanh niên, công nhân, người lao động trong doanh nghiệp ngoài khu vực nhà nước; xóa ấp, khu phố chưa có đảng viên.', indicator: { name: 'Đảng viên mới được kết nạp', unit: 'đảng viên', measurement: 'members_admitted' } },
  { title: 'Xây dựng tổ chức đảng trong doanh nghiệp ngoài khu vực nhà nước, các khu công nghiệp Giao Long, An Hiệp', description: 'Tuyên truyền chủ doanh nghiệp; tạo nguồn từ công đoàn, đoàn thanh niên; thành lập chi bộ khi đủ điều kiện.', indicator: { name: 'Tổ chức đảng được thành lập trong doanh nghiệp', unit: 'tổ chức', measurement: 'reported' } },
  { title: 'Tăng cường quản lý đảng viên; giải quyết dứt điểm đảng viên bỏ sinh hoạt, không đóng đảng phí', description: 'Quản lý chặt chẽ đảng viên đi làm ăn xa; gặp gỡ, động viên; xử lý kịp thời theo Điều lệ Đảng.', indicator: { name: 'Trường hợp bỏ sinh hoạt được xem xét, giải quyết', unit: '%', measurement: 'reported' } },
  { title: 'Tăng cường kiểm tra, giám sát; đào tạo, bồi dưỡng đội ngũ bí thư chi bộ, cấp ủy viên cơ sở', description: 'Mỗi năm bồi dưỡng nghiệp vụ công tác đảng cho bí thư, phó bí thư chi bộ; kiểm tra, giám sát chuyên đề việc thực hiện Nghị quyết.', indicator: { name: 'Bí thư, phó bí thư chi bộ được bồi dưỡng nghiệp vụ', unit: '%', measurement: 'reported' } },
];

/** What the plans of lower units say for each task, with {n} filled from the unit's figures. */
const PLAN_TASKS = [
  'Chỉ đạo các chi bộ sinh hoạt định kỳ đúng quy định, mỗi quý một chuyên đề',
  'Cử cấp ủy viên phụ trách, củng cố các chi bộ yếu kém, chuyển biến chậm',
  'Tổ chức kiểm điểm, đánh giá, xếp loại thực chất cuối năm',
  'Tạo nguồn và kết nạp đảng viên mới theo chỉ tiêu được giao',
  'Vận động thành lập tổ chức đảng trong doanh nghiệp ngoài khu vực nhà nước',
  'Rà soát, gặp gỡ, giải quyết dứt điểm đảng viên bỏ sinh hoạt',
  'Mở lớp bồi dưỡng nghiệp vụ cho bí thư, phó bí thư chi bộ',
];
const REPORT_TEXT = [
  (n: number) => `${85 + (n % 15)}% chi bộ sinh hoạt định kỳ đúng quy định; ${2 + (n % 5)} chi bộ sinh hoạt chuyên đề về học tập và làm theo Bác.`,
  (n: number) => `Đã phân công cấp ủy viên phụ trách ${1 + (n % 3)} chi bộ chuyển biến chậm; xây dựng kế hoạch củng cố từng chi bộ.`,
  (n: number) => `Hoàn thành kiểm điểm, đánh giá ở ${90 + (n % 10)}% chi bộ; phân loại đúng quy trình Hướng dẫn 27-HD/BTCTW.`,
  (n: number) => `Mở ${1 + (n % 2)} lớp bồi dưỡng nhận thức về Đảng cho ${12 + (n % 30)} quần chúng ưu tú; kết nạp ${1 + (n % 6)} đảng viên.`,
  (n: number) => `Vận động ${1 + (n % 3)} doanh nghiệp; phát triển ${n % 3} đảng viên là công nhân; chưa đủ điều kiện thành lập chi bộ mới.`,
  (n: number) => `Gặp gỡ, động viên ${1 + (n % 4)} đảng viên bỏ sinh hoạt; ${n % 3} trường hợp trở lại sinh hoạt, còn lại đề nghị xóa tên.`,
  (n: number) => `Bồi dưỡng nghiệp vụ cho ${10 + (n % 25)} bí thư, phó bí thư chi bộ; kiểm tra chuyên đề ${1 + (n % 3)} chi bộ.`,
];

interface UnitRow { id: number; code: string; name: string; kind: string; path: string; members: number }

export interface DocumentsDemoSummary { documents: number; tasks: number; reports: number }

/**
 * Per unit, from a hash of the seed and its code: when it adopted its plan (or not), and how it reported.
 * About 85 % adopt on time, 7 % late, 8 % not by 05/05/2017.
 */
export function unitFate(seed: number, code: string): { adoptDay: number | null; lateAdoption: boolean; y2016: 'on_time' | 'late' | 'none'; q1: 'on_time' | 'late' | 'partial' | 'none' } {
  const h = hash32(seed, hashString(`documents:${code}`));
  const a = h % 100;
  const r = (h >>> 8) % 100;
  const q = (h >>> 16) % 100;
  // On time: within 25 days of the parent's issue (before either due date); late: 62–101 days after it.
  const adoptDay = a < 85 ? (h >>> 4) % 26 : a < 92 ? 62 + ((h >>> 4) % 40) : null;
  return {
    adoptDay, lateAdoption: a >= 85 && a < 92,
    y2016: r < 88 ? 'on_time' : r < 95 ? 'late' : 'none',
    q1: q < 78 ? 'on_time' : q < 86 ? 'late' : q < 93 ? 'partial' : 'none',
  };
}

/** Loads the resolution, the plans and the reports; a no-op when the tree has no province 83 or no district 831. */
export async function loadDocumentsDemo(db: Kysely<Database>, seed: number): Promise<DocumentsDemoSummary> {
  const byCode = async (code: string) => (await sql<UnitRow>`
    SELECT id, code, name, kind, path::text AS path, 0 AS members FROM unit WHERE code = ${code} AND dissolved_on IS NULL`.execute(db)).rows[0];
  const province = await byCode('83');
  const district = await byCode('831');
  if (!province || !district) return { documents: 0, tasks: 0, reports: 0 };
  const children = async (parent: UnitRow) => (await sql<UnitRow>`
    SELECT u.id, u.code, u.name, u.kind, u.path::text AS path,
      COALESCE((SELECT sum(k.n) FROM unit d JOIN unit_member_count k ON k.unit_id = d.id
                WHERE d.path <@ u.path AND k.status IN ('probationary', 'official')), 0)::int AS members
    FROM unit u WHERE u.parent_id = ${parent.id} AND u.dissolved_on IS NULL AND u.kind <> 'cell' ORDER BY u.code`.execute(db)).rows;
  const underProvince = await children(province);
  const underDistrict = await children(district);

  // Like the bulk load, the demo writes no audit rows: its triggers are off inside the transaction.
  const audited = ['document', 'document_link', 'document_task', 'indicator', 'indicator_target', 'progress_report'];
  return db.transaction().execute(async (tx) => {
    for (const table of audited) await sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_audit`).execute(tx);
    let documents = 0;
    let tasks = 0;
    let reports = 0;
    const insertDoc = async (d: { number: string; seq: number; kind: string; issuer: string; unitId: number; issuedOn: string; title: string; planDue: string | null; attachments: string[]; coversFrom: string | null; coversTo: string | null }) => {
      documents++;
      return (await tx.insertInto('document').values({
        number_text: d.number, seq: d.seq, kind: d.kind, issuer_code: d.issuer, issuing_unit_id: d.unitId, issued_on: d.issuedOn,
        issue_year: Number(d.issuedOn.slice(0, 4)), title: d.title, title_search: searchKey(d.title), covers_from: d.coversFrom, covers_to: d.coversTo,
        attachments: d.attachments, plan_due_date: d.planDue, report_due_days: 10, note: null, created_by: null,
      }).returning('id').executeTakeFirstOrThrow()).id;
    };

    const r = DEMO_RESOLUTION;
    const nqId = await insertDoc({ number: r.number, seq: r.seq, kind: 'NQ', issuer: 'TU', unitId: province.id, issuedOn: r.issuedOn, title: r.title, planDue: r.planDueDate, attachments: [...r.attachments], coversFrom: r.coversFrom, coversTo: r.coversTo });
    // The resolution of the previous term, which 02-NQ/TU replaces.
    const oldId = await insertDoc({
      number: '05-NQ/TU', seq: 5, kind: 'NQ', issuer: 'TU', unitId: province.id, issuedOn: '2011-08-10', planDue: '2011-10-10',
      title: 'Nghị quyết về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và chất lượng đội ngũ đảng viên giai đoạn 2011 – 2015',
      attachments: ['05-NQ-TU_10-8-2011.pdf'], coversFrom: '2011-01-01', coversTo: '2015-12-31',
    });
    await tx.insertInto('document_link').values({ document_id: nqId, target_id: oldId, relation: 'replaces' }).execute();
    const nqTasks: number[] = [];
    for (const [i, t] of DEMO_TASKS.entries()) {
      const id = (await tx.insertInto('document_task').values({ document_id: nqId, position: i + 1, title: t.title, description: t.description, parent_task_id: null, owner: null, deadline: null, status: 'in_progress' }).returning('id').executeTakeFirstOrThrow()).id;
      nqTasks.push(id);
      tasks++;
      const ind = (await tx.insertInto('indicator').values({ task_id: id, position: 1, name: t.indicator.name, unit_of_measure: t.indicator.unit, measurement: t.indicator.measurement }).returning('id').executeTakeFirstOrThrow()).id;
      if (t.indicator.measurement === 'members_admitted') {
        // Targets: about 3 % of the members of each unit under the province a year (NQ 21-NQ/TW's range, README §6).
        const targets = underProvince.filter((u) => u.members > 0).flatMap((u) => [2016, 2017].map((year) => ({ indicator_id: ind, unit_id: u.id, year, target: Math.max(1, Math.round(u.members * 0.03)) })));
        if (targets.length) await tx.insertInto('indicator_target').values(targets).execute();
      }
    }

    // A plan with the 7 tasks linked to its parent's, and the unit's reports for 2016 and Q1 2017.
    const plan = async (unit: UnitRow, parentId: number, parentTasks: number[], issuer: string, adoptFrom: string, communeLevel: boolean, fate: ReturnType<typeof unitFate>) => {
      if (fate.adoptDay === null) return null;
      const issuedOn = addDays(adoptFrom, fate.adoptDay);
      const h = hash32(seed, hashString(`plan:${unit.code}`));
      // The seed's two units carry fixed numbers, so they can be named: 15-KH/HU and 05-KH/ĐU.
      const seq = unit.code === '831' ? 15 : unit.code === '28861' ? 5 : communeLevel ? 3 + (h % 20) : 10 + (h % 60);
      const number = `${String(seq).padStart(2, '0')}-KH/${issuer}`;
      const id = await insertDoc({
        number, seq, kind: 'KH', issuer, unitId: unit.id, issuedOn, title: `Kế hoạch thực hiện Nghị quyết số 02-NQ/TU của Tỉnh ủy về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và chất lượng đội ngũ đảng viên giai đoạn 2016 – 2020`,
        planDue: communeLevel ? null : '2016-07-15', attachments: [`${number.replace('/', '-')}.pdf`], coversFrom: '2016-01-01', coversTo: '2020-12-31',
      });
      await tx.insertInto('document_link').values({ document_id: id, target_id: parentId, relation: 'implements' }).execute();
      const planTasks: number[] = [];
      for (const [i, title] of PLAN_TASKS.entries()) {
        const done = i === 6 && (h >>> 3) % 2 === 0;
        const tid = (await tx.insertInto('document_task').values({
          document_id: id, position: i + 1, title, description: null, parent_task_id: parentTasks[i] ?? null,
          owner: ['Bí thư', 'Phó Bí thư', 'Trưởng Ban Tổ chức', 'Ủy ban Kiểm tra'][(h >>> (i + 2)) % 4]!, deadline: i === 6 ? '2016-12-31' : '2020-12-31',
          status: done ? 'done' : 'in_progress',
        }).returning('id').executeTakeFirstOrThrow()).id;
        planTasks.push(tid);
        tasks++;
      }
      const rows: Array<Insertable<ProgressReportTable>> = [];
      const add = (period: string, taskIds: number[], submittedOn: string) => {
        const p = parsePeriod(period);
        if (!p.ok) return;
        for (const [i, taskId] of taskIds.entries()) {
          rows.push({
            task_id: taskId, period: p.value.code, period_start: p.value.start, period_end: p.value.end, body: REPORT_TEXT[i]!(hash32(h, i, p.value.year)),
            evidence: [`BC-${period}-${unit.code}.pdf`], submitted_on: submittedOn, submitted_by: null, submitted_by_name: `Văn phòng ${unit.name.replace(/^Đảng bộ /, 'Đảng ủy ')}`,
          });
        }
      };
      const year = parsePeriod('2016');
      if (year.ok && issuedOn <= year.value.end) {
        if (fate.y2016 === 'on_time') add('2016', planTasks, addDays('2017-01-01', h % 10));
        else if (fate.y2016 === 'late') add('2016', planTasks, addDays('2017-01-11', h % 20));
      }
      if (fate.q1 === 'on_time') add('2017-Q1', planTasks, addDays('2017-04-01', h % 10));
      else if (fate.q1 === 'late') add('2017-Q1', planTasks, addDays('2017-04-11', h % 20));
      else if (fate.q1 === 'partial') add('2017-Q1', planTasks.slice(0, 3 + (h % 3)), addDays('2017-04-03', h % 7));
      if (rows.length) await tx.insertInto('progress_report').values(rows).execute();
      reports += rows.length;
      return { id, tasks: planTasks };
    };

    let districtPlan: { id: number; tasks: number[] } | null = null;
    for (const u of underProvince) {
      const issuer = u.kind === 'district_committee' ? (u.code === '829' ? 'ThU' : 'HU') : 'ĐU';
      // Châu Thành adopted its plan on 20/05/2016 and reports in full: the seed's district.
      const fate = u.code === '831' ? { adoptDay: 35, lateAdoption: false, y2016: 'on_time' as const, q1: 'on_time' as const } : unitFate(seed, u.code);
      const made = await plan(u, nqId, nqTasks, issuer, '2016-04-15', false, fate);
      if (u.code === '831') districtPlan = made;
    }
    if (districtPlan) {
      for (const u of underDistrict) {
        const fate = u.code === '28861' ? { adoptDay: 21, lateAdoption: false, y2016: 'on_time' as const, q1: 'on_time' as const } : unitFate(seed, u.code);
        await plan(u, districtPlan.id, districtPlan.tasks, 'ĐU', '2016-05-20', true, fate);
      }
    }
    for (const table of audited) await sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_audit`).execute(tx);
    return { documents, tasks, reports };
  });
}
