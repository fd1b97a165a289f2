// Shapes of the API's answers (src/http/routes/*.ts).

export interface Me {
  userId: number | null;
  username: string;
  fullName: string;
  role: string;
  scopeUnitId: number;
  permissions: string[];
}

export interface UnitSummary {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  childCount: number;
  memberCount: number;
}

export interface UnitDetail extends UnitSummary {
  path: string;
  establishedOn: string;
  dissolvedOn: string | null;
  note: string | null;
  rowVersion: number;
  ancestors: Array<{ id: number; code: string; name: string; kind: string }>;
  byStatus: Record<string, number>;
}

export interface UnitVersion {
  validFrom: string;
  validTo: string | null;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  parentName: string | null;
  decision: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  actorFullName: string | null;
  action: string;
  entity: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changed: string[];
}

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

export interface MemberListItem {
  id: number;
  fullName: string;
  sex: string;
  birthDate: string;
  status: string;
  admissionDate: string | null;
  unitId: number;
  unitName: string;
  unitCode: string;
}

export interface MemberPage {
  total: number;
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

export interface MemberPeriod {
  validFrom: string;
  validTo: string | null;
  status: string;
  unitId: number;
  unitName: string;
  decision: string | null;
}

/** Event kinds of the member's life (src/domain/lifecycle/events.ts). */
export const EVENT_KINDS = [
  'admission', 'recognition', 'non_recognition', 'transfer_out_official', 'transfer_out_temporary', 'transfer_in',
  'exemption_start', 'exemption_end', 'removal', 'leave_on_request', 'discipline', 'expulsion', 'death', 'void',
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
export interface RuleMessage {
  ruleId: string;
  source: string;
  message: string;
  messageEn: string;
  field?: string;
  validFrom?: string;
}

export interface EventCheck {
  ok: boolean;
  errors: RuleMessage[];
  warnings: RuleMessage[];
  statusAfter: string | null;
}

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

export interface WorkQueues {
  asOf: string;
  probationEnding: QueueItem[];
  absentOrUnpaid: QueueItem[];
  transfersOverdue: QueueItem[];
}

export interface MeetingSummary {
  month: string;
  heldOn: string;
  present: number;
  absent: number;
  unpaid: number;
}

export interface AttendanceRow {
  memberId: number;
  fullName: string;
  status: string;
  /** null: not recorded yet. */
  attended: boolean | null;
  absenceReason: string | null;
  reasonAccepted: boolean;
  duesPaid: boolean;
}

export interface Meeting {
  unitId: number;
  month: string;
  heldOn: string | null;
  note: string | null;
  rowVersion: number | null;
  rows: AttendanceRow[];
}

export interface MeetingInput {
  heldOn: string;
  note: string | null;
  rowVersion: number | null;
  attendance: Array<{ memberId: number; attended: boolean; absenceReason: string | null; reasonAccepted: boolean; duesPaid: boolean }>;
}

export const COUNSELLING_TOPICS = ['abandoned_activities', 'unpaid_dues', 'asked_to_leave'] as const;
export const COUNSELLING_OUTCOMES = ['returned', 'persists', 'unreachable'] as const;
export const ATTRITION_REASONS = COUNSELLING_TOPICS;
export const ATTRITION_OUTCOMES = ['removed', 'left', 'returned', 'pending'] as const;

export interface Counselling {
  id: number;
  metOn: string;
  metBy: string;
  topic: string;
  outcome: string;
  note: string | null;
}

export interface CounsellingInput {
  metOn: string;
  metBy: string;
  topic: string;
  outcome: string;
  note?: string | null;
}

export interface AttritionPerson {
  memberId: number;
  fullName: string;
  unitCode: string;
  unitName: string;
  reason: string;
  outcome: string;
  settledOn: string | null;
  decisionNumber: string | null;
  counselling: Array<{ metOn: string; metBy: string; outcome: string; note: string | null }>;
}

export interface AttritionReport {
  unit: { code: string; name: string; kind: string };
  since: string;
  until: string;
  total: number;
  byReason: Record<string, number>;
  byOutcome: Record<string, number>;
  people: AttritionPerson[];
}

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
