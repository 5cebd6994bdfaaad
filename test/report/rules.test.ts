/**
 * The rule registry and the table rules (T3-01 … T3-03, T4-01, E-07, E-08, E-10), on reports built in code.
 * Real-report fixtures are typed in by hand from the documents in /work/shared/reports (see each comment).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyReport, setT2, setT3Row, setT4 } from '../../src/report/build.ts';
import { FORMATS } from '../../src/report/formats/index.ts';
import type { FormatId } from '../../src/report/formats/types.ts';
import type { Report } from '../../src/report/model.ts';
import { checkReport, findRule, RULES, type RuleResult, summarize } from '../../src/report/rules/index.ts';

// ---------------------------------------------------------------------------------------------
// Helpers

/** A report with every table cell 0 (a consistent, fully filled report). */
function zeroReport(format: FormatId, year: number, agency: string | null = '某市某某局'): Report {
  const r = emptyReport(format, year, agency);
  const f = FORMATS[format];
  for (const b of f.table2.blocks) {
    for (const row of b.rows) for (const c of b.columns) setT2(r, b.key, row.key, c.key, 0);
  }
  for (const row of f.table3.rows) setT3Row(r, row.key, [0, 0, 0, 0, 0, 0, 0]);
  setT4(r, Array(15).fill(0));
  return r;
}

const byRule = (results: RuleResult[], id: string) => results.filter((r) => r.ruleId === id);
const run = (report: Report, id: string, opts: Parameters<typeof checkReport>[1] = {}) =>
  byRule(checkReport(report, opts), id);

/** The one result of a rule whose cells include the given key. */
function withCell(results: RuleResult[], key: string): RuleResult {
  const found = results.filter((r) => r.cells.some((c) => c.key === key));
  assert.equal(found.length, 1, `one result with cell ${key}, got ${found.length}`);
  return found[0]!;
}

// Shanghai 2019 (上海市人民政府办公厅, 2019 format), table 三 as published, typed from
// /work/shared/reports/html/shanghai-2019.html. Blank cells stay blank ('').
const SHANGHAI_T3: Record<string, (string | number)[]> = {
  R1: [821, 35, '', '', 2, 1, 859],
  R2: [18, '', '', '', '', '', 18],
  R3_1: [258, 12, '', '', 1, 1, ''],
  R3_2: [3, '', '', '', '', '', ''],
  R3_3_1: [14, '', '', '', '', '', ''],
  R3_3_2: ['', '', '', '', '', '', ''],
  R3_3_3: ['', '', '', '', '', '', ''],
  R3_3_4: ['', '', '', '', '', '', ''],
  R3_3_5: [5, '', '', '', '', '', ''],
  R3_3_6: [3, 1, '', '', '', '', ''],
  R3_3_7: ['', '', '', '', '', '', ''],
  R3_3_8: [10, 2, '', '', '', '', ''],
  R3_4_1: [252, 12, '', '', 1, '', ''],
  R3_4_2: [44, 3, '', '', '', '', ''],
  R3_4_3: [25, '', '', '', '', '', ''],
  R3_5_1: [148, 1, '', '', '', '', ''],
  R3_5_2: [5, 4, '', '', '', '', ''],
  R3_5_3: ['', '', '', '', '', '', ''],
  R3_5_4: ['', '', '', '', '', '', ''],
  R3_5_5: ['', '', '', '', '', '', ''],
  R3_6_3: ['', '', '', '', '', '', ''],
  R3_7: [767, 35, '', '', 2, 1, 805],
  R4: [72, '', '', '', '', '', 72],
};

function shanghai2019(): Report {
  const r = emptyReport('2019', 2019, '上海市人民政府办公厅');
  for (const [k, v] of Object.entries(SHANGHAI_T3)) setT3Row(r, k, v);
  // Table 四 as published: 行政复议 5 / blank / blank / 2 / 7; 直接起诉 8 / blank / blank / 1 / 9; 复议后起诉 blank.
  setT4(r, [5, '', '', 2, 7, 8, '', '', 1, 9, '', '', '', '', '']);
  // Table 二 (2019 format) as published; the procurement amount carries its unit inside the cell.
  setT2(r, 'a20_1', 'regulations', 'made', 13);
  setT2(r, 'a20_1', 'regulations', 'published', 13);
  setT2(r, 'a20_1', 'regulations', 'total', 524);
  setT2(r, 'a20_1', 'normativeDocs', 'made', 60);
  setT2(r, 'a20_1', 'normativeDocs', 'published', 60);
  setT2(r, 'a20_1', 'normativeDocs', 'total', 368);
  for (const [b, rows, cols] of [
    ['a20_5', ['licensing', 'otherServices'], ['prevItems', 'change', 'decisions']],
    ['a20_6', ['penalty', 'coercion'], ['prevItems', 'change', 'decisions']],
    ['a20_8', ['fees'], ['prevItems', 'change']],
  ] as const) {
    for (const row of rows) for (const c of cols) setT2(r, b, row, c, 0);
  }
  setT2(r, 'a20_9', 'procurement', 'items', 6);
  setT2(r, 'a20_9', 'procurement', 'amount', '251000元');
  return r;
}

/**
 * 淮安市洪泽区人民政府 2023 (2021 format), typed from `pdftotext -layout /work/shared/reports/pdf/hongze-2023.pdf -`.
 * Table 四 is inconsistent as published (see /work/shared/reports/pdf/SOURCE.md): 行政复议 10/1/0/0 with
 * 总计 0; 未经复议直接起诉 0/0/0/0/0; 复议后起诉 5/0/0/0 with 总计 0.
 */
function hongze2023(): Report {
  const r = zeroReport('2021', 2023, '淮安市洪泽区人民政府');
  setT3Row(r, 'R1', [21, 0, 0, 0, 0, 0, 21]);
  setT3Row(r, 'R3_2', [4, 0, 0, 0, 0, 0, 4]);
  setT3Row(r, 'R3_3_1', [1, 0, 0, 0, 0, 0, 1]);
  setT3Row(r, 'R3_3_6', [1, 0, 0, 0, 0, 0, 1]);
  setT3Row(r, 'R3_3_7', [1, 0, 0, 0, 0, 0, 1]);
  setT3Row(r, 'R3_4_1', [10, 0, 0, 0, 0, 0, 10]);
  setT3Row(r, 'R3_4_2', [3, 0, 0, 0, 0, 0, 3]);
  setT3Row(r, 'R3_5_1', [1, 0, 0, 0, 0, 0, 1]);
  setT3Row(r, 'R3_7', [21, 0, 0, 0, 0, 0, 21]);
  setT4(r, [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]);
  setT2(r, 'a20_1', 'normativeDocs', 'repealed', 5);
  setT2(r, 'a20_1', 'normativeDocs', 'valid', 5);
  setT2(r, 'a20_5', 'licensing', 'decisions', 550);
  setT2(r, 'a20_6', 'penalty', 'decisions', 4119);
  setT2(r, 'a20_6', 'coercion', 'decisions', 195);
  setT2(r, 'a20_8', 'fees', 'amount', '7730.28');
  return r;
}

// ---------------------------------------------------------------------------------------------

describe('registry', () => {
  it('registers each rule once, with ID, severity, Chinese title and formula', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of RULES) {
      assert.match(r.id, /^(T\d|E)-\d\d$/);
      assert.ok(r.severity === 'error' || r.severity === 'warning');
      assert.match(r.title, /[\u4e00-\u9fff]/);
      assert.ok(r.formula.length > 5);
    }
    for (const id of ['T3-01', 'T3-02', 'T3-03', 'T4-01', 'E-01', 'E-02', 'E-07', 'E-08', 'E-09', 'E-10']) {
      assert.ok(ids.includes(id), id);
    }
    for (const id of ['E-11', 'E-12', 'E-13', 'E-14', 'E-15', 'E-16', 'E-17'])
      assert.ok(ids.includes(id), id);
  });

  it('records E-03 … E-06 as aliases of the T-rules, never as rules of their own', () => {
    const all = RULES.flatMap((r) => [r.id, ...(r.aliases ?? [])]);
    assert.equal(new Set(all).size, all.length, 'no ID twice, as rule or alias');
    for (const [alias, id] of [
      ['E-03', 'T3-01'],
      ['E-04', 'T3-02'],
      ['E-05', 'T3-03'],
      ['E-06', 'T4-01'],
    ]) {
      assert.ok(!RULES.some((r) => r.id === alias));
      assert.equal(findRule(alias!)?.id, id);
    }
  });

  it('marks the rules that need the previous report, and the warnings', () => {
    const prev = RULES.filter((r) => r.needsPrevious).map((r) => r.id);
    assert.deepEqual(prev.sort(), ['E-09', 'E-11', 'E-15']);
    const warnings = RULES.filter((r) => r.severity === 'warning').map((r) => r.id);
    assert.deepEqual(warnings.sort(), ['E-08', 'E-09', 'E-10', 'E-11', 'E-13', 'E-14', 'E-15', 'E-17']);
  });
});

describe('summarize', () => {
  it('counts a failed warning as warn, not fail', () => {
    const s = summarize([
      { ruleId: 'T3-01', severity: 'error', status: 'fail', message: '', cells: [] },
      { ruleId: 'E-10', severity: 'warning', status: 'fail', message: '', cells: [] },
      { ruleId: 'E-10', severity: 'warning', status: 'pass', message: '', cells: [] },
      { ruleId: 'E-12', severity: 'error', status: 'not-assessable', message: '', cells: [] },
    ]);
    assert.deepEqual(s, { fail: 1, warn: 1, pass: 1, notAssessable: 1 });
  });

  it('a fully consistent report has no failures', () => {
    const r = zeroReport('2021', 2022);
    const s = summarize(checkReport(r));
    assert.equal(s.fail, 0);
    assert.ok(s.pass > 40);
  });
});

describe('T3-01 column balance', () => {
  it('passes for each column of a consistent table', () => {
    const r = zeroReport('2021', 2022);
    setT3Row(r, 'R1', [5, 1, 0, 0, 0, 0, 6]);
    setT3Row(r, 'R2', [1, 0, 0, 0, 0, 0, 1]);
    setT3Row(r, 'R3_1', [4, 1, 0, 0, 0, 0, 5]);
    setT3Row(r, 'R3_7', [4, 1, 0, 0, 0, 0, 5]);
    setT3Row(r, 'R4', [2, 0, 0, 0, 0, 0, 2]);
    const res = run(r, 'T3-01');
    assert.equal(res.length, 7);
    assert.ok(res.every((x) => x.status === 'pass'));
    const c7 = withCell(res, 'R1.c7');
    assert.deepEqual(
      c7.cells.map((c) => c.key),
      ['R1.c7', 'R2.c7', 'R3_7.c7', 'R4.c7'],
    );
    assert.equal(c7.cells[0]!.label, '表三“一、本年新收政府信息公开申请数量”/总计');
    assert.equal(c7.cells[0]!.value, 6);
  });

  it('fails a column that does not balance', () => {
    const r = zeroReport('2021', 2022);
    setT3Row(r, 'R1', [5, 0, 0, 0, 0, 0, 5]);
    setT3Row(r, 'R3_1', [4, 0, 0, 0, 0, 0, 4]);
    setT3Row(r, 'R3_7', [4, 0, 0, 0, 0, 0, 4]);
    const res = run(r, 'T3-01');
    const c1 = withCell(res, 'R1.c1');
    assert.equal(c1.status, 'fail');
    assert.equal(c1.severity, 'error');
    assert.match(c1.message, /自然人/);
    assert.match(c1.message, /相差1/);
  });

  it('Shanghai 2019: 自然人 balances (821+18 = 767+72); columns with blanks are not assessable', () => {
    const res = run(shanghai2019(), 'T3-01');
    const c1 = withCell(res, 'R1.c1');
    assert.equal(c1.status, 'pass');
    assert.match(c1.message, /821\+18 = 839/);
    assert.match(c1.message, /767\+72 = 839/);
    assert.equal(withCell(res, 'R1.c7').status, 'pass'); // 859+18 = 805+72
    const c2 = withCell(res, 'R1.c2');
    assert.equal(c2.status, 'not-assessable');
    assert.match(c2.message, /表三“二、上年结转政府信息公开申请数量”\/商业企业为空白/);
    const blank = c2.cells.find((c) => c.key === 'R2.c2')!;
    assert.equal(blank.raw, '');
    assert.equal(blank.value, null);
  });

  it('never reads a blank or "/" as 0', () => {
    const r = zeroReport('2021', 2022);
    setT3Row(r, 'R1', ['/', 0, 0, 0, 0, 0, 0]);
    const c1 = withCell(run(r, 'T3-01'), 'R1.c1');
    assert.equal(c1.status, 'not-assessable');
    assert.match(c1.message, /为“\/”/);
  });
});

describe('T3-02 row totals', () => {
  it('passes consistent rows and fails a wrong 总计', () => {
    const r = zeroReport('2021', 2022);
    setT3Row(r, 'R1', [3, 1, 0, 0, 0, 1, 5]);
    setT3Row(r, 'R2', [3, 1, 0, 0, 0, 1, 4]);
    const res = run(r, 'T3-02');
    assert.equal(res.length, 25); // every row of the 2021 table (spec §7 says 26, but §1.3 lists 25)
    assert.equal(withCell(res, 'R1.c7').status, 'pass');
    const bad = withCell(res, 'R2.c7');
    assert.equal(bad.status, 'fail');
    assert.equal(bad.cells.length, 7);
    assert.match(bad.message, /二、上年结转/);
  });

  it('Shanghai 2019: the 19 rows with a blank 总计 are not assessable', () => {
    const res = run(shanghai2019(), 'T3-02');
    assert.equal(res.length, 23); // 2019 layout: （六）其他处理 is one row
    const blankTotal = Object.entries(SHANGHAI_T3).filter(([, v]) => v[6] === '');
    assert.equal(blankTotal.length, 19);
    for (const [k] of blankTotal) {
      const x = withCell(res, `${k}.c7`);
      assert.equal(x.status, 'not-assessable', k);
      assert.match(x.message, /\/总计为空白/);
    }
    assert.ok(res.every((x) => x.status === 'not-assessable')); // R1, R2, R3_7, R4 have blank applicant cells
  });
});

describe('T3-03 outcome rows', () => {
  it('2021 format: R3_7 = sum of the 21 outcome rows', () => {
    const r = zeroReport('2021', 2022);
    setT3Row(r, 'R3_6_2', [1, 0, 0, 0, 0, 0, 1]);
    setT3Row(r, 'R3_7', [1, 0, 0, 0, 0, 0, 1]);
    const res = run(r, 'T3-03');
    assert.equal(res.length, 7);
    assert.ok(res.every((x) => x.status === 'pass'));
    assert.equal(withCell(res, 'R3_7.c1').cells.length, 22);
  });

  it('2019 format: only （六）其他处理 (R3_6_3) as the sixth outcome', () => {
    const r = zeroReport('2019', 2020);
    setT3Row(r, 'R3_6_3', [2, 0, 0, 0, 0, 0, 2]);
    setT3Row(r, 'R3_7', [1, 0, 0, 0, 0, 0, 2]);
    const res = run(r, 'T3-03');
    const c1 = withCell(res, 'R3_7.c1');
    assert.equal(c1.status, 'fail');
    assert.equal(c1.cells.length, 20); // R3_7 and 19 outcome rows
    assert.ok(!c1.cells.some((c) => c.key.startsWith('R3_6_1')));
    assert.equal(withCell(res, 'R3_7.c7').status, 'pass');
  });

  it('a 2021 report printing （六） as one row (hongze-2023) is summed with that row', () => {
    const r = hongze2023();
    delete r.table3.rows.R3_6_1;
    delete r.table3.rows.R3_6_2;
    const res = run(r, 'T3-03');
    assert.ok(res.every((x) => x.status === 'pass'));
    assert.match(res[0]!.message, /只有一行/);
    assert.equal(run(r, 'T3-02').length, 23);
  });
});

describe('T4-01 table 四 groups', () => {
  it('hongze-2023 as published: fails for 行政复议 and 复议后起诉 exactly', () => {
    const res = run(hongze2023(), 'T4-01');
    assert.equal(res.length, 3);
    const review = withCell(res, 'review.total');
    const direct = withCell(res, 'direct.total');
    const after = withCell(res, 'afterReview.total');
    assert.equal(review.status, 'fail');
    assert.match(review.message, /行政复议/);
    assert.match(review.message, /10\+1\+0\+0 = 11/);
    assert.equal(direct.status, 'pass');
    assert.equal(after.status, 'fail');
    assert.match(after.message, /复议后起诉/);
    assert.deepEqual(
      after.cells.map((c) => [c.key, c.value]),
      [
        ['afterReview.total', 0],
        ['afterReview.upheld', 5],
        ['afterReview.corrected', 0],
        ['afterReview.other', 0],
        ['afterReview.pending', 0],
      ],
    );
    assert.equal(review.cells[0]!.label, '表四 行政复议/总计');
  });

  it('hongze-2023 tables otherwise balance', () => {
    const all = checkReport(hongze2023());
    for (const id of ['T3-01', 'T3-02', 'T3-03'])
      assert.ok(
        byRule(all, id).every((x) => x.status === 'pass'),
        id,
      );
  });

  it('Shanghai 2019: blank cells make the groups not assessable', () => {
    const res = run(shanghai2019(), 'T4-01');
    assert.ok(res.every((x) => x.status === 'not-assessable'));
    assert.match(withCell(res, 'review.total').message, /表四 行政复议\/结果纠正为空白/);
  });
});

describe('unreadable and missing tables', () => {
  it('table rules are not assessable, never pass or fail', () => {
    const r = zeroReport('2021', 2022);
    r.table3 = { status: 'unreadable', rows: {} };
    r.table4 = { status: 'missing', row: null };
    r.table2.status = 'unreadable';
    const all = checkReport(r);
    for (const id of ['T3-01', 'T3-02', 'T3-03', 'T4-01', 'E-07', 'E-10']) {
      const res = byRule(all, id);
      assert.ok(res.length > 0, id);
      for (const x of res) {
        assert.equal(x.status, 'not-assessable', id);
        assert.match(x.message, /未能读取/);
      }
    }
    assert.equal(byRule(all, 'T3-01').length, 1);
    assert.equal(byRule(all, 'E-08')[0]!.status, 'not-assessable');
  });

  it('rows the parser could not split (partial table) are not read as blanks', () => {
    const r = zeroReport('2021', 2021);
    r.table2.status = 'partial';
    // pingtan-2021: the 行政规范性文件 row reads "693665" run together; the parser leaves its cells blank.
    const row = r.table2.blocks.a20_1!.rows.normativeDocs!;
    for (const k of ['issued', 'repealed', 'valid']) row.cells[k] = { raw: '', kind: 'empty', value: null };
    row.unreadable = '693665';
    const e10 = run(r, 'E-10').find((x) => x.message.startsWith('表二'))!;
    assert.equal(e10.status, 'pass');
    assert.match(e10.message, /另有1行未能读取/);
    assert.equal(run(r, 'E-07').find((x) => x.message.startsWith('表二'))!.status, 'pass');
    r.table3.status = 'partial';
    r.table3.rows.R3_3_2!.unreadable = '12';
    const t302 = withCell(run(r, 'T3-02'), 'R3_3_2.c7');
    assert.equal(t302.status, 'not-assessable');
    assert.match(t302.message, /未能读取（该行数字连写为“12”）/);
  });

  it('a recovered table is checked, with a note', () => {
    const r = zeroReport('2021', 2022);
    r.table3.status = 'recovered';
    const res = run(r, 'T3-01');
    assert.ok(res.every((x) => x.status === 'pass'));
    assert.match(res[0]!.message, /连写数字恢复/);
  });

  it('pre-2019 reports have no table rules', () => {
    const r = emptyReport('2019', 2017, '某市某某局');
    r.format = 'pre2019';
    r.table3.status = 'missing';
    const all = checkReport(r);
    assert.equal(byRule(all, 'T3-01').length, 0);
    assert.equal(byRule(all, 'E-10').length, 0);
  });
});

describe('E-07 numeric cells', () => {
  it('Shanghai 2019: "251000元" in table 二 fails, citing the cell', () => {
    const res = run(shanghai2019(), 'E-07');
    const t2 = res.find((x) => x.cells.some((c) => c.table === 'T2'))!;
    assert.equal(t2.status, 'fail');
    assert.equal(t2.cells.length, 1);
    assert.equal(t2.cells[0]!.key, 'a20_9.procurement.amount');
    assert.equal(t2.cells[0]!.raw, '251000元');
    assert.match(t2.message, /单位“元”/);
    // Blanks are E-10's business, not E-07's: tables 三 and 四 pass.
    assert.equal(res.filter((x) => x.status === 'pass').length, 2);
  });

  it('counts must be integers ≥ 0; 2019 本年增/减 may be negative', () => {
    const r = zeroReport('2019', 2020);
    setT2(r, 'a20_5', 'licensing', 'change', -3);
    setT3Row(r, 'R1', [-1, 0, 0, 0, 0, 0, 1.5]);
    const res = run(r, 'E-07');
    assert.equal(res.find((x) => x.message.startsWith('表二'))!.status, 'pass');
    const t3 = res.find((x) => x.message.startsWith('表三'))!;
    assert.equal(t3.status, 'fail');
    assert.deepEqual(
      t3.cells.map((c) => c.key),
      ['R1.c1', 'R1.c7'],
    );
  });

  it('a negative count in a 2021 table 二 fails', () => {
    const r = zeroReport('2021', 2022);
    setT2(r, 'a20_6', 'penalty', 'decisions', -2);
    const t2 = run(r, 'E-07').find((x) => x.message.startsWith('表二'))!;
    assert.equal(t2.status, 'fail');
    assert.match(t2.message, /非负整数/);
  });
});

describe('E-10 blank cells', () => {
  it('Shanghai 2019: lists the 126 blank cells of table 三 as a warning', () => {
    const res = run(shanghai2019(), 'E-10');
    const t3 = res.find((x) => x.message.startsWith('表三'))!;
    assert.equal(t3.status, 'fail');
    assert.equal(t3.severity, 'warning');
    assert.equal(t3.cells.length, 126);
    assert.match(t3.message, /126个/);
    const t4 = res.find((x) => x.message.startsWith('表四'))!;
    assert.equal(t4.cells.length, 9);
    assert.equal(res.find((x) => x.message.startsWith('表二'))!.status, 'pass');
  });

  it('"/" and "—" count as blanks; a filled table passes', () => {
    const r = zeroReport('2021', 2022);
    setT2(r, 'a20_1', 'regulations', 'issued', '/');
    setT2(r, 'a20_1', 'regulations', 'valid', '—');
    const res = run(r, 'E-10');
    const t2 = res.find((x) => x.message.startsWith('表二'))!;
    assert.equal(t2.status, 'fail');
    assert.equal(t2.cells.length, 2);
    assert.equal(res.filter((x) => x.status === 'pass').length, 2);
    assert.equal(summarize(res).warn, 1);
  });
});

describe('E-08 fee unit', () => {
  it('warns when a fee ≥ 10000 万元 appears in the text in 元', () => {
    const r = zeroReport('2021', 2022);
    setT2(r, 'a20_8', 'fees', 'amount', '251000');
    r.sections[0]!.paragraphs = ['全年收取行政事业性收费251000元。'];
    const [x] = run(r, 'E-08');
    assert.equal(x!.status, 'fail');
    assert.equal(x!.severity, 'warning');
    assert.deepEqual(
      x!.cells.map((c) => c.table),
      ['T2', 'text'],
    );
  });

  it('passes a plausible amount (hongze-2023: 7730.28 万元) and a large one not echoed in 元', () => {
    assert.equal(run(hongze2023(), 'E-08')[0]!.status, 'pass');
    const r = zeroReport('2021', 2022);
    setT2(r, 'a20_8', 'fees', 'amount', '18651.06');
    assert.equal(run(r, 'E-08')[0]!.status, 'pass');
  });

  it('does not apply to the 2019 format; blank amount is not assessable', () => {
    assert.equal(run(zeroReport('2019', 2020), 'E-08').length, 0);
    const r = zeroReport('2021', 2022);
    setT2(r, 'a20_8', 'fees', 'amount', '');
    assert.equal(run(r, 'E-08')[0]!.status, 'not-assessable');
  });
});

// ---------------------------------------------------------------------------------------------
// E-16: text vs table, on the real cases

/**
 * Section 一 (二) of Shanghai 2019, copied from /work/shared/reports/html/shanghai-2019.html. Known mismatches
 * (html/SOURCE.md): "予以公开及部分公开258件" vs （一）+（二） = 275, and "无法提供265件" vs （四） = 337.
 */
const SHANGHAI_TEXT = [
  '市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录，维护了市政府依法行政、公开透明的良好形象。',
];

const e16 = (report: Report, name: string, config = {}) =>
  run(report, 'E-16', { config }).filter((x) => x.cells[0]?.raw.includes(name));

describe('E-16 text vs table', () => {
  it('Shanghai 2019: 258 and 265 are same-scope mismatches (errors); matching figures pass', () => {
    const r = shanghai2019();
    r.sections[0]!.paragraphs = SHANGHAI_TEXT;
    const res = run(r, 'E-16');
    const fails = res.filter((x) => x.status === 'fail');
    assert.equal(fails.length, 2);
    assert.ok(fails.every((x) => x.severity === 'error'));
    const [disclosed, unable] = fails;
    assert.equal(disclosed!.cells[0]!.value, 258);
    assert.match(disclosed!.message, /予以公开及部分公开258件/); // the sentence snippet
    assert.match(disclosed!.message, /已填数字之和为275/);
    assert.equal(unable!.cells[0]!.value, 265);
    assert.match(unable!.message, /已填数字之和为337/);
    assert.ok(unable!.cells.some((c) => c.key === 'R3_4_2.c1' && c.value === 44));
    // 859 received, 805 answered, 18 and 72 carried, 7 复议 agree with the table.
    const passed = res.filter((x) => x.status === 'pass').map((x) => x.cells[0]!.value);
    assert.deepEqual(
      passed.sort((a, b) => a! - b!),
      [7, 18, 72, 805, 859],
    );
    // 35 不予公开, 158 不予处理, 0 其他处理, 9 诉讼: blank cells could hold the rest → not assessable.
    const na = res.filter((x) => x.status === 'not-assessable').map((x) => x.cells[0]!.value);
    assert.deepEqual(
      na.sort((a, b) => a! - b!),
      [0, 9, 35, 158],
    );
    assert.equal(summarize(res).fail, 2);
  });

  it('hongze-2024: the office’s 17 applications vs the table’s 95 is a warning, not an error', () => {
    // 淮安市洪泽区人民政府 2024, section 一 (二); `pdftotext -layout /work/shared/reports/pdf/hongze-2024.pdf -`,
    // lines joined: "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。"
    const r = zeroReport('2021', 2024, '淮安市洪泽区人民政府');
    r.sections[0]!.paragraphs = [
      '（二）依申请公开情况。根据《条例》和上级部门关于依申请办理的规范要求，强化组织领导、规范办理流程，指导各部门采取自行办理、协同办理、会商办理相结合的工作方式，确保依申请答复工作规范高效。2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。',
    ];
    setT3Row(r, 'R1', [95, 0, 0, 0, 0, 0, 95]);
    setT3Row(r, 'R3_1', [50, 0, 0, 0, 0, 0, 50]);
    setT3Row(r, 'R3_2', [9, 0, 0, 0, 0, 0, 9]);
    setT3Row(r, 'R3_3_3', [1, 0, 0, 0, 0, 0, 1]);
    setT3Row(r, 'R3_3_6', [1, 0, 0, 0, 0, 0, 1]);
    setT3Row(r, 'R3_3_7', [1, 0, 0, 0, 0, 0, 1]);
    setT3Row(r, 'R3_4_1', [31, 0, 0, 0, 0, 0, 31]);
    setT3Row(r, 'R3_4_2', [1, 0, 0, 0, 0, 0, 1]);
    setT3Row(r, 'R3_5_1', [1, 0, 0, 0, 0, 0, 1]);
    setT3Row(r, 'R3_7', [95, 0, 0, 0, 0, 0, 95]);
    const res = run(r, 'E-16');
    assert.equal(res.length, 1);
    const [x] = res;
    assert.equal(x!.status, 'fail');
    assert.equal(x!.severity, 'warning');
    assert.match(x!.message, /口径可能不同/);
    assert.match(x!.message, /区政府办代表区政府受理政府信息公开申请17件/);
    assert.deepEqual(
      x!.cells.map((c) => [c.key, c.value]),
      [
        ['section:1', 17],
        ['R1.c7', 95],
      ],
    );
    const s = summarize(checkReport(r));
    assert.equal(s.fail, 0); // E-16 is only a warning here (E-13, a warning too, lacks 评议/责任追究)
    assert.equal(summarize(res).warn, 1);
  });

  it('hongze-2023: "2023年全区受理政府信息公开申请21件" agrees with the table', () => {
    const r = hongze2023();
    r.sections[0]!.paragraphs = [
      '（二）依申请公开情况。进一步规范依申请公开流程，畅通依申请公开受理渠。2023 年全区受理政府信息公开申请 21 件，均在法定期限答复。',
    ];
    const res = run(r, 'E-16');
    assert.equal(res.length, 1);
    assert.equal(res[0]!.status, 'pass');
  });

  it('a department’s own figure that disagrees is an error; a government’s unscoped one a warning', () => {
    const dept = zeroReport('2021', 2022, '某市交通运输局');
    setT3Row(dept, 'R1', [5, 0, 0, 0, 0, 0, 5]);
    setT3Row(dept, 'R3_1', [5, 0, 0, 0, 0, 0, 5]);
    setT3Row(dept, 'R3_7', [5, 0, 0, 0, 0, 0, 5]);
    dept.sections[0]!.paragraphs = ['2022年，我局共收到政府信息公开申请6件。'];
    const [d] = run(dept, 'E-16');
    assert.equal(d!.status, 'fail');
    assert.equal(d!.severity, 'error');
    assert.match(d!.message, /口径相同/);

    const gov = zeroReport('2021', 2022, '某县人民政府');
    setT3Row(gov, 'R1', [5, 0, 0, 0, 0, 0, 5]);
    setT3Row(gov, 'R3_1', [5, 0, 0, 0, 0, 0, 5]);
    setT3Row(gov, 'R3_7', [5, 0, 0, 0, 0, 0, 5]);
    gov.sections[0]!.paragraphs = ['2022年共收到政府信息公开申请6件。'];
    assert.equal(run(gov, 'E-16')[0]!.severity, 'warning');
    gov.sections[0]!.paragraphs = ['2022年，全县共收到政府信息公开申请6件。'];
    assert.match(run(gov, 'E-16')[0]!.message, /“全县”/);
    gov.sections[0]!.paragraphs = ['2022年，本机关共收到政府信息公开申请6件。'];
    assert.equal(run(gov, 'E-16')[0]!.severity, 'error');
  });

  it('reads 行政复议/诉讼 against table 四, and skips figures of earlier years', () => {
    const r = zeroReport('2021', 2024, '某市某某局');
    setT4(r, [1, 0, 1, 0, 2, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1]);
    r.sections[0]!.paragraphs = [
      '全年发生政府信息公开行政复议案件2件、行政诉讼案件2件。2023年收到申请40件。较上年收到申请数量下降30件。',
    ];
    const res = run(r, 'E-16');
    assert.equal(res.length, 2);
    assert.ok(res.every((x) => x.status === 'pass'));
    assert.equal(e16(r, '行政复议')[0]!.cells[1]!.key, 'review.total');
  });

  it('is not assessable without figures, or when the table is unreadable', () => {
    const r = zeroReport('2021', 2022);
    r.sections[0]!.paragraphs = ['2022年我局没有收到依申请公开政府信息。'];
    assert.equal(run(r, 'E-16')[0]!.status, 'not-assessable');
    r.sections[0]!.paragraphs = ['2022年，全区收到政府信息公开申请75件。'];
    r.table3 = { status: 'unreadable', rows: {} };
    const [x] = run(r, 'E-16');
    assert.equal(x!.status, 'not-assessable');
    assert.match(x!.message, /未能读取/);
  });
});
