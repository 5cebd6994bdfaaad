/**
 * Parser tests on real reports (test/fixtures, see README there) and hand-written variants.
 * Expected values are written by hand from the source documents, not produced by the parser.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FORMAT_2021 } from '../../src/report/formats/index.ts';
import type { Report } from '../../src/report/model.ts';
import { parseReport, ReportReadError } from '../../src/report/parse/index.ts';
import { renderText } from '../../src/report/render/txt.ts';
import { SHANGHAI_2019_EXPECTED, SHANGHAI_2019_SECTIONS } from './shanghai-expected.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const parse = (name: string) => parseReport(fixture(name), { filename: name });

const t3raw = (r: Report, key: string) => Object.values(r.table3.rows[key]!.cells).map((c) => c.raw);
const errors = (r: Report) => r.diagnostics.filter((d) => d.severity === 'error');

describe('seed report (text, 2021 format, tab-separated)', () => {
  const r = parse('seed-2022.txt');

  it('recognises format, year, agency and title', () => {
    assert.equal(r.format, '2021');
    assert.equal(r.year, 2022);
    assert.equal(r.agency, '科学技术和工业信息化局');
    assert.equal(r.title, '科学技术和工业信息化局2022年政府信息公开工作年度报告');
    assert.deepEqual(errors(r), []);
  });

  it('finds the six sections with their paragraphs', () => {
    assert.deepEqual(
      r.sections.map((s) => s.heading),
      [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ],
    );
    // read by hand: section 一 has 11 paragraphs ((一)…(五) headings and their text plus the intro)
    assert.equal(r.sections[0]!.paragraphs.length, 11);
    assert.equal(r.sections[0]!.paragraphs[1], '(一) 主动公开');
    assert.match(
      r.sections[5]!.paragraphs[0]!,
      /^依申请公开收费标准按照.*2022年度未收取信息公开信息处理费用。$/,
    );
  });

  it('reads every cell of tables 二, 三 and 四 (all "0" in the source, read by hand)', () => {
    const t2 = r.table2.blocks;
    assert.deepEqual(
      Object.values(t2.a20_1!.rows.regulations!.cells).map((c) => c.raw),
      ['0', '0', '0'],
    );
    assert.deepEqual(
      Object.values(t2.a20_1!.rows.normativeDocs!.cells).map((c) => c.raw),
      ['0', '0', '0'],
    );
    for (const [b, row] of [
      ['a20_5', 'licensing'],
      ['a20_6', 'penalty'],
      ['a20_6', 'coercion'],
      ['a20_8', 'fees'],
    ] as const) {
      const cells = Object.values(t2[b]!.rows[row]!.cells);
      assert.deepEqual(
        cells.map((c) => [c.raw, c.kind]),
        [['0', 'number']],
        `${b}.${row}`,
      );
    }
    assert.equal(t2.a20_8!.rows.fees!.cells.amount!.decimal, '0');
    assert.equal(t2.a20_8!.columnLabels.amount, '本年收费金额（单位：万元，保留4位小数）');
    assert.equal(Object.keys(r.table3.rows).length, 25);
    for (const def of FORMAT_2021.table3.rows) {
      assert.deepEqual(t3raw(r, def.key), ['0', '0', '0', '0', '0', '0', '0'], def.key);
    }
    // the eighth number of （七）总计 and 四 (copy artifact) is kept, not read as a column
    assert.deepEqual(
      r.table3.rows.R3_7!.extra?.map((c) => c.raw),
      ['0'],
    );
    assert.deepEqual(
      r.table3.rows.R4!.extra?.map((c) => c.raw),
      ['0'],
    );
    assert.equal(r.table3.rows.R3_3_2!.label, '2.其他法律法规禁止公开');
    assert.deepEqual(
      Object.values(r.table4.row!.cells).map((c) => c.raw),
      Array(15).fill('0'),
    );
  });

  it('renders back to text: tables byte for byte, sections verbatim', () => {
    const seed = fixture('seed-2022.txt').toString('utf8');
    const out = renderText(r);
    const tables = (s: string) =>
      s.slice(s.indexOf('二、主动公开政府信息情况'), s.indexOf('五、存在的主要问题'));
    assert.equal(tables(out), tables(seed));
    // the whole file, apart from the two blank lines the web copy starts with and its last blank line
    assert.equal(out, seed.replace(/^\n+/, '').replace(/\n+$/, '\n'));
  });
});

describe('Shanghai 2019 (HTML, 2019 format, many blank cells)', () => {
  const r = parse('shanghai-2019.html');
  const E = SHANGHAI_2019_EXPECTED;

  it('recognises format, year, agency, sections', () => {
    assert.equal(r.format, E.format);
    assert.equal(r.year, E.year);
    assert.equal(r.agency, E.agency);
    assert.deepEqual(
      r.sections.map((s) => s.heading),
      [...SHANGHAI_2019_SECTIONS.headings],
    );
    assert.deepEqual(errors(r), []);
  });

  it('every cell of table 二 equals the hand-read value', () => {
    for (const [bk, rows] of Object.entries(E.table2)) {
      for (const [rk, cells] of Object.entries(rows)) {
        const got = r.table2.blocks[bk]!.rows[rk]!.cells;
        for (const [ck, raw] of Object.entries(cells)) assert.equal(got[ck]?.raw, raw, `${bk}.${rk}.${ck}`);
      }
    }
    assert.equal(r.table2.blocks.a20_9!.rows.procurement!.cells.amount!.kind, 'text');
  });

  it('every cell of table 三 equals the hand-read value; blanks stay blank', () => {
    assert.deepEqual(Object.keys(r.table3.rows).sort(), Object.keys(E.table3).sort());
    let blanks = 0;
    for (const [key, cells] of Object.entries(E.table3)) {
      assert.deepEqual(t3raw(r, key), [...cells], key);
      for (const c of Object.values(r.table3.rows[key]!.cells)) {
        if (c.raw === '') {
          blanks++;
          assert.equal(c.kind, 'empty');
          assert.equal(c.value, null);
        }
      }
    }
    assert.equal(blanks, 126);
  });

  it('every cell of table 四 equals the hand-read value', () => {
    assert.deepEqual(
      Object.values(r.table4.row!.cells).map((c) => c.raw),
      [...E.table4],
    );
  });
});

describe('平潭 dumps (cells run together into digit strings)', () => {
  for (const year of [2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
    it(`${year}: says which table 二 rows are unreadable and never prints a wrong number`, () => {
      const r = parse(`pingtan/pingtan-${year}.txt`);
      assert.equal(r.year, year);
      assert.equal(r.format, year < 2021 ? '2019' : '2021');
      assert.equal(r.sections.length, 6);
      assert.equal(r.table2.status, 'partial');
      const d = r.diagnostics.find((x) => x.code === 'T2_UNREADABLE');
      assert.ok(d, 'diagnostic T2_UNREADABLE');
      assert.match(d.message, /规范性文件/);
      // a row is either read, recovered, or unreadable with blank cells — never guessed
      for (const [key, row] of Object.entries(r.table3.rows)) {
        if (row.unreadable !== undefined) {
          assert.ok(
            Object.values(row.cells).every((c) => c.kind === 'empty'),
            key,
          );
          continue;
        }
        const v = Object.values(row.cells).map((c) => c.value!);
        assert.equal(
          v[6],
          v.slice(0, 6).reduce((a, b) => a + b, 0),
          `${year} ${key} row sum`,
        );
      }
    });
  }

  it('2022: table 三 recovered to the figures the report states in its text', () => {
    const r = parse('pingtan/pingtan-2022.txt');
    assert.equal(r.table3.status, 'recovered');
    // text: "全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件" (new 74 + carried over 1)
    assert.deepEqual(t3raw(r, 'R1'), ['71', '3', '0', '0', '0', '0', '74']);
    assert.deepEqual(t3raw(r, 'R2'), ['1', '0', '0', '0', '0', '0', '1']);
    assert.deepEqual(t3raw(r, 'R3_7'), ['72', '3', '0', '0', '0', '0', '75']);
    // table 四 is printed with spaces there: read directly
    assert.equal(r.table4.status, 'ok');
    // text: "共有行政诉讼案件1件、行政复议案件2件"
    assert.equal(r.table4.row!.cells['review.total']!.value, 2);
    assert.equal(r.table4.row!.cells['direct.total']!.value, 1);
    // table 二 (八) is one number and can be read: 9116.36 万元, an exact decimal
    assert.equal(r.table2.blocks.a20_8!.rows.fees!.cells.amount!.decimal, '9116.36');
    assert.equal(r.table2.blocks.a20_1!.rows.normativeDocs!.unreadable, '8855698');
    assert.equal(r.table2.blocks.a20_1!.rows.normativeDocs!.cells.issued!.kind, 'empty');
  });

  it('2025: the text states 154 received, 148 closed, 6 carried over', () => {
    const r = parse('pingtan/pingtan-2025.txt');
    assert.equal(r.table3.rows.R1!.cells.c7!.value, 154);
    assert.equal(r.table3.rows.R3_7!.cells.c7!.value, 148);
    assert.equal(r.table3.rows.R4!.cells.c7!.value, 6);
  });
});

describe('label and layout variants (hand-written)', () => {
  const seed = fixture('seed-2022.txt').toString('utf8');

  it('tolerates （一）/(一)/1、, full-/half-width punctuation and the misprint 其他法律行政止公开', () => {
    const text = seed
      .replace('(一) 予以公开', '（一）予以公开')
      .replace('1.属于国家秘密\t\t0\t0\t0\t0\t0\t0\t0', '1、属于国家秘密\t\t3\t0\t0\t0\t0\t0\t3')
      .replace('2.其他法律法规禁止公开', '2.其他法律行政止公开');
    const r = parseReport(text);
    assert.deepEqual(t3raw(r, 'R3_3_1'), ['3', '0', '0', '0', '0', '0', '3']);
    assert.equal(r.table3.rows.R3_3_2!.label, '2.其他法律行政止公开');
    assert.equal(r.table3.rows.R3_1!.label, '（一）予以公开');
  });

  it('reads space-aligned columns and table 四 flattened to one line of 15 numbers', () => {
    const text = [
      '某县统计局2023年政府信息公开工作年度报告',
      '一、总体情况',
      '本年度……',
      '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量    5    1    0    0    0    0    6',
      '二、上年结转政府信息公开申请数量    0    0    0    0    0    0    0',
      '四、政府信息公开行政复议、行政诉讼情况',
      '行政复议 行政诉讼',
      '1 0 0 0 1 0 0 0 0 0 0 0 0 0 0',
      '五、存在的主要问题及改进情况',
      '无。',
    ].join('\n');
    const r = parseReport(text);
    assert.equal(r.year, 2023);
    assert.equal(r.format, '2021');
    assert.deepEqual(t3raw(r, 'R1'), ['5', '1', '0', '0', '0', '0', '6']);
    assert.deepEqual(
      Object.values(r.table4.row!.cells).map((c) => c.value),
      [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    );
    // table 三 is incomplete: the parser says which rows are missing
    assert.equal(r.table3.status, 'partial');
    const d = r.diagnostics.find((x) => x.code === 'T3_ROWS_MISSING');
    assert.match(d!.message, /缺少23行：（一）予以公开/);
  });

  it('keeps "/" and blanks as they are (never 0)', () => {
    const r = parseReport(seed.replace('规章\t0\t0\t0', '规章\t/\t\t0'));
    const c = r.table2.blocks.a20_1!.rows.regulations!.cells;
    assert.deepEqual([c.issued!.kind, c.repealed!.kind, c.valid!.kind], ['na', 'empty', 'number']);
    assert.equal(c.issued!.value, null);
  });

  it('reads a GBK-encoded text file', () => {
    // "一、总体情况" in GBK, typed by hand from the GBK code table
    const heading = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6]);
    const r = parseReport(Buffer.concat([heading, Buffer.from('\n2022\n')]));
    assert.equal(r.sections[0]?.heading, '一、总体情况');
    assert.ok(r.diagnostics.some((d) => d.message.includes('GBK')));
  });

  it('a truncated table 三 is reported with the rows it lacks', () => {
    const cut = seed.slice(0, seed.indexOf('\t\t5.属于三类内部事务信息'));
    const r = parseReport(cut);
    assert.equal(r.table3.status, 'partial');
    assert.equal(r.table4.status, 'missing');
    const msgs = errors(r).map((d) => d.message);
    assert.ok(msgs.some((m) => m.includes('表三不完整') && m.includes('5.属于三类内部事务信息')));
    assert.ok(msgs.some((m) => m.includes('没有找到表四')));
  });
});

describe('unreadable input gets a clear Chinese message, never a stack trace', () => {
  const cases: [string, Buffer, string, RegExp][] = [
    ['empty file', Buffer.alloc(0), 'empty', /文件为空/],
    ['whitespace only', Buffer.from('  \n\n \t\n'), 'empty', /没有文字内容/],
    ['binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 9, 200]), 'binary', /二进制/],
    [
      'not an annual report',
      Buffer.from('关于做好2023年春节期间安全生产工作的通知\n各乡镇：现将有关事项通知如下。'),
      'not-a-report',
      /未识别为政府信息公开工作年度报告/,
    ],
  ];
  for (const [name, input, code, re] of cases) {
    it(name, () => {
      assert.throws(
        () => parseReport(input),
        (e: unknown) => e instanceof ReportReadError && e.code === code && re.test(e.message),
      );
    });
  }
});
