// The demo's members: for each cell, people with a consistent life (birth, admission, recognition as
// official, transfers, exemption, discipline, death, removal, leaving) and a profile of form 2-HSĐV.
// The life is written as the member's events (history.ts) and the periods of member_period are their
// replay by the lifecycle module, as the application derives them: one source of truth. Each member is
// drawn from streams seeded by (seed, member id), so a later pass over the same tree regenerates the same
// histories without keeping millions of members in memory.
import { replay, type DisciplineForm, type LifecycleEvent, type RemovalReason, type ReplayResult } from '../domain/lifecycle/index.ts';
import type { MemberProfile, MemberStatus } from '../domain/members.ts';
import { collationKey, searchKey } from '../text/vietnamese.ts';
import { addMonthsDay, birthdayDay, dayOf, isoOf, yearOf } from './calendar.ts';
import { HistoryWriter } from './history.ts';
import { CitizenIdIssuer, cardNumber } from './identity.ts';
import { birthOrderNickname, ethnicityTable, generateName, regionOf, type PersonName, type Sex } from './names.ts';
import type { Commune, Province } from './places.ts';
import { Rng, Weighted, hash32 } from './random.ts';
import { DemoStory } from './story.ts';
import type { DemoTree, Holder, HolderProfile, PinnedMember } from './tree.ts';

/** A member's life as drawn: sex, birth and the events (what the pass that writes member_event needs). */
export interface MemberLife {
  id: number;
  holder: Holder;
  sex: Sex;
  birth: number;
  /** The member's events in date order, ids e1, e2, … (the loader gives them database ids). */
  events: LifecycleEvent[];
  /** Day of the last status change (exemption, death, removal, leaving, transfer letter), if any. */
  finalDay: number | null;
  /** Set for the member whose name the demo fixes ("Trần Ngọc Tâm"). */
  pinned?: PinnedMember;
}

/** The life with its replay: what the member row and member_period need. */
export interface MemberCore extends MemberLife {
  /** replay(events): the periods of member_period, the final state, the spells, and no issues. */
  history: ReplayResult;
  /** From the replay: the open period's status and cell. */
  status: MemberStatus;
  unitId: number;
  /** From the replay's last spell: the ceremony, the admission decision, the official date. */
  admissionDate: string;
  admissionDecisionDate: string | null;
  officialDate: string | null;
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
  /** The seed's story of Huyện ủy Châu Thành (story.ts). */
  story: DemoStory;
}

/** The context of a demo: the story is planned on the tree. */
export function memberContext(tree: DemoTree, seed: number, today: number, country: Province[]): MemberContext {
  return { seed, today, country, story: new DemoStory(tree, seed, today) };
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

/** Why official members are removed (xóa tên), roughly as committees report them. */
const REMOVAL_REASONS_OFFICIAL = w<RemovalReason>([
  ['abandoned_activities', 46], ['unpaid_dues', 18], ['transfer_letter_not_presented', 8], ['two_years_violation', 10],
  ['no_improvement_after_education', 9], ['card_surrendered', 6], ['political_standard', 3],
]);
/**
 * Removals that Huyện ủy Châu Thành decides only out of the story's window (story.ts), with leavings: the
 * story's own reason, a transfer file not submitted ("tự ý bỏ sinh hoạt đảng"), and unpaid dues, which the
 * attrition report counts with them (src/reports/attrition.ts).
 */
const STORY_REASONS: ReadonlySet<RemovalReason> = new Set(['abandoned_activities', 'transfer_letter_not_presented', 'unpaid_dues']);

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

/** A day in [lo, hi] outside [from, to], or null when there is none. */
function dayOutside(rng: Rng, lo: number, hi: number, from: number, to: number): number | null {
  if (lo > hi) return null;
  const overlap = Math.max(0, Math.min(hi, to) - Math.max(lo, from) + 1);
  const n = hi - lo + 1 - overlap;
  if (n <= 0) return null;
  const k = lo + rng.int(0, n - 1);
  return overlap > 0 && k >= Math.max(lo, from) ? k + overlap : k;
}

/** Where a transferring member is going: a cell of the district or province, or (null) another province. */
function destination(rng: Rng, holder: Holder, day: number): Holder | null {
  if (rng.chance(0.35)) return null;
  return cellFoundedBy(rng, rng.chance(0.7) ? [holder.districtPool, holder.provincePool] : [holder.provincePool], day, holder);
}

/** The member's life: status, dates and cells drawn, then written as events. */
export function drawLife(holder: Holder, indexInCell: number, id: number, ctx: MemberContext): MemberLife {
  const rng = new Rng(hash32(ctx.seed, id, 1));
  const today = ctx.today;
  const cell = holder.unit;
  const working = isWorking(holder.profile);
  const pinned = indexInCell === 0 ? holder.pinned : undefined;
  const story = ctx.story.caseOf(holder, indexInCell);
  // Huyện ủy Châu Thành decides this member's removal or leaving: keep it out of the story's window.
  const guarded = !story && ctx.story.guards(holder);

  // Sex and status.
  const femaleShare = FEMALE_SHARE[holder.profile];
  const sex: Sex = pinned ? pinned.sex : rng.chance(femaleShare) ? 'female' : 'male';
  let status: MemberStatus = pinned ? pinned.status : story ? story.status : rng.weighted(working ? STATUS_WORKING : STATUS_RESIDENTIAL);

  // Age today (deceased: the age they would have), then the birth day; for the story, the age at its case.
  const oldest = birthdayDay(today, -90) + 1; // not yet 90 today
  const youngest = birthdayDay(today, -20); // 20 today
  let birth: number;
  if (story) birth = story.day - Math.round((27 + rng.float() * 30) * YEAR);
  else {
    const band: Band = status === 'official'
      ? rng.weighted(working ? AGE_OFFICIAL_WORKING : AGE_OFFICIAL_RESIDENTIAL)
      : status === 'probationary' ? rng.weighted(AGE_PROBATIONARY) : AGE_BY_STATUS[status]!;
    const age = band[0] + rng.float() * (band[1] - band[0]);
    birth = today - Math.round(age * YEAR);
  }
  birth = Math.min(youngest, Math.max(oldest, birth));

  // Admission (the ceremony): from 18 full years of age; late enough in life for what comes after it.
  const adult = birthdayDay(birth, 18);
  const twelveMonthsAgo = addMonthsDay(today, -12);
  let latest: number;
  let earliest = adult;
  if (status === 'probationary') {
    earliest = Math.max(adult, twelveMonthsAgo + 1);
    latest = today - 7;
  } else if (story) latest = story.day - 400;
  else if (status === 'official') latest = twelveMonthsAgo - 1;
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

  // Recognition as official at the end of the 12 months (Điều lệ Đảng, Điều 5).
  let official: number | null = status === 'probationary' ? null : addMonthsDay(admission, 12);
  const removedOnProbation = status === 'removed' && !story && rng.chance(0.3);
  if (removedOnProbation) official = null;
  let reason: RemovalReason | null = null;
  if (status === 'removed') {
    reason = story ? 'abandoned_activities'
      : removedOnProbation ? (rng.chance(0.75) ? 'not_recognized_after_probation' : 'abandoned_activities')
      : rng.weighted(REMOVAL_REASONS_OFFICIAL);
  }

  // The last change of status, in a range that fits the life.
  const notBefore = Math.max(forced ? cell.established + 1 : admission + 1, (official ?? admission) + 1);
  let lo = 0;
  let hi = -1;
  switch (status) {
    case 'exempt':
      [lo, hi] = [Math.max(notBefore, official! + 365, birthdayDay(birth, 68)), today - 1];
      break;
    case 'deceased':
      [lo, hi] = [Math.max(notBefore, official! + 180, birthdayDay(birth, 55), addMonthsDay(today, -120)), today - 1];
      break;
    case 'removed':
      [lo, hi] = removedOnProbation
        ? [Math.max(notBefore, addMonthsDay(admission, 12) + 5), Math.min(addMonthsDay(admission, 12) + 40, today - 1)]
        : [Math.max(notBefore, official! + 365, addMonthsDay(today, -144)), today - 30];
      break;
    case 'left':
      [lo, hi] = [Math.max(notBefore, official! + 730, addMonthsDay(today, -144)), today - 30];
      break;
    case 'transferring':
      [lo, hi] = [Math.max(notBefore, today - 60), today - 1];
      break;
    default:
      break;
  }
  let finalDay: number | null = null;
  if (story) finalDay = story.day;
  else if (lo <= hi) {
    const avoid = guarded && (status === 'left' || (status === 'removed' && STORY_REASONS.has(reason!)));
    finalDay = avoid ? dayOutside(rng, lo, hi, ctx.story.from, ctx.story.to) : dayIn(rng, lo, hi);
    if (finalDay === null) {
      // Only days of the story's window fit: another reason.
      status = 'removed';
      reason = removedOnProbation ? 'not_recognized_after_probation' : 'card_surrendered';
      finalDay = dayIn(rng, lo, hi);
    }
  }
  if (status !== 'official' && status !== 'probationary' && finalDay === null) {
    // No room for the change (a young cell, a late admission): an official member instead.
    status = 'official';
    reason = null;
    if (official === null) official = addMonthsDay(admission, 12);
  }

  // A letter of transfer not followed by the new cell: the member is transferring, or was removed more
  // than 3 months later for not submitting the file ("tự ý bỏ sinh hoạt đảng").
  let letterDay: number | null = null;
  if (status === 'transferring') letterDay = finalDay;
  else if (reason === 'transfer_letter_not_presented') {
    letterDay = finalDay! - rng.int(95, 200);
    if (letterDay < notBefore || letterDay <= official!) {
      letterDay = null;
      reason = guarded && ctx.story.inWindow(finalDay!) ? 'card_surrendered' : 'unpaid_dues';
    }
  }
  // Old members are often exempted before they die.
  let exemptDay: number | null = status === 'exempt' ? finalDay : null;
  if (status === 'deceased' && rng.chance(0.4)) exemptDay = dayIn(rng, Math.max(notBefore, official! + 365, birthdayDay(birth, 68)), finalDay! - 60);

  // Transfers: forced ones on or soon after the new cell's founding; some others at random. The letter
  // (transfer_out_official) and its presentation (transfer_in) fall before any later change of status.
  const end = exemptDay ?? letterDay ?? finalDay ?? today;
  let t0: number | null = null;
  if (forced) t0 = dayIn(rng, cell.established, Math.min(cell.established + 365, end - 1)) ?? cell.established;
  else if (!pinned && rng.chance(status === 'probationary' ? 0.03 : 0.07)) {
    const r = rng.float();
    const pools = r < 0.6 ? [holder.orgPool, holder.districtPool] : r < 0.9 ? [holder.districtPool, holder.orgPool] : [holder.provincePool];
    const other = cellFoundedBy(rng, pools, admission, holder);
    const t = other ? dayIn(rng, Math.max(admission + 60, cell.established), end - 1) : null;
    if (other && t !== null) {
      firstCell = other;
      t0 = t;
    }
  }
  let t1: number | null = null;
  if (t0 !== null) {
    const sameOrg = firstCell!.org === holder.org;
    t1 = t0 + Math.max(0, Math.min(sameOrg ? rng.int(0, 7) : rng.int(3, 25), end - 1 - t0));
    // Recognition cannot happen while transferring: the letter is presented by then.
    if (official !== null && official > t0 && official < t1) t1 = official;
  }
  const cellOn = (day: number) => (t1 !== null && day < t1 ? firstCell! : holder);
  // The committee signed the admission decision some weeks before the ceremony (30 working days at most).
  const decision = Math.max(admission - rng.int(5, 40), adult, cellOn(admission).unit.established);

  // Discipline (reprimand or warning) for a few; most of those removed for two years of violations or
  // for no improvement were disciplined first. Members who ask to leave have no violation (HD 06 §11.2).
  let discipline: [number, DisciplineForm] | null = null;
  const violation = reason === 'two_years_violation' || reason === 'no_improvement_after_education';
  const pDiscipline = status === 'left' || pinned ? 0 : violation ? 0.6 : status === 'removed' ? 0.1 : 0.012;
  if (pDiscipline > 0 && rng.chance(pDiscipline)) {
    const last = (exemptDay ?? finalDay ?? today) - 1;
    const d = violation ? dayIn(rng, Math.max(admission + 90, finalDay! - 730), finalDay! - 30) : dayIn(rng, admission + 90, last);
    if (d !== null) discipline = [d, rng.chance(0.65) ? 'reprimand' : 'warning'];
  }

  // The events, in the order of the life (same-day events keep this order).
  const write = new HistoryWriter(new Rng(hash32(ctx.seed, id, 3)), today);
  write.admission(admission, decision, cellOn(admission));
  if (discipline) write.discipline(discipline[0], cellOn(discipline[0]), discipline[1]);
  const recognized = official !== null && official <= today;
  if (t0 !== null && t1 !== null) {
    if (recognized && official! <= t0) write.recognition(official!, firstCell!);
    const letter = write.transferOut(t0, firstCell!, holder);
    write.transferIn(t1, firstCell!, holder, letter);
    if (recognized && official! > t0) write.recognition(official!, cellOn(official!));
  } else if (recognized) write.recognition(official!, holder);
  if (exemptDay !== null) write.exemption(exemptDay, holder);
  if (letterDay !== null) write.transferOut(letterDay, holder, destination(rng, holder, letterDay));
  if (finalDay !== null) {
    if (status === 'removed') write.removal(finalDay, holder, reason!);
    else if (status === 'left') write.leave(finalDay, holder);
    else if (status === 'deceased') write.death(finalDay, holder);
  }
  return { id, holder, sex, birth, events: write.done(), finalDay, pinned };
}

/** The replay of the life's events: the periods and the member's status, cell and dates. */
export function withHistory(life: MemberLife): MemberCore {
  const history = replay(life.events);
  const open = history.periods[history.periods.length - 1]!;
  const spell = history.spells[history.spells.length - 1]!;
  return {
    ...life, history,
    status: open.status, unitId: open.unitId,
    admissionDate: spell.admissionDate!, admissionDecisionDate: spell.decisionDate, officialDate: spell.officialDate,
  };
}

export function generateCore(holder: Holder, indexInCell: number, id: number, ctx: MemberContext): MemberCore {
  return withHistory(drawLife(holder, indexInCell, id, ctx));
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
    const card = core.officialDate !== null ? cardNumber(this.ctx.seed, core.id) : null;

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
      admissionDate: core.admissionDate,
      officialDate: core.officialDate,
    };
    const [nameSearch, nameSort] = this.keys(name);
    return { core, fullName: name.full, profile, nameSearch, nameSort };
  }

  get today(): string {
    return this.todayIso;
  }
}

/** Every member of the tree, in id order (ids from 1): the life, the life with its replay, or with the profile. */
export function* livesOf(tree: DemoTree, ctx: MemberContext): Generator<MemberLife> {
  let id = 1;
  for (const h of tree.holders) {
    for (let i = 0; i < h.size; i++) yield drawLife(h, i, id++, ctx);
  }
}

export function* coresOf(tree: DemoTree, ctx: MemberContext): Generator<MemberCore> {
  for (const life of livesOf(tree, ctx)) yield withHistory(life);
}

export function* membersOf(tree: DemoTree, ctx: MemberContext): Generator<GeneratedMember> {
  const gen = new MemberGenerator(ctx);
  for (const core of coresOf(tree, ctx)) yield gen.member(core);
}

/** Total members the tree will hold. */
export function memberTotal(tree: DemoTree): number {
  return tree.holders.reduce((s, h) => s + h.size, 0);
}
