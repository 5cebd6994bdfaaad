import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  enumerateSplits,
  recoverTable3,
  recoverTable4,
  splitRunTogether,
} from '../../src/report/parse/digits.ts';

/** Sort splits so comparisons do not depend on enumeration order. */
const sorted = (splits: number[][]): number[][] =>
  [...splits].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

// Hand-written unit cases (constructed, not from a report).
describe('splitRunTogether (hand-written cases)', () => {
  it('lists every split into the requested number of cells', () => {
    assert.deepEqual(sorted(splitRunTogether('123', 2)), [
      [1, 23],
      [12, 3],
    ]);
    assert.deepEqual(splitRunTogether('123', 3), [[1, 2, 3]]);
    assert.deepEqual(splitRunTogether('123', 4), []);
  });

  it('never makes a cell with a leading zero, but accepts a lone 0', () => {
    assert.deepEqual(splitRunTogether('105', 2), [[10, 5]]);
    assert.deepEqual(splitRunTogether('0000000', 7), [[0, 0, 0, 0, 0, 0, 0]]);
    assert.deepEqual(splitRunTogether('05', 1), []);
  });

  it('treats spaces as hard boundaries but splits the digits between them', () => {
    assert.deepEqual(sorted(splitRunTogether('12 3', 3)), [[1, 2, 3]]);
    assert.deepEqual(splitRunTogether('1 23', 2), [[1, 23]]);
    // Three chunks can never become two cells.
    assert.deepEqual(splitRunTogether('1 2 3', 2), []);
    // Any whitespace counts, including an ideographic space.
    assert.deepEqual(splitRunTogether('1\u30002', 2), [[1, 2]]);
  });

  it('keeps only splits whose last value is the sum of the others with sumOfFirst', () => {
    assert.deepEqual(splitRunTogether('1124', 3, { sumOfFirst: true }), []);
    assert.deepEqual(sorted(splitRunTogether('11213', 3, { sumOfFirst: true })), [
      [1, 12, 13],
      [11, 2, 13],
    ]);
    assert.deepEqual(splitRunTogether('12113', 3, { sumOfFirst: true }), [[12, 1, 13]]);
    assert.deepEqual(sorted(splitRunTogether('11213', 3)), [
      [1, 1, 213],
      [1, 12, 13],
      [1, 121, 3],
      [11, 2, 13],
      [11, 21, 3],
      [112, 1, 3],
    ]);
  });

  it('honours maxDigits', () => {
    assert.deepEqual(splitRunTogether('1234567', 1), []);
    assert.deepEqual(splitRunTogether('1234567', 1, { maxDigits: 7 }), [[1234567]]);
    assert.deepEqual(sorted(splitRunTogether('1234', 2, { maxDigits: 2 })), [[12, 34]]);
  });

  it('rejects text that is not digits and spaces', () => {
    assert.deepEqual(splitRunTogether('12a3', 2), []);
    assert.deepEqual(splitRunTogether('9116.36', 1), []);
    assert.deepEqual(splitRunTogether('', 1), []);
    assert.deepEqual(splitRunTogether('12', 0), []);
  });

  it('reads negative cells only with allowNegative, and a "-" always starts a cell', () => {
    assert.deepEqual(splitRunTogether('5-3', 2), []);
    assert.deepEqual(splitRunTogether('5-3', 2, { allowNegative: true }), [[5, -3]]);
    assert.deepEqual(splitRunTogether('5-0', 2, { allowNegative: true }), []);
    assert.deepEqual(splitRunTogether('5-03', 2, { allowNegative: true }), []);
    assert.deepEqual(splitRunTogether('5-3-2', 2, { allowNegative: true }), []);
  });

  it('checks every group with sumGroupSize', () => {
    assert.deepEqual(splitRunTogether('112123', 4, { sumGroupSize: 2 }), []);
    assert.deepEqual(splitRunTogether('11 22', 4, { sumGroupSize: 2 }), [[1, 1, 2, 2]]);
    assert.deepEqual(splitRunTogether('1111', 4, { sumGroupSize: 2 }), [[1, 1, 1, 1]]);
    // The row length must be a multiple of the group size.
    assert.deepEqual(splitRunTogether('111', 3, { sumGroupSize: 2 }), []);
  });

  it('stays bounded on long input and never returns a partial list', () => {
    const started = Date.now();
    // Longer than 7 cells of 6 digits: impossible at once.
    assert.deepEqual(splitRunTogether('1'.repeat(43), 7, { sumOfFirst: true }), []);
    // Millions of splits: the budget runs out and the answer is "no reading".
    const loose = enumerateSplits('1'.repeat(60), 15);
    assert.equal(loose.complete, false);
    assert.deepEqual(splitRunTogether('1'.repeat(60), 15), []);
    // A long but tightly constrained row still finishes.
    assert.deepEqual(splitRunTogether('1'.repeat(42), 7), [
      [111111, 111111, 111111, 111111, 111111, 111111, 111111],
    ]);
    assert.ok(Date.now() - started < 5000);
  });
});

describe('recoverTable3 (hand-written cases)', () => {
  it('leaves rows null when the column constraints allow two readings', () => {
    // R1, R3_1 and R3_7 are each 2/20/0/0/0/0/22 or 22/0/0/0/0/0/22; the constraints only force
    // R1 = R3_1 = R3_7, which both readings satisfy.
    const zero = '0000000';
    const rows = [
      { key: 'R1', digits: '220000022' },
      { key: 'R2', digits: zero },
      { key: 'R3_1', digits: '220000022' },
      { key: 'R3_7', digits: '220000022' },
      { key: 'R4', digits: zero },
    ];
    const out = recoverTable3(rows);
    assert.deepEqual(
      out.map((r) => [r.key, r.candidates, r.values]),
      [
        ['R1', 2, null],
        ['R2', 1, [0, 0, 0, 0, 0, 0, 0]],
        ['R3_1', 2, null],
        ['R3_7', 2, null],
        ['R4', 1, [0, 0, 0, 0, 0, 0, 0]],
      ],
    );
  });

  it('resolves an ambiguous row when one column constraint singles it out', () => {
    const zero = '0000000';
    const out = recoverTable3([
      { key: 'R1', digits: '22 0 0 0 0 0 22' },
      { key: 'R2', digits: zero },
      { key: 'R3_1', digits: '220000022' },
      { key: 'R3_7', digits: '22 0 0 0 0 0 22' },
      { key: 'R4', digits: zero },
    ]);
    assert.deepEqual(out[2], {
      key: 'R3_1',
      values: [22, 0, 0, 0, 0, 0, 22],
      candidates: 2,
      source: 'columns',
    });
  });

  it('leaves ambiguous rows null when the report contradicts itself', () => {
    const zero = '0000000';
    const out = recoverTable3([
      { key: 'R1', digits: '5 0 0 0 0 0 5' },
      { key: 'R2', digits: zero },
      { key: 'R3_1', digits: '220000022' },
      { key: 'R3_7', digits: '5 0 0 0 0 0 5' },
      { key: 'R4', digits: zero },
    ]);
    assert.equal(out[2]!.values, null);
    assert.equal(out[2]!.candidates, 2);
  });

  it('drops a constraint whose rows cannot be read, and uses the others', () => {
    const zero = '0000000';
    // R3_1 has no T3-02 reading, so T3-03 cannot be used; T3-01 alone fixes R1 from R3_7.
    const out = recoverTable3([
      { key: 'R1', digits: '220000022' },
      { key: 'R2', digits: zero },
      { key: 'R3_1', digits: '1234' },
      { key: 'R3_7', digits: '22 0 0 0 0 0 22' },
      { key: 'R4', digits: zero },
    ]);
    assert.deepEqual(out[0]!.values, [22, 0, 0, 0, 0, 0, 22]);
    assert.equal(out[0]!.source, 'columns');
    assert.deepEqual([out[2]!.values, out[2]!.candidates], [null, 0]);
    // Without R3_7 no constraint is left, so nothing is resolved.
    const without = recoverTable3([
      { key: 'R1', digits: '220000022' },
      { key: 'R2', digits: zero },
      { key: 'R4', digits: zero },
    ]);
    assert.equal(without[0]!.values, null);
  });
});

// Real rows from /work/shared/reports/pingtan/ (平潭综合实验区, crawler text dump). The digit strings are
// copied from the files, with the row labels removed; the expected values were worked out by hand and
// checked against the figures the reports state in their text.

/** Table 三 of pingtan-2021.txt (2021 format), row by row. */
const PINGTAN_2021_T3 = [
  { key: 'R1', digits: '640020470' },
  { key: 'R2', digits: '0000000' },
  { key: 'R3_1', digits: '270020130' },
  { key: 'R3_2', digits: '500000 5' },
  { key: 'R3_3_1', digits: '0000000' },
  { key: 'R3_3_2', digits: '0000000' },
  { key: 'R3_3_3', digits: '0000000' },
  { key: 'R3_3_4', digits: '0000000' },
  { key: 'R3_3_5', digits: '1000001' },
  { key: 'R3_3_6', digits: '0000000' },
  { key: 'R3_3_7', digits: '6000006' },
  { key: 'R3_3_8', digits: '1000001' },
  // Source text "2200003252.没有现成信息…": the final 2 is the next row's item number.
  { key: 'R3_4_1', digits: '220000325' },
  { key: 'R3_4_2', digits: '0000000' },
  { key: 'R3_4_3', digits: '0000000' },
  { key: 'R3_5_1', digits: '0000000' },
  { key: 'R3_5_2', digits: '0000000' },
  { key: 'R3_5_3', digits: '0000000' },
  { key: 'R3_5_4', digits: '0000000' },
  { key: 'R3_5_5', digits: '0000000' },
  { key: 'R3_6_1', digits: '0000000' },
  { key: 'R3_6_2', digits: '0000000' },
  { key: 'R3_6_3', digits: '1000001' },
  { key: 'R3_7', digits: '630020469' },
  { key: 'R4', digits: '1000001' },
];

/** Table 三 of pingtan-2019.txt (2019 format: （六）其他处理 is one row, stored as R3_6_3). */
const PINGTAN_2019_T3 = [
  { key: 'R1', digits: '230 000023' },
  { key: 'R2', digits: '0000000' },
  { key: 'R3_1', digits: '7000007' },
  { key: 'R3_2', digits: '1000001' },
  ...['R3_3_1', 'R3_3_2', 'R3_3_3', 'R3_3_4', 'R3_3_5', 'R3_3_6', 'R3_3_7', 'R3_3_8'].map((key) => ({
    key,
    digits: '0000000',
  })),
  { key: 'R3_4_1', digits: '7000007' },
  { key: 'R3_4_2', digits: '0000000' },
  { key: 'R3_4_3', digits: '5000005' },
  { key: 'R3_5_1', digits: '0000000' },
  { key: 'R3_5_2', digits: '3000003' },
  { key: 'R3_5_3', digits: '0000000' },
  { key: 'R3_5_4', digits: '0000000' },
  { key: 'R3_5_5', digits: '0000000' },
  { key: 'R3_6_3', digits: '0 0 0 0 0 00' },
  { key: 'R3_7', digits: '23 0 00 0 023' },
  { key: 'R4', digits: '0 0 00 00 0' },
];

/** Table 三 of pingtan-2023.txt. */
const PINGTAN_2023_T3 = [
  { key: 'R1', digits: '801000081' },
  { key: 'R2', digits: '0000000' },
  { key: 'R3_1', digits: '220000022' },
  { key: 'R3_2', digits: '191000020' },
  { key: 'R3_3_1', digits: '0000000' },
  { key: 'R3_3_2', digits: '0000000' },
  { key: 'R3_3_3', digits: '0000000' },
  { key: 'R3_3_4', digits: '1000001' },
  { key: 'R3_3_5', digits: '0000000' },
  { key: 'R3_3_6', digits: '1000001' },
  { key: 'R3_3_7', digits: '1000001' },
  { key: 'R3_3_8', digits: '2000002' },
  { key: 'R3_4_1', digits: '310000031' },
  { key: 'R3_4_2', digits: '0000000' },
  { key: 'R3_4_3', digits: '0000000' },
  { key: 'R3_5_1', digits: '0000000' },
  { key: 'R3_5_2', digits: '1000001' },
  { key: 'R3_5_3', digits: '0000000' },
  { key: 'R3_5_4', digits: '0000000' },
  { key: 'R3_5_5', digits: '0000000' },
  { key: 'R3_6_1', digits: '1000001' },
  { key: 'R3_6_2', digits: '0000000' },
  { key: 'R3_6_3', digits: '1000001' },
  { key: 'R3_7', digits: '801000081' },
  { key: 'R4', digits: '0000000' },
];

const valuesOf = (rows: { key: string; values: number[] | null }[]): Record<string, number[] | null> =>
  Object.fromEntries(rows.map((r) => [r.key, r.values]));

describe('pingtan rows (real data)', () => {
  it('reads a row with a unique split: 2021 R1 "640020470" = 64/0/0/2/0/4/70', () => {
    // Text: "本年度全区共收到70件申请".
    assert.deepEqual(splitRunTogether('640020470', 7, { sumOfFirst: true }), [[64, 0, 0, 2, 0, 4, 70]]);
    // Without the sum there are many readings.
    assert.ok(splitRunTogether('640020470', 7).length > 1);
  });

  it('reads a row with a surviving space: 2019 R1 "230 000023" = 23/0/0/0/0/0/23', () => {
    assert.deepEqual(splitRunTogether('230 000023', 7, { sumOfFirst: true }), [[23, 0, 0, 0, 0, 0, 23]]);
  });

  it('reads 2022 R1 "713000074": 71 natural persons, 3 businesses (text: 自然人72件、商业企业3件 incl. 1 carried over)', () => {
    assert.deepEqual(splitRunTogether('713000074', 7, { sumOfFirst: true }), [[71, 3, 0, 0, 0, 0, 74]]);
    // 2022 R3_7 "723000075": text "全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件".
    assert.deepEqual(splitRunTogether('723000075', 7, { sumOfFirst: true }), [[72, 3, 0, 0, 0, 0, 75]]);
  });

  it('does not read a row with several splits on its own: 2021 R3_1 "270020130"', () => {
    assert.deepEqual(sorted(splitRunTogether('270020130', 7, { sumOfFirst: true })), [
      [2, 7, 0, 0, 20, 1, 30],
      [27, 0, 0, 2, 0, 1, 30],
    ]);
    const alone = recoverTable3([{ key: 'R3_1', digits: '270020130' }]);
    assert.deepEqual(alone, [{ key: 'R3_1', values: null, candidates: 2, source: null }]);
  });

  it('does not read a table 二 row with several splits: 2022 "行政规范性文件8855698"', () => {
    // The text confirms 88 issued and 698 in force ("现行有效行政规范性文件698件…制发的规范性文件88件"),
    // but the digits alone allow many readings, so the row is unreadable.
    const splits = splitRunTogether('8855698', 3);
    assert.ok(splits.length > 1);
    assert.ok(splits.some((s) => JSON.stringify(s) === '[88,55,698]'));
  });

  it('does not read a 2019-format table 二 row with a negative change: 2020 行政处罚 "2648-18538"', () => {
    const splits = splitRunTogether('2648-18538', 3, { allowNegative: true });
    assert.ok(splits.length > 1);
    assert.ok(splits.some((s) => JSON.stringify(s) === '[2648,-18,538]'));
    assert.deepEqual(splitRunTogether('2648-18538', 3), []);
  });

  it('resolves the whole 2021 table 三 through the column constraints', () => {
    const out = recoverTable3(PINGTAN_2021_T3);
    const ambiguous = out.filter((r) => r.candidates !== 1).map((r) => [r.key, r.candidates, r.source]);
    assert.deepEqual(ambiguous, [
      ['R3_1', 2, 'columns'],
      ['R3_4_1', 2, 'columns'],
    ]);
    const v = valuesOf(out);
    assert.ok(out.every((r) => r.values !== null));
    assert.deepEqual(v.R1, [64, 0, 0, 2, 0, 4, 70]);
    assert.deepEqual(v.R3_1, [27, 0, 0, 2, 0, 1, 30]);
    assert.deepEqual(v.R3_2, [5, 0, 0, 0, 0, 0, 5]);
    assert.deepEqual(v.R3_4_1, [22, 0, 0, 0, 0, 3, 25]);
    assert.deepEqual(v.R3_7, [63, 0, 0, 2, 0, 4, 69]);
    assert.deepEqual(v.R4, [1, 0, 0, 0, 0, 0, 1]);
    // Text: "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理".
    assert.equal(v.R1![6]! + v.R2![6]!, 70);
    assert.equal(v.R3_7![6], 69);
    assert.equal(v.R4![6], 1);
  });

  it('resolves the whole 2023 table 三 and matches the text', () => {
    const out = recoverTable3(PINGTAN_2023_T3);
    assert.ok(out.every((r) => r.values !== null));
    assert.deepEqual(
      out.filter((r) => r.source === 'columns').map((r) => r.key),
      ['R3_1', 'R3_2'],
    );
    const v = valuesOf(out);
    assert.deepEqual(v.R3_1, [22, 0, 0, 0, 0, 0, 22]);
    assert.deepEqual(v.R3_2, [19, 1, 0, 0, 0, 0, 20]);
    // Text: "共计81件，涉及自然人80件、商业企业1件 … 予以公开及部分公开42件 … 不予公开5件 … 无法提供31件".
    assert.deepEqual(v.R1, [80, 1, 0, 0, 0, 0, 81]);
    assert.equal(v.R3_1![6]! + v.R3_2![6]!, 42);
    const t = (k: string) => v[k]![6]!;
    const withheld = out.filter((r) => r.key.startsWith('R3_3_')).reduce((a, r) => a + r.values![6]!, 0);
    assert.equal(withheld, 5);
    assert.equal(t('R3_4_1'), 31);
  });

  it('reads every row of the 2019-format table 三 of 2019 on its own', () => {
    const out = recoverTable3(PINGTAN_2019_T3);
    assert.ok(out.every((r) => r.candidates === 1 && r.source === 'row'));
    const v = valuesOf(out);
    assert.deepEqual(v.R3_6_3, [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(v.R3_7, [23, 0, 0, 0, 0, 0, 23]);
    assert.deepEqual(v.R4, [0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('recoverTable4', () => {
  it('reads a spaced row: pingtan 2022 (text: 行政诉讼案件1件、行政复议案件2件)', () => {
    assert.deepEqual(
      recoverTable4('0 1 1 0 2 1 0 0 0 1 0 0 0 0 0'),
      [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    );
  });

  it('reads a run-together row: pingtan 2023 (text: 行政复议案件2件、行政诉讼案件7件)', () => {
    const v = recoverTable4('110024001510102');
    assert.deepEqual(v, [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]);
    assert.equal(v![4], 2);
    assert.equal(v![9]! + v![14]!, 7);
  });

  it('reads pingtan 2025 (text: 行政复议36起，行政诉讼9起)', () => {
    const v = recoverTable4('25380363300630003');
    assert.deepEqual(v, [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]);
    // Without the group sums the same digits have many readings.
    assert.ok(splitRunTogether('25380363300630003', 15).length > 1);
  });

  it('reads all-zero rows and returns null when nothing or more than one split fits (hand-written)', () => {
    assert.deepEqual(recoverTable4('000000000000000'), new Array(15).fill(0));
    assert.equal(recoverTable4('100000000000000'), null);
    // 1/0/0/0/1 then 1/10/0/0/11 or 11/0/0/0/11 ... built so the second group has two readings.
    assert.equal(recoverTable4('10001 110001100000'), null);
    assert.equal(recoverTable4('abc'), null);
  });
});
