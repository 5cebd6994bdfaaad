/**
 * The annual report editor's store: one `annual_report` row per agency and year (narrative
 * sections, workflow state, revision counter, published snapshot) and its append-only
 * `annual_report_event` list. The workflow itself is the pure machine in src/report/workflow.ts.
 *
 * - **Optimistic concurrency.** Every change takes the revision the form was loaded with and
 *   updates `where revision = ?`; a stale form gets `ReportConflictError` (nothing written), so a
 *   newer save is never silently overwritten. Revision 0 means "no row yet": the first save creates it.
 * - **Publication freezes the report.** `publish` stores the assembled report model (tables as
 *   compiled now, with the narrative sections) in `snapshot`; the public pages read only that, so
 *   a case recorded afterwards changes nothing public. A correction (`reopen`, with a reason) puts
 *   the report back to draft while the published snapshot stays public until the next publication.
 */
import type { Kysely } from 'kysely';
import { formatForYear } from '../report/formats/index.ts';
import type { Report } from '../report/model.ts';
import { checkReport } from '../report/rules/index.ts';
import type { RuleResult } from '../report/rules/types.ts';
import {
  assertEditable,
  blockingFindings,
  checkRole,
  type ReportStatus,
  sectionHeading,
  type TransitionInput,
  transition,
  WorkflowError,
} from '../report/workflow.ts';
import type { Role } from './agencies.ts';
import { compileReportFromDb } from './compile.ts';
import { nowIso } from './db.ts';
import { checkTable2Input, ReportInputError } from './reportInputs.ts';
import type { AnnualReportTable, Database } from './schema.ts';

export { WorkflowError } from '../report/workflow.ts';

/** The six section keys of both formats, in order. */
export const SECTION_KEYS = [
  'overview',
  'proactive',
  'applications',
  'reviewLitigation',
  'problems',
  'other',
];

export interface Actor {
  id: string;
  role: Role;
  name: string;
}

export interface AnnualReport {
  /** null while no row exists (nothing saved yet). */
  id: number | null;
  agencyId: number;
  agencyName: string;
  agencyKind: string;
  year: number;
  format: string;
  sections: Record<string, string>;
  status: ReportStatus;
  revision: number;
  publishedVersion: number;
  publishedOn: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  hasSnapshot: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ReportEvent {
  seq: number;
  type: string;
  at: string;
  actorId: string;
  actorRole: string;
  actorName: string;
  comment: string | null;
  payload: Record<string, unknown>;
}

export class ReportConflictError extends Error {
  constructor(public readonly current: AnnualReport) {
    super(
      `这份年报已被${current.updatedBy ?? '其他人'}在您打开页面之后修改（当前为第${current.revision}次修改），` +
        '您这次提交的内容没有保存。您填写的内容保留在表单中，请对照最新内容后重新提交。',
    );
    this.name = 'ReportConflictError';
  }
}

export class ReportYearError extends Error {}

/** Thrown inside the transaction when the form's revision is stale (turned into ReportConflictError). */
class StaleRevision extends Error {}

/** Per-cell errors of table 二 inputs (nothing is written when there is one). */
export class Table2InputErrors extends Error {
  constructor(public readonly errors: Record<string, string>) {
    super(`表二有${Object.keys(errors).length}处填写错误，未保存`);
    this.name = 'Table2InputErrors';
  }
}

type Db = Kysely<Database>;

async function agencyRow(db: Db, agencyId: number) {
  const a = await db
    .selectFrom('agency')
    .select(['id', 'name', 'kind'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!a) throw new ReportYearError(`没有编号为${agencyId}的机关`);
  return a;
}

function parseSections(text: string): Record<string, string> {
  const obj = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(SECTION_KEYS.map((k) => [k, typeof obj[k] === 'string' ? obj[k] : '']));
}

/** The report of an agency and year: the stored row, or a blank draft (id null, revision 0). */
export async function loadAnnualReport(db: Db, agencyId: number, year: number): Promise<AnnualReport> {
  const format = formatForYear(year);
  if (!format) throw new ReportYearError(`${year}年早于2019年，没有全国统一的年报格式`);
  const a = await agencyRow(db, agencyId);
  const row = await db
    .selectFrom('annual_report')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
  const base = { agencyId, agencyName: a.name, agencyKind: a.kind, year };
  if (!row)
    return {
      ...base,
      id: null,
      format: format.id,
      sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, ''])),
      status: 'draft',
      revision: 0,
      publishedVersion: 0,
      publishedOn: null,
      publishedAt: null,
      publishedBy: null,
      hasSnapshot: false,
      updatedAt: null,
      updatedBy: null,
    };
  return {
    ...base,
    id: Number(row.id),
    format: row.format,
    sections: parseSections(row.sections),
    status: row.status as ReportStatus,
    revision: Number(row.revision),
    publishedVersion: Number(row.published_version),
    publishedOn: row.published_on,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    hasSnapshot: row.snapshot !== null,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The reports stored for some agencies (null: all), newest year first. */
export async function listAnnualReports(db: Db, agencyIds: number[] | null) {
  let q = db
    .selectFrom('annual_report')
    .select(['agency_id', 'year', 'status', 'published_on', 'published_version', 'updated_at', 'revision']);
  if (agencyIds) q = q.where('agency_id', 'in', agencyIds.length ? agencyIds : [-1]);
  return (await q.orderBy('year', 'desc').orderBy('agency_id').execute()).map((r) => ({
    agencyId: Number(r.agency_id),
    year: Number(r.year),
    status: r.status as ReportStatus,
    publishedOn: r.published_on,
    publishedVersion: Number(r.published_version),
    updatedAt: r.updated_at,
    revision: Number(r.revision),
  }));
}

/** Section text → paragraphs (one per non-empty line). */
export const paragraphsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** The report model as it stands now: tables compiled from the records, the narrative sections. */
export async function assembleReport(db: Db, r: AnnualReport): Promise<Report> {
  const report = await compileReportFromDb(db, r.agencyName, r.year);
  report.sections = report.sections.map((s) => ({ ...s, paragraphs: paragraphsOf(r.sections[s.key] ?? '') }));
  return report;
}

/** The frozen published report (null when never published). */
export async function publishedSnapshot(db: Db, agencyId: number, year: number): Promise<Report | null> {
  const row = await db
    .selectFrom('annual_report')
    .select('snapshot')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.snapshot ? (JSON.parse(row.snapshot) as Report) : null;
}

/** Years with a published report (for the public pages), newest first, with their publication date. */
export async function publishedYears(db: Db, agencyId: number) {
  const rows = await db
    .selectFrom('annual_report')
    .select(['year', 'published_on', 'published_version'])
    .where('agency_id', '=', agencyId)
    .where('snapshot', 'is not', null)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => ({
    year: Number(r.year),
    publishedOn: r.published_on,
    publishedVersion: Number(r.published_version),
  }));
}

const bodyKindOf = (kind: string): 'government' | 'department' | 'township' | 'auto' =>
  kind === 'government' || kind === 'department' || kind === 'township' ? kind : 'auto';

/**
 * The rule checker's findings on the report (the one registry, src/report/rules): with the
 * previous year's published report for the cross-year rules, the agency's kind for E-12/E-13 and,
 * when given, the publication date for E-12.
 */
export async function reportFindings(
  db: Db,
  r: AnnualReport,
  report: Report,
  publishedDate?: string | null,
): Promise<RuleResult[]> {
  const previous = await publishedSnapshot(db, r.agencyId, r.year - 1);
  return checkReport(report, {
    ...(previous ? { previous } : {}),
    config: {
      agencyKind: bodyKindOf(r.agencyKind),
      ...(publishedDate ? { publishedDate } : {}),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Writes

type Trx = Kysely<Database>;
type ReportUpdate = Partial<Omit<AnnualReportTable, 'id'>>;

async function appendEvent(
  trx: Trx,
  reportId: number,
  actor: Actor,
  type: string,
  at: string,
  payload: Record<string, unknown>,
  comment: string | null = null,
): Promise<void> {
  const last = await trx
    .selectFrom('annual_report_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  await trx
    .insertInto('annual_report_event')
    .values({
      report_id: reportId,
      seq: Number(last?.seq ?? 0) + 1,
      type,
      at,
      actor_id: actor.id,
      actor_role: actor.role,
      actor_name: actor.name,
      comment,
      payload: JSON.stringify(payload),
    })
    .execute();
}

/**
 * Runs `change` on the row with the expected revision (created as a blank draft when revision 0
 * and no row exists), bumps the revision, and refuses a stale revision with ReportConflictError.
 */
async function withRow(
  db: Db,
  agencyId: number,
  year: number,
  expectedRevision: number,
  actor: Actor,
  at: string,
  change: (trx: Trx, current: AnnualReport, id: number) => Promise<ReportUpdate>,
): Promise<AnnualReport> {
  try {
    await writeRow(db, agencyId, year, expectedRevision, actor, at, change);
  } catch (e) {
    if (e instanceof StaleRevision) throw new ReportConflictError(await loadAnnualReport(db, agencyId, year));
    throw e;
  }
  return loadAnnualReport(db, agencyId, year);
}

async function writeRow(
  db: Db,
  agencyId: number,
  year: number,
  expectedRevision: number,
  actor: Actor,
  at: string,
  change: (trx: Trx, current: AnnualReport, id: number) => Promise<ReportUpdate>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let current = await loadAnnualReport(trx, agencyId, year);
    if (current.revision !== expectedRevision) throw new StaleRevision();
    let id = current.id;
    if (id === null) {
      try {
        const row = await trx
          .insertInto('annual_report')
          .values({
            agency_id: agencyId,
            year,
            format: current.format,
            sections: JSON.stringify(current.sections),
            status: 'draft',
            revision: 0,
            published_version: 0,
            published_on: null,
            published_at: null,
            published_by: null,
            snapshot: null,
            created_at: at,
            updated_at: at,
            updated_by: actor.name,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = Number(row.id);
      } catch {
        // another request created it first (unique agency_id + year): the form is stale
        throw new StaleRevision();
      }
      await appendEvent(trx, id, actor, 'created', at, { format: current.format });
      current = { ...current, id };
    }
    const values = await change(trx, current, id);
    const res = await trx
      .updateTable('annual_report')
      .set({ ...values, revision: expectedRevision + 1, updated_at: at, updated_by: actor.name })
      .where('id', '=', id)
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new StaleRevision();
  });
}

export interface WriteOptions {
  /** ISO timestamp of the change (the web passes its clock). */
  at?: string;
}

/** Saves the narrative sections (only the keys given); records the changed sections in full. */
export async function saveSections(
  db: Db,
  agencyId: number,
  year: number,
  expectedRevision: number,
  sections: Record<string, string>,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<AnnualReport> {
  checkRole('edit', actor.role);
  const at = opts.at ?? nowIso();
  return withRow(db, agencyId, year, expectedRevision, actor, at, async (trx, current, id) => {
    assertEditable(current, actor.role);
    const next = { ...current.sections };
    const changed: Record<string, string> = {};
    for (const k of SECTION_KEYS) {
      const v = sections[k];
      if (v === undefined) continue;
      const text = v.replace(/\r\n/g, '\n').trim();
      if (text.length > 20000)
        throw new WorkflowError('AR-01', `${sectionHeading(k)}：内容过长（最多20000字）`);
      if (text !== next[k]) changed[k] = text;
      next[k] = text;
    }
    if (Object.keys(changed).length)
      await appendEvent(trx, id, actor, 'sectionsSaved', at, { sections: changed });
    return { sections: JSON.stringify(next) };
  });
}

/**
 * Sets table 二 inputs (cell key → text); every value is checked first (errors by cell, nothing
 * written), then all are written with who entered them, and the change is recorded.
 */
export async function saveTable2Inputs(
  db: Db,
  agencyId: number,
  year: number,
  expectedRevision: number,
  values: Record<string, string>,
  actor: Actor,
  opts: WriteOptions = {},
): Promise<AnnualReport> {
  checkRole('edit', actor.role);
  const errors: Record<string, string> = {};
  const stored: Record<string, string> = {};
  for (const [cell, value] of Object.entries(values)) {
    try {
      stored[cell] = checkTable2Input(year, cell, value.trim());
    } catch (e) {
      if (!(e instanceof ReportInputError)) throw e;
      errors[cell] = e.message;
    }
  }
  if (Object.keys(errors).length) throw new Table2InputErrors(errors);
  const at = opts.at ?? nowIso();
  return withRow(db, agencyId, year, expectedRevision, actor, at, async (trx, current, id) => {
    assertEditable(current, actor.role);
    const existing = Object.fromEntries(
      (
        await trx
          .selectFrom('report_input')
          .select(['cell', 'value'])
          .where('agency_id', '=', agencyId)
          .where('year', '=', year)
          .execute()
      ).map((r) => [r.cell, r.value]),
    );
    const changed: Record<string, { from: string | null; to: string }> = {};
    for (const [cell, value] of Object.entries(stored)) {
      if (existing[cell] === value) continue;
      changed[cell] = { from: existing[cell] ?? null, to: value };
      await trx
        .deleteFrom('report_input')
        .where('agency_id', '=', agencyId)
        .where('year', '=', year)
        .where('cell', '=', cell)
        .execute();
      await trx
        .insertInto('report_input')
        .values({ agency_id: agencyId, year, cell, value, entered_by: actor.id, entered_at: at })
        .execute();
    }
    if (Object.keys(changed).length) await appendEvent(trx, id, actor, 'inputsSaved', at, { cells: changed });
    return {};
  });
}

export interface TransitionOptions extends WriteOptions {
  comment?: string;
  /** Beijing date of publication (default: the date of `at` in Beijing). */
  on?: string;
}

/** Event types, in the past tense. */
const EVENT_OF = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  publish: 'published',
  reopen: 'reopened',
} as const;

const beijingDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Applies a workflow action (submit, approve, return, publish, reopen). Publishing assembles the
 * report, checks it (refused on errors, AR-06), freezes it in `snapshot` and records the date.
 */
export async function transitionReport(
  db: Db,
  agencyId: number,
  year: number,
  expectedRevision: number,
  action: TransitionInput['action'],
  actor: Actor,
  opts: TransitionOptions = {},
): Promise<AnnualReport> {
  checkRole(action, actor.role);
  const at = opts.at ?? nowIso();
  return withRow(db, agencyId, year, expectedRevision, actor, at, async (trx, current, id) => {
    const comment = opts.comment?.trim() || null;
    const base: TransitionInput = {
      action,
      role: actor.role,
      ...(comment ? { comment } : {}),
      sections: current.sections,
    };
    if (action !== 'publish') {
      const next = transition(current, base);
      await appendEvent(
        trx,
        id,
        actor,
        EVENT_OF[action],
        at,
        { from: current.status, to: next.status },
        comment,
      );
      return { status: next.status };
    }
    const on = opts.on ?? beijingDate(at);
    // the checks (role, state) before the work of compiling
    transition(current, { ...base, findings: [] });
    const report = await assembleReport(trx, current);
    const findings = await reportFindings(trx, current, report, on);
    const next = transition(current, { ...base, findings });
    const late = findings.find((f) => f.ruleId === 'E-12' && f.status === 'fail');
    const warnings = findings.filter((f) => f.status === 'fail' && !blockingFindings([f]).length);
    await appendEvent(
      trx,
      id,
      actor,
      'published',
      at,
      {
        from: current.status,
        to: next.status,
        version: next.publishedVersion,
        publishedOn: on,
        late: late ? late.message : null,
        warnings: warnings.map((f) => `${f.ruleId} ${f.message}`),
      },
      comment,
    );
    return {
      status: next.status,
      published_version: next.publishedVersion,
      published_on: on,
      published_at: at,
      published_by: actor.name,
      snapshot: JSON.stringify(report),
    };
  });
}

/** The report's events in order. */
export async function reportEvents(db: Db, reportId: number): Promise<ReportEvent[]> {
  const rows = await db
    .selectFrom('annual_report_event')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    type: r.type,
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorName: r.actor_name,
    comment: r.comment,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}

const T4_KIND: Record<string, string> = {
  review: 'reconsideration',
  direct: 'litigationDirect',
  afterReview: 'litigationAfterReview',
};

export interface ReviewRow {
  id: number;
  kind: string;
  caseId: number | null;
  caseNumber: string | null;
  receivedOn: string;
  decidedOn: string | null;
  result: string | null;
}

/**
 * The reconsideration and litigation records behind one table 四 cell (e.g. 'review.upheld',
 * 'direct.total'): received in the year, by result when decided by 31 December, else 尚未审结 —
 * the same rule as aggregateT4 (src/store/compile.ts).
 */
export async function reviewsForT4Cell(
  db: Db,
  agencyId: number,
  year: number,
  key: string,
): Promise<ReviewRow[]> {
  const [group, col] = key.split('.') as [string, string];
  const kind = T4_KIND[group];
  if (!kind || !['upheld', 'corrected', 'other', 'pending', 'total'].includes(col))
    throw new ReportYearError(`表四没有这个单元格：${key}`);
  const end = `${year}-12-31`;
  let q = db
    .selectFrom('review_record')
    .leftJoin('application_case', 'application_case.id', 'review_record.case_id')
    .select([
      'review_record.id as id',
      'review_record.kind as kind',
      'review_record.case_id as caseId',
      'application_case.number as caseNumber',
      'review_record.received_on as receivedOn',
      'review_record.decided_on as decidedOn',
      'review_record.result as result',
    ])
    .where('review_record.agency_id', '=', agencyId)
    .where('review_record.kind', '=', kind)
    .where('review_record.received_on', '>=', `${year}-01-01`)
    .where('review_record.received_on', '<=', end);
  if (col === 'pending')
    q = q.where((eb) =>
      eb.or([
        eb('review_record.decided_on', 'is', null),
        eb('review_record.decided_on', '>', end),
        eb('review_record.result', 'is', null),
      ]),
    );
  else if (col !== 'total')
    q = q.where('review_record.decided_on', '<=', end).where('review_record.result', '=', col);
  const rows = await q.orderBy('review_record.received_on').orderBy('review_record.id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    caseId: r.caseId === null ? null : Number(r.caseId),
    caseNumber: r.caseNumber ?? null,
    receivedOn: r.receivedOn,
    decidedOn: r.decidedOn,
    result: r.result,
  }));
}
