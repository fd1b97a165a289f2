// Kysely's view of the tables (see migrations/ for the DDL, which is the source of truth).
import type { Generated, ColumnType } from 'kysely';
import type { VisitTables } from './schema-visits.ts';

type DateString = string; // 'YYYY-MM-DD': DATE columns are read as strings (no time-zone drift)
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  path: string;
  depth: number;
  established_on: DateString;
  dissolved_on: DateString | null;
  name_search: string;
  note: string | null;
  row_version: Generated<number>;
}

export interface UnitVersionTable {
  unit_id: number;
  valid_from: DateString;
  valid_to: DateString | null;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  decision: string | null;
}

export interface UnitSuccessionTable {
  predecessor_id: number;
  successor_id: number;
  effective_on: DateString;
  operation: string;
  decision: string | null;
  note: string | null;
}

export interface MemberTable {
  id: Generated<number>;
  full_name: string;
  other_names: string | null;
  sex: string;
  birth_date: DateString;
  birth_province_code: string | null;
  birth_place: string | null;
  home_town: string | null;
  ethnicity: Generated<string>;
  religion: string | null;
  citizen_id: string | null;
  card_number: string | null;
  education_general: string | null;
  education_professional: string | null;
  political_theory: string | null;
  occupation: string | null;
  phone: string | null;
  admission_date: DateString | null;
  official_date: DateString | null;
  admission_decision_date: DateString | null;
  history_start_date: DateString | null;
  history_start_status: string | null;
  history_start_unit_id: number | null;
  status: string;
  unit_id: number;
  name_search: string;
  name_sort: string;
  /** Ancestors of the member's unit at depths 1–3, kept by triggers (0010). */
  depth1_unit_id: Generated<number | null>;
  depth2_unit_id: Generated<number | null>;
  depth3_unit_id: Generated<number | null>;
  note: string | null;
  row_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberPeriodTable {
  member_id: number;
  valid_from: DateString;
  valid_to: DateString | null;
  status: string;
  unit_id: number;
  decision: string | null;
}

export interface MemberEventTable {
  id: Generated<number>;
  member_id: number;
  kind: string;
  effective_date: DateString;
  decision_number: string | null;
  decision_date: DateString | null;
  issued_by: string | null;
  note: string | null;
  attachments: ColumnType<string[], string[] | undefined, string[]>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  voids_event_id: number | null;
  request_key: string | null;
  recorded_at: Timestamp;
  recorded_by: number | null;
}

export interface CellMeetingTable {
  id: Generated<number>;
  unit_id: number;
  month: DateString;
  held_on: DateString;
  note: string | null;
  row_version: Generated<number>;
}

export interface MeetingAttendanceTable {
  meeting_id: number;
  member_id: number;
  attended: boolean;
  absence_reason: string | null;
  reason_accepted: Generated<boolean>;
  dues_paid: Generated<boolean>;
}

export interface CounsellingTable {
  id: Generated<number>;
  member_id: number;
  met_on: DateString;
  met_by: string;
  topic: string;
  outcome: string;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: number | null;
}

export interface CandidateTable {
  id: Generated<number>;
  full_name: string;
  other_names: string | null;
  sex: string;
  birth_date: DateString;
  birth_province_code: string | null;
  birth_place: string | null;
  home_town: string | null;
  ethnicity: Generated<string>;
  religion: string | null;
  citizen_id: string | null;
  education_general: string | null;
  education_professional: string | null;
  occupation: string | null;
  phone: string | null;
  youth_union_member: Generated<boolean>;
  private_business_owner: Generated<boolean>;
  source: string;
  source_organization: string | null;
  workplace: string | null;
  workplace_unit_id: number | null;
  enterprise_id: number | null;
  unit_id: number;
  stage: string;
  stage_date: DateString;
  member_id: number | null;
  name_search: string;
  name_sort: string;
  note: string | null;
  row_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CandidateStageTable {
  id: Generated<number>;
  candidate_id: number;
  stage: string;
  stage_date: DateString;
  document_number: string | null;
  issued_by: string | null;
  note: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  request_key: string | null;
  recorded_at: Timestamp;
  recorded_by: number | null;
}

export interface AdmissionTargetTable {
  unit_id: number;
  year: number;
  target: number;
  decision: string | null;
  note: string | null;
  row_version: Generated<number>;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  password_hash: string;
  role: string;
  scope_unit_id: number;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface AppSessionTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: number;
  before: unknown;
  after: unknown;
}

/** The kept roll of today per rolled-up unit (0009_statistics.sql). */
export interface StatRollupTable {
  unit_id: number;
  status: string;
  sex: string;
  dim: string;
  value: string;
  n: number;
}

export interface EvaluationCampaignTable {
  id: Generated<number>;
  year: number;
  quarter: number | null;
  root_unit_id: number;
  rule_set_id: string;
  review_date: DateString;
  cap_exception: Generated<boolean>;
  title: string;
  row_version: Generated<number>;
  created_at: Timestamp;
}

export interface EvaluationRatingTable {
  id: Generated<number>;
  campaign_id: number;
  subject: 'member' | 'organization';
  member_id: number | null;
  unit_id: number;
  self_level: string | null;
  proposed_level: string | null;
  decided_level: string | null;
  // numeric comes back as a string from both drivers.
  score: ColumnType<string | null, number | string | null, number | string | null>;
  self_comment: string | null;
  proposal_comment: string | null;
  decision_comment: string | null;
  cap_group: string | null;
  facts: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
  locked: Generated<boolean>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  row_version: Generated<number>;
}

export interface EvaluationActionTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  action: 'decide' | 'reopen';
  reason: string | null;
  ratings: number;
  at: Timestamp;
  by_user: number | null;
}

export interface WeakUnitTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  categories: string[];
  causes: string | null;
  measures: string | null;
  responsible: string | null;
  deadline: DateString | null;
  progress: string | null;
  result: Generated<string>;
  row_version: Generated<number>;
  issuer_unit_id: number | null;
  responsible_member_id: number | null;
  result_on: DateString | null;
}

export interface ConsolidationTaskTable {
  id: Generated<number>;
  weak_unit_id: number;
  ordinal: number;
  measure: string;
  owner_member_id: number | null;
  owner_unit_id: number | null;
  deadline: DateString;
  status: Generated<string>;
  progress_notes: ColumnType<Array<{ on: string; text: string; by: string }>, string | undefined, string>;
  evidence: Generated<string[]>;
  done_on: DateString | null;
  row_version: Generated<number>;
}

export interface RestructuringTable {
  id: Generated<number>;
  kind: string;
  effective_date: DateString;
  decision_number: string;
  decision_date: DateString | null;
  issued_by: string | null;
  note: string | null;
  input: ColumnType<unknown, string, string>;
  changes: ColumnType<unknown, string, string>;
  undoes_id: number | null;
  undone_by_id: number | null;
  created_by: number | null;
  created_by_name: string;
  created_at: Timestamp;
}

export interface RestructuringUnitTable {
  restructuring_id: number;
  unit_id: number;
  role: string;
}

// Party documents, tasks, indicators and the cascade of implementation plans (0008_documents.sql).
export interface DocumentTable {
  id: Generated<number>;
  number_text: string;
  seq: number;
  kind: string;
  issuer_code: string;
  issuing_unit_id: number;
  issued_on: DateString;
  issue_year: number;
  title: string;
  title_search: string;
  covers_from: DateString | null;
  covers_to: DateString | null;
  attachments: Generated<string[]>;
  plan_due_date: DateString | null;
  report_due_days: Generated<number>;
  note: string | null;
  row_version: Generated<number>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
}

export interface DocumentLinkTable {
  document_id: number;
  target_id: number;
  relation: 'implements' | 'replaces';
}

export interface DocumentTaskTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  title: string;
  description: string | null;
  parent_task_id: number | null;
  owner: string | null;
  deadline: DateString | null;
  status: Generated<string>;
  row_version: Generated<number>;
}

export interface IndicatorTable {
  id: Generated<number>;
  task_id: number;
  position: number;
  name: string;
  unit_of_measure: string;
  measurement: string;
}

export interface IndicatorTargetTable {
  indicator_id: number;
  unit_id: number;
  year: number;
  target: number | string;
}

export interface IndicatorValueTable {
  indicator_id: number;
  unit_id: number;
  year: number;
  value: number | string;
  note: string | null;
}

export interface ProgressReportTable {
  id: Generated<number>;
  task_id: number;
  period: string;
  period_start: DateString;
  period_end: DateString;
  body: string;
  evidence: Generated<string[]>;
  submitted_on: DateString;
  submitted_by: number | null;
  submitted_by_name: string;
  submitted_at: Generated<Timestamp>;
  row_version: Generated<number>;
}

export interface ReviewDraftTable {
  id: Generated<number>;
  document_id: number;
  unit_id: number;
  kind: string;
  period_from: DateString;
  period_to: DateString;
  body: string;
  reports: number;
  created_at: Generated<Timestamp>;
  created_by: number | null;
}

export interface ResignationRequestTable {
  id: Generated<number>;
  full_name: string;
  name_search: string;
  name_sort: string;
  member_id: number | null;
  agency: string;
  position: string;
  level: string;
  unit_id: number;
  requested_on: DateString;
  reason: string;
  reason_note: string | null;
  outcome: string | null;
  outcome_on: DateString | null;
  outcome_note: string | null;
  row_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResignationCounsellingTable {
  id: Generated<number>;
  request_id: number;
  met_on: DateString;
  met_by: string;
  outcome_note: string;
  recorded_at: Timestamp;
  recorded_by: number | null;
}

export interface IndustrialParkTable {
  id: Generated<number>;
  name: string;
  unit_id: number;
  established_on: DateString | null;
  note: string | null;
}

export interface EnterpriseTable {
  id: Generated<number>;
  name: string;
  name_search: string;
  park_id: number | null;
  unit_id: number;
  ownership: string;
  workers: Generated<number>;
  has_trade_union: Generated<boolean>;
  party_unit_id: number | null;
  note: string | null;
  row_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database extends VisitTables {
  restructuring: RestructuringTable;
  restructuring_unit: RestructuringUnitTable;
  unit: UnitTable;
  unit_version: UnitVersionTable;
  unit_succession: UnitSuccessionTable;
  member: MemberTable;
  member_period: MemberPeriodTable;
  member_event: MemberEventTable;
  cell_meeting: CellMeetingTable;
  counselling: CounsellingTable;
  meeting_attendance: MeetingAttendanceTable;
  candidate: CandidateTable;
  candidate_stage: CandidateStageTable;
  admission_target: AdmissionTargetTable;
  app_user: AppUserTable;
  app_session: AppSessionTable;
  audit_log: AuditLogTable;
  stat_rollup: StatRollupTable;
  evaluation_campaign: EvaluationCampaignTable;
  evaluation_rating: EvaluationRatingTable;
  evaluation_action: EvaluationActionTable;
  weak_unit: WeakUnitTable;
  consolidation_task: ConsolidationTaskTable;
  document: DocumentTable;
  document_link: DocumentLinkTable;
  document_task: DocumentTaskTable;
  indicator: IndicatorTable;
  indicator_target: IndicatorTargetTable;
  indicator_value: IndicatorValueTable;
  progress_report: ProgressReportTable;
  review_draft: ReviewDraftTable;
  resignation_request: ResignationRequestTable;
  resignation_counselling: ResignationCounsellingTable;
  industrial_park: IndustrialParkTable;
  enterprise: EnterpriseTable;
}
