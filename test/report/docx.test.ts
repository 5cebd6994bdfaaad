/**
 * DOCX front end (src/report/parse/docx.ts): paragraphs, tables with gridSpan/vMerge, Word list
 * numbering, hidden/deleted text, and clear errors for inputs that are not a readable DOCX.
 * Packages are written by hand (a small ZIP writer below) or with the `docx` package; mammoth, an
 * independent reader, is the oracle for the spans of merged cells.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import mammoth from 'mammoth';
import { emptyReport, setT3Row } from '../../src/report/build.ts';
import { docxToIr, formatListNumber, splitLines } from '../../src/report/parse/docx.ts';
import { htmlToIr } from '../../src/report/parse/html.ts';
import { parseReport, ReportReadError } from '../../src/report/parse/index.ts';
import type { IrDocument, IrTable } from '../../src/report/parse/ir.ts';
import { renderXlsx } from '../../src/report/render/xlsx.ts';

// ---------------------------------------------------------------------------------------------
// A minimal ZIP writer (stored or deflated entries) for hand-made packages

function zip(files: Record<string, string | Buffer>, deflate = true): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = deflate ? deflateRawSync(data) : data;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x800, 8);
    cen.writeUInt16LE(deflate ? 8 : 0, 10);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    central.push(cen, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A DOCX package around a body (WordprocessingML with the `w:` prefix unless `prefix` is given). */
function docxPackage(
  body: string,
  extra: { numbering?: string; styles?: string; parts?: Record<string, string>; rels?: string[] } = {},
  prefix = 'w',
): Buffer {
  const rels = [
    ...(extra.styles ? [`<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`] : []),
    ...(extra.numbering ? [`<Relationship Id="rIdN" Type="${REL}/numbering" Target="numbering.xml"/>`] : []),
    ...(extra.rels ?? []),
  ];
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/_rels/document.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${prefix}:document xmlns:${prefix}="${W}" xmlns:r="${R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`,
    ...(extra.styles
      ? { 'word/styles.xml': `<?xml version="1.0"?><w:styles xmlns:w="${W}">${extra.styles}</w:styles>` }
      : {}),
    ...(extra.numbering
      ? {
          'word/numbering.xml': `<?xml version="1.0"?><w:numbering xmlns:w="${W}">${extra.numbering}</w:numbering>`,
        }
      : {}),
    ...(extra.parts ?? {}),
  });
}

const p = (text: string, pPr = ''): string =>
  `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (text: string, tcPr = ''): string =>
  `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${p(text)}</w:tc>`;

const paragraphs = (doc: IrDocument): string[] =>
  doc.blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text);
const tables = (doc: IrDocument): IrTable[] => doc.blocks.filter((b): b is IrTable => b.type === 'table');
/** A table as rows of `text[rowSpan×colSpan]` (spans shown only when > 1). */
const shape = (t: IrTable): string[][] =>
  t.rows.map((r) =>
    r.map((c) => `${c.text}${c.rowSpan > 1 || c.colSpan > 1 ? `[${c.rowSpan}×${c.colSpan}]` : ''}`),
  );

function readError(fn: () => unknown): ReportReadError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ReportReadError, `expected ReportReadError, got ${(e as Error)?.stack}`);
    return e;
  }
  assert.fail('expected a ReportReadError');
}

// ---------------------------------------------------------------------------------------------

describe('docxToIr: paragraphs', () => {
  it('reads runs, tabs, hyperlinks, content controls and inserted text; skips deleted, hidden and field codes', () => {
    const body = [
      '<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t>总体情况</w:t></w:r></w:p>',
      '<w:p><w:hyperlink r:id="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:ins><w:r><w:t>新增</w:t></w:r></w:ins>' +
        '<w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>' +
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r></w:p>',
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
      '<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件</w:t></w:r><w:r><w:tab/><w:t>内容</w:t></w:r></w:p></w:sdtContent></w:sdt>',
      '<w:p><w:r><w:t xml:space="preserve">　　全角空格缩进  和  空白 </w:t></w:r></w:p>',
      '<w:p/>',
      '<w:p><w:ruby><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby></w:p>',
    ].join('');
    const doc = docxToIr(docxPackage(body));
    assert.equal(doc.source, 'docx');
    assert.deepEqual(paragraphs(doc), [
      '一、总体情况',
      '链接新增显示',
      '3',
      '控件 内容',
      '全角空格缩进 和 空白',
      '注',
    ]);
  });

  it('splits at a line break only where a new paragraph starts; joins a wrapped title without a space', () => {
    const br = '<w:r><w:br/></w:r>';
    const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const doc = docxToIr(
      docxPackage(
        [
          `<w:p>${run('科学技术和工业信息化局')}${br}${run('2022年政府信息公开工作年度报告')}</w:p>`,
          `<w:p>${run('第一句。')}${br}${run('第二句')}${br}${run('（一）主动公开')}${br}${run('　　缩进的段落')}</w:p>`,
          `<w:p>${run('Open')}${br}${run('Data')}</w:p>`,
        ].join(''),
      ),
    );
    assert.deepEqual(paragraphs(doc), [
      '科学技术和工业信息化局2022年政府信息公开工作年度报告',
      '第一句。',
      '第二句',
      '（一）主动公开',
      '缩进的段落',
      'Open Data',
    ]);
    assert.deepEqual(splitLines('甲\u2028乙'), ['甲乙']);
  });

  it('writes out Word list numbers (一、 （一） 1.), through paragraph styles too, and leaves out a table of contents', () => {
    const numbering = [
      '<w:abstractNum w:abstractNumId="0">',
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>',
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>',
      '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>',
      '</w:abstractNum>',
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>',
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
      '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>',
    ].join('');
    const styles = [
      '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>',
      '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>',
      '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>',
    ].join('');
    const num = (id: number, lvl: number) =>
      `<w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="${id}"/></w:numPr>`;
    const body = [
      p('一、总体情况 ........ 1', '<w:pStyle w:val="TOC1"/>'),
      p('总体情况', '<w:pStyle w:val="H1"/>'),
      p('主动公开', '<w:pStyle w:val="H2"/>'),
      p('规章', num(1, 2)),
      p('文件', num(1, 2)),
      p('依申请公开', '<w:pStyle w:val="H2"/>'),
      p('要点', num(2, 0)),
      p('主动公开政府信息情况', '<w:pStyle w:val="H1"/>'),
      p('第五项', num(3, 0)),
    ].join('');
    const doc = docxToIr(docxPackage(body, { numbering, styles }));
    assert.deepEqual(paragraphs(doc), [
      '一、总体情况',
      '（一）主动公开',
      '1.规章',
      '2.文件',
      '（二）依申请公开',
      '要点',
      '二、主动公开政府信息情况',
      '五、第五项',
    ]);
    assert.equal(formatListNumber(12, 'chineseCounting'), '十二');
    assert.equal(formatListNumber(20, 'chineseCounting'), '二十');
    assert.equal(formatListNumber(105, 'chineseCountingThousand'), '一百零五');
    assert.equal(formatListNumber(3, 'decimalEnclosedCircle'), '③');
    assert.equal(formatListNumber(4, 'upperRoman'), 'IV');
  });

  it('reads a part whose WordprocessingML prefix is not w:', () => {
    const body = '<ns0:p><ns0:r><ns0:t>前缀不同</ns0:t></ns0:r></ns0:p>';
    assert.deepEqual(paragraphs(docxToIr(docxPackage(body, {}, 'ns0'))), ['前缀不同']);
  });

  it('reads text boxes after their paragraph and an HTML altChunk with the HTML front end', () => {
    const box =
      '<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x"><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>';
    const chunk = '<w:altChunk r:id="rIdH"/>';
    const doc = docxToIr(
      docxPackage(box + chunk, {
        rels: [`<Relationship Id="rIdH" Type="${REL}/aFChunk" Target="chunk.html"/>`],
        parts: {
          'word/chunk.html': '<html><body><p>嵌入网页</p><table><tr><td>甲</td></tr></table></body></html>',
        },
      }),
    );
    assert.deepEqual(paragraphs(doc), ['正文', '文本框', '嵌入网页']);
    assert.equal(tables(doc).length, 1);
  });
});

describe('docxToIr: tables', () => {
  it('turns gridSpan into colSpan and vMerge restart/continue into rowSpan, cells once', () => {
    const body =
      '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
      `<w:tr>${tc('说明', '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')}${tc('申请人情况', '<w:gridSpan w:val="2"/>')}</w:tr>` +
      `<w:tr>${tc('', '<w:gridSpan w:val="2"/><w:vMerge/>')}${tc('自然人')}${tc('法人', '<w:vMerge w:val="restart"/>')}</w:tr>` +
      `<w:tr>${tc('三、办理结果', '<w:vMerge w:val="restart"/>')}${tc('（一）予以公开')}${tc('5')}${tc('', '<w:vMerge w:val="continue"/>')}</w:tr>` +
      `<w:tr>${tc('', '<w:vMerge/>')}${tc('（二）部分公开')}${tc('/')}${tc('')}</w:tr>` +
      '</w:tbl>';
    const doc = docxToIr(docxPackage(body));
    const [t] = tables(doc);
    assert.deepEqual(shape(t!), [
      ['说明[2×2]', '申请人情况[1×2]'],
      ['自然人', '法人[2×1]'],
      ['三、办理结果[2×1]', '（一）予以公开', '5'],
      ['（二）部分公开', '/', ''],
    ]);
    assert.deepEqual(t!.rows[2]![1]!.pos, { table: 1, row: 3, cell: 2 });
  });

  it('honours gridBefore, legacy hMerge, multi-paragraph cells and nested tables (with a note)', () => {
    const nested = `<w:tbl><w:tr>${tc('内1')}${tc('内2')}</w:tr></w:tbl>`;
    const body =
      `<w:tbl><w:tr>${tc('甲')}${tc('乙')}${tc('丙')}</w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('丁', '<w:vMerge w:val="restart"/>')}${tc('戊')}</w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('', '<w:vMerge/>')}${tc('己')}</w:tr>` +
      `<w:tr>${tc('横', '<w:hMerge w:val="restart"/>')}${tc('', '<w:hMerge/>')}${tc('庚')}</w:tr>` +
      `<w:tr><w:tc>${p('本年新')}${p('制作数量')}</w:tc><w:tc>${nested}</w:tc>${tc('x')}</w:tr></w:tbl>`;
    const doc = docxToIr(docxPackage(body));
    assert.deepEqual(shape(tables(doc)[0]!), [
      ['甲', '乙', '丙'],
      ['丁[2×1]', '戊'],
      ['己'],
      ['横[1×2]', '庚'],
      ['本年新制作数量', '内1 内2', 'x'],
    ]);
    assert.ok(doc.notes.some((n) => n.includes('嵌套了表格')));
  });

  it('reads a one-column layout table around the content as ordinary flow', () => {
    const inner = `<w:tbl><w:tr>${tc('a')}${tc('b')}</w:tr></w:tbl>`;
    const body = `<w:tbl><w:tr><w:tc>${p('一、总体情况')}${p('正文')}${inner}</w:tc></w:tr></w:tbl>`;
    const doc = docxToIr(docxPackage(body));
    assert.deepEqual(paragraphs(doc), ['一、总体情况', '正文']);
    assert.equal(tables(doc).length, 1);
    assert.ok(doc.notes.some((n) => n.includes('排版用表格')));
  });

  it('gives the same cells and spans as mammoth (an independent reader) on a table made with the docx package', async () => {
    const cell = (text: string, o: { columnSpan?: number; rowSpan?: number } = {}) =>
      new TableCell({ children: [new Paragraph(text)], ...o });
    const table = new Table({
      rows: [
        new TableRow({
          children: [cell('注', { columnSpan: 3, rowSpan: 3 }), cell('申请人情况', { columnSpan: 3 })],
        }),
        new TableRow({
          children: [cell('自然人', { rowSpan: 2 }), cell('法人或其他组织', { columnSpan: 2 })],
        }),
        new TableRow({ children: [cell('商业企业'), cell('其他')] }),
        new TableRow({
          children: [
            cell('三、本年度办理结果', { rowSpan: 2 }),
            cell('（一）', { columnSpan: 2 }),
            cell('1'),
            cell(''),
            cell('/'),
          ],
        }),
        new TableRow({ children: [cell('（二）', { columnSpan: 2 }), cell('2'), cell('3'), cell('4')] }),
      ],
    });
    const buf = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('表'), table] }] }),
    );
    const ours = tables(docxToIr(buf))[0]!;
    const theirs = tables(htmlToIr((await mammoth.convertToHtml({ buffer: buf })).value))[0]!;
    assert.deepEqual(shape(ours), shape(theirs));
    assert.deepEqual(shape(ours)[0], ['注[3×3]', '申请人情况[1×3]']);
    assert.deepEqual(shape(ours)[3], ['三、本年度办理结果[2×1]', '（一）[1×2]', '1', '', '/']);
  });
});

describe('DOCX inputs that cannot be read', () => {
  it('a 0-byte .docx', () => {
    const e = readError(() => parseReport(Buffer.alloc(0), { filename: '年报.docx' }));
    assert.equal(e.code, 'empty');
    assert.match(e.message, /0字节/);
    assert.equal(readError(() => docxToIr(Buffer.alloc(0))).code, 'empty');
  });

  it('a password-protected DOCX (an encrypted OOXML Compound File)', () => {
    const cfb = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from('EncryptionInfo', 'utf16le').copy(cfb, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(cfb, 1152);
    const e = readError(() => parseReport(cfb, { filename: '年报.docx' }));
    assert.equal(e.code, 'encrypted');
    assert.match(e.message, /加密.*密码/);
  });

  it('a legacy .doc (Compound File with a WordDocument stream), whatever its name', () => {
    const cfb = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from('WordDocument', 'utf16le').copy(cfb, 1024);
    for (const filename of ['年报.doc', '年报.docx', '年报']) {
      const e = readError(() => parseReport(cfb, { filename }));
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /旧版Word文档.*另存为DOCX/);
    }
  });

  it('corrupted: random bytes named .docx, a truncated archive, a damaged entry, no document part', async () => {
    const random = Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 7919 + 13) % 256));
    let e = readError(() => parseReport(random, { filename: 'x.docx' }));
    assert.equal(e.code, 'corrupt');
    assert.match(e.message, /DOCX文件已损坏/);

    const good = docxPackage(p('一、总体情况'));
    e = readError(() => parseReport(good.subarray(0, Math.floor(good.length / 2)), { filename: 'x.docx' }));
    assert.equal(e.code, 'corrupt');
    assert.match(e.message, /DOCX文件已损坏/);

    const damaged = Buffer.from(good);
    // overwrite the deflated body of word/document.xml with junk
    const at = damaged.indexOf(Buffer.from('word/document.xml')) + 'word/document.xml'.length;
    damaged.fill(0xff, at, at + 40);
    e = readError(() => parseReport(damaged, { filename: 'x.docx' }));
    assert.equal(e.code, 'corrupt');

    e = readError(() => parseReport(zip({ 'readme.txt': 'hello' }), { filename: 'x.docx' }));
    assert.equal(e.code, 'corrupt');
    assert.match(e.message, /没有正文/);

    const xlsx = await renderXlsx(emptyReport('2021', 2022, '某局'));
    e = readError(() => parseReport(xlsx, { filename: 'x.docx' }));
    assert.equal(e.code, 'unsupported');
    assert.match(e.message, /Excel/);
  });

  it('an encrypted ZIP entry is reported, not crashed on', () => {
    const buf = docxPackage(p('一、总体情况'));
    // set the "encrypted" flag bit of every central directory entry
    for (
      let i = buf.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
      i >= 0;
      i = buf.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), i + 4)
    ) {
      buf.writeUInt16LE(buf.readUInt16LE(i + 8) | 1, i + 8);
    }
    const e = readError(() => parseReport(buf, { filename: 'x.docx' }));
    assert.equal(e.code, 'encrypted');
  });

  it('an entry that claims to unpack to more than 256 MB is refused', () => {
    const buf = docxPackage(p('一、总体情况'));
    // the central directory entry of word/document.xml: its uncompressed size field
    for (
      let i = buf.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
      i >= 0;
      i = buf.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), i + 4)
    ) {
      const name = buf.subarray(i + 46, i + 46 + buf.readUInt16LE(i + 28)).toString('latin1');
      if (name === 'word/document.xml') buf.writeUInt32LE(0x7fffffff, i + 24);
    }
    const e = readError(() => parseReport(buf, { filename: 'x.docx' }));
    assert.equal(e.code, 'too-large');
    assert.match(e.message, /过大/);
  });

  it('an HTML page saved with a .docx name is still read as HTML', () => {
    const r = parseReport(
      Buffer.from('<html><body><h1>某局2022年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>'),
      {
        filename: '年报.docx',
      },
    );
    assert.equal(r.year, 2022);
  });
});

describe('parseReport on a DOCX report', () => {
  it('recognises a hand-made 2021-format report with its tables', async () => {
    const r = emptyReport('2021', 2022, '某局');
    setT3Row(r, 'R1', [1, 0, 0, 0, 0, 0, 1]);
    const body = [
      p('某局2022年政府信息公开工作年度报告'),
      p('一、总体情况'),
      p('本年度工作情况。'),
      p('三、收到和处理政府信息公开申请情况'),
      '<w:tbl>',
      `<w:tr>${tc('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>')}${tc('申请人情况', '<w:gridSpan w:val="7"/>')}</w:tr>`,
      `<w:tr>${tc('', '<w:gridSpan w:val="3"/><w:vMerge/>')}${tc('自然人', '<w:vMerge w:val="restart"/>')}${tc('法人或其他组织', '<w:gridSpan w:val="5"/>')}${tc('总计', '<w:vMerge w:val="restart"/>')}</w:tr>`,
      `<w:tr>${tc('', '<w:gridSpan w:val="3"/><w:vMerge/>')}${tc('', '<w:vMerge/>')}${['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((t) => tc(t)).join('')}${tc('', '<w:vMerge/>')}</w:tr>`,
      `<w:tr>${tc('一、本年新收政府信息公开申请数量', '<w:gridSpan w:val="3"/>')}${['1', '', '', '', '', '', '1'].map((t) => tc(t)).join('')}</w:tr>`,
      '</w:tbl>',
    ].join('');
    const report = parseReport(docxPackage(body), { filename: 'r.docx' });
    assert.equal(report.year, 2022);
    assert.equal(report.agency, '某局');
    assert.deepEqual(
      Object.values(report.table3.rows.R1!.cells).map((c) => c.raw),
      ['1', '', '', '', '', '', '1'],
    );
  });
});
