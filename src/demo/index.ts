// The demo data: Đảng bộ tỉnh Bến Tre as of May 2017 (province), or the 63 provinces with about
// 5.6 million members (country), generated deterministically from a seed and bulk-loaded by COPY
// into an empty, migrated database, on PGlite or PostgreSQL.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';
import { inBulkTransaction, type BulkSession } from './bulk.ts';
import { dayOf } from './calendar.ts';
import { COUNSELLING_COLUMNS, CounsellingPlan, CounsellingRows } from './counselling.ts';
import { memberContext, memberTotal } from './members.ts';
import { loadDemoCandidates } from './candidates.ts';
import { loadRecruitmentDemo } from './recruitment.ts';
import { CELL_MEETING_COLUMNS, MEETING_ATTENDANCE_COLUMNS, MeetingPlan } from './meetings.ts';
import { loadPlaces } from './places.ts';
import { loadDocumentsDemo } from './documents.ts';
import { loadVisitsDemo } from './visits.ts';
import { loadDisseminationDemo } from './dissemination.ts';
import { applyBenTreHistory } from './bentre-history.ts';
import {
  MEMBER_COLUMNS, MEMBER_EVENT_COLUMNS, MEMBER_PERIOD_COLUMNS, UNIT_COLUMNS, UNIT_VERSION_COLUMNS,
  PeriodStore, memberEventRows, memberPeriodRows, memberRows, unitRows, unitVersionRows,
} from './rows.ts';
import { buildTree } from './tree.ts';

export interface DemoOptions {
  scale: 'province' | 'country';
  /** Country scale only: the provinces to build (tree.ts); all 63 when absent. */
  provinces?: string[];
  seed?: number;
  /** YYYY-MM-DD; default today. Ages, probation and recent events are counted back from it. */
  today?: string;
  onProgress?: (msg: string) => void;
}

export interface DemoSummary {
  units: number;
  members: number;
  /** Rows of member_event. */
  events: number;
  /** Rows of member_period (the replay of the events). */
  periods: number;
  /** Rows of counselling (the attrition cases' meetings and the members counselled back to activities). */
  counselling: number;
  /** Rows of cell_meeting (the monthly meetings of this year's full months; none for the country). */
  meetings: number;
  /** Rows of meeting_attendance. */
  attendance: number;
  /** Candidates for admission at various stages (Châu Thành hamlets and industrial parks). */
  candidates: number;
  /** Rows of document: Nghị quyết 02-NQ/TU and the implementation plans (src/demo/documents.ts). */
  documents: number;
  seconds: number;
}

export const DEFAULT_SEED = 2017;
/** The demo's tree is the map of 1 May 2017: its "today" cannot be earlier. */
export const EARLIEST_TODAY = '2017-05-01';

/** Tables the demo fills; the database must have none of their rows. */
const DEMO_TABLES = ['unit', 'unit_version', 'unit_succession', 'restructuring', 'member', 'member_period', 'member_event', 'counselling', 'cell_meeting', 'meeting_attendance', 'unit_member_count', 'stat_rollup', 'document'] as const;
/** Tables whose secondary indexes and foreign keys are dropped during the load and restored after it. */
const LOADED_TABLES = ['unit', 'unit_version', 'member', 'member_period', 'member_event', 'counselling', 'cell_meeting', 'meeting_attendance'];
/** Row triggers that would write one audit row, one counter update or one lookup per loaded row (0001–0004, 0009, 0010). */
const BULK_TRIGGERS: Array<[table: string, trigger: string]> = [
  ['unit', 'unit_audit'],
  ['unit_version', 'unit_version_audit'],
  ['member', 'member_audit'],
  ['member_period', 'member_period_audit'],
  ['member_event', 'member_event_audit'],
  ['counselling', 'counselling_audit'],
  ['cell_meeting', 'cell_meeting_audit'],
  ['member', 'member_count'],
  ['member', 'member_stat'],
  ['member', 'member_subtree_keys'],
];

const fmt = (n: number) => n.toLocaleString('vi-VN');

export async function loadDemo(handle: DatabaseHandle, options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`Hạt giống (seed) phải là số nguyên, không phải ${seed}`);
  if (options.scale !== 'province' && options.scale !== 'country') throw new Error(`Quy mô không hợp lệ: ${String(options.scale)}`);
  const today = options.today ?? todayIso();
  if (!isIsoDate(today)) throw new Error(`Ngày "hôm nay" phải có dạng YYYY-MM-DD, không phải "${today}"`);
  if (today < EARLIEST_TODAY) throw new Error(`Ngày "hôm nay" của dữ liệu mẫu không được trước ${EARLIEST_TODAY} (cây tổ chức là của tháng 5/2017)`);

  await assertEmpty(handle);

  const places = loadPlaces();
  const tree = buildTree(places, { seed, scale: options.scale, provinces: options.provinces });
  const members = memberTotal(tree);
  progress(`Cây tổ chức: ${fmt(tree.units.length)} đơn vị, ${fmt(tree.holders.length)} chi bộ; ${fmt(members)} đảng viên (hạt giống ${seed}, ngày ${today})`);
  const ctx = memberContext(tree, seed, dayOf(today), places.country);
  const every = options.scale === 'country' ? 500_000 : 20_000;
  const counter = (label: string, of: number) => {
    let shown = 0;
    return (n: number) => {
      if (n - shown >= every || n === of) {
        shown = n;
        progress(`${label}: ${fmt(n)} / ${fmt(of)}`);
      }
    };
  };

  const loaded = await inBulkTransaction(handle, async (s) => {
    // Memory for the index builds and for the roll-up's recount of 5.6 million members (its hash aggregates
    // spill to disk at the default 4 MB), for this transaction only.
    if (s.kind === 'postgres') await s.exec(`SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL work_mem = '256MB'`);
    const triggers = await existingTriggers(s);
    for (const [table, trigger] of triggers) await s.exec(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    const indexes = await secondaryIndexes(s);
    for (const ix of indexes) await s.exec(`DROP INDEX ${ix.name}`);
    const keys = await foreignKeys(s);
    for (const fk of keys) await s.exec(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);

    await s.copy('unit', UNIT_COLUMNS, unitRows(tree));
    await s.copy('unit_version', UNIT_VERSION_COLUMNS, unitVersionRows(tree));
    progress(`Đã nạp ${fmt(tree.units.length)} đơn vị`);
    // Each member's events are replayed once (members.ts); the member row and the periods come from it.
    const replayed = new PeriodStore();
    await s.copy('member', MEMBER_COLUMNS, memberRows(tree, ctx, replayed), counter('Đảng viên', members));
    const periods = await s.copy('member_period', MEMBER_PERIOD_COLUMNS, memberPeriodRows(tree, ctx, replayed));
    progress(`Đã nạp ${fmt(periods)} giai đoạn sinh hoạt đảng (diễn lại từ sự kiện)`);
    // The counselling rows are collected from the lives drawn for the events (a few per attrition case).
    const meetings = new CounsellingRows(new CounsellingPlan(tree, ctx), ctx.today);
    const events = await s.copy('member_event', MEMBER_EVENT_COLUMNS, memberEventRows(tree, ctx, (life) => meetings.add(life)));
    progress(`Đã nạp ${fmt(events)} sự kiện (kết nạp, công nhận chính thức, chuyển sinh hoạt, miễn sinh hoạt, kỷ luật, xóa tên, ra khỏi Đảng, từ trần)`);
    const counselling = await s.copy('counselling', COUNSELLING_COLUMNS, meetings.take());
    progress(`Đã nạp ${fmt(counselling)} lần gặp gỡ, động viên đảng viên bỏ sinh hoạt, không đóng đảng phí hoặc xin ra khỏi Đảng`);
    // The monthly cell meetings of this year (province only: the country keeps its build time), with the
    // attendance of the members in each cell on the day, from the replayed periods.
    let cellMeetings = 0;
    let attendance = 0;
    if (options.scale === 'province') {
      const plan = new MeetingPlan(tree, seed, ctx.today);
      cellMeetings = await s.copy('cell_meeting', CELL_MEETING_COLUMNS, plan.meetingRows());
      attendance = await s.copy('meeting_attendance', MEETING_ATTENDANCE_COLUMNS, plan.attendanceRows(replayed));
      progress(`Đã nạp ${fmt(cellMeetings)} kỳ sinh hoạt chi bộ năm nay, ${fmt(attendance)} lượt điểm danh, đóng đảng phí`);
    }
    progress('Đang dựng lại chỉ mục…');

    for (const ix of indexes) await s.exec(ix.def);
    // Re-adding a foreign key checks every row in one join, instead of one lookup per copied row.
    for (const fk of keys) await s.exec(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.def}`);
    for (const [table, trigger] of triggers) await s.exec(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    await s.exec('SELECT rebuild_unit_member_count()');
    await s.exec('SELECT stat_refresh(NULL)');
    for (const table of ['unit', 'member', 'member_event', 'counselling', 'cell_meeting']) {
      await s.exec(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
    }
    return { events, periods, counselling, meetings: cellMeetings, attendance };
  });
  // Before anything reads the loaded tables: without statistics the planner guesses, and at country size the
  // demo's own reads of the tree (documents, dissemination) took minutes.
  progress('Đang cập nhật thống kê cho bộ lập kế hoạch truy vấn (ANALYZE)…');
  await sql.raw(`ANALYZE ${[...LOADED_TABLES, 'unit_member_count', 'stat_rollup'].join(', ')}`).execute(handle.db);
  // A few thousand rows, inserted after the bulk load (with the member counts it reads for the targets).
  const docs = await loadDocumentsDemo(handle.db, seed);
  if (docs.documents) progress(`Đã nạp Nghị quyết 02-NQ/TU với ${fmt(docs.documents - 2)} kế hoạch thực hiện, ${fmt(docs.reports)} báo cáo tiến độ`);
  if ((await loadDisseminationDemo(handle.db, seed, today)).sessions) progress('Đã nạp các hội nghị quán triệt Nghị quyết 02-NQ/TU năm 2016 của các tổ chức cơ sở đảng');
  if ((await loadVisitsDemo(handle.db, today)).visits) progress('Đã nạp đoàn công tác của Tỉnh ủy ngày 05/05/2017 (Tiên Thủy, Châu Thành) với 6 ý kiến chỉ đạo và tiến độ thực hiện');
  // The communes' mergers of 2020–2024, before anything that reads the tree of later years.
  progress('Đang áp dụng các lần sắp xếp đơn vị hành chính cấp xã của Bến Tre (2020–2024)…');
  const history = await applyBenTreHistory(handle.db, today);
  progress(`Đã áp dụng ${fmt(history.reduce((n, d) => n + d.records.length, 0))} thao tác sắp xếp đơn vị hành chính cấp xã của Bến Tre (${history.map((d) => `${d.resolutions.join(', ')} từ ${d.date}`).join('; ')})`);
  const candidates = await loadDemoCandidates(handle, seed, today);
  progress(`Đã thêm ${fmt(candidates)} quần chúng ưu tú ở các bước phát triển đảng viên (Châu Thành, KCN Giao Long, An Hiệp)`);
  const recruitment = await loadRecruitmentDemo(handle.db, seed, today);
  progress(recruitment.message);

  const created = history.reduce((n, d) => n + d.records.reduce((k, r) => k + r.units.filter((u) => u.role === 'created').length, 0), 0);
  return { units: tree.units.length + created, members, ...loaded, candidates: candidates + recruitment.candidates, documents: docs.documents, seconds: (performance.now() - started) / 1000 };
}

async function assertEmpty(handle: DatabaseHandle): Promise<void> {
  const checks = DEMO_TABLES.map((t) => `(SELECT count(*) FROM (SELECT 1 FROM ${t} LIMIT 1) x) AS ${t}`).join(', ');
  const { rows } = await sql.raw<Record<string, number | string>>(`SELECT ${checks}`).execute(handle.db);
  const filled = DEMO_TABLES.filter((t) => Number(rows[0]?.[t] ?? 0) > 0);
  if (filled.length) {
    throw new Error(`Cơ sở dữ liệu không trống (đã có dữ liệu trong: ${filled.join(', ')}); dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống, đã cập nhật cấu trúc.`);
  }
}

async function existingTriggers(s: BulkSession): Promise<Array<[string, string]>> {
  const found = await s.rows<{ table: string; trigger: string }>(
    `SELECT c.relname AS table, t.tgname AS trigger FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())`,
  );
  const have = new Set(found.map((r) => `${r.table}.${r.trigger}`));
  return BULK_TRIGGERS.filter(([table, trigger]) => have.has(`${table}.${trigger}`));
}

/**
 * The indexes of the loaded tables that back no constraint (primary keys stay): building them once
 * after COPY is far cheaper than maintaining them row by row. Their definitions are read from the
 * catalog, so they come back exactly as the migrations made them.
 */
async function secondaryIndexes(s: BulkSession): Promise<Array<{ name: string; def: string }>> {
  return s.rows<{ name: string; def: string }>(
    `SELECT quote_ident(ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1::text[]) AND t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY t.relname, ic.relname`,
    [LOADED_TABLES],
  );
}

/** The foreign keys of the loaded tables, with their definitions from the catalog. */
async function foreignKeys(s: BulkSession): Promise<Array<{ table: string; name: string; def: string }>> {
  return s.rows<{ table: string; name: string; def: string }>(
    `SELECT quote_ident(t.relname) AS table, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relname = ANY($1::text[])
        AND t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
      ORDER BY t.relname, c.conname`,
    [LOADED_TABLES],
  );
}
