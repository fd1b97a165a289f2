// Demo register of cadres and civil servants who asked to quit (issue 10 §4), from 2014 to the demo's
// today, for every district of Bến Tre and a few provincial agencies: the seed's "từ đầu năm 2016 đến nay,
// huyện có 75 cán bộ, công chức xin nghỉ việc" is Châu Thành's (831) exact count between 01/01/2016 and
// 05/05/2017, spread over its communes and agencies. Each request has one to three counselling meetings
// and, unless recent, an outcome. Rows are checked by the same pure rules as the service, and inserted in
// one transaction; the same seed and today give the same rows.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../db/repos/users.ts';
import { inTransaction } from '../db/transaction.ts';
import { addDays, daysBetween } from '../domain/dates.ts';
import { checkCounselling, checkResignation, type ResignationOutcome, type ResignationReason } from '../domain/recruitment/resignations.ts';
import { nameSortKey, searchKey } from '../text/vietnamese.ts';
import { generateName } from './names.ts';
import { Rng, hash32, hashString } from './random.ts';

export const SEED_WINDOW = { unit: '831', since: '2016-01-01', until: '2017-05-05', count: 75 } as const;
const FIRST_YEAR = 2014;

interface Place { unitId: number; path: string; level: 'commune' | 'district' | 'province'; agency: string; positions: readonly string[]; commune: boolean }
interface Holder { id: number; full_name: string; path: string }

const COMMUNE_POSITIONS = [
  'Công chức Địa chính - Xây dựng', 'Công chức Văn phòng - Thống kê', 'Công chức Tư pháp - Hộ tịch', 'Công chức Tài chính - Kế toán',
  'Công chức Văn hóa - Xã hội', 'Phó Chủ tịch Hội Nông dân', 'Chủ tịch Hội Liên hiệp Phụ nữ', 'Bí thư Đoàn Thanh niên', 'Phó Chỉ huy trưởng Quân sự',
] as const;
const AGENCY_POSITIONS = ['Chuyên viên', 'Chuyên viên', 'Cán sự', 'Viên chức', 'Phó Trưởng phòng'] as const;
const REASONS: ReadonlyArray<[ResignationReason, number]> = [['income', 0.42], ['family', 0.2], ['moving', 0.16], ['health', 0.1], ['other', 0.12]];
const FINAL_NOTES: Record<ResignationOutcome, string> = {
  stayed: 'Đồng ý ở lại công tác sau khi được động viên',
  resigned: 'Vẫn giữ nguyện vọng; đề nghị giải quyết cho nghỉ việc theo quy định',
  moved: 'Thống nhất bố trí chuyển sang vị trí công tác khác',
};

export interface ResignationDemoSummary { requests: number; counselling: number; seedWindow: number }

export async function loadResignationsDemo(db: Kysely<Database>, seed: number, today: string): Promise<ResignationDemoSummary> {
  const province = await db.selectFrom('unit').select(['id', 'path']).where('code', '=', '83').where('kind', '=', 'province_committee').executeTakeFirst();
  if (!province) return { requests: 0, counselling: 0, seedWindow: 0 }; // Not the Bến Tre demo.
  const districts = await db.selectFrom('unit').select(['id', 'code', 'name', 'path']).where('parent_id', '=', province.id)
    .where('kind', '=', 'district_committee').orderBy('code').execute();
  // Members who were on the roll for the whole span, so that a link is right on any request date.
  const { rows: holders } = await sql<Holder>`
    SELECT m.id, m.full_name, u.path FROM member m JOIN unit u ON u.id = m.unit_id
     WHERE u.path <@ ${province.path}::ltree AND m.status IN ('official', 'probationary') AND m.admission_date < ${`${FIRST_YEAR}-01-01`}::date
     ORDER BY m.id`.execute(db);
  const pools = new Map<number, Holder[]>();
  const holdersOf = (p: Place) => {
    let pool = pools.get(p.unitId);
    if (!pool) pools.set(p.unitId, (pool = holders.filter((h) => h.path === p.path || h.path.startsWith(`${p.path}.`))));
    return pool;
  };
  const requests: Array<Record<string, unknown> & { counselling: Array<{ met_on: string; met_by: string; outcome_note: string }> }> = [];
  let seedWindow = 0;

  const draw = async (rng: Rng, places: Place[], from: string, to: string, n: number) => {
    const span = daysBetween(from, to);
    for (let i = 0; i < n; i++) {
      const place = rng.pick(places);
      const requestedOn = addDays(from, rng.int(0, span));
      requests.push(makeRequest(rng, place, requestedOn, today, holdersOf));
    }
  };

  for (const d of districts) {
    const rng = new Rng(hash32(seed, hashString(`resignations:${d.code}`)));
    const places = await placesOf(db, d);
    if (!places.length) continue;
    if (d.code === SEED_WINDOW.unit) {
      const until = SEED_WINDOW.until < today ? SEED_WINDOW.until : today;
      await draw(rng, places, SEED_WINDOW.since, until, SEED_WINDOW.count);
      seedWindow = SEED_WINDOW.count;
      await draw(rng, places, `${FIRST_YEAR}-01-01`, addDays(SEED_WINDOW.since, -1), rng.int(30, 45));
      if (today > SEED_WINDOW.until) await draw(rng, places, addDays(SEED_WINDOW.until, 1), today, Math.round(daysBetween(SEED_WINDOW.until, today) / 365 * rng.int(20, 35)));
    } else {
      for (let year = FIRST_YEAR; year <= Number(today.slice(0, 4)); year++) {
        const end = `${year}-12-31` < today ? `${year}-12-31` : today;
        await draw(rng, places, `${year}-01-01`, end, rng.int(8, 30));
      }
    }
  }
  // A few provincial agencies (level province), under the province committee itself.
  const rng = new Rng(hash32(seed, hashString('resignations:83')));
  const agencies = await db.selectFrom('unit').select(['id', 'name', 'path']).where('parent_id', '=', province.id).where('kind', 'in', ['grassroots_cell', 'grassroots_committee'])
    .where('name', 'like', 'Chi bộ Sở %').orderBy('id').execute();
  if (agencies.length) {
    const places: Place[] = agencies.map((a) => ({ unitId: a.id, path: a.path, level: 'province', agency: `${a.name.replace(/^Chi bộ /, '')} tỉnh Bến Tre`, positions: AGENCY_POSITIONS, commune: false }));
    for (let year = FIRST_YEAR; year <= Number(today.slice(0, 4)); year++) {
      await draw(rng, places, `${year}-01-01`, `${year}-12-31` < today ? `${year}-12-31` : today, rng.int(3, 8));
    }
  }

  const actor = await systemActor(db);
  let meetings = 0;
  await inTransaction(db, actor, (tx) => withoutAudit(tx, ['resignation_request', 'resignation_counselling'], async () => {
    for (let i = 0; i < requests.length; i += 400) {
      const chunk = requests.slice(i, i + 400);
      const ids = await tx.insertInto('resignation_request').values(chunk.map(({ counselling: _c, ...r }) => r as never)).returning('id').execute();
      const rows = chunk.flatMap((r, k) => r.counselling.map((m) => ({ ...m, request_id: ids[k]!.id, recorded_at: today })));
      meetings += rows.length;
      if (rows.length) await tx.insertInto('resignation_counselling').values(rows).execute();
    }
  }));
  return { requests: requests.length, counselling: meetings, seedWindow };
}

/**
 * Demo rows carry no audit, like the bulk-loaded ones (the audit log records what users did): the tables'
 * audit triggers are off inside the loading transaction only.
 */
export async function withoutAudit<T>(tx: Kysely<Database>, tables: string[], fn: () => Promise<T>): Promise<T> {
  for (const t of tables) await sql.raw(`ALTER TABLE ${t} DISABLE TRIGGER ${t}_audit`).execute(tx);
  const result = await fn();
  for (const t of tables) await sql.raw(`ALTER TABLE ${t} ENABLE TRIGGER ${t}_audit`).execute(tx);
  return result;
}

/** The communes (commune level) and agencies (district level) of a district, as places people work. */
async function placesOf(db: Kysely<Database>, d: { id: number; name: string; path: string }): Promise<Place[]> {
  const label = d.name.replace(/^Đảng bộ /, '');
  const communes = await db.selectFrom('unit').select(['id', 'name', 'path']).where('parent_id', '=', d.id).where('kind', '=', 'grassroots_committee')
    .where((eb) => eb.or([eb('name', 'like', 'Đảng bộ xã %'), eb('name', 'like', 'Đảng bộ thị trấn %'), eb('name', 'like', 'Đảng bộ phường %')]))
    .orderBy('id').execute();
  const { rows: agencies } = await sql<{ id: number; name: string; path: string }>`
    SELECT u.id, u.name, u.path FROM unit u WHERE u.path <@ ${d.path}::ltree AND u.kind IN ('cell', 'grassroots_cell')
       AND (u.name LIKE 'Chi bộ Phòng %' OR u.name LIKE 'Chi bộ Văn phòng %' OR u.name LIKE 'Chi bộ Trung tâm Y tế %' OR u.name LIKE 'Chi bộ Trường THPT %')
     ORDER BY u.id`.execute(db);
  const places: Place[] = [];
  for (const c of communes) {
    const where = c.name.replace(/^Đảng bộ /, '');
    // Communes weigh more: most of those who quit are commune civil servants (low pay).
    for (const agency of [`Ủy ban nhân dân ${where}`, `Ủy ban nhân dân ${where}`, `Đảng ủy ${where}`, `Ủy ban Mặt trận Tổ quốc ${where}`]) {
      places.push({ unitId: c.id, path: c.path, level: 'commune', agency, positions: COMMUNE_POSITIONS, commune: true });
    }
  }
  for (const a of agencies) {
    const name = a.name.replace(/^Chi bộ /, '');
    const agency = name.includes(label.replace(/^huyện |^thành phố /, '')) ? name : `${name} ${label}`;
    const positions = name.startsWith('Trường') ? ['Giáo viên', 'Giáo viên', 'Nhân viên văn phòng'] : name.startsWith('Trung tâm Y tế') ? ['Bác sĩ', 'Điều dưỡng', 'Y sĩ'] : AGENCY_POSITIONS;
    for (let k = 0; k < 3; k++) places.push({ unitId: a.id, path: a.path, level: 'district', agency, positions, commune: false });
  }
  return places;
}

function makeRequest(rng: Rng, place: Place, requestedOn: string, today: string, holders: (p: Place) => Holder[]) {
  const sex = rng.chance(0.45) ? 'female' : 'male';
  let fullName = generateName(rng, sex, 'south', 'Kinh').full;
  let memberId: number | null = null;
  if (rng.chance(0.4)) {
    const pool = holders(place);
    if (pool.length) {
      const h = rng.pick(pool);
      memberId = h.id;
      fullName = h.full_name;
    }
  }
  let x = rng.float();
  const reason = REASONS.find(([, w]) => (x -= w) < 0)?.[0] ?? 'other';
  const wait = rng.int(10, 90);
  const decided = addDays(requestedOn, wait) <= today && rng.chance(0.95);
  const outcome: ResignationOutcome | null = decided ? (rng.chance(place.commune ? 0.42 : 0.5) ? 'stayed' : rng.chance(0.62) ? 'resigned' : 'moved') : null;
  const outcomeOn = outcome ? addDays(requestedOn, wait) : null;
  const last = outcomeOn ?? today;
  const counselling: Array<{ met_on: string; met_by: string; outcome_note: string }> = [];
  const n = rng.int(1, 3);
  let met = requestedOn;
  for (let k = 0; k < n; k++) {
    met = addDays(met, rng.int(2, 20));
    if (met > last) break;
    const finalMeeting = outcome && k === n - 1;
    counselling.push({
      met_on: met,
      met_by: place.commune ? rng.pick(['Phó Bí thư Thường trực Đảng ủy', 'Bí thư Đảng ủy', 'Chủ tịch Ủy ban nhân dân']) + ` ${place.agency.replace(/^.*? (xã|thị trấn|phường) /, '$1 ')}`
        : rng.pick(['Ban Tổ chức Huyện ủy', 'Thủ trưởng cơ quan', 'Bí thư chi bộ']),
      outcome_note: finalMeeting ? FINAL_NOTES[outcome] : rng.pick(['Xin thêm thời gian suy nghĩ', 'Vẫn giữ nguyện vọng nghỉ việc', 'Trình bày khó khăn về thu nhập, gia đình']),
    });
  }
  const row = {
    full_name: fullName, name_search: searchKey(fullName), name_sort: nameSortKey(fullName), member_id: memberId, agency: place.agency,
    position: rng.pick(place.positions), level: place.level, unit_id: place.unitId, requested_on: requestedOn, reason, reason_note: null,
    outcome, outcome_on: outcomeOn, outcome_note: outcome ? FINAL_NOTES[outcome] : null, created_at: today, updated_at: today,
  };
  // The demo obeys the rules the service enforces; a fault here is a bug of the generator.
  const faults = [
    ...checkResignation({ fullName, agency: row.agency, position: row.position, level: row.level, requestedOn, reason, outcome, outcomeOn }, today),
    ...counselling.flatMap((m) => checkCounselling({ metOn: m.met_on, metBy: m.met_by, outcomeNote: m.outcome_note }, requestedOn, today)),
  ];
  if (faults.length) throw new Error(`Dữ liệu mẫu đơn xin nghỉ việc sai: ${faults.map((f) => `${f.field}: ${f.message}`).join('; ')}`);
  return { ...row, counselling };
}
