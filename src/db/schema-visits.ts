// Kysely's view of the working-visit tables (migrations/0014_visits.sql is the source of truth).
import type { Generated, ColumnType } from 'kysely';

type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface WorkingVisitTable {
  id: Generated<number>;
  title: string;
  kind: string;
  issuing_unit_id: number;
  starts_on: DateString;
  ends_on: DateString;
  status: Generated<string>;
  topics: Generated<string[]>;
  findings: string | null;
  note: string | null;
  row_version: Generated<number>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
}

export interface VisitDelegateTable {
  id: Generated<number>;
  visit_id: number;
  ordinal: number;
  full_name: string;
  title: string;
  home_body: string;
  role: string;
}

export interface VisitUnitTable {
  visit_id: number;
  unit_id: number;
  visited_on: DateString;
}

export interface VisitDocumentTable {
  visit_id: number;
  document_id: number;
}

export interface VisitNoticeTable {
  id: Generated<number>;
  visit_id: number;
  number_text: string;
  seq: number;
  kind: string;
  issuer_code: string;
  issuing_unit_id: number;
  issued_on: DateString;
  issue_year: number;
  place: string;
  signer_name: string;
  signer_title: string;
  body: string;
  recipients: Generated<string[]>;
  row_version: Generated<number>;
}

export interface DirectiveTable {
  id: Generated<number>;
  visit_id: number;
  ordinal: number;
  text: string;
  responsible_unit_id: number;
  owner: string | null;
  deadline: DateString | null;
  status: Generated<string>;
  done_on: DateString | null;
  evidence: Generated<string[]>;
  row_version: Generated<number>;
}

export interface DirectiveProgressTable {
  id: Generated<number>;
  directive_id: number;
  reported_on: DateString;
  note: string;
  evidence: Generated<string[]>;
  recorded_by: number | null;
  recorded_by_name: string;
  created_at: Generated<Timestamp>;
}

export interface VisitTables {
  working_visit: WorkingVisitTable;
  visit_delegate: VisitDelegateTable;
  visit_unit: VisitUnitTable;
  visit_document: VisitDocumentTable;
  visit_notice: VisitNoticeTable;
  directive: DirectiveTable;
  directive_progress: DirectiveProgressTable;
}
