/** Table types for Kysely. Dates are 'YYYY-MM-DD' text, timestamps ISO text, JSON as text. */
import type { Generated } from 'kysely';

export interface AgencyTable {
  id: Generated<number>;
  name: string;
  /** government | department | township */
  kind: string;
  parent_id: number | null;
  /** 统一社会信用代码 */
  credit_code: string | null;
  created_at: string;
}

export interface StaffUserTable {
  id: Generated<number>;
  agency_id: number;
  username: string;
  display_name: string;
  /** clerk | sectionHead | officeHead | leader | supervisor | admin */
  role: string;
  password_hash: string | null;
  created_at: string;
}

export interface CalendarYearTable {
  year: number;
  source: string;
  updated_at: string;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  /** holiday | makeup */
  kind: string;
}

/** The case: intake data plus a projection of its events (rebuildable from case_event). */
export interface ApplicationCaseTable {
  id: Generated<number>;
  agency_id: number;
  /** Case number shown to people, unique per agency, e.g. 2026-00012. */
  number: string;
  query_code: string;
  applicant_type: string;
  applicant_name: string;
  channel: string;
  /** JSON of the validated application. */
  intake: string;
  // projection
  status: string;
  received_on: string | null;
  due_on: string | null;
  concluded_on: string | null;
  outcome: string | null;
  table_row: string | null;
  created_at: string;
  updated_at: string;
}

/** Append-only: update and delete are refused by triggers. */
export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  type: string;
  occurred_on: string;
  recorded_at: string;
  actor_id: string | null;
  actor_role: string;
  payload: string;
}

export interface ReviewRecordTable {
  id: Generated<number>;
  agency_id: number;
  case_id: number | null;
  /** reconsideration | litigationDirect | litigationAfterReview */
  kind: string;
  received_on: string;
  decided_on: string | null;
  /** upheld | corrected | other */
  result: string | null;
  note: string | null;
}

/** Table 二 inputs that do not come from cases, per agency and year, with who entered them. */
export interface ReportInputTable {
  agency_id: number;
  year: number;
  /** e.g. 'a20_5.licensing.decisions' */
  cell: string;
  value: string;
  entered_by: string;
  entered_at: string;
}

/** Append-only log of every state change that is not a case event. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  detail: string;
}

export interface Database {
  agency: AgencyTable;
  staff_user: StaffUserTable;
  calendar_year: CalendarYearTable;
  calendar_day: CalendarDayTable;
  application_case: ApplicationCaseTable;
  case_event: CaseEventTable;
  review_record: ReviewRecordTable;
  report_input: ReportInputTable;
  audit_log: AuditLogTable;
}

/** Tables in dependency order (backup/restore). */
export const TABLES: (keyof Database)[] = [
  'agency',
  'staff_user',
  'calendar_year',
  'calendar_day',
  'application_case',
  'case_event',
  'review_record',
  'report_input',
  'audit_log',
];
