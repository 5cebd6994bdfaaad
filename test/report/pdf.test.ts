/**
 * Tests of the PDF front end (src/report/parse/pdf.ts).
 *
 * test/fixtures/pdf/hongze-2023.pdf, hongze-2024.pdf and huaian-2024.pdf are real published
 * reports (provenance in test/fixtures/pdf/SOURCE.md); their expected cell values were read by
 * hand from the rendered pages (test/report/pdf-expected.ts). encrypted-hongze-2024.pdf and
 * scanned-hongze-2023-p1.pdf are generated from them (see SOURCE.md). The other PDFs of this file
 * are generated at test time (test/report/pdf-make.ts) or are damaged copies of a real one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/model.ts';
import { parseReport, parseReportFile, ReportReadError } from '../../src/report/parse/index.ts';
import type { IrDocument, IrParagraph, IrTable } from '../../src/report/parse/ir.ts';
import { toGrid } from '../../src/report/parse/ir.ts';
import {
  closePdfWorkers,
  type PdfRaw,
  type PdfRawPage,
  pdfPagesToIr,
  pdfToIr,
} from '../../src/report/parse/pdf.ts';
import { checkReport } from '../../src/report/rules/index.ts';
import { PDF_EXPECTED, PDF_SECTION_HEADINGS, type PdfExpected } from './pdf-expected.ts';
import { longReportPdf, makePdf } from './pdf-make.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/pdf/${name}`, import.meta.url));

const paragraphs = (doc: IrDocument): IrParagraph[] =>
  doc.blocks.filter((b): b is IrParagraph => b.type === 'paragraph');
const tables = (doc: IrDocument): IrTable[] => doc.blocks.filter((b): b is IrTable => b.type === 'table');
const gridTexts = (t: IrTable): string[][] => toGrid(t).map((row) => row.map((c) => c.text));
const errors = (r: Report) => r.diagnostics.filter((d) => d.severity === 'error');
const failures = (r: Report) => checkReport(r).filter((x) => x.status === 'fail' && x.severity === 'error');

/** Rejects with a ReportReadError of this code (and a Chinese message). */
async function rejectsWith(p: Promise<unknown>, code: string): Promise<ReportReadError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ReportReadError, `expected ReportReadError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, /\p{Script=Han}/u);
    return e;
  }
  assert.fail(`expected a ReportReadError '${code}'`);
}

after(() => closePdfWorkers());

// ---------------------------------------------------------------------------------------------
// The three real reports: every cell of tables 二, 三, 四

function describeReport(E: PdfExpected, extra: (get: () => { r: Report; doc: IrDocument }) => void) {
  describe(`${E.file} (real published report)`, () => {
    let r: Report;
    let doc: IrDocument;
    before(async () => {
      doc = await pdfToIr(fixture(E.file));
      r = await parseReportFile(fixture(E.file), { filename: E.file });
    });

    it('recognises format, year, agency, title and the six sections; no parse errors', () => {
      assert.equal(r.format, E.format);
      assert.equal(r.year, E.year);
      assert.equal(r.agency, E.agency);
      assert.equal(r.title, E.title);
      assert.deepEqual(
        r.sections.map((s) => s.heading),
        [...PDF_SECTION_HEADINGS],
      );
      // sections 二, 三 and 四 hold only their tables
      for (const n of [1, 5, 6]) assert.ok(r.sections[n - 1]!.paragraphs.length > 0, `section ${n} has text`);
      assert.deepEqual(errors(r), []);
      assert.equal(r.table2.status, 'ok');
      assert.equal(r.table3.status, 'ok');
      assert.equal(r.table4.status, 'ok');
    });

    it('every cell of table 二 equals the hand-read value', () => {
      for (const [bk, rows] of Object.entries(E.table2)) {
        for (const [rk, cells] of Object.entries(rows)) {
          const got = r.table2.blocks[bk]!.rows[rk]!.cells;
          for (const [ck, raw] of Object.entries(cells)) assert.equal(got[ck]?.raw, raw, `${bk}.${rk}.${ck}`);
        }
      }
    });

    it('every cell of table 三 equals the hand-read value', () => {
      assert.deepEqual(Object.keys(r.table3.rows).sort(), Object.keys(E.table3).sort());
      for (const [key, cells] of Object.entries(E.table3)) {
        const got = Object.values(r.table3.rows[key]!.cells).map((c) => c.raw);
        assert.deepEqual(got, [...cells], key);
        assert.equal(r.table3.rows[key]!.extra, undefined, `${key} has no extra cells`);
      }
      for (const key of E.table3Absent) assert.equal(r.table3.rows[key], undefined, key);
      assert.match(r.table3.note ?? '', /勾稽关系/);
    });

    it('every cell of table 四 equals the hand-read value', () => {
      assert.deepEqual(
        Object.values(r.table4.row!.cells).map((c) => c.raw),
        [...E.table4],
      );
    });

    it('drops page numbers; sets the page of every paragraph and cell', () => {
      for (const p of paragraphs(doc)) {
        assert.doesNotMatch(p.text, /^[-—\s]*\d+[-—\s]*$/, 'no page number paragraph');
        assert.ok(p.pos.page && p.pos.page >= 1, p.text);
      }
      for (const t of tables(doc)) for (const row of t.rows) for (const c of row) assert.ok(c.pos.page);
      assert.equal(tables(doc).length, 3, 'tables 二, 三, 四');
    });

    extra(() => ({ r, doc }));
  });
}

describeReport(PDF_EXPECTED[0], (get) => {
  it('checker: exactly the two T4-01 failures of table 四, plus the real E-01 (single （六）其他处理 row)', () => {
    const { r } = get();
    const fails = failures(r);
    const t4 = fails.filter((f) => f.ruleId === 'T4-01');
    assert.equal(t4.length, 2);
    assert.match(t4[0]!.message, /行政复议/);
    assert.match(t4[1]!.message, /复议后起诉/);
    // SOURCE.md: （六）其他处理 is one row although the report uses the 2021 format
    assert.deepEqual(
      fails.map((f) => f.ruleId),
      ['T4-01', 'T4-01', 'E-01'],
    );
    assert.match(fails[2]!.message, /其他处理/);
  });

  it('keeps the misprinted label of row 不予公开 2 as printed', () => {
    assert.equal(get().r.table3.rows.R3_3_2!.label, '2.其他法律行政止公开');
  });

  it('rebuilds table 三 over the page break, with its merged header cells', () => {
    const t3 = tables(get().doc)[1]!;
    const pages = new Set(t3.rows.flat().map((c) => c.pos.page));
    assert.deepEqual([...pages].sort(), [3, 4], 'one table on pages 3 and 4');
    const g = gridTexts(t3);
    assert.deepEqual(g[0]!.slice(3), Array(7).fill('申请人情况'));
    assert.deepEqual(g[1]!.slice(3), ['自然人', ...Array(5).fill('法人或其他组织'), '总计']);
    assert.deepEqual(g[2]!.slice(3), [
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
    // a merged group label is one cell in the first row of its group, spanning the group's rows
    const spans = (text: string) =>
      t3.rows.flatMap((row, r) => row.filter((c) => c.text === text).map((c) => ({ r, rowSpan: c.rowSpan })));
    const first = (label: string) => g.findIndex((row) => row.includes(label));
    assert.deepEqual(spans('（三）不予公开'), [{ r: first('1.属于国家秘密'), rowSpan: 8 }]);
    assert.deepEqual(spans('（四）无法提供'), [{ r: first('1.本机关不掌握相关政府信息'), rowSpan: 3 }]);
    assert.deepEqual(spans('（五）不予处理'), [{ r: first('1.信访举报投诉类申请'), rowSpan: 5 }]);
    // （四）无法提供 continues on page 4
    assert.equal(t3.rows[first('3.补正后申请内容仍不明确')]![0]!.pos.page, 4);
    // the two lines of the label of （二）部分公开 are one cell
    assert.ok(g.some((row) => row.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）')));
  });

  it('joins multi-line header cells of table 四 ("结果" over "维持")', () => {
    const g = gridTexts(tables(get().doc)[2]!);
    assert.deepEqual(g[0], [...Array(5).fill('行政复议'), ...Array(10).fill('行政诉讼')]);
    assert.deepEqual(g[1]!.slice(5), [...Array(5).fill('未经复议直接起诉'), ...Array(5).fill('复议后起诉')]);
    assert.deepEqual(g[2], [
      ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
      ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
      ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    ]);
  });

  it('rebuilds table 二 as one table over pages 2–3, a header row per item and spanning value cells', () => {
    const t2 = tables(get().doc)[0]!;
    const g = gridTexts(t2);
    assert.deepEqual(g[0], Array(4).fill('第二十条第（一）项'));
    assert.deepEqual(g[1], ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    assert.deepEqual(g[2], ['规章', '0', '0', '0']);
    assert.deepEqual(g[6], ['行政许可', '550', '550', '550']);
    assert.equal(t2.rows[6]![1]!.colSpan, 3);
    assert.deepEqual(g[7], Array(4).fill('第二十条第（六）项'));
    assert.deepEqual(g[8], ['信息内容', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量']);
    assert.equal(t2.rows[7]![0]!.pos.page, 2, 'title row at the foot of page 2');
    assert.equal(t2.rows[8]![0]!.pos.page, 3, 'its header at the head of page 3');
  });

  it('joins the lines of a paragraph, over a page break too; the two title lines are one', () => {
    const texts = paragraphs(get().doc).map((p) => p.text);
    assert.equal(texts[0], '洪泽区人民政府2023年政府信息公开工作年度报告');
    assert.ok(texts.includes('一、总体情况'));
    // page 1 → page 2
    assert.ok(
      texts.some((t) => t.includes('严格执行“分级审核、先审后发”程序，落实“三审三校”制度')),
      'paragraph continued over the page break',
    );
    assert.ok(
      texts.some(
        (t) => t.startsWith('本报告由淮安市洪泽区人民政府办公室') && t.endsWith('hzzwgk@126.com）。'),
      ),
    );
  });
});

describeReport(PDF_EXPECTED[1], (get) => {
  it('checker: no rule error except the real E-01 (（六）其他处理 printed as one row)', () => {
    // Checked by hand on page 4: （六）其他处理 is one row with an empty cell beside its label.
    assert.deepEqual(
      failures(get().r).map((f) => f.ruleId),
      ['E-01'],
    );
  });
});

describeReport(PDF_EXPECTED[2], (get) => {
  it('checker: no rule fails with severity error', () => {
    assert.deepEqual(failures(get().r), []);
  });

  it('reads the multi-line labels of （六）其他处理 and a group label split by the page break', () => {
    const { r, doc } = get();
    assert.equal(
      r.table3.rows.R3_6_1!.label,
      '1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    );
    assert.equal(
      r.table3.rows.R3_6_2!.label,
      '2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    );
    const t3 = tables(doc)[1]!;
    const g = gridTexts(t3);
    const cellOf = (text: string) => t3.rows.flat().filter((c) => c.text === text);
    const first = (label: string) => g.findIndex((row) => row.includes(label));
    // "（四）无" ends page 4 and "法提供" begins page 5: one label over its three rows
    assert.deepEqual(
      cellOf('（四）无法提供').map((c) => [c.rowSpan, c.pos.page]),
      [[3, 4]],
    );
    assert.equal(g[first('3.补正后申请内容仍不明确')]![1], '（四）无法提供');
    // the vertical label 三、本年度办理结果, set one character per line, over （一）…（七）
    assert.deepEqual(
      cellOf('三、本年度办理结果').map((c) => c.rowSpan),
      [first('（七）总计') - first('（一）予以公开') + 1],
    );
  });
});

it('the hand-read values are consistent: row totals, column sums, new + carried = handled + carried', () => {
  const n = (s: string) => Number(s);
  for (const E of PDF_EXPECTED) {
    const results = Object.entries(E.table3).filter(([k]) => k.startsWith('R3_') && k !== 'R3_7');
    for (let c = 0; c < 7; c++) {
      const sum = results.reduce((s, [, row]) => s + n(row[c]!), 0);
      assert.equal(sum, n(E.table3.R3_7![c]!), `${E.file} column ${c + 1}: results sum to （七）总计`);
      assert.equal(
        n(E.table3.R1![c]!) + n(E.table3.R2![c]!),
        n(E.table3.R3_7![c]!) + n(E.table3.R4![c]!),
        `${E.file} column ${c + 1}`,
      );
    }
    for (const [k, row] of Object.entries(E.table3)) {
      const parts = row.slice(0, 6).reduce((s, v) => s + n(v), 0);
      assert.equal(parts, n(row[6]), `${E.file} ${k}: row total`);
    }
    for (let g = 0; g < 3; g++) {
      const [a, b, c, d, total] = E.table4.slice(g * 5, g * 5 + 5).map(n);
      const consistent = a! + b! + c! + d! === total;
      // hongze-2023 prints 总计 0 for 行政复议 and 复议后起诉 (SOURCE.md)
      assert.equal(consistent, !(E.file === 'hongze-2023.pdf' && g !== 1), `${E.file} table 四 group ${g}`);
    }
  }
  assert.equal(PDF_EXPECTED[2].table4.slice(0, 5).join(' '), '72 64 178 37 351');
});

// ---------------------------------------------------------------------------------------------
// Files that cannot be read: a clear message, never a crash or a hang

describe('PDFs that cannot be read', () => {
  const real = () => fixture('hongze-2023.pdf');

  it('a password-protected PDF (generated with qpdf --encrypt): encrypted', async () => {
    const e = await rejectsWith(parseReportFile(fixture('encrypted-hongze-2024.pdf')), 'encrypted');
    assert.match(e.message, /密码/);
  });

  it('a scan without a text layer (a page image): no-text-layer, saying there is no OCR', async () => {
    const e = await rejectsWith(parseReportFile(fixture('scanned-hongze-2023-p1.pdf')), 'no-text-layer');
    assert.match(e.message, /扫描件/);
    assert.match(e.message, /OCR/);
  });

  it('a PDF of a generated grey image only: no-text-layer', async () => {
    const grey = new Uint8Array(40 * 60).map((_, i) => (i * 7) % 256);
    const pdf = makePdf([{ image: { grey, width: 40, height: 60 } }]);
    await rejectsWith(parseReportFile(pdf, { filename: 'scan.pdf' }), 'no-text-layer');
  });

  it('a 0-byte file: empty', async () => {
    await rejectsWith(parseReportFile(Buffer.alloc(0), { filename: 'x.pdf' }), 'empty');
    await rejectsWith(pdfToIr(new Uint8Array(0)), 'empty');
  });

  it('truncated copies of a real PDF: corrupt (or a result), never another error', async () => {
    const buf = real();
    for (const share of [0.02, 0.4, 0.9, 0.99]) {
      const cut = buf.subarray(0, Math.floor(buf.length * share));
      try {
        const r = await parseReportFile(cut, { filename: 'cut.pdf' });
        assert.ok(r.sections.length > 0, `a result for ${share}`);
      } catch (e) {
        assert.ok(e instanceof ReportReadError, String(e));
        assert.ok(['corrupt', 'not-a-report', 'no-text-layer'].includes(e.code), `${share}: ${e.code}`);
      }
    }
  });

  it('flipped bytes inside a real PDF: corrupt, with a message saying the file is damaged', async () => {
    const buf = Buffer.from(real());
    for (let i = 2000; i < buf.length; i += 53) buf[i]! ^= 0xff;
    const e = await rejectsWith(parseReportFile(buf, { filename: 'flipped.pdf' }), 'corrupt');
    assert.match(e.message, /损坏/);
  });

  it('a PDF header followed by garbage, and a .pdf that is not a PDF: corrupt', async () => {
    await rejectsWith(parseReportFile(Buffer.from('%PDF-1.7\n'), { filename: 'a.pdf' }), 'corrupt');
    const garbage = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 7)]);
    await rejectsWith(parseReportFile(garbage, { filename: 'b.pdf' }), 'corrupt');
    await rejectsWith(parseReportFile(Buffer.from('hello world'), { filename: 'c.pdf' }), 'corrupt');
  });

  it('the synchronous parseReport refuses a PDF and names the async entry point', () => {
    assert.throws(
      () => parseReport(real(), { filename: 'x.pdf' }),
      (e) => e instanceof ReportReadError && e.code === 'unsupported' && /parseReportFile/.test(e.message),
    );
  });

  it('non-PDF input goes through the synchronous front ends', async () => {
    const seed = readFileSync(new URL('../fixtures/seed-2022.txt', import.meta.url));
    const r = await parseReportFile(seed, { filename: 'seed-2022.txt' });
    assert.equal(r.year, 2022);
  });
});

// ---------------------------------------------------------------------------------------------
// Bounds: time, pages, memory

describe('bounds: a 200-page PDF, a page cap, a time budget and a memory limit', () => {
  it('a generated 200-page PDF gives a result within the time budget and a loose memory bound', async () => {
    const pdf = longReportPdf(200);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await parseReportFile(pdf, { filename: 'long.pdf', pdf: { timeoutMs: 60_000 } });
    const ms = performance.now() - t0;
    const grown = (process.memoryUsage().rss - rss0) / 1024 / 1024;
    assert.equal(r.title, '某某县人民政府2023年政府信息公开工作年度报告');
    assert.equal(r.sections.length, 6);
    const text = r.sections.flatMap((s) => s.paragraphs).join('\n');
    assert.ok(text.includes('第200页第24行'), 'the last page was read');
    assert.doesNotMatch(text, /- \d+ -/, 'page numbers dropped');
    assert.ok(ms < 30_000, `parsed in ${Math.round(ms)} ms`);
    assert.ok(grown < 600, `rss grew by ${Math.round(grown)} MB`);
  });

  it('pages after the cap are not read, with a note', async () => {
    const r = await parseReportFile(longReportPdf(60), { filename: 'long.pdf', pdf: { maxPages: 20 } });
    const note = r.diagnostics.find((d) => d.code === 'FRONT_END' && /只读取了前20页/.test(d.message));
    assert.ok(note, 'a note about the page cap');
    assert.match(note.message, /共60页/);
    const text = r.sections.flatMap((s) => s.paragraphs).join('\n');
    assert.ok(text.includes('第20页第24行') && !text.includes('第21页'));
  });

  it('over the time budget: timeout (the worker is stopped), and the next file still reads', async () => {
    const e = await rejectsWith(
      parseReportFile(longReportPdf(80), { filename: 'slow.pdf', pdf: { timeoutMs: 1 } }),
      'timeout',
    );
    assert.match(e.message, /1毫秒内未能读取完毕/);
    const r = await parseReportFile(fixture('hongze-2024.pdf'));
    assert.equal(r.year, 2024);
  });

  it('an abort signal stops the reading', async () => {
    const ctrl = new AbortController();
    const p = parseReportFile(longReportPdf(80), { filename: 'x.pdf', pdf: { signal: ctrl.signal } });
    ctrl.abort();
    const e = await rejectsWith(p, 'timeout');
    assert.match(e.message, /取消/);
  });

  it('a "table" of thousands of pieces is read as text, with a note, in bounded time', () => {
    const specs: Spec[] = [{ text: '一、总体情况', x: 74, y: 40 }];
    for (let r = 0; r < 60; r++)
      for (let i = 0; i < 90; i++)
        specs.push({ text: String(i % 10), x: 20 + i * 6, y: 80 + r * 12, size: 3 });
    const t0 = performance.now();
    const doc = pdfPagesToIr(raw(page(specs)));
    assert.ok(performance.now() - t0 < 5000);
    assert.equal(tables(doc).length, 0);
    assert.ok(doc.notes.some((n) => /5400个文字片段组成的表格，过大，已按文字读取/.test(n)));
  });

  it('over the memory limit: too-large, not a crash', async () => {
    const e = await rejectsWith(
      parseReportFile(longReportPdf(20), { filename: 'big.pdf', pdf: { maxMemoryMb: 10 } }),
      'too-large',
    );
    assert.match(e.message, /内存/);
  });
});

// ---------------------------------------------------------------------------------------------
// Layout rules on hand-made pages (pdfPagesToIr is pure)

interface Spec {
  text: string;
  x: number;
  /** Baseline from the top of the page. */
  y: number;
  size?: number;
}

function page(specs: Spec[]): PdfRawPage {
  return {
    width: 595,
    height: 842,
    viewTransform: [1, 0, 0, -1, 0, 842],
    styles: { f: { ascent: 0.88, descent: -0.12, vertical: false } },
    items: specs.map((s) => {
      const size = s.size ?? 16;
      const width = [...s.text].reduce((w, ch) => w + (/[\u2e80-\uffff]/u.test(ch) ? size : size / 2), 0);
      return {
        str: s.text,
        transform: [size, 0, 0, size, s.x, 842 - s.y],
        width,
        height: size,
        fontName: 'f',
      };
    }),
  };
}

const raw = (...pages: PdfRawPage[]): PdfRaw => ({ numPages: pages.length, pages });

/** A line of body text that fills the measure (74 … 522). */
const full = (chars: string, y: number, x = 74): Spec => ({ text: chars.repeat(28).slice(0, 28), x, y });

describe('pdfPagesToIr: paragraphs (hand-made pages)', () => {
  it('joins a full line not ending with 。；： with the next line at the left margin; headings start paragraphs', () => {
    const doc = pdfPagesToIr(
      raw(
        page([
          { text: '一、总体情况', x: 106, y: 100 },
          { text: '甲'.repeat(26), x: 106, y: 130 },
          full('乙', 160),
          { text: '丙丙丙。', x: 74, y: 190 },
          { text: `（一）主动公开情况。${'丁'.repeat(16)}`, x: 106, y: 220 },
          full('丁', 250),
          full('戊', 280),
          { text: '己。', x: 74, y: 310 },
          { text: '二、主动公开政府信息情况', x: 106, y: 340 },
        ]),
      ),
    );
    assert.deepEqual(
      paragraphs(doc).map((p) => p.text),
      [
        '一、总体情况',
        `${'甲'.repeat(26)}${'乙'.repeat(28)}丙丙丙。`,
        `（一）主动公开情况。${'丁'.repeat(16)}${'丁'.repeat(28)}${'戊'.repeat(28)}己。`,
        '二、主动公开政府信息情况',
      ],
    );
  });

  it('a short line ends its paragraph; without first-line indents a full line ending with 。 does too', () => {
    const doc = pdfPagesToIr(
      raw(
        page([
          full('甲', 100),
          { text: '乙乙', x: 74, y: 130 },
          { text: `${'丙'.repeat(27)}。`, x: 74, y: 160 },
          full('丁', 190),
          { text: '戊。', x: 74, y: 220 },
        ]),
      ),
    );
    assert.deepEqual(
      paragraphs(doc).map((p) => p.text),
      [`${'甲'.repeat(28)}乙乙`, `${'丙'.repeat(27)}。`, `${'丁'.repeat(28)}戊。`],
    );
  });

  it('drops page numbers and lines repeated at the top of most pages; continues a paragraph over the break', () => {
    const header = (n: number): Spec => ({ text: `某某县人民政府 第${n}期`, x: 230, y: 40, size: 10 });
    const doc = pdfPagesToIr(
      raw(
        page([
          header(1),
          { text: '开头', x: 106, y: 100 },
          full('甲', 760),
          { text: '-1-', x: 290, y: 800, size: 10 },
        ]),
        page([header(2), { text: '乙乙。', x: 74, y: 100 }, { text: '第 2 页', x: 280, y: 800, size: 10 }]),
        page([header(3), { text: '丙丙。', x: 106, y: 100 }, { text: '3/3', x: 290, y: 800, size: 10 }]),
      ),
    );
    assert.deepEqual(
      paragraphs(doc).map((p) => [p.text, p.pos.page]),
      [
        ['开头', 1],
        [`${'甲'.repeat(28)}乙乙。`, 1],
        ['丙丙。', 3],
      ],
    );
  });

  it('removes the typographic spaces between CJK characters, keeps those between Latin words', () => {
    const doc = pdfPagesToIr(raw(page([{ text: '号 ， 邮 编 ： 223100 ， 电子邮箱 a b', x: 74, y: 100 }])));
    assert.equal(paragraphs(doc)[0]!.text, '号，邮编：223100，电子邮箱a b');
  });

  it('an item drawn twice at almost the same place (simulated bold) counts once', () => {
    const doc = pdfPagesToIr(
      raw(
        page([
          { text: '一、总体情况', x: 106, y: 100 },
          { text: '一、总体情况', x: 106.3, y: 100 },
        ]),
      ),
    );
    assert.deepEqual(
      paragraphs(doc).map((p) => p.text),
      ['一、总体情况'],
    );
  });
});

describe('turned pages', () => {
  it('a page with /Rotate reads like the upright page (text turned back by its direction)', async () => {
    const lines = [
      { text: '某某县人民政府2023年政府信息公开工作年度报告', x: 110, y: 760, size: 18 },
      { text: '一、总体情况', x: 100, y: 720, size: 16 },
      { text: '本机关依法推进政府信息公开工作。', x: 100, y: 690, size: 16 },
    ];
    const texts = async (rotate: 0 | 90 | 180 | 270) =>
      paragraphs(await pdfToIr(makePdf([{ lines, rotate }]))).map((p) => p.text);
    const upright = await texts(0);
    assert.deepEqual(upright, [
      '某某县人民政府2023年政府信息公开工作年度报告',
      '一、总体情况',
      '本机关依法推进政府信息公开工作。',
    ]);
    for (const rotate of [90, 180, 270] as const)
      assert.deepEqual(await texts(rotate), upright, `/Rotate ${rotate}`);
  });
});

describe('pdfPagesToIr: tables (hand-made pages)', () => {
  it('rows from the lines with values, columns from the header cells; a blank row and a blank column stay', () => {
    const s = 10;
    const doc = pdfPagesToIr(
      raw(
        page([
          { text: '二、主动公开政府信息情况', x: 106, y: 80 },
          { text: '信息内容', x: 80, y: 120, size: s },
          { text: '本年制发件数', x: 250, y: 120, size: s },
          { text: '本年废止件数', x: 350, y: 120, size: s },
          { text: '现行有效件数', x: 450, y: 120, size: s },
          { text: '规章', x: 80, y: 150, size: s },
          { text: '3', x: 278, y: 150, size: s },
          { text: '8', x: 478, y: 150, size: s },
          // a row whose value cells are all blank
          { text: '行政规范性文件', x: 80, y: 180, size: s },
          { text: '其他事项', x: 80, y: 210, size: s },
          { text: '1', x: 278, y: 210, size: s },
          { text: '2', x: 378, y: 210, size: s },
          { text: '3', x: 478, y: 210, size: s },
          { text: '三、收到和处理政府信息公开申请情况', x: 106, y: 260 },
        ]),
      ),
    );
    const t = tables(doc);
    assert.equal(t.length, 1);
    assert.deepEqual(gridTexts(t[0]!), [
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '3', '', '8'],
      ['行政规范性文件', '', '', ''],
      ['其他事项', '1', '2', '3'],
    ]);
    assert.deepEqual(
      paragraphs(doc).map((p) => p.text),
      ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况'],
    );
  });

  it('a table continued on the next page without its header keeps its columns', () => {
    const s = 10;
    const row = (label: string, y: number, v: string[]): Spec[] => [
      { text: label, x: 80, y, size: s },
      ...v.map((text, i) => ({ text, x: 300 + i * 80, y, size: s })),
    ];
    const doc = pdfPagesToIr(
      raw(
        page([
          { text: '标题', x: 106, y: 80 },
          { text: '项目', x: 80, y: 700, size: s },
          { text: '甲列', x: 298, y: 700, size: s },
          { text: '乙列', x: 378, y: 700, size: s },
          { text: '丙列', x: 458, y: 700, size: s },
          ...row('第一行', 730, ['1', '2', '3']),
          ...row('第二行', 760, ['4', '5', '6']),
          { text: '- 1 -', x: 290, y: 810, size: 10 },
        ]),
        page([...row('第三行', 60, ['7', '', '9']), ...row('第四行', 90, ['10', '11', '12'])]),
      ),
    );
    const t = tables(doc);
    assert.equal(t.length, 1);
    assert.deepEqual(gridTexts(t[0]!).slice(3), [
      ['第三行', '7', '', '9'],
      ['第四行', '10', '11', '12'],
    ]);
    assert.deepEqual(
      t[0]!.rows.map((r) => r[0]!.pos.page),
      [1, 1, 1, 2, 2],
    );
  });

  it('tight rows: blank rows stay rows (an enumerator starts a row, a short line ends its cell); right-aligned values find their centred headers', () => {
    const s = 10;
    const label = (text: string, y: number, x = 150): Spec => ({ text, x, y, size: s });
    const value = (text: string, right: number, y: number): Spec => ({
      text,
      x: right - text.length * 5,
      y,
      size: s,
    });
    const doc = pdfPagesToIr(
      raw(
        page([
          { text: '三、收到和处理政府信息公开申请情况', x: 106, y: 100 },
          { text: '本年度收到和处理政府信息公开申请的情况见下表。', x: 106, y: 130 },
          { text: '项目', x: 80, y: 180, size: s },
          { text: '甲列', x: 320, y: 180, size: s },
          { text: '乙列', x: 390, y: 180, size: s },
          label('1.属于国家秘密', 200),
          value('14', 350, 200),
          label('2.其他法律行政法规禁止公开', 218),
          label('（三）', 222, 110),
          label('不予公', 234, 110),
          label('3.危及安全', 236),
          label('开', 246, 120),
          label('4.保护第三方合法权益', 254),
          label('5.属于三类内部事务信息', 272),
          value('5', 350, 272),
          label('6.要求机关确认或重新出具已获', 290),
          label('取信息', 302),
          label('7.其他', 320),
          value('3', 350, 320),
          value('1', 420, 320),
        ]),
      ),
    );
    const g = gridTexts(tables(doc)[0]!);
    assert.deepEqual(g[0], ['项目', '项目', '甲列', '乙列']);
    const body = g.slice(1);
    assert.deepEqual(
      body.map((row) => [row[1], row[2], row[3]]),
      [
        ['1.属于国家秘密', '14', ''],
        ['2.其他法律行政法规禁止公开', '', ''],
        ['3.危及安全', '', ''],
        ['4.保护第三方合法权益', '', ''],
        ['5.属于三类内部事务信息', '5', ''],
        ['6.要求机关确认或重新出具已获取信息', '', ''],
        ['7.其他', '3', '1'],
      ],
    );
    // the group label: one cell in the first row, over the numbered rows 1–7
    const t = tables(doc)[0]!;
    assert.deepEqual(
      t.rows
        .flat()
        .filter((c) => c.text === '（三）不予公开')
        .map((c) => [c.rowSpan, c.pos.row]),
      [[7, 2]],
    );
    assert.ok(body.every((row) => row[0] === '（三）不予公开'));
  });

  it('a label of two lines centred on its row is one cell; a group label spans its numbered rows', () => {
    const s = 9;
    const v = (y: number): Spec[] => ['1', '2'].map((text, i) => ({ text, x: 400 + i * 60, y, size: s }));
    const doc = pdfPagesToIr(
      raw(
        page([
          { text: '三、收到和处理政府信息公开申请情况', x: 106, y: 50 },
          { text: '本年度收到和处理政府信息公开申请的情况见下表。', x: 106, y: 75 },
          { text: '项目', x: 80, y: 100, size: s },
          { text: '甲', x: 400, y: 100, size: s },
          { text: '乙', x: 460, y: 100, size: s },
          { text: '（一）第一行的标签很长', x: 80, y: 124, size: s },
          { text: '需要两行', x: 80, y: 137, size: s },
          ...v(131),
          { text: '（二）组', x: 80, y: 172, size: s },
          { text: '1.子项一', x: 180, y: 160, size: s },
          ...v(160),
          { text: '2.子项二', x: 180, y: 184, size: s },
          ...v(184),
        ]),
      ),
    );
    const g = gridTexts(tables(doc)[0]!);
    assert.deepEqual(g.slice(1), [
      ['（一）第一行的标签很长需要两行', '（一）第一行的标签很长需要两行', '1', '2'],
      ['（二）组', '1.子项一', '1', '2'],
      ['（二）组', '2.子项二', '1', '2'],
    ]);
  });
});
