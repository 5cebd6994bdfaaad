/**
 * Every rule finding (fail, with its severity) on every real text/HTML report we have, listed and
 * checked by hand against the source documents (issue 2: "every rule finding on the real reports
 * is listed in the tests and was checked by hand"). A new finding, or a lost one, fails this test.
 * The PDF reports' findings are in pdf.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseReport } from '../../src/report/parse/index.ts';
import { checkReport } from '../../src/report/rules/index.ts';

const findings = (name: string) =>
  checkReport(parseReport(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)), { filename: name }))
    .filter((r) => r.status === 'fail')
    .map((r) => `${r.ruleId} ${r.severity} ${r.cells.find((c) => c.table !== 'text')?.key ?? ''}`.trim());

const E13 = 'E-13 warning'; // checked: the text never mentions 评议 and 责任追究 (E-13 ships as a warning)

const EXPECTED: Record<string, { list: string[]; why: string }> = {
  'seed-2022.txt': {
    list: ['E-17 warning'],
    why: 'the seed has no 统计期限 sentence (read in full)',
  },
  'shanghai-2019.html': {
    list: [
      'E-07 error a20_9.procurement.amount', // "251000元": unit inside the cell
      'E-10 warning R1.c3', // 126 blank cells in table 三
      'E-10 warning review.corrected', // 9 blank cells in table 四
      'E-16 error R3_1.c1', // text "予以公开及部分公开258件" vs 258+12+1+1+3 = 275
      'E-16 error R3_4_1.c1', // text "因本机关不掌握等原因无法提供265件" vs 337
    ],
    why: 'facts listed in reports/html/SOURCE.md, re-read in the HTML',
  },
  'pingtan/pingtan-2019.txt': { list: [E13], why: '' },
  'pingtan/pingtan-2020.txt': {
    list: [
      // outcome rows 7+6+4+3+3+4 = 27 (自然人 26) but （七）总计 21 (20): the published table is inconsistent
      'T3-03 error R3_7.c1',
      'T3-03 error R3_7.c7',
      E13,
    ],
    why: 'digit strings split by hand: 6000017 / 6000006 / 4000004 / 3000003 / 3000003 / 4 0 0 0 0 0 4',
  },
  'pingtan/pingtan-2021.txt': { list: [E13], why: '' },
  'pingtan/pingtan-2022.txt': {
    // "全区收到政府信息公开申请75件" = 74 new + 1 carried over; scope 全区 → warning, not error
    list: ['E-16 warning R1.c7'],
    why: 'pingtan-2022 mentions 考核, 社会评议 and 责任追究',
  },
  'pingtan/pingtan-2023.txt': { list: [E13], why: '' },
  'pingtan/pingtan-2024.txt': { list: [E13], why: '' },
  'pingtan/pingtan-2025.txt': {
    // R3_6_2 = 2 (digits "2000002") while section 六 only says no processing fee was collected
    list: [E13, 'E-14 warning R3_6_2.c7'],
    why: 'section 六: "2025年，无收取信息处理费情况。"',
  },
};

describe('every rule finding on the real reports (checked by hand)', () => {
  for (const [name, { list }] of Object.entries(EXPECTED)) {
    it(name, () => {
      assert.deepEqual(findings(name).sort(), [...list].sort());
    });
  }
});
