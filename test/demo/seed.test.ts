/**
 * The demo data: the seed agency's compiled 2022 report has exactly the seed report's tables
 * (test/fixtures/seed-2022.txt, a real published report), and every compiled report of every demo
 * agency and year passes the rule checker.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { createCalendar } from '../../src/calendar/calendar.ts';
import { chineseDaysYears } from '../../src/calendar/seed.ts';
import { DEMO_GOVERNMENT, SEED_AGENCY, seedDemo } from '../../src/demo/seed.ts';
import type { Report } from '../../src/report/model.ts';
import { parseReport } from '../../src/report/parse/index.ts';
import { checkReport } from '../../src/report/rules/index.ts';
import { loadAnnualReport, publishedSnapshot, publishedYears } from '../../src/store/annualReports.ts';
import { compileReportFromDb } from '../../src/store/compile.ts';
import { describeStores } from '../helpers/stores.ts';

const calendar = createCalendar(chineseDaysYears());
const seed = parseReport(readFileSync(new URL('../fixtures/seed-2022.txt', import.meta.url)), {
  filename: 'seed-2022.txt',
});

function cells(r: Report): string[] {
  const out: string[] = [];
  for (const [bk, b] of Object.entries(r.table2.blocks))
    for (const [rk, row] of Object.entries(b.rows))
      for (const [ck, c] of Object.entries(row.cells)) out.push(`T2 ${bk}.${rk}.${ck}=${c.raw}`);
  for (const [rk, row] of Object.entries(r.table3.rows))
    for (const [ck, c] of Object.entries(row.cells)) out.push(`T3 ${rk}.${ck}=${c.raw}`);
  for (const [ck, c] of Object.entries(r.table4.row?.cells ?? {})) out.push(`T4 ${ck}=${c.raw}`);
  return out;
}

describeStores('demo data', (f) => {
  it('compiles the seed agency’s 2022 report to exactly the seed’s tables; every report passes the rules', async () => {
    const s = await f.open();
    const summary = await seedDemo(s, calendar, { perYear: f.name === 'sqlite' ? 40 : 12 });
    assert.ok(summary.cases > 50);
    const compiled = await compileReportFromDb(s.db, SEED_AGENCY, 2022);
    assert.equal(compiled.format, '2021');
    assert.deepEqual(cells(compiled), cells(seed));
    for (const agency of await s.db
      .selectFrom('agency')
      .select('name')
      .where('name', '!=', DEMO_GOVERNMENT)
      .execute()) {
      for (const year of [2022, 2023, 2024, 2025, 2026]) {
        const r = await compileReportFromDb(s.db, agency.name, year);
        const failed = checkReport(r).filter((x) => x.status === 'fail' && x.severity === 'error');
        assert.deepEqual(failed, [], `${agency.name} ${year}`);
      }
    }
    // annual reports: past years published through the workflow (the seed agency's 2022 one is the
    // seed report, tables and text), the current year a draft
    const seedId = Number(
      (await s.db.selectFrom('agency').select('id').where('name', '=', SEED_AGENCY).executeTakeFirstOrThrow())
        .id,
    );
    const published = (await publishedSnapshot(s.db, seedId, 2022))!;
    assert.deepEqual(cells(published), cells(seed));
    for (const n of [1, 5, 6])
      assert.deepEqual(
        published.sections.find((x) => x.number === n)!.paragraphs,
        seed.sections.find((x) => x.number === n)!.paragraphs,
        `section ${n}`,
      );
    assert.equal(summary.annualReports, 4 + 3 + 3);
    assert.deepEqual(
      (await publishedYears(s.db, seedId)).map((y) => y.year),
      [2025, 2024, 2023, 2022],
    );
    const draft = await loadAnnualReport(s.db, seedId, 2026);
    assert.equal(draft.status, 'draft');
    assert.match(draft.sections.overview!, /2026年/);
    // seeding twice is refused
    await assert.rejects(seedDemo(s, calendar), /只能导入空数据库/);
    await s.close();
  });
});
