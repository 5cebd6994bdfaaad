/**
 * The annual report compiled from cases: SQL GROUP BY equals the pure reference, the compiled
 * report passes T3-01…T3-03 and T4-01 by construction, and next year's carried-in equals this
 * year's carried-forward — on thousands of random but valid cases (property-based), on both databases.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { APPLICANT_TYPES, type ApplicantType, OUTCOMES } from '../../src/cases/outcomes.ts';
import {
  aggregateCases,
  aggregateReviews,
  type buildCompiledReport,
  type CaseFacts,
  type ReviewFacts,
} from '../../src/report/compile.ts';
import { checkReport } from '../../src/report/rules/index.ts';
import { createAgency } from '../../src/store/agencies.ts';
import { aggregateT3, aggregateT4, casesForT3Cell, compileReportFromDb } from '../../src/store/compile.ts';
import type { Store } from '../../src/store/db.ts';
import { describeStores } from '../helpers/stores.ts';

const TYPES = Object.keys(APPLICANT_TYPES) as ApplicantType[];
const ROWS = [...new Set(Object.values(OUTCOMES).map((o) => o.row))];

const day = (y: number, d: number) => {
  const t = Date.UTC(y, 0, 1) + d * 86400000;
  return new Date(t).toISOString().slice(0, 10);
};

/** A random valid case: received in 2020–2024, concluded (or not) on or after receipt. */
const caseArb = fc
  .record({
    type: fc.constantFrom(...TYPES),
    ry: fc.integer({ min: 2020, max: 2024 }),
    rd: fc.integer({ min: 0, max: 364 }),
    open: fc.boolean(),
    len: fc.integer({ min: 0, max: 90 }),
    row: fc.constantFrom(...ROWS),
  })
  .map(({ type, ry, rd, open, len, row }) => {
    const receivedOn = day(ry, rd);
    return {
      applicantType: type,
      receivedOn,
      concludedOn: open && ry >= 2023 ? null : day(ry, rd + len),
      tableRow: open && ry >= 2023 ? null : row,
    };
  });

const reviewArb = fc
  .record({
    kind: fc.constantFrom('reconsideration', 'litigationDirect', 'litigationAfterReview' as const),
    y: fc.integer({ min: 2021, max: 2024 }),
    d: fc.integer({ min: 0, max: 364 }),
    decided: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    result: fc.constantFrom('upheld', 'corrected', 'other' as const),
  })
  .map(({ kind, y, d, decided, result }) => ({
    kind,
    receivedOn: day(y, d),
    decidedOn: decided === null ? null : day(y, d + decided),
    result: decided === null ? null : result,
  }));

async function insertFacts(s: Store, agencyId: number, cases: Omit<CaseFacts, 'id' | 'number'>[]) {
  const now = new Date().toISOString();
  const rows = cases.map((c, i) => ({
    agency_id: agencyId,
    number: `T-${String(i + 1).padStart(6, '0')}`,
    query_code: 'x',
    applicant_type: c.applicantType,
    applicant_name: '测试',
    channel: 'online',
    intake: '{}',
    status: c.concludedOn ? 'closed' : 'open',
    received_on: c.receivedOn,
    due_on: null,
    concluded_on: c.concludedOn,
    outcome: null,
    table_row: c.tableRow,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await s.db
      .insertInto('application_case')
      .values(rows.slice(i, i + 500))
      .execute();
}

const failures = (r: ReturnType<typeof buildCompiledReport>) =>
  checkReport(r).filter((x) => x.status === 'fail' && x.severity === 'error');

describeStores('compile tables 三 and 四 from cases', (f) => {
  it('SQL equals the pure reference; rules hold; carry-over links the years (property-based)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 1, maxLength: 3000 }),
        fc.array(reviewArb, { maxLength: 60 }),
        async (cases, reviews) => {
          const s = await f.open();
          try {
            const agencyId = await createAgency(s.db, { name: '测试局', kind: 'department' });
            await insertFacts(s, agencyId, cases);
            for (const r of reviews)
              await s.db
                .insertInto('review_record')
                .values({
                  agency_id: agencyId,
                  case_id: null,
                  kind: r.kind,
                  received_on: r.receivedOn,
                  decided_on: r.decidedOn,
                  result: r.result,
                  note: null,
                })
                .execute();
            const facts: CaseFacts[] = cases.map((c, i) => ({ ...c, id: i, number: String(i) }));
            const reviewFacts: ReviewFacts[] = reviews.map((r, i) => ({ ...r, id: i }));
            let previous: ReturnType<typeof buildCompiledReport> | null = null;
            for (const year of [2021, 2022, 2023, 2024]) {
              const sqlT3 = await aggregateT3(s.db, agencyId, year);
              const pure = aggregateCases(facts, year);
              assert.deepEqual(new Map([...sqlT3].sort()), new Map([...pure].sort()), `T3 ${year}`);
              const sqlT4 = await aggregateT4(s.db, agencyId, year);
              assert.deepEqual(
                new Map([...sqlT4].sort()),
                new Map([...aggregateReviews(reviewFacts, year)].sort()),
              );
              const report = await compileReportFromDb(s.db, '测试局', year);
              assert.deepEqual(failures(report), [], `rules ${year}`);
              if (previous) {
                for (const c of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'])
                  assert.equal(
                    report.table3.rows.R2!.cells[c]!.value,
                    previous.table3.rows.R4!.cells[c]!.value,
                  );
              }
              previous = report;
            }
          } finally {
            await s.close();
          }
        },
      ),
      { numRuns: f.name === 'sqlite' ? 12 : 4 },
    );
  });

  it('lists the cases behind a cell', async () => {
    const s = await f.open();
    const agencyId = await createAgency(s.db, { name: '测试局', kind: 'department' });
    await insertFacts(s, agencyId, [
      {
        applicantType: 'naturalPerson',
        receivedOn: '2023-12-20',
        concludedOn: '2024-01-10',
        tableRow: 'R3_2',
      },
      { applicantType: 'commercial', receivedOn: '2024-03-01', concludedOn: '2024-03-20', tableRow: 'R3_1' },
      { applicantType: 'naturalPerson', receivedOn: '2024-12-25', concludedOn: null, tableRow: null },
    ]);
    assert.deepEqual(await casesForT3Cell(s.db, agencyId, 2024, 'R2.c1'), ['T-000001']);
    assert.deepEqual(await casesForT3Cell(s.db, agencyId, 2024, 'R3_2.c7'), ['T-000001']);
    assert.deepEqual(await casesForT3Cell(s.db, agencyId, 2024, 'R1.c7'), ['T-000002', 'T-000003']);
    assert.deepEqual(await casesForT3Cell(s.db, agencyId, 2024, 'R3_7.c2'), ['T-000002']);
    assert.deepEqual(await casesForT3Cell(s.db, agencyId, 2024, 'R4.c1'), ['T-000003']);
    const r = await compileReportFromDb(s.db, '测试局', 2024);
    assert.deepEqual(
      ['R1', 'R2', 'R3_1', 'R3_2', 'R3_7', 'R4'].map((k) => r.table3.rows[k]!.cells.c7!.value),
      [2, 1, 1, 1, 2, 1],
    );
    await s.close();
  });
});
