/**
 * DOCX renderer (src/report/render/docx.ts): GB/T 9704 page and fonts, page numbers, and tables
 * 二/三/四 with the national format's merged cells, read back with the DOCX front end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { emptyReport, setT2, setT3, setT3Row, setT4 } from '../../src/report/build.ts';
import type { FormatId } from '../../src/report/formats/index.ts';
import type { Report } from '../../src/report/model.ts';
import { docxToIr } from '../../src/report/parse/docx.ts';
import { parseReport } from '../../src/report/parse/index.ts';
import { type IrTable, toGrid } from '../../src/report/parse/ir.ts';
import { ZipReader } from '../../src/report/parse/zip.ts';
import { renderDocx } from '../../src/report/render/docx.ts';
import { titleLines } from '../../src/report/render/layout.ts';

function sample(format: FormatId): Report {
  const r = emptyReport(format, format === '2021' ? 2022 : 2019, '某市某区统计局');
  r.preamble = ['本报告中所列数据统计期限为1月1日至12月31日。'];
  r.sections[0]!.paragraphs = [
    '（一）主动公开',
    '全年主动公开政府信息125条，中华人民共和国政府信息公开条例。',
  ];
  setT3Row(r, 'R1', [10, 1, 0, 0, 1, 0, 12]);
  setT3Row(r, 'R3_1', [5, 1, '', '', 1, '', 7]);
  setT3(r, 'R2', 'c1', '/');
  setT4(r, [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, '', '', '', '', '']);
  if (format === '2021') {
    setT2(r, 'a20_1', 'regulations', 'issued', '/');
    setT2(r, 'a20_8', 'fees', 'amount', '12.3456');
  } else {
    setT2(r, 'a20_9', 'procurement', 'amount', '251000元');
  }
  return r;
}

async function rendered(r: Report) {
  const buf = await renderDocx(r);
  const zip = new ZipReader(buf);
  return { buf, zip, xml: zip.text('word/document.xml')!, ir: docxToIr(buf) };
}

const tables = (ir: ReturnType<typeof docxToIr>): IrTable[] =>
  ir.blocks.filter((b): b is IrTable => b.type === 'table');

/** The paragraph of document.xml whose text is exactly `text`. */
function paragraphXml(xml: string, text: string): string {
  const found = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/gs)]
    .map((m) => m[0])
    .filter((p) => p.includes(`>${text}</w:t>`));
  assert.ok(found.length > 0, `a paragraph with ${text}`);
  return found[0]!;
}

describe('renderDocx: page, fonts, page numbers (GB/T 9704)', () => {
  it('A4 with margins 37/35/28/26 mm, odd/even footers with “— PAGE —”', async () => {
    const { xml, zip } = await rendered(sample('2021'));
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    assert.match(zip.text('word/settings.xml')!, /<w:evenAndOddHeaders\/>/);
    const footers = [...zip.entries.keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k));
    assert.equal(footers.length, 2);
    const jcs = footers.map((f) => {
      const x = zip.text(f)!;
      assert.match(x, /— /);
      assert.match(x, /PAGE/);
      return /<w:jc w:val="(\w+)"/.exec(x)?.[1];
    });
    assert.deepEqual(jcs.sort(), ['left', 'right']);
  });

  it('title in 小标宋, headings in 黑体, body in 仿宋 (with fallbacks in the font table)', async () => {
    const { xml, zip } = await rendered(sample('2021'));
    const styles = zip.text('word/styles.xml')!;
    const style = (id: string) =>
      new RegExp(`<w:style[^>]*w:styleId="${id}"[^>]*>.*?</w:style>`, 's').exec(styles)?.[0] ?? '';
    assert.match(style('GkTitle'), /w:eastAsia="方正小标宋简体"/);
    assert.match(style('GkTitle'), /<w:sz w:val="44"\/>/);
    assert.match(style('GkHeading1'), /w:eastAsia="黑体"/);
    assert.match(style('GkHeading2'), /w:eastAsia="楷体_GB2312"/);
    assert.match(style('GkBody'), /w:eastAsia="仿宋_GB2312"/);
    assert.match(style('GkBody'), /<w:sz w:val="32"\/>/);
    assert.match(paragraphXml(xml, '一、总体情况'), /GkHeading1/);
    assert.match(paragraphXml(xml, '（一）主动公开'), /GkHeading2/);
    assert.match(paragraphXml(xml, '本报告中所列数据统计期限为1月1日至12月31日。'), /GkBody/);
    const fonts = zip.text('word/fontTable.xml')!;
    assert.match(
      fonts,
      /<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong[^"]*"\/>.*?<w:charset w:val="86"\/>/,
    );
    assert.match(fonts, /<w:font w:name="方正小标宋简体"><w:altName w:val="[^"]*黑体[^"]*"\/>/);
    assert.match(fonts, /<w:font w:name="楷体_GB2312"><w:altName w:val="楷体,KaiTi[^"]*"\/>/);
  });

  it('splits a long title where its meaning allows, and the reader joins it again', async () => {
    assert.deepEqual(titleLines('科学技术和工业信息化局2022年政府信息公开工作年度报告'), [
      '科学技术和工业信息化局2022年',
      '政府信息公开工作年度报告',
    ]);
    // the more balanced of the two points wins
    assert.deepEqual(titleLines('某某某某某某某某某某某某某某某某某2022年政府信息公开工作年度报告'), [
      '某某某某某某某某某某某某某某某某某',
      '2022年政府信息公开工作年度报告',
    ]);
    assert.deepEqual(titleLines('2019年上海市人民政府办公厅政府信息公开工作年度报告'), [
      '2019年上海市人民政府办公厅',
      '政府信息公开工作年度报告',
    ]);
    assert.deepEqual(titleLines('某局2022年政府信息公开工作年度报告'), [
      '某局2022年政府信息公开工作年度报告',
    ]);
    const r = sample('2021');
    r.title = '科学技术和工业信息化局2022年政府信息公开工作年度报告';
    const back = parseReport(await renderDocx(r), { filename: 'x.docx' });
    assert.equal(back.title, r.title);
    assert.equal(back.agency, '科学技术和工业信息化局');
  });
});

describe('renderDocx: text Word would refuse', () => {
  it('drops control characters, U+FFFE and lone surrogates (invalid in XML 1.0)', async () => {
    const r = sample('2021');
    r.sections[0]!.paragraphs = ['坏\u0000字\u000b符\u001f\ufffe\ud800尾，𠀀保留'];
    setT3(r, 'R1', 'c1', '1\u0008');
    const { xml, ir } = await rendered(r);
    const invalid = [...xml].filter((ch) => {
      const c = ch.codePointAt(0)!;
      return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff;
    });
    assert.deepEqual(invalid, []);
    const texts = ir.blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text);
    assert.ok(texts.includes('坏字 符\ufffd尾，𠀀保留'), texts.join('|'));
  });
});

describe('renderDocx: tables as the national format', () => {
  it('table 三 (2021): note cell 3×3, 申请人情况 over 7 columns, merged group labels, 3 repeated header rows', async () => {
    const { ir, xml } = await rendered(sample('2021'));
    const t3 = tables(ir)[1]!;
    const first = t3.rows[0]!;
    assert.deepEqual(
      first.map((c) => [c.text, c.rowSpan, c.colSpan]),
      [
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3],
        ['申请人情况', 1, 7],
      ],
    );
    assert.deepEqual(
      t3.rows[1]!.map((c) => [c.text, c.rowSpan, c.colSpan]),
      [
        ['自然人', 2, 1],
        ['法人或其他组织', 1, 5],
        ['总计', 2, 1],
      ],
    );
    const spans = new Map(t3.rows.flat().map((c) => [c.text, c.rowSpan]));
    assert.equal(spans.get('三、本年度办理结果'), 22);
    assert.equal(spans.get('（三）不予公开'), 8);
    assert.equal(spans.get('（四）无法提供'), 3);
    assert.equal(spans.get('（五）不予处理'), 5);
    assert.equal(spans.get('（六）其他处理'), 3);
    const grid = toGrid(t3);
    assert.equal(grid.length, 3 + 25);
    assert.ok(grid.every((row) => row.length === 10));
    // every row stays whole on a page; the 3 header rows repeat
    const tbl = xml.split('<w:tbl>')[2]!.split('</w:tbl>')[0]!;
    assert.equal((tbl.match(/<w:cantSplit\/>/g) ?? []).length, 28);
    assert.equal((tbl.match(/<w:tblHeader\/>/g) ?? []).length, 3);
  });

  it('table 三 (2019): 20 outcome rows and one （六）其他处理 row', async () => {
    const { ir } = await rendered(sample('2019'));
    const t3 = tables(ir)[1]!;
    const spans = new Map(t3.rows.flat().map((c) => [c.text, [c.rowSpan, c.colSpan]]));
    assert.deepEqual(spans.get('三、本年度办理结果'), [20, 1]);
    assert.deepEqual(spans.get('（六）其他处理'), [1, 2]);
  });

  it('table 二 block by block on a common grid; table 四 with its grouped header', async () => {
    const { ir } = await rendered(sample('2021'));
    const [t2, , t4] = tables(ir);
    assert.deepEqual(
      t2!.rows.slice(0, 4).map((r) => r.map((c) => `${c.text}${c.colSpan > 1 ? `×${c.colSpan}` : ''}`)),
      [
        ['第二十条第（一）项×4'],
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '/', '', ''],
        ['行政规范性文件', '', '', ''],
      ],
    );
    assert.deepEqual(
      t2!.rows.at(-1)!.map((c) => [c.text, c.colSpan]),
      [
        ['行政事业性收费', 1],
        ['12.3456', 3],
      ],
    );
    assert.deepEqual(
      t4!.rows.map((r) => r.length),
      [2, 7, 10, 15],
    );
    assert.deepEqual(
      t4!.rows[0]!.map((c) => [c.text, c.colSpan]),
      [
        ['行政复议', 5],
        ['行政诉讼', 10],
      ],
    );
    assert.deepEqual(
      t4!.rows[3]!.map((c) => c.text),
      ['1', '0', '0', '0', '1', '0', '1', '0', '0', '1', '', '', '', '', ''],
    );
    const { ir: ir2019 } = await rendered(sample('2019'));
    const t2019 = tables(ir2019)[0]!;
    assert.ok(toGrid(t2019).every((row) => row.length === 7));
    assert.ok(t2019.rows.flat().some((c) => c.text === '251000元'));
  });

  it('numbers right-aligned, "/" centred, blanks blank (never 0)', async () => {
    const { xml, ir } = await rendered(sample('2021'));
    assert.match(paragraphXml(xml, '12.3456'), /<w:jc w:val="right"\/>/);
    assert.match(paragraphXml(xml, '/'), /<w:jc w:val="center"\/>/);
    const r31 = tables(ir)[1]!.rows.find((r) => r.some((c) => c.text === '（一）予以公开'))!;
    assert.deepEqual(
      r31.slice(-7).map((c) => c.text),
      ['5', '1', '', '', '1', '', '7'],
    );
  });

  it('a missing or unreadable table is a notice; a pre-2019 report has no tables', async () => {
    const r = sample('2021');
    r.table3.status = 'unreadable';
    r.table4.status = 'missing';
    const { ir } = await rendered(r);
    assert.equal(tables(ir).length, 1);
    const text = ir.blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text);
    assert.ok(text.some((t) => t.startsWith('表三无法读取')));
    assert.ok(text.some((t) => t.startsWith('原文中未找到表四')));

    const old = emptyReport('2021', 2017, '某局');
    old.format = 'pre2019';
    old.sections[0]!.paragraphs = ['2017年工作情况。'];
    const back = docxToIr(await renderDocx(old));
    assert.equal(tables(back).length, 0);
  });
});

describe('gongkai report render --to docx|xlsx|pdf, and report check on a .docx', () => {
  const seed = new URL('../fixtures/seed-2022.txt', import.meta.url).pathname;
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const bytes: Uint8Array[] = [];
    return {
      out,
      err,
      bytes,
      io: {
        out: (s: string) => out.push(s),
        err: (s: string) => err.push(s),
        outBytes: (b: Uint8Array) => bytes.push(b),
      },
    };
  };

  it('writes a DOCX and an XLSX with -o; a DOCX report is checked like any other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-cli-'));
    try {
      const c = capture();
      const docx = join(dir, '年报.docx');
      assert.equal(await main(['report', 'render', seed, '--to', 'docx', '-o', docx], c.io), 0);
      assert.match(c.err.join('\n'), /已写入/);
      assert.equal(readFileSync(docx).subarray(0, 2).toString('latin1'), 'PK');
      const xlsx = join(dir, '年报.xlsx');
      assert.equal(await main(['report', 'render', seed, '--to', 'xlsx', '-o', xlsx], c.io), 0);
      assert.ok(new ZipReader(readFileSync(xlsx)).has('xl/workbook.xml'));
      const check = capture();
      const code = await main(['report', 'check', docx], check.io);
      assert.ok(code === 0 || code === 1, `exit ${code}`);
      assert.match(check.out.join('\n'), /格式：2021年格式.*报告年度：2022年.*机关：科学技术和工业信息化局/);
      assert.match(check.out.join('\n'), /表二已读取　表三已读取　表四已读取　章节6个/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes bytes to standard output when it is not a terminal; otherwise asks for -o', async () => {
    const c = capture();
    assert.equal(await main(['report', 'render', seed, '--to', 'docx'], c.io), 0);
    assert.equal(Buffer.concat(c.bytes).subarray(0, 2).toString('latin1'), 'PK');
    const tty = capture();
    assert.equal(await main(['report', 'render', seed, '--to', 'xlsx'], { ...tty.io, stdoutIsTty: true }), 2);
    assert.match(tty.err.join('\n'), /XLSX是二进制文件，请用 -o 指定输出文件/);
    const bad = capture();
    assert.equal(await main(['report', 'render', seed, '--to', 'odt'], bad.io), 2);
    assert.match(bad.err.join('\n'), /--to 只能是 txt、html、json、docx、xlsx 或 pdf/);
    const noBytes = capture();
    assert.equal(
      await main(['report', 'render', seed, '--to', 'pdf'], { out: noBytes.io.out, err: noBytes.io.err }),
      2,
    );
  });

  it('an unreadable .docx input exits 2 with the Chinese reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-cli-'));
    try {
      const bad = join(dir, '坏.docx');
      writeFileSync(bad, Buffer.from('PK\u0003\u0004 truncated'));
      const c = capture();
      assert.equal(await main(['report', 'check', bad], c.io), 2);
      assert.match(c.out.join('\n'), /无法读取：DOCX文件已损坏/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
