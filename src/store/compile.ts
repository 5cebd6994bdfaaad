/**
 * The annual report compiled from the database: the same counts as `aggregateCases` (the pure
 * reference in src/report/compile.ts), computed with GROUP BY, and the cases behind any cell.
 */
import { type Kysely, sql } from 'kysely';
import { APPLICANT_TYPES, type ApplicantType } from '../cases/outcomes.ts';
import { buildCompiledReport, type ReviewKind, type T3Counts, type T4Counts } from '../report/compile.ts';
import type { Report } from '../report/model.ts';
import { libraryTable2 } from './disclosurePublic.ts';
import type { Database } from './schema.ts';

const column = (t: string) => APPLICANT_TYPES[t as ApplicantType]?.column ?? 'c6';

export async function aggregateT3(db: Kysely<Database>, agencyId: number, year: number): Promise<T3Counts> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const m: T3Counts = new Map();
  const add = (k: string, n: number) => {
    if (n) m.set(k, (m.get(k) ?? 0) + n);
  };
  // cases that touch the year: received by 31 Dec and not concluded before 1 Jan
  const rows = await db
    .selectFrom('application_case')
    .select((eb) => [
      'applicant_type',
      'table_row',
      eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when received_on >= ${start} then 1 else 0 end)`.as('r1'),
      sql<number>`sum(case when concluded_on is not null and concluded_on <= ${end} then 1 else 0 end)`.as(
        'done',
      ),
    ])
    .where('agency_id', '=', agencyId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', end)
    .where((eb) => eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>=', start)]))
    .groupBy(['applicant_type', 'table_row'])
    .execute();
  for (const r of rows) {
    const col = column(r.applicant_type);
    const n = Number(r.n);
    const r1 = Number(r.r1);
    const done = Number(r.done);
    add(`R1.${col}`, r1);
    add(`R2.${col}`, n - r1);
    add(`${r.table_row ?? 'R3_6_3'}.${col}`, done);
    add(`R4.${col}`, n - done);
  }
  return m;
}

const T4_PREFIX: Record<ReviewKind, string> = {
  reconsideration: 'review.',
  litigationDirect: 'direct.',
  litigationAfterReview: 'afterReview.',
};

export async function aggregateT4(db: Kysely<Database>, agencyId: number, year: number): Promise<T4Counts> {
  const end = `${year}-12-31`;
  const rows = await db
    .selectFrom('review_record')
    .select((eb) => [
      'kind',
      sql<string>`case when decided_on is not null and decided_on <= ${end} and result is not null then result else 'pending' end`.as(
        'col',
      ),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('agency_id', '=', agencyId)
    .where('received_on', '>=', `${year}-01-01`)
    .where('received_on', '<=', end)
    .groupBy(['kind', 'col'])
    .execute();
  const m: T4Counts = new Map();
  for (const r of rows) m.set(`${T4_PREFIX[r.kind as ReviewKind]}${r.col}`, Number(r.n));
  return m;
}

export async function loadTable2Inputs(db: Kysely<Database>, agencyId: number, year: number) {
  const rows = await db
    .selectFrom('report_input')
    .select(['cell', 'value'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.cell, r.value]));
}

export class UnknownAgencyError extends Error {}

export async function compileReportFromDb(
  db: Kysely<Database>,
  agencyName: string,
  year: number,
): Promise<Report> {
  const agency = await db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('name', '=', agencyName)
    .executeTakeFirst();
  if (!agency) throw new UnknownAgencyError(`没有名为“${agencyName}”的机关`);
  const id = Number(agency.id);
  const [t3, t4, t2, library] = await Promise.all([
    aggregateT3(db, id, year),
    aggregateT4(db, id, year),
    loadTable2Inputs(db, id, year),
    libraryTable2(db, id, year),
  ]);
  // table 二 (一) from the policy library when the agency keeps one (documentsForT2Cell lists them)
  if (library) Object.assign(t2, library);
  return buildCompiledReport({ agency: agency.name, year, t3, t4, t2 });
}

/** The case numbers behind one table 三 cell (e.g. 'R3_2.c1', 'R1.c7'). */
export async function casesForT3Cell(
  db: Kysely<Database>,
  agencyId: number,
  year: number,
  cell: string,
): Promise<string[]> {
  const [row, col] = cell.split('.') as [string, string];
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  let q = db
    .selectFrom('application_case')
    .select('number')
    .where('agency_id', '=', agencyId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', end)
    .where((eb) => eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>=', start)]));
  if (col !== 'c7') {
    const types = Object.entries(APPLICANT_TYPES)
      .filter(([, v]) => v.column === col)
      .map(([k]) => k);
    q = q.where('applicant_type', 'in', types);
  }
  if (row === 'R1') q = q.where('received_on', '>=', start);
  else if (row === 'R2') q = q.where('received_on', '<', start);
  else if (row === 'R4')
    q = q.where((eb) => eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>', end)]));
  else {
    q = q.where('concluded_on', '<=', end);
    if (row !== 'R3_7') q = q.where('table_row', '=', row);
  }
  return (await q.orderBy('number').execute()).map((r) => r.number);
}
