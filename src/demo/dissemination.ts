// The dissemination of Nghị quyết 02-NQ/TU in 2016 (issue 9 §8): each grassroots organization of the
// province holds a session (quán triệt) between 20/04 and 30/06/2016 for its members on the roll that
// day, with attendance as counts (85–97 % of the members, and the non-member cadres it invites); about
// 1 in 16 holds none, so the coverage report shows gaps. The district committees record the breakthrough
// of the motto they chose for 2016 and 2017 with their plan. Entered through DisseminationService, so the
// demo passes the user's rules; deterministic (hash of the seed and the unit's code).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../db/repos/users.ts';
import { DisseminationService } from '../commands/dissemination.ts';
import { addDays } from '../domain/dates.ts';
import { BREAKTHROUGHS, type Breakthrough } from '../domain/documents/dissemination.ts';
import { DEMO_RESOLUTION } from './documents.ts';
import { hash32, hashString } from './random.ts';

const WINDOW = { from: '2016-04-20', to: '2016-06-30' };
const MEASURES: Record<Breakthrough, string[]> = {
  dan_chu: ['Thực hiện nghiêm quy chế dân chủ ở cơ sở', 'Tổ chức đối thoại định kỳ giữa người đứng đầu cấp ủy với nhân dân'],
  ky_cuong: ['Siết chặt kỷ luật, kỷ cương sinh hoạt chi bộ', 'Kiểm tra việc chấp hành giờ giấc, chế độ báo cáo của các tổ chức cơ sở đảng'],
  doan_ket: ['Giải quyết dứt điểm đơn thư nội bộ', 'Phát huy vai trò Mặt trận và các đoàn thể trong khối đại đoàn kết'],
  nang_dong: ['Giao chỉ tiêu phát triển đảng viên gắn với trách nhiệm cấp ủy viên phụ trách', 'Đẩy mạnh cải cách hành chính trong công tác đảng'],
  doi_moi: ['Đổi mới nội dung, hình thức sinh hoạt chi bộ', 'Ứng dụng công nghệ thông tin trong quản lý đảng viên'],
};

export interface DisseminationDemoSummary { sessions: number; skipped: number; breakthroughs: number }

/** Whether a unit held no session in the demo, and the day it held it otherwise. */
export function sessionFate(seed: number, code: string): { day: string | null; share: number; others: number } {
  const h = hash32(seed, hashString(`dissemination:${code}`));
  if (h % 16 === 0) return { day: null, share: 0, others: 0 };
  return { day: addDays(WINDOW.from, (h >>> 4) % 72), share: 85 + ((h >>> 12) % 13), others: (h >>> 20) % 9 };
}

export async function loadDisseminationDemo(db: Kysely<Database>, seed: number, today: string): Promise<DisseminationDemoSummary> {
  const empty = { sessions: 0, skipped: 0, breakthroughs: 0 };
  const nq = await db.selectFrom('document as d').innerJoin('unit as u', 'u.id', 'd.issuing_unit_id').select(['d.id', 'u.path'])
    .where('d.number_text', '=', DEMO_RESOLUTION.number).where('d.issue_year', '=', 2016).where('u.code', '=', '83').executeTakeFirst();
  if (!nq || today < WINDOW.to) return empty;
  const service = new DisseminationService(db, await systemActor(db), today);
  // Grassroots organizations in force over the whole window (the tree of 2016, before the later mergers).
  const { rows: units } = await sql<{ unit_id: number; code: string; name: string }>`
    SELECT v.unit_id, v.code, v.name FROM unit_version v JOIN unit u ON u.id = v.unit_id
    WHERE v.kind IN ('grassroots_committee', 'grassroots_cell') AND u.path <@ ${nq.path}::ltree
      AND v.valid_from <= ${WINDOW.from}::date AND (v.valid_to IS NULL OR v.valid_to > ${WINDOW.to}::date)
    ORDER BY v.code`.execute(db);
  let sessions = 0;
  let skipped = 0;
  for (const u of units) {
    const fate = sessionFate(seed, u.code);
    const expected = fate.day ? (await service.roll(u.unit_id, fate.day)).length : 0;
    if (!fate.day || !expected) { skipped++; continue; }
    await service.record({
      unitId: u.unit_id, heldOn: fate.day, kind: 'quan_triet', documentIds: [nq.id], place: `Hội trường ${u.name}`,
      title: `Hội nghị quán triệt Nghị quyết ${DEMO_RESOLUTION.number} của Tỉnh ủy`,
      attendedMembers: Math.floor((expected * fate.share) / 100), expectedOthers: fate.others, attendedOthers: Math.max(0, fate.others - (fate.share % 2)),
    });
    sessions++;
  }
  // The district committees' breakthroughs for 2016 and 2017, with their plan for 02-NQ/TU when they have one.
  const { rows: districts } = await sql<{ id: number; code: string; plan_id: number | null }>`
    SELECT u.id, u.code, (SELECT d.id FROM document d JOIN document_link l ON l.document_id = d.id AND l.target_id = ${nq.id} AND l.relation = 'implements'
        WHERE d.issuing_unit_id = u.id ORDER BY d.issued_on LIMIT 1) AS plan_id
    FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= '2016-12-31' AND (v.valid_to IS NULL OR v.valid_to > '2017-12-31')
    WHERE v.kind = 'district_committee' AND u.path <@ ${nq.path}::ltree ORDER BY u.code`.execute(db);
  let breakthroughs = 0;
  for (const d of districts) {
    for (const year of [2016, 2017]) {
      const b = BREAKTHROUGHS[hash32(seed, hashString(`breakthrough:${d.code}:${year}`)) % BREAKTHROUGHS.length]!;
      await service.setBreakthrough(d.id, { year, breakthrough: b, measures: MEASURES[b], documentId: d.plan_id });
      breakthroughs++;
    }
  }
  return { sessions, skipped, breakthroughs };
}
