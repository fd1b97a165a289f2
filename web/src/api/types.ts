// Shapes of the API's answers (src/http/routes/*.ts).

export interface Me {
  userId: number | null;
  username: string;
  fullName: string;
  role: string;
  scopeUnitId: number;
  permissions: string[];
}

// Server shapes, type-only: the same declarations the API is built from (erased at build time).
export type { UnitSummary, UnitDetail, UnitVersionRow as UnitVersion } from '../../../src/db/repos/units.ts';
export type { RestructurePreview, RestructuringRecord } from '../../../src/commands/restructure.ts';
export type { OperationInput as RestructureInput } from '../../../src/domain/restructure.ts';

export type { AuditEntry } from '../../../src/db/repos/audit.ts';

export interface NewUnit {
  code: string;
  name: string;
  kind: string;
  parentId: number;
  effectiveDate: string;
  decision?: string | null;
  note?: string | null;
}

export interface UnitChange {
  name?: string;
  code?: string;
  kind?: string;
  parentId?: number;
  note?: string | null;
  effectiveDate: string;
  decision?: string | null;
  rowVersion: number;
}

import type { MemberListItem } from '../../../src/db/repos/members.ts';
export type { MemberListItem };

export interface MemberPage {
  total: number;
  /** The total is the counting limit: there are more. */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  items: MemberListItem[];
}

export interface MemberFilter {
  unitId?: number;
  q?: string;
  status?: string[];
  sex?: string;
  ageBand?: string;
  unitKind?: string;
  page?: number;
  pageSize?: number;
}

/** Profile fields of form 2-HSĐV, as the API names them. */
export interface MemberProfile {
  fullName: string;
  otherNames: string | null;
  sex: string;
  birthDate: string;
  birthProvinceCode: string | null;
  birthPlace: string | null;
  homeTown: string | null;
  ethnicity: string | null;
  religion: string | null;
  citizenId: string | null;
  cardNumber: string | null;
  educationGeneral: string | null;
  educationProfessional: string | null;
  politicalTheory: string | null;
  occupation: string | null;
  phone: string | null;
  admissionDate: string | null;
  officialDate: string | null;
  note: string | null;
}

export type ProfileField = keyof MemberProfile;

export const PROFILE_FIELDS: readonly ProfileField[] = [
  'fullName', 'otherNames', 'sex', 'birthDate', 'birthProvinceCode', 'birthPlace', 'homeTown', 'ethnicity', 'religion',
  'citizenId', 'cardNumber', 'educationGeneral', 'educationProfessional', 'politicalTheory', 'occupation', 'phone',
  'admissionDate', 'officialDate', 'note',
];

export interface Member extends MemberProfile {
  id: number;
  status: string;
  unitId: number;
  unitName: string;
  unitCode: string;
  rowVersion: number;
  updatedAt: string;
}

export type { MemberPeriod } from '../../../src/db/repos/members.ts';

/** Event kinds of the member's life (src/domain/lifecycle/events.ts). */
export const EVENT_KINDS = [
  'admission', 'recognition', 'non_recognition', 'transfer_out_official', 'transfer_out_temporary', 'transfer_in',
  'exemption_start', 'exemption_end', 'removal', 'leave_on_request', 'discipline', 'expulsion', 'death', 'void', 'reorganized',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const REMOVAL_REASONS = [
  'abandoned_activities', 'unpaid_dues', 'not_recognized_after_probation', 'transfer_letter_not_presented',
  'no_improvement_after_education', 'two_years_violation', 'card_surrendered', 'political_standard',
] as const;
export const DISCIPLINE_FORMS = ['reprimand', 'warning', 'dismissal_from_posts'] as const;
export const EXEMPTION_GROUNDS = ['age_health', 'other'] as const;
export const TRANSFER_PURPOSES = ['work', 'study'] as const;

/** What a dialog sends to record (or check) an event; kind-specific fields only where the kind needs them. */
export interface EventInput {
  kind: EventKind;
  effectiveDate: string;
  decisionNumber?: string | null;
  decisionDate?: string | null;
  issuedBy?: string | null;
  note?: string | null;
  attachments?: string[];
  voidsEventId?: number | null;
  unitId?: number | null;
  toUnitId?: number | null;
  hostUnitId?: number | null;
  until?: string | null;
  purpose?: string | null;
  reason?: string | null;
  form?: string | null;
  ground?: string | null;
  letterNumber?: string | null;
  letterDeadline?: string | null;
  cellResolutionDate?: string | null;
}

/** A recorded event (GET /members/:id/events), in effective-date order. */
export interface MemberEvent extends Omit<EventInput, 'kind'> {
  id: number;
  memberId: number;
  kind: string;
  /** The void event that cancelled this one. */
  voidedBy: number | null;
  recordedAt: string;
  /** Full name of the user who recorded it. */
  recordedBy: string | null;
}

/** What can be recorded next ('void' is never listed: any event not yet voided can be voided). */
export interface MemberActions {
  status: string;
  grade: string | null;
  events: string[];
  removalReasons: string[];
  disciplineForms: string[];
  lastDate: string | null;
}

/** A party rule that refuses or warns; `message` starts with the rule's source ("Điều lệ Đảng 2011, Điều 5: …"). */
import type { RuleMessage } from '../../../src/domain/lifecycle/types.ts';
export type { RuleMessage };

import type { EventCheck } from '../../../src/commands/member-events.ts';
export type { EventCheck };

export interface RecordedEventAnswer {
  event: MemberEvent;
  warnings: RuleMessage[];
  replayed: boolean;
}

export interface UserView {
  id: number;
  username: string;
  fullName: string;
  role: string;
  scopeUnitId: number;
  scopeUnitName: string;
  active: boolean;
}

export interface NewUser {
  username: string;
  fullName: string;
  password: string;
  role: string;
  scopeUnitId: number;
}

/** Work queues (GET /queues): each row opens the member with the action's dialog ready. */
export interface QueueItem {
  memberId: number;
  fullName: string;
  unitId: number;
  unitName: string;
  due: string | null;
  /** Negative: overdue. */
  daysLeft: number | null;
  action: 'recognition' | 'removal' | 'transfer_in';
  detail: { admissionDate?: string; absentMonths?: string[]; unpaidMonths?: string[]; letterIssued?: string; toUnitId?: number | null };
}

export type { WorkQueues } from '../../../src/reports/work-queues.ts';

export type { MeetingSummary } from '../../../src/db/repos/meetings.ts';

import type { AttendanceRow } from '../../../src/db/repos/meetings.ts';
export type { AttendanceRow };

export type { Meeting } from '../../../src/db/repos/meetings.ts';

export type { MeetingInput } from '../../../src/db/repos/meetings.ts';

export const COUNSELLING_TOPICS = ['abandoned_activities', 'unpaid_dues', 'asked_to_leave'] as const;
export const COUNSELLING_OUTCOMES = ['returned', 'persists', 'unreachable'] as const;
export const ATTRITION_REASONS = COUNSELLING_TOPICS;
export const ATTRITION_OUTCOMES = ['removed', 'left', 'returned', 'pending'] as const;

export type { CounsellingRecord as Counselling } from '../../../src/db/repos/counselling.ts';

export interface CounsellingInput {
  metOn: string;
  metBy: string;
  topic: string;
  outcome: string;
  note?: string | null;
}

import type { AttritionPerson } from '../../../src/reports/attrition.ts';
export type { AttritionPerson };

export type { AttritionReport } from '../../../src/reports/attrition.ts';

export type { MemberCounts, ChildCounts } from '../../../src/reports/member-counts.ts';
export type { MovementsReport, MovementTotals } from '../../../src/reports/movements.ts';

/** Enumerations of the domain (src/domain/*.ts). */
export const MEMBER_STATUSES = ['probationary', 'official', 'exempt', 'transferring', 'removed', 'left', 'expelled', 'deceased'] as const;
export const ACTIVE_STATUSES = ['probationary', 'official', 'exempt', 'transferring'] as const;
export const SEXES = ['male', 'female'] as const;
export const AGE_BANDS = ['to30', '31to40', '41to50', '51to60', '61to70', 'over70'] as const;
export const UNIT_KINDS = ['central', 'province_committee', 'district_committee', 'grassroots_committee', 'grassroots_cell', 'partial_committee', 'cell'] as const;
export const POLITICAL_THEORY_LEVELS = ['none', 'so_cap', 'trung_cap', 'cao_cap', 'cu_nhan'] as const;
export const ROLES = ['admin', 'org_staff', 'cell_secretary', 'inspector', 'read_only'] as const;

/** Kinds a unit of each kind may be placed under (src/domain/units.ts). */
export const ALLOWED_PARENT_KINDS: Record<string, readonly string[]> = {
  central: [],
  province_committee: ['central'],
  district_committee: ['province_committee'],
  grassroots_committee: ['district_committee', 'province_committee'],
  grassroots_cell: ['district_committee', 'province_committee'],
  partial_committee: ['grassroots_committee'],
  cell: ['grassroots_committee', 'partial_committee'],
};

// Candidates for admission (quần chúng ưu tú, cảm tình Đảng): the server's shapes, type-only.
import type { Candidate, CandidateListItem, NewCandidate, CandidateProfile } from '../../../src/db/repos/candidates.ts';
import type { StageInput } from '../../../src/domain/admission/checks.ts';
export type { Candidate, CandidateListItem, NewCandidate, CandidateProfile, StageInput };
export const CANDIDATE_STAGES = ['identified', 'course', 'application', 'history_verified', 'sponsored', 'cell_vote', 'decision', 'ceremony'] as const;
export const CANDIDATE_SOURCES = ['youth_union', 'trade_union', 'women_union', 'farmers_union', 'veterans_union', 'other'] as const;
export const SPONSOR_BODIES = ['youth_union', 'trade_union'] as const;

export interface CandidatePage {
  total: number;
  page: number;
  pageSize: number;
  items: CandidateListItem[];
}

export interface CandidateFilter {
  unitId?: number;
  q?: string;
  stage?: string[];
  source?: string[];
  page?: number;
  pageSize?: number;
}

export interface StageCheck {
  ok: boolean;
  errors: RuleMessage[];
  warnings: RuleMessage[];
}

export interface RecordedStageAnswer {
  candidate: Candidate;
  warnings: RuleMessage[];
  replayed: boolean;
}

export type { RecruitmentReport } from '../../../src/reports/recruitment.ts';
// Yearly evaluation and weak units (issue 4): the server's shapes, type-only.
export type { Campaign as EvaluationCampaign, RatingRow as EvaluationRow, RatingPatch as EvaluationPatch } from '../../../src/commands/evaluation.ts';
export type { ValidationReport as EvaluationReport, Violation as EvaluationViolation } from '../../../src/domain/evaluation/validate.ts';
export type { Level as EvaluationLevel } from '../../../src/domain/evaluation/levels.ts';
export type { EvaluationResults, Distribution as EvaluationDistribution } from '../../../src/reports/evaluation.ts';
export type { WeakUnit, WeakUnitInput, WeakUnitsReport } from '../../../src/commands/weak-units.ts';
export const EVALUATION_LEVELS = ['excellent', 'good', 'completed', 'failed'] as const;
export const WEAK_CATEGORIES = ['slow_change', 'declining', 'disunited', 'rated_failed'] as const;
export const WEAK_KINDS = ['grassroots', 'cell_of_grassroots_committee', 'cell_other'] as const;
export const PLAN_RESULTS = ['in_progress', 'consolidated', 'carried_over'] as const;
// Party documents, plans, follow-up (src/db/repos/documents.ts, src/reports/implementation.ts).
export type {
  DocumentListItem, DocumentDetail, DocumentRef, TaskView as DocumentTask, IndicatorView, IndicatorResult, ProgressReportView as ProgressReport,
  NewDocument, NewTask as NewDocumentTask, TaskChange as DocumentTaskChange,
} from '../../../src/db/repos/documents.ts';
export type { FollowUp, FollowUpRow, ReviewDraft } from '../../../src/reports/implementation.ts';
