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

/** A server-side session (003_web). The cookie holds the token; `id_hash` is its SHA-256 (hex). */
export interface WebSessionTable {
  id_hash: string;
  /** The signed-in staff user, or null (a visitor with only case access or flash messages). */
  staff_user_id: number | null;
  csrf_token: string;
  /** JSON: { cases?: number[], receipt?: number, flash?: { kind, text }[] } */
  data: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** One counted attempt (failed login, failed status look-up …) for rate limits across processes. */
export interface ThrottleEventTable {
  id: Generated<number>;
  /** e.g. 'login', 'login-ip', 'lookup' */
  bucket: string;
  key: string;
  at: string;
}

/** An agency's contact data for its disclosure guide (指南) and letters. */
export interface AgencyProfileTable {
  agency_id: number;
  /** 政府信息公开工作机构 (the office that handles applications). */
  office: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  office_hours: string | null;
  website: string | null;
  /** 机关代字 of letter numbers, e.g. '某科工'. */
  doc_abbr: string | null;
  /** Free text shown on the guide page. */
  guide_note: string | null;
  updated_at: string;
}

/** An uploaded file; the bytes are stored under DATA/attachments/<storage_key>. */
export interface AttachmentTable {
  id: Generated<number>;
  case_id: number;
  /** application | correction | internal */
  purpose: string;
  storage_key: string;
  /** The name given by the uploader (display only). */
  filename: string;
  /** application/pdf | image/jpeg | image/png | application/vnd.openxmlformats-officedocument.wordprocessingml.document */
  media_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
  /** 'applicant' or 'staff:<id>' */
  uploaded_by: string;
}

/** A letter issued on a case, as rendered when it was issued. */
export interface CaseLetterTable {
  id: Generated<number>;
  case_id: number;
  /** LetterKind, e.g. 'receipt', 'correctionNotice', 'reply:disclosed' */
  kind: string;
  title: string;
  /** applicant | thirdParty | agency: only letters to the applicant are shown on the status page. */
  recipient: string;
  doc_number: string | null;
  issued_on: string;
  /** JSON of RenderedLetter (src/cases/letters/render.ts). */
  rendered: string;
  issued_at: string;
  issued_by: string;
}

/** 004_disclosure: per-agency settings of proactive disclosure. */
export interface DisclosureSettingsTable {
  id: Generated<number>;
  agency_id: number;
  /** 索引号 scheme (src/disclosure/indexNumber.ts), e.g. '{code}/{year}-{serial:5}'. */
  index_scheme: string;
  /** Organisation code for agencies without a 统一社会信用代码. */
  org_code: string | null;
  /** JSON ReviewStep[]; null: the default chain. */
  review_chain: string | null;
  /** JSON string[]: the agency's 主题分类; null: free text. */
  topics: string | null;
  updated_at: string;
  updated_by: string;
}

/** An uploaded attachment of an information item (PDF/DOCX/XLSX); bytes under the attachments dir. */
export interface DisclosureAttachmentTable {
  id: Generated<number>;
  agency_id: number;
  storage_key: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: string;
}

/** An information item: its number plus a projection of its events (rebuildable). */
export interface DisclosureItemTable {
  id: Generated<number>;
  agency_id: number;
  index_number: string;
  index_year: number;
  index_serial: number | null;
  /** draft | inReview | returned | approved | published | unpublished */
  status: string;
  review_step: number | null;
  /** The role whose decision the item waits for (inReview). */
  waiting_role: string | null;
  /** 1 when a version is public (disclosure_public has the row). */
  live: number;
  published_on: string | null;
  first_published_on: string | null;
  title: string;
  document_number: string | null;
  category: string;
  topic: string | null;
  attribute: string;
  policy_kind: string | null;
  formed_on: string;
  written_on: string | null;
  /** Art. 26 due date while the clock runs (PRO-01), else null. */
  due_on: string | null;
  validity: string | null;
  validity_on: string | null;
  interprets_id: number | null;
  /** JSON ItemFields of the current version. */
  fields: string;
  event_count: number;
  created_at: string;
  updated_at: string;
}

/** Append-only: update and delete are refused by triggers. */
export interface DisclosureEventTable {
  id: Generated<number>;
  item_id: number;
  seq: number;
  type: string;
  occurred_on: string;
  recorded_at: string;
  actor_id: string | null;
  actor_role: string;
  payload: string;
}

/** The public projection: one row per item public now (the only table public queries read). */
export interface DisclosurePublicTable {
  /** Orders by 发布日期 then item id; the SQLite FTS rowid. */
  sort_key: number;
  /** The item id. */
  id: number;
  agency_id: number;
  index_number: string;
  title: string;
  document_number: string | null;
  issuer: string;
  category: string;
  topic: string | null;
  policy_kind: string | null;
  written_on: string | null;
  formed_on: string;
  published_on: string;
  effective_on: string | null;
  validity: string | null;
  validity_on: string | null;
  /** 内容概述 (given, or derived from the body). */
  summary: string;
  interprets_id: number | null;
  /** JSON number[] of disclosure_attachment ids. */
  attachments: string;
  /** JSON { on, documentNumber?, note? }[] */
  amendments: string;
  /** Folded search text (src/disclosure/searchText.ts). */
  title_n: string;
  docno_n: string;
  /** '#<agency id>#' (agency filter inside the SQLite full-text index). */
  agency_n: string;
  body_html: string;
  body_text: string;
  body_n: string;
}

/** One editable section of an agency's 政府信息公开指南. */
export interface DisclosureGuideTable {
  id: Generated<number>;
  agency_id: number;
  section: string;
  content: string;
  updated_at: string;
  updated_by: string;
}

/** 005_annual_report: one agency's annual report for one year (narrative, workflow, published snapshot). */
export interface AnnualReportTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  /** '2021' | '2019' */
  format: string;
  /** JSON { [sectionKey]: text } (paragraphs separated by line breaks). */
  sections: string;
  /** draft | submitted | approved | published */
  status: string;
  /** Incremented by every change (optimistic concurrency of the editor's forms). */
  revision: number;
  /** Versions published so far (0: never). */
  published_version: number;
  published_on: string | null;
  published_at: string | null;
  published_by: string | null;
  /** JSON Report of the last published version: the only thing the public pages show. */
  snapshot: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** Append-only: update and delete are refused by triggers. */
export interface AnnualReportEventTable {
  id: Generated<number>;
  report_id: number;
  seq: number;
  type: string;
  at: string;
  actor_id: string;
  actor_role: string;
  actor_name: string;
  comment: string | null;
  payload: string;
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
  web_session: WebSessionTable;
  throttle_event: ThrottleEventTable;
  agency_profile: AgencyProfileTable;
  attachment: AttachmentTable;
  case_letter: CaseLetterTable;
  disclosure_settings: DisclosureSettingsTable;
  disclosure_attachment: DisclosureAttachmentTable;
  disclosure_item: DisclosureItemTable;
  disclosure_event: DisclosureEventTable;
  disclosure_public: DisclosurePublicTable;
  disclosure_guide: DisclosureGuideTable;
  annual_report: AnnualReportTable;
  annual_report_event: AnnualReportEventTable;
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
  // 003_web (sessions and throttle events are transient and not backed up)
  'agency_profile',
  'attachment',
  'case_letter',
  // 004_disclosure
  'disclosure_settings',
  'disclosure_attachment',
  'disclosure_item',
  'disclosure_event',
  'disclosure_public',
  'disclosure_guide',
  // 005_annual_report
  'annual_report',
  'annual_report_event',
];
