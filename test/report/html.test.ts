/**
 * Tests of the HTML front end. Unless a test says otherwise, the HTML snippets are hand-written
 * for the test; test/fixtures/shanghai-2019.html is a real published report and
 * test/fixtures/word-gbk.html a hand-written Word-style page in GBK (see test/fixtures/README.md).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { htmlToIr } from '../../src/report/parse/html.ts';
import type { IrDocument, IrParagraph, IrTable } from '../../src/report/parse/ir.ts';
import { toGrid } from '../../src/report/parse/ir.ts';
import { SHANGHAI_2019_EXPECTED, SHANGHAI_2019_SECTIONS } from './shanghai-expected.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

const paragraphs = (doc: IrDocument): string[] =>
  doc.blocks.filter((b): b is IrParagraph => b.type === 'paragraph').map((b) => b.text);

const tables = (doc: IrDocument): IrTable[] => doc.blocks.filter((b): b is IrTable => b.type === 'table');

const gridTexts = (table: IrTable): string[][] => toGrid(table).map((row) => row.map((c) => c.text));

describe('htmlToIr: paragraphs', () => {
  it('splits block elements and <br> lines, collapses &nbsp; and whitespace, drops empty ones', () => {
    // hand-written snippet
    const doc = htmlToIr(
      `<h1>  年度&nbsp;&nbsp;报告 </h1>
       <div>前言文字<p>第一段</p>后记文字</div>
       <p>第一行<br>第二行<br/><br />第三行</p>
       <p>&nbsp;</p><p>   </p>
       <ul><li>甲</li><li>乙 <b>丙</b></li></ul>
       <p>A&nbsp; \t B</p>`,
    );
    assert.equal(doc.source, 'html');
    assert.deepEqual(paragraphs(doc), [
      '年度 报告',
      '前言文字',
      '第一段',
      '后记文字',
      '第一行',
      '第二行',
      '第三行',
      '甲',
      '乙 丙',
      'A B',
    ]);
    assert.deepEqual(
      doc.blocks.map((b) => b.pos.line),
      doc.blocks.map((_, i) => i + 1),
    );
  });

  it('ignores <head>, <script>, <style> and comments', () => {
    // hand-written snippet
    const doc = htmlToIr(
      `<html><head><title>标题不算正文</title><style>p { color: red }</style></head>
       <body><script>var x = "脚本";</script><!-- 注释 --><p>正文</p></body></html>`,
    );
    assert.deepEqual(paragraphs(doc), ['正文']);
    assert.deepEqual(doc.notes, []);
  });

  it('drops a source line wrap between Chinese characters but keeps it as a space elsewhere', () => {
    // hand-written snippet
    const doc = htmlToIr('<p>政府信息\r\n公开 and\nWord 文字\n2019年</p>');
    assert.deepEqual(paragraphs(doc), ['政府信息公开 and Word 文字 2019年']);
  });
});

describe('htmlToIr: tables', () => {
  it('keeps spans and expands them with toGrid', () => {
    // hand-written snippet
    const doc = htmlToIr(`
      <table>
        <tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr>
        <tr><td>1</td><td>2</td></tr>
        <tr><td>丙</td><td>3</td><td>&nbsp;</td></tr>
      </table>`);
    const [table] = tables(doc);
    assert.ok(table);
    assert.deepEqual(table.pos, { table: 1 });
    assert.deepEqual(
      table.rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan])),
      [
        [
          ['甲', 2, 1],
          ['乙', 1, 2],
        ],
        [
          ['1', 1, 1],
          ['2', 1, 1],
        ],
        [
          ['丙', 1, 1],
          ['3', 1, 1],
          ['', 1, 1],
        ],
      ],
    );
    assert.deepEqual(table.rows[1]![1]!.pos, { table: 1, row: 2, cell: 2 });
    assert.deepEqual(gridTexts(table), [
      ['甲', '乙', '乙'],
      ['甲', '1', '2'],
      ['丙', '3', ''],
    ]);
    const grid = toGrid(table);
    assert.equal(grid[0]![2]!.origin, false);
    assert.equal(grid[1]![0]!.origin, false);
  });

  it('tolerates junk span values and cuts row spans at the end of the table', () => {
    // hand-written snippet
    const doc = htmlToIr(`
      <table>
        <tr><td rowspan="abc">a</td><td colspan="-3">b</td><td colspan="2px">c</td><td rowspan="99">d</td></tr>
        <tr><td colspan="0">e</td><td>f</td><td rowspan="0">g</td></tr>
      </table>`);
    const [table] = tables(doc);
    assert.ok(table);
    assert.deepEqual(
      table.rows.map((r) => r.map((c) => [c.rowSpan, c.colSpan])),
      [
        [
          [1, 1],
          [1, 1],
          [1, 2],
          [2, 1],
        ],
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
      ],
    );
    assert.deepEqual(gridTexts(table), [
      ['a', 'b', 'c', 'c', 'd'],
      ['e', 'f', 'g', '', 'd'],
    ]);
  });

  it('does not repeat table text as paragraphs, and numbers tables in order', () => {
    // hand-written snippet
    const doc = htmlToIr(`
      <p>表前</p>
      <table><thead><tr><th>项目</th><th>数量</th></tr></thead>
        <tbody><tr><td><p>规章</p></td><td><div>13</div></td></tr></tbody></table>
      <p>表间</p>
      <table><tr><td>单独</td><td>表格</td></tr></table>
      <p>表后</p>`);
    assert.deepEqual(paragraphs(doc), ['表前', '表间', '表后']);
    assert.deepEqual(
      doc.blocks.map((b) => b.type),
      ['paragraph', 'table', 'paragraph', 'table', 'paragraph'],
    );
    const [t1, t2] = tables(doc);
    assert.deepEqual(gridTexts(t1!), [
      ['项目', '数量'],
      ['规章', '13'],
    ]);
    assert.deepEqual(t2!.pos, { table: 2 });
    assert.deepEqual(t2!.rows[0]![1]!.pos, { table: 2, row: 1, cell: 2 });
  });

  it('reads nested Word markup in cells: inner blocks joined, <o:p> and conditional comments ignored', () => {
    // hand-written snippet in the style of a Word "save as web page" export
    const doc = htmlToIr(`
      <table class=MsoTableGrid border=1 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
       <tr style='mso-yfti-irow:0'>
        <td width=120 style='width:90pt;mso-border-alt:solid windowtext .5pt'>
        <p class=MsoNormal align=center><span style='font-family:仿宋;mso-bidi-font-family:宋体'>本年新<br>
        制作数量<span lang=EN-US><o:p></o:p></span></span></p>
        </td>
        <td><p class=MsoNormal><![if !supportLists]><span lang=EN-US>1.</span><![endif]><span
        lang=EN-US>Total</span></p><p class=MsoNormal><span lang=EN-US>12<o:p></o:p></span></p></td>
        <td><!--[if gte mso 9]><xml><w:hidden>隐藏</w:hidden></xml><![endif]--><p class=MsoNormal><span
        lang=EN-US><o:p>&nbsp;</o:p></span></p></td>
       </tr>
      </table>`);
    const [table] = tables(doc);
    assert.ok(table);
    assert.deepEqual(gridTexts(table), [['本年新制作数量', '1.Total 12', '']]);
    assert.deepEqual(paragraphs(doc), []);
  });

  it('flattens a nested table into its cell, with a note', () => {
    // hand-written snippet
    const doc = htmlToIr(`
      <table><tr><td>外</td><td>前<table><tr><td>内1</td><td>内2</td></tr></table>后</td></tr></table>`);
    const ts = tables(doc);
    assert.equal(ts.length, 1);
    assert.deepEqual(gridTexts(ts[0]!), [['外', '前 内1 内2 后']]);
    assert.equal(doc.notes.length, 1);
    assert.match(doc.notes[0]!, /嵌套/);
  });

  it('reads a one-column layout table wrapping the content as ordinary flow', () => {
    // hand-written snippet: portal pages often wrap the article in a layout table
    const doc = htmlToIr(`
      <table width="100%"><tr><td>
        <p>一、总体情况</p><p>正文</p>
        <table><tr><td>1</td><td>2</td></tr></table>
      </td></tr></table>`);
    assert.deepEqual(paragraphs(doc), ['一、总体情况', '正文']);
    const ts = tables(doc);
    assert.equal(ts.length, 1);
    assert.deepEqual(gridTexts(ts[0]!), [['1', '2']]);
    assert.deepEqual(ts[0]!.pos, { table: 1 });
    assert.match(doc.notes.join(''), /排版/);
  });
});

describe('htmlToIr: encodings', () => {
  it('decodes a GBK Word export declared as gb2312 (fixture made with iconv)', () => {
    const bytes = fixture('word-gbk.html');
    // 中文 in GBK, as written by iconv: D6 D0 CE C4
    assert.ok(bytes.includes(Buffer.from([0xd6, 0xd0, 0xce, 0xc4])));
    const doc = htmlToIr(bytes);
    assert.deepEqual(doc.notes, []);
    assert.deepEqual(paragraphs(doc), [
      '中文测试年度报告',
      '一、总体情况',
      '本机关全年共收到政府信息公开申请12件，较上年增长20%。报告正文在这里被 Word 按行折断，折断处不应出现空格。',
      '1. 列表项目',
      '六、其他需要报告的事项',
    ]);
    const [table] = tables(doc);
    assert.ok(table);
    assert.deepEqual(gridTexts(table), [
      ['信息内容', '本年新制作数量', '本年新制作数量'],
      ['信息内容', '13', ''],
    ]);
  });

  it('falls back to GBK for undeclared bytes that are not UTF-8, with a note', () => {
    const declared = fixture('word-gbk.html').toString('latin1');
    const undeclared = Buffer.from(declared.replace(/<meta http-equiv=Content-Type[^>]*>/, ''), 'latin1');
    const doc = htmlToIr(undeclared);
    assert.equal(paragraphs(doc)[0], '中文测试年度报告');
    assert.equal(doc.notes.length, 1);
    assert.match(doc.notes[0]!, /GBK/);

    // hand-made bytes: <p>中文</p> with 中文 = D6 D0 CE C4 in GBK
    const tiny = Buffer.concat([
      Buffer.from('<p>'),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from('</p>'),
    ]);
    const tinyDoc = htmlToIr(tiny);
    assert.deepEqual(paragraphs(tinyDoc), ['中文']);
    assert.equal(tinyDoc.notes.length, 1);
  });

  it('honours <meta charset> and a UTF-8 BOM', () => {
    const gbk = Buffer.concat([
      Buffer.from('<meta charset="GBK"><p>'),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from('</p>'),
    ]);
    assert.deepEqual(paragraphs(htmlToIr(gbk)), ['中文']);
    assert.deepEqual(htmlToIr(gbk).notes, []);

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>中文</p>', 'utf8')]);
    assert.deepEqual(paragraphs(htmlToIr(bom)), ['中文']);
    assert.deepEqual(htmlToIr(bom).notes, []);
  });

  it('reads UTF-8 without a declaration, and UTF-8 that still carries an old gb2312 declaration', () => {
    assert.deepEqual(paragraphs(htmlToIr(Buffer.from('<p>中文</p>', 'utf8'))), ['中文']);
    const mislabeled = htmlToIr(
      Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>中文</p>', 'utf8'),
    );
    assert.deepEqual(paragraphs(mislabeled), ['中文']);
    assert.match(mislabeled.notes.join(''), /UTF-8/);
  });
});

describe('htmlToIr: Shanghai 2019 (real published report)', () => {
  const doc = htmlToIr(fixture('shanghai-2019.html'));

  it('finds the title, the six headings and three tables', () => {
    const ps = paragraphs(doc);
    assert.equal(ps[0], SHANGHAI_2019_SECTIONS.title);
    for (const heading of SHANGHAI_2019_SECTIONS.headings) assert.ok(ps.includes(heading), heading);
    assert.equal(tables(doc).length, 3);
    assert.deepEqual(doc.notes, []);
  });

  it('keeps the blank cells of table 三 (row 本年新收)', () => {
    const table3 = tables(doc)[1]!;
    const row = gridTexts(table3).find((r) => r.some((text) => text.includes('本年新收')));
    assert.ok(row, 'no row with 本年新收');
    assert.deepEqual(row.slice(-7), [...SHANGHAI_2019_EXPECTED.table3.R1]);
  });

  it('keeps all 126 blank number cells of table 三 and the table 四 data row', () => {
    const grid = gridTexts(tables(doc)[1]!);
    // rows 4.. are the 23 data rows; the last 7 columns hold the numbers
    const numbers = grid.slice(3).map((r) => r.slice(-7));
    assert.equal(numbers.length, 23);
    assert.deepEqual(numbers, Object.values(SHANGHAI_2019_EXPECTED.table3));
    assert.equal(numbers.flat().filter((t) => t === '').length, 126);

    const table4 = gridTexts(tables(doc)[2]!);
    assert.deepEqual(table4.at(-1), [...SHANGHAI_2019_EXPECTED.table4]);
  });
});
