// The demo's members: for each cell, people with a consistent life (birth, admission, recognition as
// official, transfers, exemption, death, removal) and a profile of form 2-HSĐV. Each member is drawn
// from streams seeded by (seed, member id), so a second pass over the same tree regenerates the same
// histories without keeping millions of members in memory.
import type { MemberProfile, MemberStatus } from '../domain/members.ts';
import { collationKey, searchKey } from '../text/vietnamese.ts';
import { addMonthsDay, birthdayDay, dayOf, isoOf, yearOf } from './calendar.ts';
import { CitizenIdIssuer, cardNumber } from './identity.ts';
import { birthOrderNickname, ethnicityTable, generateName, regionOf, type PersonName, type Sex } from './names.ts';
import type { Commune, Province } from './places.ts';
import { Rng, Weighted, hash32 } from './random.ts';
import type { DemoTree, Holder, HolderProfile, PinnedMember } from './tree.ts';

export interface Period {
  from: number;
  status: MemberStatus;
  unitId: number;
}

/** What both passes need: sex, dates, status and the dated history. */
export interface MemberCore {
  id: number;
  holder: Holder;
  sex: Sex;
  birth: number;
  admission: number;
  official: number | null;
  status: MemberStatus;
  /** Day of the last status change (exemption, death, removal, leaving, transfer letter), if any. */
  finalDay: number | null;
  /** Contiguous periods; each ends where the next starts, the last is open. */
  periods: Period[];
  /** Set for the member whose name the demo fixes ("Trần Ngọc Tâm"). */
  pinned?: PinnedMember;
}

export interface GeneratedMember {
  core: MemberCore;
  fullName: string;
  profile: MemberProfile;
  nameSearch: string;
  nameSort: string;
}

export interface MemberContext {
  seed: number;
  today: number;
  /** All provinces (birth places outside the cell's province are drawn from them). */
  country: Province[];
}

// ---------------------------------------------------------------------------------------------
// Status, age and dates.

const w = <T>(entries: Array<[T, number]>) => new Weighted(entries);

const STATUS_RESIDENTIAL = w<MemberStatus>([
  ['probationary', 4.8], ['exempt', 6], ['deceased', 4.5], ['removed', 1.5], ['left', 0.7], ['transferring', 0.8], ['official', 81.7],
]);
const STATUS_WORKING = w<MemberStatus>([
  ['probationary', 6.5], ['removed', 1], ['left', 0.5], ['transferring', 1.2], ['official', 90.8],
]);

type Band = [number, number];
const AGE_OFFICIAL_RESIDENTIAL = w<Band>([[[20, 30], 8], [[30, 40], 16], [[40, 50], 18], [[50, 60], 20], [[60, 70], 19], [[70, 90], 19]]);
const AGE_OFFICIAL_WORKING = w<Band>([[[22, 30], 16], [[30, 40], 34], [[40, 50], 28], [[50, 59], 22]]);
const AGE_PROBATIONARY = w<Band>([[[20, 26], 45], [[26, 32], 30], [[32, 40], 18], [[40, 50], 7]]);
const AGE_BY_STATUS: Partial<Record<MemberStatus, Band>> = {
  exempt: [68, 90], deceased: [60, 90], removed: [28, 65], left: [28, 60], transferring: [24, 55],
};
const YEAR = 365.2425;

function isWorking(profile: HolderProfile): boolean {
  return profile !== 'residential';
}

/** A cell founded on or before `day`, other than `not`, from the first pool that has one. */
function cellFoundedBy(rng: Rng, pools: Array<Holder['orgPool'] | null>, day: number, not: Holder): Holder | null {
  for (const pool of pools) {
    if (!pool) continue;
    const n = pool.countFoundedBy(day);
    if (n === 0) continue;
    const h = pool.holders[rng.int(0, n - 1)]!;
    if (h !== not) return h;
    if (n > 1) {
      const other = pool.holders[rng.int(0, n - 2)]!;
      return other === not ? pool.holders[n - 1]! : other;
    }
  }
  return null;
}

const FEMALE_SHARE: Record<HolderProfile, number> = {
  residential: 0.33, office: 0.4, agency: 0.42, school: 0.68, health: 0.6, police: 0.12, military: 0.05, enterprise: 0.45,
};

/** A day in [lo, hi], or null when the range is empty. */
function dayIn(rng: Rng, lo: number, hi: number): number | null {
  return lo <= hi ? rng.int(lo, hi) : null;
}

export function generateCore(holder: Holder, indexInCell: number, id: number, ctx: MemberContext): MemberCore {
  const rng = new Rng(hash32(ctx.seed, id, 1));
  const today = ctx.today;
  const cell = holder.unit;
  const working = isWorking(holder.profile);
  const pinned = indexInCell === 0 ? holder.pinned : undefined;

  // Sex and status.
  const femaleShare = FEMALE_SHARE[holder.profile];
  const sex: Sex = pinned ? pinned.sex : rng.chance(femaleShare) ? 'female' : 'male';
  let status: MemberStatus = pinned ? pinned.status : rng.weighted(working ? STATUS_WORKING : STATUS_RESIDENTIAL);

  // Age today (deceased: the age they would have), then the birth day.
  const band: Band = status === 'official'
    ? rng.weighted(working ? AGE_OFFICIAL_WORKING : AGE_OFFICIAL_RESIDENTIAL)
    : status === 'probationary' ? rng.weighted(AGE_PROBATIONARY) : AGE_BY_STATUS[status]!;
  const oldest = birthdayDay(today, -90) + 1; // not yet 90 today
  const youngest = birthdayDay(today, -20); // 20 today
  const age = band[0] + rng.float() * (band[1] - band[0]);
  const birth = Math.min(youngest, Math.max(oldest, today - Math.round(age * YEAR)));

  // Admission: from 18 full years of age; late enough in life for what comes after it.
  const adult = birthdayDay(birth, 18);
  const twelveMonthsAgo = addMonthsDay(today, -12);
  let latest: number;
  let earliest = adult;
  if (status === 'probationary') {
    earliest = Math.max(adult, twelveMonthsAgo + 1);
    latest = today - 7;
  } else if (status === 'official') latest = twelveMonthsAgo - 1;
  else if (status === 'transferring') latest = addMonthsDay(today, -15);
  else latest = addMonthsDay(today, -24);
  latest = Math.min(latest, birthdayDay(birth, 60) - 1);
  let admission: number;
  if (status === 'probationary') admission = rng.int(earliest, Math.max(earliest, latest));
  else {
    const maxAge = Math.min(55, (latest - birth) / YEAR);
    const ageAtAdmission = 18.1 + Math.pow(rng.float(), 1.7) * Math.max(0, maxAge - 18.1);
    admission = Math.min(latest, Math.max(earliest, birth + Math.round(ageAtAdmission * YEAR)));
  }

  // A cell founded after the admission: the member was admitted in an older cell and moved.
  let firstCell: Holder | null = null;
  let transfer: number | null = null;
  let forced = false;
  if (admission < cell.established) {
    firstCell = cellFoundedBy(rng, [holder.orgPool, holder.districtPool, holder.provincePool], admission, holder);
    if (!firstCell) {
      const oldestCell = holder.provincePool.holders[0]!;
      admission = Math.min(Math.max(admission, oldestCell.unit.established + 1), latest);
      if (oldestCell !== holder && admission < cell.established) firstCell = oldestCell;
    }
    forced = firstCell !== null;
  }

  // Recognition as official, 12 months after admission (Điều lệ Đảng, Điều 5).
  let official: number | null = status === 'probationary' ? null : addMonthsDay(admission, 12);
  const removedOnProbation = status === 'removed' && rng.chance(0.3);
  if (removedOnProbation) official = null;

  // The last change of status.
  const notBefore = Math.max(forced ? cell.established + 1 : admission + 1, (official ?? admission) + 1);
  let finalDay: number | null = null;
  switch (status) {
    case 'exempt':
      finalDay = dayIn(rng, Math.max(notBefore, official! + 365, birthdayDay(birth, 68)), today - 1);
      break;
    case 'deceased':
      finalDay = dayIn(rng, Math.max(notBefore, official! + 180, birthdayDay(birth, 55), addMonthsDay(today, -120)), today - 1);
      break;
    case 'removed':
      finalDay = removedOnProbation
        ? dayIn(rng, Math.max(notBefore, addMonthsDay(admission, 12) + 5), Math.min(addMonthsDay(admission, 12) + 40, today - 1))
        : dayIn(rng, Math.max(notBefore, official! + 365, addMonthsDay(today, -144)), today - 30);
      break;
    case 'left':
      finalDay = dayIn(rng, Math.max(notBefore, official! + 730, addMonthsDay(today, -144)), today - 30);
      break;
    case 'transferring':
      finalDay = dayIn(rng, Math.max(notBefore, today - 60), today - 1);
      break;
    default:
      break;
  }
  if (status !== 'official' && status !== 'probationary' && finalDay === null) {
    // No room for the change (a young cell, a late admission): an official member instead.
    status = 'official';
    if (official === null) official = addMonthsDay(admission, 12);
  }

  // Transfers: forced ones on or soon after the new cell's founding; some others at random.
  const end = finalDay ?? today;
  if (forced) {
    transfer = dayIn(rng, cell.established, Math.min(cell.established + 365, end - 1));
    if (transfer === null) {
      // The new cell is too young for this member's history: keep the member in the old cell's era.
      transfer = cell.established;
    }
  } else if (!pinned && rng.chance(status === 'probationary' ? 0.03 : 0.07)) {
    const r = rng.float();
    const pools = r < 0.6 ? [holder.orgPool, holder.districtPool] : r < 0.9 ? [holder.districtPool, holder.orgPool] : [holder.provincePool];
    const other = cellFoundedBy(rng, pools, admission, holder);
    const t = other ? dayIn(rng, Math.max(admission + 60, cell.established), end - 1) : null;
    if (other && t !== null) {
      firstCell = other;
      transfer = t;
    }
  }

  // The dated history: admission (probationary), official, transfer, last change.
  const periods: Period[] = [];
  const events: Array<[number, MemberStatus | null, number | null]> = [[admission, 'probationary', (firstCell ?? holder).unit.id]];
  if (official !== null && official <= today) events.push([official, 'official', null]);
  if (transfer !== null && firstCell) events.push([transfer, null, cell.id]);
  if (finalDay !== null) events.push([finalDay, status, null]);
  events.sort((a, b) => a[0] - b[0]);
  let curStatus: MemberStatus = 'probationary';
  let curUnit = events[0]![2]!;
  for (const [day, s, u] of events) {
    if (s) curStatus = s;
    if (u !== null) curUnit = u;
    const last = periods[periods.length - 1];
    if (last && last.from === day) {
      last.status = curStatus;
      last.unitId = curUnit;
    } else if (!last || last.status !== curStatus || last.unitId !== curUnit) periods.push({ from: day, status: curStatus, unitId: curUnit });
  }
  return { id, holder, sex, birth, admission, official, status, finalDay, periods, pinned };
}

// ---------------------------------------------------------------------------------------------
// The profile.

const RELIGION_SOUTH = w<string | null>([[null, 87], ['Phật giáo', 6.5], ['Công giáo', 3], ['Cao Đài', 2.5], ['Phật giáo Hòa Hảo', 1]]);
const RELIGION_OTHER = w<string | null>([[null, 90], ['Phật giáo', 6.5], ['Công giáo', 3.5]]);

const EDUCATION_PROFESSIONAL: Record<HolderProfile, Weighted<string | null>> = {
  residential: w<string | null>([
    [null, 45], ['Trung cấp Nông nghiệp', 8], ['Trung cấp Kế toán', 5], ['Trung cấp Hành chính', 5], ['Cao đẳng Sư phạm', 4],
    ['Cao đẳng Kỹ thuật', 3], ['Cử nhân Luật', 6], ['Kỹ sư Nông nghiệp', 6], ['Cử nhân Kinh tế', 6], ['Cử nhân Sư phạm', 5],
    ['Cử nhân Quản lý nhà nước', 4], ['Thạc sĩ Quản lý kinh tế', 1.5], ['Kỹ sư Thủy sản', 1.5],
  ]),
  office: w<string | null>([
    ['Cử nhân Luật', 20], ['Cử nhân Kinh tế', 15], ['Cử nhân Hành chính', 15], ['Cử nhân Quản lý nhà nước', 12],
    ['Kỹ sư Nông nghiệp', 8], ['Trung cấp Hành chính', 15], ['Trung cấp Kế toán', 8], ['Thạc sĩ Quản lý công', 3], [null, 4],
  ]),
  agency: w<string | null>([
    ['Cử nhân Luật', 20], ['Cử nhân Kinh tế', 20], ['Cử nhân Hành chính', 12], ['Kỹ sư Nông nghiệp', 8], ['Thạc sĩ Quản lý công', 12],
    ['Cử nhân Quản lý nhà nước', 10], ['Kỹ sư Xây dựng', 6], ['Thạc sĩ Kinh tế', 6], ['Trung cấp Hành chính', 6],
  ]),
  school: w<string | null>([
    ['Cử nhân Sư phạm Toán', 12], ['Cử nhân Sư phạm Ngữ văn', 12], ['Cử nhân Sư phạm Tiểu học', 16], ['Cử nhân Sư phạm Tiếng Anh', 8],
    ['Cử nhân Sư phạm Hóa học', 6], ['Cao đẳng Sư phạm', 22], ['Thạc sĩ Quản lý giáo dục', 10], ['Trung cấp Sư phạm Mầm non', 8],
  ]),
  health: w<string | null>([
    ['Bác sĩ Đa khoa', 30], ['Bác sĩ Chuyên khoa I', 10], ['Cử nhân Điều dưỡng', 20], ['Y sĩ', 15], ['Dược sĩ Đại học', 10], ['Trung cấp Y', 15],
  ]),
  police: w<string | null>([['Cử nhân An ninh', 35], ['Cử nhân Cảnh sát', 35], ['Trung cấp Cảnh sát', 30]]),
  military: w<string | null>([['Trung cấp Quân sự', 50], ['Cử nhân Chỉ huy tham mưu', 30], ['Cao đẳng Quân sự', 20]]),
  enterprise: w<string | null>([
    [null, 30], ['Kỹ sư Cơ khí', 10], ['Cử nhân Kế toán', 15], ['Cử nhân Quản trị kinh doanh', 15], ['Trung cấp Kỹ thuật', 20], ['Kỹ sư Điện', 10],
  ]),
};

/** In hamlet cells, schooling goes with the occupation. */
const EDUCATION_MANUAL = w<string | null>([
  [null, 65], ['Trung cấp Nông nghiệp', 12], ['Trung cấp Kế toán', 5], ['Cao đẳng Kỹ thuật', 5], ['Kỹ sư Nông nghiệp', 6],
  ['Cử nhân Kinh tế', 4], ['Kỹ sư Thủy sản', 3],
]);
const EDUCATION_BY_OCCUPATION: Record<string, Weighted<string | null>> = {
  'Nông dân': EDUCATION_MANUAL, 'Ngư dân': EDUCATION_MANUAL, 'Lao động tự do': EDUCATION_MANUAL, 'Thợ thủ công': EDUCATION_MANUAL,
  'Nội trợ': EDUCATION_MANUAL, 'Buôn bán': EDUCATION_MANUAL, 'Kinh doanh': EDUCATION_MANUAL, 'Công nhân': EDUCATION_MANUAL,
  'Cán bộ ấp': EDUCATION_PROFESSIONAL.office, 'Cán bộ thôn': EDUCATION_PROFESSIONAL.office,
  'Cán bộ khu phố': EDUCATION_PROFESSIONAL.office, 'Cán bộ tổ dân phố': EDUCATION_PROFESSIONAL.office,
  'Công chức': EDUCATION_PROFESSIONAL.office, 'Viên chức': EDUCATION_PROFESSIONAL.agency, 'Giáo viên': EDUCATION_PROFESSIONAL.school,
};

type Theory = 'none' | 'so_cap' | 'trung_cap' | 'cao_cap' | 'cu_nhan';
const THEORY: Record<HolderProfile, Weighted<Theory>> = {
  residential: w<Theory>([['none', 10], ['so_cap', 70], ['trung_cap', 17], ['cao_cap', 2], ['cu_nhan', 1]]),
  office: w<Theory>([['none', 3], ['so_cap', 35], ['trung_cap', 50], ['cao_cap', 9], ['cu_nhan', 3]]),
  agency: w<Theory>([['none', 3], ['so_cap', 35], ['trung_cap', 50], ['cao_cap', 9], ['cu_nhan', 3]]),
  school: w<Theory>([['none', 8], ['so_cap', 75], ['trung_cap', 15], ['cao_cap', 2]]),
  health: w<Theory>([['none', 8], ['so_cap', 75], ['trung_cap', 15], ['cao_cap', 2]]),
  police: w<Theory>([['none', 5], ['so_cap', 55], ['trung_cap', 35], ['cao_cap', 5]]),
  military: w<Theory>([['none', 5], ['so_cap', 55], ['trung_cap', 35], ['cao_cap', 5]]),
  enterprise: w<Theory>([['none', 15], ['so_cap', 75], ['trung_cap', 10]]),
};
const THEORY_PROBATIONARY = w<Theory>([['none', 60], ['so_cap', 40]]);

const OCCUPATION: Record<HolderProfile, Weighted<string>> = {
  residential: w([
    ['Nông dân', 38], ['Buôn bán', 10], ['Cán bộ ấp', 8], ['Lao động tự do', 8], ['Công nhân', 8], ['Giáo viên', 5], ['Công chức', 5],
    ['Viên chức', 4], ['Kinh doanh', 5], ['Thợ thủ công', 3], ['Ngư dân', 2], ['Nội trợ', 2],
  ]),
  office: w([['Công chức', 60], ['Cán bộ chuyên trách', 30], ['Viên chức', 10]]),
  agency: w([['Công chức', 70], ['Viên chức', 30]]),
  school: w([['Giáo viên', 85], ['Viên chức', 15]]),
  health: w([['Bác sĩ', 35], ['Điều dưỡng', 30], ['Y sĩ', 15], ['Dược sĩ', 10], ['Viên chức', 10]]),
  police: w([['Công an', 1]]),
  military: w([['Quân nhân', 1]]),
  enterprise: w([['Công nhân', 55], ['Kỹ sư', 15], ['Nhân viên văn phòng', 20], ['Quản lý doanh nghiệp', 10]]),
};
const OCCUPATION_OLD = w([['Hưu trí', 55], ['Nông dân', 33], ['Buôn bán', 7], ['Nội trợ', 5]]);

const PART_CACHE_LIMIT = 100_000;
/** The separator nameSortKey puts between given, middle and family name (src/text/vietnamese.ts). */
const SORT_FIELD_SEPARATOR = '\u0001';

/** Generates members cell by cell; holds the citizen-ID counters and a cache of name keys. */
export class MemberGenerator {
  private readonly citizenIds: CitizenIdIssuer;
  private readonly partKeys = new Map<string, [string, string]>();
  private readonly cutoff2016 = dayOf('2016-01-01');
  private readonly todayIso: string;
  private readonly provinceByCode: Map<string, Province>;
  private readonly neighbours = new Map<string, Province[]>();
  private readonly communesOf = new Map<Province, Commune[]>();

  constructor(private readonly ctx: MemberContext) {
    this.citizenIds = new CitizenIdIssuer(ctx.seed);
    this.todayIso = isoOf(ctx.today);
    this.provinceByCode = new Map(ctx.country.map((p) => [p.code, p]));
  }

  /** searchKey and collationKey of one part of a name (family, middle or given), cached. */
  private part(text: string): [string, string] {
    let k = this.partKeys.get(text);
    if (!k) {
      if (this.partKeys.size >= PART_CACHE_LIMIT) this.partKeys.clear();
      k = [searchKey(text), collationKey(text)];
      this.partKeys.set(text, k);
    }
    return k;
  }

  /**
   * searchKey(full) and nameSortKey(full), composed from the cached keys of the parts: the same
   * strings (a unit test compares them on many names), without recomputing them for every member.
   */
  keys(name: PersonName): [string, string] {
    const [fs, fc] = this.part(name.family);
    const [ms, mc] = this.part(name.middle);
    const [gs, gc] = this.part(name.given);
    const search = ms ? `${fs} ${ms} ${gs}` : `${fs} ${gs}`;
    return [search, gc + SORT_FIELD_SEPARATOR + mc + SORT_FIELD_SEPARATOR + fc];
  }

  /** Provinces near this one (by code), where most people born elsewhere come from. */
  private nearby(code: string): Province[] {
    let list = this.neighbours.get(code);
    if (!list) {
      const n = Number(code);
      list = this.ctx.country.filter((p) => p.code !== code && Math.abs(Number(p.code) - n) <= 6);
      if (!list.length) list = this.ctx.country.filter((p) => p.code !== code);
      this.neighbours.set(code, list);
    }
    return list;
  }

  private otherProvince(rng: Rng, province: Province): Province {
    const p = rng.pick(this.ctx.country);
    return p.code === province.code ? rng.pick(this.nearby(province.code)) : p;
  }

  private randomCommune(rng: Rng, province: Province): string {
    let communes = this.communesOf.get(province);
    if (!communes) {
      communes = province.districts.flatMap((d) => d.communes);
      this.communesOf.set(province, communes);
    }
    return rng.pick(communes).address;
  }

  member(core: MemberCore): GeneratedMember {
    const rng = new Rng(hash32(this.ctx.seed, core.id, 2));
    const h = core.holder;
    const province = h.province;
    const today = this.ctx.today;

    // Birth province and places: mostly the cell's own province, often its own commune.
    const homeBorn = rng.chance(h.profile === 'residential' ? 0.92 : 0.82);
    const birthProvince = homeBorn || this.ctx.country.length === 0 ? province
      : rng.chance(0.6) ? rng.pick(this.nearby(province.code)) : this.otherProvince(rng, province);
    let birthPlace: string;
    if (birthProvince === province && h.commune && rng.chance(0.7)) birthPlace = h.commune.address;
    else if (birthProvince === province && h.district?.communes.length && rng.chance(0.5)) birthPlace = rng.pick(h.district.communes).address;
    else birthPlace = this.randomCommune(rng, birthProvince);
    const homeTown = rng.chance(0.75) ? birthPlace : this.randomCommune(rng, rng.chance(0.8) ? birthProvince : province);

    // Ethnic group, name, religion.
    const pinned = core.pinned;
    const ethnicity = pinned ? 'Kinh' : rng.weighted(ethnicityTable(province.code));
    const region = regionOf(birthProvince.code);
    const name = pinned
      ? { family: pinned.family, middle: pinned.middle, given: pinned.given, full: `${pinned.family} ${pinned.middle} ${pinned.given}` }
      : generateName(rng, core.sex, region, ethnicity);
    let religion: string | null;
    if (ethnicity === 'Khmer') religion = rng.chance(0.7) ? 'Phật giáo' : null;
    else if (ethnicity === 'Hoa') religion = rng.chance(0.3) ? 'Phật giáo' : null;
    else religion = rng.weighted(regionOf(province.code) === 'south' ? RELIGION_SOUTH : RELIGION_OTHER);
    if (pinned) religion = null;

    const birthYear = yearOf(core.birth);
    const ageToday = (today - core.birth) / YEAR;
    const otherNames = h.profile === 'residential' && regionOf(province.code) === 'south' && ageToday >= 60 && rng.chance(0.2)
      ? birthOrderNickname(rng, name.given) : null;

    // Schooling (the 12-year system; older people often finished 9 years, in the north 10 of 10).
    const u = rng.float();
    let educationGeneral: string;
    if (birthYear < 1960) educationGeneral = u < 0.5 ? '12/12' : region === 'north' && u < 0.7 ? '10/10' : '9/12';
    else if (birthYear < 1976) educationGeneral = u < 0.8 ? '12/12' : region === 'north' && u < 0.88 ? '10/10' : '9/12';
    else educationGeneral = u < 0.95 ? '12/12' : '9/12';
    const politicalTheory = core.status === 'probationary' ? rng.weighted(THEORY_PROBATIONARY) : rng.weighted(THEORY[h.profile]);
    const old = h.profile === 'residential' && (ageToday >= 60 || core.status === 'exempt');
    let occupation = old ? rng.weighted(OCCUPATION_OLD) : rng.weighted(OCCUPATION[h.profile]);
    if (occupation === 'Cán bộ ấp') {
      // The hamlet or street-block cadre, named as the place is: ấp, thôn, khu phố, tổ dân phố.
      const urban = h.commune !== null && h.commune.type !== 'xã';
      const south = regionOf(province.code) === 'south';
      occupation = urban ? (south ? 'Cán bộ khu phố' : 'Cán bộ tổ dân phố') : south ? 'Cán bộ ấp' : 'Cán bộ thôn';
    }
    if (occupation === 'Nội trợ' && core.sex === 'male') occupation = 'Nông dân';
    const educationTable = h.profile === 'residential' ? EDUCATION_BY_OCCUPATION[occupation] ?? EDUCATION_PROFESSIONAL.residential : EDUCATION_PROFESSIONAL[h.profile];
    const educationProfessional = rng.weighted(educationTable);

    // Identity numbers: a citizen ID for everyone alive when the 12-digit IDs came in (2016); an
    // old card number for everyone who became official.
    const diedBefore2016 = core.status === 'deceased' && core.finalDay !== null && core.finalDay < this.cutoff2016;
    const citizenId = diedBefore2016 ? null : this.citizenIds.issue(birthProvince.code, birthYear, core.sex);
    const card = core.official !== null ? cardNumber(this.ctx.seed, core.id) : null;

    const profile: MemberProfile = {
      fullName: name.full,
      otherNames,
      sex: core.sex,
      birthDate: isoOf(core.birth),
      birthProvinceCode: birthProvince.code,
      birthPlace,
      homeTown,
      ethnicity,
      religion,
      citizenId,
      cardNumber: card,
      educationGeneral,
      educationProfessional,
      politicalTheory,
      occupation,
      admissionDate: isoOf(core.admission),
      officialDate: core.official !== null ? isoOf(core.official) : null,
    };
    const [nameSearch, nameSort] = this.keys(name);
    return { core, fullName: name.full, profile, nameSearch, nameSort };
  }

  get today(): string {
    return this.todayIso;
  }
}

/** Every member of the tree, in id order (ids from 1), with its core only or with its profile. */
export function* coresOf(tree: DemoTree, ctx: MemberContext): Generator<MemberCore> {
  let id = 1;
  for (const h of tree.holders) {
    for (let i = 0; i < h.size; i++) yield generateCore(h, i, id++, ctx);
  }
}

export function* membersOf(tree: DemoTree, ctx: MemberContext): Generator<GeneratedMember> {
  const gen = new MemberGenerator(ctx);
  for (const core of coresOf(tree, ctx)) yield gen.member(core);
}

/** Total members the tree will hold. */
export function memberTotal(tree: DemoTree): number {
  return tree.holders.reduce((s, h) => s + h.size, 0);
}
