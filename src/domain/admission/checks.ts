// The checks of each stage of a candidate's way to admission, by the rules in force on the stage's date.
// The age, the over-60 condition, the certificate's validity, the vote and the time limits of the decision
// and the ceremony are those of the member lifecycle (lifecycle/checks/admission.ts), applied to the stage's
// date; the sponsors are checked here against each sponsor's status on the sponsoring date.
import { addMonths, fullMonthsBetween, isIsoDate } from '../dates.ts';
import { checkAdmission, type AdmissionInput } from '../lifecycle/checks/admission.ts';
import { vn } from '../lifecycle/checks/common.ts';
import { guidanceList } from '../lifecycle/rule-sets.ts';
import { RULES, type RuleRecord } from '../lifecycle/rules.ts';
import { DEFAULT_SETTINGS, type LifecycleSettings } from '../lifecycle/settings.ts';
import { Findings, ruleMessage, type CheckResult, type RuleMessage } from '../lifecycle/types.ts';
import { allowedStages, STAGE_LABELS, type CandidateStage } from './stages.ts';

/** Decision numbers as parties write them: "123-QĐ/HU", "05-QĐ/ĐU", "12/QĐ-UBKT" (as member events). */
export const DECISION_NUMBER = /^\d{1,5}[-/][\p{Lu}Đ]{1,6}([-/][\p{Lu}\p{N}Đ]{1,10}){1,2}$/u;

export const SPONSOR_BODIES = ['youth_union', 'trade_union'] as const;
export type SponsorBody = (typeof SPONSOR_BODIES)[number];

export interface SponsorInput {
  memberId: number;
  /** Since when the sponsor has worked, studied (from 1/7/2025 also lived) with the candidate in the same unit. */
  since?: string | null;
  /** Assigned by the cell to replace a sponsor who left: the 12 months are not required (QĐ 294 §3.2.2). */
  replacement?: boolean;
}

export interface Over60Input {
  decidedByProvinceCommittee: boolean;
  standingCommitteeConsentDate?: string | null;
}

/** What is recorded for one stage (the details a stage does not use are ignored). */
export interface StageInput {
  stage: CandidateStage;
  /** The stage's date: the certificate's, the verification's, the vote's, the decision's signing, the ceremony's. */
  date: string;
  /** Certificate number (course), the verification's or the decision's number. */
  documentNumber?: string | null;
  issuedBy?: string | null;
  note?: string | null;
  sponsors?: SponsorInput[] | null;
  /** The Youth Union or trade-union committee that sponsors together with one official member. */
  sponsorBody?: SponsorBody | null;
  votesInFavour?: number | null;
  /** Official members of the cell counted for the vote; defaults to those on the roll on the vote date. */
  officialMembers?: number | null;
  over60?: Over60Input | null;
  /** The cell received the decision (decision or ceremony stage); defaults to the signing date. */
  decisionReceivedDate?: string | null;
  /** The directly superior committee agreed to a ceremony after the 30 working days. */
  lateCeremonyAgreed?: boolean | null;
}

/** A sponsor as the records show them on the sponsoring date. */
export interface SponsorOnDate {
  memberId: number;
  fullName: string | null;
  /** The member's status on the date (null: not a member of the Party that day, or not found in scope). */
  status: string | null;
  /** The first date on which they are official, when later than the date (a probationary member). */
  officialFrom?: string | null;
}

/** What the candidate's record already holds, from its earlier stages. */
export interface CandidateFacts {
  birthDate: string;
  current: CandidateStage | null;
  /** Date of the latest recorded stage. */
  lastDate: string | null;
  /** Latest course certificate date. */
  certificateDate: string | null;
  applicationDate: string | null;
  sponsoredDate: string | null;
  cellVoteDate: string | null;
  over60: Over60Input | null;
  decisionDate: string | null;
  decisionReceivedDate: string | null;
  /** Official members of the candidate's cell on the vote date, from the member periods. */
  cellOfficialMembers: number | null;
  today: string;
}

/** Rules of this module besides the lifecycle's admission rules (lifecycle/rules.ts), with their dates in force. */
export const CANDIDATE_RULES = {
  stageOrder: {
    id: 'candidate.stage_order', title: 'Các bước kết nạp theo thứ tự: bồi dưỡng, đơn và lý lịch, thẩm tra, giới thiệu, chi bộ xét, cấp ủy quyết định, lễ kết nạp',
    titleEn: 'Admission steps in order: course, application, verification, sponsors, cell vote, decision, ceremony',
    source: 'Điều lệ Đảng 2011, Điều 4; Hướng dẫn 06-HD/TW, §3.1–3.8', inForceFrom: null, inForceTo: null, confirmed: true,
  },
  dossierAge: {
    id: 'admission.dossier_age', title: 'Quá 12 tháng từ khi lập hồ sơ mà chi bộ chưa xét thì làm lại giấy giới thiệu, nghị quyết giới thiệu, nhận xét',
    titleEn: 'Over 12 months from the dossier to the cell vote: redo the sponsor letters, resolutions and comments',
    // rules.md §1 "Dossier ageing": HD 06 read in full; HD 01/2016 per a secondary source.
    source: 'Hướng dẫn 01-HD/TW (20/9/2016), §5.4.a; Hướng dẫn 06-HD/TW, §5.4.a', inForceFrom: '2016-09-20', inForceTo: null, confirmed: true,
  },
} as const satisfies Record<string, RuleRecord>;

const DANGVU = 'dangvu';
const field = (f: string, code: string, vi: string, en: string, validFrom?: string): RuleMessage =>
  ruleMessage(`field.${code}`, DANGVU, vi, en, validFrom ? { field: f, validFrom } : { field: f });

/** Checks one stage against the record and the rules of the stage's date. */
export function checkStage(facts: CandidateFacts, input: StageInput, sponsors: SponsorOnDate[] = [], settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  if (!isIsoDate(input.date)) return f.error(field('date', 'invalid_date', `ngày không hợp lệ (${input.date})`, `not a date (${input.date})`)).result();
  if (input.date > facts.today) f.error(field('date', 'future_date', 'ngày không được sau ngày hôm nay', 'the date cannot be in the future'));
  const allowed = allowedStages(facts.current);
  if (!allowed.includes(input.stage)) {
    const order = CANDIDATE_RULES.stageOrder;
    const now = facts.current ? STAGE_LABELS[facts.current] : 'chưa có';
    f.error(ruleMessage(order.id, order.source,
      `bước “${STAGE_LABELS[input.stage]}” không thể ghi sau bước “${now}”; bước tiếp theo: ${allowed.map((s) => `“${STAGE_LABELS[s]}”`).join(', ') || 'không còn (đã kết nạp)'}`,
      `stage ${input.stage} cannot follow ${facts.current ?? 'nothing'}; next: ${allowed.join(', ') || 'none'}`, { field: 'stage' }));
    return f.result();
  }
  if (facts.lastDate && input.date < facts.lastDate) {
    f.error(field('date', 'before_previous', `ngày phải từ ${vn(facts.lastDate)} (ngày của bước trước)`, `the date must be on or after ${facts.lastDate}, the previous stage`, facts.lastDate));
  }
  for (const [k, label] of [['decisionReceivedDate', 'ngày nhận quyết định'], ['over60.standingCommitteeConsentDate', 'ngày văn bản đồng ý']] as const) {
    const v = k === 'decisionReceivedDate' ? input.decisionReceivedDate : input.over60?.standingCommitteeConsentDate;
    if (v && !isIsoDate(v)) f.error(field(k, 'invalid_date', `${label} không hợp lệ (${v})`, `${k} is not a date`));
    else if (v && v > facts.today) f.error(field(k, 'future_date', `${label} không được sau ngày hôm nay`, `${k} cannot be in the future`));
  }
  // The cell cannot hold the ceremony before it has received the decision.
  if (input.stage === 'ceremony' && input.decisionReceivedDate && isIsoDate(input.decisionReceivedDate) && input.decisionReceivedDate > input.date) {
    f.error(field('decisionReceivedDate', 'after_ceremony', `ngày nhận quyết định (${vn(input.decisionReceivedDate)}) không thể sau ngày lễ kết nạp`, 'the decision cannot be received after the ceremony'));
  }
  if (f.errors.length) return f.result();

  switch (input.stage) {
    case 'course':
      if (!input.documentNumber?.trim()) f.error(field('documentNumber', 'required', 'cần số giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng', 'the certificate number is required'));
      break;
    case 'sponsored':
      checkSponsors(f, input, sponsors, settings);
      break;
    case 'cell_vote':
      checkVote(f, facts, input, settings);
      break;
    case 'decision':
      checkDecision(f, facts, input, settings);
      break;
    case 'ceremony':
      checkCeremony(f, facts, input, settings);
      break;
    default:
      break;
  }
  return f.result();
}

function checkSponsors(f: Findings, input: StageInput, sponsors: SponsorOnDate[], settings: LifecycleSettings): void {
  const list = input.sponsors ?? [];
  const body = input.sponsorBody ?? null;
  const set = RULES.admissionSponsors;
  const cond = RULES.admissionSponsorConditions;
  const need = body ? 1 : 2;
  if (list.length !== need) {
    f.error(ruleMessage(set.id, set.source,
      body
        ? `khi ban chấp hành ${body === 'youth_union' ? 'Đoàn cơ sở' : 'công đoàn cơ sở'} giới thiệu thì cần thêm đúng một đảng viên chính thức (đang có ${list.length})`
        : `cần hai đảng viên chính thức giới thiệu (đang có ${list.length}), hoặc ban chấp hành Đoàn cơ sở / công đoàn cơ sở và một đảng viên chính thức`,
      body ? `the ${body} committee needs exactly one official member with it (${list.length})` : `needs two official members (${list.length}), or the Youth Union / trade-union committee and one`,
      { field: 'sponsors' }));
  }
  if (new Set(list.map((s) => s.memberId)).size !== list.length) {
    f.error(ruleMessage(set.id, set.source, 'hai người giới thiệu phải là hai đảng viên khác nhau', 'the two sponsors must be different members', { field: 'sponsors' }));
  }
  // From 1/7/2025 living in the same residence area also counts (QĐ 294 §3.2.1).
  const together = input.date >= '2025-07-01' ? 'cùng công tác, lao động, học tập hoặc cùng sinh hoạt nơi cư trú' : 'cùng công tác, lao động, học tập';
  list.forEach((s, i) => {
    const on = sponsors.find((x) => x.memberId === s.memberId);
    const who = on?.fullName ? `${on.fullName} (người giới thiệu thứ ${i + 1})` : `người giới thiệu thứ ${i + 1}`;
    if (!on || on.status === null) {
      f.error(ruleMessage(cond.id, cond.source, `${who} không phải đảng viên trong danh sách vào ngày ${vn(input.date)}`, `sponsor ${i + 1} is not a member on ${input.date}`, { field: `sponsors.${i}.memberId` }));
    } else if (on.status !== 'official') {
      const from = on.officialFrom && on.officialFrom > input.date ? on.officialFrom : undefined;
      f.error(ruleMessage(cond.id, cond.source,
        `${who} phải là đảng viên chính thức vào ngày giới thiệu ${vn(input.date)}; ngày đó là ${STATUS_VI[on.status] ?? on.status}${from ? `; có thể giới thiệu từ ngày ${vn(from)}` : ''}`,
        `sponsor ${i + 1} must be an official member on ${input.date}; was ${on.status}${from ? `; may sponsor from ${from}` : ''}`,
        from ? { field: `sponsors.${i}.memberId`, validFrom: from } : { field: `sponsors.${i}.memberId` }));
    }
    if (s.replacement) return;
    if (!s.since) {
      f.error(field(`sponsors.${i}.since`, 'required', `cần ngày ${who} bắt đầu ${together} với người vào Đảng`, `since when sponsor ${i + 1} has been with the candidate`));
    } else if (!isIsoDate(s.since)) {
      f.error(field(`sponsors.${i}.since`, 'invalid_date', `ngày bắt đầu cùng công tác không hợp lệ (${s.since})`, 'not a date'));
    } else if (fullMonthsBetween(s.since, input.date) < 12) {
      const from = addMonths(s.since, 12);
      f.error(ruleMessage(cond.id, cond.source,
        `${who} phải ${together} với người vào Đảng ít nhất 12 tháng (từ ${vn(s.since)} đến ${vn(input.date)} mới ${Math.max(0, fullMonthsBetween(s.since, input.date))} tháng); có thể giới thiệu từ ngày ${vn(from)}, hoặc chi bộ phân công người thay thế`,
        `sponsor ${i + 1} must have been with the candidate ≥ 12 months; may sponsor from ${from}`,
        { field: `sponsors.${i}.since`, validFrom: from }));
    }
  });
  void settings;
}

const STATUS_VI: Record<string, string> = {
  probationary: 'đảng viên dự bị', exempt: 'đảng viên được miễn sinh hoạt', transferring: 'đang chuyển sinh hoạt',
  removed: 'đã bị xóa tên', left: 'đã ra khỏi Đảng', expelled: 'đã bị khai trừ', deceased: 'đã từ trần',
};

function admissionBase(facts: CandidateFacts, voteDate: string, over60: Over60Input | null | undefined): AdmissionInput {
  const a: AdmissionInput = { birthDate: facts.birthDate, cellVoteDate: voteDate };
  if (over60) a.over60 = { decidedByProvinceCommittee: over60.decidedByProvinceCommittee, standingCommitteeConsentDate: over60.standingCommitteeConsentDate ?? null };
  return a;
}

function checkVote(f: Findings, facts: CandidateFacts, input: StageInput, settings: LifecycleSettings): void {
  const total = input.officialMembers ?? facts.cellOfficialMembers;
  if (input.votesInFavour == null) f.error(field('votesInFavour', 'required', 'cần số đảng viên chính thức tán thành', 'the number in favour is required'));
  if (!total) f.error(field('officialMembers', 'required', 'cần tổng số đảng viên chính thức của chi bộ', 'the number of official members is required'));
  const a = admissionBase(facts, input.date, input.over60);
  if (input.votesInFavour != null && total) a.votes = { inFavour: input.votesInFavour, officialMembers: total };
  if (facts.certificateDate) a.certificateDate = facts.certificateDate;
  const r = checkAdmission(a, settings);
  f.add(r);
  if (input.officialMembers != null && facts.cellOfficialMembers != null && input.officialMembers !== facts.cellOfficialMembers) {
    f.warn(ruleMessage(RULES.admissionCellVote.id, RULES.admissionCellVote.source,
      `chi bộ có ${facts.cellOfficialMembers} đảng viên chính thức trong danh sách ngày ${vn(input.date)}, biên bản ghi ${input.officialMembers}; người không tính (sinh hoạt tạm thời nơi khác, được miễn sinh hoạt…) cần được ghi rõ trong biên bản`,
      `the cell had ${facts.cellOfficialMembers} official members on ${input.date}; the minutes count ${input.officialMembers}`, { field: 'officialMembers' }));
  }
  // Dossier ageing: more than 12 months between preparing the dossier and the cell's consideration.
  const prepared = facts.sponsoredDate ?? facts.applicationDate;
  if (prepared && input.date >= CANDIDATE_RULES.dossierAge.inForceFrom && addMonths(prepared, 12) < input.date) {
    const g = guidanceList(settings).find((x) => (x.inForceFrom ?? '') <= input.date && (x.inForceTo === null || input.date <= x.inForceTo));
    const source = g ? `${g.name.replace(/ \(.*\)$/, '')}, §5.4.a` : 'Hướng dẫn 06-HD/TW, §5.4.a';
    f.warn(ruleMessage(CANDIDATE_RULES.dossierAge.id, source,
      `quá 12 tháng kể từ khi lập hồ sơ (${vn(prepared)}) chi bộ mới xét: phải làm lại giấy giới thiệu của người giới thiệu, nghị quyết giới thiệu của Đoàn/công đoàn, thẩm tra bổ sung (nếu có thay đổi) và nhận xét của đoàn thể, chi ủy nơi cư trú`,
      `over 12 months since the dossier (${prepared}): the sponsor letters, union resolution and comments must be redone`, { field: 'date' }));
  }
}

function checkDecision(f: Findings, facts: CandidateFacts, input: StageInput, settings: LifecycleSettings): void {
  checkDecisionNumber(f, input.documentNumber);
  if (input.decisionReceivedDate && input.decisionReceivedDate < input.date) {
    f.error(field('decisionReceivedDate', 'before_decision', `ngày nhận quyết định không thể trước ngày ký (${vn(input.date)})`, 'received before signed', input.date));
  }
  if (!facts.cellVoteDate) return;
  const a = admissionBase(facts, facts.cellVoteDate, facts.over60);
  a.decisionDate = input.date;
  f.add(checkAdmission(a, settings));
}

function checkCeremony(f: Findings, facts: CandidateFacts, input: StageInput, settings: LifecycleSettings): void {
  if (!facts.cellVoteDate || !facts.decisionDate) return;
  const a = admissionBase(facts, facts.cellVoteDate, facts.over60);
  a.decisionDate = facts.decisionDate;
  a.decisionReceivedDate = input.decisionReceivedDate ?? facts.decisionReceivedDate ?? facts.decisionDate;
  a.ceremonyDate = input.date;
  const r = checkAdmission(a, settings);
  if (!r.ok) f.errors.push(...r.errors);
  // "Later than that only if the directly superior committee agrees" (rules.md §1, Ceremony deadline): without
  // the agreement a late ceremony is refused, and the refusal says what would make it valid.
  let late = false;
  for (const w of r.warnings) {
    if (w.ruleId === RULES.admissionCeremonyDeadline.id) late = true;
    if (w.ruleId === RULES.admissionCeremonyDeadline.id && !input.lateCeremonyAgreed) {
      f.error({ ...w, message: `${w.message}; ghi nhận văn bản đồng ý của cấp ủy cấp trên trực tiếp để tổ chức muộn hơn` });
    } else f.warn(w);
  }
  if (input.lateCeremonyAgreed && !late) {
    // checkAdmission is silent on a late ceremony once agreed: find out whether it was late.
    const due = checkAdmission({ ...a, lateCeremonyAgreed: false }, settings).warnings.some((w) => w.ruleId === RULES.admissionCeremonyDeadline.id);
    late = due;
  }
  if (input.lateCeremonyAgreed && late) {
    const received = a.decisionReceivedDate!;
    f.warn(ruleMessage(RULES.admissionCeremonyDeadline.id, RULES.admissionCeremonyDeadline.source,
      `lễ kết nạp được tổ chức với sự đồng ý của cấp ủy cấp trên trực tiếp (quyết định nhận ngày ${vn(received)})`,
      'ceremony held with the superior committee\'s agreement', { field: 'lateCeremonyAgreed' }));
  }
}

function checkDecisionNumber(f: Findings, value: string | null | undefined): void {
  if (!value?.trim()) f.error(field('documentNumber', 'required', 'cần số quyết định kết nạp', 'the decision number is required'));
  else if (!DECISION_NUMBER.test(value.trim())) {
    f.error(field('documentNumber', 'format', `số quyết định “${value}” phải có dạng số-LOẠI/CƠ QUAN, ví dụ 123-QĐ/HU`, 'the decision number must look like 123-QĐ/HU'));
  }
}
