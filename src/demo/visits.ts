// The seed's working visit: on 05/05/2017 a delegation of Tỉnh ủy Bến Tre, led by its standing deputy
// secretary and joined by a deputy director of Vụ Địa phương III of the Central Organization Commission,
// worked with the Tiên Thủy commune committee (28861) and the Châu Thành district committee (831) on
// Nghị quyết 02-NQ/TU, and left six directives (issue 9 §8). Each is followed up to the demo's today:
// three done with evidence, two standing ones in progress, one overdue. The names of the delegation, the
// notice number and the follow-up are illustrative (the real notice was not found). Entered through
// VisitService, so the demo passes the same rules as a user; follow-ups dated after today are left out.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../db/repos/users.ts';
import { VisitService } from '../commands/visits.ts';

export const DEMO_VISIT = {
  title: 'Đoàn công tác của Tỉnh ủy làm việc với Đảng ủy xã Tiên Thủy và Huyện ủy Châu Thành về thực hiện Nghị quyết 02-NQ/TU',
  date: '2017-05-05',
  notice: '85-TB/TU',
  noticeDate: '2017-05-12',
};

interface Step { on: string; note: string; evidence?: string[]; status?: 'in_progress' | 'done' }

/** The six directives of the seed, with the unit responsible, the deadline and their follow-up. */
const DIRECTIVES: Array<{ text: string; unit: '28861' | '831'; owner: string; deadline: string | null; steps: Step[] }> = [
  {
    text: 'Tiếp tục quán triệt sâu rộng Nghị quyết 02-NQ/TU đến cán bộ, đảng viên; rà soát, đánh giá kết quả thực hiện 7 nhiệm vụ, giải pháp trọng tâm, bổ sung kế hoạch thực hiện sát với thực tế của xã',
    unit: '28861', owner: 'Bí thư Đảng ủy xã', deadline: '2017-06-30',
    steps: [
      { on: '2017-05-25', note: 'Tổ chức hội nghị quán triệt lại Nghị quyết cho cấp ủy viên và bí thư các chi bộ ấp', status: 'in_progress' },
      { on: '2017-06-28', note: 'Hoàn thành rà soát 7 nhiệm vụ, giải pháp; bổ sung kế hoạch thực hiện', evidence: ['Báo cáo 18-BC/ĐU ngày 28/6/2017 của Đảng ủy xã Tiên Thủy', 'Kế hoạch 05-KH/ĐU (bổ sung)'], status: 'done' },
    ],
  },
  {
    text: 'Tăng cường công tác chính trị, tư tưởng; phát huy tinh thần tiến công trong "Năm hành động" của Tỉnh ủy, tạo chuyển biến trong cán bộ, đảng viên',
    unit: '831', owner: 'Ban Tuyên giáo Huyện ủy', deadline: null,
    steps: [
      { on: '2017-06-15', note: 'Ban Tuyên giáo Huyện ủy hướng dẫn các chi, đảng bộ đưa nội dung "Năm hành động" vào sinh hoạt chuyên đề', status: 'in_progress' },
      { on: '2018-01-10', note: 'Sơ kết năm: 100% tổ chức cơ sở đảng có chương trình hành động', evidence: ['Báo cáo 112-BC/HU ngày 10/01/2018'] },
    ],
  },
  {
    text: 'Xây dựng và triển khai kế hoạch củng cố các tổ chức cơ sở đảng, chi bộ yếu kém, chuyển biến chậm; phân công cấp ủy viên phụ trách từng nơi',
    unit: '831', owner: 'Ban Tổ chức Huyện ủy', deadline: '2017-09-30',
    steps: [
      { on: '2017-06-05', note: 'Rà soát, lập danh sách 5 tổ chức cơ sở đảng và 9 chi bộ yếu kém', status: 'in_progress' },
      { on: '2017-09-25', note: 'Ban hành kế hoạch củng cố, phân công cấp ủy viên phụ trách từng tổ chức', evidence: ['Kế hoạch 27-KH/HU ngày 25/9/2017 củng cố tổ chức cơ sở đảng yếu kém'], status: 'done' },
    ],
  },
  {
    text: 'Gặp gỡ, động viên cán bộ xin nghỉ việc, đảng viên bỏ sinh hoạt, xin ra khỏi Đảng; xem xét, giải quyết từng trường hợp theo Điều lệ Đảng',
    unit: '28861', owner: 'Phó Bí thư Đảng ủy xã', deadline: null,
    steps: [
      { on: '2017-07-20', note: 'Gặp gỡ 4 đảng viên bỏ sinh hoạt; 2 trường hợp trở lại sinh hoạt', status: 'in_progress' },
      { on: '2018-03-15', note: 'Đề nghị xóa tên 1 trường hợp; tiếp tục vận động 1 trường hợp', evidence: ['Biên bản họp chi bộ ấp Tiên Thủy 1 ngày 12/3/2018'] },
    ],
  },
  {
    text: 'Quản lý chặt chẽ đảng viên, nhất là đảng viên đi làm ăn xa; kiểm điểm, đánh giá, xếp loại đảng viên, tổ chức đảng thực chất, không chạy theo thành tích',
    unit: '831', owner: 'Ban Tổ chức Huyện ủy', deadline: '2017-12-31',
    steps: [
      { on: '2017-11-10', note: 'Hướng dẫn kiểm điểm, đánh giá, xếp loại năm 2017 theo Hướng dẫn 27-HD/BTCTW', status: 'in_progress' },
      { on: '2017-12-28', note: 'Hoàn thành kiểm điểm, đánh giá ở 100% tổ chức cơ sở đảng', evidence: ['Báo cáo 98-BC/HU ngày 28/12/2017 kết quả đánh giá, xếp loại năm 2017'], status: 'done' },
    ],
  },
  {
    text: 'Phối hợp công đoàn, đoàn thanh niên và các đoàn thể trong các khu công nghiệp Giao Long, An Hiệp tạo nguồn, phát triển đảng viên là công nhân, người lao động; thành lập chi bộ trong doanh nghiệp đủ điều kiện',
    unit: '831', owner: 'Đảng ủy các khu công nghiệp', deadline: '2018-12-31',
    steps: [
      { on: '2017-08-15', note: 'Mở lớp bồi dưỡng nhận thức về Đảng cho 38 đoàn viên công đoàn các khu công nghiệp', status: 'in_progress' },
      { on: '2018-06-30', note: 'Kết nạp 6 đảng viên là công nhân; chưa đủ điều kiện thành lập chi bộ mới', evidence: ['Báo cáo 6 tháng đầu năm 2018 của Huyện ủy'] },
    ],
  },
];

export interface VisitsDemoSummary { visits: number; directives: number; progress: number }

/** Loads the visit, its notice and directives, and their follow-up up to `today`; a no-op without 83, 831 and 28861. */
export async function loadVisitsDemo(db: Kysely<Database>, today: string): Promise<VisitsDemoSummary> {
  const units = Object.fromEntries((await db.selectFrom('unit').select(['id', 'code']).where('code', 'in', ['83', '831', '28861'])
    .where('dissolved_on', 'is', null).execute()).map((u) => [u.code, u.id]));
  if (!units['83'] || !units['831'] || !units['28861'] || today < DEMO_VISIT.date) return { visits: 0, directives: 0, progress: 0 };
  const service = new VisitService(db, await systemActor(db), today);
  const { rows: docs } = await sql<{ id: number }>`
    SELECT d.id FROM document d WHERE (d.issuing_unit_id = ${units['83']} AND d.number_text = '02-NQ/TU' AND d.issue_year = 2016)
      OR (d.issuing_unit_id IN (${units['831']}, ${units['28861']}) AND d.kind = 'KH' AND d.issued_on <= ${DEMO_VISIT.date}::date)
    ORDER BY d.issued_on`.execute(db);
  let visit = await service.create({
    title: DEMO_VISIT.title, kind: 'working_visit', issuingUnitId: units['83'], startsOn: DEMO_VISIT.date, endsOn: DEMO_VISIT.date,
    topics: ['Kết quả thực hiện Nghị quyết 02-NQ/TU và 7 nhiệm vụ, giải pháp trọng tâm', 'Củng cố tổ chức cơ sở đảng yếu kém', 'Quản lý, phát triển đảng viên'],
    delegates: [
      { fullName: 'Trần Văn Hiếu', title: 'Phó Bí thư Thường trực Tỉnh ủy, Trưởng đoàn', homeBody: 'Tỉnh ủy Bến Tre', role: 'leader' },
      { fullName: 'Nguyễn Thanh Bình', title: 'Phó Vụ trưởng', homeBody: 'Vụ Địa phương III, Ban Tổ chức Trung ương', role: 'member' },
      { fullName: 'Lê Thị Mỹ Hạnh', title: 'Phó Trưởng Ban Tổ chức Tỉnh ủy', homeBody: 'Ban Tổ chức Tỉnh ủy Bến Tre', role: 'member' },
      { fullName: 'Võ Minh Tâm', title: 'Chuyên viên', homeBody: 'Văn phòng Tỉnh ủy Bến Tre', role: 'member' },
    ],
    units: [{ unitId: units['28861'], visitedOn: DEMO_VISIT.date }, { unitId: units['831'], visitedOn: DEMO_VISIT.date }],
    documentIds: docs.map((d) => d.id),
  });
  visit = await service.update(visit.id, {
    status: 'visited', rowVersion: visit.rowVersion,
    findings: 'Đảng ủy xã Tiên Thủy và Huyện ủy Châu Thành đã quán triệt, ban hành kế hoạch thực hiện Nghị quyết 02-NQ/TU đúng thời gian; '
      + 'chất lượng sinh hoạt chi bộ có chuyển biến. Còn một số tổ chức cơ sở đảng, chi bộ yếu kém, chuyển biến chậm; một số đảng viên bỏ sinh hoạt, '
      + 'xin ra khỏi Đảng; phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước ở các khu công nghiệp còn ít.',
  });
  if (today < DEMO_VISIT.noticeDate) return { visits: 1, directives: 0, progress: 0 };
  visit = await service.conclude(visit.id, {
    rowVersion: visit.rowVersion,
    notice: {
      number: DEMO_VISIT.notice, issuedOn: DEMO_VISIT.noticeDate, place: 'Bến Tre', signerName: 'Trần Văn Hiếu', signerTitle: 'Phó Bí thư Thường trực',
      body: 'Ngày 05/5/2017, Đoàn công tác của Tỉnh ủy do đồng chí Phó Bí thư Thường trực Tỉnh ủy làm trưởng đoàn, cùng đồng chí Phó Vụ trưởng Vụ Địa phương III, '
        + 'Ban Tổ chức Trung ương, đã làm việc với Ban Thường vụ Đảng ủy xã Tiên Thủy và Ban Thường vụ Huyện ủy Châu Thành về kết quả thực hiện Nghị quyết 02-NQ/TU.\n'
        + 'Đoàn ghi nhận các đơn vị đã tổ chức quán triệt, ban hành kế hoạch thực hiện kịp thời, có nhiều cách làm phù hợp. Bên cạnh đó còn một số hạn chế '
        + 'về củng cố tổ chức cơ sở đảng yếu kém, quản lý đảng viên và phát triển đảng viên trong các khu công nghiệp.\n'
        + 'Ban Thường vụ Tỉnh ủy thông báo ý kiến kết luận và đề nghị các đơn vị tập trung thực hiện các nội dung sau.',
      recipients: ['Ban Tổ chức Trung ương (Vụ Địa phương III)', 'Thường trực Tỉnh ủy', 'Ban Thường vụ Huyện ủy Châu Thành', 'Ban Thường vụ Đảng ủy xã Tiên Thủy'],
    },
    directives: DIRECTIVES.map((d) => ({ text: d.text, responsibleUnitId: units[d.unit]!, owner: d.owner, deadline: d.deadline })),
  });
  let progress = 0;
  for (const [i, d] of DIRECTIVES.entries()) {
    let rowVersion = visit.directiveList[i]!.rowVersion;
    const id = visit.directiveList[i]!.id;
    for (const step of d.steps.filter((s) => s.on <= today)) {
      const r = await service.followUp(id, { rowVersion, note: step.note, evidence: step.evidence, status: step.status, doneOn: step.status === 'done' ? step.on : undefined, reportedOn: step.on });
      rowVersion = r.rowVersion;
      progress++;
    }
  }
  return { visits: 1, directives: DIRECTIVES.length, progress };
}
