// Admission (kết nạp): age on the day the cell considers, over-60 consent, sponsors, the cell's vote, the
// awareness-course certificate, and the time limits of the decision and the ceremony (rules.md §1).
import { addMonths, formatVietnameseDate } from '../../dates.ts';
import { addWorkingDays } from '../calendar.ts';
import type { Grade } from '../events.ts';
import { guidanceList, hd06InForceFrom, ruleSetOn } from '../rule-sets.ts';
import { RULES } from '../rules.ts';
import { DEFAULT_SETTINGS, type LifecycleSettings } from '../settings.ts';
import { Findings, ruleMessage, type CheckResult } from '../types.ts';
import { ageInMonths, dateReachingMonths, optionalDate, requireDate, vn } from './common.ts';
import { checkCellVote, type CellVote } from './votes.ts';

/** A sponsor (người giới thiệu): an official member, or the base Youth Union or trade-union committee. */
export interface Sponsor {
  kind: 'member' | 'youth_union' | 'trade_union';
  /** For a member sponsor. */
  grade?: Grade;
  /** Months the member worked, studied (from 1/7/2025 also lived) with the applicant in the same unit. */
  monthsTogether?: number;
  /** Assigned by the cell to replace a sponsor who left: the 12 months are not required (QĐ 294 §3.2.2). */
  replacement?: boolean;
}

export interface AdmissionInput {
  birthDate: string;
  /** The day the cell considers the application (ngày chi bộ xét kết nạp): the age is taken on it. */
  cellVoteDate: string;
  /** The cell's resolution proposing admission; defaults to the vote date. Starts the decision's time limit. */
  cellResolutionDate?: string | null;
  /** The competent committee signs the admission decision (start of party age). */
  decisionDate?: string | null;
  /** The cell receives the decision; defaults to the decision date. Starts the ceremony's time limit. */
  decisionReceivedDate?: string | null;
  /** The admission ceremony: starts probation. */
  ceremonyDate?: string | null;
  /** The directly superior committee agreed to a ceremony after the 30 working days. */
  lateCeremonyAgreed?: boolean;
  /** For an applicant over 60: the province-level committee's decision and its standing committee's consent. */
  over60?: {
    decidedByProvinceCommittee: boolean;
    /** Written consent of the province standing committee, dated before the decision. */
    standingCommitteeConsentDate?: string | null;
    healthAndPrestige?: boolean;
    /** Works or lives where there is no party organization or member, or a special need. */
    noOrganizationOrSpecialNeed?: boolean;
  };
  votes?: CellVote;
  sponsors?: Sponsor[];
  /** Date of the awareness-course certificate (giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng). */
  certificateDate?: string | null;
}

export interface DeadlineOnDate {
  /** Last day of the time limit. */
  due: string;
  /** Last day with the longest extension; null when the text gives none. */
  extendedDue: string | null;
  workingDays: number;
  extensionWorkingDays: number | null;
  source: string;
  confirmed: boolean;
}

/** Time limit of the admission decision, from the cell's resolution, under the set in force on that date. */
export function admissionDecisionDeadline(cellResolutionDate: string, settings: LifecycleSettings = DEFAULT_SETTINGS): DeadlineOnDate {
  const { values } = ruleSetOn(cellResolutionDate, settings);
  const d = values.admissionDecision;
  const { workingDays, extensionWorkingDays } = d.value;
  return {
    due: addWorkingDays(cellResolutionDate, workingDays, settings.calendar),
    extendedDue: extensionWorkingDays === null ? null : addWorkingDays(cellResolutionDate, workingDays + extensionWorkingDays, settings.calendar),
    workingDays,
    extensionWorkingDays,
    source: d.source,
    confirmed: d.confirmed,
  };
}

/** Last day for the ceremony: 30 working days from receiving the decision. */
export function ceremonyDeadline(decisionReceivedDate: string, settings: LifecycleSettings = DEFAULT_SETTINGS): string {
  const { values } = ruleSetOn(decisionReceivedDate, settings);
  return addWorkingDays(decisionReceivedDate, values.ceremony.value, settings.calendar);
}

/** The guidance that requires the standing committee's written consent, on the decision's date. */
function over60ConsentSource(date: string, settings: LifecycleSettings): string | null {
  const g = guidanceList(settings).find((x) => (x.inForceFrom ?? '') <= date && (x.inForceTo === null || date <= x.inForceTo));
  if (!g) return null;
  const short = g.name.startsWith('Hướng dẫn 06') ? 'Hướng dẫn 06-HD/TW' : g.name;
  return `${short}, §1.1`;
}

export function checkAdmission(input: AdmissionInput, settings: LifecycleSettings = DEFAULT_SETTINGS): CheckResult {
  const f = new Findings();
  const birthOk = requireDate(f, input.birthDate, 'birthDate', 'ngày sinh', 'birth date');
  const voteOk = requireDate(f, input.cellVoteDate, 'cellVoteDate', 'ngày chi bộ xét kết nạp', 'cell vote date');
  const resolution = input.cellResolutionDate ?? input.cellVoteDate;
  const resolutionOk = voteOk && (input.cellResolutionDate == null || optionalDate(f, input.cellResolutionDate, 'cellResolutionDate', 'ngày nghị quyết của chi bộ', 'cell resolution date'));
  const decisionOk = optionalDate(f, input.decisionDate, 'decisionDate', 'ngày quyết định kết nạp', 'decision date');
  const receivedOk = input.decisionReceivedDate == null ? decisionOk : optionalDate(f, input.decisionReceivedDate, 'decisionReceivedDate', 'ngày nhận quyết định', 'decision received date');
  const ceremonyOk = optionalDate(f, input.ceremonyDate, 'ceremonyDate', 'ngày lễ kết nạp', 'ceremony date');
  if (!birthOk || !voteOk) return f.result();

  const on = ruleSetOn(input.cellVoteDate, settings);
  f.warnings.push(...on.notes);
  const { admissionMinAge: minAge, admissionMaxAge: maxAge } = on.values;

  // Age, counted in months, on the day the cell considers (not the decision or the ceremony).
  const months = ageInMonths(input.birthDate, input.cellVoteDate, settings.ageCounting);
  const minMonths = minAge.value * 12;
  if (months < minMonths) {
    const from = dateReachingMonths(input.birthDate, minMonths, settings.ageCounting);
    f.error(ruleMessage(
      RULES.admissionMinAge.id,
      minAge.source,
      `người vào Đảng phải đủ ${minAge.value} tuổi (tính theo tháng) khi chi bộ xét kết nạp; ngày ${vn(input.cellVoteDate)} mới ${Math.floor(months / 12)} tuổi ${months % 12} tháng; chi bộ có thể xét từ ngày ${vn(from)}`,
      `the applicant must be ${minAge.value} (counted in months) when the cell considers; on ${input.cellVoteDate} only ${Math.floor(months / 12)} years ${months % 12} months; the cell may consider from ${from}`,
      { field: 'cellVoteDate', validFrom: from },
    ));
  } else if (months > maxAge.value * 12) {
    checkOver60(f, input, months, maxAge.source, settings);
  }

  if (input.sponsors) checkSponsors(f, input.sponsors);
  if (input.votes) f.add(checkCellVote(input.votes, RULES.admissionCellVote));
  if (optionalDate(f, input.certificateDate, 'certificateDate', 'ngày cấp giấy chứng nhận', 'certificate date')) {
    checkCertificate(f, input.certificateDate, input.cellVoteDate, settings);
  }

  // The order: vote and resolution, then the decision, then the ceremony.
  const order = RULES.admissionOrder;
  if (resolutionOk && resolution < input.cellVoteDate) {
    f.error(ruleMessage(order.id, order.source, 'nghị quyết của chi bộ không thể trước ngày chi bộ xét', 'the resolution cannot precede the vote', { field: 'cellResolutionDate', validFrom: input.cellVoteDate }));
  }
  if (decisionOk && resolutionOk) {
    if (input.decisionDate! < resolution) {
      f.error(ruleMessage(order.id, order.source, `quyết định kết nạp phải sau nghị quyết của chi bộ (${vn(resolution)})`, `the decision must follow the cell's resolution (${resolution})`, { field: 'decisionDate', validFrom: resolution }));
    } else {
      const dl = admissionDecisionDeadline(resolution, settings);
      lateDecision(f, input.decisionDate!, resolution, dl);
    }
  }
  if (ceremonyOk) {
    if (!decisionOk) {
      f.error(ruleMessage(order.id, order.source, 'chỉ tổ chức lễ kết nạp sau khi có quyết định kết nạp', 'a ceremony needs the admission decision first', { field: 'decisionDate' }));
    } else {
      const received = input.decisionReceivedDate ?? input.decisionDate!;
      if (receivedOk && received < input.decisionDate!) {
        f.error(ruleMessage(order.id, order.source, 'ngày nhận quyết định không thể trước ngày ký', 'the decision cannot be received before it is signed', { field: 'decisionReceivedDate', validFrom: input.decisionDate! }));
      }
      if (input.ceremonyDate! < input.decisionDate!) {
        f.error(ruleMessage(order.id, order.source, `lễ kết nạp phải sau ngày ký quyết định (${vn(input.decisionDate!)})`, `the ceremony must follow the decision (${input.decisionDate})`, { field: 'ceremonyDate', validFrom: input.decisionDate! }));
      } else if (receivedOk) {
        const v = ruleSetOn(received, settings).values.ceremony;
        const due = addWorkingDays(received, v.value, settings.calendar);
        if (input.ceremonyDate! > due && !input.lateCeremonyAgreed) {
          f.warn(ruleMessage(
            RULES.admissionCeremonyDeadline.id,
            v.source,
            `chi bộ phải tổ chức lễ kết nạp trong ${v.value} ngày làm việc kể từ ngày nhận quyết định (${vn(received)}), tức đến ${vn(due)}; tổ chức ngày ${vn(input.ceremonyDate!)} cần sự đồng ý của cấp ủy cấp trên trực tiếp`,
            `the ceremony is due within ${v.value} working days of receiving the decision (${received}), by ${due}; holding it on ${input.ceremonyDate} needs the superior committee's agreement`,
            { field: 'ceremonyDate' },
          ));
        }
      }
    }
  }
  return f.result();
}

function lateDecision(f: Findings, decisionDate: string, resolution: string, dl: DeadlineOnDate): void {
  if (decisionDate <= dl.due) return;
  const unconfirmed = dl.confirmed ? '' : ' (thời hạn của văn bản này chưa được đối chiếu)';
  const unconfirmedEn = dl.confirmed ? '' : ' (this text\'s limit is unconfirmed)';
  if (dl.extendedDue !== null && decisionDate <= dl.extendedDue) {
    f.warn(ruleMessage(
      RULES.admissionDecisionDeadline.id,
      dl.source,
      `cấp ủy phải quyết định trong ${dl.workingDays} ngày làm việc kể từ nghị quyết của chi bộ (${vn(resolution)}), tức đến ${vn(dl.due)}; quyết định ngày ${vn(decisionDate)} chỉ đúng hạn nếu được gia hạn (tối đa ${dl.extensionWorkingDays} ngày làm việc, đến ${vn(dl.extendedDue)})${unconfirmed}`,
      `the decision is due within ${dl.workingDays} working days of the resolution (${resolution}), by ${dl.due}; ${decisionDate} is on time only with the extension (up to ${dl.extensionWorkingDays}, by ${dl.extendedDue})${unconfirmedEn}`,
      { field: 'decisionDate' },
    ));
  } else {
    const last = dl.extendedDue ?? dl.due;
    f.warn(ruleMessage(
      RULES.admissionDecisionDeadline.id,
      dl.source,
      `quyết định kết nạp ngày ${vn(decisionDate)} quá thời hạn ${dl.workingDays}${dl.extensionWorkingDays ? ` (+${dl.extensionWorkingDays})` : ''} ngày làm việc kể từ nghị quyết của chi bộ (hạn cuối ${vn(last)}); cần báo cáo lý do${unconfirmed}`,
      `the decision on ${decisionDate} is past the limit of ${dl.workingDays}${dl.extensionWorkingDays ? ` (+${dl.extensionWorkingDays})` : ''} working days from the resolution (last day ${last})${unconfirmedEn}`,
      { field: 'decisionDate' },
    ));
  }
}

function checkOver60(f: Findings, input: AdmissionInput, months: number, maxSource: string, settings: LifecycleSettings): void {
  const age = `${Math.floor(months / 12)} tuổi ${months % 12} tháng`;
  const o = input.over60;
  if (!o || !o.decidedByProvinceCommittee) {
    f.error(ruleMessage(
      RULES.admissionMaxAge.id,
      maxSource,
      `người vào Đảng ${age} (trên 60 tuổi) chỉ được kết nạp khi cấp ủy trực thuộc Trung ương xem xét, quyết định`,
      `an applicant aged ${Math.floor(months / 12)}y ${months % 12}m (over 60) can only be admitted by the province-level committee`,
      { field: 'over60' },
    ));
    return;
  }
  const when = input.decisionDate ?? input.cellVoteDate;
  const consentSource = over60ConsentSource(when, settings);
  if (consentSource === null) return; // Before HD 01/2016 (20/9/2016): the province committee's decision suffices.
  const consent = o.standingCommitteeConsentDate;
  if (!consent) {
    f.error(ruleMessage(
      RULES.admissionOver60Consent.id,
      consentSource,
      'người trên 60 tuổi cần ban thường vụ cấp ủy trực thuộc Trung ương đồng ý bằng văn bản trước khi ra quyết định kết nạp',
      'over 60 needs the province standing committee\'s written consent before the decision',
      { field: 'over60.standingCommitteeConsentDate' },
    ));
  } else if (input.decisionDate && consent > input.decisionDate) {
    f.error(ruleMessage(
      RULES.admissionOver60Consent.id,
      consentSource,
      `văn bản đồng ý của ban thường vụ (${vn(consent)}) phải có trước quyết định kết nạp (${vn(input.decisionDate)})`,
      `the standing committee's consent (${consent}) must precede the decision (${input.decisionDate})`,
      { field: 'over60.standingCommitteeConsentDate' },
    ));
  } else if (input.decisionDate && consent === input.decisionDate) {
    f.warn(ruleMessage(
      RULES.admissionOver60Consent.id,
      consentSource,
      'văn bản đồng ý cùng ngày với quyết định kết nạp: cần bảo đảm văn bản đồng ý có trước',
      'consent dated the same day as the decision: make sure it came first',
      { field: 'over60.standingCommitteeConsentDate' },
    ));
  }
  if (o.healthAndPrestige === false || o.noOrganizationOrSpecialNeed === false) {
    f.error(ruleMessage(
      RULES.admissionOver60Consent.id,
      consentSource,
      'người trên 60 tuổi phải có sức khỏe, uy tín, và ở nơi chưa có tổ chức đảng, đảng viên hoặc có yêu cầu đặc biệt',
      'over 60 requires health and prestige, and no party presence where they live or work, or a special need',
      { field: 'over60' },
    ));
  }
}

function checkSponsors(f: Findings, sponsors: Sponsor[]): void {
  const members = sponsors.filter((s) => s.kind === 'member');
  const bodies = sponsors.filter((s) => s.kind !== 'member');
  const setOk = (bodies.length === 0 && members.length === 2) || (bodies.length === 1 && members.length === 1);
  const rule = RULES.admissionSponsors;
  if (!setOk) {
    f.error(ruleMessage(
      rule.id,
      rule.source,
      'cần hai đảng viên chính thức giới thiệu, hoặc ban chấp hành Đoàn cơ sở (hay ban chấp hành công đoàn cơ sở) và một đảng viên chính thức',
      'needs two official members, or the base Youth Union (or trade-union) committee and one official member',
      { field: 'sponsors' },
    ));
  }
  const cond = RULES.admissionSponsorConditions;
  members.forEach((s, i) => {
    if (s.grade !== undefined && s.grade !== 'official') {
      f.error(ruleMessage(cond.id, cond.source, `người giới thiệu thứ ${i + 1} phải là đảng viên chính thức`, `sponsor ${i + 1} must be an official member`, { field: `sponsors.${i}` }));
    }
    if (!s.replacement && s.monthsTogether !== undefined && s.monthsTogether < 12) {
      f.error(ruleMessage(
        cond.id,
        cond.source,
        `người giới thiệu thứ ${i + 1} phải cùng công tác, học tập với người vào Đảng ít nhất 12 tháng (mới ${s.monthsTogether} tháng), trừ người được chi bộ phân công thay`,
        `sponsor ${i + 1} must have been with the applicant at least 12 months (${s.monthsTogether}), unless assigned as a replacement`,
        { field: `sponsors.${i}` },
      ));
    }
  });
}

function checkCertificate(f: Findings, certificateDate: string, voteDate: string, settings: LifecycleSettings): void {
  const lastValid = addMonths(certificateDate, 60);
  if (voteDate <= lastValid) return;
  const rule = RULES.admissionCertificate;
  const inForce = voteDate >= hd06InForceFrom(settings);
  const mode = inForce ? 'apply' : settings.certificateRuleBeforeHd06;
  if (mode === 'off') return;
  const m = ruleMessage(
    rule.id,
    rule.source,
    `quá 60 tháng kể từ ngày cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (${vn(certificateDate)}, còn dùng được đến ${vn(lastValid)}); người vào Đảng phải học lại${inForce ? '' : ` (quy định áp dụng từ ${formatVietnameseDate(hd06InForceFrom(settings))}; trước đó chưa được đối chiếu)`}`,
    `over 60 months since the awareness-course certificate (${certificateDate}, usable until ${lastValid}); the course must be repeated${inForce ? '' : ' (rule before HD 06 unconfirmed)'}`,
    { field: 'certificateDate' },
  );
  if (mode === 'apply') f.error(m);
  else f.warn(m);
}
