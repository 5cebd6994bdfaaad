/**
 * Persisting cases: the intake row, the append-only events, and the projection columns that the
 * inbox and the annual report compiler read (rebuildable from the events at any time).
 * Every event is validated by the pure state machine (src/cases/machine.ts) inside a transaction
 * that holds the case row, so concurrent writers cannot interleave events of one case.
 */
import { randomInt } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { WorkingCalendar } from '../calendar/types.ts';
import type { CaseConfig } from '../cases/config.ts';
import { type CaseEvent, joinEvent, splitEvent } from '../cases/events.ts';
import { type Application, validateApplication } from '../cases/intake.ts';
import { appendEvent, type CaseRecord, type CaseView, project } from '../cases/machine.ts';
import type { Store } from './db.ts';
import { nowIso } from './db.ts';
import type { CaseEventTable, Database } from './schema.ts';

export class CaseInputError extends Error {
  constructor(
    message: string,
    public readonly errors: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** A refused event: the rule it breaks and the Chinese message naming it. */
export class CaseRuleError extends Error {
  constructor(
    public readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CaseContextDeps {
  calendar: WorkingCalendar;
  config?: CaseConfig;
}

const QUERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newQueryCode = () => Array.from({ length: 8 }, () => QUERY_ALPHABET[randomInt(32)]).join('');

async function nextNumber(trx: Kysely<Database>, agencyId: number, year: number): Promise<string> {
  // walks the (agency_id, number) index backwards from the agency's newest number: one row read,
  // where max() over a LIKE read all of the agency's cases of the year (no range bound: under a
  // PostgreSQL locale collation '-' and '.' do not sort as in C)
  // (written out, like the other statements of filing an application: the submission's hot path)
  const { rows } = await sql<{ number: string }>`select number from application_case
    where agency_id = ${agencyId} and number like ${`${year}-%`} order by number desc limit 1`.execute(trx);
  const last = rows[0] ? Number(rows[0].number.slice(5)) : 0;
  return `${year}-${String(last + 1).padStart(5, '0')}`;
}

function recordOf(row: { id: number; channel: string; applicant_type: string }): CaseRecord {
  return {
    id: String(row.id),
    channel: row.channel as CaseRecord['channel'],
    applicantType: row.applicant_type as CaseRecord['applicantType'],
  };
}

/** A stored event row (what timelines show: type, dates, actor, payload JSON). */
export type CaseEventRow = Selectable<CaseEventTable>;

const loadEventRows = (db: Kysely<Database>, caseId: number): Promise<CaseEventRow[]> =>
  db.selectFrom('case_event').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();

const eventOfRow = (r: CaseEventRow): CaseEvent =>
  joinEvent({
    type: r.type as CaseEvent['type'],
    on: r.occurred_on,
    at: r.recorded_at,
    actor: { id: r.actor_id ?? '', role: r.actor_role as CaseEvent['actor']['role'] },
    payload: JSON.parse(r.payload),
  });

async function loadEvents(db: Kysely<Database>, caseId: number): Promise<CaseEvent[]> {
  return (await loadEventRows(db, caseId)).map(eventOfRow);
}

async function lockCase(trx: Transaction<Database>, store: Store, caseId: number) {
  const q = trx
    .selectFrom('application_case')
    .select(['id', 'channel', 'applicant_type'])
    .where('id', '=', caseId);
  const row = await (store.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return row ? { ...row, id: Number(row.id) } : undefined;
}

async function writeProjection(trx: Kysely<Database>, caseId: number, view: CaseView): Promise<void> {
  const st = view.statistics;
  await sql`update application_case set status = ${view.status}, received_on = ${st.receivedOn},
    due_on = ${view.dueDate ?? null}, concluded_on = ${st.concludedOn}, outcome = ${st.outcome},
    table_row = ${st.tableRow}, updated_at = ${nowIso()} where id = ${caseId}`.execute(trx);
}

export interface NewCase {
  id: number;
  number: string;
  queryCode: string;
  view: CaseView;
}

/**
 * Registers an application (validated per Art. 29) and its arrival event. `arrived` is the
 * `received` event input (on, at, actor); for plain letters, internet and fax the clock starts only
 * after a `receiptConfirmed` event (Art. 31, CASE-05). `then`: further events recorded in the same
 * transaction (e.g. the confirmation staff made on intake); a refused one writes nothing at all.
 * `also` runs in the same transaction after them (the receipt letter, the attachments, the session
 * that lets the applicant follow the case): if it fails, nothing is written.
 */
export async function createCase(
  store: Store,
  agencyId: number,
  input: unknown,
  arrived: { on: string; at: string; actor: CaseEvent['actor'] },
  deps: CaseContextDeps,
  then: unknown[] = [],
  also?: (trx: Kysely<Database>, created: NewCase) => Promise<void>,
): Promise<NewCase> {
  const v = validateApplication(input);
  if (!v.ok) throw new CaseInputError(v.errors.map((e) => e.message).join('；'), v.errors);
  const application: Application = v.value;
  // (group commit on SQLite: applications filed in the same moment share one commit)
  return store.grouped(async (trx) => {
    const now = nowIso();
    const number = await nextNumber(trx, agencyId, Number(arrived.on.slice(0, 4)));
    const queryCode = newQueryCode();
    // status 'new' until the projection below; received_on … table_row stay null until then
    const { rows } = await sql<{ id: number }>`insert into application_case
      (agency_id, number, query_code, applicant_type, applicant_name, channel, intake, status, created_at, updated_at)
      values (${agencyId}, ${number}, ${queryCode}, ${application.applicant.type}, ${application.applicant.name},
        ${application.channel}, ${JSON.stringify(application)}, 'new', ${now}, ${now})
      returning id`.execute(trx);
    const id = Number(rows[0]!.id);
    const record = recordOf({ id, channel: application.channel, applicant_type: application.applicant.type });
    // the events in order; the projection is computed and written once, after the last
    let events: CaseEvent[] = [];
    for (const input of [{ type: 'received', ...arrived }, ...then])
      events = await insertEvent(trx, id, record, events, input, deps);
    const view = project(record, events, deps.calendar, deps.config);
    await writeProjection(trx, id, view);
    const created = { id, number, queryCode, view };
    if (also) await also(trx, created);
    return created;
  });
}

async function appendInTrx(
  trx: Kysely<Database>,
  caseId: number,
  record: CaseRecord,
  events: CaseEvent[],
  input: unknown,
  deps: CaseContextDeps,
): Promise<CaseView> {
  const all = await insertEvent(trx, caseId, record, events, input, deps);
  const view = project(record, all, deps.calendar, deps.config);
  await writeProjection(trx, caseId, view);
  return view;
}

/** Checks one event against the machine and inserts it; returns the case's events with it (refusal: CaseRuleError). */
async function insertEvent(
  trx: Kysely<Database>,
  caseId: number,
  record: CaseRecord,
  events: CaseEvent[],
  input: unknown,
  deps: CaseContextDeps,
): Promise<CaseEvent[]> {
  const r = appendEvent(
    record,
    events,
    input,
    deps.config ? { calendar: deps.calendar, config: deps.config } : { calendar: deps.calendar },
  );
  if (!r.ok) throw new CaseRuleError(r.rule, r.message);
  const parts = splitEvent(r.event);
  const payload = JSON.stringify({
    ...parts.payload,
    ...(parts.actor.name ? { actorName: parts.actor.name } : {}),
  });
  await sql`insert into case_event (case_id, seq, type, occurred_on, recorded_at, actor_id, actor_role, payload)
    values (${caseId}, ${events.length + 1}, ${parts.type}, ${parts.on}, ${parts.at}, ${parts.actor.id ?? null},
      ${parts.actor.role}, ${payload})`.execute(trx);
  return r.events;
}

/**
 * Appends one event to a case; refused events throw CaseRuleError naming the rule. `also` runs in
 * the same transaction after the event (e.g. the letter the event issues, the audit entry): if it
 * fails, nothing is written.
 */
export async function appendCaseEvent(
  store: Store,
  caseId: number,
  input: unknown,
  deps: CaseContextDeps,
  also?: (trx: Kysely<Database>, view: CaseView) => Promise<void>,
): Promise<CaseView> {
  return store.db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, store, caseId);
    if (!row) throw new CaseRuleError('NOT_FOUND', `案件不存在：${caseId}`);
    const events = await loadEvents(trx, caseId);
    const view = await appendInTrx(trx, caseId, recordOf(row), events, input, deps);
    if (also) await also(trx, view);
    return view;
  });
}

/** The current view of a case, computed from its events. */
export async function caseView(
  store: Store,
  caseId: number,
  deps: CaseContextDeps,
  asOf?: string,
): Promise<CaseView | null> {
  return (await caseViewWithEvents(store, caseId, deps, asOf))?.view ?? null;
}

/** The current view of a case and its stored event rows (for a timeline), from one read of the events. */
export async function caseViewWithEvents(
  store: Store,
  caseId: number,
  deps: CaseContextDeps,
  asOf?: string,
): Promise<{ view: CaseView; events: CaseEventRow[] } | null> {
  const row = await store.db
    .selectFrom('application_case')
    .select(['id', 'channel', 'applicant_type'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  const events = await loadEventRows(store.db, caseId);
  const view = project(
    recordOf({ ...row, id: Number(row.id) }),
    events.map(eventOfRow),
    deps.calendar,
    deps.config,
    asOf ? { asOf } : {},
  );
  return { view, events };
}

/** Rebuilds every projection from the events (after a configuration change, or to verify). */
export async function rebuildProjections(store: Store, deps: CaseContextDeps): Promise<number> {
  const rows = await store.db
    .selectFrom('application_case')
    .select(['id', 'channel', 'applicant_type'])
    .execute();
  for (const row of rows) {
    const id = Number(row.id);
    const events = await loadEvents(store.db, id);
    await writeProjection(
      store.db,
      id,
      project(recordOf({ ...row, id }), events, deps.calendar, deps.config),
    );
  }
  return rows.length;
}

export { sql };
